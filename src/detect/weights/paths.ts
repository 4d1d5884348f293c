/**
 * Path rules for weights detection: which file names are weight formats, which
 * folders are tests/data/models, which docs and loaders the detector reads.
 * Everything here is a pure function of a path (and a size), precompiled into
 * Sets and regexes so a 300k-file listing costs one Set lookup per file.
 */

/** How a file name's extension relates to weights. */
export type ExtClass =
  /** A format that only holds model weights (.safetensors, .pt, .ckpt, .gguf, …). */
  | "strong"
  /** A format that holds weights or plain data (.bin, .pkl, .npz, .h5, …): needs a model-ish name, a model folder or size. */
  | "weak"
  /** An archive (.zip, .tar, .tar.gz, …): weights only with a model-ish name or context. */
  | "archive"
  /** Some other extension (.json, .txt, .png, …): never weights. */
  | "other"
  /** No extension (a Drive id, a Hugging Face repo name like `vicuna-7b-v1.5`). */
  | "none";

/** Formats that are weights whatever their name. */
const STRONG_EXTS = new Set([
  "safetensors", "pt", "pth", "ckpt", "keras", "onnx", "tflite", "gguf", "ggml", "ggjt", "params",
  "caffemodel", "mlmodel", "mlpackage", "pdparams", "t7", "nemo", "llamafile", "ptl",
]);

/**
 * Formats that are just as often plain data: `.bin` (tokenizer tables, test
 * fixtures), `.pkl`/`.pickle` (any Python object; FID statistics), `.npz`/`.npy`-like
 * arrays, `.h5`/`.hdf5` (datasets), `.msgpack`, `.pb` (any protobuf), `.joblib`.
 * `.weights` is Darknet's format but also a common English word in doc paths, so weak.
 */
const WEAK_EXTS = new Set(["bin", "pkl", "pickle", "npz", "h5", "hdf5", "msgpack", "pb", "joblib", "weights"]);

const ARCHIVE_EXTS = new Set(["zip", "tar", "tgz", "7z", "rar", "tbz2", "txz"]);

/** Compression suffixes looked through: `model.pth.gz` is a strong file, `vocab.txt.gz` is not. */
const COMPRESSION_EXTS = new Set(["gz", "bz2", "xz", "zst", "lz4"]);

/**
 * An extension is a letter then up to 11 letters/digits. This keeps Hugging Face
 * repo names (`vicuna-7b-v1.5`, `llava-v1.6-34b`) and version numbers from
 * reading as extensions. `.7z` is the one common extension that starts with a digit.
 */
const EXT_RE = /\.([a-z][a-z0-9]{0,11}|7z)$/;

/** Classify a file name (or the last segment of a URL path) by its extension. */
export function extClass(name: string): ExtClass {
  let base = name.toLowerCase();
  let m = EXT_RE.exec(base);
  if (!m) return "none";
  let ext = m[1]!;
  if (COMPRESSION_EXTS.has(ext)) {
    base = base.slice(0, -ext.length - 1);
    m = EXT_RE.exec(base);
    // A bare `.gz` is an archive of something unknown.
    if (!m) return "archive";
    ext = m[1]!;
    if (ext === "tar") return "archive";
  }
  if (STRONG_EXTS.has(ext)) return "strong";
  if (WEAK_EXTS.has(ext)) return "weak";
  if (ARCHIVE_EXTS.has(ext)) return "archive";
  return "other";
}

/** Folders whose files are test inputs, never published weights. */
const TEST_DIRS = new Set([
  "test", "tests", "testing", "__tests__", "testdata", "test_data", "test-data", "fixtures", "fixture",
  "__fixtures__", "spec", "specs", "mocks", "__mocks__", "unittests", "unit_tests", "test_assets", "test-assets",
]);
/** Folders that are tooling or vendored environments, not the repository's own content. */
const SKIP_DIRS = new Set(["node_modules", ".git", "site-packages", ".venv", "venv", "__pycache__", ".tox"]);
/** Folders that usually hold datasets: a `.pkl` or `.h5` there is data unless its name says model. */
const DATA_DIRS = new Set(["data", "dataset", "datasets", "sample_data", "raw_data"]);
/** Folders that usually hold weights: a `.bin` there is weights. */
const MODEL_DIRS = new Set([
  "models", "model", "weights", "weight", "checkpoints", "checkpoint", "ckpt", "ckpts", "pretrained",
  "pretrained_models", "pretrained-models", "pretrained_weights", "pretrained-weights", "saved_model",
  "saved_models", "snapshots", "model_zoo", "modelzoo", "zoo", "release", "releases", "exported_models",
]);

