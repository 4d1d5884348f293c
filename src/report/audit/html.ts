/**
 * The HTML audit report: one self-contained page (inline CSS, inline script, inline SVG; no
 * fetch, font, image or CDN) with the headline counts, the datasets whose terms are dropped most
 * and the restrictions dropped most, a sortable and filterable table of repositories and
 * findings, and per dataset its lineage graph and the repositories that use it.
 *
 * Everything from a scanned repository (names, paths, quoted README lines, messages) is
 * hostile input: it is escaped where it is written (`esc`), links are made only from http(s)
 * URLs, the row data is embedded as JSON with `<`, `>` and `&` escaped, and a
 * Content-Security-Policy allows only this page's own script and style (by hash), so even a
 * missed escape could not run code or load anything.
 */
import { createHash } from "node:crypto";
import type { AuditReport } from "../../audit/types.js";
import type { Severity } from "../../core/types.js";
import { plural, SEVERITY_ORDER } from "../common.js";
import { DISCLAIMER } from "../markdown.js";
import { CLIENT_SCRIPT } from "./html-client.js";
import { esc, lineageSvg } from "./lineage-svg.js";
import { buildModel, evidenceUrl, isHttpUrl, location, repoUrl, type AuditModel, type AuditRow, type DatasetUse } from "./model.js";

/** Sort rank of a row's severity cell: findings by severity, then clean, skipped, failed. */
const SEV_RANK: Record<string, number> = { error: 3, warning: 2, info: 1, clean: 0, skipped: -1, failed: -2 };
const SEV_LABEL: Record<string, string> = { error: "error", warning: "warning", info: "info", clean: "no findings", skipped: "skipped", failed: "failed" };

/** The row data the page's script sorts and filters on, in the table's order (`data-i`). */
export interface ClientRow {
  repository: string;
  private: boolean;
  kind: AuditRow["kind"];
  sevKey: string;
  sevRank: number;
  findings: number;
  rule: string | null;
  dataset: string | null;
  datasetName: string | null;
  origin: string | null;
  originName: string | null;
  weightsLicense: string | null;
  evidence: string;
  evidenceText: string | null;
  message: string;
}

