/* eslint-disable @typescript-eslint/no-explicit-any -- untyped JSON in and out of a fake server */
/**
 * A small stateful fake of the GitHub endpoints carryover uses (git trees, GraphQL
 * blobs and default-branch heads, repos, org and installation repository lists with Link
 * pagination, check runs, issues, labels, comments, installation tokens, x-ratelimit headers
 * with an optional injected secondary rate limit, and the contents API for the benchmark's
 * naive walk). One `handle()` serves both the nock
 * tests (`fake-nock.ts`) and the benchmark's node:http server (bench/github/fake-server.ts).
 *
 * Response objects copy real shapes: issues and check runs start from the
 * @octokit/webhooks-examples payloads and override the fields that change; trees and
 * blobs use git's real object ids (sha1 of `blob <len>\0<bytes>`).
 */
import { createHash } from "node:crypto";
import { createRequire } from "node:module";
import { gzipSync } from "node:zlib";

const require = createRequire(import.meta.url);
type Example = { name: string; examples: Record<string, any>[] };
const EXAMPLES = require("@octokit/webhooks-examples/api.github.com/index.json") as Example[];

/** A recorded webhook payload from @octokit/webhooks-examples, deep-copied. */
export function examplePayload(event: string, pick: (p: Record<string, any>) => boolean = () => true): Record<string, any> {
  const found = EXAMPLES.find((e) => e.name === event)?.examples.find(pick);
  if (!found) throw new Error(`no ${event} example`);
  return structuredClone(found);
}

const ISSUE_SHAPE = examplePayload("issues", (p) => p.action === "opened").issue as Record<string, any>;
const CHECK_RUN_SHAPE = examplePayload("check_run", (p) => p.action === "created").check_run as Record<string, any>;
const REPO_SHAPE = examplePayload("push", (p) => p.ref === "refs/heads/master" && p.installation).repository as Record<string, any>;
const BOT_USER = { ...examplePayload("check_run", (p) => p.action === "created").sender, login: "carryover[bot]", type: "Bot" };

export type Files = Record<string, string | Uint8Array>;

interface TreeNode {
  sha: string;
  /** Direct children: name → blob or subtree. */
  children: Map<string, { type: "blob"; sha: string; size: number; mode: string } | { type: "tree"; sha: string; node: TreeNode }>;
}

interface RepoState {
  owner: string;
  name: string;
  defaultBranch: string;
  private: boolean;
  archived: boolean;
  id: number;
  /** Branch → commit sha (the default branch's head, for GraphQL `defaultBranchRef`). */
  heads: Map<string, string>;
  refs: Map<string, string>; // branch/tag/sha → root tree sha
  trees: Map<string, TreeNode>;
  blobs: Map<string, Uint8Array>;
  issues: Record<string, any>[];
  comments: { issue: number; body: string }[];
  labels: Set<string>;
  checkRuns: Record<string, any>[];
}

/** One served request, for counting requests and bytes. */
export interface LoggedRequest {
  method: string;
  path: string;
  status: number;
  /** Response body bytes (JSON as served). */
  bytes: number;
  /** Request body bytes. */
  requestBytes: number;
  /** Response body bytes gzip-compressed (GitHub serves gzip to clients that accept it). */
  gzipBytes: number;
}

const enc = new TextEncoder();
const toBytes = (c: string | Uint8Array) => (typeof c === "string" ? enc.encode(c) : c);

/** git's object id of a blob. */
export function gitBlobSha(bytes: Uint8Array): string {
  return createHash("sha1").update(`blob ${bytes.length}\0`).update(bytes).digest("hex");
}

function fakeSha(...parts: string[]): string {
  return createHash("sha1").update(parts.join("\0")).digest("hex");
}

/** One served response. */
export interface FakeResponse {
  status: number;
  json: unknown;
  headers?: Record<string, string>;
}

