/**
 * Dataset mentions in the small source files a scan reads (training scripts, Python configs, model definitions,
 * shell recipes). Code is full of dataset names that say nothing about published weights (loaders, class lists,
 * options), so only five shapes count:
 *
 * - a comment or docstring that says so in words ("Returns a model pre-trained on ImageNet", "Training script for
 *   ImageNet"): read like prose, and kept only when a training phrase names the dataset;
 * - a URL table's key on a line that downloads weights (`"lsun_bedroom": "https://…"`): the key names the checkpoint;
 * - a timm-style pretrained tag (`'convnext_base.clip_laion2b_ft_in1k': _cfg(`): the tag names the checkpoint's data;
 * - a default of a data argument (`add_argument('--dataset', default='cifar10')`, `--data_dir faces_emore` in a
 *   shell recipe) or a data assignment in a config module (`DATASET = 'ms1m'`, `train_data = …`), as training data
 *   only in a file named for training or configuration;
 * - nothing else: no bare string literal, no import, no class name.
 */
import type { DatasetMention, DatasetRole } from "../core/types.js";
import { normKey } from "../resolve/normalize.js";
import { splitLines } from "../sources/text.js";
import { isRecipeFile } from "./code-paths.js";
import { identifierWords, quote, roleFromLine, type DatasetMatcher } from "./datasets.js";


/** Keys that name training data; evaluation keys are recognised so their values are not taken as training data. */
const DATA_KEY = /(?:^|_)(?:data(?:set)?s?|dataset_?(?:name|type)|data_?(?:dir|root|path|name)|train_?(?:data|set|dir|root|path|file|list|rec)|record(?:_dir|_path)?|rec_?(?:path|dir)|corpus|db)(?:$|_)/i;
const EVAL_KEY = /(?:^|_)(?:val|valid|validation|test|eval|evaluation|bench(?:mark)?)(?:$|_)/i;

