/**
 * What every audit format shows, computed once from an `AuditReport`: one row per finding
 * (plus one per repository without findings), the headline counts, which datasets' terms and
 * which restrictions are dropped most, and each dataset's users and lineage. Pure and ordered,
 * so every format lists the same things in the same order.
 */
import type { AuditedRepository, AuditReport } from "../../audit/types.js";
import type { Finding, LineageNode, Severity } from "../../core/types.js";
import { severityRank } from "../../core/types.js";
import { sortFindings, weightsLicenseLabel, worstSeverity } from "../common.js";

/**
 * What kind of term or status a rule's finding says was dropped, for the "restrictions dropped
 * most" summaries. Rules not listed here (unknown dataset, undeclared training data, config
 * problems…) are about documentation, not a dropped term, and are left out of that summary.
 */
export const RESTRICTION_OF_RULE: Readonly<Record<string, string>> = {
  "noncommercial-not-carried-over": "non-commercial",
  "share-alike-not-carried-over": "share-alike",
  "no-derivatives": "no-derivatives",
  "redistribution-forbidden": "no-redistribution",
  "use-restrictions-not-carried-over": "use restrictions",
  "attribution-missing": "attribution",
  "api-output-terms": "API output terms",
  "dataset-terms-unclear": "unclear terms",
  "retracted-dataset": "retraction",
  "deprecated-dataset-version": "deprecated version",
};

/** What a row stands for: a finding, or a repository without findings (clean, failed or skipped). */
export type RowKind = "finding" | "clean" | "failed" | "skipped";

/** One line of the audit table. Finding fields are null on a repository-only row. */
export interface AuditRow {
  kind: RowKind;
  repository: string;
  private: boolean;
  htmlUrl: string | null;
  sha: string;
  status: AuditedRepository["status"];
  /** Findings of the row's repository (for sorting repositories by how much is wrong). */
  repoFindings: number;
  severity: Severity | null;
  rule: string | null;
  dataset: string | null;
  /** Display name of `dataset` from the lineage, when known. */
  datasetName: string | null;
  origin: string | null;
  originName: string | null;
  weightsLicense: string | null;
  evidencePath: string | null;
  /** 0 when the evidence is the file as a whole or absent. */
  evidenceLine: number;
  evidenceText: string | null;
  /** The finding's message, or the error of a failed scan. */
  message: string;
  fix: string;
  source: string | null;
}

/** Headline numbers. */
export interface AuditSummary {
  repositories: number;
  scanned: number;
  failed: number;
  skipped: number;
  withWeights: number;
  withFindings: number;
  /** Repositories whose worst finding is this severity. */
  worst: Record<Severity, number>;
  /** All findings by severity. */
  findings: Record<Severity, number>;
  privateScanned: number;
  privateOmitted: number;
}

export interface DatasetStat {
  /** Registry id, or the name as written for an unknown dataset. */
  id: string;
  name: string;
  /** Repositories with a finding about this dataset (as origin, else as dataset). */
  repositories: string[];
  findings: Record<Severity, number>;
  /** Restriction labels at stake, most frequent first. */
  restrictions: string[];
}

export interface RestrictionStat {
  label: string;
  rules: string[];
  repositories: string[];
  findings: number;
  /** Datasets whose term or status this is, most frequent first. */
  datasets: string[];
}

/** A registry dataset some scanned repository names, with who names it and how. */
export interface DatasetUse {
  id: string;
  name: string;
  status: LineageNode["status"];
  license: string | null;
  users: { repository: string; private: boolean; roles: string[]; findings: number; worst: Severity | null }[];
}

export interface AuditModel {
  report: AuditReport;
  rows: AuditRow[];
  summary: AuditSummary;
  datasets: DatasetStat[];
  restrictions: RestrictionStat[];
  uses: DatasetUse[];
  /** Every lineage node the scans returned, by id (own keys only). */
  lineage: Map<string, LineageNode>;
  /** Repositories in display order: worst severity first, then most findings, then name. */
  repositories: AuditedRepository[];
}

const zero = (): Record<Severity, number> => ({ error: 0, warning: 0, info: 0 });
const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function findingsOf(r: AuditedRepository): Finding[] {
  return r.status === "scanned" && r.result ? r.result.findings : [];
}

