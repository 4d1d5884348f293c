/**
 * Bytes → text, with a clear verdict instead of a crash for what is not text:
 * binary content, invalid UTF-8, UTF-16 with a BOM, oversize files.
 */

export type Decoded =
  | { ok: true; text: string; note?: string }
  | { ok: false; reason: "binary" | "empty"; note: string };

/** How far into a file we look for NUL bytes before calling it binary (git uses 8000). */
const BINARY_SNIFF_BYTES = 8000;

const utf8 = new TextDecoder("utf-8", { fatal: true });
const utf8Lossy = new TextDecoder("utf-8", { fatal: false });

export function decodeText(bytes: Uint8Array): Decoded {
  if (bytes.length === 0) return { ok: false, reason: "empty", note: "empty file" };
  // UTF-16 with a byte-order mark: decode it rather than calling it binary.
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
    const le = bytes[0] === 0xff;
    return { ok: true, text: new TextDecoder(le ? "utf-16le" : "utf-16be").decode(bytes.subarray(2)), note: "decoded as UTF-16" };
  }
  const sniff = bytes.subarray(0, Math.min(bytes.length, BINARY_SNIFF_BYTES));
  if (sniff.includes(0)) return { ok: false, reason: "binary", note: "binary content (NUL bytes), not read as text" };
  let start = 0;
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) start = 3;
  const body = bytes.subarray(start);
  try {
    return { ok: true, text: utf8.decode(body) };
  } catch {
    // Not UTF-8: keep what is readable (Latin-1 licence files exist) and say so.
    const lossy = utf8Lossy.decode(body);
    const bad = (lossy.match(/\uFFFD/g) ?? []).length;
    if (bad > body.length / 10) {
      return { ok: true, text: new TextDecoder("latin1").decode(body), note: "not valid UTF-8; decoded as Latin-1" };
    }
    return { ok: true, text: lossy, note: `not valid UTF-8; ${bad} invalid byte sequence(s) replaced` };
  }
}

const LINES_MEMO = new Map<string, readonly string[]>();
/** How many recent texts keep their split lines: every detector reads the same few files of one scan. */
const LINES_MEMO_SIZE = 64;

/**
 * Split into lines without losing line numbers (CRLF, CR and LF all count as one break). Each detector reads
 * every text line by line; the split of the most recent texts is shared instead of repeated (callers must not
 * modify the returned array).
 */
export function splitLines(text: string): string[] {
  if (text.length < 256) return text.split(/\r\n|\r|\n/);
  const hit = LINES_MEMO.get(text);
  if (hit) return hit as string[];
  const lines = text.split(/\r\n|\r|\n/);
  if (LINES_MEMO.size >= LINES_MEMO_SIZE) LINES_MEMO.delete(LINES_MEMO.keys().next().value!);
  LINES_MEMO.set(text, lines);
  return lines;
}
