/**
 * License identification from text: a licensee-style ladder of matchers, cheap and certain
 * first, fuzzy last: exact → ai-license → cc-notice (short files) → spdx-id → dice →
 * concatenated → cc-notice (any length) → prose. Each rung returns a match or nothing.
 */
import { createRequire } from "node:module";
import type { Clause, Evidence } from "../../core/types.js";
import { findCcReferences, type CcReference } from "./cc-notice.js";
import { sortClauses } from "./clauses.js";
import { fastIndex, type AiLicense } from "./data.js";
import { coverByLicenses, rankDice } from "./dice.js";
import { clausesForExpression, normalizeLicenseId } from "./expression.js";
import { bigramSet, exactKey, lineBigrams, normalizeLines, SEPARATOR_LINE, type NormLine } from "./normalize.js";
import { proseClauses } from "./prose.js";

export { clausesForExpression, normalizeLicenseId } from "./expression.js";
export { proseClauses } from "./prose.js";

/** What one license file says, and why we think so. */
export interface LicenseMatch {
  /** SPDX id or expression, a `LicenseRef-…` for a known non-SPDX license, or null. */
  spdx: string | null;
  /** Human name when known. */
  name?: string;
  /** Restrictions the license states, in CLAUSES order. */
  clauses: Clause[];
  /** 0–100. */
  confidence: number;
  /** Which rung of the ladder decided. */
  matcher: "exact" | "dice" | "cc-notice" | "ai-license" | "spdx-id" | "prose" | "concatenated";
  /** Lines that support it (title or first line, then the line stating each restrictive clause). */
  evidence: Evidence[];
  /** Why nothing (or only part) was identified: empty, binary, truncated, modified license… */
  note?: string;
}

/**
 * Only the first 256 KB of a file is read: the longest SPDX text is 46 KB, so a file with
 * a license beyond that point is not a license file, and a 5 MB LICENSE must not cost seconds.
 */
export const MAX_CHARS = 256 * 1024;
/**
 * Minimum bigram Dice for a single-license match. Set where a real copy with its own names in
 * the disclaimer (BSD "THE REGENTS…") still passes (≥ 0.93 in the corpus) but a custom license
 * that only borrows MIT/BSD sentences (typically 0.6–0.85) does not.
 */
export const DICE_THRESHOLD = 0.9;
/** A license counts as one part of a concatenated file when this share of its bigrams is present. */
export const CONTAINMENT_THRESHOLD = 0.9;
/** Scores below this are not computed exactly (only reported as "closest text" in a prose result). */
const NEAR_MISS_DICE = 0.6;
/** Above this Dice a single match is taken without looking for further licenses in the file. */
export const NEAR_EXACT_DICE = 0.995;
/** A single license found inside a longer text needs this containment. */
export const SINGLE_PART_CONTAINMENT = 0.97;
/** A concatenation is reported only if its parts explain this share of the file's bigrams (the rest is glue text). */
export const CONCAT_COVERAGE = 0.75;
/** Files shorter than this (normalised tokens) are notices, not license texts. */
export const SHORT_NOTICE_TOKENS = 300;
/** How far into the raw text an AI license's title is looked for (ChatGLM puts a Chinese version first). */
const TITLE_WINDOW = 6000;
/** A line of the input is "extra" (not part of the matched license) below this bigram overlap. */
const EXTRA_LINE_OVERLAP = 0.5;
/** Clauses that, stated in extra lines of an otherwise-known license, make it a modified license. */
const RESTRICTIVE: readonly Clause[] = ["non-commercial", "research-only", "no-redistribution", "no-derivatives", "use-restrictions", "share-alike"];

const RAW_SPLIT = /\r\n|\r|\n/;

// eslint-disable-next-line no-control-regex -- control characters are exactly what is counted
const CONTROL = /[\u0000-\u0008\u000e-\u001a\u001c-\u001f\ufffd]/g;
function looksBinary(text: string): boolean {
  const head = text.slice(0, 8000);
  if (head.includes("\u0000")) return true;
  // More than 10 % control or replacement characters: not prose in any encoding we decode.
  const bad = head.match(CONTROL)?.length ?? 0;
  return head.length > 0 && bad / head.length > 0.1;
}

