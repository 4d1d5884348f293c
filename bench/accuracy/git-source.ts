/**
 * A Source over a bare git directory at one commit (the mirrors `fetch` brings): the listing from `git ls-tree`, sizes
 * from `git cat-file --batch-check`, contents from `git cat-file --batch`. The same files a clone at that commit would
 * give LocalSource, without writing a work tree. Blobs the mirror lacks (it drops files of 4 MiB and more) are listed
 * with that lower bound as their size and read as "not available", as the corpus harness does.
 */
import { execFileSync, spawnSync } from "node:child_process";
import type { FileEntry, Listing, ReadResult, Source } from "../../src/sources/source.js";

export const ABSENT_SIZE = 4 * 1024 * 1024;

export class GitMirrorSource implements Source {
  private blobs = new Map<string, string>();
  constructor(
    readonly target: string,
    private readonly gitDir: string,
    private readonly commit: string,
  ) {}

  private git(args: string[], input?: string): Buffer {
    return execFileSync("git", ["--git-dir", this.gitDir, ...args], { input, maxBuffer: 2 ** 30 });
  }

  async list(): Promise<Listing> {
    const out = this.git(["ls-tree", "-r", "-z", "--full-tree", this.commit]).toString("utf8");
    const rows = out.split("\0").filter(Boolean);
    const files: FileEntry[] = [];
    const shas: string[] = [];
    for (const row of rows) {
      const tab = row.indexOf("\t");
      const [mode, type, sha] = row.slice(0, tab).split(" ") as [string, string, string];
      const path = row.slice(tab + 1);
      if (type === "commit") {
        files.push({ path, size: 0, type: "submodule" });
        continue;
      }
      if (type !== "blob") continue;
      this.blobs.set(path, sha);
      shas.push(sha);
      files.push({ path, size: -1, type: mode === "120000" ? "symlink" : "file" });
    }
    const check = spawnSync("git", ["--git-dir", this.gitDir, "cat-file", "--batch-check"], { input: shas.join("\n") + "\n", maxBuffer: 2 ** 30 });
    const sizes = check.stdout.toString("utf8").split("\n");
    let k = 0;
    for (const f of files) {
      if (f.type === "submodule") continue;
      const line = sizes[k++] ?? "";
      const m = /^[0-9a-f]{40} blob (\d+)$/.exec(line);
      f.size = m ? Number(m[1]) : ABSENT_SIZE;
    }
    return { files, incomplete: false, notes: [] };
  }

  async readMany(paths: readonly string[], maxBytes: number): Promise<Map<string, ReadResult>> {
    const out = new Map<string, ReadResult>();
    const want = paths.filter((p) => this.blobs.has(p));
    for (const p of paths) if (!this.blobs.has(p)) out.set(p, { error: "not available" });
    if (want.length === 0) return out;
    const r = spawnSync("git", ["--git-dir", this.gitDir, "cat-file", "--batch"], { input: want.map((p) => this.blobs.get(p)).join("\n") + "\n", maxBuffer: 2 ** 31 });
    const buf = r.stdout;
    let pos = 0;
    for (const p of want) {
      const nl = buf.indexOf(10, pos);
      const header = buf.subarray(pos, nl).toString("utf8");
      pos = nl + 1;
      const m = /^[0-9a-f]{40} blob (\d+)$/.exec(header);
      if (!m) {
        out.set(p, { error: "not available" });
        continue;
      }
      const size = Number(m[1]);
      const bytes = buf.subarray(pos, pos + size);
      pos += size + 1;
      out.set(p, { bytes: new Uint8Array(bytes.subarray(0, maxBytes)), truncated: size > maxBytes });
    }
    return out;
  }
}
