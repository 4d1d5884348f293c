/**
 * The development corpus (../shared/corpus): real files from 26 public model
 * repositories plus their `tree.txt` listing, loaded as an in-memory Source.
 * Read at test time, never copied into the repository.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { MemorySource } from "../../src/sources/memory.js";
import type { FileEntry } from "../../src/sources/source.js";

export const CORPUS_DIR = path.resolve(process.cwd(), "../shared/corpus");
export const corpusAvailable = existsSync(CORPUS_DIR);

export function corpusRepos(): string[] {
  if (!corpusAvailable) return [];
  return readdirSync(CORPUS_DIR)
    .filter((d) => statSync(path.join(CORPUS_DIR, d)).isDirectory())
    .sort();
}

export interface ExpectedFinding {
  kind: string;
  expect: "flag" | "warn" | "info" | "no_flag";
  confidence?: string;
  text: string;
}

export interface CorpusEntry {
  name: string;
  source: MemorySource;
  files: FileEntry[];
  contents: Map<string, string | Uint8Array>;
  facts: {
    license?: Record<string, unknown>;
    weights?: unknown[];
    datasets?: { name: string; as_written?: string; evidence: string | string[]; role: string; registry_id: string | string[] | null }[];
    expected_findings?: ExpectedFinding[];
  };
}

function walk(dir: string, rel = ""): string[] {
  const out: string[] = [];
  for (const d of readdirSync(path.join(dir, rel), { withFileTypes: true })) {
    const p = rel ? `${rel}/${d.name}` : d.name;
    if (d.isDirectory()) out.push(...walk(dir, p));
    else out.push(p);
  }
  return out;
}

/** Blobs the snapshot left out are listed with size `?` and the note ">= 4 MiB": that lower bound is their size. */
export const ABSENT_SIZE = 4 * 1024 * 1024;

/** Parse a `tree.txt` listing: `path<TAB>size[<TAB>note]`. */
export function parseTree(text: string): FileEntry[] {
  const files: FileEntry[] = [];
  for (const line of text.split("\n")) {
    if (!line.trim()) continue;
    const [p, size, note] = line.split("\t");
    if (!p) continue;
    if (size === undefined) throw new Error(`bad tree line: ${line}`);
    const entry: FileEntry = { path: p, size: size === "?" ? ABSENT_SIZE : /^\d+$/.test(size) ? Number(size) : -1, type: "file" };
    const lfs = note ? /lfs-pointer size=(\d+)/.exec(note) : null;
    if (lfs) entry.lfsSize = Number(lfs[1]);
    if (note === "symlink") entry.type = "symlink";
    if (note === "submodule") entry.type = "submodule";
    files.push(entry);
  }
  return files;
}

export function loadCorpusEntry(name: string): CorpusEntry {
  const dir = path.join(CORPUS_DIR, name);
  const files = parseTree(readFileSync(path.join(dir, "tree.txt"), "utf8"));
  const contents = new Map<string, string | Uint8Array>();
  for (const rel of walk(dir)) {
    if (rel === "SOURCE.yaml" || rel === "tree.txt") continue;
    contents.set(rel, new Uint8Array(readFileSync(path.join(dir, rel))));
  }
  const src = parse(readFileSync(path.join(dir, "SOURCE.yaml"), "utf8")) as { repo: string; facts: CorpusEntry["facts"] };
  return { name, source: new MemorySource(`github:${src.repo}`, files, contents), files, contents, facts: src.facts };
}
