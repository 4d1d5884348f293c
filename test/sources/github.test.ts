import { Octokit } from "@octokit/rest";
import { describe, expect, it } from "vitest";
import { githubBaseUrl, githubSource, githubSourceFromSpec, parseGithubSpec, parseLfsPointer, type GitHubClient } from "../../src/sources/github.js";
import { FakeGitHub, gitBlobSha } from "../app/fake-github.js";
import { installNock } from "../app/fake-nock.js";

const client = (baseUrl = "https://api.github.com") =>
  new Octokit({ auth: "test-token", baseUrl, retry: { enabled: false }, throttle: { enabled: false } }) as unknown as GitHubClient;

const LFS = "version https://git-lfs.github.com/spec/v1\noid sha256:4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2ca24d17e2393\nsize 249029120\n";

/** A repo shaped like a weights repo: docs, configs, one LFS pointer, one binary, many code files. */
function weightsRepo(codeFiles: number): Record<string, string | Uint8Array> {
  const files: Record<string, string | Uint8Array> = {
    "README.md": "# ArcFace\n\nTrained on MS1MV2.\nLicense: MIT\n",
    LICENSE: "MIT License\n\nCopyright (c) 2026\n",
    ".github/carryover.yml": "fail-on: warning\n",
    "configs/train.yaml": "dataset: ms1mv2\n",
    "weights/model.safetensors": LFS,
    "assets/logo.png": new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d]),
    "docs/ünïcode.md": "ÄÖÜ €",
  };
  for (let i = 0; i < codeFiles; i++) files[`src/pkg${i % 40}/mod${i}.py`] = `print(${i})\n`;
  return files;
}

describe("parseGithubSpec", () => {
  it("reads owner, repo and an optional ref", () => {
    expect(parseGithubSpec("github:deepinsight/insightface")).toEqual({ owner: "deepinsight", repo: "insightface" });
    expect(parseGithubSpec("github:CompVis/stable-diffusion@v1.4")).toEqual({ owner: "CompVis", repo: "stable-diffusion", ref: "v1.4" });
    expect(parseGithubSpec("github:o/r.git@feature/x")).toEqual({ owner: "o", repo: "r", ref: "feature/x" });
  });
  it("rejects what is not owner/repo", () => {
    expect(() => parseGithubSpec("github:just-a-name")).toThrow(/expected github:owner\/repo/);
    expect(() => parseGithubSpec("github:o/r@")).toThrow();
    expect(() => parseGithubSpec("github:o/r/extra")).toThrow();
  });
});

describe("githubBaseUrl / githubSourceFromSpec", () => {
  it("uses Probot's GHE variables, then GITHUB_API_URL", () => {
    expect(githubBaseUrl({ GHE_HOST: "ghe.example.com" })).toBe("https://ghe.example.com/api/v3");
    expect(githubBaseUrl({ GHE_HOST: "127.0.0.1:8080", GHE_PROTOCOL: "http" })).toBe("http://127.0.0.1:8080/api/v3");
    expect(githubBaseUrl({ GITHUB_API_URL: "https://ghe.corp/api/v3/" })).toBe("https://ghe.corp/api/v3");
    expect(githubBaseUrl({})).toBe("https://api.github.com");
  });
  it("needs a token (GraphQL refuses anonymous requests)", () => {
    expect(() => githubSourceFromSpec("github:o/r", {})).toThrow(/GITHUB_TOKEN/);
  });
  it("scans a GHE host from the spec and env in two requests", async () => {
    const gh = new FakeGitHub("https://ghe.example.com/api/v3");
    gh.addRepo("acme/model", weightsRepo(3), { defaultBranch: "trunk" });
    installNock(gh);
    const src = githubSourceFromSpec("github:acme/model@trunk", { GITHUB_TOKEN: "t", GHE_HOST: "ghe.example.com" });
    expect(src.target).toBe("github:acme/model@trunk");
    const listing = await src.list();
    const read = await src.readMany(["README.md"], 1000);
    expect(listing.files.map((f) => f.path)).toContain("README.md");
    expect(new TextDecoder().decode((read.get("README.md") as { bytes: Uint8Array }).bytes)).toContain("MS1MV2");
    expect(gh.log.map((l) => `${l.method} ${l.path.split("?")[0]}`)).toEqual(["GET /repos/acme/model/git/trees/trunk", "POST /graphql"]);
  });
});

