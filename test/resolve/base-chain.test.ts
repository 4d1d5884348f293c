/**
 * Following `base_model` hop by hop (resolve/base-chain.ts through the pipeline): a base's license and declared
 * datasets count for the weights that derive from it, with the hop in the evidence; bounded by depth, cycle-safe,
 * and a base that cannot be read is a note. One chain runs through the Hub resolver against nock (HF_ENDPOINT on a
 * custom host); the others use in-memory cards.
 */
import nock from "nock";
import { describe, expect, it } from "vitest";
import { run } from "../../src/commands/scan.js";
import { scanSource } from "../../src/core/pipeline.js";
import type { BaseModelCard } from "../../src/resolve/base-chain.js";
import { hfBaseModelCards } from "../../src/sources/huggingface.js";
import { MemorySource } from "../../src/sources/memory.js";
import type { FileEntry } from "../../src/sources/source.js";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";

const card = (fm: Record<string, string | string[]>, body = "# Model\n") =>
  `---\n${Object.entries(fm)
    .map(([k, v]) => (Array.isArray(v) ? `${k}:\n${v.map((x) => `- ${x}`).join("\n")}` : `${k}: ${v}`))
    .join("\n")}\n---\n\n${body}`;

/** A model repository as the scan sees it: a card and a weights file in LFS. */
function modelRepo(target: string, readme: string): MemorySource {
  const files: FileEntry[] = [
    { path: "README.md", size: readme.length, type: "file" },
    { path: "adapter_model.safetensors", size: 134, type: "file", lfsSize: 33_554_432 },
  ];
  return new MemorySource(target, files, new Map([["README.md", readme]]));
}

/** A resolver over in-memory cards that counts its calls. */
function cards(byId: Record<string, string>) {
  const calls: string[] = [];
  const resolve = async (id: string): Promise<BaseModelCard | null> => {
    calls.push(id);
    const c = byId[id];
    return c === undefined ? null : { card: c, url: `https://huggingface.co/${id}` };
  };
  return { resolve, calls };
}

const TODAY = "2026-11-23";

