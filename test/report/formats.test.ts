import { describe, expect, it } from "vitest";
import type { ScanResult } from "../../src/core/types.js";
import { canonicalResult, json } from "../../src/report/json.js";
import { DEFAULT_MAX_LENGTH, DISCLAIMER, markdown } from "../../src/report/markdown.js";
import { FORMATS, isFormat, render } from "../../src/report/index.js";
import { shouldColor, text } from "../../src/report/text.js";
import { cleanRepo, faceZoo, manyFindings, RULES } from "./fixtures.js";

const ESC = "\u001b";

describe("report/index", () => {
  it("registers the five formats by hand", () => {
    expect(Object.keys(FORMATS)).toEqual(["text", "json", "sarif", "markdown", "cyclonedx"]);
    expect(isFormat("sarif")).toBe(true);
    expect(isFormat("toString")).toBe(false);
    expect(isFormat("html")).toBe(false);
  });
});

describe("report/text", () => {
  it("shows each finding with evidence path:line, the quote, the terms URL and the fix", () => {
    const out = text(faceZoo(), { color: false });
    expect(out).toContain("✖ noncommercial-not-carried-over · ms1mv2 (MS1MV2 / MS1M-ArcFace (emore))");
    expect(out).toContain("README.md:58  “Both the code and the pretrained models are released under the MIT license.”");
    expect(out).toContain("Terms: https://github.com/deepinsight/insightface/blob/0251629557bc7d22eef514c27c8ad8d8d9778b65/README.md");
    expect(out).toContain("Fix: License the weights under terms that keep the restriction");
    expect(out).toContain("ms1mv2 (MS1MV2 / MS1M-ArcFace (emore)) ← ms-celeb-1m (MS-Celeb-1M (Microsoft Celeb))");
    // A file-level location has no line number.
    expect(out).toMatch(/^ {4}checkpoints\/mobilefacenet_ms1mv2\.onnx$/m);
    expect(out).toContain("1 error, 1 warning, 1 info · 4 weight refs · 4 datasets");
    expect(out).toContain(DISCLAIMER);
  });

  it("groups by severity, most severe first", () => {
    const out = text(faceZoo(), { color: false });
    const order = ["Errors (1)", "Warnings (1)", "Info (1)"].map((h) => out.indexOf(h));
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });

  it("lists what was found", () => {
    const out = text(faceZoo(), { color: false });
    expect(out).toMatch(/Licenses: MIT \(repository, LICENSE:1\) · MIT \(weights, README\.md:58\)/);
    expect(out).toMatch(/Weights: +2 links on github-release · 1 link on google-drive · 1 LFS pointer$/m);
    expect(out).toContain("MS1MV2 → ms1mv2 (training)");
    expect(out).toContain("AcmeCeleb-200K (unresolved, training)");
    expect(out).toContain("LFW → lfw (evaluation)");
  });

  it("says so when there is nothing to report", () => {
    const out = text(cleanRepo(), { color: false });
    expect(out).toContain("✔ No findings");
    expect(out).toContain("0 errors, 0 warnings, 0 info");
  });

  it("colours only when asked", () => {
    expect(text(faceZoo(), { color: true })).toContain(`${ESC}[31m✖`);
    expect(text(faceZoo(), { color: false })).not.toContain(ESC);
    expect(text(faceZoo())).not.toContain(ESC);
  });

  it("honours NO_COLOR and TTY detection", () => {
    expect(shouldColor({ NO_COLOR: "1" }, true)).toBe(false);
    expect(shouldColor({ NO_COLOR: "1", FORCE_COLOR: "1" }, true)).toBe(false);
    expect(shouldColor({ NO_COLOR: "" }, true)).toBe(true);
    expect(shouldColor({}, true)).toBe(true);
    expect(shouldColor({}, false)).toBe(false);
    expect(shouldColor({}, undefined)).toBe(false);
    expect(shouldColor({ FORCE_COLOR: "1" }, false)).toBe(true);
    expect(shouldColor({ FORCE_COLOR: "0" }, true)).toBe(true);
    // End to end: the caller's decision reaches the output.
    expect(text(faceZoo(), { color: shouldColor({ NO_COLOR: "1" }, true) })).not.toContain(ESC);
  });

  it("strips terminal escapes smuggled into scanned text", () => {
    const r = faceZoo();
    r.findings[0]!.evidence[0]!.text = `trained on MS1MV2${ESC}]0;pwned${String.fromCharCode(7)}${ESC}[2J\r\nrm -rf`;
    r.findings[0]!.message = `bad${ESC}[31m red`;
    const out = text(r, { color: false });
    expect(out).not.toContain(ESC);
    expect(out).not.toContain("\r");
    expect(out).toContain("trained on MS1MV2 rm -rf");
  });
});

