/**
 * Lazy loaders for the prebuilt license indexes (scripts/build-license-index.ts writes them).
 * `index-fast.json` (~70 KB: exact keys, names, AI licenses) is read on the first
 * identification; `spdx-bigrams.{json,bin}` (40 KB + 1.7 MB, a typed-array view, no parsing)
 * only when the cheap matchers fail.
 */
import { readFileSync } from "node:fs";
import { endianness } from "node:os";
import type { Clause } from "../../core/types.js";
import { rulesUrl } from "../../core/paths.js";

/** One AI/model license from rules/licenses/<id>.yml, as compiled into the fast index. */
export interface AiLicense {
  id: string;
  name: string;
  /** Hugging Face model-card `license:` values that mean this license. */
  hfIds: string[];
  /** Other spellings seen in model cards and READMEs (matched case-insensitively, whole value). */
  aliases: string[];
  /** Where the terms are published (first URL of the YAML). */
  url: string;
  clauses: Clause[];
  /** Case-insensitive regex over the raw text that names the license (its title). */
  title: string;
  /** Normalised distinctive phrases; a full text carries at least one. */
  markers: string[];
}

/** Contents of rules/licenses/index-fast.json. */
export interface FastIndex {
  normalizerVersion: number;
  spdxLicenseListVersion: string;
  /** exactKey(normalised tokens) → reported id. */
  exact: Record<string, string>;
  /** SPDX id → the id reported for it (identical texts, deprecated ids). */
  equivalent: Record<string, string>;
  /** Reported id → license name. */
  names: Record<string, string>;
  ai: AiLicense[];
}

/** One SPDX candidate for the Dice matcher. */
export interface BigramEntry {
  id: string;
  name: string;
  /** Normalised token count of the license text. */
  n: number;
  /** Sorted unique bigram hashes. */
  bigrams: Uint32Array;
}

const FAST_URL = rulesUrl("licenses/index-fast.json");
const META_URL = rulesUrl("licenses/spdx-bigrams.json");
const BIN_URL = rulesUrl("licenses/spdx-bigrams.bin");

let fast: FastIndex | undefined;
let bigrams: BigramEntry[] | undefined;

/** The fast index (exact keys, names, AI licenses); read once. */
export function fastIndex(): FastIndex {
  fast ??= JSON.parse(readFileSync(FAST_URL, "utf8")) as FastIndex;
  return fast;
}

/** Every SPDX text's bigram set; read once, on the first Dice comparison. */
export function bigramIndex(): BigramEntry[] {
  if (!bigrams) {
    const meta = JSON.parse(readFileSync(META_URL, "utf8")) as { licenses: { id: string; name: string; n: number; o: number; c: number }[] };
    let buf = readFileSync(BIN_URL);
    if (buf.byteOffset % 4 !== 0) buf = Buffer.from(buf); // a typed-array view needs 4-byte alignment
    let all = new Uint32Array(buf.buffer, buf.byteOffset, buf.byteLength >>> 2);
    if (endianness() === "BE") {
      // The file is little-endian (written with writeUInt32LE); swap on the rare big-endian host.
      const swapped = new Uint32Array(all.length);
      for (let i = 0; i < all.length; i++) swapped[i] = buf.readUInt32LE(4 * i);
      all = swapped;
    }
    bigrams = meta.licenses.map((l) => ({ id: l.id, name: l.name, n: l.n, bigrams: all.subarray(l.o, l.o + l.c) }));
  }
  return bigrams;
}