/** Name tokens that say "a trained model" (`pytorch_model.bin`, `model_final.pkl`, `G_ema.pkl`, `epoch_24.pth`). */
const MODELISH_TOKENS = new Set([
  "model", "models", "weights", "weight", "ckpt", "checkpoint", "checkpoints", "pretrained", "pretrain",
  "net", "network", "networks", "generator", "discriminator", "encoder", "decoder", "backbone", "adapter",
  "lora", "vae", "unet", "snapshot", "epoch", "final", "best", "latest", "iter", "state", "statedict",
  "pytorch", "tf", "flax", "gan", "variables", "params", "finetuned", "finetune",
]);
/** Name tokens that say "data" (`train_features.npz`, `fid_stats.pkl`, `vocab.bin`). */
const DATAISH_TOKENS = new Set([
  "data", "dataset", "train", "val", "valid", "validation", "test", "split", "features", "feats", "labels",
  "annotations", "stats", "statistics", "vocab", "tokenizer", "index", "cache", "fixture", "sample",
  "samples", "example", "dummy", "mock", "toy", "optimizer", "scheduler", "rng", "args", "training",
]);

/** Lower-cased name tokens, splitting on non-alphanumerics and letter↔digit boundaries (`epoch24` → epoch, 24). */
export function nameTokens(name: string): string[] {
  return name
    .toLowerCase()
    .split(/[^a-z0-9]+|(?<=[a-z])(?=[0-9])|(?<=[0-9])(?=[a-z])/)
    .filter((t) => t.length > 0);
}

/** True when a file or URL name reads like a trained model (and not like data). */
export function isModelishName(name: string): boolean {
  const stem = name.replace(/(\.[a-z][a-z0-9]{0,11})+$/i, "");
  const tokens = nameTokens(stem);
  let model = false;
  for (const t of tokens) {
    if (MODELISH_TOKENS.has(t)) model = true;
    // Single-letter GAN network names: G.pkl, G_ema.pth, D.pth.
    if (tokens.length <= 2 && (t === "g" || t === "d")) model = true;
  }
  return model;
}

/** True when a name's tokens say data and nothing says model. */
export function isDataishName(name: string): boolean {
  const stem = name.replace(/(\.[a-z][a-z0-9]{0,11})+$/i, "");
  const tokens = nameTokens(stem);
  return tokens.some((t) => DATAISH_TOKENS.has(t)) && !tokens.some((t) => MODELISH_TOKENS.has(t));
}

/** HF/Trainer side files that share weight extensions but hold no weights. */
const NON_WEIGHT_NAMES = new Set(["training_args.bin", "optimizer.pt", "optimizer.bin", "scheduler.pt", "scaler.pt", "rng_state.pth"]);

export interface DirFlags {
  test: boolean;
  skip: boolean;
  data: boolean;
  model: boolean;
}

/** Flags for the folders of a path (all segments but the last). */
export function dirFlags(path: string): DirFlags {
  const segs = path.split("/");
  const flags: DirFlags = { test: false, skip: false, data: false, model: false };
  for (let i = 0; i < segs.length - 1; i++) {
    const s = segs[i]!.toLowerCase();
    if (TEST_DIRS.has(s) || /^tests?[_-]/.test(s) || s.endsWith("_tests") || s.endsWith("-tests")) flags.test = true;
    if (SKIP_DIRS.has(s)) flags.skip = true;
    if (DATA_DIRS.has(s)) flags.data = true;
    if (MODEL_DIRS.has(s) || s.endsWith(".mlpackage")) flags.model = true;
  }
  return flags;
}

/** Smallest size for a weak-format file with a model-ish name or in a model folder: below it a `.bin` is a fixture. */
export const WEAK_NAMED_MIN_BYTES = 32 * 1024;
/**
 * Smallest size for a weak-format file with no model-ish name, outside data and
 * model folders: a bare `foo.pkl` of 8 MiB or more is far more often a model than
 * a config pickle. Chosen above rosinality's FID statistics `inception_ffhq.pkl`
 * (listed only as ">= 4 MiB"), which are not weights.
 */
