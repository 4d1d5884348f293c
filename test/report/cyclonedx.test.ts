// The CycloneDX 1.6 ML-BOM: schema-valid against the official schema, and saying what the scan
// found: the model with its weights license, training datasets as data components with lineage,
// licenses and a retraction with its source, base models with their licenses.
import { describe, expect, it } from "vitest";
import { scanSource } from "../../src/core/pipeline.js";
import type { BaseModelLink, ScanResult } from "../../src/core/types.js";
import { cyclonedx, licensesOf, MODEL_REF, PROP } from "../../src/report/cyclonedx.js";
import { MemorySource } from "../../src/sources/memory.js";
import { cyclonedxValidator } from "./cyclonedx-schema.js";
import { cleanRepo, faceZoo, RULES } from "./fixtures.js";

const validate = cyclonedxValidator();

interface Component {
  type: string;
  name: string;
  "bom-ref": string;
  description?: string;
  licenses?: ({ license: { id?: string; name?: string; acknowledgement?: string } } | { expression: string })[];
  externalReferences?: { url: string; type: string; comment?: string }[];
  properties?: { name: string; value: string }[];
  data?: { type: string; name: string }[];
  modelCard?: { modelParameters: { datasets: ({ ref: string } | { type: string; name: string })[] } };
  evidence?: { occurrences: { location: string; line?: number }[] };
}
interface Bom {
  specVersion: string;
  serialNumber?: string;
  metadata: { timestamp?: string; component: Component; tools: { components: { name: string; version: string }[] } };
  components: Component[];
  dependencies: { ref: string; dependsOn?: string[] }[];
}

const prop = (c: Component, name: string) => (c.properties ?? []).filter((p) => p.name === name).map((p) => p.value);
const dependsOn = (bom: Bom, ref: string) => bom.dependencies.find((d) => d.ref === ref)?.dependsOn ?? [];

const README = `---
license: apache-2.0
base_model: acme-vision/arcface-r100-base
datasets:
  - MS1MV2
---
# FaceNet-Pro

Face recognition weights fine-tuned from acme-vision/arcface-r100-base.

## Training

The weights were trained on MS1MV2 with an ArcFace loss.
We report verification accuracy on LFW.

## Download

[facenet_pro_r100.pth](https://github.com/acme-vision/facenet-pro/releases/download/v1.0/facenet_pro_r100.pth)
`;

/** The real pipeline on an in-memory model repository. */
async function scan(files: Record<string, string>, target = "hf:acme-vision/facenet-pro"): Promise<ScanResult> {
  const src = new MemorySource(target, Object.entries(files).map(([path, b]) => ({ path, size: b.length, type: "file" as const })), new Map(Object.entries(files)));
  return scanSource(src, { today: "2026-11-23" });
}

/** The base-model chain as the Hugging Face source reports it (the pipeline does not fill it for a memory source). */
const BASES: BaseModelLink[] = [
  {
    id: "acme-vision/arcface-r100-base",
    relation: "finetune",
    of: "hf:acme-vision/facenet-pro",
    depth: 1,
    license: "MIT",
    datasets: ["ms1mv2"],
    evidence: { path: "README.md", line: 3, text: "base_model: acme-vision/arcface-r100-base" },
    followed: true,
  },
  {
    id: "acme-vision/r100-imagenet",
    relation: null,
    of: "acme-vision/arcface-r100-base",
    depth: 2,
    license: "LicenseRef-Acme-Research",
    datasets: ["ImageNet-1k (as written)"],
    evidence: { path: "README.md", line: 2, text: "base_model: acme-vision/r100-imagenet" },
    followed: false,
    note: "depth limit reached",
  },
];

async function faceNetPro(): Promise<ScanResult> {
  return { ...(await scan({ "README.md": README })), baseModels: BASES };
}

const render = (r: ScanResult, opts = {}): Bom => JSON.parse(cyclonedx(r, { rules: RULES, ...opts })) as Bom;