describe("report/json", () => {
  it("is the ScanResult, round-trippable", () => {
    const r = faceZoo();
    expect(JSON.parse(json(r))).toEqual(r);
  });

  it("has a stable key order whatever order the pipeline built objects in", () => {
    const r = faceZoo();
    const shuffled = JSON.parse(JSON.stringify(r, (_k, v: unknown) => (v && typeof v === "object" && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).reverse()) : v))) as ScanResult;
    expect(Object.keys(shuffled)[0]).toBe("lineage");
    expect(json(shuffled)).toBe(json(r));
    const keys = Object.keys(JSON.parse(json(shuffled)));
    expect(keys).toEqual(["schemaVersion", "tool", "target", "licenses", "weights", "datasets", "findings", "notes", "lineage"]);
    expect(Object.keys((JSON.parse(json(shuffled)) as ScanResult).findings[0]!)).toEqual([
      "rule", "severity", "dataset", "origin", "message", "fix", "evidence", "sources", "fingerprint", "weights", "confidence",
    ]);
  });

  it("orders the optional config block before lineage", () => {
    const r = { ...faceZoo(), config: { enabled: true, failOn: "warning" as const, path: ".github/carryover.yml" } };
    const out = JSON.parse(json(r)) as Record<string, unknown>;
    expect(Object.keys(out).slice(-2)).toEqual(["config", "lineage"]);
    expect(Object.keys(out.config as object)).toEqual(["path", "failOn", "enabled"]);
  });

  it("keeps fields added later, after the known ones", () => {
    const r = { ...faceZoo(), zeta: 1, alpha: { b: 1 } } as unknown as ScanResult;
    expect(Object.keys(canonicalResult(r) as object).slice(-2)).toEqual(["alpha", "zeta"]);
  });
});

describe("report/markdown", () => {
  it("has the verdict, the table, the lineage, fixes, sources and the disclaimer", () => {
    const out = markdown(faceZoo(), { rules: RULES });
    expect(out.startsWith("## ❌ carryover: 1 error, 1 warning, 1 info")).toBe(true);
    expect(out).toContain("**Verdict:** in `github:acme-vision/face-zoo@v1.2.0`, dataset terms did not carry over");
    expect(out).toContain("| Severity | Rule | Dataset | Origin | Evidence | Fix |");
    expect(out).toContain(
      "| 🔴 error | [`noncommercial-not-carried-over`](https://github.com/carryover-dev/carryover/blob/main/docs/rules/noncommercial-not-carried-over.md) | `ms1mv2` | `ms1mv2` | [README.md#L12](README.md#L12) +2 |",
    );
    expect(out).toContain("```mermaid\ngraph LR");
    expect(out).toContain(`d0["MS-Celeb-1M (Microsoft Celeb)<br/>retracted · LicenseRef-MSR-Data-License-Agreement"]`);
    expect(out).toContain(`d1["MS1MV2 / MS1M-ArcFace (emore)<br/>active · LicenseRef-InsightFace-NonCommercial-Research"]`);
    expect(out).toContain("d0 --> d1");
    expect(out).toContain("class d0 retracted");
    expect(out).not.toMatch(/class d1 /);
    expect(out).toContain(`weights(["weights<br/>MIT"])`);
    expect(out).toContain("d1 -. trained on .-> weights");
    expect(out).toContain("### Fixes");
    expect(out).toContain("- <https://www.engadget.com/2019-06-06-microsoft-discreetly-wiped-its-massive-facial-recognition-databa.html>");
    expect(out.trimEnd().endsWith(`${DISCLAIMER}</sub>`)).toBe(true);
  });

  it("clips long fixes in the table at a word boundary, never through a URL; the Fixes list has them in full", () => {
    const r = faceZoo();
    const out = markdown(r, { rules: RULES });
    const rows = out.split("\n").filter((l) => /^\| (🔴|🟠|🔵) /.test(l));
    const known = new Set([...r.findings.flatMap((f) => [...f.sources, ...(f.fix.match(/https?:\/\/[^\s)|]+/g) ?? [])]), ...RULES.map((m) => m.docsUrl)]);
    for (const row of rows) for (const url of row.match(/https?:\/\/[^\s)|]+/g) ?? []) expect(known).toContain(url);
    expect(rows.find((l) => l.includes("retracted-dataset"))).toMatch(/next to the weights …  ?\|$|next to the weights … \|$/);
    for (const f of r.findings) expect(out).toContain(`: ${f.fix.replace(/</g, "&lt;")}`);
  });

  it("evaluation-only datasets without findings stay out of the lineage graph", () => {
    const out = markdown(faceZoo(), { rules: RULES });
    expect(out).not.toContain("Labeled Faces in the Wild");
  });

  it("links evidence under linkBase when given", () => {
    const out = markdown(faceZoo(), { rules: RULES, linkBase: "https://github.com/acme-vision/face-zoo/blob/abc123/" });
    expect(out).toContain("[README.md#L12](https://github.com/acme-vision/face-zoo/blob/abc123/README.md#L12)");
  });

  it("a clean repo gets a green verdict and no table", () => {
    const out = markdown(cleanRepo(), { rules: RULES });
    expect(out.startsWith("## ✅ carryover: no findings")).toBe(true);
    expect(out).not.toContain("| Severity |");
    expect(out).toContain(DISCLAIMER);
  });

  it("stays within the default limit and truncates whole rows", () => {
    const big = manyFindings(1500);
    const out = markdown(big, { rules: RULES });
    expect(out.length).toBeLessThanOrEqual(DEFAULT_MAX_LENGTH);
    const rows = out.split("\n").filter((l) => /^\| (🔴|🟠|🔵) /.test(l));
    expect(rows.length).toBeGreaterThan(50);
    expect(rows.length).toBeLessThan(1500);
    for (const r of rows) expect(r.endsWith(" |")).toBe(true);
    expect(out).toContain(`… and ${1500 - rows.length} more findings`);
    expect(out).toContain(DISCLAIMER);
  });

  it.each([2_000, 5_000, 20_000, 64_000])("maxLength %i is never exceeded and the most severe rows come first", (max) => {
    const out = markdown(manyFindings(), { rules: RULES, maxLength: max });
    expect(out.length).toBeLessThanOrEqual(max);
    const rows = out.split("\n").filter((l) => /^\| (🔴|🟠|🔵) /.test(l));
    if (rows.length > 0) expect(rows[0]).toMatch(/^\| 🔴 error/);
    if (rows.length < 240) expect(out).toContain(`… and ${240 - rows.length} more findings`);
  });

  it("does not truncate what fits", () => {
    const out = markdown(manyFindings(10), { rules: RULES });
    expect(out).not.toContain("more finding");
    expect(out.split("\n").filter((l) => /^\| (🔴|🟠|🔵) /.test(l))).toHaveLength(10);
  });

  it("even a tiny limit is respected", () => {
    expect(markdown(manyFindings(), { maxLength: 40 }).length).toBeLessThanOrEqual(40);
  });

  it("text from the scanned repo cannot break the table, inject HTML or mention people", () => {
    const r = faceZoo();
    r.findings[2]!.dataset = "Evil|`Set`<img src=x onerror=alert(1)>";
    r.findings[2]!.fix = "Ask @octocat | then <script>alert(1)</script>";
    r.findings[2]!.evidence[0]!.path = "docs/a](javascript:alert(1)).md";
    const out = markdown(r, { rules: RULES });
    const row = out.split("\n").find((l) => l.startsWith("| 🟠 warning"))!;
    // Unescaped pipes split cells: the row must still have exactly 6 cells.
    expect(row.replace(/\\\|/g, "").split("|").length - 2).toBe(6);
    // HTML is inert inside code spans; outside them it must be escaped.
    const outsideCode = out.replace(/(`+)(?!`)[\s\S]*?[^`]\1(?!`)/g, "");
    expect(outsideCode).not.toContain("<script>");
    expect(outsideCode).not.toContain("<img");
    expect(out).toContain("&lt;script&gt;");
    expect(out).not.toMatch(/@octocat/);
    // The link target stays a relative path: `(` `)` `:` are percent-encoded.
    expect(row).toContain("](docs/a%5D%28javascript%3Aalert%281%29%29.md#L14)");
  });
});

