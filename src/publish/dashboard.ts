/**
 * Dashboards as issues, in the manner of Renovate's dependency dashboard: one issue per purpose
 * (the organisation's audit, or one stewarded dataset), found again by a hidden marker, rewritten
 * in place on every run, never duplicated.
 *
 * - `renderOrgDashboard`: the organisation's audit as Markdown: summary counts, repositories with
 *   findings grouped by their worst severity (each linking its tracking issue when known), the
 *   datasets whose terms are dropped most, failed scans. A machine-readable state block (registry
 *   version, per-repository findings fingerprints) lets the next run say what is new.
 * - `upsertDashboardIssue`: the one issue carrying a marker, created only when none exists among
 *   the app's open and closed issues.
 *
 * Privacy: a dashboard whose repository is public (`publicAudience`) lists public repositories
 * only, states how many private ones it left out, and keeps them out of its counts and its state
 * block too (counts of private findings are themselves information about private code).
 */
import { severityRank, type Finding, type Severity } from "../core/types.js";
import type { AuditReport, AuditedRepository } from "../audit/types.js";
import type { AppOctokit } from "./check-run.js";
import { findingsFingerprint } from "./issue.js";
import { KeyedQueue } from "./serial.js";
import { countLine, DISCLAIMER, ISSUE_BODY_MAX } from "./summary.js";

// ---------------------------------------------------------------------------------------
// Markers and the state block

/** Keys are what follows `carryover:dashboard:` in the marker: `org:acme`, `steward:ms-celeb-1m`. */
const KEY_RE = /^[A-Za-z0-9][A-Za-z0-9:._/-]{0,200}$/;

/** The hidden marker that identifies one dashboard issue: `<!-- carryover:dashboard:KEY -->`. */
export function dashboardMarker(key: string): string {
  if (!KEY_RE.test(key) || key.includes("--")) throw new Error(`invalid dashboard key '${key}'`);
  return `<!-- carryover:dashboard:${key} -->`;
}

/** What a dashboard remembers between runs, embedded as JSON in a hidden comment. */
export interface DashboardState {
  v: 1;
  /** `Registry.version` (content hash) the data came from. */
  registry: string;
  /** Key → fingerprint: for the org dashboard `owner/name` → findings fingerprint (repositories with findings only). */
  entries: Record<string, string>;
  /** Entries left out to keep the issue body within GitHub's limit (0 when none): a key missing from `entries` is then not known to be new. */
  omitted: number;
}

const STATE_OPEN = "<!-- carryover:state ";
const STATE_RE = /<!-- carryover:state (\{.*?\}) -->/s;
/** Characters the state block may take; the rest of the body is the visible dashboard. */
export const STATE_MAX = 16_000;

/** The hidden state comment. `<`, `>` are escaped in the JSON so no value can close the comment early. */
export function stateBlock(state: DashboardState): string {
  const json = JSON.stringify(state).replace(/</g, "\\u003c").replace(/>/g, "\\u003e");
  return `${STATE_OPEN}${json} -->`;
}

/** The state block of a previous body, or null when it has none or it does not parse (never throws). */
export function parseState(body: string | null | undefined): DashboardState | null {
  const m = body ? STATE_RE.exec(body) : null;
  if (!m) return null;
  try {
    const s = JSON.parse(m[1]!) as Partial<DashboardState>;
    if (s.v !== 1 || typeof s.registry !== "string" || !s.entries || typeof s.entries !== "object") return null;
    const entries: Record<string, string> = {};
    for (const [k, v] of Object.entries(s.entries)) if (typeof v === "string") entries[k] = v;
    return { v: 1, registry: s.registry, entries, omitted: typeof s.omitted === "number" ? s.omitted : 0 };
  } catch {
    return null;
  }
}

/**
 * Entries that fit in {@link STATE_MAX} characters, in the given (priority) order; the rest are
 * counted in `omitted`.
 */
