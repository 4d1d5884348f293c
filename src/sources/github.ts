/**
 * A Source for a GitHub repository at a ref, built to answer a scan in two API
 * requests whatever the size of the tree:
 *
 *   1. `list()`     → ONE `GET /repos/{o}/{r}/git/trees/{ref}?recursive=1`
 *   2. `readMany()` → ONE GraphQL query reading every candidate blob by its oid
 *                     (aliases `f0 … fN`), so nothing races a moving branch.
 *
 * Works with any Octokit that has `request` and `graphql` (Probot's
 * `context.octokit`, `@octokit/rest` in the CLI), and with GitHub Enterprise
 * base URLs (`…/api/v3`; Octokit's graphql maps that to `…/api/graphql`).
 */
import { Octokit } from "@octokit/rest";
import type { FileEntry, Listing, ReadResult, Source } from "./source.js";

/** The two Octokit calls this source uses (structural, so Probot's and @octokit/rest's clients both fit). */
export interface GitHubClient {
  request(route: string, params?: Record<string, unknown>): Promise<{ data: unknown; status: number }>;
  graphql(query: string, params?: Record<string, unknown>): Promise<unknown>;
}

/** Options of {@link githubSource}. */
export interface GitHubSourceOptions {
  owner: string;
  repo: string;
  /**
   * A commit sha (preferred: webhooks give one), branch or tag name. The trees
   * endpoint accepts a ref name, so a branch costs no extra request. Default `HEAD`
   * (the default branch; see {@link DEFAULT_REF}).
   */
  ref?: string;
  octokit: GitHubClient;
  /** How `target` names the scan; default `github:owner/repo@ref`. */
  target?: string;
  /** Extra tree requests allowed when the recursive tree comes back truncated (default {@link MAX_SUBTREE_REQUESTS}). */
  maxSubtreeRequests?: number;
}

/**
 * Used when no ref is given. GitHub resolves `HEAD` like `git rev-parse` does
 * (widely used as `git/trees/HEAD?recursive=1`; not verified against GHES here),
 * and if it is refused we fall back to the repository's `default_branch` (one
 * extra request).
 */
export const DEFAULT_REF = "HEAD";

/**
 * The recursive tree is capped at 100,000 entries / 7 MB (GitHub REST docs, "Get a tree").
 * Past that we list subtrees one request each; this bounds how many.
 */
export const MAX_SUBTREE_REQUESTS = 40;

/**
 * Blobs larger than this are not pulled through GraphQL (the whole text comes back,
 * whatever `maxBytes` is): they are reported as over the cap instead. The files the
 * pipeline reads (licenses, READMEs, model cards, configs) are far smaller.
 */
export const GRAPHQL_BLOB_CAP = 1024 * 1024;

/**
 * One GraphQL query reads every candidate unless the batch is unusually large. GitHub
 * documents a 500,000-node limit (each `object` here is one node) and a 10-second
 * timeout, but no limit on aliases; splitting by alias count and by the blobs' total
 * size is our guard against the timeout (thresholds are assumptions, not measured
 * against github.com). The pipeline asks for at most ~1,050 paths (600 candidates +
 * 450 weight-detector texts), so one query covers every scan under these caps.
 */
export const GRAPHQL_ALIASES_PER_QUERY = 1_100;
/** Sum of blob sizes per GraphQL query before we split (see {@link GRAPHQL_ALIASES_PER_QUERY}). */
export const GRAPHQL_BYTES_PER_QUERY = 12 * 1024 * 1024;

/** Git LFS pointer files start with this line (git-lfs spec v1). */
export const LFS_POINTER_PREFIX = "version https://git-lfs.github.com/spec/v1";

interface TreeEntry {
  path: string;
  mode: string;
  type: "blob" | "tree" | "commit";
  sha: string;
  size?: number;
}

interface TreeResponse {
  sha: string;
  tree: TreeEntry[];
  truncated: boolean;
}

interface BlobNode {
  byteSize: number;
  isBinary: boolean | null;
  isTruncated: boolean;
  text: string | null;
}

/** Parse `github:owner/repo[@ref]` (also accepts `owner/repo[@ref]`). */
export function parseGithubSpec(spec: string): { owner: string; repo: string; ref?: string } {
  const body = spec.startsWith("github:") ? spec.slice("github:".length) : spec;
  const at = body.indexOf("@");
  const name = at === -1 ? body : body.slice(0, at);
  const ref = at === -1 ? undefined : body.slice(at + 1);
  const m = /^([A-Za-z0-9_.-]+)\/([A-Za-z0-9_.-]+?)(?:\.git)?$/.exec(name);
  if (!m || ref === "") throw new Error(`not a GitHub target: '${spec}' (expected github:owner/repo[@ref])`);
  return ref === undefined ? { owner: m[1]!, repo: m[2]! } : { owner: m[1]!, repo: m[2]!, ref };
}