/** The fake. */
export class FakeGitHub {
  readonly repos = new Map<string, RepoState>();
  readonly log: LoggedRequest[] = [];
  /**
   * Primary rate limit per resource (`core` REST, `graphql`), reported in x-ratelimit-* headers on
   * every response; past `limit` in one window a 403 with `x-ratelimit-remaining: 0`. The default
   * limit is large enough never to bite; tests and benchmarks lower it.
   */
  rateLimit = { limit: 1_000_000, windowMs: 3600_000 };
  private readonly windows = new Map<string, { used: number; resetAt: number }>();
  private secondary: { times: number; retryAfter?: number } = { times: 0 };
  /** Requests answered with an injected secondary rate limit. */
  secondaryHits = 0;
  /** Recursive tree listings larger than this come back `truncated: true` (GitHub: 100,000 entries). */
  treeLimit = 100_000;
  /** Also record gzip sizes (costly on big responses; the benchmark turns it on). */
  measureGzip = false;
  /** What `GET /app/installations` lists (the installation id of the recorded webhook payloads by default). */
  installations: { id: number; account: string }[] = [{ id: 957387, account: "Codertocat" }];
  private failures: { method: string; path: RegExp; status: number; times: number }[] = [];
  private nextId = 1000;

  constructor(readonly baseUrl = "https://api.github.com") {}

  /** Add a repository with one commit (`sha`, also reachable as `defaultBranch` and `HEAD`). Returns the commit sha. */
  addRepo(fullName: string, files: Files, opts: { sha?: string; defaultBranch?: string; private?: boolean; archived?: boolean } = {}): string {
    const repo = this.emptyRepo(fullName, opts);
    const sha = this.setFiles(fullName, files, opts.sha);
    repo.refs.set(repo.defaultBranch, repo.refs.get(sha)!);
    repo.refs.set("HEAD", repo.refs.get(sha)!);
    repo.heads.set(repo.defaultBranch, sha);
    return sha;
  }

  /** Add a repository without any commit (GitHub's "empty repository"); `addRepo` uses it first. */
  emptyRepo(fullName: string, opts: { defaultBranch?: string; private?: boolean; archived?: boolean } = {}): RepoState {
    const [owner = "", name = ""] = fullName.split("/");
    const repo: RepoState = this.repos.get(fullName) ?? {
      owner,
      name,
      defaultBranch: opts.defaultBranch ?? "main",
      private: opts.private ?? false,
      archived: opts.archived ?? false,
      id: this.nextId++,
      heads: new Map(),
      refs: new Map(),
      trees: new Map(),
      blobs: new Map(),
      issues: [],
      comments: [],
      labels: new Set(),
      checkRuns: [],
    };
    this.repos.set(fullName, repo);
    return repo;
  }

  /** Add a commit with `files` to an existing repo (not moving any branch). Returns its sha. */
  setFiles(fullName: string, files: Files, sha?: string): string {
    const repo = this.repo(fullName);
    const root: TreeNode = { sha: "", children: new Map() };
    for (const [path, content] of Object.entries(files)) {
      const bytes = toBytes(content);
      const blobSha = gitBlobSha(bytes);
      repo.blobs.set(blobSha, bytes);
      const parts = path.split("/");
      let node = root;
      for (const dir of parts.slice(0, -1)) {
        let child = node.children.get(dir);
        if (!child) {
          child = { type: "tree", sha: "", node: { sha: "", children: new Map() } };
          node.children.set(dir, child);
        }
        if (child.type !== "tree") throw new Error(`${path}: ${dir} is a file`);
        node = child.node;
      }
      node.children.set(parts[parts.length - 1]!, { type: "blob", sha: blobSha, size: bytes.length, mode: "100644" });
    }
    const seal = (n: TreeNode): string => {
      const parts: string[] = [];
      for (const [name, c] of [...n.children].sort(([a], [b]) => (a < b ? -1 : 1))) {
        if (c.type === "tree") c.sha = seal(c.node);
        parts.push(`${c.type} ${name} ${c.sha}`);
      }
      n.sha = fakeSha("tree", ...parts);
      repo.trees.set(n.sha, n);
      return n.sha;
    };
    const treeSha = seal(root);
    const commit = sha ?? fakeSha("commit", treeSha, String(repo.refs.size));
    repo.refs.set(commit, treeSha);
    return commit;
  }