describe("report/cyclonedx on a scanned model (MS1MV2, derived from the retracted MS-Celeb-1M, plus a base model)", () => {
  it("is valid against the official CycloneDX 1.6 schema", async () => {
    const bom = render(await faceNetPro());
    expect(bom.specVersion).toBe("1.6");
    expect(validate(bom)).toBe(true);
  });

  it("describes the model with its weights license, its weights and the findings", async () => {
    const r = await faceNetPro();
    const model = render(r).metadata.component;
    expect(model).toMatchObject({ type: "machine-learning-model", name: "hf:acme-vision/facenet-pro", "bom-ref": MODEL_REF });
    // The card's `license: apache-2.0` states the weights license.
    expect(model.licenses).toEqual([{ license: { id: "Apache-2.0", acknowledgement: "declared" } }]);
    expect(prop(model, PROP.licenseBasis)).toEqual(["weights README.md:2"]);
    expect(model.externalReferences).toContainEqual({ url: "https://github.com/acme-vision/facenet-pro/releases/download/v1.0/facenet_pro_r100.pth", type: "distribution", comment: "weights (github-release)" });
    const findings = prop(model, PROP.finding);
    expect(findings).toHaveLength(r.findings.length);
    expect(findings.some((f) => f.startsWith("error noncommercial-not-carried-over (ms1mv2): "))).toBe(true);
    expect(findings.some((f) => f.startsWith("warning retracted-dataset (ms1mv2): "))).toBe(true);
  });

  it("the model card's datasets are the training datasets, each a reference to a data component", async () => {
    const r = await faceNetPro();
    const bom = render(r);
    const refs = bom.metadata.component.modelCard!.modelParameters.datasets.map((d) => ("ref" in d ? d.ref : null));
    expect(refs).toEqual(["dataset:ms1mv2"]);
    for (const ref of refs) {
      const c = bom.components.find((x) => x["bom-ref"] === ref);
      expect(c?.type).toBe("data");
      expect(c?.data).toEqual([{ type: "dataset", name: r.lineage["ms1mv2"]!.name }]);
    }
    // LFW is named for evaluation only: not a training dataset, not in the BOM.
    expect(r.datasets.some((d) => d.id === "lfw" && d.role === "evaluation")).toBe(true);
    expect(bom.components.some((c) => c["bom-ref"] === "dataset:lfw")).toBe(false);
    expect(dependsOn(bom, MODEL_REF)).toContain("dataset:ms1mv2");
  });

  it("a training dataset carries its license, lineage, status, sources and where it is named", async () => {
    const bom = render(await faceNetPro());
    const ms1mv2 = bom.components.find((c) => c["bom-ref"] === "dataset:ms1mv2")!;
    expect(ms1mv2.licenses).toEqual([{ license: { name: "LicenseRef-InsightFace-NonCommercial-Research", acknowledgement: "declared" } }]);
    expect(prop(ms1mv2, PROP.status)).toEqual(["active"]);
    expect(prop(ms1mv2, PROP.inheritedStatus)).toEqual(["retracted (ms-celeb-1m)"]);
    expect(dependsOn(bom, "dataset:ms1mv2")).toEqual(["dataset:ms-celeb-1m"]);
    expect(ms1mv2.externalReferences?.map((e) => e.type)).toEqual(["license"]);
    expect(ms1mv2.evidence?.occurrences).toEqual([
      { location: "README.md", line: 4 },
      { location: "README.md", line: 13 },
    ]);
  });

  it("the retracted ancestor says it was retracted, with the statement's URL", async () => {
    const r = await faceNetPro();
    const bom = render(r);
    const celeb = bom.components.find((c) => c["bom-ref"] === "dataset:ms-celeb-1m")!;
    // The retracted-dataset finding cites the same statement: the BOM and the finding agree.
    const statement = r.findings.find((f) => f.rule === "retracted-dataset" && f.origin === "ms-celeb-1m")!.sources[0]!;
    expect(r.lineage["ms-celeb-1m"]!.statusSource).toBe(statement);
    expect(celeb.type).toBe("data");
    expect(prop(celeb, PROP.status)).toEqual(["retracted"]);
    expect(celeb.description).toBe(`Retracted (carryover registry; statement: ${statement}).`);
    expect(celeb.externalReferences).toContainEqual({ url: statement, type: "evidence", comment: "dataset status: retracted" });
    expect(celeb.licenses).toEqual([{ license: { name: "LicenseRef-MSR-Data-License-Agreement", acknowledgement: "declared" } }]);
    // An ancestor, not named for training: in the lineage, not in the model card.
    expect(bom.metadata.component.modelCard!.modelParameters.datasets).not.toContainEqual({ ref: "dataset:ms-celeb-1m" });
  });

  it("base models are components with their licenses, chained by dependency from the model", async () => {
    const bom = render(await faceNetPro());
    const base = bom.components.find((c) => c["bom-ref"] === "base-model:acme-vision/arcface-r100-base")!;
    expect(base.type).toBe("machine-learning-model");
    expect(base.licenses).toEqual([{ license: { id: "MIT", acknowledgement: "declared" } }]);
    expect(prop(base, PROP.relation)).toEqual(["finetune"]);
    expect(base.externalReferences).toEqual([{ url: "https://huggingface.co/acme-vision/arcface-r100-base", type: "model-card" }]);
    // Its card's dataset is a data component of this BOM: a reference, not a copy.
    expect(base.modelCard?.modelParameters.datasets).toEqual([{ ref: "dataset:ms1mv2" }]);
    const grand = bom.components.find((c) => c["bom-ref"] === "base-model:acme-vision/r100-imagenet")!;
    expect(grand.licenses).toEqual([{ license: { name: "LicenseRef-Acme-Research", acknowledgement: "declared" } }]);
    expect(prop(grand, PROP.notFollowed)).toEqual(["depth limit reached"]);
    expect(grand.modelCard?.modelParameters.datasets).toEqual([{ type: "dataset", name: "ImageNet-1k (as written)" }]);
    expect(dependsOn(bom, MODEL_REF)).toContain(base["bom-ref"]);
    expect(dependsOn(bom, MODEL_REF)).not.toContain(grand["bom-ref"]);
    expect(dependsOn(bom, base["bom-ref"])).toEqual([grand["bom-ref"]]);
  });

  it("every reference resolves to a component in the BOM", async () => {
    const bom = render(await faceNetPro());
    const refs = new Set([bom.metadata.component, ...bom.components].map((c) => c["bom-ref"]));
    expect(refs.size).toBe(bom.components.length + 1);
    for (const d of bom.dependencies) for (const x of [d.ref, ...(d.dependsOn ?? [])]) expect(refs.has(x)).toBe(true);
    for (const c of [bom.metadata.component, ...bom.components]) {
      for (const d of c.modelCard?.modelParameters.datasets ?? []) if ("ref" in d) expect(refs.has(d.ref)).toBe(true);
    }
  });

  it("is deterministic: the same bytes whatever order the pipeline built things in", async () => {
    const r = await faceNetPro();
    const shuffled: ScanResult = {
      ...r,
      licenses: [...r.licenses].reverse(),
      datasets: [...r.datasets].reverse(),
      findings: [...r.findings].reverse(),
      lineage: Object.fromEntries(Object.entries(r.lineage).reverse()),
    };
    expect(cyclonedx(shuffled)).toBe(cyclonedx(r));
    expect(cyclonedx(r)).not.toMatch(/"(timestamp|serialNumber)"/);
  });

  it("writes the timestamp and serial number it is given, and refuses a malformed serial number", async () => {
    const r = await faceNetPro();
    const bom = render(r, { timestamp: new Date("2026-11-23T10:00:00Z"), serialNumber: "urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79", toolVersion: "9.9.9" });
    expect(bom.metadata.timestamp).toBe("2026-11-23T10:00:00.000Z");
    expect(bom.serialNumber).toBe("urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79");
    expect(bom.metadata.tools.components).toEqual([{ type: "application", name: "carryover", version: "9.9.9" }]);
    expect(validate(bom)).toBe(true);
    expect(() => cyclonedx(r, { serialNumber: "3e671687-395b-41f5-a30f-a58921a69b79" })).toThrow(/urn:uuid/);
  });
});

