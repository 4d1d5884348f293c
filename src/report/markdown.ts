/**
 * The Markdown body the GitHub App posts as the check-run summary and the tracking issue:
 * a headline verdict, the findings table, each involved dataset's lineage as a Mermaid
 * graph, the fixes, the sources and the disclaimer. Bounded by `maxLength`: whole table
 * rows are dropped from the end, never cut mid-row.
 */
import type { Finding, ScanResult, Severity } from "../core/types.js";
import { clip, datasetSummary, severityCounts, sortFindings, stripControl, uniqueSources, weightKinds, weightsLicenseLabel, worstSeverity } from "./common.js";
import type { ReportOptions, RuleMeta } from "./types.js";

/** GitHub limits a check run's `output.summary` to 65,535 characters; stay under with room for the app's own framing. */
export const DEFAULT_MAX_LENGTH = 65_000;

/** The disclaimer every Markdown report ends with. */
export const DISCLAIMER = "carryover reports what dataset terms say; it is not legal advice.";

const BADGE: Record<Severity, string> = { error: "🔴 error", warning: "🟠 warning", info: "🔵 info" };

interface Parts {
  rows: number;
  lineage: boolean;
  scanned: boolean;
  sources: boolean;
}

/** Render the Markdown report. */
export function markdown(result: ScanResult, opts: ReportOptions = {}): string {
  const max = Math.max(0, Math.floor(opts.maxLength ?? DEFAULT_MAX_LENGTH));
  const findings = sortFindings(result.findings);
  const doc = new Doc(result, findings, opts);

  // Rows alone must fit: no more than this many can be shown, which keeps each trial
  // render small when there are thousands of findings.
  let cap = 0;
  for (let used = 0; cap < findings.length; cap++) {
    used += doc.rowLength(cap) + 1;
    if (used > max) break;
  }
  const full: Parts = { rows: findings.length, lineage: true, scanned: true, sources: true };
  let text = cap === findings.length ? doc.render(full) : "";
  if (cap === findings.length && text.length <= max) return text;

  // Largest number of whole rows that fits (the length grows with the rows).
  const fits = (p: Parts): boolean => doc.render(p).length <= max;
  for (const drop of [{}, { scanned: false }, { scanned: false, lineage: false }, { scanned: false, lineage: false, sources: false }]) {
    const base: Parts = { ...full, ...drop };
    if (!fits({ ...base, rows: 0 })) continue;
    let lo = 0;
    let hi = cap;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (fits({ ...base, rows: mid })) lo = mid;
      else hi = mid - 1;
    }
    return doc.render({ ...base, rows: lo });
  }
  // Even the bare headline does not fit (a tiny maxLength): cut at a line boundary.
  text = doc.render({ rows: 0, lineage: false, scanned: false, sources: false });
  const cut = text.lastIndexOf("\n", max - 1);
  return cut > 0 ? text.slice(0, cut + 1) : text.slice(0, max);
}

class Doc {
  private readonly meta: Map<string, RuleMeta>;
  /** Table rows, built on demand: with thousands of findings only those that can fit are built. */
  private readonly rowCache: (string | undefined)[] = [];
  private readonly version: string;

  constructor(
    private readonly result: ScanResult,
    private readonly findings: Finding[],
    private readonly opts: ReportOptions,
  ) {
    this.meta = new Map((opts.rules ?? []).map((r) => [r.id, r]));
    this.version = opts.toolVersion ?? result.tool.version;
  }

  /** Characters of table row `i`. */
  rowLength(i: number): number {
    return this.rowAt(i).length;
  }

  private rowAt(i: number): string {
    const f = this.findings[i];
    if (!f) return "";
    return (this.rowCache[i] ??= this.row(f));
  }

