/**
 * License ids and expressions as written in model cards and manifests: normalise a value to an
 * SPDX id / LicenseRef, and compute the clause set of an SPDX expression.
 */
import { createRequire } from "node:module";
import parse from "spdx-expression-parse";
import type { Clause } from "../../core/types.js";
import { CLAUSES } from "../../core/types.js";
import { spdxIdClauses, sortClauses } from "./clauses.js";
import { fastIndex, type AiLicense } from "./data.js";

const require = createRequire(import.meta.url);
let correct: ((s: string, o?: { upgrade?: boolean }) => string | null) | undefined;
const spdxCorrect = (s: string): string | null => {
  correct ??= require("spdx-correct") as (s: string, o?: { upgrade?: boolean }) => string | null;
  return correct(s);
};

/**
 * Hugging Face `license:` identifiers (the Hub's fixed list) that spdx-correct gets wrong or does
 * not know. GPL-family values map to "-only": the value does not say "or later", and the text
 * matcher reports "-only" for the same reason (rules/licenses/equivalences.yml).
 */
const HF_IDS: Record<string, string | null> = {
  "agpl-3.0": "AGPL-3.0-only",
  "gpl-2.0": "GPL-2.0-only",
  "gpl-3.0": "GPL-3.0-only",
  "lgpl-2.1": "LGPL-2.1-only",
  "lgpl-3.0": "LGPL-3.0-only",
  "lgpl-lr": "LGPLLR",
  "odc-by": "ODC-By-1.0",
  odbl: "ODbL-1.0",
  pddl: "PDDL-1.0",
  "cdla-sharing-1.0": "CDLA-Sharing-1.0",
  "cdla-permissive-1.0": "CDLA-Permissive-1.0",
  "cdla-permissive-2.0": "CDLA-Permissive-2.0",
  "etalab-2.0": "etalab-2.0",
  "lppl-1.3c": "LPPL-1.3c",
  postgresql: "PostgreSQL",
  ncsa: "NCSA",
  zlib: "Zlib",
  // Ambiguous family names: no SPDX id, but the clauses below still apply.
  bsd: null,
  gpl: null,
  lgpl: null,
  gfdl: null,
  cc: null,
  other: null,
  unknown: null,
  proprietary: null,
};

/** Clauses of HF ids and family names that have no single SPDX id. */
const KNOWN_CLAUSES: Record<string, Clause[]> = {
  bsd: ["attribution"],
  gpl: ["share-alike", "attribution"],
  lgpl: ["share-alike", "attribution"],
  gfdl: ["share-alike", "attribution"],
  // HF license ids for model licenses without a rules/licenses entry. Clause sets from the
  // licenses' names and what is generally known of them (from memory, not verified here):
  // FAIR Noncommercial Research License (Meta): non-commercial research use only.
  "fair-noncommercial-research-license": ["non-commercial", "research-only", "attribution"],
  // Apple Machine Learning Research Model license: research use only.
  "apple-amlr": ["non-commercial", "research-only", "attribution"],
  // DeepFloyd IF license: non-commercial research, with RAIL-style use restrictions.
  "deepfloyd-if-license": ["non-commercial", "research-only", "use-restrictions"],
  "h-research": ["research-only"],
  "intel-research": ["research-only"],
  // BigCode OpenRAIL-M: a RAIL license (use restrictions passed on to derivatives).
  "bigcode-openrail-m": ["use-restrictions", "attribution"],
};

/** Creative Commons element names in any order and spelling ("CC-NC-BY-4.0", "cc by-sa 4.0"). */
const CC_VALUE = /^(?:cc|creative\s*commons)[\s_-]*((?:(?:by|nc|sa|nd|attribution|non-?commercial|share-?alike|no-?deriv(?:ative)?s)[\s_-]*)+)(?:v(?:ersion)?\s*)?(\d(?:\.\d)?)?(?:[\s_-]*(?:international|intl|unported|generic))?(?:[\s_-]*license)?$/i;

/** Canonical CC id from a set of elements and a version ("4.0"); null when the version is missing. */
export function ccId(elements: Iterable<string>, version: string | undefined): { spdx: string | null; clauses: Clause[] } {
  const set = new Set<string>();
  for (const e of elements) {
    const x = e.toLowerCase().replace(/[^a-z]/g, "");
    if (x === "by" || x === "attribution") set.add("BY");
    else if (x === "nc" || x === "noncommercial") set.add("NC");
    else if (x === "sa" || x === "sharealike") set.add("SA");
    else if (x.startsWith("nd") || x.startsWith("noderiv")) set.add("ND");
  }
  set.add("BY");
  const parts = ["BY", ...(set.has("NC") ? ["NC"] : []), ...(set.has("ND") ? ["ND"] : set.has("SA") ? ["SA"] : [])];
  const clauses: Clause[] = ["attribution"];
  if (set.has("NC")) clauses.push("non-commercial");
  if (set.has("ND")) clauses.push("no-derivatives");
  else if (set.has("SA")) clauses.push("share-alike");
  const v = version && /^\d$/.test(version) ? `${version}.0` : version;
  const known = v && ["1.0", "2.0", "2.5", "3.0", "4.0"].includes(v);
  return { spdx: known ? `CC-${parts.join("-")}-${v}` : null, clauses: sortClauses(clauses) };
}

function aiByValue(value: string): AiLicense | undefined {
  const v = value.trim().toLowerCase();
  return fastIndex().ai.find((a) => a.id.toLowerCase() === v || a.hfIds.includes(v) || a.aliases.some((x) => x.toLowerCase() === v));
}