/** Training phrases that state what a model was trained on, as opposed to "training" or "train" alone. */
const STATED_CUE = /^(?:pre-?trained|trained|fine-?tuned|finetuned|distilled|learn(?:ed|t) from|initiali[sz]ed from)$/i;
const COMMENT = /^\s*#+\s?(.*)$/;
/** An active (uncommented) call that loads weights: the docstring's pretrained model is really loaded here. */
const LOAD_CALL = /^[ \t]*[^#\s].*\b(?:load_state_dict|load_state_dict_from_url|load_url|torch\.load|hf_hub_download|from_pretrained|load_pretrained|load_checkpoint|get_file|load_weights)\s*\(/m;

/** A comment that is code: a definition, a call with keyword arguments, an assignment, an import. */
const COMMENTED_CODE = /^\s*(?:def|class|import|from|return|if|for|elif|else:)\b|\w\s*\([^)]*\w=[^)]*\)|^\s*[\w.[\]'"]+\s*=[^=]|\)\s*:\s*$/;
const TIMM_TAG = /["']([A-Za-z][\w-]*)\.([\w-]+)["']\s*:\s*_?cfg\w*\(/g;
const ARG_DEFAULT = /add_argument\(\s*["']-{1,2}([\w-]+)["'][^)]*?\bdefault\s*=\s*["']([^"']{2,200})["']/g;
const ASSIGN = /^\s*([A-Za-z_][\w]*)\s*[:=]\s*(?:[\w.]*\()?\s*["']([^"']{2,200})["']/;
/** An entry of a URL table: `"lsun_bedroom": "https://…"`, `'resnet50_imagenet': ('https://…'`. */
const URL_KEY = /["']([A-Za-z][\w.+-]{1,80})["']\s*:\s*[([]?\s*["'](?:https?|s3|gs):\/\//;
/** A shell assignment: `DATASETS="…`, `export TRAIN_DATA=…`. */
const SH_ASSIGN = /^\s*(?:export\s+)?([A-Za-z_]\w*)=["']?(.*)$/;
const SH_ARG = /(?:^|\s)--?([A-Za-z][\w-]*)(?:=|\s+)["']?([\w./:-]{2,200})["']?/g;

/** Whether a shell recipe's file name or `MODEL_NAME=` names one of the published checkpoints (keys as `normKey` gives them). */
function namesPublished(path: string, text: string, published: ReadonlySet<string>): boolean {
  const fileKey = normKey(path.slice(path.lastIndexOf("/") + 1).replace(/\.\w+$/, ""));
  const modelVar = /^\s*(?:export\s+)?MODEL_NAME=["']?([\w.-]+)/m.exec(text)?.[1];
  const modelKey = modelVar === undefined ? undefined : normKey(modelVar);
  for (const n of published) if (fileKey.includes(n) || n === modelKey) return true;
  return false;
}

/** Find dataset mentions in one code file. Pure. */
export function scanCode(path: string, text: string, matcher: DatasetMatcher, push: (m: DatasetMention) => void, opts: { holdsWeights?: boolean; weightLines?: ReadonlySet<number>; publishedNames?: ReadonlySet<string> } = {}): void {
  // A docstring's "returns a model pre-trained on ImageNet" speaks for weights only in a file that links them (a URL
  // table, a hub id): torchvision's docstring copied into a model with no weights of its own is boilerplate.
  const statedRole: DatasetRole = opts.holdsWeights === false && !LOAD_CALL.test(text) ? "unclear" : "training";
  const shell = /\.(?:sh|bash)$/i.test(path);
  // A recipe named for a checkpoint the repository publishes (`finetune_Pythia-Chat-Base-7B.sh`, or one that sets
  // `MODEL_NAME=Pythia-Chat-Base-7B`): its data mixture is what trained those weights.
  const recipeOfPublished = shell && opts.publishedNames !== undefined && namesPublished(path, text, opts.publishedNames);
  const lines = splitLines(text);
  let inDoc: string | null = null;
  const mention = (name: string, id: string, role: DatasetRole, via: string, i: number) =>
    push({ name, id, role, via, evidence: { path, line: i + 1, text: quote(lines[i]!) } });
  const fromValue = (key: string, value: string, i: number) => {
    if (!DATA_KEY.test(key) || EVAL_KEY.test(key)) return;
    const r = matcher.lookup(value);
    const id = r.match?.dataset.id ?? matcher.scan(identifierWords(value)).find((h) => !h.contextOnly)?.id;
    // A default is what the code trains on when run, not what the published weights were trained on (the sweep found
    // more recipes for unpublished runs than for released weights): kept as a mention, role unclear.
    if (id) mention(value, id, "unclear", "config", i);
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.length > 2_000) continue;
    // Comments and docstrings: prose, counted only with a training phrase.
    let prose: string | null = null;
    if (inDoc) {
      prose = line;
      if (line.includes(inDoc)) inDoc = null;
    } else {
      const c = COMMENT.exec(line);
      if (c) prose = c[1]!;
      else {
        const d = /^\s*(?:[rub]*)("""|''')(.*)$/.exec(line);
        if (d) {
          prose = d[2]!;
          if (!d[2]!.includes(d[1]!)) inDoc = d[1]!;
        }
      }
    }
    // Commented-out code (`# def convnext_base(pretrained=False, in_22k=False, **kwargs):`) is not a statement.
    if (prose !== null && COMMENTED_CODE.test(prose)) prose = "";
    if (prose !== null) {
      for (const hit of matcher.scan(prose)) {
        if (hit.contextOnly) continue;
        const r = roleFromLine(prose, hit.index, hit.end);
        // Only a statement about a model ("returns a model pre-trained on ImageNet"): "Training ImageNet in 1 Hour"
        // is a paper title, "training configs for CelebA-HQ" a recipe.
        if (r.role === "training" && r.before && STATED_CUE.test(r.cue ?? "")) mention(hit.text, hit.id, statedRole, "code-comment", i);
      }
      continue;
    }
    if (shell) {
      const assign = SH_ASSIGN.exec(line);
      if (assign && DATA_KEY.test(assign[1]!) && !EVAL_KEY.test(assign[1]!)) {
        // `DATASETS="\` + one `path/name.jsonl:0.2,\` per line: a data mixture, each file named for its source.
        let j = i;
        while (/\\\s*$/.test(lines[j]!) && j + 1 < lines.length && j - i < 200) j++;
        const role: DatasetRole = recipeOfPublished ? "training" : "unclear";
        const seenIds = new Set<string>();
        for (let k = i; k <= j; k++) {
          for (const item of (k === i ? assign[2]! : lines[k]!).split(/[,\s"'\\]+/)) {
            const file = item.replace(/:[\d.]+$/, "").replace(/\$\{[^}]*\}|\$\w+/g, "");
            const stem = file.slice(file.lastIndexOf("/") + 1).replace(/\.(?:jsonl?|txt|csv|tsv|parquet|arrow|tfrecords?|rec|idx|zip|tar(?:\.gz)?)$/i, "");
            if (stem.length < 2) continue;
            for (const hit of matcher.scan(identifierWords(stem))) {
              if (hit.contextOnly || seenIds.has(hit.id)) continue;
              seenIds.add(hit.id);
              mention(stem, hit.id, role, "config", k);
            }
          }
        }
        i = j;
        continue;
      }
      for (const a of line.matchAll(SH_ARG)) fromValue(a[1]!.replace(/-/g, "_"), a[2]!, i);
      continue;
    }
    // A URL table's key names the checkpoint its URL downloads (`URL_MAP = {"cifar10": "https://…/?dl=1"}`): on a
    // line the weights detector took as a download, a dataset in the key is what that checkpoint was trained on.
    if (opts.weightLines?.has(i + 1)) {
      const k = URL_KEY.exec(line);
      if (k)
        for (const hit of matcher.scan(identifierWords(k[1]!))) {
          if (hit.kind !== "checkpoint" && hit.kind !== "id" && hit.contextOnly) continue;
          mention(k[1]!, hit.id, "training", "checkpoint", i);
        }
    }
    for (const m of line.matchAll(TIMM_TAG)) {
      for (const hit of matcher.scan(identifierWords(m[2]!))) {
        if (hit.kind !== "checkpoint" && hit.kind !== "id" && hit.contextOnly) continue;
        mention(m[1]! + "." + m[2]!, hit.id, "training", "checkpoint", i);
      }
    }
    for (const a of line.matchAll(ARG_DEFAULT)) fromValue(a[1]!.replace(/-/g, "_"), a[2]!, i);
    if (isRecipeFile(path)) {
      const a = ASSIGN.exec(line);
      if (a) fromValue(a[1]!, a[2]!, i);
    }
  }
}
