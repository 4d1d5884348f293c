/**
 * YAML front matter of a Markdown file (a Hugging Face model card's metadata
 * block). Hostile input yields `{ data: null, error }`, never an exception.
 */
import { LineCounter, parseDocument } from "yaml";

export interface FrontMatter {
  /** The parsed mapping, or null when there is none or it is not a mapping. */
  data: Record<string, unknown> | null;
  /** Line (1-based, in the whole file) of each top-level key. */
  keyLines: Map<string, number>;
  /** Lines of the body start after this many lines. */
  bodyOffset: number;
  error?: string;
}

const NONE: FrontMatter = { data: null, keyLines: new Map(), bodyOffset: 0 };

export function parseFrontMatter(text: string): FrontMatter {
  if (!text.startsWith("---")) return NONE;
  const m = /^---[ \t]*\r?\n([\s\S]*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/.exec(text);
  if (!m) return NONE;
  const yamlText = m[1] ?? "";
  const bodyOffset = m[0].split(/\r\n|\r|\n/).length - 1;
  try {
    const lc = new LineCounter();
    // maxAliasCount bounds alias expansion (a "billion laughs" card must not exhaust memory).
    const doc = parseDocument(yamlText, { lineCounter: lc, uniqueKeys: false, prettyErrors: false });
    if (doc.errors.length > 0) return { ...NONE, bodyOffset, error: doc.errors[0]!.message };
    const data = doc.toJS({ maxAliasCount: 100 }) as unknown;
    if (data === null || typeof data !== "object" || Array.isArray(data)) return { ...NONE, bodyOffset };
    const keyLines = new Map<string, number>();
    const contents = doc.contents as { items?: { key?: { value?: unknown; range?: [number, number, number] } }[] } | null;
    for (const item of contents?.items ?? []) {
      const k = item.key;
      if (k && typeof k.value === "string" && k.range) keyLines.set(k.value, lc.linePos(k.range[0]).line + 1);
    }
    return { data: data as Record<string, unknown>, keyLines, bodyOffset };
  } catch (e) {
    return { ...NONE, bodyOffset, error: e instanceof Error ? e.message : String(e) };
  }
}

/** A front-matter value as a list of strings (a scalar becomes a one-item list; other shapes are dropped). */
export function stringList(v: unknown): string[] {
  if (typeof v === "string") return v.trim() ? [v.trim()] : [];
  if (Array.isArray(v)) return v.filter((x): x is string => typeof x === "string" && x.trim() !== "").map((x) => x.trim());
  return [];
}