/** Build the model. Never throws on a well-typed report; tolerates a scanned entry without a result. */
export function buildModel(report: AuditReport): AuditModel {
  const lineage = new Map<string, LineageNode>();
  for (const r of report.repositories) {
    for (const [id, node] of Object.entries(r.result?.lineage ?? {})) if (!lineage.has(id)) lineage.set(id, node);
  }
  const nameOf = (id: string | null): string | null => (id === null ? null : (lineage.get(id)?.name ?? null));

  const repositories = report.repositories
    .map((r, i) => ({ r, i, f: findingsOf(r) }))
    .sort((a, b) => {
      const wa = worstSeverity(a.f);
      const wb = worstSeverity(b.f);
      return (wb ? severityRank(wb) : -1) - (wa ? severityRank(wa) : -1) || b.f.length - a.f.length || cmp(a.r.repository, b.r.repository) || a.i - b.i;
    })
    .map(({ r }) => r);

  const rows: AuditRow[] = [];
  const summary: AuditSummary = {
    repositories: report.repositories.length,
    scanned: 0,
    failed: 0,
    skipped: 0,
    withWeights: 0,
    withFindings: 0,
    worst: zero(),
    findings: zero(),
    privateScanned: 0,
    privateOmitted: report.privateOmitted,
  };
  const datasets = new Map<string, { name: string; repos: Set<string>; findings: Record<Severity, number>; restrictions: Map<string, number> }>();
  const restrictions = new Map<string, { rules: Set<string>; repos: Set<string>; findings: number; datasets: Map<string, number> }>();
  const uses = new Map<string, DatasetUse>();

  for (const repo of repositories) {
    const base = { repository: repo.repository, private: repo.private, htmlUrl: repo.htmlUrl ?? null, sha: repo.sha, status: repo.status };
    if (repo.status === "failed") summary.failed++;
    if (repo.status === "skipped") summary.skipped++;
    const result = repo.status === "scanned" ? repo.result : undefined;
    if (repo.status === "scanned") summary.scanned++;
    if (repo.status === "scanned" && repo.private) summary.privateScanned++;
    const findings = sortFindings(findingsOf(repo));
    const empty = {
      severity: null,
      rule: null,
      dataset: null,
      datasetName: null,
      origin: null,
      originName: null,
      evidencePath: null,
      evidenceLine: 0,
      evidenceText: null,
      fix: "",
      source: null,
    };
    if (!result) {
      // Anything but an explicit skip is a failure (a scanned entry without a result included).
      const kind: RowKind = repo.status === "skipped" ? "skipped" : "failed";
      const message = repo.error ?? (repo.status === "skipped" ? "skipped" : "no scan result");
      rows.push({ kind, ...base, repoFindings: 0, weightsLicense: null, message, ...empty });
      continue;
    }
    const license = weightsLicenseLabel(result);
    if (result.weights.length > 0) summary.withWeights++;
    const worst = worstSeverity(findings);
    if (worst) {
      summary.withFindings++;
      summary.worst[worst]++;
    }
    if (findings.length === 0) rows.push({ kind: "clean", ...base, repoFindings: 0, weightsLicense: license, message: "", ...empty });
    for (const f of findings) {
      summary.findings[f.severity]++;
      const ev = f.evidence[0];
      rows.push({
        kind: "finding",
        ...base,
        repoFindings: findings.length,
        severity: f.severity,
        rule: f.rule,
        dataset: f.dataset,
        datasetName: nameOf(f.dataset),
        origin: f.origin,
        originName: nameOf(f.origin),
        weightsLicense: license,
        evidencePath: ev?.path ?? null,
        evidenceLine: ev?.line ?? 0,
        evidenceText: ev?.text ?? null,
        message: f.message,
        fix: f.fix,
        source: f.sources[0] ?? null,
      });
      const restriction = Object.hasOwn(RESTRICTION_OF_RULE, f.rule) ? RESTRICTION_OF_RULE[f.rule]! : null;
      const about = f.origin ?? f.dataset;
      if (about !== null && restriction !== null) {
        const d = datasets.get(about) ?? { name: nameOf(about) ?? about, repos: new Set<string>(), findings: zero(), restrictions: new Map<string, number>() };
        d.repos.add(repo.repository);
        d.findings[f.severity]++;
        d.restrictions.set(restriction, (d.restrictions.get(restriction) ?? 0) + 1);
        datasets.set(about, d);
      }
      if (restriction !== null) {
        const s = restrictions.get(restriction) ?? { rules: new Set<string>(), repos: new Set<string>(), findings: 0, datasets: new Map<string, number>() };
        s.rules.add(f.rule);
        s.repos.add(repo.repository);
        s.findings++;
        if (about !== null) s.datasets.set(about, (s.datasets.get(about) ?? 0) + 1);
        restrictions.set(restriction, s);
      }
    }
    // Who uses each registry dataset, and whether that repository has findings about it.
    const roles = new Map<string, Set<string>>();
    for (const m of result.datasets) {
      if (m.id === null || !lineage.has(m.id)) continue;
      const set = roles.get(m.id) ?? new Set<string>();
      set.add(m.role);
      roles.set(m.id, set);
    }
    for (const [id, set] of roles) {
      const node = lineage.get(id)!;
      const u = uses.get(id) ?? { id, name: node.name, status: node.status, license: node.license, users: [] };
      const about = findings.filter((f) => f.dataset === id || f.origin === id);
      u.users.push({ repository: repo.repository, private: repo.private, roles: [...set].sort(), findings: about.length, worst: worstSeverity(about) });
      uses.set(id, u);
    }
  }

  const byCount = (m: Map<string, number>): string[] => [...m].sort((a, b) => b[1] - a[1] || cmp(a[0], b[0])).map(([k]) => k);
  const total = (c: Record<Severity, number>): number => c.error + c.warning + c.info;
  return {
    report,
    rows,
    summary,
    lineage,
    repositories,
    datasets: [...datasets]
      .map(([id, d]) => ({ id, name: d.name, repositories: [...d.repos].sort(), findings: d.findings, restrictions: byCount(d.restrictions) }))
      .sort((a, b) => b.repositories.length - a.repositories.length || b.findings.error - a.findings.error || total(b.findings) - total(a.findings) || cmp(a.id, b.id)),
    restrictions: [...restrictions]
      .map(([label, s]) => ({ label, rules: [...s.rules].sort(), repositories: [...s.repos].sort(), findings: s.findings, datasets: byCount(s.datasets) }))
      .sort((a, b) => b.repositories.length - a.repositories.length || b.findings - a.findings || cmp(a.label, b.label)),
    uses: [...uses.values()].sort((a, b) => {
      const fa = a.users.filter((u) => u.findings > 0).length;
      const fb = b.users.filter((u) => u.findings > 0).length;
      return fb - fa || b.users.length - a.users.length || cmp(a.id, b.id);
    }),
  };
}