describe("report: notes about the scan as a whole (empty path)", () => {
  it("render without an empty location in every format", () => {
    const r = cleanRepo();
    r.notes = [{ path: "", level: "warning", message: "listing truncated at 1,000,000 files" }];
    expect(text(r, { color: false })).toContain("  ! listing truncated at 1,000,000 files");
    expect(markdown(r)).toContain("- warning: listing truncated at 1,000,000 files");
    const sarifLog = JSON.parse(render("sarif", r)) as { runs: { invocations: { toolExecutionNotifications: object[] }[] }[] };
    expect(sarifLog.runs[0]!.invocations[0]!.toolExecutionNotifications[0]).toEqual({ level: "warning", message: { text: "listing truncated at 1,000,000 files" } });
  });
});

describe("report: names that exist on Object.prototype", () => {
  // Found by test/report/properties.test.ts: an unknown dataset written "toString" made
  // the lineage lookup return Object.prototype.toString.
  it("a dataset or weight kind named like a prototype member renders in every format", () => {
    const r = faceZoo();
    r.findings[2]!.dataset = "toString";
    r.findings[2]!.origin = "constructor";
    (r.weights[0] as { kind: string }).kind = "constructor";
    for (const f of Object.keys(FORMATS) as (keyof typeof FORMATS)[]) expect(() => render(f, r, { rules: RULES })).not.toThrow();
    expect(markdown(r, { rules: RULES })).toContain("| `toString` | `constructor` |");
  });
});

describe("report: render()", () => {
  it("dispatches to the format", () => {
    const r = faceZoo();
    expect(render("json", r, {})).toBe(json(r));
    expect(render("markdown", r, { rules: RULES })).toBe(markdown(r, { rules: RULES }));
  });
});
