/**
 * The audit report formats, registered by hand like the scan formats (src/report/index.ts): one
 * file per format, each a pure `(report) => string` over the `AuditReport` (src/audit/types.ts).
 */
import type { AuditReport } from "../../audit/types.js";
import { auditCsv } from "./csv.js";
import { auditHtml } from "./html.js";
import { auditJson } from "./json.js";
import { auditMarkdown } from "./markdown.js";

export const AUDIT_FORMATS = ["markdown", "json", "csv", "html"] as const;
export type AuditFormat = (typeof AUDIT_FORMATS)[number];

const RENDERERS: Record<AuditFormat, (report: AuditReport) => string> = {
  markdown: auditMarkdown,
  json: auditJson,
  csv: auditCsv,
  html: auditHtml,
};

/** True when `name` is an audit format (for `--format` checking). */
export function isAuditFormat(name: string): name is AuditFormat {
  return (AUDIT_FORMATS as readonly string[]).includes(name);
}

/** Render `report` in `format`. Throws on a format that is not one of `AUDIT_FORMATS`. */
export function renderAudit(format: AuditFormat, report: AuditReport): string {
  if (!isAuditFormat(format)) throw new Error(`unknown audit format "${String(format)}": use one of ${AUDIT_FORMATS.join(", ")}`);
  return RENDERERS[format](report);
}
