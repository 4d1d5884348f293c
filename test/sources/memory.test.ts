/**
 * MemorySource: the in-memory Source used by tests, benchmarks and the corpus harness. Its request counters are
 * what the "one listing + one batched read per scan" contract is checked with, so they are tested here, and the
 * contract itself is checked over every corpus repo.
 */
import { describe, expect, it } from "vitest";
import { scanSource } from "../../src/core/pipeline.js";
import { MAX_CANDIDATES } from "../../src/detect/candidates.js";
import { loadRegistry } from "../../src/resolve/registry.js";
import { MemorySource } from "../../src/sources/memory.js";
import type { FileEntry, ReadResult } from "../../src/sources/source.js";
import { corpusAvailable, corpusRepos, loadCorpusEntry } from "../helpers/corpus.js";

const registry = loadRegistry();
const TODAY = "2026-11-23";
const file = (p: string, size: number): FileEntry => ({ path: p, size, type: "file" });

describe("MemorySource", () => {
  it("counts list and readMany calls", async () => {
    const src = new MemorySource("m", [file("README.md", 5)], new Map([["README.md", "hello"]]));
    expect(src.requests).toEqual({ list: 0, readMany: 0 });
    await src.list();
    await src.list();
    await src.readMany(["README.md"], 100);
    expect(src.requests).toEqual({ list: 2, readMany: 1 });
  });

  it("returns the listing as given, complete", async () => {
    const files = [file("b", 1), file("a", 2), { path: "l", size: 0, type: "symlink" as const }];
    expect(await new MemorySource("m", files, new Map()).list()).toEqual({ files, incomplete: false, notes: [] });
  });

  it("reads strings as UTF-8 and bytes as given, caps at maxBytes and says when it truncated", async () => {
    const src = new MemorySource(
      "m",
      [],
      new Map<string, string | Uint8Array>([
        ["s", "ÄÖ"],
        ["b", Uint8Array.from([1, 2, 3, 4, 5])],
      ]),
    );
    const out = await src.readMany(["s", "b", "missing"], 3);
    expect(out.get("s")).toEqual({ bytes: Uint8Array.from([0xc3, 0x84, 0xc3]), truncated: true });
    expect(out.get("b")).toEqual({ bytes: Uint8Array.from([1, 2, 3]), truncated: true });
    expect(out.get("missing")).toEqual({ error: "not available" });
    const whole = await src.readMany(["b"], 5);
    expect(whole.get("b")).toEqual({ bytes: Uint8Array.from([1, 2, 3, 4, 5]), truncated: false });
  });

  it("a scan makes exactly one listing and one batched read, however many files the target has", async () => {
    const files: FileEntry[] = [file("README.md", 40), file("LICENSE", 11)];
    for (let i = 0; i < 20_000; i++) files.push(file(`src/m${i % 50}/f${i}.py`, 10));
    for (let i = 0; i < 2_000; i++) files.push(file(`configs/c${i}.yaml`, 20));
    const src = new MemorySource("m", files, new Map([["README.md", "Trained on MS1MV2."], ["LICENSE", "MIT License"]]));
    const asked: string[][] = [];
    const readMany = src.readMany.bind(src);
    src.readMany = async (paths: readonly string[], max: number): Promise<Map<string, ReadResult>> => {
      asked.push([...paths]);
      return readMany(paths, max);
    };
    const r = await scanSource(src, { registry, today: TODAY });
    expect(src.requests).toEqual({ list: 1, readMany: 1 });
    expect(asked).toHaveLength(1);
    const paths = asked[0]!;
    // Bounded: the candidate cap plus the weight detector's own bounded extras; never the 22,000 files.
    expect(new Set(paths).size).toBe(paths.length);
    expect(paths.length).toBeLessThan(MAX_CANDIDATES + 200);
    expect(paths).toContain("README.md");
    expect(paths).toContain("LICENSE");
    expect(paths.some((p) => p.endsWith(".py"))).toBe(false);
    expect(r.notes).toContainEqual(expect.objectContaining({ message: expect.stringMatching(/cap reached/) }));
  });

  it.skipIf(!corpusAvailable)("every corpus repo is scanned with one listing and one batched read", async () => {
    const repos = corpusRepos();
    expect(repos.length).toBeGreaterThanOrEqual(26);
    for (const name of repos) {
      const { source } = loadCorpusEntry(name);
      await scanSource(source, { registry, today: TODAY });
      expect({ name, ...source.requests }).toEqual({ name, list: 1, readMany: 1 });
    }
  });
});
