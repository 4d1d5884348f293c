/**
 * The audit report: what `carryover audit` and the app's org audit produce, and what every audit
 * format (markdown, json, csv, html) and dashboard reads. Public like `ScanResult`: extend it,
 * never rename a field.
 */
import type { ScanResult } from "../core/types.js";

/** One repository of an audit. */
export interface AuditedRepository {
  /** `owner/name`. */
  repository: string;
  private: boolean;
  /** `https://github.com/owner/name` (or the GHES equivalent). */
  htmlUrl?: string;
  /** The ref scanned (the default branch) and the commit it pointed at. */
  ref: string;
  sha: string;
  /** scanned: `result` is set; failed: `error` says why; skipped: archived, empty, or disabled by its config. */
  status: "scanned" | "failed" | "skipped";
  error?: string;
  /** skipped: why (`archived`, `empty`, `disabled by .github/carryover.yml`). */
  reason?: string;
  result?: ScanResult;
}

export interface AuditReport {
  schemaVersion: 1;
  tool: { name: "carryover"; version: string };
  /** `github:ORG`, or `installation:ID`. */
  target: string;
  /** ISO 8601. */
  generatedAt: string;
  /** Content hash of the dataset registry the scans used (`Registry.version`). */
  registryVersion: string;
  repositories: AuditedRepository[];
  /** Private repositories left out because the report's audience is wider (0 when none). */
  privateOmitted: number;
}
