/**
 * Weight references in text: download links and hub loads in docs (Markdown,
 * HTML, reStructuredText), and URLs in loader code (hubconf.py, download
 * scripts, a package's model URL table).
 */
import type { Evidence, WeightKind } from "../../core/types.js";
import { splitLines } from "../../sources/text.js";
import { INPUT_RE, ladder, judge, type HubRung, type Rung, type Verdict } from "./context.js";
import { dirFlags, extClass, isModelishName } from "./paths.js";
import { classifyUrl, findUrls, type ClassifiedUrl, type UrlHit } from "./urls.js";

/** A weight reference before deduplication. */
export interface Found {
  ref: string;
  kind: WeightKind;
  host?: string;
  size?: number;
  evidence: Evidence;
}

/** A model-zoo column that names the training data of each row. */
const DATA_COLUMN_RE = /^(?:(?:pre-?)?train(?:ing|ed)?(?: on)?\s*)?(?:data(?:sets?)?|datset|set|corpus)$/i;

/** Evidence text cap (chars), from the brief: quoted text ≤ 200 chars. */
export const EVIDENCE_MAX = 200;
/** Lines longer than this are not scanned for links (minified HTML, base64 blobs): keeps a hostile doc linear-time. */
const MAX_LINE = 20_000;
/** How many words after a link count as part of its anchor phrase ("[CelebA-HQ](…) dataset"). */
const TRAILING_WORDS = 2;

/** Quote a line: trimmed, at most 200 chars, and when cut, the window that holds `at` (the URL). */
export function quote(line: string, at = 0): string {
  const lead = line.length - line.trimStart().length;
  const t = line.trim();
  if (t.length <= EVIDENCE_MAX) return t;
  const pos = Math.max(0, at - lead);
  const start = Math.max(0, Math.min(pos - 40, t.length - EVIDENCE_MAX));
  return t.slice(start, start + EVIDENCE_MAX);
}

/** Remove URLs from a span so their path words ("…/models/…") do not vote. */
function withoutUrls(s: string): string {
  return s.replace(/(?:https?:|s3:|gs:)?\/\/[^\s<>"'`|)\]]+/gi, " ");
}

/** Strip Markdown/HTML markup from a span, keeping the words. */
function plain(s: string): string {
  return withoutUrls(s)
    .replace(/<[^>]*>/g, " ")
    .replace(/!\[[^\]]*\]\([^)]*\)/g, " ")
    .replace(/[[\]()*`#>|]/g, " ")
    .replace(/&[a-z]+;/gi, " ")
    .replace(/\s+/g, " ")
    .trim();
}

interface Anchor {
  /** Link text, or undefined for a bare URL. */
  text?: string;
  /** The URL is an image's source: never a download location. */
  image: boolean;
  /** The link wraps an image (a badge): only the image's alt text may speak for it. */
  badge?: string;
  /** Where the link markup ends in the line (for the trailing words). */
  end: number;
  start: number;
}

/** The anchor around a URL: Markdown `[text](url)`, HTML `<a href=url>text</a>`, rST `` `text <url>`_ ``, `[label]: url`. */
function anchorOf(line: string, hit: UrlHit): Anchor {
  const s = hit.start;
  // Markdown inline link or image.
  if (line[s - 1] === "(" && line[s - 2] === "]") {
    let depth = 0;
    let i = s - 2;
    for (; i >= 0; i--) {
      const c = line[i];
      if (c === "]") depth++;
      else if (c === "[") {
        depth--;
        if (depth === 0) break;
      }
    }
    const close = line.indexOf(")", hit.end);
    const end = close < 0 ? hit.end : close + 1;
    if (i >= 0) {
      const text = line.slice(i + 1, s - 2);
      if (line[i - 1] === "!") return { image: true, end, start: i };
      if (/^\s*!\[|<img\b/i.test(text)) return { image: false, badge: altText(text), end, start: i };
      return { text, image: false, end, start: i };
    }
    return { image: false, end, start: s };
  }
  // HTML attribute.
  const before = line.slice(Math.max(0, s - 12), s);
  if (/src\s*=\s*["']?$/i.test(before)) return { image: true, end: hit.end, start: s };
  if (/href\s*=\s*["']?$/i.test(before)) {
    const gt = line.indexOf(">", hit.end);
    const close = gt < 0 ? -1 : line.toLowerCase().indexOf("</a>", gt);
    if (gt >= 0) {
      const inner = line.slice(gt + 1, close < 0 ? Math.min(line.length, gt + 200) : close);
      const end = close < 0 ? line.length : close + 4;
      const start = line.lastIndexOf("<", s);
      if (/<img\b|!\[/i.test(inner) && plain(inner) === "") return { image: false, badge: altText(inner), end, start };
      return { text: inner, image: false, end, start };
    }
  }
  // reStructuredText `text <url>`_
  if (line[s - 1] === "<") {
    const tick = line.lastIndexOf("`", s);
    if (tick >= 0) {
      const close = line.indexOf(">`", hit.end);
      return { text: line.slice(tick + 1, s - 1), image: false, end: close < 0 ? hit.end : close + 3, start: tick };
    }
  }
  // Reference definition `[label]: url`
  const ref = /^\s*\[([^\]]+)\]:\s*$/.exec(line.slice(0, s));
  if (ref) return { text: ref[1], image: false, end: hit.end, start: 0 };
  return { image: false, end: hit.end, start: s };
}

