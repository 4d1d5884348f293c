/**
 * Dataset mentions with their role (training / evaluation / unclear), from
 * model-card front matter, Markdown prose, headings and tables, configs, and
 * checkpoint names. Every mention carries path, line and the quoted line.
 *
 * Names are found by the registry's precompiled matcher; this module only
 * decides *whether a hit counts* and *in which role*.
 */
import { posix } from "node:path";
import type { DatasetMention, DatasetRole, WeightRef } from "../core/types.js";
import { splitLines } from "../sources/text.js";
import { parseFrontMatter, stringList } from "./frontmatter.js";
import { lookupHfDatasetId, normKey } from "../resolve/normalize.js";
import { scanCode } from "./code.js";
import { isCodeFile } from "./code-paths.js";
import { cellAt, markdownContexts, type LineContext } from "./markdown.js";
import { documentOf, flavourOf, type DocumentModel } from "./document.js";
import { classifyUrl, findUrls } from "./weights/urls.js";
import { sentenceBounds } from "./sentences.js";

/** What the detector needs of the registry (see src/resolve/registry.ts). */
export interface DatasetMatcher {
  scan(line: string): { id: string; text: string; index: number; end: number; kind: string; contextOnly: boolean }[];
  lookup(name: string): { match: { dataset: { id: string } } | null; candidates: string[] };
}

/** Phrases that make a dataset training data. "pretrained on", "fine-tuned on", "trained with", "training set". */
const TRAIN_CUE =
  /\b(?:pre-?train(?:ed|ing)?|train(?:ed|ing|s)?|re-?train(?:ed|ing)?|fine-?tun(?:ed|ing|e|es)|finetun(?:ed|ing|e|es)|distill(?:ed|ation)|learn(?:ed|t) from|initiali[sz]ed from|(?:sft|instruction|rlhf) (?:data|dataset|mix)|fitted on)\b/gi;
/** Phrases that make a dataset evaluation data. */
const EVAL_CUE =
  /\b(?:evaluat(?:e|ed|es|ing|ion)s?|eval|test(?:ed|ing|s)? (?:on|set|split)|tested|benchmark(?:s|ed|ing)?|zero-?shot|validat(?:e|ed|ion)|val(?:idation)? (?:set|split)|accuracy|top-?[15]|mAP|FID|WER|results? on|performance on|scores? on|measured on|compared on|linear prob(?:e|ing)|downstream)\b/gi;
/** A heading that says its section is about training data, or about evaluation. */
/** A heading naming the training data itself ("Training data", "Datasets used for pre-training"). */
const TRAIN_DATA_HEADING = /\btrain(?:ing)?[ -](?:data|dataset|datasets|sets?|corpus|corpora)\b|\bpre-?training (?:data|dataset|corpus)\b|\bdata(?:sets?)? used\b|\bdata(?:set)? card\b/i;
const TRAIN_HEADING = /\btrain(?:ing)?\b.*\b(?:data|dataset|sets?|corpus|details)\b|\bdata(?:sets?)?\b.*\btrain|\bpre-?training\b|\btraining\b|\bmodel zoo\b|\bpre-?trained (?:models|weights|checkpoints)\b|\bbaselines?\b|\bcheckpoints?\b|\bdownload/i;
const EVAL_HEADING = /\b(?:evaluation|results?|benchmarks?|performance|metrics|zero-?shot|testing|validation)\b/i;
/** Table header cells. */
const TRAIN_COL = /\b(?:train(?:ing)?(?:[ -]?(?:data|set|dataset))?|pre-?train(?:ing|ed)?(?: data)?|data(?:set)?|datset|source data|trained on)\b/i;
const EVAL_COL = /\b(?:eval|test|val|acc|top-?[15]|mAP|AP|FID|IS|WER|BLEU|score|zero-?shot)\b/i;
/** Config keys (YAML / JSON / INI style) naming training or evaluation data. */
const TRAIN_KEY = /(?:^|[_.\s-])(?:train(?:ing)?|pretrain(?:ing)?|finetune)(?:$|[_.\s-])|^train|train$/i;
const EVAL_KEY = /(?:^|[_.\s-])(?:val|valid|validation|test|eval|evaluation)(?:$|[_.\s-])|^(?:val|test|eval)|(?:val|test|eval)$/i;
const DATA_KEY = /(?:^|[_.\s-])(?:data(?:set)?s?|dataset_type|dataset_name|data_?root|corpus|target|type|name|names|path|root)(?:$|[_.\s-])|^data|dataset|^d[st]?$/i;

const MAX_QUOTE = 240;
/** A quoted line for evidence, trimmed and capped. */
export const quote = (s: string): string => {
  const t = s.trim();
  return t.length > MAX_QUOTE ? `${t.slice(0, MAX_QUOTE - 1)}…` : t;
};

export interface DatasetInput {
  /** Decoded texts of the files the pipeline read, by path. */
  texts: ReadonlyMap<string, string>;
  weights: readonly WeightRef[];
  /** Declared in .github/carryover.yml. */
  declared?: readonly { name: string; role: "training" | "evaluation"; line: number }[];
  configPath?: string;
}

/** The role a phrase gives a hit on the same line: the nearest cue before it wins, then a cue right after it. */
interface Cue {
  start: number;
  end: number;
  role: DatasetRole;
  text: string;
}
let cueMemo: { text: string; cues: Cue[] } | null = null;
/** Every training/evaluation phrase in a text, found once per text (a line or paragraph often holds many names). */
function cuesOf(text: string): Cue[] {
  if (cueMemo?.text === text) return cueMemo.cues;
  const cues: Cue[] = [];
  for (const [re, role] of [
    [TRAIN_CUE, "training"],
    [EVAL_CUE, "evaluation"],
  ] as const) {
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      cues.push({ start: m.index, end: m.index + m[0].length, role, text: m[0] });
      if (m[0].length === 0) re.lastIndex++;
    }
  }
  cueMemo = { text, cues };
  return cues;
}

