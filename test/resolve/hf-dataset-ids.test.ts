/**
 * A model card's `datasets:` ids resolve through the registry: exact HF ids and names, and the Hub's moved
 * canonical datasets (`imagenet-1k` → `ILSVRC/imagenet-1k`) by the name after `org/`. Only card ids fall back:
 * prose and tables still take "COCO/VOC" as written.
 */
import { describe, expect, it } from "vitest";
import { detectDatasets } from "../../src/detect/datasets.js";
import { lookupHfDatasetId } from "../../src/resolve/normalize.js";
import { loadRegistry } from "../../src/resolve/registry.js";

const registry = loadRegistry();
const id = (name: string) => lookupHfDatasetId(registry, name)?.dataset.id ?? null;

describe("lookupHfDatasetId", () => {
  it("resolves the ids model cards write", () => {
    expect(id("imagenet-1k")).toBe("imagenet-1k");
    expect(id("ILSVRC/imagenet-1k")).toBe("imagenet-1k");
    expect(id("timm/imagenet-1k-wds")).toBe("imagenet-1k");
    expect(id("openslr/librispeech_asr")).toBe("librispeech");
    expect(id("uoft-cs/cifar10")).toBe("cifar-10");
    expect(id("https://huggingface.co/datasets/tatsu-lab/alpaca")).toBe("alpaca");
  });
  it("leaves unknown ids unknown", () => {
    expect(id("acme/my-private-set")).toBeNull();
    expect(id("not a dataset")).toBeNull();
  });
  it("a card's datasets: list resolves a moved id; the general lookup (prose, tables) does not split on '/'", () => {
    expect(registry.lookup("ILSVRC/imagenet-1k").match).toBeNull();
    expect(registry.lookup("COCO/VOC").match).toBeNull();
    const texts = new Map([["README.md", "---\ndatasets:\n- ILSVRC/imagenet-1k\n---\n\n# M\n"]]);
    const m = detectDatasets({ texts, weights: [], declared: [], configPath: ".github/carryover.yml" }, registry);
    expect(m.find((x) => x.via === "front-matter")).toMatchObject({ name: "ILSVRC/imagenet-1k", id: "imagenet-1k", role: "training" });
  });
});
