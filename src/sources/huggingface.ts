/**
 * A Source for a Hugging Face model repository at a revision (`hf:org/model[@rev]`):
 *
 *   1. `list()`     → the recursive tree (`GET /api/models/{id}/tree/{rev}?recursive=true`, paged by the Hub's
 *                     `Link` header) through `@huggingface/hub`'s `listFiles`; LFS entries carry their object size.
 *   2. `readMany()` → one `GET /{id}/resolve/{rev}/{path}` per file, a few at a time, each with an HTTP Range so a
 *                     big file costs at most `maxBytes` (a server that ignores the Range is cut while streaming).
 *
 * `HF_TOKEN` authenticates and `HF_ENDPOINT` moves the Hub (huggingface_hub's conventions). Errors that make the
 * repository unreadable (gated, private or missing, a bad revision, no network) are {@link HfAccessError}s with a
 * one-line message the CLI prints as is.
 */
import { HubApiError, listFiles } from "@huggingface/hub";
import type { BaseModelResolver } from "../resolve/base-chain.js";
import type { FileEntry, Listing, ReadResult, Source } from "./source.js";

/** huggingface_hub's default endpoint (its `HF_ENDPOINT` fallback). */
export const DEFAULT_HUB_URL = "https://huggingface.co";

/** Git LFS pointer files start with this line (git-lfs spec v1; the same constant as github.ts, kept here so this module does not load Octokit). */
const LFS_POINTER_PREFIX = "version https://git-lfs.github.com/spec/v1";

/** Files read at once by `readMany()`: enough to hide latency, few enough not to hammer the Hub. */
export const READ_CONCURRENCY = 6;

/** Tree entries past which the listing stops (a dataset-sized model repo); the listing is then marked incomplete. */
export const MAX_LIST_ENTRIES = 200_000;

/** Per-request timeout (the Hub answers in well under a second; a hung connection must not hang a scan). */
export const REQUEST_TIMEOUT_MS = 30_000;

/** Why a Hugging Face repository could not be read. */
export type HfErrorKind = "gated" | "not-found" | "revision" | "network" | "http";

/** A repository-level failure: gated, missing or private, bad revision, network, other HTTP status. One line. */
export class HfAccessError extends Error {
  constructor(
    readonly kind: HfErrorKind,
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = "HfAccessError";
  }
}

/** Parse `hf:org/model[@rev]`. */
export function parseHfSpec(spec: string): { repo: string; revision?: string } {
  const body = spec.startsWith("hf:") ? spec.slice(3) : spec;
  const at = body.indexOf("@");
  const repo = at === -1 ? body : body.slice(0, at);
  const revision = at === -1 ? undefined : body.slice(at + 1);
  // Hub ids: `org/name` of letters, digits, `-`, `_`, `.` (a legacy un-namespaced id like `gpt2` is accepted too).
  if (!/^(?:[A-Za-z0-9][\w.-]*\/)?[A-Za-z0-9][\w.-]*$/.test(repo) || revision === "") {
    throw new Error(`not a Hugging Face target: '${spec}' (expected hf:org/model[@revision])`);
  }
  return revision === undefined ? { repo } : { repo, revision };
}

/** The Hub URL from `HF_ENDPOINT` (huggingface_hub's variable), without a trailing slash. */
export function hfHubUrl(env: NodeJS.ProcessEnv): string {
  return (env["HF_ENDPOINT"] || DEFAULT_HUB_URL).replace(/\/+$/, "");
}

/** `HF_TOKEN` (huggingface_hub's variable; `HUGGING_FACE_HUB_TOKEN` is its older name). */
export function hfToken(env: NodeJS.ProcessEnv): string | undefined {
  return env["HF_TOKEN"] || env["HUGGING_FACE_HUB_TOKEN"] || undefined;
}

export interface HfSourceOptions {
  /** `org/model`. */
  repo: string;
  /** Branch, tag or commit; default `main` (the Hub's default branch name). */
  revision?: string;
  hubUrl?: string;
  token?: string;
  /** How `target` names the scan; default `hf:org/model` (plus `@rev` when one was given). */
  target?: string;
  /** For tests and proxies; default the global fetch. */
  fetch?: typeof fetch;
  concurrency?: number;
}