/** First meaningful line (title or first body line) as evidence. */
function headEvidence(raw: string[], path: string, norm: NormLine[]): Evidence {
  const kept = new Set(norm.slice(0, 200).map((l) => l.line));
  for (let i = 0; i < raw.length && i < 200; i++) {
    const t = (raw[i] ?? "").trim();
    if (!t || SEPARATOR_LINE.test(t) || /^<|^copyright\b|^\(c\)|^©|all rights reserved\.?$/i.test(t) || !/[a-z0-9]/i.test(t)) continue;
    // A title names the license; anything else before the body is a copyright continuation line.
    if (!/licen[cs]e|agreement|terms|attribution/i.test(t) && !kept.has(i + 1)) continue;
    return { path, line: i + 1, text: t.slice(0, 300) };
  }
  const l = norm[0];
  return l ? { path, line: l.line, text: (raw[l.line - 1] ?? "").trim().slice(0, 300) } : { path, line: 0, text: "" };
}

/** For each restrictive clause, the first line that states it in prose (the quotable sentence). */
function clauseEvidence(raw: string[], path: string, clauses: Clause[], skip: Set<number>): Evidence[] {
  // Attribution is every notice license's; copyleft states share-alike as "the same license"
  // in many ways, and the title already says GPL: quote share-alike only where a text names it.
  const sa = clauses.includes("share-alike") && raw.some((l) => /share-?\s?alike/i.test(l));
  const want = new Set<Clause>(clauses.filter((c) => c !== "attribution" && (c !== "share-alike" || sa)));
  if (!want.size) return [];
  const out: Evidence[] = [];
  for (let i = 0; i < raw.length && want.size && i < 20000; i++) {
    const t = (raw[i] ?? "").trim();
    if (!t || t.length > 2000) continue;
    const found = proseClauses(t).filter((c) => want.has(c));
    if (!found.length) continue;
    for (const c of found) want.delete(c);
    if (!skip.has(i + 1)) out.push({ path, line: i + 1, text: t.slice(0, 300) });
    skip.add(i + 1);
  }
  return out;
}

function withEvidence(m: Omit<LicenseMatch, "evidence">, raw: string[], path: string, head: Evidence): LicenseMatch {
  const skip = new Set([head.line]);
  return { ...m, evidence: [head, ...clauseEvidence(raw, path, m.clauses, skip)] };
}

/** Restrictive prose in lines that are not part of the matched license (e.g. MIT + "non-commercial use only"). */
function extraTerms(norm: NormLine[], raw: string[], path: string, licenseBigrams: Uint32Array, have: Clause[]): { clauses: Clause[]; evidence: Evidence[] } {
  const set = new Set(licenseBigrams);
  const clauses = new Set<Clause>();
  const evidence: Evidence[] = [];
  let prev: string | undefined;
  for (const l of norm) {
    const bg = lineBigrams(prev, l.tokens);
    prev = l.tokens[l.tokens.length - 1];
    if (l.tokens.length < 3) continue;
    const inside = bg.filter((h) => set.has(h)).length;
    if (bg.length && inside / bg.length >= EXTRA_LINE_OVERLAP) continue;
    const text = (raw[l.line - 1] ?? "").trim();
    const found = proseClauses(text).filter((c) => RESTRICTIVE.includes(c) && !have.includes(c));
    if (!found.length) continue;
    found.forEach((c) => clauses.add(c));
    evidence.push({ path, line: l.line, text: text.slice(0, 300) });
  }
  return { clauses: sortClauses(clauses), evidence };
}

/** Compiled title patterns: one per AI license, one anchored at line start, and one of all titles. */
let titles: { ai: AiLicense; re: RegExp; lineStart: RegExp }[] | undefined;
let anyTitle: RegExp | undefined;
function titlePatterns(): { list: { ai: AiLicense; re: RegExp; lineStart: RegExp }[]; any: RegExp } {
  titles ??= fastIndex().ai.map((ai) => ({ ai, re: new RegExp(ai.title, "i"), lineStart: new RegExp(`^\\W{0,6}(?:${ai.title})`, "i") }));
  anyTitle ??= new RegExp(titles.map((t) => `(?:${t.ai.title})`).join("|"), "i");
  return { list: titles, any: anyTitle };
}

