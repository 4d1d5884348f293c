// Property tests: any well-typed ScanResult, with hostile strings from a scanned repo,
// renders in every format without throwing; SARIF stays schema-valid, Markdown stays
// within maxLength and keeps its table intact, text stays free of control characters.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { BaseModelLink, Evidence, Finding, LineageNode, ScanResult } from "../../src/core/types.js";
import { FORMATS, render, type Format } from "../../src/report/index.js";
import { DISCLAIMER } from "../../src/report/markdown.js";
import { RULES } from "./fixtures.js";
import { cyclonedxValidator } from "./cyclonedx-schema.js";
import { sarifValidator } from "./sarif-schema.js";

const validate = sarifValidator();
const validateBom = cyclonedxValidator();

/** Strings a README can hold: control characters, escapes, Markdown and HTML syntax, emoji. */
const hostile = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.constantFrom("a|b", "`code`", "``", "<script>x</script>", "@octocat", "\u001b[31mred", "\r\n", "](javascript:x)", '"quoted"', "#L1", "%20", "🦀", "\u202eevil", "toString", "__proto__", "constructor"),
);
const pathArb = fc.oneof(
  fc.constantFrom("README.md", "LICENSE", "docs/Model Card.md", "configs/a b#1.yaml", "weights/x.pt", ""),
  fc.array(fc.stringMatching(/^[\w .#%()[\]-]{1,12}$/), { minLength: 1, maxLength: 3 }).map((s) => s.join("/")),
);
const evidence: fc.Arbitrary<Evidence> = fc.record({ path: pathArb, line: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 5000 })), text: hostile });
const severity = fc.constantFrom("error", "warning", "info") as fc.Arbitrary<Finding["severity"]>;
// Includes names that exist on Object.prototype: lookups must use own keys only.
const ids = fc.constantFrom("ms1mv2", "ms-celeb-1m", "imagenet-1k", "ffhq", "tiny-images", "toString", "__proto__", "constructor");

const finding: fc.Arbitrary<Finding> = fc.record(
  {
    rule: fc.oneof(fc.constantFrom(...RULES.map((r) => r.id)), fc.stringMatching(/^[a-z]+(-[a-z]+){0,3}$/)),
    severity,
    dataset: fc.option(fc.oneof(ids, hostile), { nil: null }),
    origin: fc.option(ids, { nil: null }),
    message: hostile,
    fix: hostile,
    evidence: fc.array(evidence, { maxLength: 4 }),
    sources: fc.array(fc.constantFrom("https://example.org/terms", "https://www.msceleb.org/download/full"), { maxLength: 2 }),
    fingerprint: fc.string({ minLength: 1, maxLength: 20 }),
    weights: fc.array(fc.constantFrom("weights/x.pt", "https://example.org/w.pth"), { maxLength: 2 }),
    confidence: fc.constantFrom("high", "medium", "low"),
  },
  { requiredKeys: ["rule", "severity", "dataset", "origin", "message", "fix", "evidence", "sources", "fingerprint", "weights"] },
);

const lineageNode = (id: string): fc.Arbitrary<LineageNode> =>
  fc.record({
    id: fc.constant(id),
    name: hostile,
    parents: fc.subarray(["ms-celeb-1m", "imagenet-1k", "tiny-images"].filter((p) => p !== id)),
    status: fc.constantFrom("active", "retracted", "deprecated", "defunct"),
    license: fc.option(fc.constantFrom("CC-BY-NC-4.0", "LicenseRef-X"), { nil: null }),
    sources: fc.constant([] as string[]),
  });

const baseModel: fc.Arbitrary<BaseModelLink> = fc.record({
  id: fc.oneof(fc.constantFrom("meta-llama/Llama-2-7b-hf", "org/base", "toString"), hostile),
  relation: fc.constantFrom("finetune", "adapter", "merge", "quantized", null),
  of: fc.oneof(fc.constantFrom("org/base", "meta-llama/Llama-2-7b-hf"), hostile),
  depth: fc.integer({ min: 1, max: 4 }),
  license: fc.option(fc.constantFrom("MIT", "llama2", "LicenseRef-Llama-2-Community", "Apache-2.0 OR MIT", "MIT AND openrail"), { nil: null }),
  datasets: fc.array(fc.oneof(ids, hostile), { maxLength: 2 }),
  evidence,
  followed: fc.boolean(),
  note: fc.option(hostile, { nil: undefined }),
});