describe("GitHubSource", () => {
  it.each([10, 3000])("lists and reads a %i-file repo in exactly 2 requests", async (n) => {
    const gh = new FakeGitHub();
    const sha = gh.addRepo("o/r", weightsRepo(n));
    installNock(gh);
    const src = githubSource({ owner: "o", repo: "r", ref: sha, octokit: client() });
    const listing = await src.list();
    expect(listing.incomplete).toBe(false);
    expect(listing.files.length).toBe(n + 7);
    const lfs = listing.files.find((f) => f.path === "weights/model.safetensors")!;
    expect(lfs).toMatchObject({ type: "file", size: LFS.length });
    const wanted = ["README.md", "LICENSE", ".github/carryover.yml", "configs/train.yaml", "weights/model.safetensors", "assets/logo.png", "docs/ünïcode.md", "nope.md"];
    const read = await src.readMany(wanted, 64 * 1024);
    expect(gh.log.length).toBe(2);
    expect(gh.log[0]!.path).toBe(`/repos/o/r/git/trees/${sha}?recursive=1`);
    const text = (p: string) => new TextDecoder().decode((read.get(p) as { bytes: Uint8Array }).bytes);
    expect(text("README.md")).toContain("Trained on MS1MV2.");
    expect(text(".github/carryover.yml")).toBe("fail-on: warning\n");
    expect(text("docs/ünïcode.md")).toBe("ÄÖÜ €");
    expect(parseLfsPointer(text("weights/model.safetensors"))).toEqual({ oid: "4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2ca24d17e2393", size: 249029120 });
    expect(read.get("assets/logo.png")).toEqual({ error: expect.stringMatching(/binary/) });
    expect(read.get("nope.md")).toEqual({ error: "not in the repository tree" });
  });

  it("reads blobs by oid, so a file shared by two paths is asked for once", async () => {
    const gh = new FakeGitHub();
    const sha = gh.addRepo("o/r", { "LICENSE": "Apache-2.0\n", "third_party/LICENSE": "Apache-2.0\n" });
    installNock(gh);
    const src = githubSource({ owner: "o", repo: "r", ref: sha, octokit: client() });
    await src.list();
    const read = await src.readMany(["LICENSE", "third_party/LICENSE"], 100);
    expect(read.get("third_party/LICENSE")).toEqual(read.get("LICENSE"));
    const gql = gh.log.find((l) => l.path === "/graphql")!;
    expect(gql).toBeDefined();
    expect(gitBlobSha(new TextEncoder().encode("Apache-2.0\n"))).toHaveLength(40);
  });

  it("cuts at maxBytes on a character boundary and says it did", async () => {
    const gh = new FakeGitHub();
    const sha = gh.addRepo("o/r", { "README.md": "ab€cd" }); // € is 3 bytes: a b [e2 82 ac] c d
    installNock(gh);
    const src = githubSource({ owner: "o", repo: "r", ref: sha, octokit: client() });
    const read = await src.readMany(["README.md"], 4);
    const r = read.get("README.md") as { bytes: Uint8Array; truncated: boolean };
    expect(r.truncated).toBe(true);
    expect(new TextDecoder("utf-8", { fatal: true }).decode(r.bytes)).toBe("ab");
  });

  it("does not pull a blob over the GraphQL cap", async () => {
    const gh = new FakeGitHub();
    const sha = gh.addRepo("o/r", { "big.json": "x".repeat(1024 * 1024 + 1), "README.md": "hi" });
    installNock(gh);
    const src = githubSource({ owner: "o", repo: "r", ref: sha, octokit: client() });
    await src.list();
    const read = await src.readMany(["big.json", "README.md"], 1000);
    expect(read.get("big.json")).toEqual({ error: expect.stringMatching(/over the size cap/) });
    expect(gh.log.at(-1)!.bytes).toBeLessThan(1000);
  });

  it("splits the GraphQL read only when the blobs' total size passes the per-query budget", async () => {
    const gh = new FakeGitHub();
    const files: Record<string, string> = {};
    for (let i = 0; i < 20; i++) files[`docs/page${i}.md`] = `${i}`.padEnd(700 * 1024, "x"); // 20 × 700 KiB ≈ 13.7 MiB > 12 MiB
    const sha = gh.addRepo("o/r", files);
    installNock(gh);
    const src = githubSource({ owner: "o", repo: "r", ref: sha, octokit: client() });
    await src.list();
    const read = await src.readMany(Object.keys(files), 100);
    expect(gh.count("POST", /^\/graphql$/)).toBe(2);
    expect([...read.values()].every((r) => "bytes" in r && r.truncated)).toBe(true);
  });

  it("falls back to the default branch when HEAD is refused", async () => {
    const gh = new FakeGitHub();
    gh.addRepo("o/r", { "README.md": "x" }, { defaultBranch: "develop" });
    gh.repo("o/r").refs.delete("HEAD");
    installNock(gh);
    const listing = await githubSource({ owner: "o", repo: "r", octokit: client() }).list();
    expect(listing.files.map((f) => f.path)).toEqual(["README.md"]);
    expect(gh.log.map((l) => `${l.status} ${l.path}`)).toEqual(["404 /repos/o/r/git/trees/HEAD?recursive=1", "200 /repos/o/r", "200 /repos/o/r/git/trees/develop?recursive=1"]);
  });

  it("walks subtrees when GitHub truncates the recursive tree", async () => {
    const gh = new FakeGitHub();
    const files: Record<string, string> = { "README.md": "r" };
    for (let d = 0; d < 5; d++) for (let i = 0; i < 30; i++) files[`d${d}/f${i}.txt`] = `${d}-${i}`;
    const sha = gh.addRepo("o/r", files);
    gh.treeLimit = 100; // 156 entries (150 files + 5 dirs + README) > 100 → truncated; each dir (30) fits
    installNock(gh);
    const src = githubSource({ owner: "o", repo: "r", ref: sha, octokit: client() });
    const listing = await src.list();
    expect(listing.incomplete).toBe(false);
    expect(listing.files.length).toBe(151);
    expect(listing.notes.join(" ")).toMatch(/truncated/);
    // 1 truncated recursive + 1 root non-recursive + 5 subtrees
    expect(gh.log.length).toBe(7);
    const read = await src.readMany(["d4/f29.txt"], 100);
    expect(new TextDecoder().decode((read.get("d4/f29.txt") as { bytes: Uint8Array }).bytes)).toBe("4-29");
  });

  it("reports a still-incomplete listing when the subtree budget runs out", async () => {
    const gh = new FakeGitHub();
    const files: Record<string, string> = {};
    for (let d = 0; d < 6; d++) for (let i = 0; i < 30; i++) files[`d${d}/f${i}.txt`] = `${d}-${i}`;
    const sha = gh.addRepo("o/r", files);
    gh.treeLimit = 50;
    installNock(gh);
    const listing = await githubSource({ owner: "o", repo: "r", ref: sha, octokit: client(), maxSubtreeRequests: 3 }).list();
    expect(listing.incomplete).toBe(true);
    expect(listing.files.length).toBe(60); // root listing + 2 directories
    expect(listing.notes.join(" ")).toMatch(/4 directories not listed.*d2, d3, d4, d5/);
    expect(gh.log.length).toBe(4);
  });

  it("marks symlinks and submodules and does not read them", async () => {
    const gh = new FakeGitHub();
    const sha = gh.addRepo("o/r", { "README.md": "x" });
    installNock(gh);
    // Splice a symlink and a submodule into the served tree, as GitHub lists them.
    const src = githubSource({
      owner: "o",
      repo: "r",
      ref: sha,
      octokit: {
        request: async () => ({
          status: 200,
          data: {
            sha: "t",
            truncated: false,
            tree: [
              { path: "LICENSE", mode: "120000", type: "blob", sha: "a".repeat(40), size: 12 },
              { path: "vendor/lib", mode: "160000", type: "commit", sha: "b".repeat(40) },
            ],
          },
        }),
        graphql: async () => {
          throw new Error("must not be called");
        },
      },
    });
    const listing = await src.list();
    expect(listing.files).toEqual([
      { path: "LICENSE", size: 12, type: "symlink" },
      { path: "vendor/lib", size: 0, type: "submodule" },
    ]);
    const read = await src.readMany(["LICENSE", "vendor/lib"], 100);
    expect(read.get("LICENSE")).toEqual({ error: expect.stringMatching(/symlink/) });
    expect(read.get("vendor/lib")).toEqual({ error: expect.stringMatching(/submodule/) });
  });
});