  /** Point the default branch (and HEAD) at `sha`. */
  moveDefaultBranch(fullName: string, sha: string): void {
    const repo = this.repo(fullName);
    repo.refs.set(repo.defaultBranch, repo.refs.get(sha)!);
    repo.refs.set("HEAD", repo.refs.get(sha)!);
    repo.heads.set(repo.defaultBranch, sha);
  }

  /** Answer the next `times` requests with GitHub's secondary rate limit (403, `retry-after` when given). */
  injectSecondaryLimit(times: number, retryAfterSeconds?: number): void {
    this.secondary = { times, ...(retryAfterSeconds !== undefined ? { retryAfter: retryAfterSeconds } : {}) };
  }

  repo(fullName: string): RepoState {
    const r = this.repos.get(fullName);
    if (!r) throw new Error(`no fake repo ${fullName}`);
    return r;
  }

  /** Make the next `times` requests matching `method path` fail with `status`. */
  failNext(method: string, path: RegExp, status: number, times = 1): void {
    this.failures.push({ method, path, status, times });
  }

  /** Requests whose path matches. */
  count(method: string, path: RegExp): number {
    return this.log.filter((l) => l.method === method && path.test(l.path)).length;
  }

  /** Serve one request. `path` includes the query string and excludes the base URL's path prefix (`/api/v3` on GHE). */
  handle(method: string, pathWithQuery: string, body: unknown): FakeResponse {
    const res = this.limited(method, pathWithQuery) ?? this.route(method, pathWithQuery, body);
    const text = JSON.stringify(res.json ?? "");
    const bodyText = body === undefined || body === "" ? "" : typeof body === "string" ? body : JSON.stringify(body);
    this.log.push({ method, path: pathWithQuery, status: res.status, bytes: Buffer.byteLength(text), requestBytes: Buffer.byteLength(bodyText), gzipBytes: this.measureGzip ? gzipSync(text).length : 0 });
    return res;
  }

  /** Rate limits: x-ratelimit-* on every answer (set on `res.headers` by `route`'s caller), or the limit's own 403. */
  private limited(method: string, pathWithQuery: string): FakeResponse | undefined {
    const path = pathWithQuery.split("?")[0]!;
    if (path.startsWith("/app/")) return undefined; // the App's own JWT requests have their own budget
    const resource = path === "/graphql" ? "graphql" : "core";
    const now = Date.now();
    let w = this.windows.get(resource);
    if (!w || now >= w.resetAt) this.windows.set(resource, (w = { used: 0, resetAt: now + this.rateLimit.windowMs }));
    const headers = (used: number) => ({
      "x-ratelimit-limit": String(this.rateLimit.limit),
      "x-ratelimit-remaining": String(Math.max(0, this.rateLimit.limit - used)),
      "x-ratelimit-reset": String(Math.ceil(w.resetAt / 1000)),
      "x-ratelimit-used": String(used),
      "x-ratelimit-resource": resource,
    });
    if (this.secondary.times > 0) {
      this.secondary.times--;
      this.secondaryHits++;
      return {
        status: 403,
        json: { message: "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.", documentation_url: "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits" },
        headers: { ...headers(w.used), ...(this.secondary.retryAfter !== undefined ? { "retry-after": String(this.secondary.retryAfter) } : {}) },
      };
    }
    if (w.used >= this.rateLimit.limit) {
      return { status: 403, json: { message: `API rate limit exceeded for installation. (${method} ${path})`, documentation_url: "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api" }, headers: headers(w.used) };
    }
    w.used++;
    this.pendingHeaders = headers(w.used);
    return undefined;
  }
  private pendingHeaders: Record<string, string> | undefined;