/** The CLI factory: `hf:org/model[@rev]` + env (`HF_ENDPOINT`, `HF_TOKEN`) → a Source. */
export function hfSourceFromSpec(spec: string, env: NodeJS.ProcessEnv): HfSource {
  const { repo, revision } = parseHfSpec(spec);
  const token = hfToken(env);
  return new HfSource({ repo, ...(revision ? { revision } : {}), hubUrl: hfHubUrl(env), ...(token ? { token } : {}), target: spec.startsWith("hf:") ? spec : `hf:${spec}` });
}

/** What the Hub said about a failed response: status, `X-Error-Code`, `X-Error-Message`, the JSON `error`. */
interface HubFailure {
  status: number;
  code: string | null;
  message: string | null;
}

/** Node's fetch wraps the socket error: `TypeError: fetch failed` with `cause.code` (ECONNREFUSED, ENOTFOUND…). */
function networkReason(e: unknown): string | null {
  if (!(e instanceof Error)) {
    const code = e && typeof e === "object" && "code" in e ? String(e.code) : "";
    return /^E[A-Z]+$/.test(code) ? code : null;
  }
  if (e.name === "TimeoutError" || e.name === "AbortError") return "timed out";
  const cause = (e as { cause?: unknown }).cause;
  const code = cause && typeof cause === "object" && "code" in cause ? String(cause.code) : null;
  if (e instanceof TypeError && /fetch failed|network|socket/i.test(e.message)) return code ?? ((cause as Error | undefined)?.message || e.message);
  if (code && /^E[A-Z]+$/.test(code)) return code;
  // nock's refusal of a host it does not know (disableNetConnect) reads like a network error.
  if ((e as { code?: unknown }).code === "ENETUNREACH" || /Nock: Disallowed net connect/.test(e.message)) return "ENETUNREACH";
  return null;
}

/** See the module comment. */
export class HfSource implements Source {
  readonly target: string;
  readonly repo: string;
  readonly revision: string;
  readonly hubUrl: string;
  private readonly token: string | undefined;
  private readonly baseFetch: typeof fetch;
  private readonly concurrency: number;
  /** The last failed response seen by the fetch wrapper (`@huggingface/hub`'s errors keep no headers). */
  private lastFailure: HubFailure | null = null;
  private listed: Map<string, FileEntry & { lfsOid?: string }> | null = null;

  constructor(opts: HfSourceOptions) {
    this.repo = opts.repo;
    this.revision = opts.revision ?? "main";
    this.hubUrl = (opts.hubUrl ?? DEFAULT_HUB_URL).replace(/\/+$/, "");
    this.token = opts.token;
    this.baseFetch = opts.fetch ?? ((...a: Parameters<typeof fetch>) => fetch(...a));
    this.concurrency = Math.max(1, opts.concurrency ?? READ_CONCURRENCY);
    this.target = opts.target ?? `hf:${opts.repo}${opts.revision ? `@${opts.revision}` : ""}`;
  }

  /** The repository page, named in error messages. */
  get url(): string {
    return `${this.hubUrl}/${this.repo}`;
  }

