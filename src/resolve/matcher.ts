/**
 * One precompiled multi-pattern matcher for dataset names: Aho–Corasick over a normalised copy of
 * the line (letters and digits lower-cased; separators dropped; other punctuation a hard break),
 * with an offset map back to the line so hits quote the text as written.
 *
 * Why not one regex per alias: with 150+ datasets and ~1,500 names the per-alias loop costs
 * O(names × line); the automaton reads each character once (see bench/resolver).
 */
import { isAlnumCode, lowerCode } from "./normalize.js";

/** Code units dropped between the parts of a name: "MS1M-V2", "ms1m_v2", "MS1M V2", "timm/imagenet". */
function isSeparator(c: number): boolean {
  return c === 32 || c === 9 || c === 45 || c === 95 || c === 46 || c === 47 || c === 0xa0 || c === 0x2010 || c === 0x2011;
}
function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 0xa0 || c === 10 || c === 13;
}

/** Marks a hard break (",", "(", "|", ":", a sentence end…) in the normalised text; no pattern contains it. */
const BREAK = 0;

/** A line reduced for matching: `codes[k]` is a lower-cased letter/digit (or BREAK) at `line[pos[k]]`. */
export interface NormalisedLine {
  codes: Uint16Array;
  pos: Int32Array;
  length: number;
}

let bufCodes = new Uint16Array(256);
let bufPos = new Int32Array(256);

/**
 * Normalises a line for the automaton. The returned arrays are reused by the next call (the scan is
 * synchronous and single-threaded), which keeps the hot loop allocation-free.
 */
export function normaliseLine(line: string): NormalisedLine {
  if (bufCodes.length < line.length + 1) {
    bufCodes = new Uint16Array(line.length * 2 + 16);
    bufPos = new Int32Array(line.length * 2 + 16);
  }
  let n = 0;
  let lastBreak = true;
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (isAlnumCode(c)) {
      bufCodes[n] = lowerCode(c);
      bufPos[n] = i;
      n++;
      lastBreak = false;
    } else if (isSeparator(c) && !(c === 46 && (i + 1 >= line.length || isSpace(line.charCodeAt(i + 1))))) {
      // Separator: dropped. A "." followed by a space or the line end is a sentence end, not a
      // separator: "ImageNet. 21k images" must not read as "ImageNet-21k".
      continue;
    } else if (!lastBreak) {
      bufCodes[n] = BREAK;
      bufPos[n] = i;
      n++;
      lastBreak = true;
    }
  }
  return { codes: bufCodes, pos: bufPos, length: n };
}

/** Normalises a pattern the way {@link normaliseLine} normalises text, without breaks. */
export function patternCodes(key: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    if (isAlnumCode(c)) out.push(lowerCode(c));
  }
  return out;
}

/** Dense transition table over [0-9a-z]; other letters go through a per-node Map. */
const DENSE = 36;
function denseIndex(c: number): number {
  if (c >= 97 && c <= 122) return c - 97 + 10;
  if (c >= 48 && c <= 57) return c - 48;
  return -1;
}

/**
 * Aho–Corasick automaton over normalised codes. For ASCII the goto function is a complete DFA
 * (`delta`), so the search loop is one table read per character.
 */
export class AhoCorasick {
  private readonly delta: Int32Array;
  private readonly other: (Map<number, number> | undefined)[];
  private readonly fail: Int32Array;
  /** Pattern indices ending at each node (own + via suffix links). */
  private readonly out: (number[] | undefined)[];
  readonly lengths: number[];

  constructor(patterns: readonly number[][]) {
    const children: Map<number, number>[] = [new Map()];
    const own: number[][] = [[]];
    this.lengths = patterns.map((p) => p.length);
    patterns.forEach((p, pi) => {
      if (p.length === 0) return;
      let node = 0;
      for (const c of p) {
        const kids = children[node]!;
        let next = kids.get(c);
        if (next === undefined) {
          next = children.length;
          children.push(new Map());
          own.push([]);
          kids.set(c, next);
        }
        node = next;
      }
      own[node]!.push(pi);
    });
    const size = children.length;
    this.delta = new Int32Array(size * DENSE);
    this.other = new Array<Map<number, number> | undefined>(size);
    this.fail = new Int32Array(size);
    this.out = new Array<number[] | undefined>(size);
    // Breadth-first: a node's failure target is always shallower, hence already complete.
    const queue: number[] = [];
    for (const [c, child] of children[0]!) {
      this.fail[child] = 0;
      queue.push(child);
      this.setEdge(0, c, child);
    }
    if (own[0]!.length) this.out[0] = own[0];
    for (let h = 0; h < queue.length; h++) {
      const node = queue[h]!;
      const f = this.fail[node]!;
      const o = own[node]!;
      const inherited = this.out[f];
      this.out[node] = o.length || inherited ? [...o, ...(inherited ?? [])] : undefined;
      // Complete the dense row from the failure node's row, then overwrite with real children.
      if (node !== 0) this.delta.copyWithin(node * DENSE, f * DENSE, f * DENSE + DENSE);
      for (const [c, child] of children[node]!) {
        this.fail[child] = this.step(f, c);
        queue.push(child);
        this.setEdge(node, c, child);
      }
    }
  }

  private setEdge(node: number, c: number, child: number): void {
    const d = denseIndex(c);
    if (d >= 0) this.delta[node * DENSE + d] = child;
    else {
      let m = this.other[node];
      if (!m) this.other[node] = m = new Map();
      m.set(c, child);
    }
  }

  /** One transition (dense row, or the Map walked along failure links for other letters). */
  private step(node: number, c: number): number {
    const d = denseIndex(c);
    if (d >= 0) return this.delta[node * DENSE + d]!;
    let s = node;
    for (;;) {
      const next = this.other[s]?.get(c);
      if (next !== undefined) return next;
      if (s === 0) return 0;
      s = this.fail[s]!;
    }
  }

  /** Calls `onMatch(pattern, endInclusive)` for every occurrence of every pattern in `codes[0..length)`. */
  search(codes: Uint16Array, length: number, onMatch: (pattern: number, end: number) => void): void {
    let s = 0;
    const delta = this.delta;
    const out = this.out;
    for (let i = 0; i < length; i++) {
      const c = codes[i]!;
      if (c === BREAK) {
        s = 0;
        continue;
      }
      const d = denseIndex(c);
      s = d >= 0 ? delta[s * DENSE + d]! : this.step(s, c);
      const o = out[s];
      if (o !== undefined) for (const p of o) onMatch(p, i);
    }
  }
}
