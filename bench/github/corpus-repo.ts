/**
 * A corpus-shaped fake repository: every path of `/work/shared/corpus/<entry>/tree.txt`
 * at its listed size, with the copied files' real bytes and synthetic stand-ins for the
 * rest: LFS pointers as pointer text, binaries (weights, images, archives) as
 * incompressible bytes, other files as text that compresses like source code. Read at
 * run time from ../shared (never copied into the repo).
 */
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";

/** `/work/shared/corpus`, found relative to the checkout (`../shared/corpus` from /work/main). */
export const CORPUS_DIR = resolve(process.cwd(), "../shared/corpus");

/** Corpus entries (folders with a tree.txt). */
export function corpusEntries(): string[] {
  return readdirSync(CORPUS_DIR).filter((d) => existsSync(join(CORPUS_DIR, d, "tree.txt"))).sort();
}

/** Files whose content the stand-in makes incompressible (weights, media, archives). */
const BINARY_EXT = /\.(bin|pt|pth|ckpt|safetensors|onnx|pkl|h5|npz|npy|gguf|msgpack|tflite|pb|model|png|jpe?g|gif|webp|mp4|wav|mp3|flac|zip|gz|tgz|tar|7z|pdf|ttf|woff2?|so|dll|exe|jar|whl|parquet|arrow)$/i;
/** Size used for blobs the snapshot left out (`absent-from-snapshot (>=4MiB)`): their lower bound. */
export const ABSENT_SIZE = 4 * 1024 * 1024;

const WORDS = "def return self import from torch model train data config loss epoch batch size lr optimizer if else for in range print args parser add_argument default type int float str None True False class __init__ forward layer conv relu norm dropout weight bias path os json yaml load save checkpoint state_dict cuda device eval".split(" ");

/** A tiny deterministic PRNG (xorshift32), seeded from the path. */
function prng(seed: string): () => number {
  let x = createHash("sha1").update(seed).digest().readUInt32LE(0) || 1;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 0x100000000;
  };
}

function syntheticText(path: string, size: number): Uint8Array {
  const rnd = prng(path);
  const parts: string[] = [];
  let n = 0;
  while (n < size) {
    const line = `${"    ".repeat(Math.floor(rnd() * 3))}${Array.from({ length: 3 + Math.floor(rnd() * 8) }, () => WORDS[Math.floor(rnd() * WORDS.length)]).join(" ")}\n`;
    parts.push(line);
    n += line.length;
  }
  return new TextEncoder().encode(parts.join("").slice(0, size));
}

function syntheticBinary(path: string, size: number): Uint8Array {
  const out = new Uint8Array(size);
  let block = createHash("sha256").update(path).digest();
  for (let i = 0; i < size; i += 32) {
    block = createHash("sha256").update(block).digest();
    out.set(block.subarray(0, Math.min(32, size - i)), i);
  }
  return out;
}

/** One tree.txt line. */
export interface TreeLine {
  path: string;
  size: number | null;
  note?: string;
}

export function readTreeTxt(entry: string): TreeLine[] {
  return readFileSync(join(CORPUS_DIR, entry, "tree.txt"), "utf8")
    .split("\n")
    .filter(Boolean)
    .map((l) => {
      const [path = "", size = "?", note] = l.split("\t");
      return { path, size: size === "?" ? null : Number(size), ...(note ? { note } : {}) };
    });
}

/** The files of a corpus-shaped repository: path → bytes. */
export function corpusRepoFiles(entry: string): Record<string, Uint8Array> {
  const files: Record<string, Uint8Array> = {};
  for (const t of readTreeTxt(entry)) {
    if (t.note === "submodule" || t.note === "symlink") continue;
    const copied = join(CORPUS_DIR, entry, t.path);
    const lfs = /^lfs-pointer size=(\d+)/.exec(t.note ?? "");
    if (lfs) {
      const oid = createHash("sha256").update(t.path).digest("hex");
      files[t.path] = new TextEncoder().encode(`version https://git-lfs.github.com/spec/v1\noid sha256:${oid}\nsize ${lfs[1]}\n`);
    } else if (existsSync(copied) && t.path !== "tree.txt" && t.path !== "SOURCE.yaml") {
      files[t.path] = new Uint8Array(readFileSync(copied));
    } else {
      const size = t.size ?? ABSENT_SIZE;
      files[t.path] = BINARY_EXT.test(t.path) ? syntheticBinary(t.path, size) : syntheticText(t.path, size);
    }
  }
  return files;
}
