/**
 * Weights detection: where does this repository publish pre-trained weights?
 *
 * Four sources of evidence, strongest first:
 *  1. weight files in the listing (by format, folder and size; LFS pointers with their real size);
 *  2. `.gitattributes` `filter=lfs` patterns that cover listed weight files (`lfs-pattern`);
 *  3. download links and hub loads in the docs (`link`, `hub`), judged by host and context;
 *  4. URLs in loader code (hubconf.py, download scripts, a package's model URL table).
 * A repository with none of these gets `[]`, so code-only repositories raise no
 * carry-over findings downstream. Rules and thresholds: `weights/paths.ts`
 * (files), `weights/urls.ts` (hosts), `weights/context.ts` (words).
 */
import { isNamedLoader } from "./weights/paths.js";
import { Minimatch } from "minimatch";
import type { WeightRef } from "../core/types.js";
import type { FileEntry } from "../sources/source.js";
import { isLfsPointer, parseGitattributes, pointerSizeLine, type LfsPattern } from "./weights/lfs.js";
import {
  LFS_POINTER_MAX_BYTES,
  dirFlags,
  docPriority,
  extClass,
  isWeightPathShape,
  judgeFile,
  maybeWeightPath,
  textRole,
} from "./weights/paths.js";
import { EVIDENCE_MAX, scanDoc, scanLoader, type Found } from "./weights/scan.js";

export { isLfsPointer } from "./weights/lfs.js";

/** What `detectWeights` reads. */
export interface WeightsInput {
  /** The repository listing. */
  files: readonly FileEntry[];
  /** Texts the pipeline read, by path (ideally those `weightCandidatePaths` asked for); others are ignored by role. */
  texts: ReadonlyMap<string, string>;
  /** Extra globs (minimatch; a glob without `/` matches the base name at any depth) whose files are weights whatever their format. */
  extraGlobs?: readonly string[];
  /** Globs of paths never treated as weights nor scanned for links. */
  ignore?: readonly string[];
}

/** A set of globs compiled once (a slash-less glob matches the base name at any depth). */
interface GlobSet {
  test: (path: string) => boolean;
}

const globCache = new Map<string, GlobSet>();
// A glob "*.ext", or the same under "**", is a suffix test rather than a glob match per file.
const SUFFIX_GLOB_RE = /^(?:\*\*\/)?\*(\.[A-Za-z0-9_.-]+)$/;

