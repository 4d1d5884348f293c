/**
 * License text normalisation (licensee/SPDX matching-guidelines style): the same
 * function runs over the SPDX texts at index-build time and over the scanned file,
 * so anything that varies between copies of one license and not between two
 * licenses is removed here.
 */
import { createHash } from "node:crypto";
import { proseClauses } from "./prose.js";

/**
 * Bumped whenever normalisation changes: the prebuilt index records it, and the
 * up-to-date test fails if `rules/licenses/spdx-index.json` was built by another version.
 */
export const NORMALIZER_VERSION = 8;

/** One source line after normalisation, with its 1-based line number in the input. */
export interface NormLine {
  line: number;
  tokens: string[];
}

const HTML_HINT = /<(?:!doctype|html|body|p|div|br|h[1-6]|li|ul|ol|pre|span|a\s)[\s>/]/i;

/** Replace a match by as many newlines as it spanned, so line numbers survive. */
const blankKeepingLines = (m: string): string => m.replace(/[^\n]/g, "");

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " ", copy: "©", ndash: "-", mdash: "-", rsquo: "'", lsquo: "'", ldquo: '"', rdquo: '"', hellip: "..." };

/** Markup → text for HTML copies of a license (e.g. docs/license.html), keeping line numbers. */
export function stripHtml(text: string): string {
  if (!HTML_HINT.test(text.slice(0, 4096))) return text;
  return text
    .replace(/<(head|style|script)\b[\s\S]*?<\/\1\s*>/gi, blankKeepingLines)
    .replace(/<!--[\s\S]*?-->/g, blankKeepingLines)
    .replace(/<[^>]*>/g, (m) => (m.includes("\n") ? blankKeepingLines(m) : " "))
    .replace(/&(#x?[0-9a-f]+|[a-z]+);/gi, (m, e: string) => {
      if (e.startsWith("#")) {
        const code = e[1] === "x" || e[1] === "X" ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
        return Number.isFinite(code) && code > 0 && code < 0x110000 ? String.fromCodePoint(code) : " ";
      }
      return ENTITIES[e.toLowerCase()] ?? m;
    });
}

/**
 * A copyright or rights-reservation line. Anchored on "copyright" followed by (c)/©/a year/"by",
 * not on the bare word, because license bodies reflowed at another width can start a line
 * with "copyright notice, this list of conditions" (BSD) and that line must stay.
 */
const COPYRIGHT_LINE = /^(?:copyright\b\s*(?:\(c\)|©|\d{4}|\[yyyy\]|<year>|\{yyyy\}|by\b|holders?\s*:|owner\s*:|notice\s*:\s*$)|\(c\)\s*(?:\d{4}|<year>)|©|portions? copyright\b|all rights reserved\.?$|some rights reserved\.?$)/;