  /** fetch with a timeout that records the error headers of a failed response (read before the body is consumed). */
  private readonly fetch: typeof fetch = async (input, init) => {
    const res = await this.baseFetch(input, { ...init, signal: init?.signal ?? AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
    if (!res.ok) this.lastFailure = { status: res.status, code: res.headers.get("x-error-code"), message: res.headers.get("x-error-message") };
    return res;
  };

  /**
   * One line for a repository-level failure. The Hub's `X-Error-Code` says which (huggingface_hub's
   * `hf_raise_for_status` reads the same header): GatedRepo, RepoNotFound, RevisionNotFound. Without it, a 401 on
   * a repo URL means private or missing (the Hub does not say which), and a 403 gated or not authorised.
   */
  private classify(e: unknown): HfAccessError {
    if (e instanceof HfAccessError) return e;
    const net = networkReason(e);
    if (net) return new HfAccessError("network", `cannot reach the Hugging Face Hub at ${this.hubUrl} for ${this.target} (${net})`);
    const status = e instanceof HubApiError ? e.statusCode : (this.lastFailure?.status ?? 0);
    const f = this.lastFailure && this.lastFailure.status === status ? this.lastFailure : { status, code: null, message: null };
    const serverMessage = f.message ?? (e instanceof HubApiError ? (e.data?.["error"] as string | undefined) ?? null : null);
    return this.failureError(f.status, f.code, serverMessage);
  }

  private failureError(status: number, code: string | null, message: string | null): HfAccessError {
    const tokenHint = this.token ? "HF_TOKEN has no access to it" : "set HF_TOKEN";
    const gatedMessage = message !== null && /gated|restricted|authorized list|accept (?:the )?(?:conditions|terms)/i.test(message);
    if (code === "GatedRepo" || (gatedMessage && (status === 401 || status === 403))) {
      return new HfAccessError("gated", `${this.target} is gated: accept its terms on the Hub (${this.url}) and ${this.token ? "use an HF_TOKEN of the account that did" : "set HF_TOKEN"}`, status);
    }
    if (code === "RevisionNotFound" || (status === 404 && message !== null && /revision|rev id/i.test(message))) {
      return new HfAccessError("revision", `${this.target}: no revision '${this.revision}' in ${this.url}`, status);
    }
    if (code === "RepoNotFound" || status === 401 || status === 404) {
      return new HfAccessError("not-found", `${this.target} was not found on ${this.hubUrl}, or it is private (${tokenHint})`, status);
    }
    if (status === 403) return new HfAccessError("gated", `${this.target}: access refused by the Hub (403${message ? `: ${oneLine(message)}` : ""}); ${tokenHint}`, status);
    return new HfAccessError("http", `${this.target}: the Hugging Face Hub answered ${status || "an error"}${message ? ` (${oneLine(message)})` : ""}`, status);
  }

  async list(): Promise<Listing> {
    const files: (FileEntry & { lfsOid?: string })[] = [];
    const notes: string[] = [];
    let incomplete = false;
    let seen = 0;
    const cursor = listFiles({
      repo: { type: "model", name: this.repo },
      recursive: true,
      revision: this.revision,
      hubUrl: this.hubUrl,
      fetch: this.fetch,
      ...(this.token ? { accessToken: this.token } : {}),
    });
    try {
      for await (const e of cursor) {
        if (++seen > MAX_LIST_ENTRIES) {
          incomplete = true;
          notes.push(`listing incomplete: the tree has more than ${MAX_LIST_ENTRIES} entries; the rest was not listed`);
          break;
        }
        if (e.type !== "file") continue;
        // A path the Hub would never list for a real file (`..`, `.`, empty segments, absolute): not read, noted.
        if (typeof e.path !== "string" || e.path.startsWith("/") || e.path.split("/").some((seg) => seg === "" || seg === "." || seg === "..")) {
          notes.push(`listing entry ${JSON.stringify(String(e.path)).slice(0, 200)} is not a repository path; skipped`);
          continue;
        }
        // The tree's `size` is the object's; an LFS entry's git blob is its pointer (`lfs.pointerSize`).
        files.push(e.lfs ? { path: e.path, size: e.lfs.pointerSize, type: "file", lfsSize: e.lfs.size, lfsOid: e.lfs.oid } : { path: e.path, size: e.size, type: "file" });
      }
    } catch (e) {
      // The first page failing means the repository is unreadable; a later page failing leaves a partial listing.
      if (seen === 0) throw this.classify(e);
      incomplete = true;
      notes.push(`listing incomplete after ${seen} entries: ${this.classify(e).message}`);
    }
    this.listed = new Map(files.map((f) => [f.path, f]));
    return { files: files.map(({ lfsOid: _, ...f }) => f), incomplete, notes };
  }

  /** The resolve URL of one file at the revision (the revision and each path segment URL-encoded). */
  resolveUrl(path: string): string {
    return `${this.hubUrl}/${this.repo}/resolve/${encodeURIComponent(this.revision)}/${path.split("/").map(encodeURIComponent).join("/")}`;
  }

  async readMany(paths: readonly string[], maxBytes: number): Promise<Map<string, ReadResult>> {
    const out = new Map<string, ReadResult>();
    const queue = [...new Set(paths)];
    const failed: { gated: HfAccessError | null } = { gated: null };
    const worker = async () => {
      for (let p = queue.shift(); p !== undefined; p = queue.shift()) {
        const entry = this.listed?.get(p);
        if (this.listed && !entry) {
          out.set(p, { error: "not available" });
          continue;
        }
        if (entry?.lfsOid && entry.lfsSize !== undefined) {
          // An LFS object's git blob is its pointer: rebuilt from the listing rather than downloading the weights.
          const bytes = new TextEncoder().encode(`${LFS_POINTER_PREFIX}\noid sha256:${entry.lfsOid}\nsize ${entry.lfsSize}\n`);
          out.set(p, { bytes: bytes.subarray(0, maxBytes), truncated: bytes.length > maxBytes });
          continue;
        }
        const r = await this.readOne(p, maxBytes);
        if ("gated" in r) {
          failed.gated ??= r.gated;
          out.set(p, { error: r.gated.message });
        } else out.set(p, r);
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.concurrency, queue.length) }, worker));
    // Gating is per repository: one gated file means the card, licenses and configs cannot be read either, and a
    // scan of what is left would report a license-less model. Fail the scan instead.
    if (failed.gated) throw failed.gated;
    return new Map(paths.map((p) => [p, out.get(p)!]));
  }

