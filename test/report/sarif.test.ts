import type * as Sarif from "sarif";
import { describe, expect, it } from "vitest";
import { FINGERPRINT_KEY, sarif, toUri } from "../../src/report/sarif.js";
import { cleanRepo, faceZoo, manyFindings, RULES } from "./fixtures.js";
import { sarifValidator } from "./sarif-schema.js";

const validate = sarifValidator();
const parse = (s: string): Sarif.Log => JSON.parse(s) as Sarif.Log;

describe("report/sarif", () => {
  it.each([
    ["face zoo", faceZoo()],
    ["clean repo", cleanRepo()],
    ["240 findings", manyFindings()],
  ])("%s is valid SARIF 2.1.0", (_name, result) => {
    expect(validate(parse(sarif(result, { rules: RULES })))).toBe(true);
  });

  it("the schema check is not vacuous: it rejects a broken log", () => {
    const log = parse(sarif(faceZoo(), { rules: RULES }));
    (log.runs[0]!.results![0]! as unknown as Record<string, unknown>).level = "fatal";
    expect(() => validate(log)).toThrow(/level/);
    const log2 = parse(sarif(faceZoo(), { rules: RULES }));
    log2.runs[0]!.results![0]!.locations![0]!.physicalLocation!.region!.startLine = 0;
    expect(() => validate(log2)).toThrow(/startLine/);
  });

  it("describes the rules that ran", () => {
    const driver = parse(sarif(faceZoo(), { rules: RULES, toolVersion: "1.4.2" })).runs[0]!.tool.driver;
    expect(driver).toMatchObject({ name: "carryover", version: "1.4.2", semanticVersion: "1.4.2" });
    expect(driver.rules?.map((r) => r.id)).toEqual(["noncommercial-not-carried-over", "retracted-dataset", "unknown-dataset"]);
    expect(driver.rules?.[0]).toMatchObject({
      shortDescription: { text: RULES[0]!.description },
      helpUri: RULES[0]!.docsUrl,
      defaultConfiguration: { level: "error" },
    });
    expect(driver.rules?.[2]?.defaultConfiguration?.level).toBe("warning");
  });

  it("adds a bare descriptor for a rule id without metadata", () => {
    const run = parse(sarif(faceZoo(), { rules: RULES.slice(0, 1) })).runs[0]!;
    expect(run.tool.driver.rules?.map((r) => r.id)).toEqual(["noncommercial-not-carried-over", "retracted-dataset", "unknown-dataset"]);
    for (const r of run.results ?? []) expect(run.tool.driver.rules?.[r.ruleIndex!]?.id).toBe(r.ruleId);
  });

  it("maps each finding to a result at its first evidence line", () => {
    const run = parse(sarif(faceZoo(), { rules: RULES })).runs[0]!;
    const byRule = new Map(run.results!.map((r) => [r.ruleId, r]));
    const nc = byRule.get("noncommercial-not-carried-over")!;
    expect(nc.level).toBe("error");
    expect(nc.locations).toEqual([
      {
        physicalLocation: {
          artifactLocation: { uri: "README.md", uriBaseId: "%SRCROOT%" },
          region: { startLine: 12, snippet: { text: "All models are trained on MS1MV2 (MS1M-ArcFace), the refined version of MS-Celeb-1M." } },
        },
      },
    ]);
    expect(nc.relatedLocations?.map((l) => [l.id, l.physicalLocation?.artifactLocation?.uri, l.physicalLocation?.region?.startLine])).toEqual([
      [1, "README.md", 58],
      [2, "LICENSE", 1],
    ]);
    expect(nc.partialFingerprints).toEqual({ [FINGERPRINT_KEY]: "noncommercial-not-carried-over/ms1mv2/ms1mv2/8f14e45f" });
    expect(nc.properties).toMatchObject({ dataset: "ms1mv2", origin: "ms1mv2" });
    expect(byRule.get("retracted-dataset")!.level).toBe("note");
    expect(byRule.get("unknown-dataset")!.level).toBe("warning");
  });

  it("a file-level finding (line 0) has no region", () => {
    const run = parse(sarif(manyFindings(8), { rules: RULES })).runs[0]!;
    const fileLevel = run.results!.find((r) => r.partialFingerprints?.[FINGERPRINT_KEY] === "rule/dataset-000/0")!;
    expect(fileLevel.locations![0]!.physicalLocation).toEqual({ artifactLocation: { uri: "configs/dataset-000.yaml", uriBaseId: "%SRCROOT%" } });
    const related = parse(sarif(faceZoo(), { rules: RULES })).runs[0]!.results!.find((r) => r.ruleId === "retracted-dataset")!.relatedLocations!;
    expect(related[1]!.physicalLocation).toEqual({ artifactLocation: { uri: "checkpoints/mobilefacenet_ms1mv2.onnx", uriBaseId: "%SRCROOT%" } });
  });

  it("a finding without evidence is anchored to the file that publishes its weights", () => {
    const r = faceZoo();
    r.findings[2]!.evidence = [];
    const res = parse(sarif(r, { rules: RULES })).runs[0]!.results!.find((x) => x.ruleId === "unknown-dataset")!;
    // Its first weight ref is the Google Drive link, published in README.md.
    expect(res.locations).toEqual([{ physicalLocation: { artifactLocation: { uri: "README.md", uriBaseId: "%SRCROOT%" } } }]);
    expect(res.properties?.locationIsFallback).toBe(true);
    r.weights = [];
    const res2 = parse(sarif(r, { rules: RULES })).runs[0]!.results!.find((x) => x.ruleId === "unknown-dataset")!;
    expect(res2.locations?.[0]?.physicalLocation?.artifactLocation?.uri).toBe("LICENSE");
    expect(validate(parse(sarif(r, { rules: RULES })))).toBe(true);
  });

  it("a clean scan is a valid log with no results", () => {
    const log = parse(sarif(cleanRepo(), { rules: RULES }));
    expect(log.version).toBe("2.1.0");
    expect(log.runs[0]!.results).toEqual([]);
    expect(log.runs[0]!.tool.driver.rules).toHaveLength(3);
  });

  it("scan notes become tool execution notifications", () => {
    const inv = parse(sarif(faceZoo())).runs[0]!.invocations![0]!;
    expect(inv.toolExecutionNotifications?.map((n) => n.level)).toEqual(["note", "warning"]);
  });

  it("encodes paths as relative URI references", () => {
    expect(toUri("docs/Model Card #2.md")).toBe("docs/Model%20Card%20%232.md");
    expect(toUri("./README.md")).toBe("README.md");
    expect(toUri("weights\\model.pt")).toBe("weights/model.pt");
    const r = faceZoo();
    r.findings[0]!.evidence[0] = { path: "docs/Model Card #2.md", line: 4, text: "trained on 100% of MS1MV2" };
    expect(validate(parse(sarif(r)))).toBe(true);
  });

  it("drops semanticVersion when the version is not SemVer", () => {
    expect(parse(sarif(faceZoo(), { toolVersion: "dev" })).runs[0]!.tool.driver.semanticVersion).toBeUndefined();
  });
});