describe("base_model chains", () => {
  it("(a) an Apache-2.0 fine-tune of a CC-BY-NC-4.0 model: a non-commercial finding naming the hop (through the Hub, HF_ENDPOINT honoured)", async () => {
    const host = "https://hub.corp.example";
    const tree = [{ type: "file", oid: "1f2e3d4c5b6a79880716253443526170f1e2d3c4", size: 412, path: "README.md" }, { type: "file", oid: "a6344aac8c09253b3b630fb776ae94478aa0275b", size: 1519, path: ".gitattributes" }];
    const baseCard = card({ license: "cc-by-nc-4.0", pipeline_tag: "text-generation" }, "# nc-base\n\nReleased for non-commercial use.\n");
    nock(host)
      .get("/api/models/acme/nc-base/tree/main")
      .query({ recursive: "true", expand: "false" })
      .reply(200, tree, { "content-type": "application/json" })
      .get("/acme/nc-base/resolve/main/README.md")
      .reply(200, baseCard);
    const src = modelRepo("hf:acme/chat-ft", card({ license: "apache-2.0", base_model: "acme/nc-base", base_model_relation: "finetune" }));
    const r = await scanSource(src, { today: TODAY, baseModelCards: hfBaseModelCards({ hubUrl: host }) });
    expect(nock.isDone()).toBe(true);
    expect(r.baseModels).toEqual([
      { id: "acme/nc-base", relation: "finetune", of: "hf:acme/chat-ft", depth: 1, license: "CC-BY-NC-4.0", datasets: [], evidence: { path: "README.md", line: 3, text: "base_model: acme/nc-base" }, followed: true },
    ]);
    const f = r.findings.find((x) => x.rule === "noncommercial-not-carried-over");
    expect(f).toMatchObject({ origin: "hf:acme/nc-base", dataset: null, sources: [`${host}/acme/nc-base`] });
    expect(f!.message).toMatch(/^These weights derive from acme\/nc-base, released under CC-BY-NC-4\.0: "license: cc-by-nc-4\.0"; they ship under Apache-2\.0/);
    expect(f!.evidence.map((e) => `${e.path}:${e.line}`)).toEqual(["README.md:3", "hf:acme/nc-base/README.md:2", "README.md:2"]);
  });

  it("a base under a permissive license adds no finding", async () => {
    const { resolve } = cards({ "acme/mit-base": card({ license: "mit" }) });
    const r = await scanSource(modelRepo("hf:acme/ft", card({ license: "apache-2.0", base_model: "acme/mit-base" })), { today: TODAY, baseModelCards: resolve });
    expect(r.baseModels?.[0]).toMatchObject({ id: "acme/mit-base", license: "MIT", followed: true });
    expect(r.findings.filter((f) => f.origin?.startsWith("hf:"))).toEqual([]);
  });

  it("(b) an adapter of a model whose card declares a non-commercial dataset: the dataset's finding, with the base's card in evidence", async () => {
    const { resolve } = cards({ "acme/vit-base": card({ license: "apache-2.0", datasets: ["ILSVRC/imagenet-1k"] }) });
    const r = await scanSource(modelRepo("hf:acme/vit-lora", card({ license: "apache-2.0", base_model: "acme/vit-base", base_model_relation: "adapter" })), { today: TODAY, baseModelCards: resolve });
    expect(r.baseModels?.[0]).toMatchObject({ id: "acme/vit-base", relation: "adapter", datasets: ["imagenet-1k"], followed: true });
    const m = r.datasets.find((d) => d.via === "base-model");
    expect(m).toEqual({ name: "ILSVRC/imagenet-1k", id: "imagenet-1k", role: "training", via: "base-model", evidence: { path: "hf:acme/vit-base/README.md", line: 3, text: "datasets: ILSVRC/imagenet-1k (declared by base model acme/vit-base)" } });
    const f = r.findings.find((x) => x.rule === "noncommercial-not-carried-over" && x.dataset === "imagenet-1k");
    expect(f).toBeDefined();
    expect(f!.evidence[0]!.path).toBe("hf:acme/vit-base/README.md");
    expect(r.lineage["imagenet-1k"]).toBeDefined();
    // The same card without the base declares no dataset, so nothing fires.
    const alone = await scanSource(modelRepo("hf:acme/vit-lora", card({ license: "apache-2.0" })), { today: TODAY });
    expect(alone.findings.some((x) => x.dataset === "imagenet-1k")).toBe(false);
  });

  it("a registry-known base two hops away keeps its curated entry, named with the chain", async () => {
    const { resolve } = cards({ "acme/mid": card({ license: "apache-2.0", base_model: "meta-llama/Llama-2-7b-hf" }), "meta-llama/Llama-2-7b-hf": card({ license: "llama2" }) });
    const r = await scanSource(modelRepo("hf:acme/ft", card({ license: "apache-2.0", base_model: "acme/mid" })), { today: TODAY, baseModelCards: resolve });
    expect(r.baseModels?.map((l) => [l.id, l.depth, l.of, l.followed])).toEqual([
      ["acme/mid", 1, "hf:acme/ft", true],
      ["meta-llama/Llama-2-7b-hf", 2, "acme/mid", true],
    ]);
    const f = r.findings.find((x) => x.rule === "use-restrictions-not-carried-over");
    expect(f).toMatchObject({ origin: "llama-2" });
    expect(f!.message).toContain("Llama 2 (base model of a base model: acme/mid → meta-llama/Llama-2-7b-hf)");
    expect(f!.evidence[0]).toMatchObject({ path: "hf:acme/mid/README.md", text: "base_model: meta-llama/Llama-2-7b-hf" });
  });

  it("(c) a cycle A → B → A terminates, noted on the hop", async () => {
    const { resolve, calls } = cards({ "acme/b": card({ license: "mit", base_model: "acme/a" }) });
    const r = await scanSource(modelRepo("hf:acme/a", card({ license: "mit", base_model: "acme/b" })), { today: TODAY, baseModelCards: resolve });
    expect(calls).toEqual(["acme/b"]);
    expect(r.baseModels?.map((l) => [l.id, l.followed, l.note ?? null])).toEqual([
      ["acme/b", true, null],
      ["acme/a", false, "cycle: acme/a is already in this chain (acme/a → acme/b → acme/a); not followed again"],
    ]);
    expect(r.notes.some((n) => /^base model acme\/a: cycle/.test(n.message))).toBe(true);
  });

  it("a cycle that does not pass through the scanned model (a local clone) terminates too", async () => {
    const { resolve, calls } = cards({ "acme/b": card({ base_model: "acme/c" }), "acme/c": card({ base_model: "acme/b" }) });
    const r = await scanSource(modelRepo("clone", card({ license: "mit", base_model: "acme/b" })), { today: TODAY, baseModelCards: resolve });
    expect(calls).toEqual(["acme/b", "acme/c"]);
    expect(r.baseModels?.at(-1)).toMatchObject({ id: "acme/b", depth: 3, followed: false, note: expect.stringMatching(/^cycle: acme\/b/) });
  });

  it("(d) the depth limit: hops past it are listed, unread", async () => {
    const chain: Record<string, string> = {};
    for (let i = 1; i <= 5; i++) chain[`acme/m${i}`] = card({ license: "mit", base_model: `acme/m${i + 1}` });
    const { resolve, calls } = cards(chain);
    const r = await scanSource(modelRepo("hf:acme/m0", card({ license: "mit", base_model: "acme/m1" })), { today: TODAY, baseModelCards: resolve, baseModelDepth: 2 });
    expect(calls).toEqual(["acme/m1", "acme/m2"]);
    expect(r.baseModels?.map((l) => [l.id, l.depth, l.followed, l.note ?? null])).toEqual([
      ["acme/m1", 1, true, null],
      ["acme/m2", 2, true, null],
      ["acme/m3", 3, false, "depth limit (2) reached; not read"],
    ]);
    // Default depth 3.
    const d = cards(chain);
    await scanSource(modelRepo("hf:acme/m0", card({ license: "mit", base_model: "acme/m1" })), { today: TODAY, baseModelCards: d.resolve });
    expect(d.calls).toEqual(["acme/m1", "acme/m2", "acme/m3"]);
  });

  it("a base that cannot be read (offline, missing) is a note on its hop, never a crash", async () => {
    const resolve = async (id: string): Promise<BaseModelCard | null> => {
      if (id === "acme/gone") return null;
      throw new Error("cannot reach the Hugging Face Hub at https://huggingface.co for hf:acme/offline (ENOTFOUND)");
    };
    const r = await scanSource(modelRepo("hf:acme/ft", card({ license: "mit", base_model: ["acme/offline", "acme/gone"] })), { today: TODAY, baseModelCards: resolve });
    expect(r.baseModels?.map((l) => [l.id, l.followed, l.note])).toEqual([
      ["acme/offline", false, "not read: cannot reach the Hugging Face Hub at https://huggingface.co for hf:acme/offline (ENOTFOUND)"],
      ["acme/gone", false, "not found on the Hub (missing, or private)"],
    ]);
  });

  it("a gated base on the Hub: the hop says so and the scan goes on (HF_TOKEN sent)", async () => {
    nock("https://huggingface.co", { reqheaders: { authorization: "Bearer hf_user" } })
      .get("/api/models/acme/gated-base/tree/main")
      .query(true)
      .reply(200, [{ type: "file", oid: "1f2e3d4c5b6a79880716253443526170f1e2d3c4", size: 900, path: "README.md" }], { "content-type": "application/json" })
      .get("/acme/gated-base/resolve/main/README.md")
      .reply(403, JSON.stringify({ error: "Access to model acme/gated-base is restricted and you are not in the authorized list." }), {
        "content-type": "application/json",
        "x-error-code": "GatedRepo",
        "x-error-message": "Access to model acme/gated-base is restricted and you are not in the authorized list. Visit https://huggingface.co/acme/gated-base to ask for access.",
      });
    const r = await scanSource(modelRepo("hf:acme/ft", card({ license: "mit", base_model: "acme/gated-base" })), { today: TODAY, baseModelCards: hfBaseModelCards({ token: "hf_user" }) });
    expect(nock.isDone()).toBe(true);
    expect(r.baseModels?.[0]).toMatchObject({
      id: "acme/gated-base",
      followed: false,
      note: "not read: hf:acme/gated-base is gated: accept its terms on the Hub (https://huggingface.co/acme/gated-base) and use an HF_TOKEN of the account that did",
    });
  });

  it("without a resolver nothing is followed and the result has no chain", async () => {
    const r = await scanSource(modelRepo("hf:acme/ft", card({ license: "mit", base_model: "acme/b" })), { today: TODAY });
    expect(r.baseModels).toBeUndefined();
  });
});

