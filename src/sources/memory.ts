/**
 * An in-memory Source: a listing plus file contents. Used by tests, benchmarks
 * and the corpus harness (a `tree.txt` listing with only some files present).
 */
import type { FileEntry, Listing, ReadResult, Source } from "./source.js";

export class MemorySource implements Source {
  readonly requests = { list: 0, readMany: 0 };
  constructor(
    readonly target: string,
    private readonly files: FileEntry[],
    private readonly contents: ReadonlyMap<string, Uint8Array | string>,
  ) {}

  async list(): Promise<Listing> {
    this.requests.list++;
    return { files: this.files, incomplete: false, notes: [] };
  }

  async readMany(paths: readonly string[], maxBytes: number): Promise<Map<string, ReadResult>> {
    this.requests.readMany++;
    const out = new Map<string, ReadResult>();
    for (const p of paths) {
      const c = this.contents.get(p);
      if (c === undefined) {
        out.set(p, { error: "not available" });
        continue;
      }
      const bytes = typeof c === "string" ? new TextEncoder().encode(c) : c;
      out.set(p, { bytes: bytes.subarray(0, maxBytes), truncated: bytes.length > maxBytes });
    }
    return out;
  }
}
