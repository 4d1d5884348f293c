/**
 * The words around a link that say whether it points at weights. One judge,
 * applied up a ladder (anchor → cell/line → column header → row → heading →
 * file name); the first level that says something decides.
 */

export type Verdict = "pos" | "neg" | "neutral";

/**
 * Words that settle it for weights even next to a data word ("the dataset and
 * the pre-trained network", "pretrained model trained on FFHQ dataset"), and
 * weight file names ("[sam_vit_h.pth](Drive link)": a Drive URL never shows the
 * file's extension, its anchor does).
 */
const STRONG_RE = /\b(?:pre-?trained|pretrain|checkpoints?|ckpts?|weights|weight files?|model[ -]?zoo|(?:trained|fine-?tuned|finetuned|distilled) (?:models?|networks?)|state dict|lora|adapters?|safetensors)\b|\.(?:safetensors|pth?|ckpt|onnx|gguf|ggml|tflite|caffemodel|pdparams|keras|mlmodel)\b|预训练|權重|权重|检查点|模型下载|模型權重/;
/**
 * Words that say the link is data or something else: a dataset, a paper, a demo.
 * They beat the weak model words below ("the data used to train the model").
 */
const DATA_RE = /\b(?:datasets?|data|images|annotations?|labels|corpus|corpora|benchmarks?|papers?|arxiv|pdf|slides|posters?|videos?|demos?|colab|notebooks?|blog|website|project page|homepage|supplementary|logs?|splits?|audio|captions|subsets?|leaderboard|tutorial|docs?|documentation|citation)\b|数据集|數據集|数据|論文|论文/;
/** Words that lean towards weights when nothing says data. ("We finetune [base-model]" names an input, so no bare "finetune".) */
const WEAK_RE = /\b(?:models?|networks?|net|fine-?tuned|backbones?|heads?|classifiers?|detectors?|encoders?|decoders?|generators?|discriminators?|gan|vae|unet|llm|snapshots?|weight)\b|\.(?:pkl|bin|h5|hdf5|npz|msgpack)\b|模型/;

/** Judge one span of text (URLs already removed). Chinese terms are included because many model READMEs are Chinese-first (Baidu Pan links). */
export function judge(text: string): Verdict {
  if (text.length === 0) return "neutral";
  // `pytorch_model`, `model-18M`: underscores are word characters for \b, so split them.
  // "model card" is documentation about a model (often someone else's: "taken from the DALLE-MINI model card").
  const t = text.toLowerCase().replace(/[_]/g, " ").replace(/\bmodel[ -]?cards?\b/g, " ");
  if (STRONG_RE.test(t)) return "pos";
  if (DATA_RE.test(t)) return "neg";
  if (WEAK_RE.test(t)) return "pos";
  return "neutral";
}

/** One rung: a span, a lazily computed span (most links are decided on the first rung), or nothing. */
export type Rung = string | (() => string | undefined) | undefined;

/** A rung judged with `judgeHub` instead of `judge`. */
export interface HubRung {
  hub: Rung;
  /** Only strong, data and input words count (no "available/our"). */
  strict?: boolean;
}

/** Walk the ladder: the first non-neutral level decides; all neutral → neutral. */
export function ladder(levels: readonly (Rung | HubRung)[]): Verdict {
  for (const level of levels) {
    const hub = typeof level === "object" && level !== null;
    const rung = hub ? level.hub : level;
    const l = typeof rung === "function" ? rung() : rung;
    if (l === undefined) continue;
    const v = hub ? judgeHub(l, level.strict) : judge(l);
    if (v !== "neutral") return v;
  }
  return "neutral";
}

/**
 * Prose that names a model as an input, not a release: "We finetune [X]", "based on
 * [X]", "initialized from [X]", "compared with [X]", "the [open source model] it is
 * derived from". A Hugging Face link in such a sentence is someone else's model.
 */
export const INPUT_RE = /\b(?:base[- ]?models?|based on|initiali[sz]ed (?:from|with)|fine-?tun\w* (?:from|on top of)|derived from|built (?:on|upon)|compar\w*|baselines?|teachers?|foundation models?|open[- ]source models?|underlying models?|(?:we|to) (?:fine-?tune|finetune|train|distill)\w*)\b/;
/** Words that say the link is where this model is published. */
const PUBLISH_RE = /\b(?:available|release[sd]?|releasing|download\w*|hosted|hosts?|uploaded|can be found|find|found at|our|ours|we provide|official|hub)\b|发布|下载/;

/**
 * The judge for a Hugging Face (or ModelScope) repo link in a sentence or a table
 * cell/row: "model" alone is not enough (a README names base models and
 * baselines all the time), the words must say weights, or say "model" and
 * "available/released/download/our".
 */
export function judgeHub(text: string, strict = false): Verdict {
  if (text.length === 0) return "neutral";
  const t = text.toLowerCase().replace(/[_]/g, " ").replace(/\bmodel[ -]?cards?\b/g, " ");
  // Lineage first: "We finetune [Llama-2-7b](…) with LoRA" is about an input even though it says LoRA.
  if (INPUT_RE.test(t)) return "neg";
  if (STRONG_RE.test(t)) return "pos";
  if (DATA_RE.test(t)) return "neg";
  // Strict (the anchor and the words right after it): "[org/other](…) in our paper" must not pass on "our".
  if (!strict && PUBLISH_RE.test(t)) return "pos";
  return "neutral";
}
