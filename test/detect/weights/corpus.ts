/**
 * Load a corpus entry (`../shared/corpus/<owner>__<repo>/`) the way the pipeline
 * would see it: `tree.txt` → FileEntry[], and the copied text files the detector
 * asks for (`weightCandidatePaths`) → texts.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { FileEntry } from "../../../src/sources/source.js";
import { weightCandidatePaths } from "../../../src/detect/weights.js";

/** The corpus lives next to the repository checkout, read at run time, never copied. */
export const CORPUS = path.resolve(process.cwd(), "../shared/corpus");

/** Absent blobs are listed as `?` with the note ">= 4 MiB": use that lower bound as the size. */
export const ABSENT_SIZE = 4 * 1024 * 1024;

export function corpusRepos(): string[] {
  if (!existsSync(CORPUS)) return [];
  return readdirSync(CORPUS, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(path.join(CORPUS, d.name, "tree.txt")))
    .map((d) => d.name)
    .sort();
}

/** Parse `path<TAB>size[<TAB>note]` lines. */
export function parseTree(text: string): FileEntry[] {
  const out: FileEntry[] = [];
  for (const line of text.split("\n")) {
    if (line.trim() === "") continue;
    const [p, sizeStr, note] = line.split("\t");
    if (!p || sizeStr === undefined) throw new Error(`bad tree line: ${line}`);
    const entry: FileEntry = { path: p, size: sizeStr === "?" ? ABSENT_SIZE : Number(sizeStr), type: "file" };
    if (note === "symlink") entry.type = "symlink";
    if (note === "submodule") entry.type = "submodule";
    const lfs = note ? /^lfs-pointer size=(\d+)$/.exec(note) : null;
    if (lfs) entry.lfsSize = Number(lfs[1]);
    out.push(entry);
  }
  return out;
}

export interface CorpusRepo {
  name: string;
  files: FileEntry[];
  texts: Map<string, string>;
  /** Every copied file (not only candidates), for checks on what was asked. */
  copied: Set<string>;
}

function walk(dir: string, rel = ""): string[] {
  const out: string[] = [];
  for (const d of readdirSync(path.join(dir, rel), { withFileTypes: true })) {
    const r = rel ? `${rel}/${d.name}` : d.name;
    if (d.isDirectory()) out.push(...walk(dir, r));
    else out.push(r);
  }
  return out;
}

export function loadCorpusRepo(name: string): CorpusRepo {
  const dir = path.join(CORPUS, name);
  const files = parseTree(readFileSync(path.join(dir, "tree.txt"), "utf8"));
  const copied = new Set(walk(dir).filter((p) => p !== "SOURCE.yaml" && p !== "tree.txt"));
  const texts = new Map<string, string>();
  for (const p of weightCandidatePaths(files)) {
    if (copied.has(p)) texts.set(p, readFileSync(path.join(dir, p), "utf8"));
  }
  return { name, files, texts, copied };
}
