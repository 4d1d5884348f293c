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
const STRONG_RE = /\b(?:pre-?trained|pretrain|checkpoints?|ckpts?|weights|weight files?|model[ -]?zoo|trained (?:models?|networks?)|state dict|lora|adapters?|safetensors)\b|\.(?:safetensors|pth?|ckpt|onnx|gguf|ggml|tflite|caffemodel|pdparams|keras|mlmodel)\b|预训练|權重|权重|检查点|模型下载|模型權重/;
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

/** Walk the ladder: the first non-neutral level decides; all neutral → neutral. */
export function ladder(levels: readonly Rung[]): Verdict {
  for (const rung of levels) {
    const l = typeof rung === "function" ? rung() : rung;
    if (l === undefined) continue;
    const v = judge(l);
    if (v !== "neutral") return v;
  }
  return "neutral";
}
