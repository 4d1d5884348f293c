/**
 * One sentence splitter for the prose detectors (datasets, licenses). A sentence ends at `.`, `;`, `!` or `?`
 * followed by whitespace or the end of the text. Not a sentence end: a decimal or a domain ("3.0",
 * "creativecommons.org": no space follows), and an abbreviation that runs on ("e.g. ImageNet", "i.e. the
 * weights", "et al. trained", "cf. Table 2", "Fig. 3").
 */

/** Abbreviations whose final period does not end a sentence (lower case, without that period). */
const ABBREVIATIONS = new Set(["e.g", "i.e", "eg", "ie", "cf", "vs", "viz", "incl", "approx", "fig", "figs", "eq", "eqs", "resp", "ca", "no", "nos", "ref", "sec", "tab"]);

const isStop = (c: number) => c === 46 || c === 59 || c === 33 || c === 63;
const isSpace = (c: number) => c === 32 || c === 9 || c === 10 || c === 13;
const isWordChar = (c: number) => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 46;

/** Does the stop character at `p` end a sentence? */
export function endsSentence(text: string, p: number): boolean {
  const c = text.charCodeAt(p);
  if (!isStop(c)) return false;
  if (p + 1 < text.length && !isSpace(text.charCodeAt(p + 1))) return false;
  if (c !== 46) return true;
  // The word before the period: letters and inner periods ("e.g", "i.e", "al").
  let q = p;
  while (q > 0 && isWordChar(text.charCodeAt(q - 1)) && p - q < 8) q--;
  const word = text.slice(q, p).toLowerCase();
  if (ABBREVIATIONS.has(word)) {
    // "No." and "Sec." are abbreviations only before a number ("No. 5"); elsewhere "… is no." is rare enough.
    if (word === "no" || word === "nos" || word === "sec" || word === "tab" || word === "ref") return !/^\s+\d/.test(text.slice(p + 1, p + 4));
    return false;
  }
  return !(word === "al" && /\bet\s+$/i.test(text.slice(Math.max(0, q - 4), q)));
}

/** The sentence around `[start, end)`: from after the previous sentence end (and its space) to the next stop (exclusive). */
export function sentenceBounds(text: string, start: number, end: number): [number, number] {
  let a = start;
  while (a > 1 && !(isSpace(text.charCodeAt(a - 1)) && endsSentence(text, a - 2))) a--;
  if (a <= 1) a = 0;
  let b = end;
  while (b < text.length && !endsSentence(text, b)) b++;
  return [a, b];
}

/** The text split into sentences, each with its stop character and its offset in the text (whitespace between sentences stays at their starts). */
export function splitSentences(text: string): { text: string; offset: number }[] {
  const out: { text: string; offset: number }[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    if (isStop(text.charCodeAt(i)) && endsSentence(text, i)) {
      out.push({ text: text.slice(start, i + 1), offset: start });
      start = i + 1;
    }
  }
  if (start < text.length) out.push({ text: text.slice(start), offset: start });
  return out;
}
