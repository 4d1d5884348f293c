/**
 * Markdown for the check-run summary and the tracking-issue body, within GitHub's
 * size limits: the shared Markdown report (src/report/markdown.ts) behind one function.
 */
import { severityRank, type Finding, type ScanResult } from "../core/types.js";
import { markdown } from "../report/markdown.js";
import type { RuleMeta } from "../report/types.js";

/** `output.summary` and `output.text` of a check run: at most 65,535 characters (Checks API schema). */
export const CHECK_SUMMARY_MAX = 65_535;
/** An issue body: at most 65,536 characters (GitHub rejects longer bodies with 422). */
export const ISSUE_BODY_MAX = 65_536;

/** What every report says once. */
export const DISCLAIMER = "_carryover reports what dataset terms say; it is not legal advice._";

/** Rule metadata for links in the report; set once the rule registry is loaded (see scanner.ts). */
let ruleMetas: readonly RuleMeta[] = [];

/** Give the Markdown report the rules' metadata (ids → docs links). */
export function setRuleMetas(metas: readonly RuleMeta[]): void {
  ruleMetas = metas;
}

/** Count findings per severity: `2 errors, 1 warning, 1 note`. */
export function countLine(findings: readonly Finding[]): string {
  const parts: string[] = [];
  for (const [s, word] of [["error", "error"], ["warning", "warning"], ["info", "note"]] as const) {
    const k = findings.filter((f) => f.severity === s).length;
    if (k > 0) parts.push(`${k} ${word}${k === 1 ? "" : "s"}`);
  }
  return parts.length ? parts.join(", ") : "no findings";
}

/** Findings, most severe first (stable within a severity): the order annotations are sent in. */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort((a, b) => severityRank(b.severity) - severityRank(a.severity));
}

/**
 * The shared Markdown report (verdict, findings table, Mermaid lineage, fixes, sources,
 * disclaimer) within `maxLength` characters: it drops whole table rows and says how
 * many findings it left out. `linkBase` (`https://github.com/o/r/blob/<sha>/`) turns
 * evidence into links to the scanned commit. A last guard cuts anything still too long.
 */
export function renderForGitHub(result: ScanResult, maxLength: number, linkBase?: string): string {
  const text = markdown(result, { maxLength, rules: ruleMetas, ...(linkBase ? { linkBase } : {}) });
  if (text.length <= maxLength) return text;
  const footer = `\n\n_… cut at ${maxLength} characters (${result.findings.length} findings in total); run \`carryover scan\` for the full report._\n`;
  return text.slice(0, maxLength - footer.length) + footer;
}
