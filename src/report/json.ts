/**
 * The JSON report: the public `ScanResult` (src/core/types.ts), pretty-printed with a
 * stable key order, so two runs over the same input give byte-identical output whatever
 * order the pipeline built its objects in. Arrays keep the pipeline's order.
 */
import type { DatasetMention, Evidence, Finding, LicenseHit, LineageNode, ScanNote, ScanResult, WeightRef } from "../core/types.js";
import type { ReportOptions } from "./types.js";

type Obj = Record<string, unknown>;
type Shape = { keys: readonly string[]; nested?: Record<string, (v: unknown) => unknown> };

/**
 * `keys` first, in the order of the public type; any other key (a field added later)
 * after them, sorted. Undefined values are dropped as JSON.stringify would.
 */
function ordered(value: unknown, shape: Shape): unknown {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return value;
  const obj = value as Obj;
  const out: Obj = {};
  const rest = Object.keys(obj)
    .filter((k) => !shape.keys.includes(k))
    .sort();
  for (const k of [...shape.keys, ...rest]) {
    if (!(k in obj) || obj[k] === undefined) continue;
    const fn = shape.nested?.[k];
    out[k] = fn ? fn(obj[k]) : obj[k];
  }
  return out;
}

const list =
  (fn: (v: unknown) => unknown) =>
  (v: unknown): unknown =>
    Array.isArray(v) ? v.map(fn) : v;

const keysOf = <T>(keys: readonly (keyof T & string)[]): readonly string[] => keys;

const evidence = (v: unknown): unknown => ordered(v, { keys: keysOf<Evidence>(["path", "line", "text"]) });
const license = (v: unknown): unknown =>
  ordered(v, {
    keys: keysOf<LicenseHit>(["spdx", "scope", "clauses", "confidence", "source", "matcher", "name"]),
    nested: { source: evidence },
  });
const weight = (v: unknown): unknown =>
  ordered(v, { keys: keysOf<WeightRef>(["ref", "kind", "host", "size", "evidence"]), nested: { evidence } });
const mention = (v: unknown): unknown =>
  ordered(v, { keys: keysOf<DatasetMention>(["name", "id", "role", "via", "evidence", "withheld", "linked"]), nested: { evidence } });
const finding = (v: unknown): unknown =>
  ordered(v, {
    keys: keysOf<Finding>(["rule", "severity", "dataset", "origin", "message", "fix", "evidence", "sources", "fingerprint", "weights", "confidence"]),
    nested: { evidence: list(evidence) },
  });
const note = (v: unknown): unknown => ordered(v, { keys: keysOf<ScanNote>(["path", "level", "message"]) });
const node = (v: unknown): unknown =>
  ordered(v, { keys: keysOf<LineageNode>(["id", "name", "parents", "status", "license", "sources", "statusSource"]) });
const lineage = (v: unknown): unknown => {
  if (v === null || typeof v !== "object" || Array.isArray(v)) return v;
  const obj = v as Obj;
  return Object.fromEntries(
    Object.keys(obj)
      .sort()
      .map((k) => [k, node(obj[k])]),
  );
};

/** The result with every object's keys in the public order. */
export function canonicalResult(result: ScanResult): unknown {
  return ordered(result, {
    keys: keysOf<ScanResult>(["schemaVersion", "tool", "target", "licenses", "weights", "datasets", "findings", "notes", "config", "lineage"]),
    nested: {
      config: (v) => ordered(v, { keys: ["path", "failOn", "enabled", "steward"] }),
      tool: (v) => ordered(v, { keys: ["name", "version"] }),
      licenses: list(license),
      weights: list(weight),
      datasets: list(mention),
      findings: list(finding),
      notes: list(note),
      lineage,
    },
  });
}

/** Render the JSON report (2-space indent, trailing newline). `toolVersion` overrides `tool.version`. */
export function json(result: ScanResult, opts: ReportOptions = {}): string {
  const r = opts.toolVersion ? { ...result, tool: { ...result.tool, version: opts.toolVersion } } : result;
  return `${JSON.stringify(canonicalResult(r), null, 2)}\n`;
}