export function boundedState(registry: string, ordered: readonly [string, string][]): DashboardState {
  const state: DashboardState = { v: 1, registry, entries: {}, omitted: 0 };
  let size = stateBlock(state).length + 16; // room for a larger `omitted`
  for (const [k, v] of ordered) {
    const add = JSON.stringify(k).length + JSON.stringify(v).length + 2;
    if (size + add > STATE_MAX) {
      state.omitted++;
      continue;
    }
    state.entries[k] = v;
    size += add;
  }
  return state;
}

// ---------------------------------------------------------------------------------------
// Fitting a body under the issue limit

/**
 * Render with at most `cap` items per list, the largest cap that fits in `max` characters
 * (binary search over the cap; each render is linear). Lists say "and N more" when capped.
 */
export function fitToLimit(render: (cap: number) => string, max = ISSUE_BODY_MAX): string {
  const full = render(Number.MAX_SAFE_INTEGER);
  if (full.length <= max) return full;
  let lo = 0;
  let hi = 4096;
  while (render(hi).length <= max && hi < 1 << 24) hi *= 2;
  while (hi - lo > 1) {
    const mid = (lo + hi) >>> 1;
    if (render(mid).length <= max) lo = mid;
    else hi = mid;
  }
  const body = render(lo);
  if (body.length <= max) return body;
  // Even empty lists do not fit (only a huge fixed part could do that): cut, keeping the state at the end.
  const state = STATE_RE.exec(body)?.[0] ?? "";
  const note = "\n\n_… cut to fit GitHub's issue size limit._\n\n";
  return body.slice(0, max - note.length - state.length) + note + state;
}

/** At most `cap` of `items` as lines, then an "and N more" line. */
export function cappedList<T>(items: readonly T[], cap: number, line: (item: T) => string, more: (n: number) => string): string[] {
  const out = items.slice(0, cap).map(line);
  if (items.length > cap) out.push(more(items.length - cap));
  return out;
}

// ---------------------------------------------------------------------------------------
// The organisation dashboard

export interface OrgDashboardOptions {
  /** The dashboard's repository is public: list public repositories only. */
  publicAudience: boolean;
  /** Tracking issue numbers by `owner/name`, when known: each listed repository links its issue. */
  trackingIssues?: Readonly<Record<string, number>>;
  /** The state block of the previous dashboard body (see {@link parseState}): marks what is new. */
  previous?: DashboardState | null;
  /** Body limit (GitHub: 65,536). */
  maxLength?: number;
}

/** The org dashboard's marker key: `org:<org or installation>` from the report target. */
export function orgDashboardMarker(report: Pick<AuditReport, "target">): string {
  const key = report.target.replace(/^github:/, "org:").replace(/^installation:/, "installation:");
  return dashboardMarker(key);
}

export function orgDashboardTitle(report: Pick<AuditReport, "target">): string {
  return `carryover dashboard: ${report.target.replace(/^github:/, "")}`;
}

/** Worst severity of a repository's findings, or null when it has none. */
function worstSeverity(findings: readonly Finding[]): Severity | null {
  let worst: Severity | null = null;
  for (const f of findings) if (worst === null || severityRank(f.severity) > severityRank(worst)) worst = f.severity;
  return worst;
}

/** The fingerprint stored per repository: short, as the state block has to fit in the body. */
export function repoFingerprint(findings: readonly Finding[]): string {
  return findingsFingerprint(findings).slice(0, 12);
}

interface Row {
  repo: AuditedRepository;
  findings: Finding[];
  worst: Severity;
  fp: string;
  isNew: boolean;
}

const GROUPS: { severity: Severity; heading: string; word: string }[] = [
  { severity: "error", heading: "Errors", word: "errors" },
  { severity: "warning", heading: "Warnings", word: "warnings" },
  { severity: "info", heading: "Notes", word: "notes" },
];

