/**
 * An ESLint-RuleTester-like helper: each case is a small in-memory repository
 * scanned through the whole pipeline with the real registry; `valid` cases must
 * raise no finding of the rule under test, `invalid` cases must raise exactly
 * the listed ones (rule, dataset/origin, severity).
 */
import { describe, expect, it } from "vitest";
import { DEFAULT_CONFIG, type RepoConfig } from "../../src/config/repo-config.js";
import { scanSource } from "../../src/core/pipeline.js";
import type { Finding, Severity } from "../../src/core/types.js";
import { MemorySource } from "../../src/sources/memory.js";
import type { FileEntry } from "../../src/sources/source.js";
import { mitLicense } from "./texts.js";

export interface RepoCase {
  name: string;
  /** path → content; a `size` for weights can be given as `{ size }`. */
  files: Record<string, string | { size: number }>;
  config?: Partial<RepoConfig>;
  today?: string;
  /** `owner/name` of the repository scanned (as `--repo` gives it). */
  repository?: string;
}

export interface InvalidCase extends RepoCase {
  errors: { dataset?: string | null; origin?: string | null; severity?: Severity; message?: RegExp }[];
}

/** A MemorySource named `target` with these files (a size, or `{ size }`, is an unread binary). */
export function memoryRepo(files: Record<string, string | number | { size: number }>, target = "memory"): MemorySource {
  const entries: FileEntry[] = [];
  const contents = new Map<string, string>();
  for (const [p, c] of Object.entries(files)) {
    if (typeof c === "string") {
      entries.push({ path: p, size: Buffer.byteLength(c), type: "file" });
      contents.set(p, c);
    } else entries.push({ path: p, size: typeof c === "number" ? c : c.size, type: "file" });
  }
  return new MemorySource(target, entries, contents);
}

export async function scanCase(c: RepoCase) {
  const config: RepoConfig | undefined = c.config ? { ...DEFAULT_CONFIG, ...c.config } : undefined;
  return scanSource(memoryRepo(c.files), { ...(config ? { config } : {}), ...(c.repository ? { repository: c.repository } : {}), today: c.today ?? "2026-11-23" });
}

export function ruleTester(rule: string, cases: { valid: RepoCase[]; invalid: InvalidCase[] }): void {
  const names = [...cases.valid, ...cases.invalid].map((c) => c.name);
  const dup = names.find((n, i) => names.indexOf(n) !== i);
  if (dup) throw new Error(`duplicate case name: ${dup}`);
  describe(rule, () => {
    for (const c of cases.valid) {
      it(`valid: ${c.name}`, async () => {
        const r = await scanCase(c);
        expect(r.findings.filter((f) => f.rule === rule), JSON.stringify(r.findings.filter((f) => f.rule === rule), null, 1)).toEqual([]);
      });
    }
    for (const c of cases.invalid) {
      it(`invalid: ${c.name}`, async () => {
        if (c.errors.length === 0) throw new Error("an invalid case must expect at least one finding");
        const r = await scanCase(c);
        const got: Finding[] = r.findings.filter((f) => f.rule === rule);
        expect(got.length, JSON.stringify(r.findings, null, 1)).toBe(c.errors.length);
        c.errors.forEach((e, i) => {
          const f = got[i]!;
          if (e.dataset !== undefined) expect(f.dataset).toBe(e.dataset);
          if (e.origin !== undefined) expect(f.origin).toBe(e.origin);
          if (e.severity) expect(f.severity).toBe(e.severity);
          if (e.message) expect(f.message).toMatch(e.message);
          // Every finding names evidence inside the repo, a fix, and (for dataset terms) a source.
          expect(f.evidence.length).toBeGreaterThan(0);
          for (const ev of f.evidence) expect(Object.keys(c.files)).toContain(ev.path);
          expect(f.fix.length).toBeGreaterThan(10);
          expect(f.fingerprint).toMatch(/^[0-9a-f]{16}$/);
        });
      });
    }
  });
}

/** Shared bits for repos in tests. */
export const MIT = mitLicense("Example", 2024);
export const WEIGHTS = { "checkpoints/model.pth": { size: 98_000_000 } } as const;