const scanResult: fc.Arbitrary<ScanResult> = fc
  .record({
    target: hostile,
    licenses: fc.array(
      fc.record({
        spdx: fc.option(fc.constantFrom("MIT", "Apache-2.0", "CC-BY-NC-4.0"), { nil: null }),
        scope: fc.constantFrom("repository", "weights", "code", "data", "third-party", "unknown"),
        clauses: fc.constant([]),
        confidence: fc.integer({ min: 0, max: 100 }),
        source: evidence,
      }),
      { maxLength: 3 },
    ),
    weights: fc.array(
      fc.record({ ref: fc.oneof(hostile, fc.constantFrom("https://example.org/w 1|{x}^`.pth?q=%zz", "https://例え.jp/モデル.pth", "javascript:alert(1)", "https://", "http://[::1]:80/x")), kind: fc.constantFrom("file", "lfs-pointer", "lfs-pattern", "link", "hub", "constructor"), host: fc.option(hostile, { nil: undefined }), evidence }),
      { maxLength: 3 },
    ),
    datasets: fc.array(
      fc.record({ name: hostile, id: fc.option(ids, { nil: null }), role: fc.constantFrom("training", "evaluation", "unclear"), via: fc.constant("prose"), evidence }),
      { maxLength: 4 },
    ),
    findings: fc.array(finding, { maxLength: 12 }),
    notes: fc.array(fc.record({ path: pathArb, level: fc.constantFrom("warning", "info"), message: hostile }), { maxLength: 2 }),
    lineage: fc.record({ "ms1mv2": lineageNode("ms1mv2"), "ms-celeb-1m": lineageNode("ms-celeb-1m"), "imagenet-1k": lineageNode("imagenet-1k") }, { requiredKeys: [] }),
  })
  // The arbitrary is deliberately wider than the types (weight kind "constructor"): cast through unknown.
  .map((r) => ({ schemaVersion: 1, tool: { name: "carryover", version: "0.1.0" }, ...r }) as unknown as ScanResult);

describe("report: properties over arbitrary scan results", () => {
  it("every format renders without throwing", () => {
    fc.assert(
      fc.property(scanResult, fc.boolean(), (r, color) => {
        for (const f of Object.keys(FORMATS) as Format[]) expect(typeof render(f, r, { rules: RULES, color })).toBe("string");
      }),
      { numRuns: 150 },
    );
  });

  it("SARIF is always schema-valid, one result per finding", () => {
    fc.assert(
      fc.property(scanResult, (r) => {
        const log = JSON.parse(render("sarif", r, { rules: RULES }));
        expect(validate(log)).toBe(true);
        expect(log.runs[0].results).toHaveLength(r.findings.length);
      }),
      { numRuns: 150 },
    );
  });

  it("CycloneDX is always schema-valid, every reference resolves, one data component per training dataset", () => {
    fc.assert(
      fc.property(scanResult, fc.array(baseModel, { maxLength: 3 }), (r0, baseModels) => {
        const r = baseModels.length ? { ...r0, baseModels } : r0;
        const bom = JSON.parse(render("cyclonedx", r, { rules: RULES }));
        expect(validateBom(bom)).toBe(true);
        const all = [bom.metadata.component, ...bom.components] as { "bom-ref": string; modelCard?: { modelParameters: { datasets: { ref?: string }[] } } }[];
        const refs = new Set(all.map((c) => c["bom-ref"]));
        expect(refs.size).toBe(all.length);
        for (const d of bom.dependencies as { ref: string; dependsOn?: string[] }[]) for (const x of [d.ref, ...(d.dependsOn ?? [])]) expect(refs.has(x)).toBe(true);
        for (const c of all) for (const d of c.modelCard?.modelParameters.datasets ?? []) if (d.ref) expect(refs.has(d.ref)).toBe(true);
        const training = new Set(r.datasets.filter((d) => d.role === "training" && !d.withheld).map((d) => d.id ?? `?${d.name}`));
        // Names that differ only in stripped control characters collapse into one component.
        const n = bom.metadata.component.modelCard?.modelParameters.datasets.length ?? 0;
        expect(n).toBeLessThanOrEqual(training.size);
        expect(n > 0).toBe(training.size > 0);
      }),
      { numRuns: 150 },
    );
  });

  it("Markdown respects maxLength, keeps six cells per row, and ends with the disclaimer when it fits", () => {
    fc.assert(
      fc.property(scanResult, fc.integer({ min: 200, max: 6000 }), (r, maxLength) => {
        const md = render("markdown", r, { rules: RULES, maxLength });
        expect(md.length).toBeLessThanOrEqual(maxLength);
        for (const row of md.split("\n").filter((l) => /^\| (🔴|🟠|🔵) /.test(l))) {
          expect(row.replace(/\\\|/g, "").split("|").length - 2).toBe(6);
        }
        const full = render("markdown", r, { rules: RULES });
        expect(full).toContain(DISCLAIMER);
      }),
      { numRuns: 150 },
    );
  });

  it("text without colour has no control characters but newlines", () => {
    fc.assert(
      fc.property(scanResult, (r) => {
        // eslint-disable-next-line no-control-regex
        expect(render("text", r, { color: false })).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
      }),
      { numRuns: 150 },
    );
  });
});
