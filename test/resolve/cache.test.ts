/**
 * The registry's disk cache is named by the rules directory *and* the code that reads it: `src/` under tsx and
 * the compiled `lib/` of one checkout (whose fingerprints differ, they include the code's size and mtime) keep
 * one cache file each instead of overwriting each other's on every switch. The "other build" here is a copy of
 * `src/` in a temp dir, run in a child process with tsx: same sources, another location and other mtimes,
 * which is exactly how `lib/` differs from `src/`.
 */
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { loadRegistry, readRegistryDatasets, registryCacheFile } from "../../src/resolve/registry.js";
import { fixture } from "./helpers.js";

const tmp = mkdtempSync(join(tmpdir(), "carryover-cache-test-"));
const rulesDir = join(tmp, "rules");
const otherSrc = join(tmp, "copy", "src");
const removeCaches: string[] = [];
afterAll(() => {
  for (const f of removeCaches) {
    rmSync(f, { force: true });
    rmSync(`${f}.bin`, { force: true });
  }
  rmSync(tmp, { recursive: true, force: true });
});

/** Loads the registry of `dir` in a child process running the copied `src/`; returns its cache file name and entry ids. */
function loadInOtherBuild(dir: string): { file: string; ids: string[] } {
  const script = join(tmp, "load.mts");
  const reg = pathToFileURL(join(otherSrc, "resolve/registry.ts")).href;
  writeFileSync(
    script,
    [
      `const { loadRegistry, registryCacheFile } = await import(${JSON.stringify(reg)});`,
      `const r = loadRegistry(process.argv[2]);`,
      `console.log(JSON.stringify({ file: registryCacheFile(process.argv[2]), ids: r.all().map((d) => d.id) }));`,
    ].join("\n"),
  );
  const r = spawnSync(process.execPath, ["--import", "tsx", script, dir], { cwd: process.cwd(), encoding: "utf8", timeout: 60_000 });
  if (r.status !== 0) throw new Error(`child failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as { file: string; ids: string[] };
}

describe("resolve/registry: disk cache per code location", () => {
  it("a run from another build of the code keeps its own cache file; this build's file is left alone and still hits", () => {
    cpSync(fixture("clean"), rulesDir, { recursive: true });
    cpSync(new URL("../../src/", import.meta.url), otherSrc, { recursive: true });
    // The copy resolves its packages (yaml, zod) through node_modules next to it.
    symlinkSync(join(process.cwd(), "node_modules"), join(tmp, "copy", "node_modules"), "dir");

    const mine = registryCacheFile(rulesDir);
    removeCaches.push(mine);
    const ids = readRegistryDatasets(rulesDir).map((d) => d.id);
    expect(ids.length).toBeGreaterThan(0);
    expect(existsSync(mine)).toBe(true);
    const before = statSync(mine);
    const myFingerprint = (JSON.parse(readFileSync(mine, "utf8")) as { fingerprint: string }).fingerprint;

    const other = loadInOtherBuild(rulesDir);
    removeCaches.push(other.file);
    expect(other.ids.sort()).toEqual([...ids].sort());
    // Another file in the same per-user directory, with another fingerprint (the code stamps differ).
    expect(other.file).not.toBe(mine);
    expect(dirname(other.file)).toBe(dirname(mine));
    expect(existsSync(other.file)).toBe(true);
    expect(existsSync(`${other.file}.bin`)).toBe(true);
    expect((JSON.parse(readFileSync(other.file, "utf8")) as { fingerprint: string }).fingerprint).not.toBe(myFingerprint);

    // This build's cache was not rewritten (a write is a rename: a new inode) ...
    const after = statSync(mine);
    expect(after.ino).toBe(before.ino);
    expect(after.mtimeMs).toBe(before.mtimeMs);
    // ... and the next load here is a hit: it does not rewrite the file either.
    expect(readRegistryDatasets(rulesDir).map((d) => d.id)).toEqual(ids);
    expect(statSync(mine).ino).toBe(before.ino);

    // The other build hits its own file on its next run too (no rewrite).
    const otherIno = statSync(other.file).ino;
    expect(loadInOtherBuild(rulesDir).file).toBe(other.file);
    expect(statSync(other.file).ino).toBe(otherIno);
  }, 120_000);

  it("the name depends on the rules directory as before", () => {
    const a = registryCacheFile(join(tmp, "a"));
    expect(registryCacheFile(join(tmp, "a/"))).toBe(a);
    expect(registryCacheFile(join(tmp, "b"))).not.toBe(a);
    expect(a).toMatch(/[/\\]carryover-[^/\\]+[/\\]registry-[0-9a-f]{16}\.json$/);
  });

  it.skipIf(process.getuid?.() !== 0)("a cache file owned by another user is ignored (root only: chown needs it)", () => {
    const dir = join(tmp, "owned");
    cpSync(fixture("clean"), dir, { recursive: true });
    const file = registryCacheFile(dir);
    removeCaches.push(file);
    readRegistryDatasets(dir);
    // Plant a different entry list under this build's name, owned by nobody: a load must not believe it.
    const planted = JSON.parse(readFileSync(file, "utf8")) as { datasets: { id: string }[] };
    planted.datasets = planted.datasets.slice(0, 1);
    writeFileSync(file, JSON.stringify(planted));
    spawnSync("chown", ["65534:65534", file]);
    expect(statSync(file).uid).toBe(65534);
    expect(loadRegistry(dir).all().length).toBeGreaterThan(1);
  });
});