  private route(method: string, pathWithQuery: string, rawBody: unknown): FakeResponse {
    const res = this.routeInner(method, pathWithQuery, rawBody);
    const rl = this.pendingHeaders;
    this.pendingHeaders = undefined;
    return rl ? { ...res, headers: { ...rl, ...res.headers } } : res;
  }

  private routeInner(method: string, pathWithQuery: string, rawBody: unknown): FakeResponse {
    const url = new URL(pathWithQuery, "http://x");
    const path = decodeURIComponent(url.pathname);
    const q = url.searchParams;
    const body: any = typeof rawBody === "string" && rawBody ? JSON.parse(rawBody) : (rawBody ?? {});
    const fail = this.failures.find((f) => f.method === method && f.path.test(path) && f.times > 0);
    if (fail) {
      fail.times--;
      return { status: fail.status, json: { message: `fake ${fail.status}` } };
    }
    let m: RegExpExecArray | null;
    if (method === "POST" && (m = /^\/app\/installations\/(\d+)\/access_tokens$/.exec(path))) {
      return { status: 201, json: { token: `ghs_fake_installation_token_${m[1]}`, expires_at: new Date(Date.now() + 3600_000).toISOString(), permissions: { checks: "write", issues: "write", contents: "read", metadata: "read" }, repository_selection: "all" } };
    }
    if (method === "GET" && path === "/app") return { status: 200, json: { ...structuredClone(CHECK_RUN_SHAPE.app), slug: "carryover", name: "carryover" } };
    if (method === "GET" && path === "/app/installations") {
      const base = examplePayload("installation", (p) => p.action === "created").installation;
      return this.page(pathWithQuery, this.installations.map((i) => ({ ...structuredClone(base), id: i.id, account: { ...base.account, login: i.account }, app_slug: "carryover" })), (items) => items);
    }
    if (method === "POST" && path === "/graphql") return this.graphql(body);
    if (method === "GET" && (m = /^\/orgs\/([^/]+)\/repos$/.exec(path))) {
      const list = [...this.repos.values()].filter((r) => r.owner.toLowerCase() === m![1]!.toLowerCase());
      if (list.length === 0) return notFound();
      return this.page(pathWithQuery, list.map((r) => this.repoJson(r)), (items) => items);
    }
    if (method === "GET" && path === "/installation/repositories") {
      const list = [...this.repos.values()];
      return this.page(pathWithQuery, list.map((r) => this.repoJson(r)), (items) => ({ total_count: list.length, repository_selection: "all", repositories: items }));
    }
    if (!(m = /^\/repos\/([^/]+)\/([^/]+)(\/.*)?$/.exec(path))) return notFound();
    const repo = this.repos.get(`${m[1]}/${m[2]}`);
    if (!repo) return notFound();
    const rest = m[3] ?? "";
    const full = `${repo.owner}/${repo.name}`;
    if (method === "GET" && rest === "") return { status: 200, json: this.repoJson(repo) };
    if (method === "GET" && (m = /^\/commits\/([^/]+)\/check-runs$/.exec(rest))) {
      const name = q.get("check_name");
      const runs = repo.checkRuns.filter((r) => r.head_sha === m![1] && (!name || r.name === name)).reverse();
      return { status: 200, json: { total_count: runs.length, check_runs: runs.slice(0, Number(q.get("per_page") ?? 30)).map((r) => ({ ...r, output: { ...r.output, annotations: undefined, annotations_count: r.output.annotations.length } })) } };
    }
    if (method === "GET" && (m = /^\/git\/trees\/(.+)$/.exec(rest))) {
      const ref = m[1]!;
      const treeSha = repo.refs.get(ref) ?? (repo.trees.has(ref) ? ref : undefined);
      if (!treeSha) return notFound();
      return { status: 200, json: this.treeJson(full, repo, treeSha, q.has("recursive")) };
    }
    if (method === "GET" && (m = /^\/contents(?:\/(.*))?$/.exec(rest))) return this.contents(full, repo, m[1] ?? "", q.get("ref") ?? "HEAD");
    if ((method === "POST" && rest === "/check-runs") || (method === "PATCH" && rest.startsWith("/check-runs/"))) {
      // The Checks API's own limits (request schema): 50 annotations per request, 65,535-char summary/text.
      if ((body.output?.annotations?.length ?? 0) > 50 || (body.output?.summary?.length ?? 0) > 65_535 || (body.output?.text?.length ?? 0) > 65_535) {
        return { status: 422, json: { message: "Invalid request.", documentation_url: "https://docs.github.com/rest/checks/runs" } };
      }
    }
    if (method === "POST" && rest === "/check-runs") {
      const run = { ...structuredClone(CHECK_RUN_SHAPE), id: this.nextId++, name: body.name, head_sha: body.head_sha, status: body.status ?? "queued", conclusion: body.conclusion ?? null, completed_at: body.completed_at ?? null, output: { ...body.output, annotations: body.output?.annotations ?? [] }, app: { ...CHECK_RUN_SHAPE.app } };
      repo.checkRuns.push(run);
      return { status: 201, json: { ...run, output: { ...run.output, annotations: undefined, annotations_count: run.output.annotations.length } } };
    }
    if (method === "PATCH" && (m = /^\/check-runs\/(\d+)$/.exec(rest))) {
      const run = repo.checkRuns.find((r) => r.id === Number(m![1]));
      if (!run) return notFound();
      const annotations = [...run.output.annotations, ...(body.output?.annotations ?? [])];
      Object.assign(run, { ...body, output: { ...run.output, ...body.output, annotations } });
      return { status: 200, json: { ...run, output: { ...run.output, annotations: undefined, annotations_count: annotations.length } } };
    }
    if (method === "GET" && rest === "/issues") {
      const labels = q.get("labels")?.split(",").filter(Boolean) ?? [];
      const state = q.get("state") ?? "open";
      const list = repo.issues.filter((i) => (state === "all" || i.state === state) && labels.every((l) => i.labels.some((x: { name: string }) => x.name === l)));
      return { status: 200, json: list.slice(0, Number(q.get("per_page") ?? 30)) };
    }
    if (method === "POST" && rest === "/labels") {
      if (repo.labels.has(body.name)) return { status: 422, json: { message: "Validation Failed", errors: [{ resource: "Label", code: "already_exists", field: "name" }] } };
      repo.labels.add(body.name);
      return { status: 201, json: { id: this.nextId++, name: body.name, color: body.color, description: body.description, default: false } };
    }
    if (method === "POST" && rest === "/issues") {
      if ((body.body?.length ?? 0) > 65_536) return { status: 422, json: { message: "Validation Failed", errors: [{ resource: "Issue", code: "custom", field: "body", message: "body is too long (maximum is 65536 characters)" }] } };
      const number = repo.issues.length + 1;
      const issue = {
        ...structuredClone(ISSUE_SHAPE),
        id: this.nextId++,
        number,
        title: body.title,
        body: body.body,
        state: "open",
        state_reason: null,
        user: BOT_USER,
        // GitHub only keeps labels that exist (assumption: silently dropped otherwise).
        labels: (body.labels ?? []).filter((l: string) => repo.labels.has(l)).map((l: string) => ({ id: 1, name: l, color: "d93f0b", default: false })),
        url: `${this.baseUrl}/repos/${full}/issues/${number}`,
      };
      repo.issues.push(issue);
      return { status: 201, json: issue };
    }
    if (method === "PATCH" && (m = /^\/issues\/(\d+)$/.exec(rest))) {
      const issue = repo.issues.find((i) => i.number === Number(m![1]));
      if (!issue) return notFound();
      Object.assign(issue, body);
      return { status: 200, json: issue };
    }
    if (method === "POST" && (m = /^\/issues\/(\d+)\/comments$/.exec(rest))) {
      repo.comments.push({ issue: Number(m[1]), body: body.body });
      return { status: 201, json: { id: this.nextId++, body: body.body, user: BOT_USER } };
    }
    return notFound();
  }

