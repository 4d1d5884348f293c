/**
 * Which files of a listing the scan reads. A remote source reads them in one
 * batch, so this is also what bounds a scan's cost: documentation, licenses,
 * model cards, small configs, LFS and REUSE metadata, the repo config.
 */
import type { FileEntry } from "../sources/source.js";
import { isCodeFile, isRecipeFile } from "./code-paths.js";

/** Folders whose code is not the repository's own recipe. */
const CODE_SKIP_DIR = /(?:^|\/)(?:tests?|testing|third_party|thirdparty|3rdparty|vendor|external|examples?|notebooks|docs?|tools\/deprecated)\//i;

/** Per-file read cap: a LICENSE or README larger than this is read in part (and says so). */
export const MAX_FILE_BYTES = 1_000_000;
/** Configs are only worth reading while small (big JSON files are data, not configuration). */
export const MAX_CONFIG_BYTES = 64_000;
/** Upper bound on files read per scan; beyond it the scan notes what it skipped. */
export const MAX_CANDIDATES = 600;

const base = (p: string) => p.slice(p.lastIndexOf("/") + 1);
const depth = (p: string) => p.split("/").length - 1;

/** License-ish names at any depth, as licensee and REUSE name them. */
export const LICENSE_NAME = /^(?:un)?licen[cs]e|^copying|^notice$|^notice\.|licen[cs]e$|licen[cs]e[-_.]|[-_]licen[cs]e/i;
const README = /^readme(\.[a-z]+)?$/i;
const MODEL_CARD = /model[-_ ]?card|^modelcard/i;
const DOC_EXT = /\.(md|markdown|rst|txt|html?)$/i;
const DOC_HINT = /model[-_]?zoo|pretrained|pre[-_]trained|weights|checkpoint|download|license|licen[cs]e|benchmark|results|getting[-_]started|train|dataset|data[-_]prep|prepare/i;
const CONFIG_EXT = /\.(ya?ml|json|cfg|ini|toml)$/i;
const CONFIG_DIR = /(^|\/)(configs?|cfgs?|experiments|recipes|dataset_configs)\//i;

export interface CandidateKinds {
  license: string[];
  doc: string[];
  config: string[];
  meta: string[];
}

export function isLicenseName(path: string): boolean {
  const b = base(path);
  // REUSE's LICENSES/ folder, and the LICENSE/ folder some repositories keep one file per license in.
  return LICENSE_NAME.test(b) || /(^|\/)LICEN[CS]ES?\//i.test(path);
}

/** Rank what to read; returns paths in priority order (the cap keeps the first). */
export function selectCandidates(files: readonly FileEntry[]): { paths: string[]; skipped: number; oversize: string[] } {
  const tiers: string[][] = [[], [], [], [], []];
  const oversize: string[] = [];
  for (const f of files) {
    if (f.type !== "file") continue;
    const p = f.path;
    const b = base(p);
    if (p === ".github/carryover.yml" || p === ".github/carryover.yaml" || b === ".gitattributes" || p === "REUSE.toml" || p === "hubconf.py" || p === "CITATION.cff") {
      tiers[0]!.push(p);
    } else if (isLicenseName(p)) {
      // A "LICENSE" of several megabytes is not a license text (a data dump, a binary): say so instead of reading it.
      if (f.size > 5_000_000) oversize.push(p);
      else tiers[depth(p) === 0 ? 0 : 1]!.push(p);
    } else if (README.test(b) || MODEL_CARD.test(b)) {
      tiers[depth(p) <= 1 ? 0 : 2]!.push(p);
    } else if (DOC_EXT.test(b) && (depth(p) === 0 || (/^docs?\//i.test(p) && DOC_HINT.test(b)) || DOC_HINT.test(b))) {
      tiers[2]!.push(p);
    } else if (CONFIG_EXT.test(b) && f.size >= 0 && f.size <= MAX_CONFIG_BYTES && (CONFIG_DIR.test(p) || depth(p) === 0 || /config/i.test(b))) {
      tiers[3]!.push(p);
    } else if (isRecipeFile(p) && isCodeFile(p) && depth(p) <= 3 && f.size <= MAX_CONFIG_BYTES && !CODE_SKIP_DIR.test(p)) {
      // Training scripts, Python configs and shell recipes: their defaults name the data the weights were trained on.
      tiers[3]!.push(p);
    } else if (f.size >= 0 && f.size < 1024 && /\.(safetensors|bin|pt|pth|ckpt|h5|onnx|gguf|pkl|npz|msgpack|tflite|pb)$/i.test(b)) {
      // Small "weights" are usually LFS pointers: read them to learn the real object size.
      tiers[4]!.push(p);
    }
  }
  // Configs are many in model zoos (mmdet has thousands): keep the shallowest first.
  tiers[3]!.sort((a, b) => depth(a) - depth(b) || a.localeCompare(b));
  tiers[2]!.sort((a, b) => depth(a) - depth(b) || a.localeCompare(b));
  const all = tiers.flat();
  return { paths: all.slice(0, MAX_CANDIDATES), skipped: Math.max(0, all.length - MAX_CANDIDATES), oversize };
}
