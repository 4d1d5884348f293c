/**
 * The Hugging Face source against nock with the Hub's recorded response shapes (test/sources/fixtures/hf/, see
 * SOURCES.md there): the recursive tree with LFS entries and paging, capped reads by HTTP Range, the error headers
 * (X-Error-Code GatedRepo / RepoNotFound / RevisionNotFound) as one-line errors, HF_ENDPOINT and HF_TOKEN.
 */
import { readFileSync } from "node:fs";
import nock from "nock";
import { describe, expect, it } from "vitest";
import { run } from "../../src/commands/scan.js";
import { scanSource } from "../../src/core/pipeline.js";
import { HfAccessError, HfSource, hfHubUrl, hfSourceFromSpec, parseHfSpec } from "../../src/sources/huggingface.js";
import { openSource } from "../../src/sources/index.js";

const fixture = (name: string): unknown => JSON.parse(readFileSync(new URL(`./fixtures/hf/${name}`, import.meta.url), "utf8"));
const TREE = fixture("tree-vit-ft.json") as { path: string; type: string; size: number; lfs?: { size: number; pointerSize: number } }[];
const ERRORS = fixture("errors.json") as Record<string, { status: number; headers: Record<string, string>; body: unknown }>;
const HUB = "https://huggingface.co";

/** Reply with one of the recorded Hub errors. */
function replyError(scope: nock.Interceptor, name: string): nock.Scope {
  const e = ERRORS[name]!;
  return scope.reply(e.status, typeof e.body === "string" ? e.body : JSON.stringify(e.body), e.headers);
}

const APACHE = readFileSync(new URL("../../node_modules/spdx-license-list/licenses/Apache-2.0.json", import.meta.url), "utf8");

/** The model card of the fine-tune the tree fixture lists: Apache-2.0, trained on ImageNet-1k (HF's canonical id). */
const CARD = [
  "---",
  "license: apache-2.0",
  "library_name: transformers",
  "datasets:",
  "- ILSVRC/imagenet-1k",
  "tags:",
  "- image-classification",
  "---",
  "",
  "# vit-ft",
  "",
  "A ViT fine-tuned for image classification.",
  "",
].join("\n");

function treeScope(host = HUB, repo = "acme/vit-ft", rev = "main"): nock.Scope {
  return nock(host).get(`/api/models/${repo}/tree/${rev}`).query({ recursive: "true", expand: "false" }).reply(200, TREE, { "content-type": "application/json" });
}

describe("parseHfSpec / hfHubUrl", () => {
  it("reads org/model and an optional revision", () => {
    expect(parseHfSpec("hf:google-bert/bert-base-uncased")).toEqual({ repo: "google-bert/bert-base-uncased" });
    expect(parseHfSpec("hf:acme/m@v1.0")).toEqual({ repo: "acme/m", revision: "v1.0" });
    expect(parseHfSpec("hf:gpt2")).toEqual({ repo: "gpt2" });
  });
  it("rejects what is not a Hub id", () => {
    expect(() => parseHfSpec("hf:a/b/c")).toThrow(/expected hf:org\/model/);
    expect(() => parseHfSpec("hf:acme/m@")).toThrow();
    expect(() => parseHfSpec("hf:")).toThrow();
  });
  it("takes the Hub from HF_ENDPOINT (huggingface_hub's variable), default huggingface.co", () => {
    expect(hfHubUrl({})).toBe(HUB);
    expect(hfHubUrl({ HF_ENDPOINT: "https://hf-mirror.example/" })).toBe("https://hf-mirror.example");
  });
});

