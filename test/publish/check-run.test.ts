import { describe, expect, it } from "vitest";
import type { Finding, ScanResult, Severity } from "../../src/core/types.js";
import { annotationsFor, conclusionFor, describeError, planCheckRun } from "../../src/publish/check-run.js";

const finding = (severity: Severity, i = 0, line = 3): Finding => ({
  rule: "share-alike-not-carried-over",
  severity,
  dataset: `ds${i}`,
  origin: `ds${i}`,
  message: `m${i}`,
  fix: `f${i}`,
  evidence: [{ path: "README.md", line, text: `trained on ds${i}` }, { path: "MODEL_CARD.md", line: 9, text: "also here" }],
  sources: ["https://example.org/terms"],
  fingerprint: `fp${i}`,
  weights: [],
});
const result = (findings: Finding[], extra: Partial<ScanResult> = {}): ScanResult => ({
  schemaVersion: 1,
  tool: { name: "carryover", version: "t" },
  target: "github:o/r@abc",
  licenses: [],
  weights: [],
  datasets: [],
  findings,
  notes: [],
  lineage: {},
  ...extra,
});
const weight = { ref: "w.safetensors", kind: "file" as const, evidence: { path: "w.safetensors", line: 0, text: "" } };

describe("conclusionFor", () => {
  it.each([
    ["error", ["warning"], "success"],
    ["error", ["error", "info"], "failure"],
    ["warning", ["warning"], "failure"],
    ["info", ["info"], "failure"],
    ["never", ["error"], "success"],
  ] as const)("fail-on %s with %j → %s", (failOn, sevs, want) => {
    expect(conclusionFor(result(sevs.map((s, i) => finding(s, i))), failOn)).toBe(want);
  });
  it("is neutral only when there was nothing to check", () => {
    expect(conclusionFor(result([]), "error")).toBe("neutral");
    expect(conclusionFor(result([], { weights: [weight] }), "error")).toBe("success");
  });
});

describe("annotationsFor", () => {
  it("maps severities to levels, puts errors first, whole-file evidence on line 1, extra evidence in raw_details", () => {
    const a = annotationsFor([finding("info", 1), finding("error", 2, 0), finding("warning", 3)]);
    expect(a.map((x) => [x.annotation_level, x.start_line])).toEqual([
      ["failure", 1],
      ["warning", 3],
      ["notice", 3],
    ]);
    expect(a[0]!.raw_details).toBe("Terms:\nhttps://example.org/terms\n\nAlso:\nMODEL_CARD.md:9: also here");
    expect(a[0]!.message).toBe("m2\n\nFix: f2");
  });
  it("skips findings without evidence and bounds title length", () => {
    const long = { ...finding("error"), dataset: "x".repeat(400) };
    expect(annotationsFor([{ ...finding("error"), evidence: [] }])).toEqual([]);
    expect(annotationsFor([long])[0]!.title!.length).toBe(255);
  });
});

describe("planCheckRun", () => {
  it("splits annotations into batches of 50", () => {
    const plan = planCheckRun({ kind: "result", result: result(Array.from({ length: 101 }, (_, i) => finding("warning", i))), failOn: "error" });
    expect(plan.batches.map((b) => b.length)).toEqual([50, 50, 1]);
    expect(plan.conclusion).toBe("success");
    expect(plan.summary.length).toBeLessThanOrEqual(65_535);
  });
  it("fails closed on an error, with the HTTP status and request id but nothing else of the error", () => {
    const err = Object.assign(new Error("Server Error"), { name: "HttpError", status: 502, response: { headers: { "x-github-request-id": "AB:CD" } }, request: { headers: { authorization: "token ghs_secret" } } });
    const plan = planCheckRun({ kind: "error", target: "github:o/r@abc", error: err });
    expect(plan.conclusion).toBe("failure");
    expect(plan.summary).toContain("GitHub API 502: Server Error (request id AB:CD)");
    expect(plan.summary).not.toContain("ghs_secret");
    expect(describeError("plain")).toBe("plain");
  });
});