  render(p: Parts): string {
    const { result, findings } = this;
    const shown = findings.slice(0, p.rows);
    const out: string[] = [];
    out.push(this.headline(), "", this.verdict(), "");

    if (findings.length > 0) {
      out.push("| Severity | Rule | Dataset | Origin | Evidence | Fix |", "| --- | --- | --- | --- | --- | --- |");
      for (let i = 0; i < p.rows; i++) out.push(this.rowAt(i));
      const more = findings.length - shown.length;
      if (more > 0) out.push("", `… and ${more} more finding${more === 1 ? "" : "s"} (not shown: this summary is limited to ${(this.opts.maxLength ?? DEFAULT_MAX_LENGTH).toLocaleString("en-US")} characters; \`carryover scan --format json\` lists them all).`);
      out.push("");
    }

    if (p.lineage) {
      const graph = this.lineage(shown);
      if (graph) out.push("### Dataset lineage", "", graph, "");
    }

    const fixes = this.fixes(shown);
    if (fixes.length > 0) out.push("### Fixes", "", ...fixes, "");

    if (p.sources) {
      const sources = uniqueSources(shown);
      if (sources.length > 0) out.push("### Sources", "", ...sources.map((s) => `- <${escapeUrl(s)}>`), "");
    }

    if (p.scanned) out.push(...this.scanned(), "");
    if (result.notes.length > 0 && p.scanned) {
      out.push("<details><summary>Notes from the scan</summary>", "", ...result.notes.map((n) => `- ${n.level}: ${n.path ? `${code(n.path)} ` : ""}${inline(n.message)}`), "", "</details>", "");
    }

    out.push("---", `<sub>carryover ${inline(this.version)} · ${DISCLAIMER}</sub>`, "");
    return out.join("\n");
  }

  private headline(): string {
    const worst = worstSeverity(this.findings);
    const icon = worst === "error" ? "❌" : worst === "warning" ? "⚠️" : worst === "info" ? "ℹ️" : "✅";
    const counts = this.findings.length === 0 ? "no findings" : severityCounts(this.findings);
    return `## ${icon} carryover: ${counts}`;
  }

  private verdict(): string {
    const { result, findings } = this;
    const license = weightsLicenseLabel(result);
    const target = code(result.target);
    if (findings.length === 0) {
      return `**Verdict:** no findings. Nothing in ${target} shows a dataset term or status that the license of its weights${license ? ` (${code(license)})` : ""} leaves out.`;
    }
    const datasets = [...new Set(findings.map((f) => f.origin ?? f.dataset).filter((d): d is string => d !== null))];
    const worst = worstSeverity(findings);
    const what =
      worst === "error"
        ? "dataset terms did not carry over to the license the weights ship under"
        : worst === "warning"
          ? "dataset terms or status need attention next to the license the weights ship under"
          : "there are notes on the datasets behind these weights";
    const names = datasets.length > 0 ? ` (${datasets.slice(0, 5).map(code).join(", ")}${datasets.length > 5 ? `, +${datasets.length - 5} more` : ""})` : "";
    return `**Verdict:** in ${target}, ${what}${license ? ` (${code(license)})` : ""}: ${findings.length} finding${findings.length === 1 ? "" : "s"} involving ${datasets.length} dataset${datasets.length === 1 ? "" : "s"}${names}.`;
  }

  private row(f: Finding): string {
    const meta = this.meta.get(f.rule);
    const rule = meta ? `[${code(f.rule)}](${escapeUrl(meta.docsUrl)})` : code(f.rule);
    const ev = f.evidence[0];
    const link = ev ? `[${escapeLinkText(ev.line > 0 ? `${ev.path}#L${ev.line}` : ev.path)}](${this.href(ev.path, ev.line)})` : "—";
    const more = f.evidence.length > 1 ? ` +${f.evidence.length - 1}` : "";
    return `| ${BADGE[f.severity]} | ${rule} | ${f.dataset ? code(f.dataset) : "—"} | ${f.origin ? code(f.origin) : "—"} | ${link}${more} | ${cell(shortFix(f.fix)) || "—"} |`;
  }

