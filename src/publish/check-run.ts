/**
 * The single "carryover" check run per head SHA: conclusion, title, summary and
 * annotations, for every outcome (a failed scan included: fail closed).
 *
 * Conclusion policy (documented in docs/deploy.md):
 * - `failure`: at least one finding at or above the repo's `fail-on` level, or the
 *   scan itself failed (the summary says why);
 * - `neutral`: nothing to check: no weights, no dataset mentions and no findings;
 * - `success`: otherwise (findings below `fail-on` are still listed and annotated).
 */
import type { ProbotOctokit } from "probot";
import { severityRank, type Finding, type ScanResult, type Severity } from "../core/types.js";
import { CHECK_SUMMARY_MAX, countLine, DISCLAIMER, renderForGitHub, sortFindings } from "./summary.js";

/** The check run's name; one per head SHA. */
export const CHECK_NAME = "carryover";
/** Checks API: at most 50 annotations per create/update request. */
export const ANNOTATIONS_PER_REQUEST = 50;
/** Checks API: annotation `title` ≤ 255 chars; `message` and `raw_details` ≤ 64 KB (we keep far below). */
const TITLE_MAX = 255;
const MESSAGE_MAX = 4_000;

/** `fail-on` of `.github/carryover.yml`. */
export type FailOn = Severity | "never";
export type Conclusion = "success" | "failure" | "neutral";

/** Octokit as Probot hands it to handlers. */
export type AppOctokit = InstanceType<typeof ProbotOctokit>;

/** One annotation as the Checks API takes it. */
export interface Annotation {
  path: string;
  start_line: number;
  end_line: number;
  annotation_level: "notice" | "warning" | "failure";
  message: string;
  title?: string;
  raw_details?: string;
}

/** What to publish: a scan result, or the error that stopped the scan. */
export type CheckInput =
  | { kind: "result"; result: ScanResult; failOn: FailOn; /** `https://github.com/o/r/blob/<sha>/` for evidence links. */ linkBase?: string }
  | { kind: "error"; target: string; error: unknown };

/** A check run ready to send: the first request's body and the annotation batches. */
export interface CheckRunPlan {
  conclusion: Conclusion;
  title: string;
  summary: string;
  /** Batches of ≤ 50; the first goes with the create request. */
  batches: Annotation[][];
}

const LEVEL: Record<Severity, Annotation["annotation_level"]> = { error: "failure", warning: "warning", info: "notice" };

/** The check conclusion for findings under a `fail-on` level (see the module comment). */
export function conclusionFor(result: ScanResult, failOn: FailOn): Conclusion {
  const threshold = failOn === "never" ? Infinity : severityRank(failOn);
  if (result.findings.some((f) => severityRank(f.severity) >= threshold)) return "failure";
  if (result.findings.length === 0 && result.weights.length === 0 && result.datasets.length === 0) return "neutral";
  return "success";
}

/** One annotation per finding with evidence, at its primary location (line 0 = the whole file → line 1). */
export function annotationsFor(findings: readonly Finding[]): Annotation[] {
  const out: Annotation[] = [];
  for (const f of sortFindings(findings)) {
    const ev = f.evidence[0];
    if (!ev) continue;
    const line = Math.max(1, ev.line);
    const more = f.evidence.slice(1).map((e) => `${e.path}:${e.line}: ${e.text.trim()}`);
    const details = [...(f.sources.length ? ["Terms:", ...f.sources] : []), ...(more.length ? ["", "Also:", ...more] : [])].join("\n");
    out.push({
      path: ev.path,
      start_line: line,
      end_line: line,
      annotation_level: LEVEL[f.severity],
      title: `${f.rule}${f.dataset ? ` (${f.dataset})` : ""}`.slice(0, TITLE_MAX),
      message: `${f.message}\n\nFix: ${f.fix}`.slice(0, MESSAGE_MAX),
      ...(details ? { raw_details: details.slice(0, MESSAGE_MAX) } : {}),
    });
  }
  return out;
}

