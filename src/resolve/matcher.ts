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
 * Aho–Corasick automaton over normalised codes. For [0-9a-z] the goto function is a complete DFA
 * (`delta`), so the search loop is one typed-array read per character; other letters (rare in
 * names) follow failure links through a per-node Map. The trie is built in typed arrays too: the
 * CLI builds the automaton on every run, in a cold process, where 10k+ small Maps cost more than
 * the DFA rows.
 */
/**
 * A built automaton as data, for the registry's disk cache: the two tables as typed arrays (stored
 * as one binary file), the sparse rest as JSON. `keys` identifies the patterns it was built from.
 */
export interface AutomatonData {
  keys: string;
  delta: Int32Array;
  fail: Int32Array;
  lengths: number[];
  /** [node, pattern indices] for nodes with output. */
  out: [number, number[]][];
  /** [node, [letter, child][]] for nodes with edges outside [0-9a-z]. */
  other: [number, [number, number][]][];
}

export class AhoCorasick {
  private readonly delta: Int32Array;
  private readonly other: (Map<number, number> | undefined)[];
  private readonly fail: Int32Array;
  /** Pattern indices ending at each node (own + via suffix links). */
  private readonly out: (number[] | undefined)[];
  readonly lengths: number[];

  /** Builds from patterns, or restores a built automaton ({@link toData}) without rebuilding. */
  constructor(patterns: readonly number[][] | AutomatonData) {
    if (!Array.isArray(patterns)) {
      const data = patterns as AutomatonData;
      this.lengths = data.lengths;
      this.delta = data.delta;
      this.fail = data.fail;
      const size = data.fail.length;
      this.out = new Array<number[] | undefined>(size);
      for (const [node, ps] of data.out) this.out[node] = ps;
      this.other = new Array<Map<number, number> | undefined>(size);
      for (const [node, kids] of data.other) this.other[node] = new Map(kids);
      return;
    }
    this.lengths = patterns.map((p) => p.length);
    // Trie: dense child table for [0-9a-z] (-1 = none), a Map per node for other letters.
    let cap = 256;
    let trie = new Int32Array(cap * DENSE).fill(-1);
    const otherKids: (Map<number, number> | undefined)[] = [undefined];
    const own: (number[] | undefined)[] = [undefined];
    // Dense children as linked lists (first child, next sibling, letter): the BFS below then visits
    // real edges only and copies the rest of each row natively.
    const firstKid: number[] = [-1];
    const nextSibling: number[] = [-1];
    const kidLetter: number[] = [-1];
    let size = 1;
    for (let pi = 0; pi < patterns.length; pi++) {
      const p = patterns[pi]!;
      if (p.length === 0) continue;
      let node = 0;
      for (let k = 0; k < p.length; k++) {
        const c = p[k]!;
        const d = denseIndex(c);
        let next = d >= 0 ? trie[node * DENSE + d]! : (otherKids[node]?.get(c) ?? -1);
        if (next < 0) {
          next = size++;
          if (size > cap) {
            cap *= 2;
            const grown = new Int32Array(cap * DENSE).fill(-1);
            grown.set(trie);
            trie = grown;
          }
          otherKids.push(undefined);
          own.push(undefined);
          firstKid.push(-1);
          nextSibling.push(-1);
          kidLetter.push(d);
          if (d >= 0) {
            trie[node * DENSE + d] = next;
            nextSibling[next] = firstKid[node]!;
            firstKid[node] = next;
          } else (otherKids[node] ??= new Map()).set(c, next);
        }
        node = next;
      }
      (own[node] ??= []).push(pi);
    }
    const delta = new Int32Array(size * DENSE);
    const fail = new Int32Array(size);
    const out = new Array<number[] | undefined>(size);
    this.delta = delta;
    this.other = otherKids;
    this.fail = fail;
    this.out = out;
    // Breadth-first: a node's failure target is shallower, so its DFA row is already complete.
    const queue = new Int32Array(size);
    let tail = 0;
    for (let child = firstKid[0]!; child >= 0; child = nextSibling[child]!) {
      delta[kidLetter[child]!] = child;
      queue[tail++] = child;
    }
    for (const child of otherKids[0]?.values() ?? []) queue[tail++] = child;
    out[0] = own[0];
    for (let h = 0; h < tail; h++) {
      const node = queue[h]!;
      const f = fail[node]!;
      const o = own[node];
      const inherited = out[f];
      out[node] = o && inherited ? [...o, ...inherited] : (o ?? inherited);
      const row = node * DENSE;
      const frow = f * DENSE;
      // Missing edges go where the failure state goes; then the real children overwrite theirs.
      delta.copyWithin(row, frow, frow + DENSE);
      for (let child = firstKid[node]!; child >= 0; child = nextSibling[child]!) {
        const d = kidLetter[child]!;
        // The child's failure target: where the parent's failure state goes on the same letter.
        fail[child] = delta[frow + d]!;
        delta[row + d] = child;
        queue[tail++] = child;
      }
      const kids = otherKids[node];
      if (kids) {
        for (const [c, child] of kids) {
          fail[child] = this.step(f, c);
          queue[tail++] = child;
        }
      }
    }
  }

  /** The automaton as data (see {@link AutomatonData}); `keys` is the caller's pattern identity. */
  toData(keys: string): AutomatonData {
    const out: [number, number[]][] = [];
    this.out.forEach((ps, node) => {
      if (ps) out.push([node, ps]);
    });
    const other: [number, [number, number][]][] = [];
    this.other.forEach((m, node) => {
      if (m) other.push([node, [...m]]);
    });
    return { keys, delta: this.delta, fail: this.fail, lengths: this.lengths, out, other };
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
