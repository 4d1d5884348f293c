/**
 * The JSON audit report: the `AuditReport` as is (src/audit/types.ts), pretty-printed with a
 * stable key order (each scan result in the scan report's order, src/report/json.ts), so two
 * audits of the same repositories give byte-identical output. Arrays keep the report's order.
 */
import type { AuditedRepository, AuditReport } from "../../audit/types.js";
import type { ScanResult } from "../../core/types.js";
import { canonicalResult } from "../json.js";

type Obj = Record<string, unknown>;

/** `keys` first, in the public type's order, then any later-added key sorted; undefined dropped. */
function ordered(value: Obj, keys: readonly string[], nested: Record<string, (v: unknown) => unknown> = {}): Obj {
  const out: Obj = {};
  const rest = Object.keys(value)
    .filter((k) => !keys.includes(k))
    .sort();
  for (const k of [...keys, ...rest]) {
    if (!(k in value) || value[k] === undefined) continue;
    const fn = nested[k];
    out[k] = fn ? fn(value[k]) : value[k];
  }
  return out;
}

const REPORT_KEYS: readonly (keyof AuditReport)[] = ["schemaVersion", "tool", "target", "generatedAt", "registryVersion", "repositories", "privateOmitted"];
const REPO_KEYS: readonly (keyof AuditedRepository)[] = ["repository", "private", "htmlUrl", "ref", "sha", "status", "error", "result"];

/** The report with every object's keys in the public order. */
export function canonicalAudit(report: AuditReport): unknown {
  return ordered(report as unknown as Obj, REPORT_KEYS, {
    tool: (v) => ordered(v as Obj, ["name", "version"]),
    repositories: (v) => (v as AuditedRepository[]).map((r) => ordered(r as unknown as Obj, REPO_KEYS, { result: (v) => canonicalResult(v as ScanResult) })),
  });
}

/** Render the JSON audit report (2-space indent, trailing newline). */
export function auditJson(report: AuditReport): string {
  return `${JSON.stringify(canonicalAudit(report), null, 2)}\n`;
}
