import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { COMMON_WORDS } from "../../src/resolve/common-words.js";
import { lintRegistry, loadRegistry, readRegistryDatasets, registryCacheFile, RegistryError, type LintKind } from "../../src/resolve/registry.js";
import { fixture, realRegistryDir } from "./helpers.js";

describe("resolve/lint", () => {
  it("passes a clean registry", () => {
    expect(lintRegistry(fixture("clean"))).toEqual([]);
  });

  // One fixture directory per kind of broken entry: [dir, kind, file, line, message pattern].
  const cases: [string, LintKind, string, number, RegExp][] = [
    ["yaml", "yaml", "bad-yaml.yml", 3, /^YAML: /],
    ["empty", "empty", "placeholder.yml", 1, /no entry/],
    ["schema", "schema", "bad-schema.yml", 4, /^modality: /],
    ["file-name", "file-name", "wrong-name.yml", 2, /must be 'right-name\.yml'/],
    ["duplicate-id", "duplicate-id", "dup.yml", 2, /duplicate id 'dup' \(also in dup-copy\.yml\)/],
    ["duplicate-name", "duplicate-name", "second-set.yml", 5, /alias 'ms1m_v2' is also alias 'MS1M-V2' of first-set/],
    ["duplicate-hf", "duplicate-name", "second-set.yml", 6, /HF id 'Org\/Shared_Set' is also HF id 'org\/shared-set' of first-set/],
    ["common-word", "common-word", "market-set.yml", 5, /alias 'Market' is a common English word/],
    ["short-alias", "short-alias", "cc-set.yml", 5, /alias 'CC' is 2 letters/],
    ["parent-cycle", "parent-cycle", "egg.yml", 24, /parent cycle: egg → hen → egg/],
    ["unknown-parent", "unknown-parent", "orphan.yml", 24, /unknown parent id 'nowhere'/],
    ["missing-source", "missing-source", "gone.yml", 22, /status 'retracted' needs status\.url/],
    ["missing-models-source", "missing-source", "says.yml", 18, /terms\.models\.says: true needs terms\.models\.quote/],
    ["unknown-superseded-by", "unknown-superseded-by", "old-set.yml", 24, /superseded_by names an unknown id 'newer'/],
  ];

  it.each(cases)("fails on fixtures/%s with a %s problem at the right file and line", (dir, kind, file, line, message) => {
    const problems = lintRegistry(fixture(dir));
    const hit = problems.find((p) => p.kind === kind);
    expect(hit, JSON.stringify(problems)).toBeDefined();
    expect(hit).toMatchObject({ file, line });
    expect(hit!.message).toMatch(message);
    // Each fixture breaks exactly one thing (two files with one id cannot both be named after it).
    const also: LintKind[] = dir === "duplicate-id" ? ["file-name"] : [];
    expect(new Set(problems.map((p) => p.kind))).toEqual(new Set([kind, ...also]));
  });

  it("allows two datasets one key when both are case-sensitive with different cases (LFWA / LFWa)", () => {
    expect(lintRegistry(fixture("case-pair"))).toEqual([]);
    const r = loadRegistry(fixture("case-pair"));
    expect(r.scan("LFWX vs LFWx vs lfwx").map((h) => [h.id, h.text])).toEqual([
      ["lfwa-like", "LFWX"],
      ["lfw-x-like", "LFWx"],
    ]);
    expect(r.lookup("LFWx").match?.dataset.id).toBe("lfw-x-like");
    expect(r.lookup("lfwx").match).toBeNull();
    // A third dataset with one of those exact cases does collide.
    const clash = lintRegistry(fixture("case-clash"));
    expect(clash).toHaveLength(1);
    expect(clash[0]).toMatchObject({ file: "lfw-x-like.yml", line: 5, kind: "duplicate-name" });
    expect(clash[0]!.message).toMatch(/alias 'LFWx' is also alias 'LFWx' of lfw-x-copy/);
  });

  it("reports a missing models source for each missing field", () => {
    expect(lintRegistry(fixture("missing-models-source")).map((p) => p.message)).toEqual([
      "terms.models.says: true needs terms.models.quote",
      "terms.models.says: true needs terms.models.source",
    ]);
  });

  it("ships a stop-list of at least 1,000 lower-case common words", () => {
    expect(COMMON_WORDS.size).toBeGreaterThanOrEqual(1000);
    for (const w of ["the", "market", "places", "in", "faces"]) expect(COMMON_WORDS.has(w)).toBe(true);
    for (const w of COMMON_WORDS) expect(w).toMatch(/^[a-z]+$/);
  });

  // Goes red while the registry is being written (other helpers add entries); keep it.
  it("the real registry lints clean", () => {
    const problems = lintRegistry(realRegistryDir);
    expect(problems.map((p) => `${p.file}:${p.line ?? ""}: ${p.message}`)).toEqual([]);
  });
});

