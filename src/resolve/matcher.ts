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

/**
 * Aho–Corasick automaton over normalised codes: a trie with failure links. Most trie nodes have one
 * child (names are long chains), so a node stores one edge inline and switches to a Map only when it
 * branches; the root, where every mismatch lands, has a dense table. Construction is linear in the
 * total length of the names, which matters more than a full DFA's one-read-per-character search:
 * the CLI builds the automaton on every run, in a cold (interpreted) process.
 */
export class AhoCorasick {
  /** Root transitions, dense over UTF-16 code units (-1 = none). */
  private readonly root = new Int32Array(65536).fill(-1);
  private readonly rootChildren: number[] = [];
  /** Single outgoing edge of a node: its code (-1 none, -2 branching: see `multi`) and target. */
  private readonly edgeCode: number[] = [-1];
  private readonly edgeNode: number[] = [-1];
  private readonly multi: (Map<number, number> | undefined)[] = [undefined];
  private readonly fail: number[] = [0];
  /** Pattern indices ending at each node (own + via suffix links). */
  private readonly out: (number[] | undefined)[] = [undefined];
  readonly lengths: number[];

  constructor(patterns: readonly number[][]) {
    this.lengths = patterns.map((p) => p.length);
    patterns.forEach((p, pi) => {
      if (p.length === 0) return;
      let node = 0;
      for (const c of p) {
        let next = this.goto(node, c);
        if (next < 0) {
          next = this.edgeCode.length;
          this.edgeCode.push(-1);
          this.edgeNode.push(-1);
          this.multi.push(undefined);
          this.fail.push(0);
          this.out.push(undefined);
          this.addEdge(node, c, next);
        }
        node = next;
      }
      (this.out[node] ??= []).push(pi);
    });
    // Breadth-first over the trie: a node's failure target is shallower, hence already final.
    const queue: number[] = [...this.rootChildren];
    for (let h = 0; h < queue.length; h++) {
      const node = queue[h]!;
      const inherited = this.out[this.fail[node]!];
      if (inherited) this.out[node] = this.out[node] ? [...this.out[node], ...inherited] : inherited;
      const m = this.multi[node];
      if (m) for (const [c, child] of m) queue.push(this.setFail(node, c, child));
      else if (this.edgeCode[node]! >= 0) queue.push(this.setFail(node, this.edgeCode[node]!, this.edgeNode[node]!));
    }
  }

  /** Sets the failure link of `child` (reached from `node` on `c`); returns `child`. */
  private setFail(node: number, c: number, child: number): number {
    let f = this.fail[node]!;
    for (;;) {
      const g = this.goto(f, c);
      if (g >= 0) {
        this.fail[child] = g;
        return child;
      }
      if (f === 0) return child; // fail stays 0 (root)
      f = this.fail[f]!;
    }
  }

  private goto(node: number, c: number): number {
    if (node === 0) return this.root[c]!;
    if (this.edgeCode[node] === c) return this.edgeNode[node]!;
    return this.multi[node]?.get(c) ?? -1;
  }

  private addEdge(node: number, c: number, child: number): void {
    if (node === 0) {
      this.root[c] = child;
      this.rootChildren.push(child);
    } else if (this.edgeCode[node] === -1) {
      this.edgeCode[node] = c;
      this.edgeNode[node] = child;
    } else {
      let m = this.multi[node];
      if (!m) {
        this.multi[node] = m = new Map([[this.edgeCode[node]!, this.edgeNode[node]!]]);
        this.edgeCode[node] = -2;
      }
      m.set(c, child);
    }
  }

  /** Calls `onMatch(pattern, endInclusive)` for every occurrence of every pattern in `codes[0..length)`. */
  search(codes: Uint16Array, length: number, onMatch: (pattern: number, end: number) => void): void {
    const { root, edgeCode, edgeNode, multi, fail, out } = this;
    let s = 0;
    for (let i = 0; i < length; i++) {
      const c = codes[i]!;
      if (c === BREAK) {
        s = 0;
        continue;
      }
      for (;;) {
        let g: number;
        if (s === 0) g = root[c]!;
        else if (edgeCode[s] === c) g = edgeNode[s]!;
        else g = multi[s]?.get(c) ?? -1;
        if (g >= 0) {
          s = g;
          break;
        }
        if (s === 0) break;
        s = fail[s]!;
      }
      const o = out[s];
      if (o !== undefined) for (const p of o) onMatch(p, i);
    }
  }
}
