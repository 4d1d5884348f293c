/**
 * Sørensen–Dice similarity of the input's word-bigram set against every SPDX text, plus
 * containment (how much of a license's bigrams the input holds) for files that concatenate
 * several licenses.
 */
import { bigramIndex, type BigramEntry } from "./data.js";

/** Score of one candidate. */
export interface DiceScore {
  entry: BigramEntry;
  /** 2|A∩B| / (|A|+|B|), 0–1. */
  dice: number;
  /** |A∩B| / |B|: share of the license's bigrams present in the input, 0–1. */
  containment: number;
}

function intersect(input: Set<number>, b: Uint32Array): number {
  let n = 0;
  for (let i = 0; i < b.length; i++) if (input.has(b[i] as number)) n++;
  return n;
}

/** All candidates scored, best Dice first. */
export function rankDice(input: Set<number>): DiceScore[] {
  const out: DiceScore[] = [];
  for (const entry of bigramIndex()) {
    const b = entry.bigrams.length;
    if (b === 0) continue;
    const inter = intersect(input, entry.bigrams);
    if (inter === 0) continue;
    out.push({ entry, dice: (2 * inter) / (input.size + b), containment: inter / b });
  }
  return out.sort((x, y) => y.dice - x.dice || y.containment - x.containment);
}

/** One license found inside a longer text. */
export interface CoverPart {
  entry: BigramEntry;
  /** Share of the license's bigrams present in the input (uncovered by earlier parts). */
  containment: number;
}

/** Below this many bigrams of its own (not in an already-picked license) a candidate is a variant, not a part. */
const MIN_OWN_BIGRAMS = 10;
/** …or below this share of its bigrams. */
const MIN_OWN_SHARE = 0.2;

/**
 * Greedy cover of the input by whole licenses. Candidates are the licenses whose bigrams are
 * (almost) all in the input, best Dice first. A later candidate is a separate part only if the
 * bigrams it does not share with the parts already picked are numerous and present: that stops a
 * license that is a subset or a variant of a picked one (BSD-2-Clause inside BSD-3-Clause,
 * Pixar or ECL-2.0 next to Apache-2.0) from being reported as a second part, while MIT next to
 * Apache-2.0 still is (most of MIT's bigrams are its own).
 */
export function coverByLicenses(input: Set<number>, ranked: DiceScore[], minContainment: number, maxParts = 8): { parts: CoverPart[]; covered: number } {
  const picked = new Set<number>();
  const parts: CoverPart[] = [];
  for (const c of ranked) {
    if (parts.length >= maxParts) break;
    if (c.containment < minContainment) continue;
    let own = 0;
    let ownPresent = 0;
    for (const h of c.entry.bigrams) {
      if (picked.has(h)) continue;
      own++;
      if (input.has(h)) ownPresent++;
    }
    if (parts.length && (own < MIN_OWN_BIGRAMS || own < MIN_OWN_SHARE * c.entry.bigrams.length || ownPresent / own < minContainment)) continue;
    parts.push({ entry: c.entry, containment: c.containment });
    for (const h of c.entry.bigrams) picked.add(h);
  }
  let covered = 0;
  for (const h of input) if (picked.has(h)) covered++;
  return { parts, covered: input.size ? covered / input.size : 0 };
}
