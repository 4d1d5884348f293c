/**
 * Which licenses a repository states, and which of them governs its weights.
 *
 * The repository LICENSE is the fallback; weight-specific statements narrow or
 * override it: MODEL_LICENSE / WEIGHTS_LICENSE / LICENSE-MODEL files, a model
 * card's `license` / `license_name` / `license_link`, README or docs sentences
 * about the pretrained models, and REUSE.toml annotations on weight paths.
 */
import { minimatch } from "minimatch";
import type { Clause, LicenseHit, LicenseScope, WeightRef } from "../core/types.js";
import { splitLines } from "../sources/text.js";
import { isLicenseName } from "./candidates.js";
import { parseFrontMatter, stringList } from "./frontmatter.js";
import { splitSentences } from "./sentences.js";
import { documentOf, flavourOf, type Flavour } from "./document.js";
import { clausesForExpression, identifyLicenseText, normalizeLicenseId, proseClauses } from "./license/index.js";

const base = (p: string) => p.slice(p.lastIndexOf("/") + 1);
const depth = (p: string) => p.split("/").length - 1;
const MAX_QUOTE = 240;
const q = (s: string) => (s.trim().length > MAX_QUOTE ? `${s.trim().slice(0, MAX_QUOTE - 1)}…` : s.trim());

