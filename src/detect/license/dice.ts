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

/**
 * Greedy cover of the input by whole licenses: repeatedly take the largest license whose
 * bigrams are (almost) all present and not yet explained by an earlier pick. Counting only
 * still-uncovered bigrams stops a license that is a subset of a picked one (BSD-2-Clause inside
 * BSD-3-Clause, MIT inside X11) from being reported as a second part.
 */
export function coverByLicenses(input: Set<number>, ranked: DiceScore[], minContainment: number, maxParts = 8): { parts: CoverPart[]; covered: number } {
  const uncovered = new Set(input);
  const parts: CoverPart[] = [];
  let candidates = ranked.filter((s) => s.containment >= minContainment);
  while (parts.length < maxParts && candidates.length) {
    let best: CoverPart | undefined;
    let bestGain = 0;
    for (const c of candidates) {
      const gain = intersect(uncovered, c.entry.bigrams);
      const cont = gain / c.entry.bigrams.length;
      if (cont >= minContainment && gain > bestGain) {
        best = { entry: c.entry, containment: cont };
        bestGain = gain;
      }
    }
    if (!best) break;
    parts.push(best);
    for (const h of best.entry.bigrams) uncovered.delete(h);
    candidates = candidates.filter((c) => c.entry !== best.entry);
  }
  return { parts, covered: input.size ? 1 - uncovered.size / input.size : 0 };
}