describe("resolve/registry: loading", () => {
  it("throws a RegistryError with file:line on an invalid entry", () => {
    let err: unknown;
    try {
      loadRegistry(fixture("schema"));
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(RegistryError);
    expect((err as RegistryError).message).toMatch(/bad-schema\.yml:4: modality: /);
    expect((err as RegistryError).problems).toHaveLength(1);
    expect(() => loadRegistry(fixture("duplicate-id"))).toThrow(/duplicate id 'dup'/);
    expect(() => loadRegistry(fixture("yaml"))).toThrow(/bad-yaml\.yml:3: YAML/);
  });

  it("skips empty placeholder files (lint still reports them)", () => {
    expect(loadRegistry(fixture("empty")).size).toBe(0);
  });

  const tmp = mkdtempSync(join(tmpdir(), "carryover-registry-test-"));
  afterAll(() => {
    rmSync(tmp, { recursive: true, force: true });
    rmSync(registryCacheFile(tmp), { force: true });
    rmSync(`${registryCacheFile(tmp)}.bin`, { force: true });
  });

  it("serves repeated loads from the disk cache and notices an edited file", () => {
    cpSync(fixture("clean"), tmp, { recursive: true });
    const first = readRegistryDatasets(tmp);
    expect(existsSync(registryCacheFile(tmp))).toBe(true);
    const second = readRegistryDatasets(tmp);
    expect(second).toEqual(first);
    expect(second.find((d) => d.id === "beta")?.aliases).toEqual(["Beta-V2", "BetaSet"]);
    const file = join(tmp, "beta.yml");
    writeFileSync(file, readFileSync(file, "utf8").replace("[Beta-V2, BetaSet]", "[Beta-V2, BetaSet, Beta Three]"));
    // Force a distinct mtime even on coarse-grained file systems.
    utimesSync(file, new Date(), new Date(Date.now() + 5_000));
    expect(readRegistryDatasets(tmp).find((d) => d.id === "beta")?.aliases).toEqual(["Beta-V2", "BetaSet", "Beta Three"]);
    writeFileSync(file, "id: beta\n");
    utimesSync(file, new Date(), new Date(Date.now() + 10_000));
    expect(() => readRegistryDatasets(tmp)).toThrow(RegistryError);
  });

  it("loadRegistry stores the built automaton beside the entries", () => {
    const dir = join(tmp, "auto");
    cpSync(fixture("clean"), dir, { recursive: true });
    try {
      const r = loadRegistry(dir);
      expect(r.scan("trained on Beta-V2").map((h) => h.id)).toEqual(["beta"]);
      const json = JSON.parse(readFileSync(registryCacheFile(dir), "utf8"));
      expect(json.automaton.deltaLength).toBeGreaterThan(0);
      expect(existsSync(`${registryCacheFile(dir)}.bin`)).toBe(true);
    } finally {
      rmSync(registryCacheFile(dir), { force: true });
      rmSync(`${registryCacheFile(dir)}.bin`, { force: true });
    }
  });
});
