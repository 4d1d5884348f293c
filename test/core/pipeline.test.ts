import { describe, expect, it } from "vitest";
import { detectBaseModels } from "../../src/resolve/base-models.js";
import { MIT, WEIGHTS, memoryRepo, scanCase } from "../helpers/rule-tester.js";
import { scanSource } from "../../src/core/pipeline.js";

describe("core/pipeline", () => {
  it("reads a target in one listing and one batched read", async () => {
    const src = memoryRepo({ LICENSE: MIT, ...WEIGHTS, "README.md": "# M\n\nTrained on MS1MV2.\n", "docs/MODEL_ZOO.md": "# Zoo\n" });
    await scanSource(src, { today: "2026-11-23" });
    expect(src.requests).toEqual({ list: 1, readMany: 1 });
  });

  it("the result carries the lineage of every dataset it names, up to the roots", async () => {
    const r = await scanCase({ name: "l", files: { LICENSE: MIT, ...WEIGHTS, "README.md": "# M\n\nTrained on MS1MV2.\n" } });
    expect(r.lineage["ms1mv2"]?.parents).toEqual(["ms-celeb-1m"]);
    expect(r.lineage["ms-celeb-1m"]?.status).toBe("retracted");
    expect(r.schemaVersion).toBe(1);
    expect(r.config).toEqual({ path: null, failOn: "error", enabled: true });
  });

  it("the target's .github/carryover.yml applies: ignore, declared datasets, severities, fail-on", async () => {
    const r = await scanCase({
      name: "cfg",
      files: {
        LICENSE: MIT,
        ...WEIGHTS,
        "README.md": "# M\n\nWeights for a face model.\n",
        "vendor/README.md": "This vendored model was trained on MS-Celeb-1M.\n",
        ".github/carryover.yml": "fail-on: warning\nignore: ['vendor/**']\ndatasets:\n  - name: MS1MV2\n    role: training\nrules:\n  retracted-dataset: warning\n",
      },
    });
    expect(r.config).toEqual({ path: ".github/carryover.yml", failOn: "warning", enabled: true });
    expect(r.datasets.some((d) => d.evidence.path.startsWith("vendor/"))).toBe(false);
    const declared = r.datasets.find((d) => d.via === "declared");
    expect(declared).toMatchObject({ id: "ms1mv2", role: "training", evidence: { path: ".github/carryover.yml", line: 4 } });
    expect(r.findings.find((f) => f.rule === "retracted-dataset")?.severity).toBe("warning");
    expect(r.findings.some((f) => f.rule === "noncommercial-not-carried-over" && f.dataset === "ms1mv2")).toBe(true);
  });

  it("a broken config is a finding at its line and the scan goes on with defaults", async () => {
    const r = await scanCase({ name: "bad", files: { LICENSE: MIT, ...WEIGHTS, "README.md": "# M\n\nTrained on MS1MV2.\n", ".github/carryover.yml": "fail-on: sometimes\n" } });
    const bad = r.findings.find((f) => f.rule === "config-invalid");
    expect(bad?.evidence[0]).toMatchObject({ path: ".github/carryover.yml", line: 1 });
    expect(r.findings.some((f) => f.rule === "noncommercial-not-carried-over")).toBe(true);
  });

  it("a code-only repository raises no carry-over finding, whatever it names", async () => {
    const r = await scanCase({ name: "code", files: { LICENSE: MIT, "README.md": "# Toolkit\n\nTrain your own ArcFace on MS1MV2, FFHQ or ImageNet-1k.\n", "src/train.py": "x" } });
    expect(r.weights).toEqual([]);
    expect(r.findings).toEqual([]);
  });

  it("fingerprints are stable when lines move", async () => {
    const a = await scanCase({ name: "a", files: { LICENSE: MIT, ...WEIGHTS, "README.md": "# M\n\nTrained on MS1MV2.\n" } });
    const b = await scanCase({ name: "b", files: { LICENSE: MIT, ...WEIGHTS, "README.md": "# M\n\nIntro.\n\nMore intro.\n\nTrained on MS1MV2.\n" } });
    expect(a.findings.map((f) => f.fingerprint)).toEqual(b.findings.map((f) => f.fingerprint));
    expect(a.findings[0]?.evidence[0]?.line).not.toBe(b.findings[0]?.evidence[0]?.line);
  });
});

