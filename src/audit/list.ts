/**
 * What an audit covers: every repository of an organisation (`GET /orgs/{org}/repos`) or of an
 * installation (`GET /installation/repositories`), paginated 100 at a time through the Link
 * header, and each default branch's head commit, read 100 repositories per GraphQL query
 * (`defaultBranchRef { target { oid } }`). So an audit of N repositories spends N/100 + N/100
 * requests before the scans' own 2 per repository.
 */
import type { GitHubClient } from "../sources/github.js";

export interface ListedRepository {
  owner: string;
  name: string;
  /** `owner/name`. */
  fullName: string;
  private: boolean;
  archived: boolean;
  disabled: boolean;
  /** KB, as GitHub reports it (0 for a repository without commits). */
  size: number;
  htmlUrl: string;
  defaultBranch: string;
}

/** The Octokit surface the listing needs. */
export interface ListClient extends GitHubClient {
  paginate<T = unknown>(route: string, params?: Record<string, unknown>): Promise<T[]>;
}

interface RestRepo {
  name: string;
  full_name: string;
  owner: { login: string };
  private: boolean;
  archived?: boolean;
  disabled?: boolean;
  size?: number;
  html_url: string;
  default_branch?: string;
}

const toListed = (r: RestRepo): ListedRepository => ({
  owner: r.owner.login,
  name: r.name,
  fullName: r.full_name,
  private: r.private,
  archived: r.archived ?? false,
  disabled: r.disabled ?? false,
  size: r.size ?? 0,
  htmlUrl: r.html_url,
  defaultBranch: r.default_branch ?? "main",
});

/** Every repository in scope, sorted by full name. */
export async function listRepositories(octokit: ListClient, scope: { org: string } | { installation: true }): Promise<ListedRepository[]> {
  // Octokit's paginate follows `Link: rel="next"` and unwraps `{ repositories }` of the installation list.
  const raw =
    "org" in scope
      ? await octokit.paginate<RestRepo>("GET /orgs/{org}/repos", { org: scope.org, type: "all", per_page: 100 })
      : await octokit.paginate<RestRepo>("GET /installation/repositories", { per_page: 100 });
  const seen = new Set<string>();
  const out: ListedRepository[] = [];
  for (const r of raw) {
    if (seen.has(r.full_name)) continue; // a repository moving between pages while we list
    seen.add(r.full_name);
    out.push(toListed(r));
  }
  return out.sort((a, b) => (a.fullName < b.fullName ? -1 : a.fullName > b.fullName ? 1 : 0));
}

const NAME = /^[A-Za-z0-9_.-]+$/;
/** Repositories per heads query (GraphQL node limit and cost stay tiny: 1 point per query). */
export const HEADS_PER_QUERY = 100;

/** The head commit of each repository's default branch: sha, `null` when it has no commits, `undefined` when GitHub did not return it. */
export async function resolveHeads(octokit: GitHubClient, repos: readonly ListedRepository[]): Promise<Map<string, string | null>> {
  const out = new Map<string, string | null>();
  const ok = repos.filter((r) => NAME.test(r.owner) && NAME.test(r.name));
  for (let i = 0; i < ok.length; i += HEADS_PER_QUERY) {
    const chunk = ok.slice(i, i + HEADS_PER_QUERY);
    const fields = chunk.map((r, j) => `r${j}: repository(owner: "${r.owner}", name: "${r.name}") { defaultBranchRef { name target { oid } } }`).join("\n  ");
    let data: Record<string, { defaultBranchRef: { target: { oid: string } } | null } | null>;
    try {
      data = (await octokit.graphql(`query {\n  ${fields}\n}`)) as typeof data;
    } catch (e) {
      // A repository that vanished since the listing is a partial error; the others still answer.
      const partial = (e as { data?: typeof data }).data;
      if (!partial) throw e;
      data = partial;
    }
    chunk.forEach((r, j) => {
      const node = data[`r${j}`];
      if (node) out.set(r.fullName, node.defaultBranchRef?.target.oid ?? null);
    });
  }
  return out;
}
