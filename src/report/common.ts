/** Helpers shared by the reporters: ordering, counts, sanitising text from scanned repos. */
import type { Finding, ScanResult, Severity } from "../core/types.js";
import { severityRank } from "../core/types.js";

/** Severities from most to least severe (display order). */
export const SEVERITY_ORDER: readonly Severity[] = ["error", "warning", "info"];

/** Findings ordered for display: severity, then rule, dataset, first evidence location. Stable. */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  return findings
    .map((f, i) => ({ f, i }))
    .sort(
      (a, b) =>
        severityRank(b.f.severity) - severityRank(a.f.severity) ||
        cmp(a.f.rule, b.f.rule) ||
        cmp(a.f.dataset ?? "", b.f.dataset ?? "") ||
        cmp(a.f.evidence[0]?.path ?? "", b.f.evidence[0]?.path ?? "") ||
        (a.f.evidence[0]?.line ?? 0) - (b.f.evidence[0]?.line ?? 0) ||
        a.i - b.i,
    )
    .map(({ f }) => f);
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** How many findings of each severity. */
export function countBySeverity(findings: readonly Finding[]): Record<Severity, number> {
  const out: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const f of findings) out[f.severity]++;
  return out;
}

/** `1 error`, `2 warnings`, `0 info`. */
export function plural(n: number, word: string): string {
  if (word === "info") return `${n} info`;
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

/** "2 errors, 1 warning, 0 info". */
export function severityCounts(findings: readonly Finding[]): string {
  const c = countBySeverity(findings);
  return SEVERITY_ORDER.map((s) => plural(c[s], s)).join(", ");
}

/** The worst severity present, or null when there are no findings. */
export function worstSeverity(findings: readonly Finding[]): Severity | null {
  let worst: Severity | null = null;
  for (const f of findings) if (worst === null || severityRank(f.severity) > severityRank(worst)) worst = f.severity;
  return worst;
}

/** Source URLs of the findings, first-seen order, without duplicates. */
export function uniqueSources(findings: readonly Finding[]): string[] {
  return [...new Set(findings.flatMap((f) => f.sources))];
}

/**
 * The license(s) the weights ship under, as shown in reports: the identified weights-scoped
 * hits, else the identified repository-wide ones; "unidentified license" when only
 * unidentified statements exist; null when there is none.
 */
export function weightsLicenseLabel(result: ScanResult): string | null {
  for (const scope of ["weights", "repository"]) {
    const hits = result.licenses.filter((l) => l.scope === scope);
    if (hits.length === 0) continue;
    const names = [...new Set(hits.map((l) => l.spdx ?? l.name).filter((n): n is string => !!n))];
    return names.length > 0 ? names.join(" / ") : "unidentified license";
  }
  return null;
}

/**
 * Text from the scanned repository with terminal control sequences and other control
 * characters removed: a README line must not be able to recolour or rewrite the terminal.
 */
export function stripControl(s: string): string {
  return (
    s
      // eslint-disable-next-line no-control-regex
      .replace(/\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)|\u001b[@-_]/g, "")
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, "")
  );
}

/** Shorten to `max` characters with an ellipsis, on a code-point boundary. */
export function clip(s: string, max: number): string {
  const cps = Array.from(s);
  return cps.length <= max ? s : `${cps.slice(0, Math.max(0, max - 1)).join("")}…`;
}

const KIND_LABEL: Record<string, [string, string]> = {
  file: ["file", "files"],
  "lfs-pointer": ["LFS pointer", "LFS pointers"],
  "lfs-pattern": ["LFS pattern", "LFS patterns"],
  link: ["link", "links"],
  hub: ["hub repo", "hub repos"],
};

/** "2 links on github-release", "1 LFS pointer": weight refs counted by kind and host, first-seen order. */
export function weightKinds(result: ScanResult): string[] {
  const counts = new Map<string, { kind: string; host?: string; n: number }>();
  for (const w of result.weights) {
    const key = `${w.kind}\u0000${w.host ?? ""}`;
    const e = counts.get(key) ?? { kind: w.kind, ...(w.host ? { host: w.host } : {}), n: 0 };
    e.n++;
    counts.set(key, e);
  }
  return [...counts.values()].map(({ kind, host, n }) => {
    const [one, many] = Object.hasOwn(KIND_LABEL, kind) ? KIND_LABEL[kind]! : [kind, kind];
    return `${n} ${n === 1 ? one : many}${host ? ` on ${host}` : ""}`;
  });
}

/** Datasets mentioned, one entry per registry id (or unknown name), with their roles, first-seen order. */
export function datasetSummary(result: ScanResult): { key: string; name: string; id: string | null; roles: string[] }[] {
  const byKey = new Map<string, { key: string; name: string; id: string | null; roles: string[] }>();
  for (const m of result.datasets) {
    const key = m.id ?? `?${m.name}`;
    const e = byKey.get(key) ?? { key, name: m.name, id: m.id, roles: [] };
    if (!e.roles.includes(m.role)) e.roles.push(m.role);
    byKey.set(key, e);
  }
  return [...byKey.values()];
}