describe("report/cyclonedx: honest about what is not known", () => {
  it("an unidentified license is no license field", async () => {
    const r = await scan({ "LICENSE": "All rights reserved by the authors, except as they may say otherwise.\n", "README.md": "# Model\n\nTrained on MS1MV2.\n" }, "github:acme/model@main");
    expect(r.licenses.every((l) => l.spdx === null)).toBe(true);
    const bom = render(r);
    expect(validate(bom)).toBe(true);
    expect(bom.metadata.component.licenses).toBeUndefined();
    expect(bom.metadata.component.externalReferences).toContainEqual({ url: "https://github.com/acme/model", type: "vcs" });
  });

  it("a base model with an unknown license has none; no base models, no base-model components", async () => {
    const r = await faceNetPro();
    const unknown = render({ ...r, baseModels: [{ ...BASES[0]!, license: null }] });
    expect(unknown.components.find((c) => c["bom-ref"].startsWith("base-model:"))!.licenses).toBeUndefined();
    const none = render({ ...r, baseModels: undefined });
    expect(none.components.some((c) => c["bom-ref"].startsWith("base-model:"))).toBe(false);
    expect(validate(none)).toBe(true);
  });

  it("withheld and evaluation mentions are not training datasets; an unresolved training dataset is kept by name, unlicensed", () => {
    const r = faceZoo();
    const withheld: ScanResult = { ...r, datasets: r.datasets.map((d) => (d.id === "ms1mv2" ? { ...d, withheld: true } : d)) };
    const bom = render(withheld);
    expect(validate(bom)).toBe(true);
    const refs = bom.metadata.component.modelCard!.modelParameters.datasets.map((d) => ("ref" in d ? d.ref : ""));
    expect(refs).not.toContain("dataset:ms1mv2");
    expect(refs).not.toContain("dataset:lfw");
    const unknown = bom.components.find((c) => c["bom-ref"] === "dataset:?AcmeCeleb-200K")!;
    expect(unknown.licenses).toBeUndefined();
    expect(prop(unknown, PROP.unresolved)).toHaveLength(1);
    expect(refs).toContain(unknown["bom-ref"]);
  });

  it("no training datasets, no model card", () => {
    const r = cleanRepo();
    expect(render(r).metadata.component.modelCard).toBeDefined();
    const bom = render({ ...r, datasets: r.datasets.filter((d) => d.role !== "training") });
    expect(validate(bom)).toBe(true);
    expect(bom.metadata.component.modelCard).toBeUndefined();
    expect(bom.components.filter((c) => c.type === "data")).toEqual([]);
  });

  it("the validator rejects what the 1.6 schema forbids (so a pass means something)", async () => {
    const bom = render(await faceNetPro());
    expect(() => validate({ ...bom, metadata: { ...bom.metadata, component: { ...bom.metadata.component, modelCard: { datasets: [] } } } })).toThrow(/additionalProperties/);
    expect(() => validate({ ...bom, components: [{ ...bom.components[0]!, licenses: [{ license: { id: "LicenseRef-X" } }] }] })).toThrow();
  });
});