/** The REST base URL from the environment: GHE_HOST/GHE_PROTOCOL (Probot's variables), else GITHUB_API_URL (Actions), else github.com. */
export function githubBaseUrl(env: NodeJS.ProcessEnv): string {
  if (env.GHE_HOST) return `${env.GHE_PROTOCOL || "https"}://${env.GHE_HOST}/api/v3`;
  if (env.GITHUB_API_URL) return env.GITHUB_API_URL.replace(/\/$/, "");
  return "https://api.github.com";
}

/**
 * The CLI factory: `github:owner/repo[@ref]` + env → a Source using `@octokit/rest`
 * with `GITHUB_TOKEN` (or `GH_TOKEN`). Unauthenticated works for public repos
 * on REST, but GitHub's GraphQL API always needs a token, so we require one.
 */
export function githubSourceFromSpec(spec: string, env: NodeJS.ProcessEnv): Source {
  const { owner, repo, ref } = parseGithubSpec(spec);
  const token = env.GITHUB_TOKEN || env.GH_TOKEN;
  if (!token) throw new Error("github: targets need a token: set GITHUB_TOKEN (GitHub's GraphQL API does not answer anonymous requests)");
  const octokit = new Octokit({ auth: token, baseUrl: githubBaseUrl(env), userAgent: "carryover" });
  return githubSource({ owner, repo, ...(ref ? { ref } : {}), octokit, target: spec.startsWith("github:") ? spec : `github:${spec}` });
}

/** A Source for `owner/repo` at `ref` (see the module comment for the request budget). */
export function githubSource(opts: GitHubSourceOptions): GitHubSource {
  return new GitHubSource(opts);
}

/** Status of an Octokit RequestError, or undefined. */
function statusOf(e: unknown): number | undefined {
  return typeof e === "object" && e !== null && "status" in e && typeof e.status === "number" ? e.status : undefined;
}

/** Parse a Git LFS pointer's text; null when it is not one. */
export function parseLfsPointer(text: string): { oid: string; size: number } | null {
  if (!text.startsWith(LFS_POINTER_PREFIX)) return null;
  const oid = /^oid sha256:([0-9a-f]{64})$/m.exec(text)?.[1];
  const size = /^size (\d+)$/m.exec(text)?.[1];
  return oid && size ? { oid, size: Number(size) } : null;
}

/** Cut UTF-8 bytes at `max` without splitting a multi-byte character. */
function cutUtf8(bytes: Uint8Array, max: number): Uint8Array {
  if (bytes.length <= max) return bytes;
  let end = max;
  // 0b10xxxxxx is a continuation byte: step back to the start of the character.
  while (end > 0 && (bytes[end]! & 0xc0) === 0x80) end--;
  return bytes.subarray(0, end);
}

/** See {@link githubSource}. */
export class GitHubSource implements Source {
  readonly target: string;
  readonly owner: string;
  readonly repo: string;
  /** The ref as given (sha, branch, tag or `HEAD`). */
  readonly ref: string;
  private readonly octokit: GitHubClient;
  private readonly maxSubtreeRequests: number;
  /** path → blob oid/size/type, filled by `list()`; `readMany()` reads by oid. */
  private entries: Map<string, { sha: string; size: number; type: FileEntry["type"] }> | null = null;

  constructor(opts: GitHubSourceOptions) {
    this.owner = opts.owner;
    this.repo = opts.repo;
    this.ref = opts.ref ?? DEFAULT_REF;
    this.octokit = opts.octokit;
    this.maxSubtreeRequests = opts.maxSubtreeRequests ?? MAX_SUBTREE_REQUESTS;
    this.target = opts.target ?? `github:${opts.owner}/${opts.repo}@${this.ref}`;
  }

  private async getTree(sha: string, recursive: boolean): Promise<TreeResponse> {
    const { data } = await this.octokit.request("GET /repos/{owner}/{repo}/git/trees/{tree_sha}", {
      owner: this.owner,
      repo: this.repo,
      tree_sha: sha,
      ...(recursive ? { recursive: "1" } : {}),
    });
    return data as TreeResponse;
  }

  /** The recursive tree at `ref`; `HEAD` refused → the default branch. */
  private async rootTree(): Promise<TreeResponse> {
    try {
      return await this.getTree(this.ref, true);
    } catch (e) {
      const status = statusOf(e);
      if (this.ref !== DEFAULT_REF || (status !== 404 && status !== 422)) throw e;
      const { data } = await this.octokit.request("GET /repos/{owner}/{repo}", { owner: this.owner, repo: this.repo });
      return this.getTree((data as { default_branch: string }).default_branch, true);
    }
  }

