/**
 * The audit runner: pure orchestration. list → enqueue → collect.
 *
 * 1. Private repositories are left out unless asked for (counted in `privateOmitted`); archived
 *    and disabled ones are skipped without a request; the others' default-branch heads are read
 *    100 per GraphQL query, and a repository without commits is skipped as empty.
 * 2. Each remaining repository is one `audit` job, id `owner/repo@sha#registryVersion`, unless
 *    the resumable state already has that key. The queue may be in this process or in Redis
 *    with workers elsewhere: the runner does not care.
 * 3. Results are collected from the completion store (written once per job id at the job's
 *    end) and from the queue's failed jobs; each is saved to the state as it arrives.
 */
import type { ScanJobData, JobOutcome } from "../queue/jobs.js";
import { scanJobId, type CompletionStore, type JobQueue } from "../queue/types.js";
import type { ListedRepository } from "./list.js";
import type { AuditState } from "./state.js";
import type { AuditedRepository, AuditReport } from "./types.js";

export interface AuditProgress {
  /** Repositories with a result (scanned, failed, skipped, or taken from the state). */
  done: number;
  total: number;
  /** The repository that just finished. */
  repository?: string;
}

export interface AuditRunOptions {
  /** `github:ORG` or `installation:ID`. */
  target: string;
  repositories: readonly ListedRepository[];
  /** Default-branch heads (see list.ts `resolveHeads`). */
  heads: (repos: readonly ListedRepository[]) => Promise<Map<string, string | null>>;
  includePrivate: boolean;
  registryVersion: string;
  toolVersion: string;
  queue: JobQueue<ScanJobData>;
  store: CompletionStore;
  installationId?: number;
  /** Publish a check run on each scanned sha and the tracking issue (needs an installation). */
  publish?: boolean;
  attempts?: number;
  backoffMs?: number;
  state?: AuditState;
  onProgress?: (p: AuditProgress) => void;
  /** How often to look for finished jobs (default 100 ms). */
  pollMs?: number;
  now?: () => Date;
}

const skipped = (r: ListedRepository, reason: string, sha = ""): AuditedRepository => ({ repository: r.fullName, private: r.private, htmlUrl: r.htmlUrl, ref: r.defaultBranch, sha, status: "skipped", reason });

export async function runAudit(o: AuditRunOptions): Promise<AuditReport> {
  const generatedAt = (o.now ?? (() => new Date()))().toISOString();
  const inScope = o.repositories.filter((r) => o.includePrivate || !r.private);
  const privateOmitted = o.repositories.length - inScope.length;
  const results = new Map<string, AuditedRepository>();
  const total = inScope.length;
  const progress = (repository?: string) => o.onProgress?.({ done: results.size, total, ...(repository ? { repository } : {}) });

  const live: ListedRepository[] = [];
  for (const r of inScope) {
    if (r.archived) results.set(r.fullName, skipped(r, "archived"));
    else if (r.disabled) results.set(r.fullName, skipped(r, "disabled"));
    else live.push(r);
  }
  progress();
  const heads = live.length ? await o.heads(live) : new Map<string, string | null>();

  // repo → job id, for what still has to be scanned.
  const pending = new Map<string, ListedRepository>();
  const attempts = o.attempts ?? 3;
  for (const r of live) {
    const sha = heads.get(r.fullName);
    if (sha === null) {
      results.set(r.fullName, skipped(r, "empty"));
      continue;
    }
    if (sha === undefined) {
      results.set(r.fullName, { repository: r.fullName, private: r.private, htmlUrl: r.htmlUrl, ref: r.defaultBranch, sha: "", status: "failed", error: "GitHub did not return the default branch (repository gone or not readable)" });
      continue;
    }
    const id = scanJobId({ repository: r.fullName, sha, registryVersion: o.registryVersion });
    const saved = o.state?.get(id);
    if (saved) {
      results.set(r.fullName, saved);
      continue;
    }
    const data: ScanJobData = {
      kind: "audit",
      label: "audit scan",
      owner: r.owner,
      repo: r.name,
      htmlUrl: r.htmlUrl,
      ref: sha,
      registryVersion: o.registryVersion,
      attempts,
      ...(o.installationId !== undefined ? { installationId: o.installationId } : {}),
      audit: { private: r.private, defaultBranch: r.defaultBranch, publish: o.publish ?? false },
    };
    await o.queue.add(id, data, { attempts, ...(o.backoffMs !== undefined ? { backoffMs: o.backoffMs } : {}) });
    pending.set(id, r);
  }
  progress();

  const pollMs = o.pollMs ?? 100;
  let polls = 0;
  while (pending.size > 0) {
    const ids = [...pending.keys()];
    const found = await o.store.getMany(ids);
    // Failed jobs are rarer and the lookup costlier: every 10th poll.
    const failed = polls++ % 10 === 9 ? await o.queue.failed(ids.filter((id) => !found.has(id))) : new Map<string, string>();
    for (const [id, value] of found) {
      const outcome = JSON.parse(value) as JobOutcome;
      if (outcome.kind !== "audit") continue;
      finish(id, outcome.repository);
    }
    for (const [id, reason] of failed) {
      const r = pending.get(id)!;
      finish(id, { repository: r.fullName, private: r.private, htmlUrl: r.htmlUrl, ref: r.defaultBranch, sha: id.slice(id.lastIndexOf("@") + 1, id.lastIndexOf("#")), status: "failed", error: reason });
    }
    if (pending.size > 0) await new Promise((r) => setTimeout(r, pollMs));
  }

  function finish(id: string, repo: AuditedRepository) {
    if (!pending.has(id)) return;
    pending.delete(id);
    results.set(repo.repository, repo);
    // Failures are not saved: a rerun tries them again.
    if (repo.status !== "failed") o.state?.put(id, repo);
    progress(repo.repository);
  }

  const repositories = inScope.map((r) => results.get(r.fullName)!);
  return { schemaVersion: 1, tool: { name: "carryover", version: o.toolVersion }, target: o.target, generatedAt, registryVersion: o.registryVersion, repositories, privateOmitted };
}
