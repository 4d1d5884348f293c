/**
 * One tracking issue per repository for the default branch: created when findings
 * appear, its body rewritten only when the set of findings changes, closed with a
 * comment when they are gone, reopened with a comment when they come back.
 *
 * Found again by label + hidden marker (never by title, which users edit, and not
 * through search, whose index lags). Idempotent: the same push handled twice finds
 * its own issue with the same fingerprint and sends no mutation. Callers serialise
 * per repository (see serial.ts) so two deliveries cannot both create it.
 */
import { createHash } from "node:crypto";
import type { Finding, ScanResult } from "../core/types.js";
import type { AppOctokit } from "./check-run.js";
import { countLine, ISSUE_BODY_MAX, renderForGitHub } from "./summary.js";

export const TRACKING_LABEL = "carryover";
export const TRACKING_MARKER = "<!-- carryover:tracking -->";
const FINGERPRINT_RE = /<!-- carryover:fingerprint=([0-9a-f]+) -->/;
/** Label colour (hex without #) and description used when the label has to be created. */
const LABEL_COLOR = "d93f0b";
const LABEL_DESCRIPTION = "Dataset terms that did not carry over to the weights' license (carryover)";

/** What `upsertTrackingIssue` did. */
export type IssueAction = "none" | "created" | "updated" | "unchanged" | "closed" | "reopened";

/** Hash of the sorted, de-duplicated finding fingerprints: the same findings give the same value whatever their order or line. */
export function findingsFingerprint(findings: readonly Finding[]): string {
  const fps = [...new Set(findings.map((f) => f.fingerprint))].sort();
  return createHash("sha256").update(fps.join("\n")).digest("hex").slice(0, 32);
}

/** The markers at the top of the body. */
function markers(fingerprint: string): string {
  return `${TRACKING_MARKER}\n<!-- carryover:fingerprint=${fingerprint} -->\n`;
}

/**
 * Quotes of the status statements findings rest on (a retraction, a takedown, a deprecation): the
 * finding's message, which quotes the registry's statement, with the statement's URL. A finding
 * rests on one when its sources include the `statusSource` of a non-active dataset of the lineage.
 */
export function statusNotices(result: ScanResult): string {
  const seen = new Set<string>();
  const lines: string[] = [];
  for (const f of result.findings) {
    const node = result.lineage[f.origin ?? f.dataset ?? ""];
    if (!node || node.status === "active" || !node.statusSource || !f.sources.includes(node.statusSource) || seen.has(node.id)) continue;
    seen.add(node.id);
    const text = f.message.replace(/[\r\n]+/g, " ").replace(/[<>]/g, (c) => (c === "<" ? "&lt;" : "&gt;"));
    lines.push(`> **${node.name.replace(/[*_`[\]<>]/g, "")} is ${node.status}.** ${text} ([statement](${node.statusSource}))`);
  }
  return lines.length ? `${lines.join("\n>\n")}\n\n` : "";
}

/** The issue title and body for a result with findings. */
export function issueContent(result: ScanResult, ref: string, linkBase?: string): { title: string; body: string } {
  const fp = findingsFingerprint(result.findings);
  const head = `${markers(fp)}\ncarryover found dataset terms that may not have carried over to the license these weights ship under (scanned \`${ref}\`). This issue is kept up to date on every push to the default branch and closed when the findings are gone.\n\n${statusNotices(result)}`;
  const body = head + renderForGitHub(result, ISSUE_BODY_MAX - head.length, linkBase);
  return { title: `carryover: ${countLine(result.findings)} on the default branch`, body };
}

/** The body after the findings are gone (the fingerprint of "no findings", so a later return reopens it). */
function resolvedBody(ref: string): string {
  return `${markers(findingsFingerprint([]))}\nNo findings as of \`${ref}\`. carryover reopens this issue if findings come back.\n`;
}

interface IssueLite {
  number: number;
  state: string;
  body?: string | null;
  pull_request?: unknown;
  user?: { type?: string } | null;
}

/** The app's tracking issue among `issues` (label-filtered): marker in the body, not a PR, opened by a bot; oldest open first. */
export function pickTrackingIssue<T extends IssueLite>(issues: readonly T[]): T | undefined {
  const ours = issues.filter((i) => !i.pull_request && i.body?.includes(TRACKING_MARKER) && (i.user?.type ?? "Bot") === "Bot");
  ours.sort((a, b) => a.number - b.number);
  return ours.find((i) => i.state === "open") ?? ours[0];
}

/**
 * Create, update, close or reopen the tracking issue of `owner/repo` for `result`.
 * Requests: 1 list when nothing changes; +1 label +1 create on first findings;
 * +1 on a change; +2 (comment, edit) to close or reopen.
 */
export async function upsertTrackingIssue(
  octokit: AppOctokit,
  where: { owner: string; repo: string },
  result: ScanResult,
  ref: string,
  linkBase?: string,
): Promise<{ action: IssueAction; number?: number }> {
  const { owner, repo } = where;
  // Listing by label is consistent right after a create (unlike search). One page of
  // 100 is plenty: the app only ever opens one issue with this label per repo.
  const { data: list } = await octokit.rest.issues.listForRepo({ owner, repo, labels: TRACKING_LABEL, state: "all", per_page: 100, sort: "created", direction: "asc" });
  const issue = pickTrackingIssue(list);
  const now = findingsFingerprint(result.findings);
  const stored = issue?.body ? FINGERPRINT_RE.exec(issue.body)?.[1] : undefined;

  if (result.findings.length === 0) {
    if (!issue || issue.state !== "open") return issue ? { action: "none", number: issue.number } : { action: "none" };
    await octokit.rest.issues.createComment({ owner, repo, issue_number: issue.number, body: `All carryover findings are resolved as of \`${ref}\`. Closing.` });
    await octokit.rest.issues.update({ owner, repo, issue_number: issue.number, state: "closed", state_reason: "completed", body: resolvedBody(ref) });
    return { action: "closed", number: issue.number };
  }

  const { title, body } = issueContent(result, ref, linkBase);
  if (!issue) {
    await ensureLabel(octokit, owner, repo);
    const { data } = await octokit.rest.issues.create({ owner, repo, title, body, labels: [TRACKING_LABEL] });
    return { action: "created", number: data.number };
  }
  if (stored === now) return { action: "unchanged", number: issue.number };
  if (issue.state !== "open") {
    // Closed and the findings differ from what it last recorded (they came back, or
    // changed after someone closed it by hand): reopen. Same findings → stay closed.
    await octokit.rest.issues.update({ owner, repo, issue_number: issue.number, state: "open", title, body });
    await octokit.rest.issues.createComment({ owner, repo, issue_number: issue.number, body: `Findings are back as of \`${ref}\` (${countLine(result.findings)}). Reopening.` });
    return { action: "reopened", number: issue.number };
  }
  await octokit.rest.issues.update({ owner, repo, issue_number: issue.number, title, body });
  return { action: "updated", number: issue.number };
}

/** Create the label; 422 means it already exists, which is fine. Only called when an issue is about to be created. */
async function ensureLabel(octokit: AppOctokit, owner: string, repo: string): Promise<void> {
  try {
    await octokit.rest.issues.createLabel({ owner, repo, name: TRACKING_LABEL, color: LABEL_COLOR, description: LABEL_DESCRIPTION });
  } catch (e) {
    if ((e as { status?: number }).status !== 422) throw e;
  }
}