  async list(): Promise<Listing> {
    const root = await this.rootTree();
    const notes: string[] = [];
    let raw: TreeEntry[];
    let incomplete = false;
    if (!root.truncated) {
      raw = root.tree;
    } else {
      const walked = await this.walkTruncated(root.sha);
      raw = walked.entries;
      incomplete = walked.missing.length > 0;
      notes.push(
        `the recursive tree was truncated by GitHub (over 100,000 entries or 7 MB); listed it again by subtree with ${walked.requests} more request(s)`,
      );
      if (incomplete) {
        const shown = walked.missing.slice(0, 20).join(", ");
        notes.push(
          `listing incomplete: ${walked.missing.length} director${walked.missing.length === 1 ? "y" : "ies"} not listed (request budget ${this.maxSubtreeRequests} spent): ${shown}${walked.missing.length > 20 ? ", …" : ""}`,
        );
      }
    }
    const entries = new Map<string, { sha: string; size: number; type: FileEntry["type"] }>();
    const files: FileEntry[] = [];
    for (const e of raw) {
      if (e.type === "tree") continue;
      // 120000 = symlink, 160000 (type "commit") = submodule (git's mode bits).
      const type: FileEntry["type"] = e.type === "commit" ? "submodule" : e.mode === "120000" ? "symlink" : "file";
      const size = e.size ?? 0;
      entries.set(e.path, { sha: e.sha, size, type });
      files.push({ path: e.path, size, type });
    }
    this.entries = entries;
    return { files, incomplete, notes };
  }

  /**
   * GitHub's advice for a truncated tree: "use the non-recursive method of fetching
   * trees, and fetch one sub-tree at a time". We list the root without recursion,
   * then each directory recursively (one request; most fit), splitting a directory
   * again only when its own recursive listing is truncated. Bounded by
   * `maxSubtreeRequests`; whatever is left is reported as missing.
   */
  private async walkTruncated(rootSha: string): Promise<{ entries: TreeEntry[]; missing: string[]; requests: number }> {
    const entries: TreeEntry[] = [];
    const queue: { prefix: string; sha: string; recursive: boolean }[] = [{ prefix: "", sha: rootSha, recursive: false }];
    let requests = 0;
    while (queue.length > 0 && requests < this.maxSubtreeRequests) {
      const item = queue.shift()!;
      requests++;
      const t = await this.getTree(item.sha, item.recursive);
      if (item.recursive && t.truncated) {
        // Too big even on its own: split it one level down.
        queue.unshift({ ...item, recursive: false });
        continue;
      }
      for (const e of t.tree) {
        const path = item.prefix + e.path;
        entries.push({ ...e, path });
        if (e.type === "tree" && !item.recursive) queue.push({ prefix: `${path}/`, sha: e.sha, recursive: true });
      }
    }
    return { entries, missing: queue.map((q) => q.prefix.replace(/\/$/, "") || "/"), requests };
  }

  async readMany(paths: readonly string[], maxBytes: number): Promise<Map<string, ReadResult>> {
    if (!this.entries) await this.list();
    const entries = this.entries!;
    const out = new Map<string, ReadResult>();
    const wanted: { path: string; sha: string }[] = [];
    for (const path of paths) {
      const e = entries.get(path);
      if (!e) out.set(path, { error: "not in the repository tree" });
      else if (e.type === "submodule") out.set(path, { error: "a submodule (not read)" });
      else if (e.type === "symlink") out.set(path, { error: "a symlink (not followed on GitHub sources)" });
      else if (e.size > GRAPHQL_BLOB_CAP) out.set(path, { error: `over the size cap (${e.size} bytes > ${GRAPHQL_BLOB_CAP})` });
      else wanted.push({ path, sha: e.sha });
    }
    // Same blob under two paths: ask once.
    const sizes = new Map(wanted.map((w) => [w.sha, entries.get(w.path)!.size]));
    const chunks: string[][] = [];
    let bytes = 0;
    for (const oid of sizes.keys()) {
      const last = chunks.at(-1);
      const size = sizes.get(oid)!;
      if (!last || last.length >= GRAPHQL_ALIASES_PER_QUERY || bytes + size > GRAPHQL_BYTES_PER_QUERY) {
        chunks.push([oid]);
        bytes = size;
      } else {
        last.push(oid);
        bytes += size;
      }
    }
    const blobs = new Map<string, BlobNode | null>();
    for (const chunk of chunks) {
      const fields = chunk
        .map((oid, j) => `f${j}: object(oid: "${oid}") { ... on Blob { byteSize isBinary isTruncated text } }`)
        .join("\n    ");
      const query = `query($owner: String!, $name: String!) {\n  repository(owner: $owner, name: $name) {\n    ${fields}\n  }\n}`;
      const data = (await this.octokit.graphql(query, { owner: this.owner, name: this.repo })) as {
        repository: Record<string, BlobNode | null> | null;
      };
      chunk.forEach((oid, j) => blobs.set(oid, data.repository?.[`f${j}`] ?? null));
    }
    const enc = new TextEncoder();
    for (const { path, sha } of wanted) {
      const b = blobs.get(sha);
      if (!b) out.set(path, { error: "blob not returned by GitHub" });
      else if (b.isBinary || b.text === null) {
        out.set(path, { error: b.isBinary ? "binary content (GitHub reports the blob as binary)" : "no text returned (blob too large for the API)" });
      } else {
        const full = enc.encode(b.text);
        const bytes = cutUtf8(full, maxBytes);
        out.set(path, { bytes, truncated: b.isTruncated || bytes.length < full.length });
      }
    }
    return out;
  }
}