  private async readOne(path: string, maxBytes: number): Promise<ReadResult | { gated: HfAccessError }> {
    let res: Response;
    try {
      res = await this.fetch(this.resolveUrl(path), {
        // One byte past the cap tells a file that is exactly `maxBytes` long from a longer one.
        headers: { Range: `bytes=0-${maxBytes}`, ...(this.token ? { Authorization: `Bearer ${this.token}` } : {}) },
      });
    } catch (e) {
      return { error: this.classify(e).message };
    }
    if (!res.ok) {
      const code = res.headers.get("x-error-code");
      const message = res.headers.get("x-error-message");
      await res.body?.cancel().catch(() => {});
      if (res.status === 416) return { bytes: new Uint8Array(0), truncated: false }; // an empty file: no byte 0
      if (code === "EntryNotFound" || (res.status === 404 && code !== "RepoNotFound" && code !== "RevisionNotFound")) return { error: "not available" };
      const err = this.failureError(res.status, code, message);
      return err.kind === "gated" ? { gated: err } : { error: err.message };
    }
    try {
      const { bytes, more } = await readCapped(res, maxBytes);
      const total = /\/(\d+)\s*$/.exec(res.headers.get("content-range") ?? "")?.[1];
      return { bytes, truncated: more || (total !== undefined && Number(total) > bytes.length) };
    } catch (e) {
      return { error: `read failed: ${networkReason(e) ?? (e instanceof Error ? e.message : String(e))}` };
    }
  }
}

/** The first `max` bytes of a response body, then cancel the rest; `more` when the body went on. */
async function readCapped(res: Response, max: number): Promise<{ bytes: Uint8Array; more: boolean }> {
  if (!res.body) return { bytes: new Uint8Array(0), more: false };
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let got = 0;
  let more = false;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    got += value.length;
    if (got > max) {
      more = true;
      await reader.cancel().catch(() => {});
      break;
    }
  }
  const all = new Uint8Array(Math.min(got, max));
  let off = 0;
  for (const c of chunks) {
    const n = Math.min(c.length, all.length - off);
    all.set(c.subarray(0, n), off);
    off += n;
    if (off >= all.length) break;
  }
  return { bytes: all, more };
}

const oneLine = (s: string) => s.replace(/\s+/g, " ").trim().slice(0, 200);

/** Root license files read beside a base model's card (LICENSE, LICENSE.md, LICENSE-MODEL, COPYING, …). */
const ROOT_LICENSE = /^(?:licen[cs]e|copying)(?:[-._][\w.-]*)?$/i;

/** Cap per file when reading a base model's card and licenses (cards and license texts are far smaller). */
export const BASE_CARD_MAX_BYTES = 512 * 1024;

/**
 * A base-model resolver (see resolve/base-chain.ts) on the Hub: for `org/name`, its tree, then its README.md and
 * root license files, two or three requests per hop. A missing or private model is null; gated or unreachable
 * throws, and the pipeline records the message on the hop.
 */
export function hfBaseModelCards(opts: { hubUrl?: string; token?: string; fetch?: typeof fetch } = {}): BaseModelResolver {
  return async (id) => {
    const src = new HfSource({ repo: id, ...opts });
    let listing: Listing;
    try {
      listing = await src.list();
    } catch (e) {
      if (e instanceof HfAccessError && e.kind === "not-found") return null;
      throw e;
    }
    const wanted = listing.files.filter((f) => f.path === "README.md" || ROOT_LICENSE.test(f.path)).map((f) => f.path);
    const read = wanted.length ? await src.readMany(wanted, BASE_CARD_MAX_BYTES) : new Map<string, ReadResult>();
    const text = (p: string): string | null => {
      const r = read.get(p);
      return r && "bytes" in r ? new TextDecoder("utf-8").decode(r.bytes) : null;
    };
    const licenseFiles = new Map<string, string>();
    for (const p of wanted) {
      const t = p === "README.md" ? null : text(p);
      if (t !== null) licenseFiles.set(p, t);
    }
    return { card: text("README.md") ?? "", licenseFiles, url: src.url };
  };
}
