/**
 * The Markdown audit report: the headline counts, the datasets whose terms are dropped most,
 * the restrictions dropped most, then one findings table per repository with findings (worst
 * first), the repositories without findings, and those that failed or were skipped. Every
 * string from a scanned repository goes through the scan report's escaping (src/report/markdown.ts).
 */
import type { AuditReport } from "../../audit/types.js";
import type { Severity } from "../../core/types.js";
import { plural, SEVERITY_ORDER, stripControl } from "../common.js";
import { cell, code, DISCLAIMER, escapeLinkText, escapeUrl, inline } from "../markdown.js";
import { buildModel, evidenceUrl, location, repoUrl, type AuditModel, type AuditRow } from "./model.js";

const BADGE: Record<Severity, string> = { error: "🔴 error", warning: "🟠 warning", info: "🔵 info" };

const counts = (c: Record<Severity, number>): string => SEVERITY_ORDER.map((s) => plural(c[s], s)).join(", ");
/** "2 with errors, 1 with warnings at worst, 1 with info only": repositories by their worst finding. */
const worstCounts = (c: Record<Severity, number>): string =>
  [c.error > 0 ? `${c.error} with errors` : "", c.warning > 0 ? `${c.warning} with warnings at worst` : "", c.info > 0 ? `${c.info} with info only` : ""].filter(Boolean).join(", ");
const nonzero = (c: Record<Severity, number>): string => SEVERITY_ORDER.filter((s) => c[s] > 0).map((s) => plural(c[s], s)).join(", ") || "none";

/** Render the Markdown audit report. */
export function auditMarkdown(report: AuditReport): string {
  const m = buildModel(report);
  const out: string[] = [];
  out.push(`# carryover audit: ${code(report.target)}`, "");
  out.push(`Generated ${inline(report.generatedAt)} by carryover ${inline(report.tool.version)} · registry ${code(report.registryVersion)}`, "");
  out.push(...summary(m), "");
  out.push(...datasetTable(m), "");
  out.push(...restrictionTable(m), "");
  out.push(...repositories(m));
  out.push("---", `<sub>${DISCLAIMER}</sub>`, "");
  return out.join("\n");
}

function summary(m: AuditModel): string[] {
  const s = m.summary;
  const status = [`${s.scanned} scanned`, ...(s.failed > 0 ? [`${s.failed} failed`] : []), ...(s.skipped > 0 ? [`${s.skipped} skipped`] : [])].join(", ");
  const lines = [
    "## Summary",
    "",
    "| | |",
    "| --- | --- |",
    `| Repositories | ${s.repositories} (${status}) |`,
    `| With published weights | ${s.withWeights} |`,
    `| With findings | ${s.withFindings}${s.withFindings > 0 ? ` (${worstCounts(s.worst)})` : ""} |`,
    `| Findings | ${counts(s.findings)} |`,
    `| Failed | ${s.failed} |`,
  ];
  if (s.privateScanned > 0 || s.privateOmitted > 0) lines.push(`| Private | ${s.privateScanned} in this report, ${s.privateOmitted} left out |`);
  return lines;
}

function datasetTable(m: AuditModel): string[] {
  const lines = ["## Dataset terms dropped most", ""];
  if (m.datasets.length === 0) return [...lines, "No repository drops a dataset's terms or status."];
  lines.push("Datasets whose terms or status the audited weights do not carry, by the number of repositories.", "");
  lines.push("| Dataset | Repositories | Findings | Restrictions dropped |", "| --- | --: | --- | --- |");
  for (const d of m.datasets) {
    const name = d.name !== d.id ? ` ${cell(d.name)}` : "";
    lines.push(`| ${code(d.id)}${name} | ${d.repositories.length} | ${nonzero(d.findings)} | ${d.restrictions.map(cell).join(", ")} |`);
  }
  return lines;
}