/** AI licenses whose title appears in the raw text: with a marker (full text) or in a short notice. */
function findAiLicenses(rawLow: string, normText: string, short: boolean): { ai: AiLicense; at: number; full: boolean }[] {
  const out: { ai: AiLicense; at: number; full: boolean }[] = [];
  const window = rawLow.slice(0, TITLE_WINDOW);
  const { list, any } = titlePatterns();
  if (!any.test(window)) return out;
  for (const { ai, re } of list) {
    const m = re.exec(window);
    if (!m) continue;
    const full = ai.markers.some((k) => normText.includes(k));
    if (full || short) out.push({ ai, at: m.index, full });
  }
  return out.sort((a, b) => a.at - b.at);
}

/** AI-license titles at the start of a line anywhere in the text (parts of a concatenated file). */
function aiParts(raw: string[], normText: string): { ai: AiLicense; line: number }[] {
  const out: { ai: AiLicense; line: number }[] = [];
  const { list, any } = titlePatterns();
  // One pass with the combined pattern finds the few candidate lines; titles are short lines.
  const hits = raw.map((l, i) => ({ l: l.trim(), i })).filter((x) => x.l.length < 200 && any.test(x.l));
  if (!hits.length) return out;
  for (const { ai, lineStart } of list) {
    const h = hits.find((x) => lineStart.test(x.l));
    if (h && ai.markers.some((k) => normText.includes(k))) out.push({ ai, line: h.i + 1 });
  }
  return out;
}

/** A whole file that is just an id or expression: "MIT", "SPDX-License-Identifier: Apache-2.0". */
function spdxIdFile(raw: string[]): { spdx: string; clauses: Clause[]; line: number; text: string } | undefined {
  const lines = raw.map((t, i) => ({ t: t.trim(), i })).filter((x) => x.t);
  const tag = lines.find((x) => /^(?:\W{0,4})spdx-license-identifier\s*:/i.test(x.t));
  // A lone line counts only if it is id-shaped: spdx-correct maps whole sentences to ids.
  const lone = lines.length === 1 && !/[/\\]/.test(lines[0]?.t ?? "") && (lines[0]?.t.length ?? 99) <= 60 && (lines[0]?.t.split(/\s+/).length ?? 99) <= 6 ? lines[0] : undefined;
  const cand = tag ?? lone;
  if (!cand || cand.t.length > 200) return undefined;
  const value = cand.t.replace(/^(?:\W{0,4})spdx-license-identifier\s*:\s*/i, "").replace(/\s*(?:\*\/|-->)\s*$/, "");
  const n = normalizeLicenseId(value);
  if (!n.spdx) return undefined;
  return { spdx: n.spdx, clauses: clausesForExpression(n.spdx), line: cand.i + 1, text: cand.t };
}

/** Common non-CC license names in a short notice, as references (MIT, Apache 2.0, BSD-3-Clause, GPLv3…). */
const LICENSE_NAME = /\b(MIT(?=\s+licen[cs]e|\b)|Apache(?:[\s-]+License)?,?[\s-]+(?:Version\s+|v)?2\.0|BSD[\s-]+[23][\s-]+Clause|(?:A|L)?GPL[\s-]*v?[23](?:\.[01])?(?:[\s-]*(?:only|or[\s-]+later|\+))?|MPL[\s-]*2\.0)\b/g;
function namedLicenses(raw: string[]): CcReference[] {
  const out: CcReference[] = [];
  raw.forEach((l, i) => {
    for (const m of l.matchAll(LICENSE_NAME)) {
      const n = normalizeLicenseId((m[1] ?? "").replace(/\s+/g, " "));
      if (n.spdx) out.push({ spdx: n.spdx, clauses: n.clauses, line: i + 1, text: l.trim() });
    }
  });
  return out;
}