export const WEAK_UNNAMED_MIN_BYTES = 8 * 1024 * 1024;
/** Smallest size for a model-ish archive (`pretrained_models.zip`). */
export const ARCHIVE_MIN_BYTES = 32 * 1024;

/** The verdict on one listed file. */
export type FileVerdict = "weights" | "no";

/**
 * Decide whether one listed file is weights, from its path and size alone.
 * `size` is the real object size (the LFS size when known); `undefined` means
 * unknown but LFS-tracked (big enough to bother), so size floors do not apply.
 * The rule, in order:
 *  1. a test/fixture folder or a tooling folder → no (a 2 KB `.bin` in `test/fixtures`, a `.pt` in `tests/`);
 *  2. strong formats → weights unless empty, or a data-ish name inside a data folder;
 *  3. weak formats → weights with a model-ish name or a model folder and ≥ 32 KiB,
 *     or ≥ 8 MiB outside data folders with no data-ish name; otherwise no;
 *  4. archives → weights only with a model-ish name or in a model folder (`model/sphere20a.7z`), and ≥ 32 KiB;
 *  5. anything else → no.
 */
export function judgeFile(path: string, size: number | undefined): FileVerdict {
  const slash = path.lastIndexOf("/");
  const base = path.slice(slash + 1);
  const cls = extClass(base);
  if (cls === "other" || cls === "none") {
    // TensorFlow SavedModel shards: variables/variables.data-00000-of-00001.
    if (!/^variables\.data-\d+-of-\d+$/.test(base)) return "no";
  }
  const flags = dirFlags(path);
  if (flags.test || flags.skip) return "no";
  if (NON_WEIGHT_NAMES.has(base.toLowerCase())) return "no";
  const known = size !== undefined;
  if (cls === "strong" || cls === "other" || cls === "none") {
    if (known && size === 0) return "no";
    if (flags.data && isDataishName(base)) return "no";
    return "weights";
  }
  const named = isModelishName(base);
  if (cls === "weak") {
    if (isDataishName(base)) return "no";
    if (named || flags.model || base.toLowerCase() === "saved_model.pb") {
      return !known || size >= WEAK_NAMED_MIN_BYTES ? "weights" : "no";
    }
    if (!flags.data && (!known || size >= WEAK_UNNAMED_MIN_BYTES)) return "weights";
    return "no";
  }
  // archive
  if ((named || flags.model) && !isDataishName(base) && (!known || size >= ARCHIVE_MIN_BYTES)) return "weights";
  return "no";
}

/**
 * Path-only shape test: strong formats, weak formats with a model-ish name or
 * model folder, model-ish archives; never inside test or tooling folders. Size
 * rules (a tiny `.bin`, a large unnamed `.pkl`) are applied by `detectWeights`.
 */
export function isWeightPathShape(path: string): boolean {
  const slash = path.lastIndexOf("/");
  const base = path.slice(slash + 1);
  const cls = extClass(base);
  if (cls === "other" || cls === "none") {
    if (!/^variables\.data-\d+-of-\d+$/.test(base)) return false;
  }
  const flags = dirFlags(path);
  if (flags.test || flags.skip) return false;
  if (NON_WEIGHT_NAMES.has(base.toLowerCase())) return false;
  if (cls === "strong" || cls === "other" || cls === "none") return !(flags.data && isDataishName(base));
  if (isDataishName(base)) return false;
  const named = isModelishName(base);
  if (cls === "weak") return named || flags.model;
  return named || flags.model;
}

/** Every extension `maybeWeightPath` lets through (weights, weak formats, archives, compression). */
const MAYBE_EXTS = new Set([...STRONG_EXTS, ...WEAK_EXTS, ...ARCHIVE_EXTS, ...COMPRESSION_EXTS]);

/**
 * Cheap prefilter run on every listed file: could this path be weights at all?
 * One `lastIndexOf`, one short lower-casing and one Set lookup; no regex, so a
 * 300k-file listing costs a few tens of milliseconds.
 */
export function maybeWeightPath(path: string): boolean {
  const dot = path.lastIndexOf(".");
  if (dot >= 0 && path.length - dot <= 14 && path.indexOf("/", dot) < 0) {
    if (MAYBE_EXTS.has(path.slice(dot + 1).toLowerCase())) return true;
  }
  if (path.includes(".mlpackage/") || path.includes(".MLPACKAGE/")) return true;
  return path.includes("variables.data-") && /\/?variables\.data-\d+-of-\d+$/.test(path);
}

