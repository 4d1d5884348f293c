/**
 * Training uses and the lineage snapshot (src/resolve/training.ts) on the real registry: which mentions make one
 * use, when a use is withheld, and what the lineage records.
 */
import { describe, expect, it } from "vitest";
import type { DatasetMention } from "../../src/core/types.js";
import { loadRegistry } from "../../src/resolve/registry.js";
import { lineageOf, trainingUses } from "../../src/resolve/training.js";

const registry = loadRegistry();
let line = 0;
const m = (id: string | null, role: DatasetMention["role"], via: string, extra: Partial<DatasetMention> = {}): DatasetMention => ({
  name: id ?? "Some Unknown Set",
  id,
  role,
  via,
  evidence: { path: "README.md", line: ++line, text: `${id} (${via})` },
  ...extra,
});

describe("resolve/training: trainingUses", () => {
  it("one use per training dataset; evaluation, unclear and unknown mentions make none", () => {
    const uses = trainingUses([m("ms1mv2", "training", "prose"), m("ms1mv2", "training", "table"), m("lfw", "evaluation", "table"), m("cifar-10", "unclear", "config"), m(null, "training", "prose")], registry);
    expect(uses.map((u) => [u.id, u.mentions.length])).toEqual([["ms1mv2", 2]]);
  });

  it("a parent named beside its derivative joins the derivative's use (ImageNet with ImageNet-1k)", () => {
    const uses = trainingUses([m("imagenet", "training", "prose"), m("imagenet-1k", "training", "table")], registry);
    expect(uses.map((u) => u.id)).toEqual(["imagenet-1k"]);
    expect(uses[0]!.mentions.map((x) => x.id).sort()).toEqual(["imagenet", "imagenet-1k"]);
  });

  it("a mixture does not absorb a component named beside it (GLUE ⊃ QNLI ← SQuAD): each keeps its own use", () => {
    const uses = trainingUses([m("glue", "training", "prose"), m("qnli", "training", "table")], registry);
    expect(uses.map((u) => u.id)).toEqual(["glue", "qnli"]);
  });

  it("withheld only when every prose mention is withheld and nothing ties the dataset to the weights", () => {
    const withheld = trainingUses([m("waymo-open-dataset", "training", "prose", { withheld: true }), m("waymo-open-dataset", "training", "config")], registry);
    expect(withheld[0]!.withheld).toBe(true);
    const linked = trainingUses([m("waymo-open-dataset", "training", "prose", { withheld: true }), m("waymo-open-dataset", "training", "table", { linked: true })], registry);
    expect(linked[0]!.withheld).toBe(false);
    const checkpoint = trainingUses([m("waymo-open-dataset", "training", "prose", { withheld: true }), m("waymo-open-dataset", "training", "checkpoint")], registry);
    expect(checkpoint[0]!.withheld).toBe(false);
    const mixed = trainingUses([m("waymo-open-dataset", "training", "prose", { withheld: true }), m("waymo-open-dataset", "training", "prose")], registry);
    expect(mixed[0]!.withheld).toBe(false);
  });
});

describe("resolve/training: lineageOf", () => {
  it("records every named dataset and its ancestors with status, license and parents", () => {
    const lineage = lineageOf([m("ms1mv2", "training", "prose"), m("lfw", "evaluation", "table")], registry);
    expect(Object.keys(lineage).sort()).toEqual(expect.arrayContaining(["lfw", "ms-celeb-1m", "ms1mv2"]));
    expect(lineage["ms1mv2"]!.parents).toContain("ms-celeb-1m");
    expect(lineage["ms-celeb-1m"]!.status).toBe("retracted");
    expect(lineage["ms-celeb-1m"]!.statusSource).toMatch(/^https?:\/\//);
  });
});