function ccMatch(refs: CcReference[], path: string, confidence: number): LicenseMatch | undefined {
  const ids = [...new Set(refs.map((r) => r.spdx ?? ""))];
  const known = ids.filter(Boolean);
  if (!refs.length) return undefined;
  const clauses = sortClauses(refs.flatMap((r) => r.clauses));
  const evidence = refs.filter((r, i) => refs.findIndex((x) => x.spdx === r.spdx) === i).map((r) => ({ path, line: r.line, text: r.text.slice(0, 300) }));
  if (known.length === 1 && ids.length === 1) {
    return { spdx: known[0] as string, clauses: clausesForExpression(known[0] as string), confidence, matcher: "cc-notice", evidence };
  }
  if (known.length > 1 && ids.length === known.length) {
    const expr = known.map((i) => (/ (?:OR|WITH|AND) /.test(i) ? `(${i})` : i)).join(" AND ");
    return { spdx: expr, clauses: clausesForExpression(expr), confidence: confidence - 10, matcher: "cc-notice", evidence, note: "several licenses named (for different parts?); all are reported" };
  }
  // A version-less reference ("licensed under CC-BY-NC"): the clauses are known, the id is not.
  return { spdx: null, name: "Creative Commons (version not stated)", clauses, confidence: confidence - 20, matcher: "cc-notice", evidence, note: "Creative Commons license named without a version" };
}

/** Identify the license(s) of one file's whole text. Never throws. */
export function identifyLicenseText(text: string, path: string): LicenseMatch {
  try {
    return identify(typeof text === "string" ? text : "", path);
  } catch (e) {
    return { spdx: null, clauses: [], confidence: 0, matcher: "prose", evidence: [], note: `license identification failed: ${(e as Error).message}` };
  }
}

/** Words of a license name that say which license it is (not "license", "public", "version", numbers). */
const GENERIC_NAME_WORDS = new Set(["the", "license", "licence", "public", "general", "version", "only", "or", "later", "and", "of", "v", "clause", "new", "revised", "simplified", "agreement", "terms", "software", "source", "open", "free"]);
const nameWords = (s: string): string[] =>
  s
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 1 && !GENERIC_NAME_WORDS.has(w) && !/^\d+$/.test(w));