/** Clauses of one id (SPDX, known LicenseRef, or a deprecated id that maps to an expression). */
function leafClauses(id: string): Clause[] {
  const ai = aiByValue(id);
  if (ai) return sortClauses(ai.clauses);
  if (id.startsWith("LicenseRef-") || id.startsWith("DocumentRef-")) return [];
  return spdxIdClauses(id);
}

/**
 * Normalise a license value as written in a model card, manifest or README ("cc-by-nc-4.0",
 * "cc-by-sa 4.0", "openrail", "llama3.1", "CC-NC-BY-4.0", "Apache License 2.0", "other") to an SPDX
 * id or known LicenseRef, with its clauses. Unknown and ambiguous values give `spdx: null`
 * (clauses still filled when the family is known, e.g. "gpl" or version-less "CC BY-NC").
 */
export function normalizeLicenseId(value: string): { spdx: string | null; clauses: Clause[] } {
  const v = (typeof value === "string" ? value : "").trim().replace(/^["'`]|["'`]$/g, "");
  if (!v) return { spdx: null, clauses: [] };
  const low = v.toLowerCase();
  const ai = aiByValue(v);
  if (ai) return { spdx: ai.id, clauses: sortClauses(ai.clauses) };
  if (Object.hasOwn(HF_IDS, low)) {
    const id = HF_IDS[low] ?? null;
    return { spdx: id, clauses: id ? spdxIdClauses(id) : (KNOWN_CLAUSES[low] ?? []) };
  }
  if (Object.hasOwn(KNOWN_CLAUSES, low)) return { spdx: null, clauses: KNOWN_CLAUSES[low]! };
  const cc = CC_VALUE.exec(low.replace(/\s+/g, " "));
  if (cc) {
    if (low === "cc0" || low.startsWith("cc0")) return { spdx: "CC0-1.0", clauses: [] };
    return ccId((cc[1] ?? "").split(/[\s_-]+/).filter(Boolean), cc[2]);
  }
  if (/^cc0(?:[\s_-]*1\.0)?$/i.test(low) || /^(?:creative commons )?zero|^public domain dedication/i.test(low)) return { spdx: "CC0-1.0", clauses: [] };
  const eq = fastIndex().equivalent;
  // Already a valid SPDX expression (ids are case-sensitive there)?
  try {
    parse(v);
    const id = eq[v] ?? v;
    return { spdx: id, clauses: clausesForExpression(id) };
  } catch {
    /* not an expression as written; try correcting it */
  }
  let fixed: string | null = null;
  try {
    fixed = spdxCorrect(v);
  } catch {
    // spdx-correct throws on some inputs ("+", a lone operator): not a license id.
  }
  if (fixed) {
    const id = HF_IDS[fixed.toLowerCase()] ?? eq[fixed] ?? fixed;
    return { spdx: id, clauses: clausesForExpression(id) };
  }
  return { spdx: null, clauses: [] };
}

type Node = { license: string; plus?: true; exception?: string } | { left: Node; conjunction: "and" | "or"; right: Node };

/** Weight of a clause when choosing the least restrictive OR branch (what a recipient would pick). */
const RESTRICTIVENESS: Record<Clause, number> = {
  "non-commercial": 8,
  "research-only": 8,
  "no-redistribution": 8,
  "no-derivatives": 6,
  "use-restrictions": 4,
  "share-alike": 3,
  attribution: 1,
};
const weight = (c: Clause[]): number => c.reduce((n, x) => n + RESTRICTIVENESS[x], 0);

function evalNode(n: Node): Clause[] {
  if ("license" in n) return leafClauses(n.license); // WITH exceptions only grant more; "+" adds later versions.
  const l = evalNode(n.left);
  const r = evalNode(n.right);
  if (n.conjunction === "and") return sortClauses([...l, ...r]);
  // OR: the recipient may choose; report the branch they would pick, the least restrictive one.
  return weight(l) <= weight(r) ? l : r;
}

/**
 * Clauses of an SPDX expression: AND → union of both sides; OR → the least restrictive branch
 * (a recipient may pick either, so only that branch's clauses are certain to bind); WITH and "+"
 * keep the license's clauses (exceptions only add permissions). Unknown LicenseRefs contribute [].
 * Values that are not valid SPDX (e.g. "LicenseRef-CreativeML-OpenRAIL++-M", "cc-by-nc-4.0") are
 * normalised id by id first.
 */
export function clausesForExpression(expr: string): Clause[] {
  // The same few expressions recur in every scan (model-card ids, REUSE lines): parse each once.
  const hit = typeof expr === "string" ? EXPR_MEMO.get(expr) : undefined;
  if (hit) return [...hit];
  const out = clausesForExpressionUncached(expr);
  if (typeof expr === "string" && expr.length < 500) {
    if (EXPR_MEMO.size > 1_000) EXPR_MEMO.clear();
    EXPR_MEMO.set(expr, out);
  }
  return [...out];
}

const EXPR_MEMO = new Map<string, Clause[]>();

function clausesForExpressionUncached(expr: string): Clause[] {
  if (typeof expr !== "string" || !expr.trim()) return [];
  try {
    return evalNode(parse(expr.trim()));
  } catch {
    // Tolerant path: normalise every operand, keep the operators and parentheses.
    const rebuilt = expr
      .trim()
      .split(/(\s+(?:AND|OR|WITH)\s+|[()])/i)
      .map((part) => {
        const t = part.trim();
        if (!t || t === "(" || t === ")") return part;
        if (/^(AND|OR|WITH)$/i.test(t)) return ` ${t.toUpperCase()} `;
        const ai = aiByValue(t);
        if (ai) return ai.id;
        return normalizeLicenseId(t).spdx ?? "LicenseRef-unknown";
      })
      .join("");
    try {
      return evalNode(parse(rebuilt));
    } catch {
      return [];
    }
  }
}

export { CLAUSES };
