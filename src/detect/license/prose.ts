/**
 * Clauses a line of prose states ("pretrained models are for non-commercial research only").
 * The last rung of the ladder, and the check for restrictions added to a known license.
 */
import type { Clause } from "../../core/types.js";

interface ProsePattern {
  clause: Clause;
  /** Any of these states the clause. */
  says: RegExp[];
  /** Any of these on the same line cancels it (permissions that merely mention the word). */
  unless?: RegExp[];
}

/**
 * "commercial and non-commercial", "including commercial", "not limited to non-commercial":
 * lines that name non-commercial use as one of several *permitted* uses. Without this guard
 * the MIT-style "for any purpose, commercial or non-commercial" would read as NC.
 */
const BOTH_USES = /\b(?:commercial\s*(?:and|or|&|\/)\s*non-?\s?commercial|non-?\s?commercial\s*(?:and|or|&|\/)\s*commercial|(?:including|includes|include)\s+(?:for\s+)?commercial|not\s+(?:be\s+)?limited\s+to\s+non-?\s?commercial|whether\s+commercial)\b/;

const PATTERNS: ProsePattern[] = [
  {
    clause: "non-commercial",
    says: [
      /\bnon-?\s?commercial(?:ly)?\b/,
      /\bnot\s+(?:be\s+)?(?:used\s+)?(?:for|in)\s+(?:any\s+)?commercial\b/,
      /\bno\s+commercial\s+(?:use|purposes?|exploitation)\b/,
      /\bcommercial\s+(?:use|usage|purposes?|exploitation|applications?)\s+(?:is\s+|are\s+)?(?:strictly\s+)?(?:not\s+(?:permitted|allowed|authori[sz]ed)|prohibited|forbidden|disallowed|excluded)\b/,
      /\b(?:may|must|shall|can)\s*not\s+(?:be\s+)?(?:used|use\s+(?:it|them|the \w+))\s+(?:for\s+)?commercial(?:ly)?\b/,
      /\bnot\s+for\s+(?:any\s+)?commercial\b/,
      /\bnot\s+(?:be\s+)?used\s+commercially\b/,
      /\bcc[\s-]?by[\s-]?nc\b/,
      /\bprohibit(?:s|ed)?\s+commercial\b/,
    ],
    unless: [BOTH_USES, /\bnon-?\s?commercial\s+(?:entit(?:y|ies)|organi[sz]ations?|institutions?)\s+(?:may|can)\b/],
  },
  {
    clause: "research-only",
    says: [
      /\b(?:academic|research|scientific|educational)(?:\s+(?:and|or)\s+(?:academic|research|scientific|educational|evaluation|non-?\s?commercial))?\s+(?:use|usage|purposes?)\s+only\b/,
      /\b(?:research|academic)[-\s]+only\b/,
      /\b(?:solely|only|exclusively|strictly)\s+(?:be\s+used\s+)?(?:for|in)\s+(?:your\s+)?(?:non-?\s?commercial\s+)?(?:academic|research|scientific|educational)\b/,
      // Any word order: "only can be used for research purposes", "can only be used for academic research".
      /\bonly\s+(?:can|may|should|shall)\s+be\s+used\s+(?:for|in)\s+(?:non-?\s?commercial\s+)?(?:academic|research|scientific|educational)\b/,
      /\b(?:can|may|should|shall)\s+(?:be\s+)?only\s+(?:be\s+)?used\s+(?:for|in)\s+(?:non-?\s?commercial\s+)?(?:academic|research|scientific|educational)\b/,
      /\bfor\s+(?:non-?\s?commercial\s+)?research\s+(?:or|and)\s+evaluation\s+purposes\s+only\b/,
      /\bmeans\s+for\s+research\s+or\s+evaluation\s+purposes\s+only\b/,
      /\b(?:not|never)\s+(?:be\s+)?used\s+outside\s+(?:of\s+)?research\b/,
      /\bresearch\s+license\b/,
    ],
  },
  {
    clause: "no-redistribution",
    says: [
      /\b(?:may|must|shall|can|will)\s*not\s+(?:\w+\s+){0,6}?(?:re-?distribut\w*|sublicens\w*|share|publish|sell|rent|lease)\b(?![^.]*\b(?:provided|unless|except)\b)/,
      /\bnot\s+(?:be\s+)?(?:re-?distributed|shared\s+(?:publicly|with\s+third)|made\s+(?:publicly\s+)?available)\b/,
      /\bno\s+(?:re-?distribution|redistribution|sharing)\b/,
      /\b(?:re-?distribution|redistribution)\s+(?:is\s+|of\s+[\w\s]{1,30}\s+is\s+)?(?:strictly\s+)?(?:not\s+(?:permitted|allowed)|prohibited|forbidden)\b/,
      /\bdo\s+not\s+(?:re-?distribute|redistribute|share)\b/,
    ],
    unless: [/\b(?:you\s+may(?!\s+not)|permission\s+to)\s+(?:\w+\s+){0,4}re-?distribute\b/, /\bmay\s+not\s+(?:be\s+)?used?\s+to\s+endorse\b/, /\bsell\s+copies\b/],
  },
  {
    clause: "no-derivatives",
    says: [
      /\bno-?\s?deriv(?:ative)?s?\b/,
      /\bnoderivs\b/,
      /\b(?:may|must|shall|can)\s*not\s+(?:\w+\s+){0,3}?(?:modify|alter|transform|adapt|create\s+derivative)\b/,
      /\bno\s+(?:modifications?|adaptations?)\s+(?:are\s+|is\s+)?(?:permitted|allowed)\b/,
      /\bcc[\s-]?by(?:[\s-]?nc)?[\s-]?nd\b/,
    ],
    unless: [/\bderivatives?\s+of\s+the\s+model\b.*\bsubject\s+to\b/],
  },
  {
    clause: "share-alike",
    says: [
      /\bshare-?\s?alike\b/,
      /\bcc[\s-]?by(?:[\s-]?nc)?[\s-]?sa\b/,
      /\b(?:under|with)\s+the\s+same\s+(?:license|licence|terms)\s+(?:as|that)\b/,
      // Copyleft in a custom license (GPL-2.0's own words, reused by the UCLB ACP-A licence and others).
      /\blicensed as a whole at no charge to all third parties under the terms of this licen[cs]e\b/,
      /\b(?:derivative works?|works? based on the \w+|adaptations?|modified versions?)\b[^.]{0,160}?\b(?:must|shall)\s+(?:also\s+)?be\s+(?:distributed|licen[cs]ed|released|made available)\s+under\s+(?:the\s+terms\s+of\s+)?(?:the\s+same|this|these)\s+(?:licen[cs]e|terms)\b/,
    ],
  },
  {
    clause: "use-restrictions",
    says: [
      /\buse[-\s]based\s+restrictions?\b/,
      /\b(?:acceptable|prohibited)\s+use\s+polic(?:y|ies)\b/,
      /\buse\s+restrictions?\b/,
      /\b(?:may|must|shall|will|agree)\s+not\s+(?:to\s+)?use\s+(?:\w+\s+){0,6}?(?:for|to)\s+(?:any\s+)?(?:military|surveillance|weapons?|illegal|unlawful|harm|discriminat\w*|defam\w*|generat\w*\s+(?:or\s+disseminat\w*\s+)?(?:false|misleading|harmful))\b/,
      /\bresponsible\s+ai\s+licen[cs]e\b/,
    ],
  },
  {
    clause: "attribution",
    says: [
      /\b(?:must|shall|should)\s+(?:give|provide)\s+(?:appropriate\s+)?credit\b/,
      /\battribution\s+(?:is\s+)?required\b/,
      /\b(?:must|shall)\s+(?:retain|include|reproduce)\s+(?:\w+\s+){0,4}?(?:copyright|notice|attribution)\b/,
      /\bcc[\s-]?by\b/,
    ],
  },
];

/** Clauses a single line of prose states; [] for a line that states none. Order follows CLAUSES. */
export function proseClauses(line: string): Clause[] {
  const s = line
    .toLowerCase()
    .replace(/[\u2010-\u2015\u2212]/g, "-")
    .replace(/[*_`"“”‘’]+/g, "")
    .replace(/\s+/g, " ");
  const found: Clause[] = [];
  for (const p of PATTERNS) {
    if (!p.says.some((r) => r.test(s))) continue;
    if (p.unless?.some((r) => r.test(s))) continue;
    found.push(p.clause);
  }
  return found;
}