/** Length of `text[from, to)` as read: Markdown link targets do not count. */
function visibleLength(text: string, from: number, to: number): number {
  const gap = text.slice(from, to);
  return gap.includes("](") ? gap.replace(/\]\([^)\s]*\)/g, "]").length : gap.length;
}

export function roleFromLine(line: string, start: number, end: number): { role: DatasetRole; cue?: string; dist?: number; before?: boolean; instruction?: boolean } {
  const [a, b] = sentenceBounds(line, start, end);
  const modifier = MODEL_OF.exec(line.slice(end, Math.min(b, end + 48)));
  if (modifier) {
    // "a CelebA 64x64 model", "the Cityscapes pretrained model", "ImageNet-1k checkpoints": a model named by its data.
    const cue = modifier[0].trim();
    return INSTRUCTION.test(line.slice(a, start)) ? { role: "unclear", cue, instruction: true } : { role: "training", cue, dist: 0, before: false };
  }
  let best: { role: DatasetRole; dist: number; cue: string; before: boolean } | null = null;
  for (const c of cuesOf(line)) {
    if (c.end <= start && c.start >= a) {
      // Distance in visible text: a list of linked names ("pretrained on [ImageNet-1K](http://…), [SVHN](http://…),
      // … and [Cityscapes](…)") is as near as the same list unlinked.
      const dist = visibleLength(line, c.end, start);
      if (dist <= 120 && (!best || dist < best.dist)) best = { role: c.role, dist, cue: c.text, before: true };
    } else if (c.start >= end && c.start <= b) {
      // A cue after the name counts less ("ImageNet was used for training"): penalise the distance.
      const dist = visibleLength(line, end, c.start) * 3 + 10;
      if (dist <= 120 && (!best || dist < best.dist)) best = { role: c.role, dist, cue: c.text, before: false };
    }
  }
  if (best && best.role === "training" && INSTRUCTION.test(line.slice(a, start))) {
    // "If you want to train on X", "To train on X, run …", "supports training on X": what the code can do, not
    // what the published weights were trained on.
    return { role: "unclear", cue: best.cue, instruction: true };
  }
  return best ? { role: best.role, cue: best.cue, dist: best.dist, before: best.before } : { role: "unclear" };
}

/**
 * Right after a dataset name: the model noun it modifies, with at most two size or stage words between
 * ("CelebA 64x64 model", "Cityscapes pretrained models", "FFHQ-1024 generator", "ImageNet-1k checkpoints").
 */
const MODEL_OF =
  /^[ -]*(?:(?:\d[\w×.]*|[\d.]+[kmb]|pre-?trained|trained|fine-?tuned|finetuned|released|official|final|base|large|small|tiny)[ -]+){0,2}(?:models?|checkpoints?|ckpts?|weights|generators?|networks?)\b/i;

/** Instructions and capabilities before a training phrase in the same sentence. */
const INSTRUCTION =
  /\b(?:if you (?:want|wish|would like|need) to|(?:we|you|i|one) (?:would like|want|wish) to|suppose|let's|for example|e\.g\.|you (?:can|could|may|should|need to)|how to|in order to|(?:^|[.;:!?]\s*)to (?:re-?|pre-?)?(?:train|fine-?tune|finetune|run)\b|\b(?:this|it|which|(?:this|the|that) (?:script|command|example|notebook|recipe)) will\b|for (?:re-?)?(?:training|fine-?tuning|finetuning) (?:on|with|your|a|the|other)\b|supports?(?:ed)?(?: for)?(?: the)?(?: [\w-]+)? (?:training|fine-?tuning)|support(?:s|ed)?(?: for)? (?:several|many|more|new|multiple|additional|other)\b|can be (?:used|trained|fine-?tuned)|please|prepare|preparing)\b/i;

/** A label or heading that introduces what the code supports: "Available datasets", "Supported datasets". */
const CAPABILITY_LABEL = /\b(?:available|supported|implemented|included)\s+(?:training\s+)?(?:datasets?|data)\b/i;

/** Whether line `i` sits in a list (or section) labelled as the code's supported datasets. */
function capabilityList(lines: readonly string[], i: number, sections: readonly { line: number; text: string }[], section: number): boolean {
  const indent = (l: string) => /^\s*/.exec(l)![0].length;
  const own = indent(lines[i]!);
  for (let k = i - 1, seen = 0; k >= 0 && seen < 4; k--) {
    const l = lines[k]!;
    if (l.trim() === "") continue;
    seen++;
    if (!/^\s*(?:[-*+]|\d+[.)])\s/.test(l)) break;
    if (indent(l) < own && CAPABILITY_LABEL.test(l)) return true;
  }
  const heading = sections.find((sec) => sec.line === section);
  return heading !== undefined && CAPABILITY_LABEL.test(heading.text);
}

/** A table cell that says its model is not out yet. */
const NOT_YET = /^(?:to be (?:added|released|updated|uploaded)|coming(?: soon)?|soon|tba|tbd|todo|not (?:yet )?(?:released|available)|unreleased|n\/a)\.?$/i;

/** An introduction that speaks of training ("To pretrain …", "If you want to fine-tune …"). */
const TRAINING_VERB_HINT = /\b(?:pre-?|re-?)?train|fine-?tun|finetun/i;

