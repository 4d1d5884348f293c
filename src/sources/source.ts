/**
 * The source interface: what every target (a local directory, a GitHub repo at a
 * ref, a Hugging Face repo) offers the pipeline. Two calls, so a remote source
 * can answer a scan in two requests: one listing, one batched read.
 */

export interface FileEntry {
  /** Repo-relative POSIX path. */
  path: string;
  /** Bytes; for an LFS pointer the pointer's own size (the object size is in `lfsSize`). */
  size: number;
  type: "file" | "symlink" | "submodule";
  /** Set when the entry is known to be a Git LFS pointer and the real object size is known. */
  lfsSize?: number;
}

export interface Listing {
  files: FileEntry[];
  /** True when the listing could not be completed (a truncated tree, a file cap); `notes` says what is missing. */
  incomplete: boolean;
  notes: string[];
}

export interface Source {
  /** How the target is named in reports: a path, `github:owner/repo@ref`, `hf:owner/name`. */
  readonly target: string;
  list(): Promise<Listing>;
  /**
   * Read several files at once (a remote source batches them). Paths it cannot
   * read (missing, a symlink out of the tree, over its size cap) come back as an
   * `error` string instead of bytes; it never throws for one bad file.
   */
  readMany(paths: readonly string[], maxBytes: number): Promise<Map<string, ReadResult>>;
}

export type ReadResult = { bytes: Uint8Array; truncated: boolean } | { error: string };