  /** A repository as REST lists it (the recorded webhook repository shape, with this repo's fields). */
  private repoJson(r: RepoState): Record<string, unknown> {
    const full = `${r.owner}/${r.name}`;
    const web = this.baseUrl.includes("/api/v3") ? this.baseUrl.replace(/\/api\/v3$/, "") : "https://github.com";
    return {
      ...structuredClone(REPO_SHAPE),
      id: r.id,
      node_id: Buffer.from(`010:Repository${r.id}`).toString("base64"),
      name: r.name,
      full_name: full,
      private: r.private,
      visibility: r.private ? "private" : "public",
      archived: r.archived,
      disabled: false,
      owner: { ...REPO_SHAPE.owner, login: r.owner },
      html_url: `${web}/${full}`,
      url: `${this.baseUrl}/repos/${full}`,
      default_branch: r.defaultBranch,
      // GitHub reports 0 KB for a repository without commits.
      size: r.heads.size === 0 ? 0 : 1 + Math.floor([...r.blobs.values()].reduce((a, b) => a + b.length, 0) / 1024),
    };
  }

  /** `page`/`per_page` (GitHub: default 30, max 100) with an RFC 8288 Link header (next, last, first, prev). */
  private page<T>(pathWithQuery: string, items: T[], wrap: (items: T[]) => unknown): FakeResponse {
    const url = new URL(pathWithQuery, "http://x");
    const per = Math.min(100, Math.max(1, Number(url.searchParams.get("per_page") ?? 30)));
    const pageNo = Math.max(1, Number(url.searchParams.get("page") ?? 1));
    const last = Math.max(1, Math.ceil(items.length / per));
    const link = (n: number, rel: string) => {
      const u = new URL(`${this.baseUrl}${url.pathname}`);
      url.searchParams.forEach((v, k) => u.searchParams.set(k, v));
      u.searchParams.set("per_page", String(per));
      u.searchParams.set("page", String(n));
      return `<${u.toString()}>; rel="${rel}"`;
    };
    const rels = [...(pageNo < last ? [link(pageNo + 1, "next"), link(last, "last")] : []), ...(pageNo > 1 ? [link(1, "first"), link(pageNo - 1, "prev")] : [])];
    return { status: 200, json: wrap(items.slice((pageNo - 1) * per, pageNo * per)), ...(rels.length ? { headers: { link: rels.join(", ") } } : {}) };
  }

