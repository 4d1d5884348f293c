import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { AuditReport } from "../../../src/audit/types.js";
import type { LineageNode } from "../../../src/core/types.js";
import { AUDIT_FORMATS, renderAudit, type AuditFormat } from "../../../src/report/audit/index.js";
import { auditCsv, csvCell, CSV_COLUMNS } from "../../../src/report/audit/csv.js";
import { auditHtml, scriptJson, type ClientRow } from "../../../src/report/audit/html.js";
import { auditJson } from "../../../src/report/audit/json.js";
import { layoutLineage, lineageSvg } from "../../../src/report/audit/lineage-svg.js";
import { auditMarkdown } from "../../../src/report/audit/markdown.js";
import { ancestry, buildModel } from "../../../src/report/audit/model.js";
import { auditFixture, HOSTILE_IMG, HOSTILE_REPO } from "./fixtures.js";

/** RFC 4180 reader for the tests: quoted fields, doubled quotes, CRLF records. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') {
      if (cell !== "") throw new Error(`quote inside an unquoted field at ${i}`);
      quoted = true;
    } else if (c === ",") {
      row.push(cell);
      cell = "";
    } else if (c === "\r" && text[i + 1] === "\n") {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
      i++;
    } else if (c === "\n" || c === "\r") throw new Error(`bare line break outside quotes at ${i}`);
    else cell += c;
  }
  if (quoted) throw new Error("unterminated quoted field");
  if (cell !== "" || row.length > 0) throw new Error("last record has no CRLF");
  return rows;
}

const findingCount = (r: AuditReport): number => r.repositories.reduce((n, x) => n + (x.result?.findings.length ?? 0), 0);

describe("report/audit/index", () => {
  it("registers the four audit formats and renders each through renderAudit", async () => {
    const report = await auditFixture();
    expect(AUDIT_FORMATS).toEqual(["markdown", "json", "csv", "html"]);
    expect(renderAudit("json", report)).toBe(auditJson(report));
    expect(renderAudit("csv", report)).toBe(auditCsv(report));
    expect(renderAudit("markdown", report)).toBe(auditMarkdown(report));
    expect(renderAudit("html", report)).toBe(auditHtml(report));
    expect(() => renderAudit("xml" as AuditFormat, report)).toThrow(/unknown audit format "xml".*markdown, json, csv, html/);
  });

  it("the pipeline gave the fixture the findings the formats are checked against", async () => {
    const report = await auditFixture();
    const by = new Map(report.repositories.map((r) => [r.repository, r]));
    expect(by.get("acme/face-zoo")!.result!.findings.map((f) => [f.rule, f.dataset, f.origin])).toEqual([
      ["noncommercial-not-carried-over", "ms1mv2", "ms1mv2"],
      ["retracted-dataset", "ms1mv2", "ms-celeb-1m"],
    ]);
    expect(by.get("acme/fashion-classifier")!.result!.findings).toEqual([]);
    expect(by.get("acme/imagenet-resnet")!.result!.findings).toEqual([]);
    expect(by.get(HOSTILE_REPO)!.result!.findings[0]!.evidence[0]!.text).toContain("<script>");
  });
});

describe("report/audit/json", () => {
  it("is the report as is, with a stable key order", async () => {
    const report = await auditFixture();
    const out = auditJson(report);
    expect(JSON.parse(out)).toEqual(JSON.parse(JSON.stringify(report)));
    expect(Object.keys(JSON.parse(out))).toEqual(["schemaVersion", "tool", "target", "generatedAt", "registryVersion", "repositories", "privateOmitted"]);
    expect(out.endsWith("}\n")).toBe(true);
    // Same content built in another key order: byte-identical output.
    const shuffled = JSON.parse(JSON.stringify(report, (_k, v: unknown) => (v && typeof v === "object" && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).reverse()) : v))) as AuditReport;
    expect(Object.keys(shuffled)[0]).toBe("privateOmitted");
    expect(auditJson(shuffled)).toBe(out);
    const repo = JSON.parse(out).repositories[0];
    expect(Object.keys(repo)).toEqual(["repository", "private", "htmlUrl", "ref", "sha", "status", "result"]);
    expect(Object.keys(repo.result).slice(0, 3)).toEqual(["schemaVersion", "tool", "target"]);
  });
});

describe("report/audit/csv", () => {
  it("one row per finding and one per repository without findings, RFC 4180", async () => {
    const report = await auditFixture();
    const out = auditCsv(report);
    const rows = parseCsv(out);
    expect(rows[0]).toEqual([...CSV_COLUMNS]);
    const body = rows.slice(1).map((r) => Object.fromEntries(CSV_COLUMNS.map((c, i) => [c, r[i]!])) as Record<(typeof CSV_COLUMNS)[number], string>);
    expect(rows.every((r) => r.length === CSV_COLUMNS.length)).toBe(true);
    // 4 findings + clean + CC BY-NC (no findings) + failed.
    expect(body).toHaveLength(findingCount(report) + 3);
    const face = body.filter((r) => r.repository === "acme/face-zoo");
    expect(face.map((r) => [r.rule, r.severity, r.dataset, r.origin, r.weights_license, r.evidence])).toEqual([
      ["noncommercial-not-carried-over", "error", "ms1mv2", "ms1mv2", "MIT", "README.md:3"],
      ["retracted-dataset", "warning", "ms1mv2", "ms-celeb-1m", "MIT", "README.md:3"],
    ]);
    expect(face[0]!.sha).toBe(report.repositories.find((r) => r.repository === "acme/face-zoo")!.sha);
    expect(face[0]!.private).toBe("false");
    expect(face[0]!.source).toMatch(/^https:\/\/github\.com\/deepinsight\/insightface\//);
    expect(face[0]!.message).toContain('terms say: "The training data');
    expect(face[0]!.fix.length).toBeGreaterThan(20);
    const nc = body.filter((r) => r.repository === "acme/imagenet-resnet");
    expect(nc).toEqual([expect.objectContaining({ rule: "", severity: "", status: "scanned", weights_license: "CC-BY-NC-4.0" })]);
    expect(body.find((r) => r.repository === "acme/broken-model")).toMatchObject({ status: "failed", rule: "", message: expect.stringMatching(/502 Bad Gateway/) });
    // The hostile name (quotes and all) survives quoting intact, and is marked private.
    expect(body.filter((r) => r.repository === HOSTILE_REPO).map((r) => r.private)).toEqual(["true", "true"]);
  });

  it("defuses spreadsheet formulas and strips control characters", async () => {
    expect(csvCell("=HYPERLINK(\"http://evil\",\"x\")")).toBe(`"'=HYPERLINK(""http://evil"",""x"")"`);
    for (const s of ["+1+1", "-2+3", "@SUM(A1)", "\tx", "\r=1", "  =1+1", "\n@x"]) expect(csvCell(s).replace(/^"/, "").startsWith("'")).toBe(true);
    expect(csvCell("a, b")).toBe('"a, b"');
    expect(csvCell("line1\r\nline2")).toBe('"line1\nline2"');
    expect(csvCell("ok\u001b[31mred\u0007")).toBe("okred");
    expect(csvCell(null)).toBe("");
    expect(csvCell(false)).toBe("false");
    // End to end: a repository name and an error message that a spreadsheet would run.
    const report = await auditFixture();
    report.repositories.push({ repository: "=cmd|' /C calc'!A0", private: false, ref: "main", sha: "", status: "failed", error: "@SUM(1+1)*cmd|' /C calc'!A0" });
    const last = parseCsv(auditCsv(report)).find((r) => r[0]!.includes("cmd"));
    if (!last) throw new Error("no row for the hostile repository");
    expect(last[0]).toBe("'=cmd|' /C calc'!A0");
    expect(last[CSV_COLUMNS.indexOf("message")]).toBe("'@SUM(1+1)*cmd|' /C calc'!A0");
  });
});

describe("report/audit/markdown", () => {
  it("summary, datasets and restrictions dropped most, then a table per repository with findings", async () => {
    const report = await auditFixture();
    const out = auditMarkdown(report);
    expect(out).toContain("# carryover audit: `github:acme`");
    expect(out).toContain("| Repositories | 5 (4 scanned, 1 failed) |");
    expect(out).toContain("| With published weights | 4 |");
    expect(out).toContain("| With findings | 2 (2 with errors) |");
    expect(out).toContain("| Findings | 2 errors, 2 warnings, 0 info |");
    expect(out).toContain("| Failed | 1 |");
    expect(out).toContain("| Private | 1 in this report, 1 left out |");
    expect(out).toContain("| `ms1mv2` MS1MV2 / MS1M-ArcFace (emore) | 2 | 2 errors | non-commercial |");
    expect(out).toContain("| `ms-celeb-1m` MS-Celeb-1M (Microsoft Celeb) | 2 | 2 warnings | retraction |");
    expect(out).toContain("| non-commercial | 2 | 2 | `ms1mv2` | `noncommercial-not-carried-over` |");
    expect(out).toContain("| retraction | 2 | 2 | `ms-celeb-1m` | `retracted-dataset` |");
    expect(out).toContain("### `acme/face-zoo`");
    const sha = report.repositories.find((r) => r.repository === "acme/face-zoo")!.sha;
    expect(out).toContain(`[README.md:3](https://github.com/acme/face-zoo/blob/${sha}/README.md#L3)`);
    expect(out).toMatch(/## Without findings\n\n- `acme\/fashion-classifier` · weights license `MIT`/);
    expect(out).toContain("- `acme/imagenet-resnet` · weights license `CC-BY-NC-4.0`");
    expect(out).toContain("- `acme/broken-model` · failed: reading files failed: GitHub API 502 Bad Gateway (3 attempts)");
    expect(out.trimEnd().endsWith("it is not legal advice.</sub>")).toBe(true);
    // Datasets dropped most come before the per-repository tables.
    expect(out.indexOf("## Dataset terms dropped most")).toBeLessThan(out.indexOf("## Restrictions dropped most"));
    expect(out.indexOf("## Restrictions dropped most")).toBeLessThan(out.indexOf("## Findings by repository"));
  });

  it("escapes hostile names and text: every table row keeps its columns, no raw HTML", async () => {
    const report = await auditFixture();
    const hostile = report.repositories.find((r) => r.repository === HOSTILE_REPO)!;
    hostile.result!.findings[0]!.message = "a | b <img src=x onerror=alert(1)> @octocat\nsecond line";
    const out = auditMarkdown(report);
    for (const line of out.split("\n").filter((l) => l.startsWith("| 🔴") || l.startsWith("| 🟠"))) {
      // Unescaped pipes outside code spans: 7 for 6 columns.
      const bare = line.replace(/`[^`]*`/g, "").replace(/\\\|/g, "").match(/\|/g) ?? [];
      expect(bare.length, line).toBe(7);
    }
    expect(out).toContain("a \\| b &lt;img src=x onerror=alert(1)&gt; @\u200boctocat second line");
    // The hostile name is only ever inside code spans or percent-encoded in URLs.
    for (const line of out.split("\n").filter((l) => l.includes("onerror"))) {
      const outside = line.replace(/`[^`]*`/g, "");
      expect(outside, line).not.toMatch(/<img/);
    }
    expect(out).toContain(`https://github.com/acme/%22%3E%3Cimg%20src=x%20onerror=%22window.__pwned`);
  });
});

describe("report/audit/html", () => {
  it("is one self-contained page: no external resource, a CSP with the hashes of its own script and style", async () => {
    const out = auditHtml(await auditFixture());
    expect(out.startsWith("<!doctype html>")).toBe(true);
    expect(out).not.toMatch(/<link\b|<iframe|<object|<embed|<img|@import|url\((?!#arrow-)/i);
    expect(out).not.toMatch(/<[a-z]+\b[^>]*\s(?:src|srcset|href)=(?!["']?(?:#|https?:))/i);
    expect(out.match(/<script\b/g)).toHaveLength(2);
    const script = /<script>([\s\S]*?)<\/script>/.exec(out)![1]!;
    const style = /<style>([\s\S]*?)<\/style>/.exec(out)![1]!;
    const hash = (s: string) => createHash("sha256").update(s).digest("base64");
    const csp = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(out)![1]!.replace(/&#39;/g, "'");
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain(`script-src 'sha256-${hash(script)}'`);
    expect(csp).toContain(`style-src 'sha256-${hash(style)}'`);
  });

  it("escapes every repository-controlled string and embeds the row data as script-safe JSON", async () => {
    const report = await auditFixture();
    const out = auditHtml(report);
    expect(out).not.toContain("<script>window.__pwned");
    expect(out).not.toContain(HOSTILE_IMG);
    expect(out).toContain("&#60;script&#62;window.__pwned");
    expect(out).toContain("&#34;&#62;&#60;img src=x onerror=&#34;window.__pwned");
    const json = /<script type="application\/json" id="audit-data">([\s\S]*?)<\/script>/.exec(out)![1]!;
    expect(json).not.toMatch(/[<>&]/);
    const data = JSON.parse(json) as { rows: ClientRow[] };
    const m = buildModel(report);
    expect(data.rows.map((r) => [r.repository, r.sevKey, r.rule])).toEqual(m.rows.map((r) => [r.repository, r.severity ?? r.kind, r.rule]));
    expect(data.rows.find((r) => r.repository === HOSTILE_REPO)!.evidenceText).toContain("<script>");
    // One table row per model row, indexed into the data.
    expect(out.match(/<tr data-i="\d+"/g)).toHaveLength(m.rows.length);
    expect(scriptJson({ a: "</script><!--\u2028" })).toBe('{"a":"\\u003c/script\\u003e\\u003c!--\\u2028"}');
    expect(JSON.parse(scriptJson({ a: "</script>&\u2029" }))).toEqual({ a: "</script>&\u2029" });
  });

  it("escapes even the typed fields of a tampered report (a JSON audit read back from disk)", async () => {
    const report = await auditFixture();
    const face = report.repositories.find((r) => r.repository === "acme/face-zoo")!;
    const bad = '"><b id=injected>x</b>';
    Object.assign(face.result!.findings[0]!, { severity: bad, rule: bad });
    Object.assign(Object.values(face.result!.lineage)[0]!, { status: bad, license: bad });
    report.repositories.push({ repository: "acme/odd", private: false, ref: "main", sha: bad, status: bad as "failed", error: bad });
    const out = auditHtml(report);
    expect(out).not.toContain("<b id=injected>");
    const md = auditMarkdown(report);
    // Inside code spans it is inert text; outside them it must be escaped.
    for (const line of md.split("\n")) expect(line.replace(/`[^`]*`/g, ""), line).not.toContain("<b id=injected>");
    expect(md).toContain("&lt;b id=injected&gt;");
    expect(md).toMatch(/- `acme\/odd` · .*: .*&lt;b id=injected&gt;/);
  });

  it("links evidence to its line on GitHub at the scanned commit, and only http(s) URLs", async () => {
    const report = await auditFixture();
    const face = report.repositories.find((r) => r.repository === "acme/face-zoo")!;
    face.result!.findings[0]!.sources = ["javascript:alert(1)"];
    const out = auditHtml(report);
    expect(out).toContain(`href="https://github.com/acme/face-zoo/blob/${face.sha}/README.md#L3"`);
    expect(out).not.toMatch(/href="javascript:/i);
    expect(out).toContain('href="https://github.com/acme/%22%3E%3Cimg%20src=x');
  });

  it("summarises what is dropped most and renders each dataset's lineage with its users", async () => {
    const out = auditHtml(await auditFixture());
    const dropped = out.slice(out.indexOf("Dataset terms dropped most"), out.indexOf("Repositories and findings"));
    expect(dropped.indexOf("MS1MV2 / MS1M-ArcFace (emore)")).toBeGreaterThan(-1);
    expect(dropped).toContain("non-commercial");
    expect(dropped).toContain("retraction");
    const ms1 = /<details class="dataset" id="(ds-\d+-ms1mv2)"[^>]*>([\s\S]*?)<\/details>/.exec(out)!;
    expect(ms1[2]).toContain('data-id="ms-celeb-1m" data-status="retracted"');
    expect(ms1[2]).toContain('data-from="ms-celeb-1m" data-to="ms1mv2"');
    expect(ms1[2]).toContain("retracted ancestor");
    expect(ms1[2]).toMatch(/Used by[\s\S]*acme\/face-zoo/);
    expect(out).toContain(`href="#${ms1[1]}"`);
  });
});

describe("report/audit/lineage-svg", () => {
  const node = (id: string, parents: string[], status: LineageNode["status"] = "active"): LineageNode => ({ id, name: id.toUpperCase(), parents, status, license: null, sources: [] });
  const lineage = new Map<string, LineageNode>([
    ["child", node("child", ["mid", "root2"])],
    ["mid", node("mid", ["root"])],
    ["root", node("root", [], "retracted")],
    ["root2", node("root2", [], "deprecated")],
    ["other", node("other", [])],
  ]);

  it("puts ancestors left of what derives from them, without overlaps, one edge per parent link", () => {
    const l = layoutLineage("child", lineage);
    const at = new Map(l.nodes.map((n) => [n.id, n]));
    expect([...at.keys()].sort()).toEqual(["child", "mid", "root", "root2"]);
    for (const [c, p] of [["child", "mid"], ["child", "root2"], ["mid", "root"]] as const) expect(at.get(p)!.x + at.get(p)!.w).toBeLessThan(at.get(c)!.x);
    // root is two hops away: its own column, left of root2 (one hop).
    expect(at.get("root")!.x).toBeLessThan(at.get("root2")!.x);
    for (const a of l.nodes)
      for (const b of l.nodes) if (a !== b) expect(a.x + a.w <= b.x || b.x + b.w <= a.x || a.y + 46 <= b.y || b.y + 46 <= a.y, `${a.id}/${b.id}`).toBe(true);
    expect(l.edges.map((e) => `${e.from}>${e.to}`).sort()).toEqual(["mid>child", "root2>child", "root>mid"]);
    for (const n of l.nodes) expect(n.x + n.w).toBeLessThanOrEqual(l.width);
    expect(at.get("child")!.focus).toBe(true);
  });

  it("marks retracted and deprecated nodes, and survives a cycle", () => {
    const svg = lineageSvg("child", lineage, "t");
    expect(svg).toMatch(/class="node status-retracted" data-id="root"/);
    expect(svg).toMatch(/class="node status-deprecated" data-id="root2"/);
    expect(svg).toContain("RETRACTED");
    expect(svg).toContain('aria-label="Lineage of CHILD: derived from');
    const cyclic = new Map<string, LineageNode>([["a", node("a", ["b"])], ["b", node("b", ["a"])]]);
    expect(ancestry("a", cyclic).map((x) => x.id)).toEqual(["a", "b"]);
    expect(layoutLineage("a", cyclic).nodes).toHaveLength(2);
  });
});