/** One line of text, safe inside inline code (no backticks, no line breaks), at most `max` characters. */
function inline(s: string, max = 200): string {
  const t = s.replace(/[\r\n]+/g, " ").replace(/`/g, "'").trim();
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}

function repoLink(r: AuditedRepository): string {
  return r.htmlUrl ? `[${r.repository}](${r.htmlUrl})` : `\`${r.repository}\``;
}

function issueLink(r: AuditedRepository, n: number | undefined): string {
  if (n === undefined) return "";
  return r.htmlUrl ? ` · [tracking issue #${n}](${r.htmlUrl}/issues/${n})` : ` · tracking issue #${n}`;
}

/** The datasets a repository's findings are about (the ancestor at stake when there is one). */
function datasetsOf(findings: readonly Finding[]): string[] {
  return [...new Set(findings.map((f) => f.origin ?? f.dataset).filter((d): d is string => d !== null))].sort();
}

/**
 * The org dashboard body: marker, summary, what is new since `previous`, repositories with
 * findings by worst severity, the datasets dropped most, failed scans, the state block. Always
 * within `maxLength` (lists are capped with an "and N more" line).
 */
export function renderOrgDashboard(report: AuditReport, opts: OrgDashboardOptions): string {
  const marker = orgDashboardMarker(report);
  const listed = opts.publicAudience ? report.repositories.filter((r) => !r.private) : report.repositories;
  const privateLeftOut = report.repositories.length - listed.length + report.privateOmitted;
  const prev = opts.previous ?? null;

  const rows: Row[] = [];
  for (const repo of listed) {
    if (repo.status !== "scanned" || !repo.result) continue;
    const worst = worstSeverity(repo.result.findings);
    if (!worst) continue;
    const fp = repoFingerprint(repo.result.findings);
    const before = prev?.entries[repo.repository];
    // Unknown to a previous state that had to leave entries out: not known to be new.
    const isNew = prev !== null && before !== fp && !(before === undefined && prev.omitted > 0);
    rows.push({ repo, findings: repo.result.findings, worst, fp, isNew });
  }
  rows.sort((a, b) => severityRank(b.worst) - severityRank(a.worst) || Number(b.isNew) - Number(a.isNew) || (a.repo.repository < b.repo.repository ? -1 : 1));
  const failed = listed.filter((r) => r.status === "failed");
  const skipped = listed.filter((r) => r.status === "skipped").length;
  const scanned = listed.filter((r) => r.status === "scanned").length;

  // Datasets whose terms are dropped most: distinct repositories per dataset, errors and warnings only.
  const byDataset = new Map<string, { repos: Set<string>; worst: Severity; rules: Set<string> }>();
  for (const row of rows) {
    for (const f of row.findings) {
      const d = f.origin ?? f.dataset;
      if (d === null || f.severity === "info") continue;
      let e = byDataset.get(d);
      if (!e) byDataset.set(d, (e = { repos: new Set(), worst: f.severity, rules: new Set() }));
      e.repos.add(row.repo.repository);
      e.rules.add(f.rule);
      if (severityRank(f.severity) > severityRank(e.worst)) e.worst = f.severity;
    }
  }
  const datasets = [...byDataset].sort((a, b) => b[1].repos.size - a[1].repos.size || (a[0] < b[0] ? -1 : 1));

  const state = boundedState(report.registryVersion, rows.map((r) => [r.repo.repository, r.fp] as [string, string]));
  const newRows = rows.filter((r) => r.isNew);

  const render = (cap: number): string => {
    const out: string[] = [marker, "", `# ${orgDashboardTitle(report)}`, ""];
    out.push(
      `This issue lists what carryover's audit of \`${report.target}\` found on each repository's default branch: dataset terms that may not have carried over to the license the weights ship under. It is rewritten on every audit (last: ${report.generatedAt}).`,
      "",
      "## Summary",
      "",
      `- ${listed.length} repositories audited: ${scanned} scanned, ${failed.length} failed, ${skipped} skipped`,
      `- ${rows.length} with findings: ${GROUPS.map((g) => `${rows.filter((r) => r.worst === g.severity).length} with ${g.word}`).join(", ")}`,
      `- ${scanned - rows.length} without findings`,
    );
    if (privateLeftOut > 0) {
      out.push(`- ${privateLeftOut} private ${privateLeftOut === 1 ? "repository is" : "repositories are"} not listed${opts.publicAudience ? " because this dashboard's repository is public" : ""}`);
    }
    if (prev && prev.registry !== report.registryVersion) out.push("- the dataset registry changed since the last audit");
    out.push("");
    if (prev) {
      out.push("## New since the last audit", "");
      if (newRows.length === 0) out.push("Nothing new.");
      else out.push(...cappedList(newRows, cap, (r) => `- ${repoLink(r.repo)}: ${countLine(r.findings)}`, (n) => `- … and ${n} more`));
      out.push("");
    }
    out.push("## Repositories with findings", "");
    if (rows.length === 0) out.push("None.", "");
    for (const g of GROUPS) {
      const group = rows.filter((r) => r.worst === g.severity);
      if (!group.length) continue;
      out.push(`### ${g.heading} (${group.length})`, "");
      out.push(
        ...cappedList(
          group,
          cap,
          (r) => {
            const ds = datasetsOf(r.findings);
            return `- ${r.isNew ? "**new** " : ""}${repoLink(r.repo)}: ${countLine(r.findings)}${ds.length ? ` · ${ds.map((d) => `\`${d}\``).join(", ")}` : ""}${issueLink(r.repo, opts.trackingIssues?.[r.repo.repository])}`;
          },
          (n) => `- … and ${n} more repositories with ${g.word} (run \`carryover audit\` for the full report)`,
        ),
        "",
      );
    }
    if (datasets.length) {
      out.push("## Datasets whose terms are dropped most", "", "| Dataset | Repositories | Worst | Rules |", "| --- | --- | --- | --- |");
      out.push(
        ...cappedList(
          datasets,
          Math.min(cap, 20),
          ([d, e]) => `| \`${d}\` | ${e.repos.size} | ${e.worst} | ${[...e.rules].sort().join(", ")} |`,
          (n) => `| … and ${n} more datasets | | | |`,
        ),
        "",
      );
    }
    if (failed.length) {
      out.push(`## Failed scans (${failed.length})`, "");
      out.push(...cappedList(failed, cap, (r) => `- ${repoLink(r)}: \`${inline(r.error ?? "unknown error")}\``, (n) => `- … and ${n} more failed scans`), "");
    }
    out.push(DISCLAIMER, "", stateBlock(state), "");
    return out.join("\n");
  };
  return fitToLimit(render, opts.maxLength ?? ISSUE_BODY_MAX);
}

/** True when the dashboard shows something that was not in `previous`: a repository with new or changed findings. */
export function orgDashboardHasNews(report: AuditReport, opts: Pick<OrgDashboardOptions, "publicAudience" | "previous">): boolean {
  const prev = opts.previous;
  if (!prev) return false;
  return report.repositories.some((r) => {
    if ((opts.publicAudience && r.private) || r.status !== "scanned" || !r.result?.findings.length) return false;
    const before = prev.entries[r.repository];
    return before !== repoFingerprint(r.result.findings) && !(before === undefined && prev.omitted > 0);
  });
}

// ---------------------------------------------------------------------------------------
// Upsert

/** Runs `job` exclusively for `key` (the app passes its per-repository queue, the one tracking issues use). */
export type Lock = <T>(key: string, job: () => Promise<T>) => Promise<T>;

const defaultQueue = new KeyedQueue();
/** In-process serialisation per repository, used when no lock is injected. */
export const defaultLock: Lock = (key, job) => defaultQueue.run(key, job);

export interface DashboardIssueInput {
  owner: string;
  repo: string;
  title: string;
  /**
   * The body, or a function of the existing issue's body (null when there is none) that returns it
   * and whether to reopen: read under the lock, so the previous state (`parseState`) is the one
   * this write replaces.
   */
  body: string | ((existing: string | null) => { body: string; reopen?: boolean });
  /** From {@link dashboardMarker}; must appear in `body`. */
  marker: string;
  /** The app's bot login (`<slug>[bot]`): narrows the listing to its issues. Without it, any Bot-authored issue counts. */
  creator?: string;
  /** Reopen the issue if it was closed (the caller passes true when something new needs attention). */
  reopen?: boolean;
  lock?: Lock;
}

export type DashboardAction = "created" | "updated" | "reopened" | "unchanged";

interface IssueLite {
  number: number;
  state: string;
  title?: string;
  body?: string | null;
  pull_request?: unknown;
  user?: { login?: string; type?: string } | null;
}

/** The dashboard issue carrying `marker` among `issues`: not a PR, opened by a bot (the app); oldest open first, else the oldest. */
export function pickDashboardIssue<T extends IssueLite>(issues: readonly T[], marker: string, creator?: string): T | undefined {
  const ours = issues.filter((i) => !i.pull_request && i.body?.includes(marker) && (i.user?.type ?? "Bot") === "Bot" && (creator === undefined || i.user?.login === undefined || i.user.login === creator));
  ours.sort((a, b) => a.number - b.number);
  return ours.find((i) => i.state === "open") ?? ours[0];
}

const norm = (s: string | null | undefined): string => (s ?? "").replace(/\r\n/g, "\n");

/**
 * Create or update the dashboard issue identified by `marker` in `owner/repo`.
 *
 * The issue is looked up among open AND closed issues (by the app when `creator` is given), by
 * marker, never by title (people edit titles). Created only when none exists. A closed dashboard
 * stays closed and is still rewritten in place (someone closed it on purpose; reopening it by
 * hand shows the current state), unless `reopen` is set: the caller sets it when something new
 * needs attention (`orgDashboardHasNews`, `stewardHasNews`). An identical body and title send no
 * mutation. Runs under `lock` keyed by the repository, so two runs cannot both create it.
 * Requests: 1 list (a page per 100 issues) + at most 1 create or update.
 */
export async function upsertDashboardIssue(octokit: AppOctokit, input: DashboardIssueInput): Promise<{ action: DashboardAction; number: number }> {
  const { owner, repo, title, marker } = input;
  const check = (body: string) => {
    if (!body.includes(marker)) throw new Error("the dashboard body must contain its marker");
    if (body.length > ISSUE_BODY_MAX) throw new RangeError(`dashboard body is ${body.length} characters; GitHub's limit is ${ISSUE_BODY_MAX}`);
    return body;
  };
  if (typeof input.body === "string") check(input.body);
  const lock = input.lock ?? defaultLock;
  return lock(`${owner}/${repo}`, async () => {
    const list = (await octokit.paginate(octokit.rest.issues.listForRepo, {
      owner,
      repo,
      state: "all",
      per_page: 100,
      sort: "created",
      direction: "asc",
      ...(input.creator ? { creator: input.creator } : {}),
    })) as IssueLite[];
    const issue = pickDashboardIssue(list, marker, input.creator);
    const built = typeof input.body === "string" ? { body: input.body, reopen: input.reopen } : input.body(issue?.body ?? null);
    const body = check(built.body);
    if (!issue) {
      const { data } = await octokit.rest.issues.create({ owner, repo, title, body });
      return { action: "created", number: data.number };
    }
    const reopen = (built.reopen ?? input.reopen) === true && issue.state !== "open";
    if (!reopen && norm(issue.body) === norm(body) && issue.title === title) return { action: "unchanged", number: issue.number };
    await octokit.rest.issues.update({ owner, repo, issue_number: issue.number, title, body, ...(reopen ? { state: "open" as const } : {}) });
    return { action: reopen ? "reopened" : "updated", number: issue.number };
  });
}