/** Alt text of the image(s) inside a badge link: `![🤗 Model](…)`, `<img alt="Weights" …>`. */
function altText(inner: string): string {
  const alts: string[] = [];
  for (const m of inner.matchAll(/!\[([^\]]*)\]|\balt\s*=\s*["']([^"']*)["']/gi)) alts.push(m[1] ?? m[2] ?? "");
  return alts.join(" ");
}

/** The first few words after the link markup, up to punctuation: "[CelebA-HQ](…) dataset and …" → "dataset and". */
function trailingWords(line: string, end: number): string {
  const rest = line.slice(end, end + 80);
  const stop = rest.search(/[.,;:!?()[\]|<]/);
  const words = (stop < 0 ? rest : rest.slice(0, stop)).trim().split(/\s+/).filter(Boolean);
  return words.slice(0, TRAILING_WORDS).join(" ");
}

/**
 * The sentence holding a link: "We finetune [base](…) based on … . The pretrained model can be found at [ours](…)."
 * gives each link its own sentence, so one sentence's "pretrained model" does not vote for the other link.
 */
function sentenceAround(line: string, start: number, end: number, prevLine = ""): string {
  let from = 0;
  let to = line.length;
  const re = /[.!?。](?:\s+|$)/g;
  for (const m of line.matchAll(re)) {
    const stop = m.index + m[0].length;
    if (stop <= start) from = stop;
    else if (m.index >= end) {
      to = stop;
      break;
    }
  }
  let sentence = line.slice(from, to);
  // Hard-wrapped prose: a sentence that starts the line began on the previous line ("…derived from\n[Pythia-12b](…)").
  // Only English-style wrapping: the previous line stops mid-sentence (a letter or comma), this one goes on
  // in lower case or with a link; "提取码 abcd" then "数据集：…" are two statements, not one sentence.
  if (from === 0 && /[A-Za-z,;]\s*$/.test(prevLine) && /^\s*[a-z[(<`]/.test(line) && !/^\s*(?:[-*+]\s|\d+[.)]\s)/.test(line)) {
    const ends = [...prevLine.matchAll(re)];
    const last = ends[ends.length - 1];
    sentence = `${last ? prevLine.slice(last.index + last[0].length) : prevLine} ${sentence}`;
  }
  return sentence;
}

/** Split a Markdown table row into cells with their start offsets. */
function tableCells(line: string): { text: string; start: number; end: number }[] {
  const cells: { text: string; start: number; end: number }[] = [];
  let i = line.length - line.trimStart().length;
  if (line[i] === "|") i++;
  let start = i;
  let inCode = false;
  for (; i <= line.length; i++) {
    const c = line[i];
    if (c === "`") inCode = !inCode;
    if (i === line.length || (c === "|" && !inCode && line[i - 1] !== "\\")) {
      const text = line.slice(start, i);
      if (i < line.length || text.trim() !== "") cells.push({ text, start, end: i });
      start = i + 1;
    }
  }
  return cells;
}

// GFM allows one dash per delimiter cell (`| :- | -: |`); a lone column still needs two, so a `-` list line is not one.
const TABLE_SEP_RE = /^\s*\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)+\|?\s*$|^\s*\|?\s*:?-{2,}:?\s*\|?\s*$/;
const FENCE_RE = /^\s{0,3}(`{3,}|~{3,})/;
const ATX_RE = /^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$/;
const HTML_HEADING_RE = /<h([1-6])\b[^>]*>(.*?)<\/h\1>/i;
const UNDERLINE_RE = /^\s{0,3}(={3,}|-{3,}|~{3,}|\^{3,}|\*{3,})\s*$/;

/** A shell download command: wget/curl (optionally `!wget` in a notebook, `$ wget`). */
const DOWNLOAD_CMD_RE = /(?:^|[\s;&|(!$])(?:wget|curl|aria2c|gdown|axel)\b/;
/** Output targets of wget/curl/gdown. */
const OUTPUT_RE = /(?:^|\s)(?:-O|-o|-P|--output(?:-document)?|--directory-prefix|--dir)(?:\s+|=)?["']?([^\s"';|&]+)/g;
/** `gdown <id>` / `gdown --id <id>`: Drive file ids are 25+ URL-safe characters. */
const GDOWN_ID_RE = /\bgdown\b(?:\s+-{1,2}[\w-]+)*?\s+(?:--id\s+)?["']?([A-Za-z0-9_-]{25,})["']?/;
const GIT_CLONE_RE = /\bgit\s+clone\b/;

/** Is the output of a download command a weights path (a weight file, or a models/checkpoints folder)? */
function outputSaysWeights(line: string): boolean {
  for (const m of line.matchAll(OUTPUT_RE)) {
    const target = m[1]!.replace(/\/$/, "");
    const base = target.slice(target.lastIndexOf("/") + 1);
    const cls = extClass(base);
    if (cls === "strong" || cls === "weak") return true;
    if (cls === "archive" && isModelishName(base)) return true;
    if (dirFlags(`${target}/x`).model || dirFlags(target).model) return true;
  }
  return false;
}

/** Hugging Face repo ids in code: `from_pretrained("org/name")`, `pipeline(model="org/name")`, `--model-path org/name`, `huggingface-cli download org/name`. */
const HF_ID_PATTERNS: readonly RegExp[] = [
  /\.from_pretrained\(\s*(?:pretrained_model_name_or_path\s*=\s*)?["']([^"'\s]+)["']/g,
  // PEFT adapters: `PeftModel.from_pretrained(base_model, "tloen/alpaca-lora-7b")`.
  /\bPeftModel\.from_pretrained\(\s*[\w.]+\s*,\s*(?:model_id\s*=\s*)?["']([^"'\s]+)["']/g,
  /\bpipeline\([^)]*?\bmodel\s*=\s*["']([^"'\s]+)["']/g,
  /\b(?:snapshot_download|hf_hub_download)\(\s*(?:repo_id\s*=\s*)?["']([^"'\s]+)["']/g,
  // Not `--model_name_or_path`: in Hugging Face training scripts it is the base model, an input.
  /--(?:model[-_]path|model[-_]id|lora[-_]weights|peft[-_]model|adapter[-_](?:path|name)|hf[-_]model)[= ]\s*["']?([A-Za-z0-9][\w.-]*\/[\w.-]+)["']?/g,
  /\bhuggingface-cli\s+download\s+([A-Za-z0-9][\w.-]*\/[\w.-]+)/g,
];
/** One cheap test per line before the code patterns run. */
const CODE_HINT_RE = /from_pretrained|pipeline\(|_download\(|--(?:model|lora|peft|adapter|hf)|huggingface-cli|torch\.hub|load_url|download_url_to_file/;
/**
 * Around a code load, words that say the model is an input to training: the prose above the block
 * ("We fintuned using the following configuration", "To fine-tune, load the base model") or the line.
 */
const CODE_INPUT_RE = /\b(?:base[- ]?models?|fine-?tun\w*|finetun\w*|fintun\w*|training|distill\w*)\b/;
function codeInput(line: string, prose: string): boolean {
  const t = `${line} ${prose}`.toLowerCase();
  return CODE_INPUT_RE.test(t) || INPUT_RE.test(t);
}

const HF_ID_RE = /^[A-Za-z0-9][\w.-]{0,95}\/[A-Za-z0-9][\w.-]{0,95}$/;
/** Orgs that are really local folders or placeholders (`checkpoints/llava-v1.5`, `path/to`, `your-org/model`). */
const NOT_AN_ORG = new Set([
  "path", "your", "your-org", "your_org", "your-username", "username", "user", "org", "organization", "my",
  "my-org", "local", "output", "outputs", "runs", "run", "exp", "exps", "experiments", "save", "saved", "tmp",
  "temp", "data", "models", "model", "checkpoints", "checkpoint", "ckpt", "ckpts", "weights", "pretrained",
  "home", "root", "mnt", "workspace", "content", "drive", "src", "lib", "configs", "config", "hf", "huggingface",
  "owner", "namespace", "repo", "author", "foo", "example",
]);
const TORCH_HUB_RE = /\btorch\.hub\.load\(\s*(?:repo_or_dir\s*=\s*)?["']([\w.-]+\/[\w.-]+)(?::[\w./-]+)?["']\s*(?:,\s*(?:model\s*=\s*)?["']([\w.-]+)["'])?/g;
/** `hf_hub_download(repo_id="org/name", …)` / `snapshot_download("org/name")` in a repository's own code: its weights on the Hub. */
const HF_DOWNLOAD_RE = /\b(?:hf_hub_download|snapshot_download|hf_hub_url|cached_download)\(\s*(?:repo_id\s*=\s*)?["']([\w.-]+\/[\w.-]+)["']/g;
const HUB_URL_RE = /\b(?:load_state_dict_from_url|load_url|download_url_to_file)\(\s*(?:url\s*=\s*)?["']([^"'\s]+)["']/g;

function validHfId(id: string): boolean {
  if (!HF_ID_RE.test(id) || id.includes("..")) return false;
  const org = id.slice(0, id.indexOf("/")).toLowerCase();
  return !NOT_AN_ORG.has(org);
}

/** Shell script invocations in code blocks: `bash download.sh pretrained-network-afhq`, `sh scripts/download_models.sh`. */
const SCRIPT_NAME_RE = /download|fetch|^get[-_]|weights|models|checkpoints|pretrained/i;
const SCRIPT_RE = /^\s*(?:[$!]\s*)?(?:(?:bash|sh|zsh|source)\s+)?((?:\.\/)?[\w./-]*[\w-]+\.sh)\b([^|;&#]*)/;

interface DocState {
  inFence: boolean;
  fence: string;
  /** Heading texts by level (index 0 unused); deeper levels cleared on a new heading. */
  headings: (string | undefined)[];
  /** Prose lines since the last heading, most recent last (at most 3). */
  prose: string[];
  /** Prose just before the open code block. */
  fenceProse: string;
  /** Cells of the current table's header row. */
  tableHeader: { text: string; start: number; end: number }[] | null;
  prevLine: string;
  /** True once the first heading was seen: a first-level first heading is the title (the project name), not context. */
  sawHeading: boolean;
  /** Open list items above the current line, outermost first. */
  list: { indent: number; text: string }[];
  /** The prose line that introduced the current list ("Pretrained models:"). */
  leadIn: string | undefined;
  /** For the current line: its list ancestors (nearest first) and the lead-in. */
  listContext: string[];
  /** The previous line ended inside `from_pretrained(`. */
  pendingCall?: boolean;
}

/** Options for scanning one document. */
export interface ScanDocOptions {
  /** Is this path in the listing? (recognises `bash scripts/get_weights.sh …` as this repo's script). */
  isListed?: (path: string) => boolean;
  /** False when there is no listing to check against: then only download-named scripts count. */
  hasListing?: boolean;
}

/**
 * Find weight references in one document. Line numbers are 1-based; evidence
 * text is the line, trimmed, ≤ 200 chars around the URL.
 */
export function scanDoc(path: string, text: string, opts: ScanDocOptions = {}): Found[] {
  const out: Found[] = [];
  const lines = splitLines(text);
  const st: DocState = {
    inFence: false, fence: "", headings: [], prose: [], fenceProse: "", tableHeader: null, prevLine: "",
    sawHeading: false, list: [], leadIn: undefined, listContext: [],
  };
  const base = path.slice(path.lastIndexOf("/") + 1);
  // The file name is the last rung: MODEL_ZOO.md, PRETRAINED.md say "weights" for every link in them.
  const fileContext = judge(base.replace(/\.[a-z]+$/i, "").replace(/[-_]/g, " ")) === "pos" && !/readme/i.test(base) ? base : undefined;

  let i = 0;
  // YAML front matter (model cards): `base_model:` and `datasets:` are inputs, not publications. Skip it.
  if (lines[0]?.trim() === "---") {
    const close = lines.findIndex((l, k) => k > 0 && (l.trim() === "---" || l.trim() === "..."));
    if (close > 0) i = close + 1;
  }
  for (; i < lines.length; i++) {
    const line = lines[i]!;
    const lineNo = i + 1;
    const fence = FENCE_RE.exec(line);
    if (fence) {
      if (!st.inFence) {
        st.inFence = true;
        st.fence = fence[1]![0]!;
        st.fenceProse = st.prose.map(plain).join(" ");
      } else if (fence[1]![0] === st.fence) {
        st.inFence = false;
      }
      st.prevLine = "";
      continue;
    }
    if (line.length > MAX_LINE) continue;
    if (!st.inFence) {
      const heading = headingOf(line, st.prevLine);
      if (heading) {
        setHeading(st, heading.level, heading.text);
        st.prevLine = "";
        st.tableHeader = null;
        continue;
      }
      // Table tracking: a row followed by a separator is a header row.
      const next = lines[i + 1];
      if (line.includes("|") && next !== undefined && TABLE_SEP_RE.test(next) && next.includes("-")) {
        st.tableHeader = tableCells(line);
      } else if (st.tableHeader && !line.includes("|")) {
        st.tableHeader = null;
      }
      trackList(st, line);
    } else {
      st.listContext = [];
    }
    scanLine(path, line, lineNo, st, out, opts, fileContext);
    if (!st.inFence && line.trim() !== "" && !TABLE_SEP_RE.test(line)) {
      // Raw lines; stripped of markup only when a code fence or a list needs them as context (most never do).
      st.prose.push(line);
      if (st.prose.length > 3) st.prose.shift();
    }
    st.prevLine = st.inFence ? "" : line;
  }
  return out;
}

function headingOf(line: string, prev: string): { level: number; text: string } | null {
  const atx = ATX_RE.exec(line);
  if (atx) return { level: atx[1]!.length, text: atx[2]! };
  const h = HTML_HEADING_RE.exec(line);
  if (h) return { level: Number(h[1]), text: h[2]! };
  // Setext / reST underline under a non-empty, non-table line of similar length.
  const u = UNDERLINE_RE.exec(line);
  if (u && prev.trim() !== "" && !prev.includes("|") && !UNDERLINE_RE.test(prev) && u[1]!.length >= Math.min(3, prev.trim().length)) {
    return { level: u[1]![0] === "=" ? 1 : 2, text: prev.trim() };
  }
  return null;
}

const LIST_ITEM_RE = /^(\s*)(?:[-*+]|\d{1,3}[.)])\s+(.*)$/;

/** Keep the stack of open list items; a list item's context is its parents and the line that introduced the list. */
function trackList(st: DocState, line: string): void {
  const m = LIST_ITEM_RE.exec(line);
  if (!m) {
    // A blank line or an indented continuation keeps the list open; other prose closes it.
    if (line.trim() !== "" && !/^\s/.test(line)) {
      st.list = [];
      st.leadIn = undefined;
    }
    st.listContext = [];
    return;
  }
  const indent = m[1]!.length;
  if (st.list.length === 0) {
    const last = st.prose[st.prose.length - 1];
    st.leadIn = last === undefined ? undefined : plain(last);
  }
  while (st.list.length > 0 && st.list[st.list.length - 1]!.indent >= indent) st.list.pop();
  st.listContext = st.list.map((x) => x.text).reverse();
  if (st.leadIn !== undefined) st.listContext.push(st.leadIn);
  st.list.push({ indent, text: plain(m[2]!) });
}

function setHeading(st: DocState, level: number, text: string): void {
  st.list = [];
  st.leadIn = undefined;
  const first = !st.sawHeading;
  st.sawHeading = true;
  // "# Alpaca-LoRA" names the project; its words ("LoRA") say nothing about the links below it.
  if (first && level === 1) {
    st.prose = [];
    return;
  }
  st.headings[level] = plain(text);
  for (let l = level + 1; l < st.headings.length; l++) st.headings[l] = undefined;
  st.prose = [];
}

/** Heading texts from the nearest (deepest) to the top. */
function headingLadder(st: DocState): string[] {
  const out: string[] = [];
  for (let l = st.headings.length - 1; l >= 1; l--) {
    const h = st.headings[l];
    if (h !== undefined) out.push(h);
  }
  return out;
}

function push(out: Found[], c: ClassifiedUrl, path: string, lineNo: number, line: string, at: number): void {
  out.push({ ref: c.ref, kind: c.kind, host: c.host, evidence: { path, line: lineNo, text: quote(line, at) } });
}

function scanLine(
  path: string,
  line: string,
  lineNo: number,
  st: DocState,
  out: Found[],
  opts: ScanDocOptions,
  fileContext: string | undefined,
): void {
  const code = st.inFence;
  const isDownloadCmd = DOWNLOAD_CMD_RE.test(line);
  const isClone = GIT_CLONE_RE.test(line);

  // 1. Code patterns (they appear in fenced blocks, inline code and tables alike).
  // A call split over lines: `StableDiffusionPipeline.from_pretrained(` then `"CompVis/stable-diffusion-v1-4",`.
  if (st.pendingCall) {
    st.pendingCall = false;
    const m = /^\s*(?:pretrained_model_name_or_path\s*=\s*)?["']([^"'\s]+)["']/.exec(line);
    if (m && validHfId(m[1]!) && !codeInput(line, st.fenceProse)) {
      out.push({ ref: `https://huggingface.co/${m[1]}`, kind: "hub", host: "huggingface", evidence: { path, line: lineNo, text: quote(line, m.index) } });
    }
  }
  if (CODE_HINT_RE.test(line)) {
    // "To fine-tune, load the base model:" above the block, or `# base model` on the line: an input, not a release.
    const input = codeInput(line, code ? st.fenceProse : "");
    for (const re of input ? [] : HF_ID_PATTERNS) {
      for (const m of line.matchAll(re)) {
        const id = m[1]!;
        if (!validHfId(id)) continue;
        out.push({ ref: `https://huggingface.co/${id}`, kind: "hub", host: "huggingface", evidence: { path, line: lineNo, text: quote(line, m.index) } });
      }
    }
    if (/\.from_pretrained\(\s*$/.test(line)) st.pendingCall = true;
    for (const m of line.matchAll(TORCH_HUB_RE)) {
      if (/source\s*=\s*["']local["']/.test(line)) continue;
      const ref = `torch.hub:${m[1]}${m[2] ? `/${m[2]}` : ""}`;
      out.push({ ref, kind: "hub", host: "torch-hub", evidence: { path, line: lineNo, text: quote(line, m.index) } });
    }
    for (const m of line.matchAll(HUB_URL_RE)) {
      const c = classifyUrl(m[1]!);
      if (!c) continue;
      out.push({ ref: c.ref, kind: "hub", host: "torch-hub", evidence: { path, line: lineNo, text: quote(line, m.index) } });
    }
  }
  if (code) {
    const s = SCRIPT_RE.exec(line);
    if (s && !DOWNLOAD_CMD_RE.test(line)) scriptInvocation(path, line, lineNo, s[1]!, s[2]!, st, out, opts);
  }

  // gdown by file id (`gdown --id 1AbC… -O checkpoints/`): a Drive download with no URL on the line.
  if (isDownloadCmd && !line.includes("://")) {
    const g = GDOWN_ID_RE.exec(line);
    if (g) {
      const c = classifyUrl(`https://drive.google.com/uc?id=${g[1]}`)!;
      const v = outputSaysWeights(line) ? "pos" : ladder([plain(line), st.fenceProse, ...headingLadder(st), fileContext]);
      if (v === "pos") push(out, c, path, lineNo, line, g.index);
    }
  }

  // 2. URLs.
  const hits = findUrls(line);
  if (hits.length === 0) return;
  const cells = !code && line.includes("|") && st.tableHeader ? tableCells(line) : null;
  for (const hit of hits) {
    const c = classifyUrl(hit.url);
    if (!c) continue;
    const a = anchorOf(line, hit);
    if (a.image) continue;
    if (a.badge !== undefined) {
      // A badge is decoration unless its own label says weights ("🤗 Models", "Checkpoints"): no wider context.
      if (c.decision === "yes" || (c.decision !== "no" && judge(plain(a.badge)) === "pos")) push(out, c, path, lineNo, line, hit.start);
      continue;
    }
    if (code || isDownloadCmd || isClone) {
      if (isClone && c.hfRepo) {
        push(out, { ...c, kind: "hub" }, path, lineNo, line, hit.start);
        continue;
      }
      let decision = c.decision;
      if (isDownloadCmd && outputSaysWeights(line)) decision = "yes";
      if (decision === "yes") push(out, c, path, lineNo, line, hit.start);
      else if (decision === "weak" || decision === "context" || decision === "line") {
        const v = ladder([plain(line), ...(decision === "line" ? [] : [st.fenceProse, ...headingLadder(st), fileContext])]);
        if (v === "pos" || (decision === "weak" && v !== "neg")) push(out, c, path, lineNo, line, hit.start);
      }
      continue;
    }
    if (c.decision === "no") continue;
    if (c.decision === "yes") {
      push(out, c, path, lineNo, line, hit.start);
      continue;
    }
    const near = a.text !== undefined ? `${plain(a.text)} ${trailingWords(line, a.end)}` : trailingWords(line, a.end);
    // A model-hub repo link in prose needs more than the word "model" (base models and baselines are linked too).
    const prose = (r: Rung): Rung | HubRung => (c.kind === "hub" ? { hub: r } : r);
    // For a hub link the anchor alone is the first rung: "[Llama-2-7b](…) with LoRA" is not "LoRA weights".
    const levels: (Rung | HubRung)[] = [c.kind === "hub" ? { hub: a.text !== undefined ? plain(a.text) : undefined, strict: true } : near];
    const header = st.tableHeader;
    if (cells) {
      const idx = cells.findIndex((cell) => hit.start >= cell.start && hit.start <= cell.end);
      const cell = idx >= 0 ? cells[idx]! : undefined;
      levels.push(prose(() => (cell ? plain(cell.text) : undefined)));
      levels.push(() => (idx >= 0 && header ? plain(header[idx]?.text ?? "") : undefined));
      levels.push(prose(() => plain(line)));
      // The whole header row, minus a column naming each row's training data ("| Datasets | Backbone | Download |"
      // is a model zoo: that column says what the weights were trained on, not that the link is data).
      levels.push(() => (header ? plain(header.filter((h) => !DATA_COLUMN_RE.test(plain(h.text).trim())).map((h) => h.text).join(" ")) : undefined));
    } else {
      levels.push(prose(() => plain(sentenceAround(line, a.start, a.end, st.prevLine))));
      for (const l of st.listContext) levels.push(prose(l));
    }
    let v: Verdict;
    if (c.decision === "line") v = ladder(levels);
    else if (c.decision === "weak") v = ladder(levels) === "neg" ? "neg" : "pos";
    else v = ladder([...levels, ...headingLadder(st), fileContext]);
    if (v === "pos") push(out, c, path, lineNo, line, hit.start);
  }
}

function scriptInvocation(
  path: string,
  line: string,
  lineNo: number,
  script: string,
  args: string,
  st: DocState,
  out: Found[],
  opts: ScanDocOptions,
): void {
  const norm = script.replace(/^\.\//, "");
  const base = norm.slice(norm.lastIndexOf("/") + 1);
  // Only download-ish scripts (download.sh, get_weights.sh, fetch_models.sh) with plain word arguments:
  // `./docker_run.sh python3 generate.py --network=https://…` is a wrapper, not a download.
  if (!SCRIPT_NAME_RE.test(base)) return;
  const argText = args.trim().replace(/\s+/g, " ");
  if (argText.includes("://") || argText.split(" ").length > 4) return;
  if (!/download/i.test(base) && !(opts.hasListing && opts.isListed?.(norm))) return;
  // Arguments first (pretrained-network-afhq vs celeba-hq-dataset), then the script name, the prose above, headings.
  const v = ladder([argText.replace(/[-_]/g, " "), base.replace(/\.sh$/, "").replace(/[-_]/g, " "), st.fenceProse, ...headingLadder(st)]);
  if (v !== "pos") return;
  out.push({
    ref: argText ? `${norm} ${argText}` : norm,
    kind: "link",
    host: "download-script",
    evidence: { path, line: lineNo, text: quote(line) },
  });
}

/**
 * Find weight references in loader code (hubconf.py, download scripts, a
 * package's URL table). Only URLs that name a weight file (or a share link on
 * a line that says model/checkpoint) and torch.hub calls count: code is full of
 * URLs to docs and datasets.
 */
export function scanLoader(path: string, text: string): Found[] {
  const out: Found[] = [];
  const lines = splitLines(text);
  // A release-asset URL built from a template (`"{repo_url}/releases/download/{tag}/{file_name}.zip".format(…)`) next
  // to the repository's own GitHub URL: the model store downloads release assets of that repository.
  const repoUrl = /["'](https:\/\/github\.com\/[\w.-]+\/[\w.-]+?)\/?["']/.exec(text)?.[1];
  // A module named for checkpoints (ckpt_util.py, pretrained.py, model_zoo.py) says what its share links are: a
  // `URL_MAP = {"cifar10": "https://host/f/<id>/?dl=1"}` there needs no "model" on the line.
  const base = path.slice(path.lastIndexOf("/") + 1);
  const fileSaysWeights = /(?:ckpt|checkpoint|pretrained|weights|model_?zoo|model_?store|model_?urls)/i.test(base);
  for (let i = 0; i < lines.length; i++) {
    let line = lines[i]!;
    // Python joins adjacent string literals: `('https://github.com/o/r/'\n 'releases/download/v1/')` is one URL.
    for (let k = i + 1; k < lines.length && k <= i + 3 && /["']\s*$/.test(line) && /^\s*["']/.test(lines[k]!); k++) {
      line = line.replace(/["']\s*$/, "") + lines[k]!.trim().replace(/^["']/, "");
    }
    if (repoUrl && /releases\/download\/\{|releases\/download\/%s|releases\/download\/["']\s*\+/.test(line) && /["']/.test(line)) {
      const c = classifyUrl(`${repoUrl}/releases`);
      if (c) {
        out.push({ ref: c.ref, kind: "link", host: "github-release", evidence: { path, line: i + 1, text: quote(lines[i]!) } });
        continue;
      }
    }
    if (line.length > MAX_LINE) continue;
    const lineNo = i + 1;
    const hubbed = new Set<number>();
    for (const m of line.matchAll(HUB_URL_RE)) {
      const c = classifyUrl(m[1]!);
      if (!c) continue;
      hubbed.add(m.index + m[0].indexOf(m[1]!));
      out.push({ ref: c.ref, kind: "hub", host: "torch-hub", evidence: { path, line: lineNo, text: quote(line, m.index) } });
    }
    for (const m of line.matchAll(HF_DOWNLOAD_RE)) {
      out.push({ ref: `https://huggingface.co/${m[1]}`, kind: "hub", host: "huggingface", evidence: { path, line: lineNo, text: quote(line, m.index) } });
    }
    for (const m of line.matchAll(TORCH_HUB_RE)) {
      out.push({ ref: `torch.hub:${m[1]}${m[2] ? `/${m[2]}` : ""}`, kind: "hub", host: "torch-hub", evidence: { path, line: lineNo, text: quote(line, m.index) } });
    }
    for (const hit of findUrls(line)) {
      if (hubbed.has(hit.start)) continue;
      const c = classifyUrl(hit.url);
      if (!c) continue;
      let ok = c.decision === "yes" || c.decision === "weak";
      if (!ok && DOWNLOAD_CMD_RE.test(line) && outputSaysWeights(line)) ok = true;
      // A share link or an archive: the line or the three above it (a `case` label, a comment) must say model.
      if (!ok && (c.decision === "context" || c.decision === "line") && c.kind === "link") {
        ok = fileSaysWeights || ladder([plain(line), plain(lines.slice(Math.max(0, i - 3), i).join(" "))]) === "pos";
      }
      if (ok) push(out, c, path, lineNo, line, hit.start);
    }
  }
  return out;
}