/** The scope a license file's name gives it. */
export function scopeOfLicenseFile(path: string): LicenseScope {
  const b = base(path);
  if (/model|weight|checkpoint/i.test(b)) return "weights";
  if (/data/i.test(b)) return "data";
  if (/^LICEN[CS]ES?\//i.test(path)) return "repository";
  if (depth(path) > 0) return "third-party";
  // LICENSE, LICENSE.md, LICENCE, COPYING, UNLICENSE; a suffixed root file (LICENSE-NVIDIA, LICENSE-FID) covers a part.
  if (/^(?:un)?licen[cs]e(?:\.[a-z]+)?$|^copying(?:\.[a-z]+)?$/i.test(b)) return "repository";
  return "third-party";
}

const README_NAME = /^readme(?:\.(?:md|markdown|rst|txt))?$/i;

/**
 * The body of a README's "License" section (from the line after its heading, ATX, setext, HTML or rST, to the next
 * heading of the same or a higher level), when it is long enough to be a license text.
 */
export function licenseSection(text: string, flavour: Flavour = "markdown"): { body: string; line: number } | null {
  const doc = documentOf(text, flavour);
  for (const sec of doc.sections) {
    if (!/^(?:the\s+)?(?:licen[cs]e|licensing|copyright(?: and licen[cs]e)?)\s*:?$/i.test(sec.text.trim())) continue;
    const body = doc.lines.slice(sec.headingEnd, sec.endLine).join("\n");
    if (body.replace(/\s+/g, " ").length >= 300) return { body, line: sec.headingEnd + 1 };
  }
  return null;
}

/**
 * A COPYING.LESSER (LGPL) beside a COPYING (GPL) is the LGPL: its text supplements the GPL's, which ships with it
 * because the LGPL incorporates it. The pair is one LGPL statement, not GPL AND LGPL.
 */
function lgplOverGpl(hits: LicenseHit[]): LicenseHit[] {
  const dir = (p: string) => p.slice(0, p.lastIndexOf("/") + 1);
  const lesser = hits.filter((h) => /lesser|lgpl/i.test(base(h.source.path)) && /^LGPL-/.test(h.spdx ?? ""));
  if (lesser.length === 0) return hits;
  return hits.filter((h) => !(/^GPL-/.test(h.spdx ?? "") && /^copying/i.test(base(h.source.path)) && lesser.some((l) => dir(l.source.path) === dir(h.source.path) && l.spdx!.replace(/^L/, "").split("-")[1] === h.spdx!.split("-")[1])));
}

/** Is this Markdown file a model card (root README with front matter, MODEL_CARD.md, *_model_card.md …)? */
const isModelCardName = (p: string) => /model[-_ ]?card|^modelcard/i.test(base(p));
const isDoc = (p: string) => /\.(md|markdown|rst|txt|html?)$/i.test(p) || /(^|\/)readme$/i.test(p);

/** "Users must comply with … the original licenses", "should be used under Llama's model license". */
const DEFERS =
  /\b(?:subject to|compl(?:y|iance) with|abide by|governed by|(?:should|must|shall) be used under|used under)\b[^.]{0,120}?\b(?:original|respective|upstream|base|their|[\w.-]+'s)\b[^.]{0,80}?\blicen[cs]es?\b|\b(?:models?|weights?|checkpoints?)\b[^.]{0,80}?\bfollows?\s+(?:the\s+)?licen[cs]es?\s+of\s+(?:its|it's|their|the)\s+(?:corresponding|respective|own|training|original)?\s*(?:data(?:sets?)?|corpus|corpora)\b/i;
/** Pre-test for DEFERS (which ends in "license(s)"): skips the long pattern on most paragraphs. */
const LICENSES_WORD = /licen[cs]e/i;
const WEIGHTS_OR_DATA = /\b(?:models?|weights?|checkpoints?|datasets?|data)\b/i;
/** "this repository is MIT licensed, which covers the code only": the repository license excludes the weights. */
const CODE_ONLY_LICENSE =
  /\blicen[cs](?:e|ed)\b[^.]{0,80}?\b(?:covers?|cover|appl(?:y|ies)(?: to)?|is for|only for)\s+(?:the\s+)?(?:source\s+)?code\s+only\b|\blicen[cs](?:e|ed)\b[^.]{0,80}?\bonly\s+(?:covers?|appl(?:y|ies) to)\s+(?:the\s+)?(?:source\s+)?code\b|\b(?:weights|models|checkpoints)\b[^.]{0,60}\bnot\s+(?:covered|included)\s+by\b[^.]{0,40}\blicen[cs]e\b/i;

/** A model card's "License:" field line. */
const LICENSE_FIELD = /^\s*(?:[-*]\s*)?(?:\*\*|__)?licen[cs]e(?:\*\*|__)?\s*:(?:\*\*|__)?\s*(.{2,200})$/im;

/** Paragraphs of prose (not headings, tables or code), with a map from offset to line number. */
export function paragraphs(lines: readonly string[], from = 0): { text: string; lineAt: (offset: number) => number }[] {
  const out: { text: string; lineAt: (offset: number) => number }[] = [];
  let buf: string[] = [];
  let starts: number[] = [];
  let inCode = false;
  const flush = () => {
    if (buf.length) {
      const offs: number[] = [];
      let o = 0;
      for (const l of buf) {
        offs.push(o);
        o += l.length + 1;
      }
      const lineNos = starts;
      out.push({
        text: buf.join(" "),
        lineAt: (offset: number) => {
          let k = 0;
          while (k + 1 < offs.length && offs[k + 1]! <= offset) k++;
          return lineNos[k]! + 1;
        },
      });
    }
    buf = [];
    starts = [];
  };
  for (let i = from; i < lines.length; i++) {
    const l = lines[i]!;
    if (/^\s*(```|~~~)/.test(l)) {
      flush();
      inCode = !inCode;
      continue;
    }
    if (inCode || l.length > 5_000) continue;
    const blank = l.trim() === "";
    const structural = /^\s{0,3}#{1,6}\s/.test(l) || /^\s*\|/.test(l) || /^\s*[-*+]\s|^\s*\d+[.)]\s/.test(l);
    if (blank) {
      flush();
      continue;
    }
    if (structural) {
      // A heading, table row or list item is its own paragraph.
      flush();
      buf = [l];
      starts = [i];
      flush();
      continue;
    }
    buf.push(l);
    starts.push(i);
  }
  flush();
  return out;
}

/** A sentence about the published models/weights (not the code). */
const WEIGHTS_SUBJECT = /\b(?:pre-?trained|released|provided|our|these|the|all|trained)?\s*(?:models?|weights?|checkpoints?|model weights|weight diffs?|parameters)\b/i;
const LICENSE_WORD = /\b(?:licen[cs]e[ds]?|licen[cs]ing|terms|non-?commercial|research (?:purposes?|use)|academic|commercial use|creative commons|CC[- ](?:BY|NC)|use restrictions?)\b/i;
const CODE_ONLY = /\b(?:code|codebase|source code|repository|software|scripts?)\b/i;

/** Sentences, further split where one sentence licenses two subjects ("the code is MIT, while the weights are CC BY-NC"). */
const CLAUSE_SPLIT = /,?\s+(?:while|whereas|but)\s+|,\s+and\s+(?=(?:the\s+|our\s+|all\s+)?(?:pre-?trained\s+)?(?:models?|weights|checkpoints)\b)/i;
function sentences(line: string): { text: string; offset: number }[] {
  const out: { text: string; offset: number }[] = [];
  const push = (text: string, offset: number) => {
    let o = offset;
    for (const part of text.split(CLAUSE_SPLIT)) {
      if (part.trim()) out.push({ text: part, offset: o });
      o += part.length;
    }
  };
  // A sentence ends at . ; ! ? followed by a space or the end: "3.0", "creativecommons.org" and "e.g. " do not end one.
  for (const s of splitSentences(line)) push(s.text, s.offset);
  return out.length ? out : [{ text: line, offset: 0 }];
}

/** A statement of intent ("are intended to be used for research purposes only", "not intended to be commercially deployed"). */
const INTENT_ONLY = /\bintended\s+(?:to\s+be\s+used\s+|solely\s+|only\s+|primarily\s+)?(?:for|as)\b|\bintended\s+(?:to\s+be\s+)?(?:commercially\s+)?(?:deployed|used)\b/i;
/** Words that make a sentence terms rather than intent. */
const BINDING = /\b(?:licen[cs]e[ds]?|terms|prohibited|forbidden|not (?:permitted|allowed)|must|may (?:only|not)|shall|agree)\b/i;
/** A model card's intended-use section (Mitchell et al.'s template: "Intended Use", "Primary intended uses", "Out-of-scope use"). */
const INTENDED_USE_HEADING = /^(?:#+\s*)?(?:primary\s+)?intended\s+uses?(?:\s+cases?)?\s*:?$|^out-of-scope\s+uses?(?:\s+cases?)?\s*:?$/i;

/** A sentence about the license something else was first shared under ("The network was originally shared under Apache 2.0"). */
const UPSTREAM_LICENSE = /\boriginally\s+(?:shared|released|licen[cs]ed|distributed|published|made available)\b/i;

/** A parenthesis or clause that extends a statement about data to the models trained on it. */
const MODELS_TOO = /\(\s*(?:and|including|as well as|together with|also)\s+(?:the\s+|all\s+|any\s+)?(?:pre-?trained\s+|trained\s+)?(?:models?|weights|checkpoints?)\b[^)]*\)|\b(?:and|as well as|including)\s+(?:the\s+|all\s+|any\s+)?(?:models?|weights|checkpoints?)\s+(?:trained|learned|derived)\s+(?:on|with|from)\b/i;

/** An exclusion of data from a license statement's subject ("excluding the Flickr-Faces-HQ dataset"). */
const EXCLUDED_DATA = /\b(?:excluding|except(?: for)?|other than|apart from|with the exception of)\s+[^,;()]*?\b(?:data(?:sets?)?|corpus|corpora|images|annotations)\b[^,;()]*/gi;

const LICENSING_VERB = /\b(?:licen[cs]ed|released|distributed|available|provided|published|made available|shared)\s+(?:\w+\s+){0,2}?(?:under|for)\b/i;
const SUBJECTS: [RegExp, "weights" | "data" | "code"][] = [
  [/\b(?:models?|weights?|checkpoints?|parameters|weight diffs?)\b/gi, "weights"],
  [/\b(?:data(?:sets?)?|corpus|corpora|annotations?|records|images|captions)\b/gi, "data"],
  [/\b(?:code|codebase|source code|software|scripts?|library|repository)\b/gi, "code"],
];

const PLACE_PHRASE = /\b(?:(?:included|contained|provided|hosted|stored)\s+)?(?:in|of|from|within|inside)\s+(?:this|the|our)\s+(?:repository|repo|project|codebase|package|folder|directory)\b/gi;

/**
 * The subject a license verb attaches to: the nearest subject noun before "licensed/released … under"
 * ("… fine-tuned on a corpus … released under CC-BY-SA" is about the corpus, not the model).
 * Null when the sentence has no licensing verb.
 */
export function nearestSubject(sentence: string, licenseAt = -1): "weights" | "data" | "code" | null {
  const v = LICENSING_VERB.exec(sentence);
  // Without a verb, a license in parentheses right after a name ("… corpus ([Stanford Alpaca](…)) (CC-NC-BY-4.0)")
  // attaches to what precedes it.
  const anchor = v ? v.index : licenseAt >= 0 && /\(\s*$/.test(sentence.slice(0, licenseAt)) ? licenseAt : -1;
  if (anchor < 0) return null;
  // "the pretrained model(s) included in this repository is … available for research only": a place ("in this
  // repository") modifies the subject; it is not one.
  const before = sentence.slice(Math.max(0, anchor - 120), anchor).replace(PLACE_PHRASE, (m) => " ".repeat(m.length));
  let best: { at: number; kind: "weights" | "data" | "code" } | null = null;
  for (const [re, kind] of SUBJECTS) {
    re.lastIndex = 0;
    for (let m = re.exec(before); m; m = re.exec(before)) if (!best || m.index > best.at) best = { at: m.index, kind };
  }
  // "The code and the pretrained models are released under MIT": both subjects, the weights included.
  if (best?.kind === "code" && /\b(?:models?|weights?|checkpoints?)\b/i.test(before.slice(best.at))) return "weights";
  if (best?.kind === "code" && /\b(?:models?|weights?|checkpoints?)\b/i.test(before) && /\band\b/i.test(before.slice(0, best.at + 12))) return "weights";
  return best?.kind ?? null;
}

/** License names written in a sentence: "licensed under the Creative Commons Attribution-ShareAlike 3.0 license", "CC BY-NC 4.0", "Apache 2.0". */
const NAMED_LICENSE =
  /\b(?:(?:CC|creative commons)[- ]?(?:BY|NC|0)(?:[- ](?:BY|NC|SA|ND)){0,3}[- ]?\d\.\d|creative commons (?:attribution|zero)[\w\s-]*?\d\.\d(?: international)?|apache(?: license)?,?\s*(?:version\s*)?2\.0|MIT license|BSD[- ]\d[- ]clause|GPL-?v?\d|AGPL-?v?\d|(?:creativeml )?openrail(?:\+\+)?(?:-m)?|llama ?\d(?:\.\d)? community license|gemma terms of use)\b/gi;

function licenseFromSentence(s: string): { spdx: string | null; clauses: Clause[] } | null {
  NAMED_LICENSE.lastIndex = 0;
  const found: { id: string; clauses: Clause[]; at: number; end: number }[] = [];
  for (let m = NAMED_LICENSE.exec(s); m; m = NAMED_LICENSE.exec(s)) {
    const n = normalizeLicenseId(m[0]);
    if (n.spdx && !found.some((f) => f.id === n.spdx)) found.push({ id: n.spdx, clauses: n.clauses, at: m.index, end: m.index + m[0].length });
  }
  // Prose restrictions beyond the named licenses ("… under MIT, for research use only"); the names themselves
  // are blanked out so that "CC BY-NC" in an OR branch does not come back as a prose clause.
  let rest = s;
  for (const f of [...found].reverse()) rest = rest.slice(0, f.at) + " ".repeat(f.end - f.at) + rest.slice(f.end);
  const prose = proseClauses(rest);
  if (found.length === 0 && prose.length === 0) return null;
  if (found.length === 0) return { spdx: null, clauses: prose };
  // "MIT or Apache-2.0", "dual-licensed", "at your option": the recipient picks a branch (SPDX OR); otherwise
  // every named license applies (AND).
  const between = s.slice(found[0]!.end, found[found.length - 1]!.at);
  const choice = found.length > 1 && (/\b(?:or|either)\b/i.test(between) || /dual[- ]licen[cs]ed|at your (?:option|choice)/i.test(s));
  const wrap = (id: string) => (/\s(?:OR|AND)\s/.test(id) ? `(${id})` : id);
  const spdx = found.length === 1 ? found[0]!.id : found.map((f) => wrap(f.id)).join(choice ? " OR " : " AND ");
  let clauses: Clause[];
  try {
    clauses = clausesForExpression(spdx);
  } catch {
    clauses = [...new Set(found.flatMap((f) => f.clauses))];
  }
  return { spdx, clauses: [...new Set([...clauses, ...prose])] };
}

/** A divider that opens another project's license inside a LICENSE file: "----- LICENSE FOR CycleGAN -----". */
const BORROWED_DIVIDER = /^[\s\-=#*_~]*licen[cs]es?\s+(?:for|of)\s+(?!(?:the\s+|our\s+|all\s+)?(?:pre-?trained\s+)?(?:models?|weights?|checkpoints?|data(?:sets?)?|this|these)\b)([^\n]{2,80}?)[\s\-=#*_~:]*$/i;

/**
 * A LICENSE file that concatenates this repository's license with the licenses of the projects it borrows code from,
 * each under a "LICENSE FOR <project>" divider: the text before the first divider, and the rest with its first line.
 * Null when there is no such divider or nothing of a license stands before it. A divider about the models, weights
 * or data ("License for the pre-trained models") is not a borrowed project's.
 */
export function splitBorrowed(text: string): { own: string; borrowed: string; line: number } | null {
  const lines = splitLines(text);
  const at = lines.findIndex((l, i) => i > 0 && l.length <= 160 && BORROWED_DIVIDER.test(l));
  if (at <= 0) return null;
  const own = lines.slice(0, at).join("\n");
  if (own.trim().length < 200) return null;
  return { own, borrowed: lines.slice(at).join("\n"), line: at + 1 };
}

export interface LicenseInput {
  texts: ReadonlyMap<string, string>;
  weights: readonly WeightRef[];
}

/** Every license statement found, with its scope. */
export function detectLicenses(input: LicenseInput): LicenseHit[] {
  const hits: LicenseHit[] = [];
  // Vendored trees repeat the same LICENSE text many times: identify each distinct text once.
  const byText = new Map<string, ReturnType<typeof identifyLicenseText>>();
  for (const [path, text] of input.texts) {
    if (isLicenseName(path) && !/\.(ya?ml|json|py|toml)$/i.test(path)) {
      const scope = scopeOfLicenseFile(path);
      let m0 = byText.get(text);
      if (!m0) {
        m0 = identifyLicenseText(text, path);
        byText.set(text, m0);
      }
      const m = { ...m0, evidence: m0.evidence.map((e) => ({ ...e, path })) };
      if (m.spdx === null && m.clauses.length === 0) {
        if (/^notice/i.test(base(path))) continue; // a NOTICE that names no license is not a license
      }
      // Several licenses in one file, the later ones under "LICENSE FOR <project>" dividers: the first is this
      // repository's, the rest cover the code it borrowed (and say nothing about its weights).
      const split = m.matcher === "concatenated" ? splitBorrowed(text) : null;
      if (split) {
        const all = splitLines(text);
        for (const [part, offset, partScope] of [[split.own, 0, scope], [split.borrowed, split.line - 1, "third-party"]] as const) {
          const pm = identifyLicenseText(part, path);
          if (pm.spdx === null && pm.clauses.length === 0) continue;
          const pe = pm.evidence[0];
          const line = (pe?.line ?? 1) + offset;
          hits.push({ spdx: pm.spdx, scope: partScope, clauses: pm.clauses, confidence: pm.confidence, source: { path, line, text: q(all[line - 1] ?? "") }, matcher: pm.matcher, ...(pm.name ? { name: pm.name } : {}) });
        }
        continue;
      }
      const ev = m.evidence[0] ?? { path, line: 1, text: q(splitLines(text)[0] ?? "") };
      hits.push({ spdx: m.spdx, scope, clauses: m.clauses, confidence: m.confidence, source: { ...ev, path }, matcher: m.matcher, ...(m.name ? { name: m.name } : {}) });
      continue;
    }
    if (!isDoc(path)) {
      if (base(path) === "REUSE.toml") hits.push(...reuseAnnotations(path, text, input.weights));
      continue;
    }
    const fm = parseFrontMatter(text);
    const cardLike = fm.data !== null && (depth(path) === 0 || isModelCardName(path));
    if (fm.data && cardLike) {
      const raw = stringList(fm.data["license"])[0];
      if (raw) {
        const name = stringList(fm.data["license_name"])[0];
        const link = stringList(fm.data["license_link"])[0];
        const value = raw.toLowerCase() === "other" && name ? name : raw;
        const n = normalizeLicenseId(value);
        const line = fm.keyLines.get("license") ?? 1;
        const lines = splitLines(text);
        hits.push({
          spdx: n.spdx,
          scope: "weights",
          clauses: n.clauses,
          confidence: n.spdx ? 95 : 50,
          source: { path, line, text: q(lines[line - 1] ?? `license: ${raw}`) },
          matcher: "model-card",
          ...(link ? { name: `${value} (${link})` } : {}),
        });
      }
    }
    // A full license text under a README "License" heading: identified like a LICENSE file (licensee reads it too).
    if (README_NAME.test(base(path))) {
      const sec = licenseSection(text, flavourOf(path));
      if (sec) {
        const m = identifyLicenseText(sec.body, path);
        if ((m.spdx !== null || m.clauses.length > 0) && (m.matcher === "exact" || m.matcher === "dice" || m.matcher === "concatenated")) {
          const ev = m.evidence[0];
          const line = sec.line + (ev ? ev.line - 1 : 0);
          hits.push({ spdx: m.spdx, scope: depth(path) === 0 ? "repository" : "third-party", clauses: m.clauses, confidence: m.confidence, source: { path, line, text: q(splitLines(text)[line - 1] ?? "") }, matcher: "readme-section", ...(m.name ? { name: m.name } : {}) });
        }
      }
    }
    // Sentences about the weights that carry a license or a restriction, read per paragraph so that a sentence
    // wrapped over several lines ("All models … are licensed under the Creative Commons\nAttribution-ShareAlike
    // 3.0 license") is seen whole.
    // Most docs say nothing about licenses: one cheap test of the whole text before splitting it into paragraphs.
    if (!LICENSE_WORD.test(text) && !/licen[cs]e\s*:/i.test(text)) continue;
    const lines = splitLines(text);
    const startLine = fm.data || fm.error ? fm.bodyOffset : 0;
    let sections: ReturnType<typeof documentOf>["sections"] | null = null;
    const intendedUseSection = (line: number): boolean => {
      sections ??= documentOf(text, flavourOf(path)).sections;
      return sections.some((sec) => line > sec.headingEnd && line <= sec.endLine && INTENDED_USE_HEADING.test(sec.text.trim()));
    };
    for (const para of paragraphs(lines, startLine)) {
      if (!LICENSE_WORD.test(para.text) && !LICENSE_FIELD.test(para.text)) continue;
      const field = LICENSE_FIELD.exec(para.text);
      if (field && (isModelCardName(path) || cardLike)) {
        // "- **License:** [Proprietary](LICENSE)" in a model card: the card's own license label.
        const value = field[1]!.replace(/\[([^\]]*)\]\([^)]*\)/g, "$1").replace(/[*_`]/g, "").trim();
        const n = normalizeLicenseId(value);
        const link = /\]\(([^)\s]+)\)/.exec(field[0])?.[1];
        hits.push({
          spdx: n.spdx ?? (/proprietary/i.test(value) ? "LicenseRef-Proprietary" : null),
          scope: "weights",
          clauses: n.clauses,
          confidence: 70,
          source: { path, line: para.lineAt(field.index), text: q(lines[para.lineAt(field.index) - 1] ?? value) },
          matcher: "card-field",
          name: link ? `${value} -> ${link}` : value,
        });
        continue;
      }
      const codeOnly = CODE_ONLY_LICENSE.exec(para.text);
      if (codeOnly) {
        const line = para.lineAt(codeOnly.index);
        hits.push({ spdx: null, scope: "code", clauses: [], confidence: 80, source: { path, line, text: q(lines[line - 1] ?? "") }, matcher: "code-only" });
      }
      if (LICENSES_WORD.test(para.text) && DEFERS.test(para.text) && WEIGHTS_OR_DATA.test(para.text)) {
        const m = DEFERS.exec(para.text)!;
        const line = para.lineAt(m.index);
        hits.push({ spdx: null, scope: "weights", clauses: [], confidence: 70, source: { path, line, text: q(lines[line - 1] ?? "") }, matcher: "defers-upstream" });
      }
      for (const s of sentences(para.text)) {
        if (!LICENSE_WORD.test(s.text)) continue;
        // "All material, excluding the FFHQ dataset, is made available under …": the excluded data is not the subject.
        const scoped = s.text.replace(EXCLUDED_DATA, (m) => " ".repeat(m.length));
        const aboutWeights = WEIGHTS_SUBJECT.test(scoped) && !(CODE_ONLY.test(scoped) && !/\b(?:models?|weights?|checkpoints?)\b/i.test(scoped));
        const lic = licenseFromSentence(s.text);
        if (!lic) continue;
        // A model card's "Intended Use" section describes what the authors have in mind ("These models are intended to
        // be used for research purposes only"), not terms: it restricts nothing the license grants.
        if (INTENT_ONLY.test(s.text) && !BINDING.test(s.text) && intendedUseSection(para.lineAt(s.offset))) continue;
        NAMED_LICENSE.lastIndex = 0;
        const named = NAMED_LICENSE.exec(s.text);
        // Quote the line that names the license (a wrapped sentence can start lines earlier).
        const line = para.lineAt(s.offset + (named ? named.index : Math.max(0, s.text.search(/\S/))));
        const lineText = lines[line - 1] ?? "";
        const isBadge = /\[!\[|shields\.io|badge/i.test(lineText);
        let scope: LicenseScope;
        const subject = nearestSubject(scoped, named ? named.index : -1);
        if (UPSTREAM_LICENSE.test(s.text)) scope = "third-party";
        // "The training data (and the models trained with these data) are available for non-commercial research
        // purposes only": the parenthesis extends the statement to the models.
        else if (subject === "data" && MODELS_TOO.test(scoped)) scope = "weights";
        else if (subject === "data") scope = "data";
        else if (subject === "code") scope = "code";
        else if (aboutWeights || subject === "weights") scope = "weights";
        else if (/\b(?:data(?:set)?s?|corpus|annotations?)\b/i.test(scoped) && !/\bmodels?\b/i.test(scoped)) scope = "data";
        else if (CODE_ONLY.test(scoped)) scope = "code";
        else scope = depth(path) === 0 ? "repository" : isBadge ? "third-party" : "unknown";
        hits.push({
          spdx: lic.spdx,
          scope,
          clauses: lic.clauses,
          confidence: lic.spdx ? 80 : 60,
          source: { path, line, text: q(lineText) },
          matcher: lic.spdx ? "named-in-prose" : "prose",
        });
      }
    }
  }
  return lgplOverGpl(hits);
}