function compileGlobs(globs: readonly string[] | undefined): GlobSet | null {
  if (!globs || globs.length === 0) return null;
  const key = globs.join("\u0000");
  const cached = globCache.get(key);
  if (cached) return cached;
  const suffixes: string[] = [];
  const matchers: { prefix: string; mm: Minimatch }[] = [];
  for (const g of globs) {
    const glob = g.trim().replace(/^\.\//, "").replace(/^\//, "");
    if (glob === "" || glob.startsWith("#")) continue;
    const suffix = SUFFIX_GLOB_RE.exec(glob);
    if (suffix) {
      suffixes.push(suffix[1]!);
      continue;
    }
    // The literal folder prefix (`exports/` of `exports/**/final`) rules out most paths with one startsWith.
    const magic = glob.search(/[*?[\]{}()!+@\\]/);
    const literal = magic < 0 ? glob : glob.slice(0, magic);
    const prefix = literal.includes("/") ? literal.slice(0, literal.lastIndexOf("/") + 1) : "";
    matchers.push({ prefix, mm: new Minimatch(glob, { dot: true, nocomment: true, nonegate: true, matchBase: !glob.includes("/") }) });
  }
  const set: GlobSet = {
    test: (p) => {
      for (const s of suffixes) if (p.endsWith(s)) return true;
      for (const m of matchers) if (p.startsWith(m.prefix) && m.mm.match(p)) return true;
      return false;
    },
  };
  if (globCache.size > 64) globCache.clear();
  globCache.set(key, set);
  return set;
}

/**
 * Does the path alone say weights? Strong formats (.safetensors, .pt, .ckpt,
 * .gguf, …) outside test/fixture folders; weak formats (.bin, .pkl, .npz, .h5, …)
 * only with a model-ish name (`pytorch_model.bin`, `model_final.pkl`) or in a
 * model folder; archives only with a model-ish name; or any `extraGlobs` match.
 * Size rules (a 2 KB `.bin`, an unnamed 100 MB `.pkl`) are `detectWeights`' job.
 */
export function isWeightPath(path: string, extraGlobs?: readonly string[]): boolean {
  const globs = compileGlobs(extraGlobs);
  if (globs?.test(path)) return true;
  return maybeWeightPath(path) && isWeightPathShape(path);
}

/** Most texts `weightCandidatePaths` asks for per role: a monorepo's 5,000 READMEs are not all read. */
export const MAX_CANDIDATE_DOCS = 200;
export const MAX_CANDIDATE_LOADERS = 200;

/** Sort key for loader code: the files most likely to hold a weight URL table come first. */
function loaderPriority(path: string): number {
  const depth = path.split("/").length - 1;
  const base = path.slice(path.lastIndexOf("/") + 1).toLowerCase();
  if (base === "hubconf.py" || /^download/.test(base)) return 0;
  if (/^(?:model_store|model_zoo|modelzoo|zoo|hub|pretrained|weights?|urls?|checkpoints?)\.py$/.test(base)) return 1;
  return (isNamedLoader(base) ? 2 : 10) + depth;
}

/** Bytes of loader code read per scan (files in priority order until the budget is spent; the count cap still applies). */
export const LOADER_BYTE_BUDGET = 4 * 1024 * 1024;
export const MAX_CANDIDATE_POINTERS = 200;

/**
 * Paths among `files` whose text the detector wants, so the pipeline can batch-read
 * them: every `.gitattributes`; docs (root docs, READMEs outside notebooks/data/
 * examples/tests/vendor folders, docs/ and doc/ pages, model zoos and cards);
 * loaders (hubconf.py, download*.sh|py, `<pkg>/__init__.py` and `<pkg>/<pkg>.py`);
 * and pointer-sized (≤ 1 KiB) weight-format files, to read LFS pointers a
 * listing did not flag. Ordered by importance, capped per role.
 */
export function weightCandidatePaths(files: readonly FileEntry[]): string[] {
  const attrs: string[] = [];
  const docs: string[] = [];
  const loaders: string[] = [];
  const sizeOf = new Map<string, number>();
  const pointers: string[] = [];
  for (const f of files) {
    if (f.type !== "file") continue;
    const role = textRole(f.path);
    if (role === null) continue;
    if (role === "gitattributes") attrs.push(f.path);
    else if (role === "doc") docs.push(f.path);
    else if (role === "loader") {
      loaders.push(f.path);
      sizeOf.set(f.path, f.size);
    }
    else if (
      f.lfsSize === undefined &&
      f.size > 0 &&
      f.size <= LFS_POINTER_MAX_BYTES &&
      (extClass(f.path) === "strong" || extClass(f.path) === "weak") &&
      !dirFlags(f.path).test
    ) {
      pointers.push(f.path);
    }
  }
  const byPriority = (list: string[]): string[] =>
    list
      .map((p) => ({ p, k: docPriority(p) }))
      .sort((a, b) => a.k - b.k || (a.p < b.p ? -1 : a.p > b.p ? 1 : 0))
      .map((x) => x.p);
  docs.splice(0, docs.length, ...byPriority(docs));
  // Loaders: named ones (hubconf, download scripts, URL tables) before model definitions, shallow before deep.
  loaders.sort((a, b) => loaderPriority(a) - loaderPriority(b) || (a < b ? -1 : a > b ? 1 : 0));
  attrs.sort((a, b) => a.split("/").length - b.split("/").length || a.localeCompare(b));
  const chosen: string[] = [];
  let bytes = 0;
  for (const p of loaders) {
    if (chosen.length >= MAX_CANDIDATE_LOADERS) break;
    const size = Math.max(0, sizeOf.get(p) ?? 0);
    if (chosen.length > 0 && bytes + size > LOADER_BYTE_BUDGET) continue;
    chosen.push(p);
    bytes += size;
  }
  return [...attrs, ...docs.slice(0, MAX_CANDIDATE_DOCS), ...chosen, ...pointers.slice(0, MAX_CANDIDATE_POINTERS)];
}

function fileEvidenceText(path: string, size: number | undefined, lfs: boolean): string {
  const what = size === undefined ? (lfs ? "Git LFS object" : "file") : `${lfs ? "Git LFS object, " : ""}${size} bytes`;
  const t = `${path} (${what})`;
  return t.length <= EVIDENCE_MAX ? t : t.slice(0, EVIDENCE_MAX);
}

/** Dedupe key: Hugging Face and torch.hub refs case-insensitively, URLs without a trailing slash. */
function refKey(r: Found): string {
  const ref = r.ref.replace(/\/+$/, "");
  if (/^https:\/\/huggingface\.co\//i.test(ref) || ref.startsWith("torch.hub:")) return ref.toLowerCase();
  return ref;
}

/**
 * Find where the repository publishes weights. Output order: listed files (in
 * listing order), LFS patterns, then references from docs (root README first)
 * and loaders. Each ref appears once, with its first evidence.
 */
export function detectWeights(input: WeightsInput): WeightRef[] {
  const extra = compileGlobs(input.extraGlobs);
  const ignore = compileGlobs(input.ignore);
  const ignored = (p: string): boolean => (ignore ? ignore.test(p) : false);

  // LFS declarations first: they tell which pointer-sized files are LFS objects.
  const patterns: LfsPattern[] = [];
  for (const [path, text] of input.texts) {
    if (textRole(path) === "gitattributes" && !ignored(path)) patterns.push(...parseGitattributes(path, text));
  }
  const usedPatterns = new Set<LfsPattern>();

  const found: Found[] = [];
  const packages = new Set<string>();
  const hubconfs: FileEntry[] = [];
  for (const f of input.files) {
    if (f.type !== "file") continue;
    const path = f.path;
    if (path.endsWith("hubconf.py")) hubconfs.push(f);
    const byGlob = extra ? extra.test(path) : false;
    if (!byGlob && !maybeWeightPath(path)) continue;
    if (ignored(path)) continue;

    // Core ML packages are folders: report the package once.
    const pkg = /^(.*?\.mlpackage)\//i.exec(path);
    if (pkg && !byGlob) {
      const dir = pkg[1]!;
      if (!packages.has(dir) && !dirFlags(`${dir}/x`).test) {
        packages.add(dir);
        found.push({ ref: dir, kind: "file", evidence: { path: dir, line: 0, text: fileEvidenceText(dir, undefined, false) } });
      }
      continue;
    }

    let lfs = false;
    // A negative size is "unknown" (LocalSource stats only files whose size a scan uses; a glob can name any file).
    let size: number | undefined = byGlob && f.size < 0 ? undefined : f.size;
    let evidence = { path, line: 0, text: "" };
    if (f.lfsSize !== undefined) {
      lfs = true;
      size = f.lfsSize;
    } else {
      const text = input.texts.get(path);
      const ptr = text !== undefined ? isLfsPointer(text) : null;
      if (ptr && text !== undefined) {
        lfs = true;
        size = ptr.size;
        const l = pointerSizeLine(text);
        evidence = { path, line: l.line, text: l.text };
      }
    }
    let matched: LfsPattern | undefined;
    if (patterns.length > 0) matched = patterns.find((p) => p.matches(path));
    if (!lfs && matched && f.size <= LFS_POINTER_MAX_BYTES) {
      // Pointer-sized and LFS-tracked: the listing shows the pointer, the object size is unknown.
      lfs = true;
      size = undefined;
    }
    const isWeights = byGlob || judgeFile(path, size) === "weights";
    if (!isWeights) continue;
    if (matched) usedPatterns.add(matched);
    if (evidence.text === "") evidence.text = fileEvidenceText(path, size, lfs);
    const ref: Found = { ref: path, kind: lfs ? "lfs-pointer" : "file", evidence };
    if (size !== undefined) ref.size = size;
    found.push(ref);
  }
  for (const p of patterns) {
    if (!usedPatterns.has(p)) continue;
    const dir = p.path.includes("/") ? p.path.slice(0, p.path.lastIndexOf("/") + 1) : "";
    found.push({ ref: `${dir}${p.pattern}`, kind: "lfs-pattern", evidence: { path: p.path, line: p.line, text: p.text } });
  }

  // Docs, then loaders; root README first so first evidence is the most visible one.
  const docs: string[] = [];
  const loaders: string[] = [];
  for (const path of input.texts.keys()) {
    if (ignored(path)) continue;
    const role = textRole(path);
    if (role === "doc") docs.push(path);
    else if (role === "loader") loaders.push(path);
  }
  docs.sort((a, b) => docPriority(a) - docPriority(b) || (a < b ? -1 : a > b ? 1 : 0));
  loaders.sort();
  // Built only when a doc has a script invocation to check: a 300k-path Set is not free.
  let listed: Set<string> | undefined;
  const isListed = (p: string): boolean => {
    if (!listed) {
      listed = new Set<string>();
      for (const f of input.files) if (f.type === "file") listed.add(f.path);
    }
    return listed.has(p);
  };
  for (const path of docs) found.push(...scanDoc(path, input.texts.get(path)!, { isListed, hasListing: input.files.length > 0 }));
  for (const path of loaders) found.push(...scanLoader(path, input.texts.get(path)!));

  // A hubconf.py makes the repository a torch.hub source: its entry points load published weights.
  for (const f of hubconfs) {
    if (ignored(f.path) || !/(?:^|\/)hubconf\.py$/.test(f.path) || textRole(f.path) !== "loader") continue;
    const text = input.texts.get(f.path);
    let line = 0;
    let quoted = `${f.path} (torch.hub entry points)`;
    if (text !== undefined) {
      const lines = text.split(/\r\n|\r|\n/);
      const i = lines.findIndex((l) => /^def [A-Za-z]\w*\(/.test(l));
      if (i >= 0) {
        line = i + 1;
        quoted = lines[i]!.trim().slice(0, EVIDENCE_MAX);
      }
    }
    found.push({ ref: f.path, kind: "hub", host: "torch-hub", evidence: { path: f.path, line, text: quoted } });
  }

  const seen = new Set<string>();
  const out: WeightRef[] = [];
  for (const r of found) {
    const key = refKey(r);
    if (seen.has(key)) continue;
    seen.add(key);
    const w: WeightRef = { ref: r.ref, kind: r.kind, evidence: r.evidence };
    if (r.host !== undefined) w.host = r.host;
    if (r.size !== undefined) w.size = r.size;
    out.push(w);
  }
  return out;
}
