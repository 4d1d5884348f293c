/**
 * SARIF 2.1.0 for code scanning (`github/codeql-action/upload-sarif`, the code-scanning
 * API). One run; rules from `opts.rules` plus a bare descriptor for any rule id a finding
 * uses without metadata; one result per finding, located at its first evidence line.
 */
import type * as Sarif from "sarif";
import type { Evidence, Finding, ScanResult, Severity } from "../core/types.js";
import { sortFindings } from "./common.js";
import type { ReportOptions, RuleMeta } from "./types.js";

/** The `$schema` GitHub's documentation uses for SARIF 2.1.0 uploads. */
export const SARIF_SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json";

/** Base id the artifact URIs are relative to; code scanning resolves it to the checkout root. */
export const SRCROOT = "%SRCROOT%";

/** Key of the finding fingerprint in `partialFingerprints` (versioned: bump if the fingerprint recipe changes). */
export const FINGERPRINT_KEY = "carryoverFingerprint/v1";

const LEVEL: Record<Severity, Sarif.ReportingConfiguration.level> = { error: "error", warning: "warning", info: "note" };

/** Render the SARIF log (2-space JSON, trailing newline). */
export function sarif(result: ScanResult, opts: ReportOptions = {}): string {
  return `${JSON.stringify(sarifLog(result, opts), null, 2)}\n`;
}

/** The SARIF log as an object (for callers that gzip it for the code-scanning API). */
export function sarifLog(result: ScanResult, opts: ReportOptions = {}): Sarif.Log {
  const version = opts.toolVersion ?? result.tool.version;
  const findings = sortFindings(result.findings);
  const descriptors = ruleDescriptors(opts.rules ?? [], findings);
  const index = new Map(descriptors.map((d, i) => [d.id, i]));

  const results: Sarif.Result[] = findings.map((f) => toResult(f, index.get(f.rule) ?? -1, fallbackPath(f, result)));

  const run: Sarif.Run = {
    tool: { driver: { name: "carryover", version, semanticVersion: semver(version), rules: descriptors } },
    invocations: [
      {
        executionSuccessful: true,
        toolExecutionNotifications: result.notes.map((n) => ({
          level: n.level === "warning" ? "warning" : "note",
          message: { text: n.message },
          // A note about the scan as a whole (path "") has no location.
          ...(n.path ? { locations: [{ physicalLocation: { artifactLocation: artifact(n.path) } }] } : {}),
        })),
      },
    ],
    results,
    properties: { target: result.target },
  };
  return { $schema: SARIF_SCHEMA_URI, version: "2.1.0", runs: [run] };
}

function ruleDescriptors(rules: readonly RuleMeta[], findings: readonly Finding[]): Sarif.ReportingDescriptor[] {
  const out: Sarif.ReportingDescriptor[] = [];
  const seen = new Set<string>();
  for (const r of rules) {
    if (seen.has(r.id)) continue;
    seen.add(r.id);
    const d: Sarif.ReportingDescriptor = {
      id: r.id,
      name: pascal(r.id),
      shortDescription: { text: r.description },
      fullDescription: { text: r.fix ? `${r.description} Fix: ${r.fix}` : r.description },
      helpUri: r.docsUrl,
      defaultConfiguration: { level: LEVEL[r.defaultSeverity] },
    };
    if (r.fix) d.help = { text: r.fix, markdown: r.fix };
    out.push(d);
  }
  // A finding whose rule has no metadata (a rule added without passing its meta) still
  // needs a descriptor: code scanning groups alerts by rule.
  for (const id of [...new Set(findings.map((f) => f.rule))].sort()) {
    if (seen.has(id)) continue;
    seen.add(id);
    out.push({ id, name: pascal(id), shortDescription: { text: id } });
  }
  return out;
}

/**
 * Where to anchor a finding that has no evidence line. GitHub code scanning rejects a
 * result without an artifact location ("expected artifact location"), so point at the
 * file that publishes its weights, else at the first license statement, as a whole file.
 */
function fallbackPath(f: Finding, result: ScanResult): string | null {
  if (f.evidence.length > 0) return null;
  const weight = result.weights.find((w) => f.weights.includes(w.ref)) ?? result.weights[0];
  return weight?.evidence.path || result.licenses[0]?.source.path || null;
}

function toResult(f: Finding, ruleIndex: number, fallback: string | null): Sarif.Result {
  const [primary, ...related] = f.evidence;
  const r: Sarif.Result = {
    ruleId: f.rule,
    level: LEVEL[f.severity],
    message: { text: f.message, markdown: f.fix ? `${f.message}\n\n**Fix:** ${f.fix}` : f.message },
    partialFingerprints: { [FINGERPRINT_KEY]: f.fingerprint },
    properties: {
      dataset: f.dataset,
      origin: f.origin,
      fix: f.fix,
      sources: f.sources,
      weights: f.weights,
      ...(f.confidence ? { confidence: f.confidence } : {}),
    },
  };
  if (ruleIndex >= 0) r.ruleIndex = ruleIndex;
  if (primary) r.locations = [location(primary)];
  else if (fallback) {
    r.locations = [{ physicalLocation: { artifactLocation: artifact(fallback) } }];
    r.properties = { ...r.properties, locationIsFallback: true };
  }
  if (related.length > 0) {
    r.relatedLocations = related.map((e, i) => ({ ...location(e), id: i + 1, message: { text: e.text.trim() || e.path } }));
  }
  return r;
}

function location(e: Evidence): Sarif.Location {
  const physical: Sarif.PhysicalLocation = { artifactLocation: artifact(e.path) };
  // Line 0 means the file as a whole: no region (a region needs startLine ≥ 1).
  const line = Math.floor(e.line);
  if (Number.isFinite(line) && line >= 1) {
    physical.region = { startLine: line, ...(e.text.trim() ? { snippet: { text: e.text } } : {}) };
  }
  return { physicalLocation: physical };
}

function artifact(path: string): Sarif.ArtifactLocation {
  return { uri: toUri(path), uriBaseId: SRCROOT };
}

/**
 * A repo path as a relative URI reference: `/`-separated, each segment percent-encoded
 * (spaces, `#`, `%` in file names), no leading `./` or `/`.
 */
export function toUri(path: string): string {
  const segments = path
    .replace(/\\/g, "/")
    .split("/")
    .filter((s) => s !== "" && s !== ".");
  return segments.map((s) => encodeURIComponent(s)).join("/") || ".";
}

/** `noncommercial-not-carried-over` → `NoncommercialNotCarriedOver` (SARIF `name` is an identifier-like label). */
function pascal(id: string): string {
  return id
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join("");
}

/** `semanticVersion` must be SemVer; drop it when the version string is not. */
function semver(v: string): string | undefined {
  return /^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/.test(v) ? v : undefined;
}