// ---------------------------------------------------------------------------
// Which texts the detector reads.

/** The role a text plays for weights detection. */
export type TextRole = "doc" | "gitattributes" | "loader" | "pointer" | null;

/** Root files that are docs but never say where weights are. */
const NON_WEIGHT_DOC_RE = /^(?:licen[cs]e|copying|notice|changelog|changes|history|contributing|code_of_conduct|security|authors|contributors|citation|requirements|constraints|tree|support|governance|maintainers|codeowners)(?:[-_.].*)?$/i;
/** Names that hold model zoos and cards wherever they sit. */
const WEIGHT_DOC_NAME_RE = /model[-_ ]?(?:zoo|card|s)|modelcard|pretrained|weights|checkpoints?|download|getting[-_]?started|readme/i;
/**
 * Folders whose READMEs describe other things (a notebook, a dataset card, a
 * Docker image, the website, an example that consumes some third-party model):
 * Open-Assistant has 94 READMEs and links third-party classifiers from
 * `notebooks/` and `data/` READMEs, none of them its own release.
 */
const DOC_EXCLUDED_DIRS = new Set([
  ...TEST_DIRS, ...SKIP_DIRS, "notebooks", "notebook", "data", "datasets", "dataset", "docker", "website",
  "web", "frontend", "vendor", "third_party", "third-party", "thirdparty", "3rdparty", "external", "externals",
  "deps", ".github", "examples", "example", "benchmarks", "benchmark", "deploy", "ansible", "kubernetes", "k8s",
]);