/** Say what went wrong without leaking anything but the message and the HTTP status/request id. */
export function describeError(error: unknown): string {
  if (error instanceof Error) {
    const e = error as Error & { status?: number; response?: { headers?: Record<string, string> } };
    const rid = e.response?.headers?.["x-github-request-id"];
    return `${e.name === "HttpError" && e.status ? `GitHub API ${e.status}: ` : ""}${e.message}${rid ? ` (request id ${rid})` : ""}`;
  }
  return String(error);
}

/** Pure: the plan for a check run. */
export function planCheckRun(input: CheckInput): CheckRunPlan {
  if (input.kind === "error") {
    const summary = [
      `carryover could not scan \`${input.target}\`, so this check fails closed rather than pass unchecked.`,
      "",
      "```",
      describeError(input.error).slice(0, 4_000),
      "```",
      "",
      "Re-run the check once the cause is fixed. " + DISCLAIMER,
    ].join("\n");
    return { conclusion: "failure", title: "carryover could not scan this commit", summary, batches: [] };
  }
  const { result, failOn } = input;
  const conclusion = conclusionFor(result, failOn);
  const title =
    conclusion === "neutral"
      ? "Nothing to check: no weights or dataset mentions found"
      : `${countLine(result.findings)}${failOn === "never" ? "" : ` (fails on ${failOn})`}`;
  const summary = renderForGitHub(result, CHECK_SUMMARY_MAX, input.linkBase);
  const annotations = annotationsFor(result.findings);
  const batches: Annotation[][] = [];
  for (let i = 0; i < annotations.length; i += ANNOTATIONS_PER_REQUEST) batches.push(annotations.slice(i, i + ANNOTATIONS_PER_REQUEST));
  return { conclusion, title, summary, batches };
}

/**
 * Create the check run on `headSha` in `owner/repo`. ≤ 50 annotations: one request,
 * created completed. More: created `in_progress` with the first 50, then one
 * `checks.update` per further 50 (annotations are appended; title and summary are
 * required on every update), the conclusion on the last one.
 */
export async function publishCheckRun(
  octokit: AppOctokit,
  where: { owner: string; repo: string; headSha: string; detailsUrl?: string },
  input: CheckInput,
  /** A run an earlier attempt of the same job created: rewritten instead of creating a second one. */
  existingId?: number,
): Promise<{ id: number; conclusion: Conclusion; requests: number }> {
  const plan = planCheckRun(input);
  const [first = [], ...rest] = plan.batches;
  const output = (annotations: Annotation[]) => ({ title: plan.title, summary: plan.summary, ...(annotations.length ? { annotations } : {}) });
  const done = { status: "completed" as const, conclusion: plan.conclusion, completed_at: new Date().toISOString() };
  const head = {
    owner: where.owner,
    repo: where.repo,
    name: CHECK_NAME,
    ...(where.detailsUrl ? { details_url: where.detailsUrl } : {}),
    ...(rest.length ? { status: "in_progress" as const } : done),
    output: output(first),
  };
  const { data } =
    existingId === undefined
      ? await octokit.rest.checks.create({ ...head, head_sha: where.headSha })
      : await octokit.rest.checks.update({ ...head, check_run_id: existingId });
  let requests = 1;
  for (let i = 0; i < rest.length; i++) {
    const last = i === rest.length - 1;
    await octokit.rest.checks.update({
      owner: where.owner,
      repo: where.repo,
      check_run_id: data.id,
      ...(last ? done : {}),
      output: output(rest[i]!),
    });
    requests++;
  }
  return { id: data.id, conclusion: plan.conclusion, requests };
}

/**
 * The newest "carryover" check run on `headSha`, if any (1 request). Only asked on a job's second
 * start, so that a worker that died after creating the run does not leave a duplicate.
 */
export async function findCheckRun(octokit: AppOctokit, where: { owner: string; repo: string; headSha: string }): Promise<number | undefined> {
  const { data } = await octokit.rest.checks.listForRef({ owner: where.owner, repo: where.repo, ref: where.headSha, check_name: CHECK_NAME, filter: "latest", per_page: 1 });
  return data.check_runs[0]?.id;
}
