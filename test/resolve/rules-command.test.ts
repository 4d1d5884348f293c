import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { Io } from "../../src/cli.js";
import { run } from "../../src/commands/rules.js";
import { fixture } from "./helpers.js";

/** Runs `carryover rules …` in-process, capturing output. */
async function rules(argv: string[], cwd = process.cwd()): Promise<{ code: number; out: string; err: string }> {
  let out = "";
  let err = "";
  const io: Io = { out: (s) => (out += s), err: (s) => (err += s), env: {}, cwd };
  const code = await run(argv, io);
  return { code, out, err };
}

describe("commands/rules lint", () => {
  it("exits 0 with a one-line summary on a clean registry", async () => {
    const r = await rules(["lint", "--dir", fixture("clean")]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^carryover rules lint: 3 datasets in .*clean, no problems\n$/);
  });

  it("exits 1 and lists file:line: message for each problem", async () => {
    const r = await rules(["lint", "--dir", fixture("parent-cycle")]);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/parent-cycle\/egg\.yml:24: parent cycle: egg → hen → egg \[parent-cycle\]\n$/);
    expect(r.err).toMatch(/1 problem in 1 file/);
  });
});

describe("commands/rules show", () => {
  it("prints the resolved dataset with inherited terms and worst status", async () => {
    const r = await rules(["show", "Beta-V2", "--dir", fixture("clean")]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^beta: BETA/);
    expect(r.out).toMatch(/non-commercial\s+from alpha\s+https:\/\/example\.org\/alpha\/terms/);
    expect(r.out).toMatch(/Worst status: retracted \(inherited from alpha\), 2020-01-02, by Alpha Lab {2}https:\/\/example\.org\/alpha\/withdrawn/);
    expect(r.out).toMatch(/not legal advice/);
  });

  it("prints JSON with the lineage as ids", async () => {
    const r = await rules(["show", "https://huggingface.co/datasets/org/alpha-set", "--format", "json", "--dir", fixture("clean")]);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.id).toBe("alpha");
    expect(j.lineage).toEqual(["alpha"]);
    expect(j.worstStatus).toMatchObject({ state: "retracted", url: "https://example.org/alpha/withdrawn" });
    const g = JSON.parse((await rules(["show", "gamma", "--format=json", "--dir", fixture("clean")])).out);
    expect(g.lineage).toEqual(["gamma", "beta", "alpha"]);
    expect(g.restrictions.map((x: { from: string }) => x.from)).toEqual(["gamma", "beta", "alpha"]);
  });

  it("exits 1 on an unknown name with did-you-mean candidates", async () => {
    const r = await rules(["show", "betaset2", "--dir", fixture("clean")]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/'betaset2' is not in the registry; did you mean: beta\?/);
  });

  it("exits 1 on an ambiguous name and lists the datasets", async () => {
    const r = await rules(["show", "ms1m-v2", "--dir", fixture("duplicate-name"), "--format", "json"]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/ambiguous on its own; it may name: first-set, second-set/);
    expect(JSON.parse(r.out)).toEqual({ match: null, ambiguous: true, candidates: ["first-set", "second-set"] });
  });

  it.each([
    ["duke", ["dukemtmc", "dukemtmc-reid", "dukemtmc-videoreid"]],
    ["CC", ["ccaligned", "ccmatrix", "common-crawl", "conceptual-12m", "conceptual-captions-3m"]],
    ["IN", ["imagenet", "imagenet-1k", "imagenet-21k-p"]],
    ["market", ["market-1501"]],
  ])("a bare ambiguous word (%s) lists candidates in the real registry instead of picking one", async (word, ids) => {
    const r = await rules(["show", word, "--format", "json"]);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.out)).toEqual({ match: null, ambiguous: true, candidates: ids });
  });

  it("an exact id or a full name still shows the dataset", async () => {
    expect((await rules(["show", "imagenet"])).code).toBe(0);
    expect((await rules(["show", "DukeMTMC-reID"])).code).toBe(0);
  });

  it("exits 2 on usage errors", async () => {
    expect((await rules(["show", "--dir", fixture("clean")])).code).toBe(2);
    expect((await rules(["show", "x", "--format", "xml", "--dir", fixture("clean")])).code).toBe(2);
    expect((await rules(["frobnicate"])).code).toBe(2);
    expect((await rules(["lint", "--bogus"])).code).toBe(2);
    expect((await rules(["--help"])).code).toBe(0);
  });
});

describe("commands/rules docs", () => {
  const tmp = mkdtempSync(join(tmpdir(), "carryover-docs-test-"));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));

  it("writes deterministic Markdown with figures, the table and retracted entries", async () => {
    const a = await rules(["docs", "--dir", fixture("clean")]);
    const b = await rules(["docs", "--dir", fixture("clean")]);
    expect(a.code).toBe(0);
    expect(a.out).toBe(b.out);
    expect(a.out).toMatch(/\| Datasets \| 3 \|/);
    expect(a.out).toMatch(/\| Status: retracted \| 1 \|/);
    expect(a.out).toMatch(/\| Terms that mention trained models \| 1 \|/);
    expect(a.out).toMatch(/\| `beta` \| BETA \| \[CC-BY-NC-4.0\]\(https:\/\/example\.org\/beta\/license\) \| forbidden \| says: non-commercial \| active \| alpha \| verified \|/);
    expect(a.out).toMatch(/### `alpha`: retracted\n\n- Dataset: ALPHA\n- Date: 2020-01-02\n- By: Alpha Lab\n- Statement: “withdrawn”\n- Source: https:\/\/example\.org\/alpha\/withdrawn\n- Inherited by: `beta`, `gamma`/);
    expect(a.out).toMatch(/### `gamma`: deprecated[\s\S]*- Superseded by: `beta`/);
    // Retracted before deprecated.
    expect(a.out.indexOf("`alpha`: retracted")).toBeLessThan(a.out.indexOf("`gamma`: deprecated"));
  });

  it("--write then --check passes; a stale or missing file fails --check", async () => {
    const file = join(tmp, "registry.md");
    expect((await rules(["docs", "--dir", fixture("clean"), "--write", file])).code).toBe(0);
    expect((await rules(["docs", "--dir", fixture("clean"), "--check", file])).code).toBe(0);
    writeFileSync(file, readFileSync(file, "utf8").replace("| Datasets | 3 |", "| Datasets | 2 |"));
    const stale = await rules(["docs", "--dir", fixture("clean"), "--check", file]);
    expect(stale.code).toBe(1);
    expect(stale.err).toMatch(/is stale; run `npm run registry:docs`/);
    expect((await rules(["docs", "--dir", fixture("clean"), "--check", join(tmp, "missing.md")])).code).toBe(1);
    expect((await rules(["docs", "--write", file, "--check", file])).code).toBe(2);
  });
});