function docPathRole(path: string, base: string): boolean {
  const lower = base.toLowerCase();
  const named = WEIGHT_DOC_NAME_RE.test(lower);
  const nested = path.includes("/");
  // Most deep .md files are neither named like a model doc nor under docs/: answer before any split.
  if (nested && !named && !/(?:^|\/)docs?\//i.test(path)) return false;
  // .txt/.html only with a doc-like name: requirements.txt or a vocab .txt is not a doc.
  if (!named && /\.(?:txt|html?)$/.test(lower)) return false;
  if (NON_WEIGHT_DOC_RE.test(base)) return false;
  if (!nested) return true;
  const dirs = path.split("/").slice(0, -1).map((s) => s.toLowerCase());
  if (dirs.some((d) => DOC_EXCLUDED_DIRS.has(d))) return false;
  if (named) return dirs.length <= 4;
  // Any doc under docs/ or doc/ (docs/PRETRAINED.md, projects/X/doc/MODEL_ZOO.md).
  return dirs.length <= 4 && dirs.some((d) => d === "docs" || d === "doc");
}

/** Loader code whose URLs are real download evidence: torch.hub entry points, download scripts, a package's URL table. */
function loaderPathRole(path: string): boolean {
  const segs = path.split("/");
  const base = segs[segs.length - 1]!;
  const dirs = segs.slice(0, -1).map((s) => s.toLowerCase());
  if (dirs.some((d) => TEST_DIRS.has(d) || SKIP_DIRS.has(d))) return false;
  if (base === "hubconf.py") return dirs.length <= 1;
  if (/^download[\w.-]*\.(?:sh|py)$/i.test(base) || /(?:weights|models|checkpoints|pretrained)[\w-]*\.sh$/i.test(base)) {
    return dirs.length <= 3;
  }
  // A top-level package's entry module: clip/clip.py, whisper/__init__.py hold `_MODELS = {name: url}`.
  if (dirs.length === 1 && base.endsWith(".py")) {
    const stem = base.slice(0, -3);
    if (stem === "__init__" || stem === dirs[0] || stem === "pretrained" || stem === "model_zoo" || stem === "hub") return true;
  }
  // Model definitions and URL tables (`model_urls = {…}`, `WEIGHTS_PATH = …`, timm-style pretrained configs, a
  // model store): named like one, not too deep, outside examples and docs builds.
  if (base.endsWith(".py") && dirs.length <= 4 && CODE_URL_NAME_RE.test(base) && !dirs.some((d) => EXAMPLE_DIRS.has(d))) return true;
  // Any module of a model-definitions package (timm/models/eva.py holds `'eva_giant_patch14_clip_224.laion400m'`):
  // read after the named ones, within the loader byte budget.
  if (base.endsWith(".py") && dirs.length >= 1 && dirs.length <= 4 && MODEL_CODE_DIRS.has(dirs[dirs.length - 1]!.toLowerCase()) && !base.startsWith("test") && !dirs.some((d) => EXAMPLE_DIRS.has(d))) return true;
  return false;
}

/** Folders that hold model definitions. */
export const MODEL_CODE_DIRS = new Set(["models", "model", "backbones", "backbone", "archs", "arch", "networks", "nets", "modeling", "zoo"]);

/** A loader picked by its name (an architecture, a URL table), not only by the folder it sits in. */
export const isNamedLoader = (base: string): boolean => CODE_URL_NAME_RE.test(base);

/** Python modules that may hold weight URLs: model definitions (by architecture name), model stores, hub and zoo tables. */
const CODE_URL_NAME_RE =
  /^(?:model|models|model_store|model_zoo|modelzoo|zoo|hub|pretrained|weights?|urls?|checkpoints?|factory|registry|backbones?|encoders?|archs?|networks?|nets?|builder)\.py$|^(?:[\w-]*[_-])?(?:resnet|resnext|vgg|densenet|dense|mobilenet|efficientnet|inception|xception|nasnet|squeezenet|shufflenet|senet|regnet|repvgg|vit|swin|deit|convnext|poolformer|mlp|hrnet|dla|darknet|csp|yolo|facenet|arcface|iresnet|mobileface|retinaface|unet|deeplab|pspnet|fcn|segformer|bert|gpt|t5|llama|whisper|wav2vec|tacotron|wavenet|hifigan|melgan|vocoder|gan|stylegan|generator|encoder|decoder|backbone|model|net|pretrain|download|ckpt|checkpoint)[\w-]*\.py$/i;
const EXAMPLE_DIRS = new Set(["examples", "example", "docs", "doc", "notebooks", "tutorials", "scripts_legacy", "third_party", "thirdparty", "3rdparty", "vendor", "external", "deprecated", "legacy"]);

/** Largest pointer-file size worth reading: git-lfs pointers are ~130 bytes, the spec caps them well below 1 KiB. */
export const LFS_POINTER_MAX_BYTES = 1024;

const LOADER_NAME_RE = /^(?:hubconf|download)|weights|models|checkpoints|pretrained|\.py$/i;
/** Doc extensions; extension-less READMEs and model cards count too. */
const DOC_EXTS = new Set(["md", "markdown", "mdx", "rst", "txt", "html", "htm", "adoc", "org"]);
const BARE_DOC_RE = /^(?:readme|model[-_]?card|modelcard)$/i;

/** What the detector does with the text at `path` (null: it ignores it). */
export function textRole(path: string): TextRole {
  // Fast exit for the bulk of a listing (source files, images): one extension lookup, no split, no regex.
  const slash = path.lastIndexOf("/");
  const dot = path.lastIndexOf(".");
  const base = path.slice(slash + 1);
  if (base === ".gitattributes") return dirFlags(path).skip ? null : "gitattributes";
  const ext = dot > slash + 1 && path.length - dot <= 14 ? path.slice(dot + 1).toLowerCase() : "";
  if (DOC_EXTS.has(ext) || (ext === "" && BARE_DOC_RE.test(base))) return docPathRole(path, base) ? "doc" : null;
  if (ext === "py" || ext === "sh") {
    // Loaders are few: named ones anywhere, or any module directly inside a top-level package (clip/clip.py).
    const first = path.indexOf("/");
    const depthOne = first > 0 && first === slash;
    if (!depthOne && !LOADER_NAME_RE.test(base)) return null;
    return loaderPathRole(path) ? "loader" : null;
  }
  if (ext !== "" && !MAYBE_EXTS.has(ext) && !path.includes(".mlpackage/") && !path.includes("variables.data-")) return null;
  return maybeWeightPath(path) ? "pointer" : null;
}

/** Sort key for docs: root README first, then root docs, model cards and zoos, docs/, the rest. */
export function docPriority(path: string): number {
  const depth = path.split("/").length - 1;
  const base = path.slice(path.lastIndexOf("/") + 1).toLowerCase();
  if (depth === 0 && /^readme(?:\.[a-z]+)?$/.test(base)) return 0;
  if (depth === 0 && base.startsWith("readme")) return 0.5;
  if (depth === 0) return 1;
  if (/model[-_]?(?:zoo|card)|modelcard|pretrained|weights/.test(base)) return 2;
  if (path.toLowerCase().startsWith("docs/") || path.toLowerCase().startsWith("doc/")) return 3;
  return 4 + depth;
}