/** `https://github.com/o/r/blob/<sha>/<path>#L<line>` when the repository's URL and commit are known, else null. */
export function evidenceUrl(row: Pick<AuditRow, "htmlUrl" | "sha" | "evidencePath" | "evidenceLine">): string | null {
  const base = repoUrl(row.htmlUrl);
  if (!base || !row.sha || !row.evidencePath) return null;
  const rel = row.evidencePath
    .replace(/\\/g, "/")
    .replace(/^\.?\//, "")
    .split("/")
    .map((seg) => encodeURIComponent(seg).replace(/[()'!*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`))
    .join("/");
  return `${base}/blob/${encodeURIComponent(row.sha)}/${rel}${row.evidenceLine > 0 ? `#L${row.evidenceLine}` : ""}`;
}

/** The repository's web URL, normalised (quotes, spaces and angle brackets percent-encoded), without a trailing slash; null unless http(s). */
export function repoUrl(htmlUrl: string | null | undefined): string | null {
  if (!htmlUrl || !isHttpUrl(htmlUrl)) return null;
  return new URL(htmlUrl).href.replace(/\/+$/, "");
}

/** Only http(s) URLs become links: a `javascript:` or `data:` URL from anywhere is shown as text. */
export function isHttpUrl(s: string): boolean {
  try {
    const u = new URL(s);
    return u.protocol === "https:" || u.protocol === "http:";
  } catch {
    return false;
  }
}

/** `path:line`, or `path` for a file-level location, or "" when there is none. */
export function location(row: Pick<AuditRow, "evidencePath" | "evidenceLine">): string {
  if (!row.evidencePath) return "";
  return row.evidenceLine > 0 ? `${row.evidencePath}:${row.evidenceLine}` : row.evidencePath;
}

/** The ancestors of `id` (itself included) with a depth: 0 for `id`, parents 1, … (longest path). Cycle-safe. */
export function ancestry(id: string, lineage: ReadonlyMap<string, LineageNode>): { id: string; depth: number }[] {
  const depth = new Map<string, number>();
  const order: string[] = [];
  const visit = (n: string, d: number, path: Set<string>): void => {
    if (path.has(n) || !lineage.has(n)) return;
    const seen = depth.get(n);
    if (seen === undefined) order.push(n);
    if (seen !== undefined && seen >= d) return;
    depth.set(n, d);
    path.add(n);
    for (const p of lineage.get(n)!.parents) visit(p, d + 1, path);
    path.delete(n);
  };
  visit(id, 0, new Set());
  return order.map((n) => ({ id: n, depth: depth.get(n)! }));
}