  private treeJson(full: string, repo: RepoState, treeSha: string, recursive: boolean) {
    const tree: Record<string, unknown>[] = [];
    const walk = (n: TreeNode, prefix: string) => {
      for (const [name, c] of n.children) {
        const path = prefix + name;
        if (c.type === "blob") tree.push({ path, mode: c.mode, type: "blob", sha: c.sha, size: c.size, url: `${this.baseUrl}/repos/${full}/git/blobs/${c.sha}` });
        else {
          tree.push({ path, mode: "040000", type: "tree", sha: c.sha, url: `${this.baseUrl}/repos/${full}/git/trees/${c.sha}` });
          if (recursive) walk(c.node, `${path}/`);
        }
      }
    };
    walk(repo.trees.get(treeSha)!, "");
    const truncated = recursive && tree.length > this.treeLimit;
    return { sha: treeSha, url: `${this.baseUrl}/repos/${full}/git/trees/${treeSha}`, tree: truncated ? tree.slice(0, this.treeLimit) : tree, truncated };
  }

  /** The contents API (for the benchmark's naive walk): a directory listing, or a file as base64. */
  private contents(full: string, repo: RepoState, path: string, ref: string): { status: number; json: unknown } {
    const treeSha = repo.refs.get(ref);
    if (!treeSha) return notFound();
    let node = repo.trees.get(treeSha)!;
    const parts = path ? path.split("/") : [];
    for (let i = 0; i < parts.length; i++) {
      const c = node.children.get(parts[i]!);
      if (!c) return notFound();
      if (c.type === "blob") {
        if (i !== parts.length - 1) return notFound();
        const bytes = repo.blobs.get(c.sha)!;
        const b64 = Buffer.from(bytes).toString("base64").replace(/(.{60})/g, "$1\n");
        return { status: 200, json: { type: "file", encoding: "base64", size: c.size, name: parts[i], path, content: b64, sha: c.sha, url: `${this.baseUrl}/repos/${full}/contents/${path}?ref=${ref}`, git_url: `${this.baseUrl}/repos/${full}/git/blobs/${c.sha}`, html_url: `https://github.com/${full}/blob/${ref}/${path}`, download_url: `https://raw.githubusercontent.com/${full}/${ref}/${path}`, _links: {} } };
      }
      node = c.node;
    }
    const list = [...node.children].map(([name, c]) => {
      const p = path ? `${path}/${name}` : name;
      return { type: c.type === "blob" ? "file" : "dir", size: c.type === "blob" ? c.size : 0, name, path: p, sha: c.sha, url: `${this.baseUrl}/repos/${full}/contents/${p}?ref=${ref}`, git_url: `${this.baseUrl}/repos/${full}/git/${c.type === "blob" ? "blobs" : "trees"}/${c.sha}`, html_url: `https://github.com/${full}/${c.type === "blob" ? "blob" : "tree"}/${ref}/${p}`, download_url: c.type === "blob" ? `https://raw.githubusercontent.com/${full}/${ref}/${p}` : null, _links: {} };
    });
    return { status: 200, json: list };
  }