  private href(path: string, line: number): string {
    const rel = path.replace(/\\/g, "/").replace(/^\.?\//, "").split("/")
      .map((seg) => encodeURIComponent(seg).replace(/[()]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`))
      .join("/");
    return `${escapeUrl(this.opts.linkBase ?? "")}${rel}${line > 0 ? `#L${line}` : ""}`;
  }

  /** One Mermaid graph: involved datasets and their ancestors, parent → child, training datasets → the weights. */
  private lineage(shown: readonly Finding[]): string | null {
    // Own keys only: a dataset named as written ("toString") must not reach Object.prototype.
    const lineage = new Map(Object.entries(this.result.lineage));
    const roots = new Set<string>();
    for (const f of shown) for (const id of [f.dataset, f.origin]) if (id && lineage.has(id)) roots.add(id);
    const training = new Set(this.result.datasets.filter((d) => d.role === "training" && d.id && lineage.has(d.id)).map((d) => d.id!));
    for (const id of training) roots.add(id);
    if (roots.size === 0) return null;

    const ids: string[] = [];
    const seen = new Set<string>();
    const visit = (id: string): void => {
      const node = lineage.get(id);
      if (seen.has(id) || !node) return;
      seen.add(id);
      for (const p of node.parents) visit(p);
      ids.push(id);
    };
    for (const id of [...roots].sort()) visit(id);

    const key = new Map(ids.map((id, i) => [id, `d${i}`]));
    const lines = ["```mermaid", "graph LR"];
    for (const id of ids) {
      const n = lineage.get(id)!;
      lines.push(`  ${key.get(id)}["${mermaidText(n.name)}<br/>${mermaidText(n.status)}${n.license ? ` · ${mermaidText(n.license)}` : ""}"]`);
    }
    for (const id of ids) for (const p of lineage.get(id)!.parents) if (key.has(p)) lines.push(`  ${key.get(p)} --> ${key.get(id)}`);
    const trained = ids.filter((id) => training.has(id));
    if (trained.length > 0) {
      const license = weightsLicenseLabel(this.result);
      lines.push(`  weights(["weights${license ? `<br/>${mermaidText(license)}` : ""}"])`);
      for (const id of trained) lines.push(`  ${key.get(id)} -. trained on .-> weights`);
    }
    const byStatus = (s: string): string[] => ids.filter((id) => lineage.get(id)!.status === s).map((id) => key.get(id)!);
    const retracted = byStatus("retracted");
    const inactive = [...byStatus("deprecated"), ...byStatus("defunct")];
    if (retracted.length > 0) lines.push("  classDef retracted fill:#fde2e2,stroke:#c62828,color:#7f0000,stroke-width:2px", `  class ${retracted.join(",")} retracted`);
    if (inactive.length > 0) lines.push("  classDef inactive fill:#eeeeee,stroke:#757575,stroke-dasharray:4 2", `  class ${inactive.join(",")} inactive`);
    lines.push("```");
    return lines.join("\n");
  }

  /** Each distinct fix once, as a task list, with the rule and datasets it settles. */
  private fixes(shown: readonly Finding[]): string[] {
    const byFix = new Map<string, { rules: Set<string>; datasets: Set<string> }>();
    for (const f of shown) {
      if (!f.fix) continue;
      const e = byFix.get(f.fix) ?? { rules: new Set<string>(), datasets: new Set<string>() };
      e.rules.add(f.rule);
      if (f.dataset) e.datasets.add(f.dataset);
      byFix.set(f.fix, e);
    }
    return [...byFix].map(([fix, e]) => {
      const about = [...e.rules].map(code).join(", ") + (e.datasets.size > 0 ? ` · ${[...e.datasets].map(code).join(", ")}` : "");
      return `- [ ] ${about}: ${inline(fix)}`;
    });
  }

  private scanned(): string[] {
    const { result } = this;
    const licenses = result.licenses.map((l) => `${code(l.spdx ?? l.name ?? "unidentified")} (${l.scope}, ${code(l.source.line > 0 ? `${l.source.path}:${l.source.line}` : l.source.path)})`);
    const list = (xs: string[]): string => (xs.length === 0 ? "none found" : xs.slice(0, 20).join(", ") + (xs.length > 20 ? `, +${xs.length - 20} more` : ""));
    return [
      "<details><summary>What was scanned</summary>",
      "",
      `- **Licenses:** ${list(licenses)}`,
      `- **Weights:** ${result.weights.length === 0 ? "none found" : `${result.weights.length} (${weightKinds(result).map(inline).join(", ")})`}`,
      `- **Datasets:** ${list(datasetSummary(result).map((d) => `${code(d.id ?? d.name)} (${[...(d.id === null ? ["unresolved"] : []), ...d.roles].join(", ")})`))}`,
      "",
      "</details>",
    ];
  }
}

/** Longest fix shown in a table cell; the Fixes section below the table has the full text. */
const MAX_FIX_IN_TABLE = 160;

/** The fix for a table cell: clipped at a word boundary, never inside a code span. */
function shortFix(fix: string): string {
  const one = fix.replace(/\s+/g, " ").trim();
  if (Array.from(one).length <= MAX_FIX_IN_TABLE) return one;
  let cut = clip(one, MAX_FIX_IN_TABLE).slice(0, -1);
  // Cut at a word boundary, and never through a URL (GitHub would autolink the stump).
  const space = cut.lastIndexOf(" ");
  if (space > 0) cut = cut.slice(0, space);
  const lastToken = cut.slice(cut.lastIndexOf(" ") + 1);
  if (/:\/\//.test(lastToken) && cut.lastIndexOf(" ") > 0) cut = cut.slice(0, cut.lastIndexOf(" "));
  // An odd number of backticks means the cut is inside a code span: end before it opens.
  if ((cut.match(/`/g) ?? []).length % 2 === 1) cut = cut.slice(0, cut.lastIndexOf("`")).trimEnd();
  return `${cut.replace(/[\s,;:(]+$/, "")} …`;
}

// ---------------------------------------------------------------------------------------
// Escaping. Dataset names, paths and messages can come from the scanned repository: they
// must not break the table, inject HTML, or @-mention people in an issue.

/** Inline text: one line, HTML and Markdown-significant characters neutralised, @mentions defused. */
export function inline(s: string): string {
  return stripControl(s)
    .replace(/[\r\n]+/g, " ")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/@(?=[A-Za-z0-9-])/g, "@\u200b");
}

/** A table cell: inline text with pipes escaped (Markdown in fixes is kept). */
export function cell(s: string): string {
  return inline(s).replace(/\|/g, "\\|");
}

/** A code span that survives backticks and pipes inside it (safe in table cells). */
export function code(s: string): string {
  const t = stripControl(s).replace(/[\r\n]+/g, " ");
  const longest = Math.max(0, ...(t.match(/`+/g) ?? []).map((m) => m.length));
  const fence = "`".repeat(longest + 1);
  const pad = t.startsWith("`") || t.endsWith("`") ? " " : "";
  return `${fence}${pad}${t.replace(/\|/g, "\\|")}${pad}${fence}`;
}

export function escapeLinkText(s: string): string {
  return stripControl(s).replace(/[\r\n]+/g, " ").replace(/([[\]\\|`*_<>])/g, "\\$1");
}

export function escapeUrl(s: string): string {
  return stripControl(s).replace(/[\s<>()|]/g, (c) => encodeURIComponent(c));
}

/** Text inside a quoted Mermaid label: quotes and angle brackets as Mermaid entity codes. */
function mermaidText(s: string): string {
  return stripControl(s)
    .replace(/[\r\n]+/g, " ")
    .replace(/"/g, "#quot;")
    .replace(/</g, "#lt;")
    .replace(/>/g, "#gt;")
    .replace(/[[\]{}|`]/g, " ");
}

/** Alias with the name src/publish/summary.ts refers to (`setMarkdownRenderer(renderMarkdown)`). */
export const renderMarkdown = markdown;