/** REUSE.toml `[[annotations]]` whose `path` globs match weight files → weights-scope licenses. */
function reuseAnnotations(path: string, text: string, weights: readonly WeightRef[]): LicenseHit[] {
  const out: LicenseHit[] = [];
  const lines = splitLines(text);
  let block: { line: number; paths: string[]; spdx?: string; spdxLine?: number } | null = null;
  const flush = () => {
    if (block?.spdx) {
      const files = weights.filter((w) => w.kind === "file" || w.kind === "lfs-pointer").map((w) => w.ref);
      const covers = block.paths.some((g) => files.some((f) => minimatch(f, g, { dot: true })));
      const n = clausesForExpression(block.spdx);
      out.push({
        spdx: block.spdx,
        scope: covers ? "weights" : "unknown",
        clauses: n,
        confidence: 100,
        source: { path, line: block.spdxLine ?? block.line, text: q(lines[(block.spdxLine ?? block.line) - 1] ?? "") },
        matcher: "reuse",
      });
    }
  };
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    if (/^\s*\[\[annotations\]\]/.test(l)) {
      flush();
      block = { line: i + 1, paths: [] };
    } else if (block) {
      const pm = /^\s*path\s*=\s*(.+)$/.exec(l);
      if (pm) block.paths.push(...[...pm[1]!.matchAll(/"([^"]+)"|'([^']+)'/g)].map((m) => m[1] ?? m[2] ?? ""));
      const sm = /^\s*SPDX-License-Identifier\s*=\s*["']([^"']+)["']/.exec(l);
      if (sm) {
        block.spdx = sm[1]!;
        block.spdxLine = i + 1;
      }
    }
  }
  flush();
  return out;
}

