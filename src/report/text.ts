/**
 * The terminal report: what was found (licenses, weights, datasets) in a few lines, then
 * the findings grouped by severity, each with its evidence `path:line` and quoted text,
 * the sources of the dataset terms and the fix, and a summary line.
 */
import type { Finding, ScanResult, Severity } from "../core/types.js";
import { clip, datasetSummary, plural, SEVERITY_ORDER, severityCounts, sortFindings, stripControl, uniqueSources, weightKinds } from "./common.js";
import type { ReportOptions } from "./types.js";

/** Longest quoted evidence shown; a license file's first line or a README sentence fits. */
const MAX_QUOTE = 160;
/** How many items each "found" line lists before "+N more". */
const MAX_LISTED = 6;

/**
 * Whether the text report should be coloured: never when `NO_COLOR` is set to a non-empty
 * value (https://no-color.org), else `FORCE_COLOR` (non-empty, not "0") forces it on, else
 * only on a TTY.
 */
export function shouldColor(env: NodeJS.ProcessEnv, isTTY: boolean | undefined): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== "") return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== "" && env.FORCE_COLOR !== "0") return true;
  return isTTY === true;
}

type Paint = (code: string, s: string) => string;

const SYMBOL: Record<Severity, string> = { error: "✖", warning: "▲", info: "●" };
const COLOR: Record<Severity, string> = { error: "31", warning: "33", info: "36" };
const HEADING: Record<Severity, string> = { error: "Errors", warning: "Warnings", info: "Info" };

/** Render the text report. */
export function text(result: ScanResult, opts: ReportOptions = {}): string {
  const paint: Paint = opts.color ? (code, s) => `\u001b[${code}m${s}\u001b[0m` : (_code, s) => s;
  const dim = (s: string): string => paint("2", s);
  const bold = (s: string): string => paint("1", s);
  const out: string[] = [];
  const version = opts.toolVersion ?? result.tool.version;

  out.push(`${bold("carryover")} ${version} · ${clean(result.target)}`, "");
  out.push(...found(result, dim), "");

  const findings = sortFindings(result.findings);
  if (findings.length === 0) {
    out.push(paint("32", "✔ No findings: no dataset term was found left behind by the license of these weights."), "");
  }
  for (const sev of SEVERITY_ORDER) {
    const group = findings.filter((f) => f.severity === sev);
    if (group.length === 0) continue;
    out.push(paint(`1;${COLOR[sev]}`, `${HEADING[sev]} (${group.length})`), "");
    for (const f of group) out.push(...finding(f, result, paint, dim, bold), "");
  }

  if (result.notes.length > 0) {
    out.push(bold("Notes"));
    for (const n of result.notes) out.push(`  ${n.level === "warning" ? paint("33", "!") : dim("-")} ${n.path ? `${dim(clean(n.path))} ` : ""}${clean(n.message)}`);
    out.push("");
  }

  const summary = `${severityCounts(findings)} · ${plural(result.weights.length, "weight ref")} · ${plural(datasetSummary(result).length, "dataset")}`;
  out.push(findings.length === 0 ? paint("32", summary) : bold(summary));
  out.push(dim("carryover reports what dataset terms say; it is not legal advice."));
  return `${out.join("\n")}\n`;
}

function finding(f: Finding, result: ScanResult, paint: Paint, dim: (s: string) => string, bold: (s: string) => string): string[] {
  const lines: string[] = [];
  const about = datasetLabel(f, result);
  lines.push(`  ${paint(COLOR[f.severity], SYMBOL[f.severity])} ${bold(f.rule)}${about ? ` · ${about}` : ""}${f.confidence && f.confidence !== "high" ? dim(` (${f.confidence} confidence)`) : ""}`);
  lines.push(`    ${clean(f.message)}`);
  for (const e of f.evidence) {
    const loc = e.line > 0 ? `${e.path}:${e.line}` : e.path;
    const quote = clean(e.text).trim();
    lines.push(`    ${paint("4", clean(loc))}${quote ? `  ${dim("“")}${clip(quote, MAX_QUOTE)}${dim("”")}` : ""}`);
  }
  if (f.weights.length > 0) {
    const shown = f.weights.slice(0, 3).map(clean).join(", ");
    lines.push(`    ${dim("Weights:")} ${shown}${f.weights.length > 3 ? dim(` +${f.weights.length - 3} more`) : ""}`);
  }
  for (const s of uniqueSources([f])) lines.push(`    ${dim("Terms:")} ${clean(s)}`);
  if (f.fix) lines.push(`    ${paint("32", "Fix:")} ${clean(f.fix)}`);
  return lines;
}

/** `ms1mv2` or `ms1mv2 ← ms-celeb-1m` (the ancestor whose term or status is at stake). */
function datasetLabel(f: Finding, result: ScanResult): string {
  if (f.dataset === null) return "";
  const name = (id: string): string => {
    const n = Object.hasOwn(result.lineage, id) ? result.lineage[id] : undefined;
    return n && n.name !== id ? `${id} (${n.name})` : id;
  };
  const head = clean(name(f.dataset));
  return f.origin && f.origin !== f.dataset ? `${head} ← ${clean(name(f.origin))}` : head;
}

function found(result: ScanResult, dim: (s: string) => string): string[] {
  const list = (items: string[]): string => {
    if (items.length === 0) return dim("none found");
    const shown = items.slice(0, MAX_LISTED).join(" · ");
    return items.length > MAX_LISTED ? `${shown} ${dim(`+${items.length - MAX_LISTED} more`)}` : shown;
  };
  const licenses = result.licenses.map(
    (l) => `${clean(l.spdx ?? l.name ?? "unidentified")} ${dim(`(${l.scope}, ${clean(l.source.path)}${l.source.line > 0 ? `:${l.source.line}` : ""})`)}`,
  );
  const weights = weightKinds(result).map(clean);
  const datasets = datasetSummary(result).map((d) => {
    const label = d.id === null ? d.name : d.id === d.name ? d.id : `${d.name} → ${d.id}`;
    return `${clean(label)} ${dim(`(${[...(d.id === null ? ["unresolved"] : []), ...d.roles].join(", ")})`)}`;
  });
  return [`${dim("Licenses:")} ${list(licenses)}`, `${dim("Weights: ")} ${list(weights)}`, `${dim("Datasets:")} ${list(datasets)}`];
}

/** One line of untrusted text, safe for a terminal. */
function clean(s: string): string {
  return stripControl(s).replace(/[\r\n\t]+/g, " ");
}
