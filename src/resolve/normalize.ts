/**
 * Name normalisation shared by the registry's `lookup`, `scan` and lint: one definition of
 * "the same name" so that what lint calls a collision is exactly what the matcher would confuse.
 */

/** True for a letter or digit (any script). `_` is not alphanumeric here: it separates tokens. */
export function isAlnumCode(c: number): boolean {
  if (c < 128) return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
  // Surrogate halves are treated as non-alphanumeric: non-BMP letters do not occur in dataset names.
  if (c >= 0xd800 && c <= 0xdfff) return false;
  return NON_ASCII_ALNUM.test(String.fromCharCode(c));
}
const NON_ASCII_ALNUM = /^[\p{L}\p{N}]$/u;

/** Lower-cases one UTF-16 code unit, keeping it one code unit long (so offsets map 1:1). */
export function lowerCode(c: number): number {
  if (c < 128) return c >= 65 && c <= 90 ? c + 32 : c;
  const l = String.fromCharCode(c).toLowerCase();
  return l.length === 1 ? l.charCodeAt(0) : c;
}

/**
 * The lookup key of a name: letters and digits only, lower-cased. "MS1M-V2", "ms1m_v2" and
 * "MS1MV2" all give "ms1mv2"; "timm/imagenet-1k-wds" gives "timmimagenet1kwds".
 */
export function normKey(s: string): string {
  let out = "";
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (isAlnumCode(c)) out += String.fromCharCode(lowerCode(c));
  }
  return out;
}

/** Like {@link normKey} but keeps the case, for `match.case_sensitive` aliases. */
export function normCaseKey(s: string): string {
  let out = "";
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (isAlnumCode(c)) out += s[i];
  }
  return out;
}

/** Hugging Face dataset URL prefixes that `lookup` strips before matching an HF id. */
const HF_URL = /^(?:hf:\/\/datasets\/|(?:https?:\/\/)?(?:www\.)?(?:huggingface\.co|hf\.co)\/datasets\/|datasets\/)/i;

/**
 * Reduces a dataset reference to the name a person meant: strips a Hugging Face dataset URL
 * (`https://huggingface.co/datasets/x/y/tree/main` → `x/y`), surrounding quotes and whitespace.
 */
export function stripReference(name: string): string {
  let s = name.trim().replace(/^["'`]+|["'`]+$/g, "").trim();
  const m = HF_URL.exec(s);
  if (m) {
    const rest = s.slice(m[0].length).split(/[?#]/)[0] ?? "";
    // Keep owner/name only: `/tree/main`, `/blob/…`, `/viewer/…` name a page of the same dataset.
    s = rest.split("/").filter(Boolean).slice(0, 2).join("/");
  }
  return s;
}

/** Levenshtein distance with an early exit once every cell in a row exceeds `max`. */
export function editDistance(a: string, b: string, max = Infinity): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const v = Math.min(
        (prev[j] ?? 0) + 1,
        (cur[j - 1] ?? 0) + 1,
        (prev[j - 1] ?? 0) + (a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1),
      );
      cur.push(v);
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    prev = cur;
  }
  return prev[b.length] ?? max + 1;
}

/**
 * A Hugging Face dataset id as a model card's `datasets:` writes it. Exact names first; then, for an `org/name` id
 * no entry lists, the `name` alone: the Hub moved its canonical datasets under organisations keeping their names
 * (`imagenet-1k` → `ILSVRC/imagenet-1k`, `librispeech_asr` → `openslr/librispeech_asr`), and cards use both. Only
 * for card ids: in prose or a table, "COCO/VOC" is two datasets, not an id.
 */
export function lookupHfDatasetId<M>(registry: { lookup(name: string): { match: M | null; ambiguous?: boolean } }, id: string): M | null {
  const r = registry.lookup(id);
  if (r.match || r.ambiguous) return r.match;
  const m = /^[A-Za-z0-9][\w.-]*\/([A-Za-z0-9][\w.-]*)$/.exec(id.trim());
  return m ? registry.lookup(m[1]!).match : null;
}