describe("HfSource.list", () => {
  it("lists the recursive tree: files only, LFS entries with their pointer and object sizes", async () => {
    const scope = treeScope();
    const l = await new HfSource({ repo: "acme/vit-ft" }).list();
    expect(scope.isDone()).toBe(true);
    expect(l.incomplete).toBe(false);
    expect(l.files.map((f) => f.path)).toEqual([".gitattributes", "README.md", "LICENSE", "config.json", "model.safetensors", "onnx/model.onnx", "preprocessor_config.json"]);
    expect(l.files.find((f) => f.path === "model.safetensors")).toEqual({ path: "model.safetensors", size: 135, type: "file", lfsSize: 343214864 });
    expect(l.files.find((f) => f.path === "config.json")).toEqual({ path: "config.json", size: 703, type: "file" });
  });

  it("a hostile tree entry ('../../x', '/etc/passwd', 'a//b') is skipped with a note, never read", async () => {
    const hostile = [...TREE, { type: "file", oid: "0", size: 10, path: "../../secrets.txt" }, { type: "file", oid: "1", size: 10, path: "/etc/passwd" }, { type: "file", oid: "2", size: 10, path: "a//LICENSE" }];
    nock(HUB).get("/api/models/acme/vit-ft/tree/main").query({ recursive: "true", expand: "false" }).reply(200, hostile, { "content-type": "application/json" });
    const l = await new HfSource({ repo: "acme/vit-ft" }).list();
    expect(l.files.map((f) => f.path)).not.toEqual(expect.arrayContaining(["../../secrets.txt"]));
    expect(l.files.some((f) => f.path.includes("..") || f.path.startsWith("/") || f.path.includes("//"))).toBe(false);
    expect(l.notes.filter((n) => /not a repository path/.test(n))).toHaveLength(3);
  });

  it("follows the Link header; a page that fails after the first leaves a listing marked incomplete", async () => {
    const next = `${HUB}/api/models/acme/big/tree/main?recursive=true&expand=false&cursor=abc`;
    nock(HUB)
      .get("/api/models/acme/big/tree/main")
      .query({ recursive: "true", expand: "false" })
      .reply(200, TREE.slice(0, 3), { "content-type": "application/json", link: `<${next}>; rel="next"` })
      .get("/api/models/acme/big/tree/main")
      .query({ recursive: "true", expand: "false", cursor: "abc" })
      .reply(500, JSON.stringify({ error: "Internal Error" }), { "content-type": "application/json" });
    const l = await new HfSource({ repo: "acme/big" }).list();
    expect(l.files.map((f) => f.path)).toEqual([".gitattributes", "README.md", "LICENSE"]);
    expect(l.incomplete).toBe(true);
    expect(l.notes[0]).toMatch(/^listing incomplete after 3 entries: hf:acme\/big: the Hugging Face Hub answered 500/);
  });

  it("sends HF_TOKEN and uses HF_ENDPOINT's host", async () => {
    const scope = nock("https://hub.corp.example", { reqheaders: { authorization: "Bearer hf_test" } })
      .get("/api/models/acme/vit-ft/tree/v2")
      .query({ recursive: "true", expand: "false" })
      .reply(200, TREE, { "content-type": "application/json" });
    const src = await openSource("hf:acme/vit-ft@v2", { env: { HF_ENDPOINT: "https://hub.corp.example", HF_TOKEN: "hf_test" }, cwd: "/" });
    expect(src.target).toBe("hf:acme/vit-ft@v2");
    expect((await src.list()).files).toHaveLength(7);
    expect(scope.isDone()).toBe(true);
  });
});