/** "All rights reserved." on its own or after a name, the classic tail of a copyright block. */
const RIGHTS_RESERVED = /^(?:[\w ,.&'-]{0,80})all rights reserved\.?$/;

/**
 * Markdown headings, quotes and bullets at the start of a line. Numbering ("1.", "(a)") is kept:
 * it tokenises the same wherever a reflow puts it, and dropping it only at line starts would not.
 */
const LINE_DECORATION = /^(?:\s*(?:#{1,6}|>+|[-*+•·▪◦])\s+)+/;

/** A rule line: "=====", "-----", "* * *" (section breaks in CC legalcode and concatenated files). */
export const SEPARATOR_LINE = /^\s*(?:[-=_*~#+]\s*){3,}$/;

/**
 * Copyright and title lines are dropped, unless they state a restriction: "Copyright 2020 Foo.
 * For non-commercial use only." above an MIT text must not vanish into an exact MIT match.
 */
// prose.ts patterns therefore feed normalisation: after changing them, rebuild the index
// (scripts/build-license-index.ts); test/detect/license/spdx.test.ts fails while it is stale.
function statesRestriction(line: string): boolean {
  // Attribution and share-alike are what CC titles ("Attribution-ShareAlike 4.0") say; they restrict nothing more.
  return proseClauses(line).some((c) => c !== "attribution" && c !== "share-alike");
}

/** Lines a license may or may not carry between the title and the body. */
const TITLE_WORDS = /\b(?:licen[cs]e|agreement|version|v?\d+\.\d+)\b/;

const NON_ASCII = /[\u0080-\uffff]/;
const DECORATION_START = /^\s*[#>\-*+•·▪◦]/;

/** Lowercase, unify quotes/dashes/bullets, drop URL protocols and markup; returns the line's tokens. */
export function tokenizeLine(raw: string, lowered = false): string[] {
  // The guards skip work most lines do not need (this runs over every line of every file).
  const ascii = !NON_ASCII.test(raw);
  let s = ascii ? (lowered ? raw : raw.toLowerCase()) : raw.normalize("NFKC").toLowerCase();
  // Markdown links and images: keep the visible text and the target (the target can be the license URL).
  if (s.includes("](")) s = s.replace(/!?\[([^\]]*)\]\(([^)\s]*)[^)]*\)/g, "$1 $2");
  if (s.includes("http") || s.includes("www.")) s = s.replace(/https?:\/\/(?:www\.)?/g, "").replace(/\bwww\./g, "");
  if (DECORATION_START.test(s)) s = s.replace(LINE_DECORATION, "");
  // Quotes of every kind go ("don't" and "dont" tokenise alike); dash variants become "-".
  if (!ascii) s = s.replace(/[\u2018\u2019\u201a\u201b\u2032\u00b4\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb]/g, "").replace(/[\u2010-\u2015\u2212]/g, "-");
  if (s.includes("'") || s.includes('"')) s = s.replace(/['"]/g, "");
  // Emphasis and code markers are not tokens; the token pattern skips them.
  const tokens = s.match(/[a-z0-9]+(?:[.'][a-z0-9]+)*/g) ?? [];
  // British spelling and common variants (licensee "varietal words", the part that matters here).
  for (let i = 0; i < tokens.length; i++) {
    const v = VARIANTS.get(tokens[i] as string);
    if (v) tokens[i] = v;
  }
  return tokens;
}

const VARIANTS = new Map<string, string>([
  ["licence", "license"],
  ["licences", "licenses"],
  ["licenced", "licensed"],
  ["licencee", "licensee"],
  ["licencor", "licensor"],
  ["organisation", "organization"],
  ["authorised", "authorized"],
  ["recognised", "recognized"],
  ["acknowledgement", "acknowledgment"],
  ["per-cent", "percent"],
  ["whilst", "while"],
  ["favour", "favor"],
  ["behaviour", "behavior"],
  ["utilise", "utilize"],
  ["colour", "color"],
]);

/** Below this many tokens a copyright line is only a copyright line. */
const LONG_COPYRIGHT_TOKENS = 14;

/** The part of a long copyright line after its copyright/rights-reserved sentences ("" for a plain one). */
function dropCopyrightSentences(raw: string): string {
  if (tokenizeLine(raw).length < LONG_COPYRIGHT_TOKENS) return "";
  const sentences = raw.split(/(?<=[.!?])\s+(?=[A-Z])/);
  let i = 0;
  while (i < sentences.length) {
    const low = (sentences[i] ?? "").toLowerCase().replace(/^[#>*_\s]+/, "");
    // Name fragments ("J." "Inc.") split off a copyright sentence are short: drop them with it.
    if (COPYRIGHT_LINE.test(low) || RIGHTS_RESERVED.test(low) || tokenizeLine(low).length < 4) i++;
    else break;
  }
  return sentences.slice(i).join(" ");
}

/*
 * No cut at "END OF TERMS AND CONDITIONS" (licensee cuts there): a file that concatenates
 * licenses puts the next one after it, and a copy without the "how to apply" appendix still
 * passes Dice (Apache-2.0 without it: 0.95).
 */

/**
 * Normalise a whole text into lines of tokens. Drops: copyright/rights-reserved lines, rule
 * lines, title lines before the body.
 * Line numbers refer to the original text.
 */
export function normalizeLines(text: string, dropTitle = true, lines?: string[]): NormLine[] {
  const html = stripHtml(text);
  // The caller's split lines are reused when markup stripping changed nothing.
  const src = lines && html === text ? lines : html.split(/\r\n|\r|\n/);
  const out: NormLine[] = [];
  let inBody = false;
  for (let i = 0; i < src.length; i++) {
    const raw = (src[i] ?? "").trim();
    if (raw === "" || SEPARATOR_LINE.test(raw)) continue;
    const lower = raw.toLowerCase();
    const low = lower.replace(/^[#>*_\s]+/, "");
    let body: string | undefined;
    if ((COPYRIGHT_LINE.test(low) || (low.includes("rights reserved") && RIGHTS_RESERVED.test(low))) && !statesRestriction(low)) {
      // A reflowed copy can run the copyright line into the first sentence of the license:
      // drop the copyright sentences, keep what follows (same rule for index and input).
      body = dropCopyrightSentences(raw);
      if (!body) continue;
    }
    const tokens = body === undefined ? tokenizeLine(lower, true) : tokenizeLine(body);
    if (tokens.length === 0) continue;
    if (!inBody && dropTitle) {
      // Title block: short lines naming the license ("MIT License", "GNU GENERAL PUBLIC LICENSE",
      // "Version 3, 29 June 2007"). Some copies have it and some do not; the body decides.
      // A reflowed sentence fragment can be as short; it gives itself away by ";" or a final ".".
      if (tokens.length <= 12 && TITLE_WORDS.test(tokens.join(" ")) && !/[.;:]$|;/.test(raw.replace(/[*_`]+$/, "")) && !statesRestriction(low)) continue;
      inBody = true;
    }
    out.push({ line: i + 1, tokens });
  }
  // A text made only of short title-like lines (a few tiny licenses): keep them all.
  if (dropTitle && out.reduce((n, l) => n + l.tokens.length, 0) < MIN_BODY_TOKENS) return normalizeLines(text, false, lines);
  return out;
}

/** Below this many body tokens the title block is kept: it is then most of the license. */
const MIN_BODY_TOKENS = 8;

/** All tokens of a text, in order (the exact matcher's input). */
export function normalizeTokens(text: string): string[] {
  return normalizeLines(text).flatMap((l) => l.tokens);
}

/** Stable short hash of a normalised token sequence (exact matcher key). */
export function exactKey(tokens: readonly string[] | string): string {
  return createHash("sha1")
    .update(typeof tokens === "string" ? tokens : tokens.join(" "))
    .digest("base64url")
    .slice(0, 16);
}

/** 32-bit FNV-1a of a string. */
function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  // 30 bits: small integers stay unboxed in V8 Sets and typed arrays (full 32-bit values are
  // heap numbers and made the Dice loop ~5x slower); collisions stay negligible at ~2k bigrams a text.
  return (h >>> 0) & 0x3fffffff;
}

/**
 * Word-bigram shingles, hashed to 32 bits. Bigrams rather than single words: a word set cannot
 * tell BSD-2-Clause from a scrambled BSD text, or CC BY 3.0 from 4.0 wording moved around.
 */
export function bigramSet(tokens: readonly string[]): Set<number> {
  const set = new Set<number>();
  for (let i = 0; i + 1 < tokens.length; i++) set.add(fnv1a(`${tokens[i]} ${tokens[i + 1]}`));
  if (tokens.length === 1) set.add(fnv1a(tokens[0] ?? ""));
  return set;
}

/** Bigram hashes of one line, including the pair that straddles the previous line. */
export function lineBigrams(prevLast: string | undefined, tokens: readonly string[]): number[] {
  const out: number[] = [];
  if (prevLast !== undefined && tokens.length > 0) out.push(fnv1a(`${prevLast} ${tokens[0]}`));
  for (let i = 0; i + 1 < tokens.length; i++) out.push(fnv1a(`${tokens[i]} ${tokens[i + 1]}`));
  return out;
}