/** JSON safe inside a `<script>` element: no `<`, `>` or `&` (so no `</script>` or `<!--`), no line separators. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, "\\u003c")
    .replace(/>/g, "\\u003e")
    .replace(/&/g, "\\u0026")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

const sha256 = (s: string): string => createHash("sha256").update(s, "utf8").digest("base64");

/** Render the HTML audit report. */
export function auditHtml(report: AuditReport): string {
  const m = buildModel(report);
  const anchors = new Map(m.uses.map((u, i) => [u.id, `ds-${i + 1}-${u.id.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "")}`]));
  const rows: ClientRow[] = m.rows.map((r) => {
    const sevKey = r.severity ?? r.kind;
    return {
      repository: r.repository,
      private: r.private,
      kind: r.kind,
      sevKey,
      sevRank: SEV_RANK[sevKey] ?? -3,
      findings: r.repoFindings,
      rule: r.rule,
      dataset: r.dataset,
      datasetName: r.datasetName,
      origin: r.origin,
      originName: r.originName,
      weightsLicense: r.weightsLicense,
      evidence: location(r),
      evidenceText: r.evidenceText,
      message: r.message,
    };
  });
  const style = STYLE;
  const script = CLIENT_SCRIPT;
  const csp = [
    "default-src 'none'",
    `style-src 'sha256-${sha256(style)}'`,
    `script-src 'sha256-${sha256(script)}'`,
    "img-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join("; ");
  const title = `carryover audit: ${report.target}`;
  return [
    "<!doctype html>",
    '<html lang="en">',
    "<head>",
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${esc(csp)}">`,
    '<meta name="referrer" content="no-referrer">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<meta name="generator" content="carryover ${esc(report.tool.version)}">`,
    `<title>${esc(title)}</title>`,
    `<style>${style}</style>`,
    "</head>",
    "<body>",
    header(report),
    "<main>",
    summary(m),
    dropped(m, anchors),
    table(m, anchors),
    datasets(m, anchors),
    "</main>",
    `<footer><p>${esc(DISCLAIMER)} Dataset facts come from carryover's registry; each links the sources it rests on.</p></footer>`,
    `<script type="application/json" id="audit-data">${scriptJson({ schemaVersion: 1, target: report.target, generatedAt: report.generatedAt, rows })}</script>`,
    `<script>${script}</script>`,
    "</body>",
    "</html>",
    "",
  ].join("\n");
}

function header(report: AuditReport): string {
  return (
    `<header class="top"><div class="wrap"><p class="brand">carryover · audit</p><h1>${esc(report.target)}</h1>` +
    `<p class="meta">Generated <time datetime="${esc(report.generatedAt)}">${esc(report.generatedAt.replace("T", " ").replace(/\.\d+Z$/, "Z"))}</time> · carryover ${esc(report.tool.version)} · registry <code>${esc(report.registryVersion.slice(0, 12))}</code></p></div></header>`
  );
}

function card(label: string, value: number, sub: string, cls = ""): string {
  return `<div class="card${cls ? ` ${cls}` : ""}"><div class="value">${value}</div><div class="label">${esc(label)}</div>${sub ? `<div class="sub">${sub}</div>` : ""}</div>`;
}

function sevChips(c: Record<Severity, number>, what = ""): string {
  return SEVERITY_ORDER.filter((s) => c[s] > 0)
    .map((s) => `<span class="chip sev-${s}">${esc(plural(c[s], s))}${what}</span>`)
    .join(" ");
}

function summary(m: AuditModel): string {
  const s = m.summary;
  const parts = [`${s.scanned} scanned`, ...(s.skipped > 0 ? [`${s.skipped} skipped`] : [])].join(" · ");
  const worst = SEVERITY_ORDER.filter((x) => s.worst[x] > 0)
    .map((x) => `<span class="chip sev-${x}">${s.worst[x]} ${x === "info" ? "info only" : `with ${x}s`}</span>`)
    .join(" ");
  return (
    `<section class="summary" aria-labelledby="h-summary"><h2 id="h-summary" class="visually-hidden">Summary</h2><div class="cards">` +
    card("Repositories", s.repositories, esc(parts)) +
    card("With published weights", s.withWeights, s.scanned > 0 ? `${Math.round((100 * s.withWeights) / s.scanned)}% of scanned` : "") +
    card("With findings", s.withFindings, worst || "none", s.withFindings > 0 ? "alert" : "ok") +
    card("Findings", s.findings.error + s.findings.warning + s.findings.info, sevChips(s.findings) || "none") +
    card("Failed", s.failed, s.failed > 0 ? "could not be scanned" : "all read", s.failed > 0 ? "alert" : "") +
    (s.privateScanned > 0 || s.privateOmitted > 0 ? card("Private", s.privateScanned, `${s.privateOmitted} left out of this report`) : "") +
    `</div></section>`
  );
}

function bar(value: number, max: number, cls: string): string {
  const w = max > 0 ? Math.max(2, Math.round((120 * value) / max)) : 0;
  return `<svg class="bar" width="120" height="10" aria-hidden="true"><rect class="track" width="120" height="10" rx="3"/><rect class="${cls}" width="${w}" height="10" rx="3"/></svg>`;
}

function dropped(m: AuditModel, anchors: Map<string, string>): string {
  const maxD = Math.max(0, ...m.datasets.map((d) => d.repositories.length));
  const ds = m.datasets.slice(0, 10).map((d) => {
    const a = anchors.get(d.id);
    const name = a ? `<a href="#${esc(a)}">${esc(d.name)}</a>` : esc(d.name);
    const worst = d.findings.error > 0 ? "error" : d.findings.warning > 0 ? "warning" : "info";
    return (
      `<li><div class="what">${name} <code>${esc(d.id)}</code><div class="tags">${d.restrictions.map((r) => `<span class="tag">${esc(r)}</span>`).join("")}</div></div>` +
      `<div class="how">${bar(d.repositories.length, maxD, `fill sev-${worst}`)}<span>${esc(repos(d.repositories.length))}</span></div></li>`
    );
  });
  const maxR = Math.max(0, ...m.restrictions.map((r) => r.repositories.length));
  const rs = m.restrictions.map((r) => {
    const top = r.datasets.slice(0, 3).map((id) => esc(m.lineage.get(id)?.name ?? id));
    return (
      `<li><div class="what"><strong>${esc(r.label)}</strong> <span class="small muted">${r.rules.map((x) => esc(x)).join(", ")}</span>` +
      `<div class="tags muted">${top.length > 0 ? `${top.join(", ")}${r.datasets.length > 3 ? `, +${r.datasets.length - 3} more` : ""}` : ""}</div></div>` +
      `<div class="how">${bar(r.repositories.length, maxR, "fill accent")}<span>${esc(`${repos(r.repositories.length)} · ${plural(r.findings, "finding")}`)}</span></div></li>`
    );
  });
  const empty = '<p class="muted">No repository drops a dataset term or status.</p>';
  return (
    `<section class="dropped" aria-label="What is dropped most">` +
    `<div class="panel"><h2>Dataset terms dropped most</h2><p class="hint">Datasets whose terms or status the weights do not carry, by repositories affected.</p>${ds.length > 0 ? `<ol class="ranks">${ds.join("")}</ol>` : empty}</div>` +
    `<div class="panel"><h2>Restrictions dropped most</h2><p class="hint">Each restriction by the rules that found it dropped, and the datasets it comes from.</p>${rs.length > 0 ? `<ol class="ranks">${rs.join("")}</ol>` : empty}</div>` +
    `</section>`
  );
}

const repos = (n: number): string => `${n} ${n === 1 ? "repository" : "repositories"}`;

function link(url: string | null, text: string, cls = ""): string {
  if (!url || !isHttpUrl(url)) return esc(text);
  return `<a href="${esc(url)}"${cls ? ` class="${cls}"` : ""} rel="noopener noreferrer" target="_blank">${esc(text)}</a>`;
}

function datasetCell(id: string | null, name: string | null, anchors: Map<string, string>): string {
  if (!id) return '<span class="muted">—</span>';
  const a = anchors.get(id);
  const inner = `<code>${esc(id)}</code>${name && name !== id ? `<div class="small muted">${esc(name)}</div>` : ""}`;
  return a ? `<a href="#${esc(a)}" class="plain">${inner}</a>` : inner;
}

/** The table's columns; `width` in % of the table (fixed layout: the table always fits its frame, long text wraps). */
const COLUMNS: { key: keyof ClientRow; label: string; type: "text" | "num"; width: number; cls?: string }[] = [
  { key: "repository", label: "Repository", type: "text", width: 13 },
  { key: "sevRank", label: "Severity", type: "num", width: 7 },
  { key: "findings", label: "Findings", type: "num", width: 5.5, cls: "num" },
  { key: "rule", label: "Rule", type: "text", width: 11 },
  { key: "dataset", label: "Dataset", type: "text", width: 10.5 },
  { key: "origin", label: "Origin", type: "text", width: 9 },
  { key: "weightsLicense", label: "Weights license", type: "text", width: 8.5 },
  { key: "evidence", label: "Evidence", type: "text", width: 14 },
  { key: "message", label: "Message", type: "text", width: 21.5, cls: "wide" },
];

function table(m: AuditModel, anchors: Map<string, string>): string {
  const rules = new Map<string, number>();
  for (const r of m.rows) if (r.rule) rules.set(r.rule, (rules.get(r.rule) ?? 0) + 1);
  const sevs = new Map<string, number>();
  for (const r of m.rows) sevs.set(r.severity ?? r.kind, (sevs.get(r.severity ?? r.kind) ?? 0) + 1);
  const sevOptions = ["error", "warning", "info", "clean", "skipped", "failed"]
    .filter((s) => sevs.has(s))
    .map((s) => `<option value="${esc(s)}">${esc(SEV_LABEL[s]!)} (${sevs.get(s)})</option>`)
    .join("");
  const ruleOptions = [...rules]
    .sort((a, b) => (a[0] < b[0] ? -1 : 1))
    .map(([r, n]) => `<option value="${esc(r)}">${esc(r)} (${n})</option>`)
    .join("");
  const head = COLUMNS.map(
    (c) => `<th scope="col" data-key="${c.key}" data-type="${c.type}" aria-sort="none"${c.cls ? ` class="${c.cls}"` : ""}><button type="button">${esc(c.label)}<span class="arrow" aria-hidden="true"></span></button></th>`,
  ).join("");
  const body = m.rows.map((r, i) => row(r, i, anchors)).join("\n");
  return (
    `<section class="findings" aria-labelledby="h-findings"><h2 id="h-findings">Repositories and findings</h2>` +
    `<div class="filters" role="search">` +
    `<label>Search <input id="filter-text" type="search" placeholder="repository, dataset, rule, path, text…" autocomplete="off"></label>` +
    `<label>Severity <select id="filter-severity"><option value="">All</option>${sevOptions}</select></label>` +
    `<label>Rule <select id="filter-rule"><option value="">All rules</option>${ruleOptions}</select></label>` +
    `<span id="filter-count" class="muted" aria-live="polite">${m.rows.length} rows</span><span id="sort-status" class="visually-hidden" aria-live="polite"></span>` +
    `</div>` +
    `<div class="table-wrap"><table id="audit-table"><caption class="visually-hidden">One row per finding, and one per repository without findings. Click a column header to sort.</caption>` +
    `<colgroup>${COLUMNS.map((c) => `<col span="1" class="w-${c.key}">`).join("")}</colgroup>` +
    `<thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>` +
    `<p id="filter-none" class="muted none" hidden>No row matches the filters.</p></div></section>`
  );
}

/** Longest message and evidence quote shown in a table cell; the rest is one click away (message) or in the linked file (quote). */
const MESSAGE_IN_TABLE = 200;
const QUOTE_IN_TABLE = 140;

/** `s` cut to at most `max` characters at a word boundary, with an ellipsis; `s` itself when it fits. */
function shorten(s: string, max: number): string {
  const cps = Array.from(s);
  if (cps.length <= max) return s;
  const cut = cps.slice(0, max - 1).join("");
  const space = cut.lastIndexOf(" ");
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).replace(/[\s,;:(]+$/, "")} …`;
}

function row(r: AuditRow, i: number, anchors: Map<string, string>): string {
  const sevKey = r.severity ?? r.kind;
  const repo = `${link(repoUrl(r.htmlUrl), r.repository, "repo")}${r.private ? ' <span class="tag private">private</span>' : ""}<div class="small muted"><code>${esc(r.sha.slice(0, 10))}</code></div>`;
  const url = evidenceUrl(r);
  const loc = location(r);
  const evidence = loc
    ? `${link(url, loc, "path")}${r.evidenceText ? `<blockquote class="quote">${esc(shorten(r.evidenceText, QUOTE_IN_TABLE))}</blockquote>` : ""}`
    : '<span class="muted">—</span>';
  const short = shorten(r.message, MESSAGE_IN_TABLE);
  const more = short !== r.message ? `<p>${esc(r.message)}</p>` : "";
  const fix = r.fix ? `<p><strong>Fix:</strong> ${esc(r.fix)}</p>` : "";
  const message =
    r.kind === "finding"
      ? `${esc(short)}${more || fix ? `<details><summary>${more ? "Full message and fix" : "Fix"}</summary>${more}${fix}</details>` : ""}${r.source ? `<div class="small">${link(r.source, "Source of the terms", "src")}</div>` : ""}`
      : r.kind === "clean"
        ? '<span class="muted">No findings.</span>'
        : `<span class="err-text">${esc(r.message)}</span>`;
  const cells = [
    `<th scope="row" class="repo-cell">${repo}</th>`,
    `<td><span class="badge sev-${esc(sevKey)}">${esc(SEV_LABEL[sevKey] ?? sevKey)}</span></td>`,
    `<td class="num">${r.repoFindings}</td>`,
    `<td class="rule">${r.rule ? `<code>${esc(r.rule)}</code>` : '<span class="muted">—</span>'}</td>`,
    `<td class="ds">${datasetCell(r.dataset, r.datasetName, anchors)}</td>`,
    `<td class="ds">${r.origin && r.origin !== r.dataset ? datasetCell(r.origin, r.originName, anchors) : r.origin ? '<span class="muted">same</span>' : '<span class="muted">—</span>'}</td>`,
    `<td>${r.weightsLicense ? `<code>${esc(r.weightsLicense)}</code>` : '<span class="muted">none found</span>'}</td>`,
    `<td class="evidence">${evidence}</td>`,
    `<td class="wide">${message}</td>`,
  ];
  return `<tr data-i="${i}" class="kind-${esc(r.kind)}">${cells.join("")}</tr>`;
}

function datasets(m: AuditModel, anchors: Map<string, string>): string {
  if (m.uses.length === 0) return "";
  const legend =
    `<div class="legend" aria-hidden="true"><span><i class="sw focus"></i>the dataset</span><span><i class="sw active"></i>ancestor</span>` +
    `<span><i class="sw retracted"></i>retracted</span><span><i class="sw inactive"></i>deprecated / defunct</span><span>arrows point from a parent to the dataset derived from it</span></div>`;
  const cards = m.uses.map((u, i) => datasetCard(u, i, m, anchors)).join("\n");
  return `<section class="datasets" aria-labelledby="h-datasets"><h2 id="h-datasets">Datasets and their lineage</h2><p class="hint">Every registry dataset a scanned repository names, those behind findings first.</p>${legend}\n${cards}</section>`;
}

function datasetCard(u: DatasetUse, i: number, m: AuditModel, anchors: Map<string, string>): string {
  const node = m.lineage.get(u.id)!;
  const withFindings = u.users.filter((x) => x.findings > 0).length;
  const status = u.status === "active" ? "" : ` <span class="badge status-${esc(u.status)}">${esc(u.status)}</span>`;
  const inherited = [...new Set(lineageStatuses(u.id, m))].filter((s) => s !== "active" && s !== u.status);
  const users = u.users
    .slice()
    .sort((a, b) => b.findings - a.findings || (a.repository < b.repository ? -1 : 1))
    .map(
      (x) =>
        `<li><span class="repo-name">${esc(x.repository)}</span>${x.private ? ' <span class="tag private">private</span>' : ""} <span class="muted">${esc(x.roles.join(", "))}</span>` +
        `${x.worst ? ` <span class="chip sev-${esc(x.worst)}">${esc(plural(x.findings, "finding"))}</span>` : ""}</li>`,
    )
    .join("");
  const sources = node.sources.filter(isHttpUrl).slice(0, 4);
  const open = withFindings > 0 || i < 4 ? " open" : "";
  return (
    `<details class="dataset" id="${esc(anchors.get(u.id)!)}"${open}><summary><span class="ds-name">${esc(u.name)}</span> <code>${esc(u.id)}</code>${status}` +
    `${inherited.length > 0 ? ` <span class="badge status-${esc(inherited[0]!)}">${esc(`${inherited[0]} ancestor`)}</span>` : ""}` +
    `<span class="ds-count">${esc(repos(u.users.length))}${withFindings > 0 ? ` · ${withFindings} with findings` : ""}</span></summary>` +
    `<div class="ds-body"><div class="graph">${lineageSvg(u.id, m.lineage, String(i + 1))}</div>` +
    `<div class="ds-side"><p class="small"><strong>License:</strong> <code>${esc(u.license ?? "unknown")}</code></p>` +
    `<h3>Used by</h3><ul class="users">${users}</ul>` +
    `${sources.length > 0 ? `<h3>Sources</h3><ul class="sources">${sources.map((s) => `<li>${link(s, s.replace(/^https?:\/\//, ""))}</li>`).join("")}</ul>` : ""}` +
    `</div></div></details>`
  );
}

function lineageStatuses(id: string, m: AuditModel, seen = new Set<string>()): string[] {
  const n = m.lineage.get(id);
  if (!n || seen.has(id)) return [];
  seen.add(id);
  return [n.status, ...n.parents.flatMap((p) => lineageStatuses(p, m, seen))];
}

const STYLE = `
:root{--bg:#f5f6f8;--panel:#fff;--line:#e1e4e8;--text:#1f2328;--muted:#5f6b7a;--accent:#2f5fd0;--error:#b42318;--error-bg:#fde8e6;--warning:#a15c07;--warning-bg:#fdf0d5;--info:#175cd3;--info-bg:#e3edfc;--ok:#1a7f37;--ok-bg:#dcf3e3}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--text);font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
code{font:12.5px/1.3 ui-monospace,SFMono-Regular,Menlo,Consolas,"DejaVu Sans Mono",monospace;background:#f0f2f5;border-radius:4px;padding:1px 4px;overflow-wrap:break-word}
a{color:var(--accent);text-decoration:none}a:hover{text-decoration:underline}a.plain{color:inherit}
.wrap,main{max-width:1400px;margin:0 auto;padding:0 24px}
header.top{background:#111827;color:#f3f4f6;padding:18px 0 16px;margin-bottom:20px}
header.top .brand{margin:0;font-size:12px;letter-spacing:.08em;text-transform:uppercase;color:#9ca3af}
header.top h1{margin:2px 0 4px;font-size:24px;font-weight:650}
header.top .meta{margin:0;color:#cbd5e1;font-size:13px}header.top code{background:#1f2937;color:#e5e7eb}
h2{font-size:17px;margin:0 0 6px}h3{font-size:13px;margin:12px 0 4px;color:var(--muted);text-transform:uppercase;letter-spacing:.04em}
.hint,.muted{color:var(--muted)}.hint{margin:0 0 12px;font-size:13px}.small{font-size:12px}
.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(190px,1fr));gap:12px;margin-bottom:20px}
.card{background:var(--panel);border:1px solid var(--line);border-radius:10px;padding:14px 16px;border-top:3px solid #cbd5e1}
.card.alert{border-top-color:var(--error)}.card.ok{border-top-color:var(--ok)}
.card .value{font-size:28px;font-weight:700;line-height:1.1}.card .label{font-weight:600;margin-top:2px}.card .sub{margin-top:6px;font-size:12px;color:var(--muted)}
.dropped{display:grid;grid-template-columns:1fr 1fr;gap:16px;margin-bottom:20px}
.panel,.findings,.datasets{background:var(--panel);border:1px solid var(--line);border-radius:10px;padding:16px 18px}
.findings,.datasets{margin-bottom:20px}
ol.ranks{list-style:none;margin:0;padding:0}ol.ranks li{display:flex;justify-content:space-between;gap:12px;padding:8px 0;border-top:1px solid var(--line)}ol.ranks li:first-child{border-top:0}
ol.ranks .what{min-width:0}ol.ranks .how{display:flex;align-items:center;gap:8px;white-space:nowrap;font-size:12.5px;color:var(--muted)}
.tags{margin-top:3px;font-size:12px}.tag{display:inline-block;font-size:11.5px;padding:0 6px;margin:0 4px 2px 0;border-radius:10px;background:#eef1f5;color:#39424e;border:1px solid #dde2e8}
.tag.private{background:#f3e8ff;border-color:#e4ccff;color:#6b21a8}
.bar .track{fill:#eef1f5}.bar .fill.sev-error{fill:var(--error)}.bar .fill.sev-warning{fill:#d98b19}.bar .fill.sev-info{fill:var(--info)}.bar .fill.accent{fill:var(--accent)}
.chip,.badge{display:inline-block;font-size:12px;font-weight:600;padding:1px 8px;border-radius:10px;white-space:nowrap}
.sev-error{color:var(--error);background:var(--error-bg)}.sev-warning{color:var(--warning);background:var(--warning-bg)}.sev-info{color:var(--info);background:var(--info-bg)}
.sev-clean{color:var(--ok);background:var(--ok-bg)}.sev-failed{color:#fff;background:#6b7280}.sev-skipped{color:#374151;background:#e5e7eb}
.badge.status-retracted{color:#fff;background:var(--error)}.badge.status-deprecated,.badge.status-defunct{color:#374151;background:#e5e7eb}
.filters{display:flex;flex-wrap:wrap;align-items:center;gap:10px 18px;margin:8px 0 12px}
.filters label{font-size:13px;font-weight:600;display:flex;align-items:center;gap:6px}
.filters input,.filters select{font:inherit;font-weight:400;padding:5px 8px;border:1px solid #c9ced6;border-radius:6px;background:#fff}
.filters input{width:300px}
.table-wrap{overflow:auto;max-height:780px;border:1px solid var(--line);border-radius:6px}
table{border-collapse:collapse;width:100%;font-size:13px;table-layout:fixed;min-width:1100px}
${COLUMNS.map((c) => `col.w-${c.key}{width:${c.width}%}`).join("")}
thead th{position:sticky;top:0;z-index:1;background:#f7f8fa;border-bottom:2px solid var(--line);text-align:left;padding:0;overflow:hidden;text-overflow:ellipsis}
thead th button{all:unset;cursor:pointer;display:block;padding:8px 10px;font-weight:650;font-size:12.5px;color:#39424e}
thead th button:focus-visible{outline:2px solid var(--accent);outline-offset:-2px}
thead th .arrow::after{content:"↕";margin-left:4px;color:#b4bcc7}
thead th[aria-sort=ascending] .arrow::after{content:"▲";color:var(--accent)}thead th[aria-sort=descending] .arrow::after{content:"▼";color:var(--accent)}
tbody th,tbody td{padding:8px 10px;border-top:1px solid var(--line);vertical-align:top;text-align:left;font-weight:400}
tbody tr:hover{background:#fafbfc}tbody tr.kind-clean,tbody tr.kind-failed,tbody tr.kind-skipped{background:#fcfcfd}
tbody th,tbody td{overflow-wrap:anywhere}td.rule code{font-size:11.5px}.repo-cell a.repo{font-weight:600}
td.num,th.num{text-align:right}blockquote.quote{margin:4px 0 0;padding:2px 8px;border-left:3px solid #d0d7de;color:#4b5563;font-size:12px;word-break:break-word}
details summary{cursor:pointer;color:var(--accent);font-size:12.5px;margin-top:4px}details p{margin:4px 0}
.err-text{color:var(--error)}.none{padding:12px}
.legend{display:flex;flex-wrap:wrap;gap:14px;font-size:12px;color:var(--muted);margin-bottom:10px}
.legend .sw{display:inline-block;width:14px;height:10px;border-radius:3px;margin-right:5px;vertical-align:-1px;border:1.5px solid}
.sw.focus{background:#eaf1ff;border-color:var(--accent)}.sw.active{background:#fff;border-color:#9aa4b2}.sw.retracted{background:#fde8e6;border-color:#c62828}.sw.inactive{background:#f1f1f1;border-color:#8a8a8a;border-style:dashed}
details.dataset{border:1px solid var(--line);border-radius:8px;margin:10px 0;padding:0}
details.dataset>summary{padding:10px 14px;color:var(--text);font-size:14px;margin:0;display:flex;align-items:center;gap:8px;flex-wrap:wrap}
details.dataset[open]>summary{border-bottom:1px solid var(--line)}
.ds-name{font-weight:650}.ds-count{margin-left:auto;color:var(--muted);font-size:12.5px}
.ds-body{display:flex;gap:24px;padding:12px 14px;align-items:flex-start;flex-wrap:wrap}
.graph{overflow-x:auto;max-width:100%;flex:0 1 auto}.ds-side{flex:1 1 280px;min-width:240px}.ds-side h3:first-of-type{margin-top:6px}
ul.users,ul.sources{margin:0;padding-left:18px}ul.users li,ul.sources li{margin:2px 0}ul.sources{font-size:12px;word-break:break-all}
.repo-name{font-weight:600}
svg.lineage{display:block;font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
svg.lineage .edge{fill:none;stroke:#8a94a3;stroke-width:1.6}svg.lineage .arrowhead{fill:#8a94a3}
svg.lineage .node rect{fill:#fff;stroke:#9aa4b2;stroke-width:1.4}
svg.lineage .node.focus rect{fill:#eaf1ff;stroke:var(--accent);stroke-width:2.2}
svg.lineage .node.status-retracted rect{fill:#fde8e6;stroke:#c62828;stroke-width:2}
svg.lineage .node.status-deprecated rect,svg.lineage .node.status-defunct rect{fill:#f1f1f1;stroke:#8a8a8a;stroke-dasharray:4 3}
svg.lineage .name{font-size:12.5px;font-weight:600;fill:#1f2328}svg.lineage .meta{font-size:11.5px;fill:#5f6b7a}
svg.lineage .status-retracted .meta{fill:#b42318;font-weight:700}
footer{max-width:1400px;margin:0 auto 28px;padding:0 24px;color:var(--muted);font-size:12.5px}
@media (max-width:900px){.dropped{grid-template-columns:1fr}.filters input{width:100%}}
@media print{header.top{background:none;color:#000}.filters{display:none}.table-wrap{max-height:none;overflow:visible}details.dataset{break-inside:avoid}}
`;
