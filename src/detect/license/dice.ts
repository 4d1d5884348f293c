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

/** Phase-1 sampling step, and how far under a bar a sampled estimate may fall and still be counted exactly. */
const SAMPLE_STRIDE = 8;
const SAMPLE_SLACK = 0.15;

/**
 * Candidates scored, best Dice first. Exact counts are needed only where a score can matter:
 * Dice ≥ `minDice` is impossible unless the sizes are within a factor (2·min/(a+b) bounds it), and
 * containment ≥ `minContainment` is decided as soon as more than (1 − minContainment)·|B| bigrams
 * are missing. Candidates that fail both are dropped early (the common case: ~5× less work).
 */
export function rankDice(input: Set<number>, minDice = 0, minContainment = 0): DiceScore[] {
  const out: DiceScore[] = [];
  const a = input.size;
  for (const entry of bigramIndex()) {
    const bigrams = entry.bigrams;
    const b = bigrams.length;
    if (b === 0) continue;
    if (b >= 4 * SAMPLE_STRIDE && (minDice > 0 || minContainment > 0)) {
      // Phase 1: a 1-in-8 sample of the candidate's bigrams estimates both scores; only
      // candidates within SAMPLE_SLACK of a bar are counted exactly.
      let hits = 0;
      let n = 0;
      for (let i = 0; i < b; i += SAMPLE_STRIDE, n++) if (input.has(bigrams[i] as number)) hits++;
      const estInter = (hits / n) * b;
      if ((2 * estInter) / (a + b) < minDice - SAMPLE_SLACK && estInter / b < minContainment - SAMPLE_SLACK) continue;
    }
    const diceReachable = (2 * Math.min(a, b)) / (a + b) >= minDice;
    const budget = diceReachable ? b : Math.floor((1 - minContainment) * b);
    let inter = 0;
    let miss = 0;
    let i = 0;
    for (; i < b; i++) {
      if (input.has(bigrams[i] as number)) inter++;
      else if (++miss > budget) break;
    }
    if (i < b) continue; // gave up: neither score can reach its bar
    if (inter === 0) continue;
    out.push({ entry, dice: (2 * inter) / (a + b), containment: inter / b });
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
