// Differential test: the Aho–Corasick scan against a brute-force reference (indexOf per name)
// over real corpus READMEs and random strings built from name fragments.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { normaliseLine } from "../../src/resolve/matcher.js";
import { isAlnumCode, normCaseKey, normKey } from "../../src/resolve/normalize.js";
import { createRegistry, loadRegistry, namesOf, type Registry } from "../../src/resolve/registry.js";
import type { Dataset } from "../../src/resolve/schema.js";
import { entry, realRegistryDir } from "./helpers.js";
import { corpusAvailable } from "../helpers/corpus.js";

type Span = [from: number, to: number, id: string];

/** Every name of every dataset as (key, id, case forms), computed once per registry. */
function referenceNames(datasets: readonly Dataset[]): { key: string; id: string; forms?: string[] }[] {
  return datasets.flatMap((d) => {
    const caseKeys = new Map<string, string[]>();
    for (const cs of d.match.case_sensitive) caseKeys.set(normKey(cs), [...(caseKeys.get(normKey(cs)) ?? []), normCaseKey(cs)]);
    return namesOf(d)
      .map((n) => normKey(n.text))
      .filter(Boolean)
      .map((key) => ({ key, id: d.id, forms: caseKeys.get(key) }));
  });
}

/** The reference: every name searched separately (indexOf) in the normalised line. */
function reference(names: ReturnType<typeof referenceNames>, line: string): Span[] {
  const n = normaliseLine(line);
  const text = String.fromCharCode(...Array.from(n.codes.subarray(0, n.length)));
  const pos = Array.from(n.pos.subarray(0, n.length));
  const cands = new Map<string, { start: number; end: number; from: number; to: number; ids: Set<string> }>();
  for (const { key, id, forms } of names) {
    for (let at = text.indexOf(key); at >= 0; at = text.indexOf(key, at + 1)) {
      const start = at;
      const end = at + key.length - 1;
      const from = pos[start]!;
      const to = pos[end]! + 1;
      if (from > 0 && isAlnumCode(line.charCodeAt(from - 1))) continue;
      if (to < line.length && isAlnumCode(line.charCodeAt(to))) continue;
      if (forms && !forms.includes(normCaseKey(line.slice(from, to)))) continue;
      const c = cands.get(`${start}:${end}`) ?? { start, end, from, to, ids: new Set<string>() };
      cands.set(`${start}:${end}`, c);
      c.ids.add(id);
    }
  }
  const sorted = [...cands.values()].sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
  const taken: typeof sorted = [];
  for (const c of sorted) if (!taken.some((t) => c.start <= t.end && t.start <= c.end)) taken.push(c);
  return taken
    .sort((a, b) => a.start - b.start)
    .flatMap((c) => [...c.ids].sort().map((id): Span => [c.from, c.to, id]));
}

const spans = (registry: Registry, line: string): Span[] =>
  registry
    .scan(line)
    .map((h): Span => [h.index, h.end, h.id])
    .sort((a, b) => a[0] - b[0] || (a[2] < b[2] ? -1 : 1));

/** Markdown files of the shared corpus (read at run time, never copied). */
function corpusLines(): string[] {
  const root = resolve(process.cwd(), "../shared/corpus");
  const lines: string[] = [];
  const walk = (dir: string, depth: number): void => {
    for (const f of readdirSync(dir)) {
      const p = join(dir, f);
      if (statSync(p).isDirectory()) {
        if (depth < 4) walk(p, depth + 1);
      } else if (/\.(md|markdown|rst|txt)$/i.test(f) && f !== "tree.txt" && f !== "SOURCE.yaml" && statSync(p).size < 400_000) {
        lines.push(...readFileSync(p, "utf8").split(/\r?\n/));
      }
    }
  };
  walk(root, 0);
  return lines;
}

describe("resolve/registry scan = brute-force reference", () => {
  const real = loadRegistry(realRegistryDir);
  const datasets = real.all();
  const realNames = referenceNames(datasets);

  it.skipIf(!corpusAvailable)("on every line of the corpus Markdown and text files", () => {
    const lines = corpusLines();
    expect(lines.length).toBeGreaterThan(5_000);
    let hits = 0;
    const mismatches: string[] = [];
    for (const line of lines) {
      const got = spans(real, line);
      hits += got.length;
      const want = reference(realNames, line);
      if (JSON.stringify(got) !== JSON.stringify(want)) mismatches.push(`${line}\n  got  ${JSON.stringify(got)}\n  want ${JSON.stringify(want)}`);
    }
    expect(mismatches.slice(0, 5)).toEqual([]);
    expect(hits).toBeGreaterThan(100);
  });

  // A small registry with deliberately overlapping names exercises failure links and longest-match.
  const tricky = [
    entry("aab", { aliases: ["aab", "a-a-b-c"] }),
    entry("abca", { aliases: ["ABCA"], match: { context_only: [], case_sensitive: ["ABCA"], checkpoint: [] } }),
    entry("bc-set", { aliases: ["bc set", "b.c.d"] }),
    entry("caab", { aliases: ["caab"], match: { context_only: [], case_sensitive: [], checkpoint: ["ca"] } }),
    entry("dd1", { aliases: ["dd1", "DD-12"] }),
  ];
  const trickyRegistry = createRegistry(tricky);
  const trickyNames = referenceNames(tricky);
  const fragment = fc.constantFrom("a", "A", "b", "B", "c", "d", "1", "2", "aab", "abca", "ABCA", "caab", "dd1", "-", "_", ".", " ", "/", ",", "(", ". ", "ü", "x");

  it("on random strings over name fragments", () => {
    fc.assert(
      fc.property(fc.array(fragment, { maxLength: 30 }), (parts) => {
        const line = parts.join("");
        expect(spans(trickyRegistry, line)).toEqual(reference(trickyNames, line));
      }),
      { numRuns: 3000 },
    );
  });

  it("on random strings against the real registry", () => {
    const names = datasets.flatMap((d) => namesOf(d).map((n) => n.text)).slice(0, 400);
    const piece = fc.oneof(fc.constantFrom(...names), fc.constantFrom(" ", "-", "_", ", ", "x", "1", ". "));
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), (parts) => {
        const line = parts.join("");
        const got = spans(real, line);
        expect(got).toEqual(reference(realNames, line));
        for (const [from, to] of got) {
          expect(from === 0 || !isAlnumCode(line.charCodeAt(from - 1))).toBe(true);
          expect(to === line.length || !isAlnumCode(line.charCodeAt(to))).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
  });
});