function restrictionTable(m: AuditModel): string[] {
  const lines = ["## Restrictions dropped most", ""];
  if (m.restrictions.length === 0) return [...lines, "None."];
  lines.push("| Restriction | Repositories | Findings | Datasets | Rules |", "| --- | --: | --: | --- | --- |");
  for (const r of m.restrictions) {
    const ds = r.datasets.slice(0, 8).map(code).join(", ") + (r.datasets.length > 8 ? `, +${r.datasets.length - 8} more` : "");
    lines.push(`| ${cell(r.label)} | ${r.repositories.length} | ${r.findings} | ${ds || "—"} | ${r.rules.map(code).join(", ")} |`);
  }
  return lines;
}

function repositories(m: AuditModel): string[] {
  const out: string[] = [];
  const byRepo = new Map<string, AuditRow[]>();
  for (const r of m.rows) byRepo.set(r.repository, [...(byRepo.get(r.repository) ?? []), r]);
  const groups = [...byRepo.values()];
  const withFindings = groups.filter((g) => g[0]!.kind === "finding");
  const clean = groups.filter((g) => g[0]!.kind === "clean").map((g) => g[0]!);
  const failed = groups.filter((g) => g[0]!.kind === "failed" || g[0]!.kind === "skipped").map((g) => g[0]!);

  if (withFindings.length > 0) out.push("## Findings by repository", "");
  for (const rows of withFindings) {
    const r = rows[0]!;
    const c: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
    for (const x of rows) if (x.severity) c[x.severity]++;
    out.push(`### ${span(r.repository)}${r.private ? " (private)" : ""}`, "");
    out.push(`${nonzero(c)} · weights license ${r.weightsLicense ? code(r.weightsLicense) : "none found"} · ${commit(r)}`, "");
    out.push("| Severity | Rule | Dataset | Origin | Evidence | Message |", "| --- | --- | --- | --- | --- | --- |");
    for (const x of rows) {
      const url = evidenceUrl(x);
      const loc = location(x);
      const ev = !loc ? "—" : url ? `[${escapeLinkText(loc)}](${escapeUrl(url)})` : code(loc);
      out.push(`| ${x.severity ? (Object.hasOwn(BADGE, x.severity) ? BADGE[x.severity] : inline(x.severity)) : "—"} | ${code(x.rule ?? "")} | ${x.dataset ? code(x.dataset) : "—"} | ${x.origin ? code(x.origin) : "—"} | ${ev} | ${cell(x.message) || "—"} |`);
    }
    out.push("");
  }
  if (clean.length > 0) {
    out.push("## Without findings", "");
    for (const r of clean) out.push(`- ${repoLabel(r)} · weights license ${r.weightsLicense ? code(r.weightsLicense) : "none found"} · ${commit(r)}`);
    out.push("");
  }
  if (failed.length > 0) {
    out.push("## Not scanned", "");
    for (const r of failed) out.push(`- ${repoLabel(r)} · ${r.kind}: ${inline(r.message)}`);
    out.push("");
  }
  return out;
}

/** A code span outside a table: like `code` but without the table's pipe escaping. */
function span(s: string): string {
  const t = inlineCodeText(s);
  const longest = Math.max(0, ...(t.match(/`+/g) ?? []).map((x) => x.length));
  const fence = "`".repeat(longest + 1);
  const pad = t.startsWith("`") || t.endsWith("`") ? " " : "";
  return `${fence}${pad}${t}${pad}${fence}`;
}

const inlineCodeText = (s: string): string => stripControl(s).replace(/[\r\n]+/g, " ");

function repoLabel(r: AuditRow): string {
  return `${code(r.repository)}${r.private ? " (private)" : ""}`;
}

function commit(r: AuditRow): string {
  const short = code(r.sha.slice(0, 12) || "unknown commit");
  const base = repoUrl(r.htmlUrl);
  if (!base || !r.sha) return `commit ${short}`;
  return `commit [${short}](${escapeUrl(`${base}/tree/${encodeURIComponent(r.sha)}`)})`;
}