describe("report/cyclonedx: license values", () => {
  const norm = (v: string | null) => JSON.parse(JSON.stringify(licensesOf(v).map((l) => ("expression" in l ? { expression: l.expression } : "id" in l ? { id: l.id } : { name: l.name }))));
  it.each([
    ["MIT", [{ id: "MIT" }]],
    ["CC-BY-NC-4.0", [{ id: "CC-BY-NC-4.0" }]],
    ["MIT OR Apache-2.0", [{ expression: "MIT OR Apache-2.0" }]],
    ["(MIT OR Apache-2.0) AND CC-BY-4.0", [{ expression: "(MIT OR Apache-2.0) AND CC-BY-4.0" }]],
    ["Apache-2.0 AND LicenseRef-Llama-2-Community", [{ expression: "Apache-2.0 AND LicenseRef-Llama-2-Community" }]],
    ["LicenseRef-InsightFace-NonCommercial-Research", [{ name: "LicenseRef-InsightFace-NonCommercial-Research" }]],
    // A Hugging Face id that is no SPDX id, alone or inside an expression: a name, not a made-up id.
    ["openrail", [{ name: "openrail" }]],
    ["MIT AND openrail", [{ name: "MIT AND openrail" }]],
    [null, []],
    ["  ", []],
  ] as const)("%s", (value, expected) => {
    expect(norm(value)).toEqual(expected);
  });
});