describe("HfSource errors: one line, saying which", () => {
  const cases: [string, RegExp, Record<string, string>][] = [
    ["gated-401", /^hf:acme\/gated-llm is gated: accept its terms on the Hub \(https:\/\/huggingface\.co\/acme\/gated-llm\) and set HF_TOKEN$/, {}],
    ["gated-403", /^hf:acme\/gated-llm is gated: accept its terms on the Hub \(.*\) and use an HF_TOKEN of the account that did$/, { HF_TOKEN: "hf_x" }],
    ["repo-not-found-401", /^hf:acme\/gated-llm was not found on https:\/\/huggingface\.co, or it is private \(set HF_TOKEN\)$/, {}],
    ["repo-not-found-404", /^hf:acme\/gated-llm was not found on .*, or it is private \(HF_TOKEN has no access to it\)$/, { HF_TOKEN: "hf_x" }],
  ];
  for (const [name, re, env] of cases) {
    it(`${name} on the tree`, async () => {
      replyError(nock(HUB).get("/api/models/acme/gated-llm/tree/main").query(true), name);
      const err = await hfSourceFromSpec("hf:acme/gated-llm", env).list().catch((e: unknown) => e);
      expect(err).toBeInstanceOf(HfAccessError);
      expect((err as Error).message).toMatch(re);
      expect((err as Error).message).not.toContain("\n");
    });
  }

  it("a revision the repository does not have", async () => {
    replyError(nock(HUB).get("/api/models/acme/vit-ft/tree/v9").query(true), "revision-not-found");
    await expect(hfSourceFromSpec("hf:acme/vit-ft@v9", {}).list()).rejects.toThrow(/^hf:acme\/vit-ft@v9: no revision 'v9' in https:\/\/huggingface\.co\/acme\/vit-ft$/);
  });

  it("a Hub that cannot be reached (undici's TypeError: fetch failed, with the socket error as its cause)", async () => {
    nock(HUB).get("/api/models/acme/vit-ft/tree/main").query(true).replyWithError(new TypeError("fetch failed", { cause: Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:443"), { code: "ECONNREFUSED" }) }));
    const err = (await hfSourceFromSpec("hf:acme/vit-ft", {}).list().catch((e: unknown) => e)) as HfAccessError;
    expect(err.kind).toBe("network");
    expect(err.message).toBe("cannot reach the Hugging Face Hub at https://huggingface.co for hf:acme/vit-ft (ECONNREFUSED)");
  });

  it("a repository whose tree lists but whose files are gated fails the read, not one file", async () => {
    treeScope(HUB, "acme/gated-llm");
    nock(HUB).get("/acme/gated-llm/resolve/main/README.md").reply(200, CARD);
    replyError(nock(HUB).get("/acme/gated-llm/resolve/main/LICENSE"), "gated-401");
    const src = new HfSource({ repo: "acme/gated-llm" });
    await src.list();
    await expect(src.readMany(["README.md", "LICENSE"], 1000)).rejects.toThrow(/^hf:acme\/gated-llm is gated/);
  });
});

describe("HfSource.readMany", () => {
  it("reads each file with a Range capped at maxBytes; over the cap comes back truncated, a missing one as not available", async () => {
    treeScope();
    nock(HUB, { reqheaders: { range: "bytes=0-64" } })
      .get("/acme/vit-ft/resolve/main/README.md")
      .reply(206, CARD.slice(0, 65), { "content-range": `bytes 0-64/${CARD.length}` })
      .get("/acme/vit-ft/resolve/main/config.json")
      .reply(206, '{"model_type":"vit"}', { "content-range": "bytes 0-19/20" });
    replyError(nock(HUB).get("/acme/vit-ft/resolve/main/preprocessor_config.json"), "entry-not-found");
    const src = new HfSource({ repo: "acme/vit-ft" });
    await src.list();
    const r = await src.readMany(["README.md", "config.json", "preprocessor_config.json", "not/listed.md"], 64);
    const readme = r.get("README.md") as { bytes: Uint8Array; truncated: boolean };
    expect(new TextDecoder().decode(readme.bytes)).toBe(CARD.slice(0, 64));
    expect(readme.truncated).toBe(true);
    expect(r.get("config.json")).toEqual({ bytes: new TextEncoder().encode('{"model_type":"vit"}'), truncated: false });
    expect(r.get("preprocessor_config.json")).toEqual({ error: "not available" });
    expect(r.get("not/listed.md")).toEqual({ error: "not available" });
  });

  it("cuts a body streamed whole by a server that ignores Range", async () => {
    nock(HUB).get("/acme/m/resolve/main/LICENSE").reply(200, "x".repeat(5000));
    const r = await new HfSource({ repo: "acme/m" }).readMany(["LICENSE"], 100);
    expect(r.get("LICENSE")).toEqual({ bytes: new TextEncoder().encode("x".repeat(100)), truncated: true });
  });

  it("serves an LFS entry's pointer from the listing instead of downloading the weights", async () => {
    treeScope();
    const src = new HfSource({ repo: "acme/vit-ft" });
    await src.list();
    const r = (await src.readMany(["model.safetensors"], 1000)).get("model.safetensors") as { bytes: Uint8Array };
    expect(new TextDecoder().decode(r.bytes)).toBe(
      "version https://git-lfs.github.com/spec/v1\noid sha256:097417381d6c7230bd9e3557456d726de6e83245ec8b24f529f60198a67b203a\nsize 343214864\n",
    );
  });
});

describe("scan of an HF model", () => {
  it("finds the LFS weights, the card's license and datasets, and the finding they make", async () => {
    treeScope();
    const files: Record<string, string> = { "README.md": CARD, LICENSE: JSON.parse(APACHE).licenseText, "config.json": '{"model_type":"vit"}', ".gitattributes": "*.safetensors filter=lfs diff=lfs merge=lfs -text\n", "preprocessor_config.json": "{}" };
    nock(HUB)
      .persist()
      .get(/^\/acme\/vit-ft\/resolve\/main\/.+/)
      .reply(function (uri) {
        const p = decodeURIComponent(uri.replace("/acme/vit-ft/resolve/main/", ""));
        return p in files ? [200, files[p]] : [404, "Entry not found", ERRORS["entry-not-found"]!.headers];
      });
    const r = await scanSource(new HfSource({ repo: "acme/vit-ft" }), { today: "2026-11-23" });
    expect(r.target).toBe("hf:acme/vit-ft");
    expect(r.weights.find((w) => w.ref === "model.safetensors")).toMatchObject({ size: 343214864 });
    expect(r.licenses.find((l) => l.matcher === "model-card")).toMatchObject({ spdx: "Apache-2.0", scope: "weights", source: { path: "README.md", line: 2 } });
    expect(r.datasets.find((d) => d.via === "front-matter")).toMatchObject({ name: "ILSVRC/imagenet-1k", id: "imagenet-1k", role: "training" });
    const nc = r.findings.find((f) => f.rule === "noncommercial-not-carried-over");
    expect(nc).toMatchObject({ dataset: "imagenet-1k" });
    expect(nc!.evidence[0]).toMatchObject({ path: "README.md", text: "datasets: ILSVRC/imagenet-1k" });
  });
});

describe("carryover scan hf: (the CLI's run)", () => {
  const io = (env: NodeJS.ProcessEnv) => {
    const out: string[] = [];
    const err: string[] = [];
    return { io: { out: (s: string) => void out.push(s), err: (s: string) => void err.push(s), env, cwd: "/" }, out, err };
  };

  it("a gated model: one line, exit 2", async () => {
    replyError(nock("https://hub.corp.example").get("/api/models/acme/gated-llm/tree/main").query(true), "gated-401");
    const t = io({ HF_ENDPOINT: "https://hub.corp.example" });
    expect(await run(["hf:acme/gated-llm", "--no-follow-base"], t.io)).toBe(2);
    expect(t.err.join("")).toBe("carryover scan: hf:acme/gated-llm is gated: accept its terms on the Hub (https://hub.corp.example/acme/gated-llm) and set HF_TOKEN\n");
    expect(t.out).toEqual([]);
  });

  it("a missing model: one line, exit 2", async () => {
    replyError(nock(HUB).get("/api/models/acme/nope/tree/main").query(true), "repo-not-found-401");
    const t = io({});
    expect(await run(["hf:acme/nope"], t.io)).toBe(2);
    expect(t.err.join("")).toBe("carryover scan: hf:acme/nope was not found on https://huggingface.co, or it is private (set HF_TOKEN)\n");
  });

  it("a malformed target: exit 2", async () => {
    const t = io({});
    expect(await run(["hf:a/b/c"], t.io)).toBe(2);
    expect(t.err.join("")).toMatch(/^carryover scan: not a Hugging Face target: 'hf:a\/b\/c'/);
  });
});