  /** The one GraphQL shape carryover sends: `repository(owner, name) { fN: object(oid: "…") { ... on Blob { … } } }`. */
  private graphql(body: { query?: string; variables?: Record<string, string> }): { status: number; json: unknown } {
    const query = body.query ?? "";
    // Default-branch heads of many repositories at once: `rN: repository(owner: "o", name: "n") { defaultBranchRef { name target { oid } } }`.
    const heads = [...query.matchAll(/(r\d+): repository\(owner: "([^"]+)", name: "([^"]+)"\)/g)];
    if (heads.length > 0) {
      const data: Record<string, unknown> = {};
      const errors: unknown[] = [];
      for (const [, alias, o, n] of heads) {
        const r = this.repos.get(`${o}/${n}`);
        if (!r) errors.push({ type: "NOT_FOUND", path: [alias], message: `Could not resolve to a Repository with the name '${o}/${n}'.` });
        const head = r?.heads.get(r.defaultBranch);
        data[alias!] = r ? { defaultBranchRef: head ? { name: r.defaultBranch, target: { oid: head } } : null } : null;
      }
      return { status: 200, json: errors.length ? { data, errors } : { data } };
    }
    const owner = body.variables?.owner;
    const name = body.variables?.name;
    const repo = this.repos.get(`${owner}/${name}`);
    if (!repo) return { status: 200, json: { data: { repository: null }, errors: [{ type: "NOT_FOUND", path: ["repository"], message: `Could not resolve to a Repository with the name '${owner}/${name}'.` }] } };
    const out: Record<string, unknown> = {};
    for (const m of query.matchAll(/(f\d+): object\(oid: "([0-9a-f]{40})"\)/g)) {
      const bytes = repo.blobs.get(m[2]!);
      if (!bytes) {
        out[m[1]!] = null;
        continue;
      }
      const isBinary = bytes.subarray(0, 8000).includes(0);
      out[m[1]!] = { byteSize: bytes.length, isBinary, isTruncated: false, text: isBinary ? null : new TextDecoder().decode(bytes) };
    }
    return { status: 200, json: { data: { repository: out } } };
  }
}

/** GHE serves REST under `/api/v3` and GraphQL at `/api/graphql`; github.com at the root. */
export function stripApiPrefix(uri: string): string {
  if (uri.startsWith("/api/graphql")) return "/graphql";
  if (uri.startsWith("/api/v3/")) return uri.slice("/api/v3".length);
  return uri;
}

function notFound() {
  return { status: 404, json: { message: "Not Found", documentation_url: "https://docs.github.com/rest", status: "404" } };
}