describe("resolve/base-models", () => {
  const detect = (t: string) => detectBaseModels(new Map([["README.md", t]])).map((b) => [b.model.id, b.via]);
  it("front matter base_model", () => expect(detect("---\nbase_model: meta-llama/Llama-2-7b-hf\n---\n")).toEqual([["llama-2", "base_model"]]));
  it("prose with a cue, spelled as the model spells it", () => {
    expect(detect("Apply our delta weights on top of the original LLaMA weights.\n")).toEqual([["llama-1", "prose"]]);
    expect(detect("Vicuna is based on Llama 2.\n")).toEqual([["llama-2", "prose"]]);
    expect(detect("We thank the Llama team.\n")).toEqual([]);
  });
  it("an HF id as a command-line argument", () => expect(detect("    --base_model 'decapoda-research/llama-7b-hf' \\\n")).toEqual([["llama-1", "base_model"]]));
});

describe("rules/models/base-models.yml", () => {
  it("every entry is well formed, with a source URL, and ids are unique", async () => {
    const { loadBaseModels, checkBaseModel } = await import("../../src/resolve/base-models.js");
    const models = loadBaseModels();
    expect(models.length).toBeGreaterThan(5);
    expect(new Set(models.map((m) => m.id)).size).toBe(models.length);
    expect(() => checkBaseModel({ ...models[0], clauses: ["free-beer"] }, 0)).toThrow(/clauses/);
    expect(() => checkBaseModel({ ...models[0], source: "not a url" }, 0)).toThrow(/source/);
    expect(() => checkBaseModel({ ...models[0], notices: [{ name: "x", pattern: "([" }] }, 0)).toThrow(/regular expression/);
    expect(() => checkBaseModel({ ...models[0], notices: [{ name: "x" }] }, 0)).toThrow(/name and a pattern/);
  });
});

describe("core/pipeline: hostile license files", () => {
  it("a 'LICENSE' over 5 MB is not read, and the result says so", async () => {
    const { MemorySource } = await import("../../src/sources/memory.js");
    const src = new MemorySource("memory", [{ path: "LICENSE", size: 6_000_000, type: "file" }, { path: "README.md", size: 10, type: "file" }], new Map([["README.md", "# M\n"]]));
    const r = await scanSource(src, { today: "2026-11-23" });
    expect(r.notes).toContainEqual({ path: "LICENSE", level: "warning", message: "named like a license but larger than 5 MB: not read as a license text" });
    expect(r.licenses).toEqual([]);
  });
});

describe("vendored projects", () => {
  it("a nested installable project with its own LICENSE and another copyright holder is not this repository's docs", async () => {
    const { vendoredDirs } = await import("../../src/detect/vendored.js");
    const files = ["LICENSE", "README.md", "mmdetection3d/LICENSE", "mmdetection3d/setup.py", "mmdetection3d/configs/x/README.md", "pkgcv/LICENSE", "pkgcv/setup.py", "third_party/lib/a.py"].map((path) => ({ path, type: "file" }));
    const texts = new Map([
      ["LICENSE", "MIT License\n\nCopyright (c) 2022 Example Lab\n"],
      ["mmdetection3d/LICENSE", "Apache License\n\nCopyright 2018-2019 Open-MMLab.\n"],
      ["pkgcv/LICENSE", "MIT License\n\nCopyright (c) 2022 Example Lab\n"],
    ]);
    expect(vendoredDirs(files, texts)).toEqual(["mmdetection3d/", "third_party/"]);
  });

  it("a copied project without setup.py is vendored by its own housekeeping files; a weights folder with its LICENSE is not", async () => {
    const { vendoredDirs } = await import("../../src/detect/vendored.js");
    const paths = ["LICENSE", "README.md", "fast_reid/LICENSE", "fast_reid/README.md", "fast_reid/CHANGELOG.md", "fast_reid/INSTALL.md", "fast_reid/MODEL_ZOO.md", "weights/LICENSE", "weights/README.md"];
    const texts = new Map([
      ["LICENSE", "MIT License\n\nCopyright (c) 2022 Example Tracker Author\n"],
      ["fast_reid/LICENSE", "Apache License\nVersion 2.0, January 2004\n"],
      ["weights/LICENSE", "Attribution-NonCommercial 4.0 International\n"],
    ]);
    expect(vendoredDirs(paths.map((path) => ({ path, type: "file" })), texts)).toEqual(["fast_reid/"]);
  });
});