export interface WeightsLicense {
  /** SPDX expression (AND of the statements that apply), or null when none names a license. */
  spdx: string | null;
  clauses: Clause[];
  /** The statements it rests on; empty when there is none at all. */
  basis: LicenseHit[];
  /** True when no weight-specific statement exists and the repository license is assumed. */
  implicit: boolean;
  /** A notice binding the weights to the original data and model licenses ("users must comply with … the original licenses"). */
  defersUpstream: LicenseHit | null;
  /** A statement that the repository license covers the code only, so it is not the weights' license. */
  codeOnly: LicenseHit | null;
}

/** Weight statements narrow the repository license; with none, the repository license applies implicitly. */
export function effectiveWeightsLicense(hits: readonly LicenseHit[]): WeightsLicense {
  const defersUpstream = hits.find((h) => h.matcher === "defers-upstream") ?? null;
  const codeOnly = hits.find((h) => h.matcher === "code-only" && depth(h.source.path) === 0) ?? null;
  const all = hits.filter((h) => h.scope === "weights" && h.matcher !== "defers-upstream" && (h.spdx || h.clauses.length));
  // Statements at the root (MODEL_LICENSE, the root README or model card) govern the repository's weights; a
  // sub-project's doc governs only its own, so it counts only when the root says nothing.
  const root = all.filter((h) => depth(h.source.path) === 0);
  const weights = root.length ? root : all;
  // The repository license stands in for the weights unless the repository says it covers the code only.
  const basis = weights.length ? weights : codeOnly ? [] : hits.filter((h) => h.scope === "repository" && (h.spdx || h.clauses.length));
  if (basis.length === 0) return { spdx: null, clauses: [], basis: [], implicit: true, defersUpstream, codeOnly };
  const ids = [...new Set(basis.map((h) => h.spdx).filter((s): s is string => !!s))];
  const clauses = [...new Set(basis.flatMap((h) => h.clauses))];
  return {
    spdx: ids.length ? ids.map((s) => (ids.length > 1 && /\s(OR|AND)\s/.test(s) ? `(${s})` : s)).join(" AND ") : null,
    clauses,
    basis,
    implicit: weights.length === 0,
    defersUpstream,
    codeOnly,
  };
}
