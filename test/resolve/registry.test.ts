import { describe, expect, it } from "vitest";
import { createRegistry, loadRegistry, registryAutomatonData, type AliasHit } from "../../src/resolve/registry.js";
import { entry, fixture, realRegistryDir } from "./helpers.js";

describe("resolve/registry: the real registry (rules/datasets)", () => {
  const registry = loadRegistry(realRegistryDir);

  it("loads the example entries", () => {
    expect(registry.size).toBeGreaterThanOrEqual(2);
    expect(registry.get("ms1mv2")?.name).toContain("MS1MV2");
    expect(registry.get("ms-celeb-1m")?.status.state).toBe("retracted");
    const ids = registry.all().map((d) => d.id);
    expect(ids).toEqual([...ids].sort());
  });

  it.each(["ms1mv2", "MS1MV2", "ms1m_v2", "MS1M-V2", "ms1m v2", "  'MS1M-ArcFace' ", "ms1m-arcface", "faces_emore", "MS1MV2 / MS1M-ArcFace (emore)"])(
    "lookup(%j) resolves to ms1mv2 (case, punctuation and separators ignored)",
    (name) => {
      expect(registry.lookup(name).match?.dataset.id).toBe("ms1mv2");
    },
  );

  it.each(["MS-Celeb-1M", "ms-celeb-1m", "msceleb", "MS Celeb", "Microsoft Celeb", "MsCelebV1", "ms_celeb_1m"])("lookup(%j) resolves to ms-celeb-1m", (name) => {
    expect(registry.lookup(name).match?.dataset.id).toBe("ms-celeb-1m");
  });

  it("lookup of a context-only alias resolves (a datasets: field is context)", () => {
    expect(registry.lookup("emore").match?.dataset.id).toBe("ms1mv2");
  });

  it("MS1MV2 inherits non-commercial and the retraction of ms-celeb-1m, each with its source URL", () => {
    const r = registry.resolve("ms1mv2");
    expect(r.lineage.map((d) => d.id)).toEqual(["ms1mv2", "ms-celeb-1m"]);
    const nc = r.restrictions.filter((x) => x.clause === "non-commercial");
    expect(nc.map((x) => x.from)).toEqual(["ms1mv2", "ms-celeb-1m"]);
    expect(nc[1]!.source).toBe(registry.get("ms-celeb-1m")!.terms.source);
    expect(r.restrictions.find((x) => x.clause === "no-redistribution")?.from).toBe("ms-celeb-1m");
    expect(r.worstStatus).toMatchObject({ from: "ms-celeb-1m", state: "retracted", url: registry.get("ms-celeb-1m")!.status.url });
    expect(r.worstStatus.url).toMatch(/^https:\/\//);
    expect(r.statuses.map((s) => s.from)).toEqual(["ms-celeb-1m"]);
    // The InsightFace clause about trained models comes first.
    expect(r.models[0]).toMatchObject({ from: "ms1mv2", says: true, restriction: "non-commercial" });
    expect(r.models[0]!.quote).toMatch(/models trained with these data/);
  });

  it("an entry without ancestors is its own lineage, with its own status as the worst", () => {
    const r = registry.resolve("ms-celeb-1m");
    expect(r.lineage.map((d) => d.id)).toEqual(["ms-celeb-1m"]);
    expect(r.worstStatus.from).toBe("ms-celeb-1m");
  });

  it("resolve throws on an unknown id; lookup suggests near names", () => {
    expect(() => registry.resolve("no-such-dataset")).toThrow(/unknown dataset id/);
    const miss = registry.lookup("ms1mv9");
    expect(miss.match).toBeNull();
    expect(miss.candidates).toContain("ms1mv2");
    expect(registry.lookup("msceleb1").candidates).toContain("ms-celeb-1m");
    expect(registry.lookup("").candidates).toEqual([]);
  });

  it("scan finds aliases as written in a real line, with offsets into the line", () => {
    const line = "We train ArcFace (R100) on MS1M-V2 (faces_emore) and compare with ms1m_v2 trained on emore.";
    const hits = registry.scan(line);
    for (const h of hits) expect(line.slice(h.index, h.end)).toBe(h.text);
    const ms = hits.filter((h) => h.id === "ms1mv2");
    expect(ms.map((h) => [h.text, h.contextOnly])).toEqual([
      ["MS1M-V2", false],
      ["faces_emore", false],
      ["ms1m_v2", false],
      ["emore", true],
    ]);
  });

  it("loadRegistry is cached per directory", () => {
    expect(loadRegistry(realRegistryDir)).toBe(registry);
  });
});

describe("resolve/registry: lineage on the clean fixture", () => {
  const registry = loadRegistry(fixture("clean"));

  it("walks parents breadth-first without duplicates and orders statuses worst first", () => {
    const r = registry.resolve("gamma");
    // gamma → beta, alpha (direct) ; beta → alpha (already seen)
    expect(r.lineage.map((d) => d.id)).toEqual(["gamma", "beta", "alpha"]);
    expect(r.statuses.map((s) => [s.from, s.state])).toEqual([
      ["alpha", "retracted"],
      ["gamma", "deprecated"],
    ]);
    expect(r.worstStatus).toMatchObject({ from: "alpha", state: "retracted", date: "2020-01-02", by: "Alpha Lab", url: "https://example.org/alpha/withdrawn" });
    expect(r.statuses[1]!.superseded_by).toBe("beta");
    expect(r.models[0]).toMatchObject({ from: "beta", says: true });
  });

  it("resolves HF ids and HF dataset URLs", () => {
    for (const name of ["org/alpha-set", "ORG/Alpha_Set", "https://huggingface.co/datasets/org/alpha-set", "https://huggingface.co/datasets/org/alpha-set/tree/main", "hf.co/datasets/org/alpha-set"]) {
      expect(registry.lookup(name).match?.dataset.id, name).toBe("alpha");
    }
  });
});

describe("resolve/registry: scan", () => {
  const registry = createRegistry([
    entry("coco", { aliases: ["COCO", "MS COCO", "MS-COCO", "COCO 2017"], hf: ["detection-datasets/coco"] }),
    entry("mnist", { aliases: ["MNIST"] }),
    entry("fashion-mnist", { aliases: ["Fashion-MNIST"] }),
    entry("imagenet", { aliases: ["ImageNet", "ILSVRC2012"], match: { context_only: ["IN"], case_sensitive: ["IN"], checkpoint: [] } }),
    entry("imagenet-21k", { aliases: ["ImageNet-21k", "ImageNet-22k"], match: { context_only: [], case_sensitive: [], checkpoint: ["in21k", "in22k"] } }),
    entry("ms1mv3", { aliases: ["MS1MV3", "MS1M-RetinaFace"], match: { context_only: [], case_sensitive: [], checkpoint: ["ms1mv3"] } }),
    entry("ms1mv2", { aliases: ["MS1MV2", "faces_emore"], match: { context_only: ["emore"], case_sensitive: [], checkpoint: ["emore"] } }),
    entry("market-1501", { aliases: ["Market-1501"], match: { context_only: ["Market"], case_sensitive: [], checkpoint: [] } }),
    entry("muller", { aliases: ["Müller-Set"] }),
  ]);
  const ids = (line: string): string[] => registry.scan(line).map((h) => h.id);
  const texts = (line: string): string[] => registry.scan(line).map((h) => h.text);

  it("is token-bounded: COCO not inside cocoapi or Cocoa, MNIST not inside FashionMNIST", () => {
    expect(ids("pip install pycocotools cocoapi; Cocoa app")).toEqual([]);
    expect(ids("Evaluated on COCO.")).toEqual(["coco"]);
    // "FashionMNIST" is Fashion-MNIST's own alias (normalised), never MNIST's.
    expect(ids("FashionMNIST is not MNIST")).toEqual(["fashion-mnist", "mnist"]);
    const mnistOnly = createRegistry([entry("mnist", { aliases: ["MNIST"] })]);
    expect(mnistOnly.scan("FashionMNIST, KMNIST, EMNIST").map((h) => h.id)).toEqual([]);
    expect(mnistOnly.scan("Fashion MNIST").map((h) => h.text)).toEqual(["MNIST"]);
    expect(ids("Fashion-MNIST and fashion_mnist")).toEqual(["fashion-mnist", "fashion-mnist"]);
  });

  it("lets the longest match win on overlaps", () => {
    expect(registry.scan("pretrained on ImageNet-21k then ImageNet")).toMatchObject([
      { id: "imagenet-21k", text: "ImageNet-21k" },
      { id: "imagenet", text: "ImageNet" },
    ]);
    // "MS COCO" (6 letters) and "COCO 2017" (8) overlap: the longer wins; both are COCO.
    expect(texts("the MS COCO 2017 split")).toEqual(["COCO 2017"]);
    expect(texts("COCO 2017 val")).toEqual(["COCO 2017"]);
  });

  it("ignores case, separators and punctuation between parts but not across sentences", () => {
    expect(texts("imagenet_21k, IMAGENET 22K, ImageNet21k")).toEqual(["imagenet_21k", "IMAGENET 22K", "ImageNet21k"]);
    expect(registry.scan("We used ImageNet. 21k images were held out.")).toMatchObject([{ id: "imagenet", text: "ImageNet" }]);
    expect(ids("ms-coco | ms.coco | ms/coco")).toEqual(["coco", "coco", "coco"]);
  });

  it("matches checkpoint tokens inside identifiers split on _ - . /", () => {
    expect(registry.scan("vit_base_patch16_224_in21k")).toMatchObject([{ id: "imagenet-21k", text: "in21k", kind: "checkpoint", contextOnly: false }]);
    expect(registry.scan("wget .../ms1mv3_arcface_r100/backbone.pth")).toMatchObject([{ id: "ms1mv3", text: "ms1mv3", kind: "checkpoint" }]);
    expect(registry.scan("model.in22k-ft-in1k.pt")).toMatchObject([{ id: "imagenet-21k", text: "in22k", kind: "checkpoint" }]);
  });

  it("returns context-only aliases flagged, and a context-only checkpoint token inside an identifier as context", () => {
    expect(registry.scan("Market share grew")).toMatchObject([{ id: "market-1501", text: "Market", kind: "alias", contextOnly: true }]);
    expect(registry.scan("trained on emore.")).toMatchObject([{ id: "ms1mv2", text: "emore", kind: "alias", contextOnly: true }]);
    expect(registry.scan("r100_emore_arcface.pth")).toMatchObject([{ id: "ms1mv2", text: "emore", kind: "checkpoint", contextOnly: false }]);
  });

  it("honours case-sensitive aliases", () => {
    expect(registry.scan("pretrained on IN then fine-tuned")).toMatchObject([{ id: "imagenet", text: "IN", contextOnly: true }]);
    expect(ids("trained in the lab")).toEqual([]);
    // A case-rejected longer name does not hide a shorter one inside it.
    const cs = createRegistry([entry("mnist", { aliases: ["MNIST"] }), entry("xmnist-set", { aliases: [], match: { context_only: [], case_sensitive: ["X MNIST"], checkpoint: [] } })]);
    expect(cs.scan("x MNIST").map((h) => h.id)).toEqual(["mnist"]);
    expect(cs.scan("X MNIST").map((h) => h.id)).toEqual(["xmnist-set"]);
    expect(registry.lookup("in").match).toBeNull();
    expect(registry.lookup("IN").match?.dataset.id).toBe("imagenet");
  });

  it("finds HF ids in text and URLs, and ids as written", () => {
    expect(registry.scan("load_dataset('detection-datasets/coco')")).toMatchObject([{ id: "coco", kind: "hf", text: "detection-datasets/coco" }]);
    expect(registry.scan("https://huggingface.co/datasets/detection-datasets/coco")).toMatchObject([{ id: "coco", kind: "hf" }]);
    expect(registry.scan("see fashion-mnist")).toMatchObject([{ id: "fashion-mnist", kind: "alias" }]);
    expect(registry.scan("ms1mv3 weights")).toMatchObject([{ id: "ms1mv3", kind: "alias" }]);
  });

  it("handles non-ASCII letters as letters", () => {
    expect(ids("trained on müller set")).toEqual(["muller"]);
    expect(ids("Schmüller-Set")).toEqual([]);
    expect(ids("")).toEqual([]);
    expect(ids("—, ,, ---")).toEqual([]);
  });

  it("lookup of a name claimed by two datasets is ambiguous (lint forbids it in the real registry)", () => {
    const twice = createRegistry([entry("a-set", { aliases: ["Shared"] }), entry("b-set", { aliases: ["shared"] })]);
    expect(twice.lookup("SHARED")).toEqual({ match: null, candidates: ["a-set", "b-set"], ambiguous: true });
    expect(twice.scan("Shared data").map((h: AliasHit) => h.id)).toEqual(["a-set", "b-set"]);
  });

  it("lookup falls back to a checkpoint token when no dataset has it as a name", () => {
    expect(registry.lookup("in21k").match?.dataset.id).toBe("imagenet-21k");
  });
});

describe("resolve/registry: cached automaton", () => {
  const datasets = loadRegistry(realRegistryDir).all();
  const lines = [
    "We train ArcFace on MS1M-V2 (faces_emore) and ms1m_v2; see vit_base_patch16_224_in21k.",
    "Evaluated on COCO val2017 and LFW; pretrained on ImageNet-21k, then ImageNet-1k (in1k).",
    "https://huggingface.co/datasets/bigcode/the-stack and The Pile; trained in the lab.",
  ];

  it("a registry restored from automaton data scans exactly like a freshly built one", () => {
    const fresh = createRegistry(datasets);
    const data = registryAutomatonData(fresh)!;
    expect(data.delta.length).toBeGreaterThan(1000);
    // Through bytes, as the disk cache stores the tables.
    const bytes = Buffer.from(new Uint8Array(data.delta.buffer, data.delta.byteOffset, data.delta.byteLength));
    const delta = new Int32Array(bytes.byteLength / 4);
    new Uint8Array(delta.buffer).set(bytes);
    const restored = createRegistry(datasets, { ...JSON.parse(JSON.stringify({ ...data, delta: [], fail: [] })), delta, fail: Int32Array.from(data.fail) });
    for (const line of lines) expect(restored.scan(line)).toEqual(fresh.scan(line));
    expect(fresh.scan(lines[0]!).length).toBeGreaterThan(0);
  });

  it("ignores automaton data built from other names", () => {
    const other = registryAutomatonData(createRegistry([entry("zeta-set", { aliases: ["Zeta Set"] })]))!;
    const r = createRegistry(datasets, other);
    expect(r.scan(lines[0]!)).toEqual(createRegistry(datasets).scan(lines[0]!));
  });
});