describe("carryover scan of a local clone follows base_model unless --no-follow-base", () => {
  it("reads the base's card from HF_ENDPOINT; with the flag, no request", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "carryover-hf-"));
    try {
      writeFileSync(path.join(dir, "README.md"), card({ license: "apache-2.0", base_model: "acme/nc-base" }));
      writeFileSync(path.join(dir, "model.safetensors"), new Uint8Array(2048));
      const host = "https://hub.corp.example";
      const io = () => {
        const out: string[] = [];
        return { out, io: { out: (s: string) => void out.push(s), err: (s: string) => void out.push(s), env: { HF_ENDPOINT: host, NO_COLOR: "1" }, cwd: dir } };
      };
      const off = io();
      expect(await run([".", "--format", "json", "--no-follow-base"], off.io)).toBe(0);
      expect(JSON.parse(off.out.join("")).baseModels).toBeUndefined();

      nock(host)
        .get("/api/models/acme/nc-base/tree/main")
        .query(true)
        .reply(200, [{ type: "file", oid: "1f2e3d4c5b6a79880716253443526170f1e2d3c4", size: 40, path: "README.md" }], { "content-type": "application/json" })
        .get("/acme/nc-base/resolve/main/README.md")
        .reply(200, card({ license: "cc-by-nc-4.0" }));
      const on = io();
      expect(await run([".", "--format", "json"], on.io)).toBe(1);
      const result = JSON.parse(on.out.join(""));
      expect(result.baseModels[0]).toMatchObject({ id: "acme/nc-base", followed: true, license: "CC-BY-NC-4.0" });
      expect(result.findings.some((f: { rule: string; origin: string }) => f.rule === "noncommercial-not-carried-over" && f.origin === "hf:acme/nc-base")).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
