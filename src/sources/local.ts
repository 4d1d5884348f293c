/**
 * A local directory (a clone of a model repo) as a Source. Never follows a
 * symlink: a link is listed as such and reading it answers with an error, so a
 * link pointing out of the tree cannot leak a file from elsewhere.
 */
import { lstat, open, readdir, realpath } from "node:fs/promises";
import path from "node:path";
import type { FileEntry, Listing, ReadResult, Source } from "./source.js";

/** Directories that are never part of what a repository publishes. */
const SKIP_DIRS = new Set([".git", "node_modules", ".hg", ".svn", "__pycache__", ".venv", ".tox"]);
/** Upper bound on listed entries, so a scan of `/` by mistake ends with a note instead of exhausting memory. */
export const MAX_LOCAL_FILES = 1_000_000;

export class LocalSource implements Source {
  readonly target: string;
  private readonly root: string;

  constructor(dir: string, target?: string) {
    this.root = path.resolve(dir);
    this.target = target ?? dir;
  }

  async list(): Promise<Listing> {
    const files: FileEntry[] = [];
    const notes: string[] = [];
    let incomplete = false;
    const rootStat = await lstat(this.root).catch(() => null);
    if (!rootStat) throw new Error(`cannot read ${this.target}: no such directory`);
    if (!rootStat.isDirectory()) throw new Error(`${this.target} is not a directory`);
    const stack: string[] = [""];
    while (stack.length > 0) {
      const rel = stack.pop()!;
      let entries;
      try {
        entries = await readdir(path.join(this.root, rel), { withFileTypes: true });
      } catch (e) {
        notes.push(`${rel || "."}: cannot list (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
        incomplete = true;
        continue;
      }
      for (const d of entries) {
        const p = rel ? `${rel}/${d.name}` : d.name;
        if (d.isDirectory()) {
          if (!SKIP_DIRS.has(d.name)) stack.push(p);
        } else if (d.isSymbolicLink()) {
          files.push({ path: p, size: 0, type: "symlink" });
        } else if (d.isFile()) {
          files.push({ path: p, size: -1, type: "file" });
        }
        if (files.length >= MAX_LOCAL_FILES) {
          notes.push(`listing stopped at ${MAX_LOCAL_FILES} files`);
          return { files, incomplete: true, notes };
        }
      }
    }
    // Sizes: stat in bounded parallel batches (a sequential stat of 100k files is the slow part of a walk).
    const BATCH = 256;
    for (let i = 0; i < files.length; i += BATCH) {
      await Promise.all(
        files.slice(i, i + BATCH).map(async (f) => {
          if (f.type !== "file") return;
          try {
            f.size = (await lstat(path.join(this.root, f.path))).size;
          } catch {
            f.size = 0;
          }
        }),
      );
    }
    files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    return { files, incomplete, notes };
  }

  async readMany(paths: readonly string[], maxBytes: number): Promise<Map<string, ReadResult>> {
    const out = new Map<string, ReadResult>();
    await Promise.all(paths.map(async (p) => out.set(p, await this.readOne(p, maxBytes))));
    return out;
  }

  private async readOne(rel: string, maxBytes: number): Promise<ReadResult> {
    const abs = path.resolve(this.root, rel);
    if (abs !== this.root && !abs.startsWith(this.root + path.sep)) return { error: "path outside the scanned tree" };
    try {
      const st = await lstat(abs);
      if (st.isSymbolicLink()) {
        const real = await realpath(abs).catch(() => null);
        const rootReal = await realpath(this.root);
        if (!real) return { error: "dangling symlink" };
        if (real !== rootReal && !real.startsWith(rootReal + path.sep)) return { error: "symlink pointing outside the scanned tree; not followed" };
        return { error: "symlink; not followed" };
      }
      if (!st.isFile()) return { error: "not a regular file" };
      const fh = await open(abs, "r");
      try {
        const n = Math.min(st.size, maxBytes);
        const buf = Buffer.alloc(n);
        let off = 0;
        while (off < n) {
          const { bytesRead } = await fh.read(buf, off, n - off, off);
          if (bytesRead === 0) break;
          off += bytesRead;
        }
        return { bytes: new Uint8Array(buf.buffer, buf.byteOffset, off), truncated: st.size > maxBytes };
      } finally {
        await fh.close();
      }
    } catch (e) {
      return { error: `cannot read (${(e as NodeJS.ErrnoException).code ?? String(e)})` };
    }
  }
}