/** Statements that weights for this section are NOT published ("We could not provide the above pretrained models"). */
export const WITHHELD =
  /\b(?:could not|cannot|can ?not|can't|do not|don't|will not|won't|are not able to|unable to|not allowed to)\s+(?:\w+\s+){0,2}(?:provide|release|share|distribute|publish|open-?source)\b[^.]*\b(?:models?|weights?|checkpoints?)\b|\b(?:models?|weights?|checkpoints?)\s+(?:(?:on|for|of|trained|with|the|this|that|[\w-]+)\s+){0,4}(?:are|is|will)\s+not\s+(?:be\s+)?(?:released|provided|available|distributed|shared|published|public)\b/i;

function roleFromContext(ctx: LineContext, cell: number, sectionWeights: boolean): DatasetRole {
  if (ctx.tableHeader && cell >= 0) {
    const h = ctx.tableHeader[cell] ?? "";
    if (EVAL_COL.test(h) && !TRAIN_COL.test(h)) return "evaluation";
    if (TRAIN_COL.test(h)) return "training";
  }
  for (let i = ctx.headings.length - 1; i >= 0; i--) {
    const h = ctx.headings[i]!;
    if (EVAL_HEADING.test(h) && !/\btrain/i.test(h)) return "evaluation";
    if (TRAIN_DATA_HEADING.test(h)) return "training";
    // A generic "Training" / "Model zoo" heading says what the weights were trained on only where the section
    // publishes weights; elsewhere it is instructions ("## Training — supports AN4, TEDLIUM, …").
    if (TRAIN_HEADING.test(h)) return sectionWeights ? "training" : "unclear";
  }
  return "unclear";
}

const isMarkdownish = (p: string) => /\.(md|markdown|rst|txt|html?)$/i.test(p) || /(^|\/)readme$/i.test(p);
const isConfig = (p: string) => /\.(ya?ml|json|cfg|ini|toml)$/i.test(p) && !/(^|\/)\.github\/carryover\.ya?ml$/.test(p) && !/(^|\/)CITATION\.cff$/i.test(p);

/** Identifier-ish text → words the matcher can see: `taming.data.faceshq.CelebAHQTrain` → `taming data faceshq CelebAHQ Train`. */
export function identifierWords(s: string): string {
  return s
    .replace(/([a-z0-9])(Train|Val|Validation|Test|Dataset|Data|Loader)\b/g, "$1 $2")
    .replace(/[_./:\\]+/g, " ");
}

function linesOf(text: string): string[] {
  return splitLines(text);
}

/** Find every dataset mention in the texts. Pure; no I/O. */
export function detectDatasets(input: DatasetInput, matcher: DatasetMatcher): DatasetMention[] {
  const out: DatasetMention[] = [];
  const seen = new Set<string>();
  const push = (m: DatasetMention) => {
    const key = `${m.id ?? m.name}|${m.role}|${m.evidence.path}|${m.evidence.line}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push(m);
  };

  const weightLines = new Map<string, Set<number>>();
  // The refs each line links, so a table cell can be tied to the weights it links.
  const weightRefs = new Map<string, Map<number, Set<string>>>();
  const addWeightLine = (path: string, line: number, ref: string) => {
    if (!weightLines.has(path)) weightLines.set(path, new Set());
    weightLines.get(path)!.add(line);
    if (!weightRefs.has(path)) weightRefs.set(path, new Map());
    const byLine = weightRefs.get(path)!;
    if (!byLine.has(line)) byLine.set(line, new Set());
    byLine.get(line)!.add(ref);
  };
  for (const w of input.weights) addWeightLine(w.evidence.path, w.evidence.line, w.ref);

  // A doc's relative link to an in-tree weight file ("[20171020](model/sphere20a_20171020.7z)") is a weights line of
  // that doc, as a download URL would be.
  const inTree = new Set(input.weights.filter((w) => w.kind !== "link" && w.kind !== "hub").map((w) => w.ref));
  if (inTree.size) {
    for (const [path, text] of input.texts) {
      if (isMarkdownish(path)) for (const [line, ref] of relativeWeightLinks(path, text, inTree)) addWeightLine(path, line, ref);
    }
  }

  // Names of the published checkpoints (a Hub repo's name, a weight file's stem), so a recipe named for one is tied to it.
  // An LFS pattern (`*.bin`) names no checkpoint; names under six characters ("model") would tie every recipe.
  const publishedNames = new Set(
    input.weights
      .filter((w) => w.kind !== "lfs-pattern")
      .map((w) => w.ref.replace(/[?#].*$/, "").replace(/\/+$/, ""))
      .map((r) => normKey(r.slice(r.lastIndexOf("/") + 1).replace(/\.[a-z0-9]+$/i, "")))
      .filter((n) => n.length >= 6),
  );
  for (const [path, text] of input.texts) {
    if (isMarkdownish(path)) scanMarkdown(path, text, matcher, weightLines.get(path) ?? new Set(), push, weightRefs.get(path) ?? new Map());
    else if (isConfig(path)) scanConfig(path, text, matcher, push);
    else if (isCodeFile(path)) scanCode(path, text, matcher, push, { holdsWeights: weightLines.has(path), weightLines: weightLines.get(path), publishedNames });
  }

  // Checkpoint names: dataset tokens inside weight file names and URLs ("vit_base_patch16_224_in21k.pth").
  for (const w of input.weights) {
    const name = w.kind === "link" || w.kind === "hub" ? w.ref.replace(/^[a-z]+:\/\/[^/]+/i, "") : w.ref;
    const words = identifierWords(name.replace(/\.[a-z0-9]+$/i, ""));
    for (const hit of matcher.scan(words)) {
      if (hit.kind !== "checkpoint" && hit.kind !== "id" && hit.contextOnly) continue;
      push({ name: hit.text, id: hit.id, role: "training", via: "checkpoint", evidence: w.evidence });
    }
  }

  // A config folder documented by its own README that links no weights (`configs/cityscapes/README.md` explaining how
  // to fine-tune from COCO) holds recipes, not the published runs: its training data stays unclear.
  const readmeOf = new Map<string, string | null>();
  const folderReadme = (dir: string): string | null => {
    if (readmeOf.has(dir)) return readmeOf.get(dir)!;
    const own = [...input.texts.keys()].find((p) => p.startsWith(`${dir}/`) && /^readme\.(?:md|markdown|rst)$/i.test(p.slice(dir.length + 1)));
    const parent = dir.includes("/") ? dir.slice(0, dir.lastIndexOf("/")) : "";
    const r = own ?? (parent ? folderReadme(parent) : null);
    readmeOf.set(dir, r);
    return r;
  };
  // A published checkpoint that names the config (a zoo row elsewhere linking `…/e2e_mask_rcnn_R_50_FPN_1x.yaml`, or
  // a checkpoint file named for it) still ties the recipe to the weights.
  const weightTexts = input.weights.map((w) => normKey(`${w.ref} ${w.evidence.text}`));
  for (const m of out) {
    if (m.via !== "config" || m.role !== "training" || !isConfig(m.evidence.path) || !m.evidence.path.includes("/")) continue;
    const readme = folderReadme(m.evidence.path.slice(0, m.evidence.path.lastIndexOf("/")));
    if (!readme || weightLines.has(readme)) continue;
    const stem = normKey(m.evidence.path.slice(m.evidence.path.lastIndexOf("/") + 1).replace(/\.[a-z]+$/i, ""));
    if (stem.length >= 6 && weightTexts.some((t) => t.includes(stem))) continue;
    m.role = "unclear";
  }

  for (const d of input.declared ?? []) {
    const r = matcher.lookup(d.name);
    push({
      name: d.name,
      id: r.match?.dataset.id ?? null,
      role: d.role,
      via: "declared",
      evidence: { path: input.configPath ?? ".github/carryover.yml", line: d.line, text: `- name: ${d.name}` },
    });
  }
  return out;
}

/** A command line that runs training. */
const TRAIN_COMMAND = /(?<![A-Za-z])(?:train|training|finetune|fine_tune|fine-tune|pretrain)(?:[\w-]*\.(?:py|sh)|\b)/i;
/** Docs that teach how to use the code (tutorials, guides, FAQs): their "train on X" examples are not the published weights. */
const TUTORIAL_PATH = /(?:^|\/|[\w-]*[-_])(?:tutorials?|guides?|how-?tos?|faqs?|customi[sz]e[\w-]*|advanced_guides|user_guides|notes)(?:\/|\.|_|-|$)/i;

/** The whole command a code-block line belongs to: back over `\` continuation lines. */
function commandOf(lines: readonly string[], i: number): string {
  let k = i;
  while (k > 0 && /\\\s*$/.test(lines[k - 1]!) && i - k < 40) k--;
  return lines.slice(k, i + 1).join(" ");
}

/** A script run from a shell line (`sh scripts/train.sh …`, `bash x.sh`, `./train.sh`, `python tools/train.py`): the script. */
const SCRIPT_CALL = /^\s*(?:\$\s*)?(?:(?:CUDA_VISIBLE_DEVICES|OMP_NUM_THREADS)=\S+\s+)*(?:(?:sh|bash|zsh|python3?)\s+)?((?:\.\/)?[\w./-]+\.(?:sh|py))\b/;
/** A test or evaluation script. */
const EVAL_COMMAND = /\b(?:test|eval|evaluate|inference|infer|demo|val)(?:[\w-]*\.(?:py|sh)|\b)/i;

/** Creative Commons license elements right after "CC". */
const CC_ELEMENTS = /^(?:[\s-]*(?:BY|NC|SA|ND)\b|0\b|[\s-]*zero\b)/i;

/** An example right after a placeholder argument value: ` (e.g., FFHQ)`, ` (such as CelebA-HQ)`. */
const EXAMPLE_AFTER = /^\S*\s*\((?:e\.?g\.?|for example|such as|like|i\.?e\.?)[,:]?\s*([^)]{1,80})\)/i;
/** `--key value`, `--key=value`, `key=value` in a command line; a bare switch (`--dsbn -d x`) takes no value. */
const CLI_ARG = /(?:^|\s)--?([A-Za-z][\w-]*)(?:=|\s+)['"]?(?!-)([\w./:-]+)['"]?/g;

/** Pre-tests that skip the expensive patterns on most lines. */
const NEGATION = /not|n't|unable/i;
const TRAINED_ON_HINT = /(?:train|tun)ed\s/i;

/** A table column that names the training data of each row's weights. */
const DATASET_COL = /^(?:data(?:set)?s?|datset|training (?:data|set|dataset)|train(?:ing)? set|trained on|pre-?training data)$/i;

/** "trained on the Foo-123 dataset" — a dataset the registry does not know, kept as written. */
const UNKNOWN_TRAINED_ON =
  /\b(?:pre-?trained|trained|fine-?tuned|finetuned)\s+(?:\w+\s+){0,2}?on\s+(?:the\s+)?((?:[A-Z][\w.+-]*|[A-Z0-9]{2,}[\w.+-]*)(?:\s+(?:[A-Z0-9][\w.+-]*)){0,3})\s+(?:dataset|corpus|benchmark data|data set)\b/g;

function scanMarkdown(
  path: string,
  text: string,
  matcher: DatasetMatcher,
  weightLines: ReadonlySet<number>,
  push: (m: DatasetMention) => void,
  weightRefs: ReadonlyMap<number, ReadonlySet<string>> = new Map(),
): void {
  const fm = parseFrontMatter(text);
  if (fm.data) {
    const line = fm.keyLines.get("datasets") ?? 1;
    for (const name of stringList(fm.data["datasets"])) {
      const r = lookupHfDatasetId(matcher, name);
      push({ name, id: r?.dataset.id ?? null, role: "training", via: "front-matter", evidence: { path, line, text: `datasets: ${name}` } });
    }
  }
  const lines = linesOf(text);
  const doc = documentOf(text, flavourOf(path));
  const ctxs = markdownContexts(text, flavourOf(path));
  // Sections with weight links, and sections that say their weights are withheld.
  const sectionHasWeights = new Set<number>();
  for (const l of weightLines) {
    const c = ctxs[l - 1];
    if (c) sectionHasWeights.add(c.section);
  }
  const paras = proseParagraphs(doc, ctxs);
  // Which table each row belongs to (the index of its header row), and the tables that link weights in some row:
  // only there does a dataset column say what published weights were trained on ("| Dataset | network | test
  // error |" with no links is a results table).
  const tablesWithWeights = new Set<number>();
  const weightCols = new Map<number, Set<number>>();
  // Lines of table rows that link weights: an HTML row spans lines, and its link may sit on another line than the
  // dataset's cell.
  const rowWeights = new Set<number>();
  for (const l of weightLines) {
    const c = ctxs[l - 1];
    if (!c || c.table < 0) continue;
    tablesWithWeights.add(c.table);
    const r = doc.tables[c.table]!.rows[doc.rowOf[l - 1]!];
    if (r) for (let k = r.line; k < r.endLine; k++) rowWeights.add(k + 1);
  }
  // GitHub-style heading anchors, so "[model](#text-to-image)" ties a line to the section holding the downloads.
  const anchorSection = new Map<string, number>();
  for (const sec of doc.sections) anchorSection.set(slug(sec.text), sec.line);
  const withheldSections = new Set<number>();
  // Cheap pre-test first: the full pattern only runs on lines that say "not"/"n't"/"unable".
  // Datasets a withheld statement names, per section ("the pre-trained models on Waymo dataset are not released"):
  // their mentions in that section are withheld even where the section links other weights.
  const withheldIds = new Map<number, Set<string>>();
  for (let i = 0; i < lines.length; i++) {
    if (!(NEGATION.test(lines[i]!) && WITHHELD.test(lines[i]!))) continue;
    const sec = ctxs[i]!.section;
    withheldSections.add(sec);
    for (const h of matcher.scan(lines[i]!)) {
      if (!withheldIds.has(sec)) withheldIds.set(sec, new Set());
      withheldIds.get(sec)!.add(h.id);
    }
  }
  const tutorial = TUTORIAL_PATH.test(path);
  // Whether the prose right above a code block introduces it as an example ("To train on X, run:"), per block start.
  const exampleFence = new Map<number, boolean>();
  const fenceIsExample = (i: number): boolean => {
    let k = i;
    while (k > 0 && ctxs[k - 1]!.inCode) k--;
    const hit = exampleFence.get(k);
    if (hit !== undefined) return hit;
    let j = k - 1;
    while (j >= 0 && (lines[j]!.trim() === "" || /^\s*(?:```|~~~)/.test(lines[j]!))) j--;
    const intro = j >= 0 && !ctxs[j]!.inCode && !ctxs[j]!.isHeading ? (paras[j]?.text ?? lines[j]!) : "";
    const v = intro !== "" && INSTRUCTION.test(intro) && TRAINING_VERB_HINT.test(intro);
    exampleFence.set(k, v);
    return v;
  };
  const start = fm.data || fm.error ? fm.bodyOffset : 0;
  for (let i = start; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.length > 20_000) continue; // minified blobs: no prose to read
    const ctx = ctxs[i]!;
    if (ctx.inCode) {
      // "To pretrain the model on CIFAR-10 with a single GPU, try the following command:" above the block: the
      // command is an example of how to train, not the recipe of the published weights.
      const example = fenceIsExample(i);
      // A command in a code block names its data through arguments: `--data_path 'yahma/alpaca-cleaned'`.
      for (const a of line.matchAll(CLI_ARG)) {
        const key = a[1]!;
        const value = a[2]!;
        if (!DATA_KEY.test(key) && !TRAIN_KEY.test(key)) continue;
        // A data-preparation or demo command (`create_data.py waymo --root-path …`) is not a training run: only a
        // training key or a training command makes its data training data.
        const role: DatasetRole = EVAL_KEY.test(key) ? "evaluation" : example ? "unclear" : TRAIN_KEY.test(key) || TRAIN_COMMAND.test(commandOf(lines, i)) ? "training" : "unclear";
        const r = matcher.lookup(value);
        const hit = r.match ? null : matcher.scan(identifierWords(value)).find((h) => !h.contextOnly);
        let id = r.match?.dataset.id ?? hit?.id;
        let name = value;
        // A placeholder with its example: `--path your_path_of_aligned_faces (e.g., FFHQ)`.
        if (!id) {
          const eg = EXAMPLE_AFTER.exec(line.slice((a.index ?? 0) + a[0].length));
          const h = eg ? matcher.scan(eg[1]!).find((x) => !x.contextOnly) : undefined;
          if (h) [id, name] = [h.id, h.text];
        }
        if (id) push({ name, id, role, via: "config", evidence: { path, line: i + 1, text: quote(line) } });
      }
      // A training script's positional arguments (`sh scripts/pretrain.sh dukemtmc market1501 resnet50 1`): a word
      // that is exactly a dataset's name is the data it trains on.
      const cmd = SCRIPT_CALL.exec(line);
      if (cmd && TRAIN_COMMAND.test(cmd[1]!) && !EVAL_COMMAND.test(cmd[1]!)) {
        const words = line.slice(cmd.index + cmd[0].length).split(/\s+/);
        for (let w = 0; w < words.length; w++) {
          const word = words[w]!;
          if (!/^[A-Za-z][\w.-]*$/.test(word) || /^-/.test(words[w - 1] ?? "")) continue;
          const r = matcher.lookup(word);
          if (r.match) push({ name: word, id: r.match.dataset.id, role: example ? "unclear" : "training", via: "config", evidence: { path, line: i + 1, text: quote(line) } });
        }
      }
      continue;
    }
    const isHeading = ctx.isHeading;
    const hits = matcher.scan(line);
    for (const hit of hits) {
      // "CC BY-NC 4.0", "CC-BY-SA", "CC0": a license name, not a dataset called CC.
      if (CC_ELEMENTS.test(line.slice(hit.end, hit.end + 8)) && /^cc$/i.test(hit.text)) continue;
      // In a table, only the hit's own cell can carry a phrase ("| Training data | LFW |" names two columns).
      let lr: ReturnType<typeof roleFromLine>;
      const span = ctx.cellSpans ? cellAt(ctx, hit.index) : undefined;
      if (span) {
        const a = span.start;
        const b = Math.max(span.end, hit.end);
        lr = roleFromLine(line.slice(a, b), hit.index - a, hit.end - a);
      } else {
        // Prose: the sentence may wrap over several lines ("trained\non ImageNet"), so read the whole paragraph.
        const para = paras[i];
        lr = para ? roleFromLine(para.text, para.offset + hit.index, para.offset + hit.end) : roleFromLine(line, hit.index, hit.end);
      }
      let role = lr.role;
      if (tutorial && role === "training") role = "unclear";
      // A list of what the code supports ("- **Available Datasets**" over "  - **Training**: VGGFace2, WebFace, …"),
      // under its label or heading: capabilities, not the data of published weights.
      if (role === "training" && capabilityList(lines, i, doc.sections, ctx.section)) {
        role = "unclear";
        lr = { role, instruction: true };
      }
      // A results heading that describes the evaluated model's training split ("Performance in NuScenes validation
      // set (NuScenes mini train set, …)") says nothing about published weights unless its section links some.
      if (isHeading && role === "training" && EVAL_HEADING.test(line) && !sectionHasWeights.has(ctx.section)) {
        role = "unclear";
        lr = { role, instruction: true };
      }
      const cued = role !== "unclear";
      // A dataset naming a column whose cells link weights ("| Datasets | MSMT17 | Market |" over
      // "| Model | [model](…) | [model](…) |"): each column's weights were trained on its dataset.
      const weightColumn = ctx.isTableHeader && !cued && span !== undefined && weightColumnsOf(doc, ctx.table, weightRefs, weightCols).has(span.col);
      if (weightColumn) role = "training";
      else if (ctx.isTableHeader) {
        // A dataset named as a column ("| Backbone | LFW | CFP-FP |") is a benchmark column.
        if (!cued) role = "evaluation";
      }
      const cell = ctx.cells ? (span?.col ?? -1) : -1;
      const rowHasWeights = weightLines.has(i + 1) || rowWeights.has(i + 1);
      // "For example, to train on X, run …": an instruction, whatever section it sits in.
      if (role === "unclear" && lr.instruction) {
        // stays unclear
      } else if (role === "unclear") {
        if (ctx.cells && rowHasWeights) {
          // A model-zoo row with a download link: the dataset column is what the weights were trained on,
          // unless the column header says it is a metric.
          const h = ctx.tableHeader?.[cell] ?? "";
          role = EVAL_COL.test(h) && !TRAIN_COL.test(h) ? "evaluation" : "training";
        } else if (isHeading && sectionHasWeights.has(i)) {
          role = "training";
        } else {
          role = roleFromContext(ctx, cell, sectionHasWeights.has(ctx.section));
          if (role === "training" && ctx.cells && !tablesWithWeights.has(ctx.table)) role = "unclear";
        }
      }
      // An ambiguous alias ("CC", "duke", "RFW", "IN") counts only right after an explicit phrase ("trained on IN-1k")
      // or in a model-zoo row, and only when written as a name (capitals or digits), never as a plain word.
      if (hit.contextOnly) {
        const asName = /[A-Z0-9]/.test(hit.text);
        const close = cued && lr.before === true && (lr.dist ?? 99) <= 30;
        if (!asName || !(close || (ctx.cells && rowHasWeights))) continue;
      }
      // Code blocks are commands and API examples ("CIFAR100(root, train=True)"), not statements about the weights.
      if (ctx.inCode) continue;
      const mention: DatasetMention = { name: hit.text, id: hit.id, role, via: ctx.cells || ctx.isTableHeader ? "table" : isHeading ? "heading" : "prose", evidence: { path, line: i + 1, text: quote(line) } };
      if (withheldSections.has(ctx.section) && !sectionHasWeights.has(ctx.section)) mention.withheld = true;
      // A model-zoo row whose download cell says "To be added" / "coming soon": that model is not published.
      const rowNotYet = !!ctx.cells && !rowHasWeights && ctx.cells.some((c) => NOT_YET.test(c.replace(/[*_`]/g, "").trim()));
      if (rowNotYet) mention.withheld = true;
      // The sentence itself says so ("the pre-trained models on Waymo dataset are not released"), whatever else the
      // section links.
      const sentence = paras[i] ? paras[i]!.text : line;
      const sentenceWithheld = (NEGATION.test(sentence) && WITHHELD.test(sentence)) || withheldIds.get(ctx.section)?.has(hit.id) === true;
      if (sentenceWithheld) mention.withheld = true;
      if (sentenceWithheld || rowNotYet) {
        // not linked: the statement (or the row) withholds exactly these weights
      } else if (rowHasWeights || weightColumn || sectionHasWeights.has(ctx.section)) mention.linked = true;
      else
        for (const a of line.matchAll(/\]\(#([^)\s]+)\)/g)) {
          const sec = anchorSection.get(a[1]!.toLowerCase());
          if (sec !== undefined && sectionHasWeights.has(sec)) mention.linked = true;
          // "[Waymo](#waymo-baselines)" points at a section that says its models are not released.
          else if (sec !== undefined && withheldSections.has(sec)) mention.withheld = true;
        }
      push(mention);
    }
    // A model-zoo row with a download link whose dataset column names nothing the registry knows.
    if (ctx.cells && ctx.tableHeader && weightLines.has(i + 1)) {
      const col = ctx.tableHeader.findIndex((h) => DATASET_COL.test(h.replace(/[*_`]/g, "").trim()));
      const cellText = col >= 0 ? (ctx.cells[col] ?? "").replace(/\[([^\]]*)\]\([^)]*\)/g, "$1").replace(/[*_`]/g, "").trim() : "";
      if (cellText && !/^[-–—]*$/.test(cellText) && matcher.scan(cellText).length === 0 && !matcher.lookup(cellText).match) {
        push({ name: cellText, id: null, role: "training", via: "table", evidence: { path, line: i + 1, text: quote(line) }, linked: true });
      }
    }
    if (!TRAINED_ON_HINT.test(line)) continue;
    UNKNOWN_TRAINED_ON.lastIndex = 0;
    for (let m = UNKNOWN_TRAINED_ON.exec(line); m; m = UNKNOWN_TRAINED_ON.exec(line)) {
      const name = m[1]!.trim();
      if (hits.some((h) => h.index >= m.index && h.index < m.index + m[0].length)) continue;
      const r = matcher.lookup(name);
      if (r.match) continue;
      push({ name, id: null, role: "training", via: "prose", evidence: { path, line: i + 1, text: quote(line) } });
    }
  }
}

/** A training script named after its data: `scripts/run_celebahq.py`, `train_market.sh`, `finetune-alpaca.py`. */
const SCRIPT_NAME = /^(?:run|train(?:ing)?|finetune|fine_tune|pretrain)[_-]([a-z][a-z0-9_-]*?)\.(?:py|sh)$/i;

/**
 * Datasets that training scripts are named after, as unclear mentions (`via: "script-name"`): a recipe's name says
 * what it trains on, not that the published weights came from it. The file is the evidence (line 0).
 */
export function scriptNameMentions(paths: readonly string[], matcher: DatasetMatcher, texts?: ReadonlyMap<string, string>): DatasetMention[] {
  const out: DatasetMention[] = [];
  for (const p of paths) {
    const m = SCRIPT_NAME.exec(p.slice(p.lastIndexOf("/") + 1));
    if (!m) continue;
    const word = m[1]!;
    const r = matcher.lookup(word);
    if (r.match) {
      out.push({ name: word, id: r.match.dataset.id, role: "unclear", via: "script-name", evidence: { path: p, line: 0, text: p } });
      continue;
    }
    // A family name (`run_cifar.py`): the script's own header says which member ("Unconditional CIFAR10"), when
    // exactly one dataset it names spells out the script's word.
    const text = texts?.get(p);
    if (!text || r.candidates.length === 0) continue;
    const key = normKey(word);
    const head = splitLines(text.slice(0, 4_000)).slice(0, 20);
    const found = new Map<string, number>();
    head.forEach((line, i) => {
      for (const h of matcher.scan(line)) {
        if (h.contextOnly || !r.candidates.includes(h.id) || !normKey(h.text).includes(key)) continue;
        if (!found.has(h.id)) found.set(h.id, i);
      }
    });
    if (found.size !== 1) continue;
    const [id, i] = [...found][0]!;
    out.push({ name: word, id, role: "unclear", via: "script-name", evidence: { path: p, line: i + 1, text: quote(head[i]!) } });
  }
  return out;
}

/** Markdown and HTML link targets that are repository-relative paths. */
const RELATIVE_LINK = /\]\(\s*<?([^)\s>#?]+)|\bhref=["']([^"'#?]+)["']/g;

/**
 * Lines of a doc that link an in-tree weight file by a relative path (`model/x.7z`, `./weights/x.pth`,
 * `../ckpt/x.pt`), resolved against the doc's folder; URLs and anchors are not relative paths.
 */
export function relativeWeightLinks(docPath: string, text: string, inTree: ReadonlySet<string>): Array<[number, string]> {
  const out: Array<[number, string]> = [];
  const dir = posix.dirname(docPath);
  const lines = splitLines(text);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (!line.includes("](") && !line.includes("href=")) continue;
    for (const m of line.matchAll(RELATIVE_LINK)) {
      const target = (m[1] ?? m[2] ?? "").trim();
      if (!target || /^[a-z][\w+.-]*:/i.test(target) || target.startsWith("//")) continue;
      let decoded: string;
      try {
        decoded = decodeURIComponent(target);
      } catch {
        continue;
      }
      // A leading "/" is the repository root; anything that climbs above it stays "../…" and matches nothing.
      const resolved = posix.normalize(decoded.startsWith("/") ? decoded.slice(1) : posix.join(dir, decoded));
      if (inTree.has(resolved)) out.push([i + 1, resolved]);
    }
  }
  return out;
}

/**
 * The columns of a table whose body cells link published weights: a cell holding a URL that the weights detector
 * reported. Numbers-only columns never qualify, so a results table stays an evaluation table.
 */
function weightColumnsOf(doc: DocumentModel, table: number, weightRefs: ReadonlyMap<number, ReadonlySet<string>>, byTable: Map<number, Set<number>>): Set<number> {
  const hit = byTable.get(table);
  if (hit) return hit;
  const cols = new Set<number>();
  // Any weight the detector found in this file: it reports each ref once, at its first line, and a zoo table may
  // link one folder from several cells.
  const refs = new Set<string>();
  for (const rs of weightRefs.values()) for (const r of rs) refs.add(r);
  for (const row of refs.size ? (doc.tables[table]?.rows ?? []) : []) {
    if (row.header) continue;
    for (const cell of row.cells) {
      for (const u of findUrls(cell.raw)) {
        const c = classifyUrl(u.url);
        if (c && refs.has(c.ref)) for (let k = 0; k < cell.colspan; k++) cols.add(cell.col + k);
      }
    }
  }
  byTable.set(table, cols);
  return cols;
}

/** GitHub's heading anchor: lowercase, punctuation dropped, spaces to dashes. */
export function slug(heading: string): string {
  return heading
    .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, "")
    .replace(/\s/g, "-");
}

/**
 * For each prose line: its paragraph's text (from the document model; a wrapped list item is one paragraph too) and
 * the line's offset in it; undefined for one-line paragraphs, headings, tables, code, and lines too long to be prose.
 */
function proseParagraphs(doc: DocumentModel, ctxs: readonly LineContext[]): ({ text: string; offset: number } | undefined)[] {
  const out: ({ text: string; offset: number } | undefined)[] = new Array(doc.lines.length);
  for (const p of doc.paragraphs) {
    if (p.kind !== "prose" || p.endLine - p.line < 2) continue;
    if (p.text.length > 2_000 * (p.endLine - p.line)) continue;
    for (let k = p.line; k < p.endLine; k++) {
      const c = ctxs[k]!;
      if (c.inCode || c.cells !== null || c.isTableHeader || c.isHeading || doc.lines[k]!.length > 2_000) continue;
      out[k] = { text: p.text, offset: p.starts[k - p.line]! };
    }
  }
  return out;
}

function scanConfig(path: string, text: string, matcher: DatasetMatcher, push: (m: DatasetMention) => void): void {
  const lines = linesOf(text);
  // Indentation-based key path: works for YAML and for pretty-printed JSON.
  const stack: { indent: number; key: string }[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.length > 5_000) continue;
    const km = /^(\s*)(?:-\s+)?["']?([A-Za-z_][\w.-]*)["']?\s*[:=]\s*(.*)$/.exec(line);
    if (!km) continue;
    const indent = km[1]!.length;
    const key = km[2]!;
    const value = km[3]!.replace(/\s+#.*$/, "");
    while (stack.length && stack[stack.length - 1]!.indent >= indent) stack.pop();
    stack.push({ indent, key });
    if (!value || value === "{" || value === "[") continue;
    const keys = stack.map((s) => s.key);
    const keyText = keys.join(".");
    // A comment or a license header is not a dataset statement.
    if (/^\s*#/.test(line)) continue;
    const valueWords = identifierWords(value.replace(/["'[\](){},]/g, " "));
    const hits = matcher.scan(valueWords);
    if (hits.length === 0) continue;
    const last = keys[keys.length - 1] ?? "";
    const valueTrain = /\btrain(?:val)?\b|Train\b|_train\b/.test(value);
    const valueEval = /\b(?:val|test|eval)\b|Val(?:idation)?\b|Test\b|_(?:val|test)\b/.test(value);
    let role: DatasetRole = "unclear";
    // torchreid-style domain keys: `sources: ['market1501']` trains, `targets: […]` evaluates.
    const sourceKey = /^sources?$/i.test(last);
    if (sourceKey) role = "training";
    else if (/^targets?$/i.test(last)) role = "evaluation";
    else if (keys.some((k) => TRAIN_KEY.test(k)) || valueTrain) role = "training";
    else if (keys.some((k) => EVAL_KEY.test(k)) || valueEval) role = "evaluation";
    // detectron2 / fast-reid style `DATASETS: NAMES: (…)  TESTS: (…)`: the names are what the recipe trains on.
    else if (keys.length >= 2 && /^names?$/i.test(last) && /^datasets?$/i.test(keys[keys.length - 2]!)) role = "training";
    const dataKey = DATA_KEY.test(last) || DATA_KEY.test(keyText) || sourceKey;
    if (!dataKey && role === "unclear") continue;
    for (const hit of hits) {
      if (hit.contextOnly) continue; // never from an identifier alone ("ldm.data.landscapes.RFWTrain")
      push({ name: hit.text, id: hit.id, role, via: "config", evidence: { path, line: i + 1, text: quote(line) } });
    }
  }
}
