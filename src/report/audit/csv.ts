/**
 * The CSV audit report (RFC 4180: comma-separated, CRLF line ends, fields quoted when they
 * hold a comma, quote or line break, quotes doubled): one row per finding, and one row with an
 * empty rule for each repository without findings (clean, failed, skipped). Cells are text from
 * scanned repositories, so a cell a spreadsheet would read as a formula gets a leading `'`.
 */
import type { AuditReport } from "../../audit/types.js";
import { stripControl } from "../common.js";
import { buildModel, location, type AuditRow } from "./model.js";

export const CSV_COLUMNS = [
  "repository",
  "private",
  "sha",
  "status",
  "rule",
  "severity",
  "dataset",
  "origin",
  "weights_license",
  "evidence",
  "message",
  "fix",
  "source",
] as const;

/**
 * Spreadsheets (Excel, LibreOffice, Google Sheets) evaluate a cell starting with one of these
 * as a formula (OWASP "CSV injection"); tab and carriage return are in OWASP's list too, and
 * leading whitespace is included because an import that trims spaces would expose the `=`.
 */
const FORMULA_START = /^(?:\s*[=+\-@]|[\t\r\n])/;

/** One cell: control characters removed (line breaks kept), formula-neutralised, quoted when needed. */
export function csvCell(value: string | number | boolean | null): string {
  let s = value === null ? "" : String(value);
  // stripControl drops CR: keep CRLF/CR line breaks as LF inside a quoted field.
  s = stripControl(s.replace(/\r\n?/g, "\n"));
  if (FORMULA_START.test(s)) s = `'${s}`;
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function cells(r: AuditRow): (string | number | boolean | null)[] {
  return [r.repository, r.private, r.sha, r.status, r.rule, r.severity, r.dataset, r.origin, r.weightsLicense, location(r), r.message, r.fix, r.source];
}

/** Render the CSV audit report: a header row, then the rows in the model's order, CRLF after each. */
export function auditCsv(report: AuditReport): string {
  const lines = [CSV_COLUMNS.join(","), ...buildModel(report).rows.map((r) => cells(r).map(csvCell).join(","))];
  return `${lines.join("\r\n")}\r\n`;
}
