/**
 * Load a corpus entry (`../shared/corpus/<owner>__<repo>/`) the way the pipeline
 * would see it: `tree.txt` → FileEntry[], and the copied text files the detector
 * asks for (`weightCandidatePaths`) → texts.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { FileEntry } from "../../../src/sources/source.js";
import { weightCandidatePaths } from "../../../src/detect/weights.js";

// The corpus location, its listing parser and the absent-blob size are shared with the pipeline's corpus tests.
export { ABSENT_SIZE, CORPUS_DIR as CORPUS, corpusRepos, parseTree } from "../../helpers/corpus.js";
import { CORPUS_DIR as CORPUS, parseTree } from "../../helpers/corpus.js";

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
