/**
 * Audit report formats. Placeholder with the final signature: json only; the full module
 * (markdown, csv, html) replaces this file at merge.
 */
import type { AuditReport } from "../../audit/types.js";

export const AUDIT_FORMATS = ["markdown", "json", "csv", "html"] as const;
export type AuditFormat = (typeof AUDIT_FORMATS)[number];

export function renderAudit(format: AuditFormat, report: AuditReport): string {
  if (format === "json") return JSON.stringify(report, null, 2);
  throw new Error(`format ${format}: not built yet`);
}