/** A license title line: short, a handful of words, not a sentence ("Permission is hereby granted …"). */
function titleLine(raw: readonly string[]): string | null {
  const first = raw.slice(0, 8).map((l) => l.replace(/[#*=_-]+/g, " ").trim()).find((l) => l.length > 0);
  if (!first || first.length > 80 || first.split(/\s+/).length > 10 || /[.,;:]\s|[.,;:]$/.test(first) || !/\blicen[cs]e\b/i.test(first)) return null;
  if (/^(?:copyright|permission|licen[cs]ed|this|the following|you|redistribution)\b/i.test(first)) return null;
  return first;
}

let canonicalTitles: Map<string, string | null> | undefined;
/** The title line of the published SPDX text of `id` (read from spdx-license-list only when a fuzzy match needs it). */
function canonicalTitle(id: string): string | null {
  canonicalTitles ??= new Map();
  if (!canonicalTitles.has(id)) {
    let t: string | null;
    try {
      const req = createRequire(import.meta.url);
      const full = req("spdx-license-list/full") as Record<string, { licenseText?: string }>;
      const text = full[id]?.licenseText;
      t = text ? titleLine(text.split(/\r\n|\r|\n/)) : null;
    } catch {
      t = null;
    }
    canonicalTitles.set(id, t);
  }
  return canonicalTitles.get(id)!;
}

/**
 * The title of a license text when it names another license than the published text of `id` does
 * ("Example Public License" over MPL-2.0's text): a modified license, never to be named as its base.
 */
export function renamedFrom(raw: readonly string[], id: string): string | null {
  const first = titleLine(raw);
  const canon = first ? canonicalTitle(id) : null;
  if (!first || !canon) return null;
  const want = nameWords(canon);
  const got = nameWords(first);
  if (want.length === 0 || got.length === 0) return null;
  const flat = (x: string) => x.toLowerCase().replace(/[^a-z0-9]/g, "");
  // Any shared word, even run together ("OpenLDAP" / "Open LDAP"), keeps the base license's name.
  return want.some((w) => flat(first).includes(w)) || got.some((w) => w.length > 2 && flat(canon).includes(w)) ? null : first;
}

function identify(text: string, path: string): LicenseMatch {
  const none = (note: string): LicenseMatch => ({ spdx: null, clauses: [], confidence: 0, matcher: "prose", evidence: [], note });
  if (!/\S/.test(text)) return none("empty file");
  if (looksBinary(text)) return none("binary content, not read as text");
  const truncated = text.length > MAX_CHARS;
  const capped = truncated ? text.slice(0, MAX_CHARS) : text;
  const truncNote = truncated ? `only the first ${MAX_CHARS / 1024} KB of ${Math.round(text.length / 1024)} KB were read` : undefined;
  const raw = capped.split(RAW_SPLIT);
  const norm = normalizeLines(capped, true, raw);
  const tokens: string[] = [];
  for (const l of norm) for (const t of l.tokens) tokens.push(t);
  const normText = tokens.join(" ");
  const idx = fastIndex();
  const head = headEvidence(raw, path, norm);
  const short = tokens.length < SHORT_NOTICE_TOKENS;
  const nameOf = (id: string): string | undefined => idx.names[id];

  // 1. exact: normalised text equal to an SPDX text.
  const exact = idx.exact[exactKey(normText)];
  if (exact && tokens.length > 0) {
    return withEvidence({ spdx: exact, name: nameOf(exact), clauses: clausesForExpression(exact), confidence: 100, matcher: "exact", note: truncNote }, raw, path, head);
  }

  // 2. ai-license: RAIL, Llama, Gemma, NVIDIA NC… by title + distinctive passages.
  const rawLow = capped.slice(0, TITLE_WINDOW).toLowerCase();
  const ai = findAiLicenses(rawLow, normText, short);
  const firstAi = ai[0];
  if (firstAi && (ai.length === 1 || short)) {
    const a = firstAi.ai;
    const line = rawLow.slice(0, firstAi.at).split(RAW_SPLIT).length;
    const ev: Evidence = { path, line, text: (raw[line - 1] ?? "").trim().slice(0, 300) };
    return withEvidence({ spdx: a.id, name: a.name, clauses: sortClauses(a.clauses), confidence: firstAi.full ? 98 : 85, matcher: "ai-license", note: firstAi.full ? truncNote : "license named in a short notice, not its full text" }, raw, path, ev);
  }

  // 3. cc-notice on short files: "This work is licensed under a Creative Commons … License".
  const cc = findCcReferences(raw);
  if (short && cc.length) {
    // "Code: MIT. Weights: CC BY-NC 4.0": other licenses named next to the CC one join the result.
    const m = ccMatch([...cc, ...namedLicenses(raw)], path, 92);
    if (m) return m;
  }
  // 4. spdx-id: the file is an identifier or carries an SPDX-License-Identifier tag.
  if (short) {
    const tag = spdxIdFile(raw);
    if (tag) return { spdx: tag.spdx, name: nameOf(tag.spdx), clauses: tag.clauses, confidence: 95, matcher: "spdx-id", evidence: [{ path, line: tag.line, text: tag.text }] };
  }

  if (tokens.length === 0) return none("no license text");

  // 5. dice: one SPDX license, fuzzy.
  const input = bigramSet(tokens);
  const ranked = rankDice(input, NEAR_MISS_DICE, CONTAINMENT_THRESHOLD);
  const best = ranked[0];
  // A long license can pass the Dice bar while a second, shorter one sits in the same file
  // (Apache-2.0 + MIT): look for whole licenses first unless the match is all but exact.
  const cover = best && best.dice >= NEAR_EXACT_DICE ? { parts: [], covered: 1 } : coverByLicenses(input, ranked, CONTAINMENT_THRESHOLD);
  const aiFound = aiParts(raw, normText);
  const partCount = cover.parts.length + aiFound.length;
  if (best && best.dice >= DICE_THRESHOLD && partCount < 2) {
    const id = best.entry.id;
    const base = clausesForExpression(id);
    const extra = extraTerms(norm, raw, path, best.entry.bigrams, base);
    const second = ranked[1];
    // Near-tie with another text (e.g. two BSD variants): still the best, but say it is less sure.
    const margin = second && best.dice - second.dice < 0.005 ? 5 : 0;
    const confidence = Math.max(1, Math.floor(best.dice * 100) - margin);
    if (extra.clauses.length) {
      return {
        spdx: null,
        name: `${best.entry.name} with additional terms`,
        clauses: sortClauses([...base, ...extra.clauses]),
        confidence: Math.min(confidence, 80),
        matcher: "dice",
        evidence: [head, ...extra.evidence],
        note: `${id} text with added restrictions: not ${id} as published`,
      };
    }
    // A text retitled as another license ("Example Public License" over MPL-2.0's text) is a modified license: never
    // name it as its base (licensee's rule too). Its clauses are the base's, which the modification may have changed.
    const retitled = renamedFrom(raw, id);
    if (retitled) {
      return {
        spdx: null,
        name: `${retitled} (a modified ${best.entry.name})`,
        clauses: base,
        confidence: Math.min(confidence, 70),
        matcher: "dice",
        evidence: [head],
        note: `a modified ${id} text under another title: not ${id} as published`,
      };
    }
    const start = partEvidence(norm, raw, path, best.entry.bigrams);
    return withEvidence({ spdx: id, name: best.entry.name, clauses: base, confidence, matcher: "dice", note: truncNote }, raw, path, start.line ? start : head);
  }

  // 6. concatenated: several whole licenses in one file (and AI licenses by title).
  // One license inside a longer text must be nearly whole: a lower bar lets a license that
  // merely shares sentences (MIT-Modern-Variant inside Cornell-Lossless-JPEG) win.
  const single = cover.parts.length === 1 && aiFound.length === 0 && (cover.parts[0]?.containment ?? 0) >= SINGLE_PART_CONTAINMENT && cover.covered >= CONCAT_COVERAGE;
  if (partCount >= 2 || single) {
    if (cover.covered >= CONCAT_COVERAGE || aiFound.length > 0) {
      const ids = [...cover.parts.map((p) => p.entry.id), ...aiFound.map((a) => a.ai.id)];
      const uniq = [...new Set(ids)];
      const expr = uniq.map((i) => (/ (?:WITH|OR|AND) /.test(i) ? `(${i})` : i)).join(" AND ");
      const evidence: Evidence[] = [];
      for (const p of cover.parts) evidence.push(partEvidence(norm, raw, path, p.entry.bigrams));
      for (const a of aiFound) evidence.push({ path, line: a.line, text: (raw[a.line - 1] ?? "").trim().slice(0, 300) });
      evidence.sort((a, b) => a.line - b.line);
      const conf = Math.floor(Math.min(...cover.parts.map((p) => p.containment), 1) * 100 * (uniq.length > 1 ? 0.95 : 0.9));
      return {
        spdx: expr,
        name: uniq.length > 1 ? uniq.map((i) => nameOf(i) ?? fastIndex().ai.find((a) => a.id === i)?.name ?? i).join(" + ") : nameOf(expr),
        clauses: clausesForExpression(expr),
        confidence: conf,
        matcher: uniq.length > 1 ? "concatenated" : "dice",
        evidence,
        note: uniq.length > 1 ? `${uniq.length} licenses in one file` : "license text inside a longer file",
      };
    }
  }

  // 6b. one whole license after (or before) a preamble that only states copyright ("COPYRIGHT … Each contributor holds
  // copyright … LICENSE The MIT License"): the license is that one, as long as the rest of the text restricts nothing.
  const whole = cover.parts.length === 1 && aiFound.length === 0 && (cover.parts[0]?.containment ?? 0) >= SINGLE_PART_CONTAINMENT ? cover.parts[0]! : undefined;
  if (whole && !cc.length) {
    const id = whole.entry.id;
    const base = clausesForExpression(id);
    const stated = new Set<Clause>();
    for (const l of raw) if (l.trim().length > 0 && l.length <= 2000) for (const c of proseClauses(l)) stated.add(c);
    if ([...stated].every((c) => base.includes(c)) && !renamedFrom(raw, id)) {
      const start = partEvidence(norm, raw, path, whole.entry.bigrams);
      const confidence = Math.min(90, Math.floor(whole.containment * 100));
      return withEvidence({ spdx: id, name: whole.entry.name, clauses: base, confidence, matcher: "dice", note: "license text inside a longer file that adds no terms" + (truncNote ? `; ${truncNote}` : "") }, raw, path, start.line ? start : head);
    }
  }

  // 7. cc-notice in a longer text that is no known license text.
  if (cc.length) {
    const m = ccMatch(cc, path, 80);
    if (m) return m;
  }
  if (firstAi) {
    const a = firstAi.ai;
    const line = rawLow.slice(0, firstAi.at).split(RAW_SPLIT).length;
    return withEvidence({ spdx: a.id, name: a.name, clauses: sortClauses(a.clauses), confidence: 80, matcher: "ai-license", note: "several AI licenses named; the first is reported" }, raw, path, { path, line, text: (raw[line - 1] ?? "").trim().slice(0, 300) });
  }

  // 8. prose: no known license; read the restrictions it states.
  const clauses = new Set<Clause>();
  const evidence: Evidence[] = [];
  for (let i = 0; i < raw.length && i < 20000; i++) {
    const t = (raw[i] ?? "").trim();
    if (!t || t.length > 2000) continue;
    const found = proseClauses(t);
    if (!found.length) continue;
    found.forEach((c) => clauses.add(c));
    if (evidence.length < 20) evidence.push({ path, line: i + 1, text: t.slice(0, 300) });
  }
  // A clause wrapped over several lines of a paragraph ("… to be licensed as a whole at no / charge to all third
  // parties under the terms of this Licence"): read each paragraph joined as well.
  for (let i = 0; i < raw.length && i < 20000; ) {
    if (!(raw[i] ?? "").trim()) {
      i++;
      continue;
    }
    const start = i;
    const parts: string[] = [];
    while (i < raw.length && (raw[i] ?? "").trim() && i - start < 60) parts.push((raw[i++] ?? "").trim());
    if (parts.length < 2) continue;
    const joined = parts.join(" ").slice(0, 6000);
    for (const c of proseClauses(joined)) {
      if (clauses.has(c)) continue;
      clauses.add(c);
      if (evidence.length < 20) evidence.push({ path, line: start + 1, text: (raw[start] ?? "").trim().slice(0, 300) });
    }
  }
  const near = best ? ` (closest SPDX text: ${best.entry.id}, Dice ${best.dice.toFixed(2)})` : "";
  return {
    spdx: null,
    clauses: sortClauses(clauses),
    confidence: clauses.size ? 60 : 0,
    matcher: "prose",
    evidence: evidence.length ? evidence : [head],
    note: (clauses.size ? "no known license; clauses read from the text" : "no known license and no restriction stated") + near + (truncNote ? `; ${truncNote}` : ""),
  };
}

/** The line where a part of a concatenated file starts: its title if the line before is one. */
function partEvidence(norm: NormLine[], raw: string[], path: string, bigrams: Uint32Array): Evidence {
  const set = new Set(bigrams);
  let prev: string | undefined;
  for (let k = 0; k < norm.length; k++) {
    const l = norm[k] as NormLine;
    const bg = lineBigrams(prev, l.tokens);
    prev = l.tokens[l.tokens.length - 1];
    if (bg.length >= 3 && bg.filter((h) => set.has(h)).length / bg.length >= 0.8) {
      // Walk back over a title line that normalisation dropped ("MIT License", "Apache License").
      let line = l.line;
      for (let j = l.line - 2; j >= 0 && j >= l.line - 6; j--) {
        const t = (raw[j] ?? "").trim();
        if (!t || SEPARATOR_LINE.test(t)) continue;
        if (t.length >= 80 || /[.;:]$/.test(t)) break;
        if (/licen[cs]e|agreement/i.test(t)) line = j + 1;
      }
      return { path, line, text: (raw[line - 1] ?? "").trim().slice(0, 300) };
    }
  }
  return { path, line: 0, text: "" };
}
