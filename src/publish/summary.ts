/**
 * Markdown for the check-run summary and the tracking-issue body, within GitHub's
 * size limits. One function (`renderForGitHub`) so the renderer can be swapped: it
 * uses the shared Markdown report when it is wired in (see `setMarkdownRenderer`),
 * else the small formatter below.
 */
import { severityRank, type Finding, type ScanResult } from "../core/types.js";

/** `output.summary` and `output.text` of a check run: at most 65,535 characters (Checks API schema). */
export const CHECK_SUMMARY_MAX = 65_535;
/** An issue body: at most 65,536 characters (GitHub rejects longer bodies with 422). */
export const ISSUE_BODY_MAX = 65_536;

/** What every report says once. */
export const DISCLAIMER = "_carryover reports what dataset terms say; it is not legal advice._";

/** A Markdown renderer with the shape of `renderMarkdown` in src/report/markdown.ts. */
export type MarkdownRenderer = (result: ScanResult, opts?: { maxLength?: number }) => string;

let renderer: MarkdownRenderer | null = null;

/** Use the shared report renderer (`renderMarkdown`) instead of the fallback. */
export function setMarkdownRenderer(r: MarkdownRenderer | null): void {
  renderer = r;
}

const ICON: Record<Finding["severity"], string> = { error: "🛑 error", warning: "⚠️ warning", info: "ℹ️ info" };

/** Escape a cell for a Markdown table. */
function cell(s: string): string {
  return s.replace(/\|/g, "\\|").replace(/\r?\n/g, " ");
}

/** Findings, most severe first (stable within a severity). */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort((a, b) => severityRank(b.severity) - severityRank(a.severity));
}

/** Count findings per severity: `2 errors, 1 warning`. */
export function countLine(findings: readonly Finding[]): string {
  const n = (s: Finding["severity"]) => findings.filter((f) => f.severity === s).length;
  const parts: string[] = [];
  for (const [s, word] of [["error", "error"], ["warning", "warning"], ["info", "note"]] as const) {
    const k = n(s);
    if (k > 0) parts.push(`${k} ${word}${k === 1 ? "" : "s"}`);
  }
  return parts.length ? parts.join(", ") : "no findings";
}

function findingBlock(f: Finding): string {
  const lines = [`#### ${ICON[f.severity]} · \`${f.rule}\`${f.dataset ? ` · ${f.dataset}` : ""}`, "", f.message, ""];
  for (const e of f.evidence.slice(0, 3)) lines.push(`> \`${e.path}${e.line > 0 ? `:${e.line}` : ""}\` ${e.text.trim().slice(0, 300)}`, ">");
  if (f.evidence.length) lines.pop();
  if (f.sources.length) lines.push("", `Terms: ${f.sources.map((u) => `<${u}>`).join(" · ")}`);
  lines.push("", `**Fix:** ${f.fix}`, "");
  return lines.join("\n");
}

/** The fallback formatter: a findings table, then one block per finding, cut at `maxLength` with a "N more findings" footer. */
export function fallbackMarkdown(result: ScanResult, opts: { maxLength?: number } = {}): string {
  const max = opts.maxLength ?? CHECK_SUMMARY_MAX;
  const findings = sortFindings(result.findings);
  const head = [`**${countLine(findings)}** in \`${result.target}\``, ""];
  if (findings.length) {
    head.push("| severity | rule | dataset | where |", "|---|---|---|---|");
    for (const f of findings) {
      const ev = f.evidence[0];
      head.push(`| ${f.severity} | \`${f.rule}\` | ${cell(f.dataset ?? "")} | ${ev ? `\`${cell(ev.path)}${ev.line > 0 ? `:${ev.line}` : ""}\`` : ""} |`);
    }
    head.push("");
  }
  const notes = result.notes.length ? ["", "<details><summary>Scan notes</summary>", "", ...result.notes.map((n) => `- \`${n.path}\`: ${n.message}`), "", "</details>"] : [];
  const tail = ["", DISCLAIMER, ...notes].join("\n");
  return fitBlocks(head.join("\n"), findings.map(findingBlock), tail, max);
}

/**
 * Join `head`, as many `blocks` as fit, and `tail` within `max` characters; when some
 * blocks do not fit, say how many ("N more findings"). A head that alone is too long
 * (a huge findings table) is cut too.
 */
export function fitBlocks(head: string, blocks: readonly string[], tail: string, max: number): string {
  const footer = (n: number) => `\n\n_… ${n} more finding${n === 1 ? "" : "s"} not shown (GitHub limits this text to ${max} characters); run \`carryover scan\` for the full report._\n`;
  const reserve = footer(blocks.length).length + tail.length + 1;
  let out = head.length + reserve > max ? head.slice(0, Math.max(0, max - reserve)) : head;
  let shown = 0;
  for (const b of blocks) {
    if (out.length + 1 + b.length + reserve > max) break;
    out += `\n${b}`;
    shown++;
  }
  if (shown < blocks.length) out += footer(blocks.length - shown);
  return `${out}${tail}`.slice(0, max);
}

/**
 * The Markdown shown on GitHub for a scan, never longer than `maxLength`. When the
 * shared renderer's text is still too long (it should honour maxLength), it is cut and
 * the footer says how many findings the table had.
 */
export function renderForGitHub(result: ScanResult, maxLength: number): string {
  if (!renderer) return fallbackMarkdown(result, { maxLength });
  const text = renderer(result, { maxLength });
  if (text.length <= maxLength) return text;
  const footer = `\n\n_… cut at ${maxLength} characters (${result.findings.length} findings in total); run \`carryover scan\` for the full report._\n`;
  return text.slice(0, maxLength - footer.length) + footer;
}
