/**
 * The scan job: what the app's handlers, `carryover audit` and `carryover worker` enqueue, and
 * the one processor that runs it wherever the queue lives. A job is plain JSON (it travels
 * through Redis): never a token; the worker authenticates from its own environment.
 *
 * Kinds:
 * - `check`: scan a commit and publish one check run (a pull request, a re-run, a check suite);
 * - `track`: scan the default branch and upsert the tracking issue (a push, an installation);
 * - `audit`: scan a default branch at its sha for an audit report; with `publish`, also the
 *   check run on that sha and the tracking issue.
 *
 * Idempotent: a job first reads its completion record and returns it if present, so a retry or
 * a job recovered from a dead worker never publishes twice. Publishing holds the repository's
 * lock; a check run re-published by a second attempt replaces the first attempt's run (looked
 * up on GitHub) instead of adding one.
 */
import type { AuditedRepository } from "../audit/types.js";
import { describeError, findCheckRun, publishCheckRun, type AppOctokit } from "../publish/check-run.js";
import type { Scanner } from "../publish/handlers.js";
import { upsertTrackingIssue } from "../publish/issue.js";
import { githubSource } from "../sources/github.js";
import { PermanentJobError, type CompletionStore, type JobContext, type Processor, type RepoLock } from "./types.js";

export type ScanJobKind = "check" | "track" | "audit";

export interface RepoAddress {
  owner: string;
  repo: string;
  /** `https://github.com/owner/repo`, for evidence links. */
  htmlUrl?: string;
}

export interface ScanJobData extends RepoAddress {
  kind: ScanJobKind;
  /** What log lines call the job ("pull request check", "installation scan", …). */
  label: string;
  /** The app installation whose token the job uses; absent: the worker's GITHUB_TOKEN. */
  installationId?: number;
  /** A check: the repository whose commit is scanned when it is not `owner/repo` (a fork PR). */
  scan?: RepoAddress;
  /** Commit sha (or `HEAD` for a default branch not yet resolved). */
  ref: string;
  registryVersion: string;
  /** Attempts the queue gives this job (informational: the queue enforces it). */
  attempts?: number;
  /** Audit jobs. */
  audit?: { private: boolean; defaultBranch: string; publish: boolean };
}

/** A job's completion record. */
export type JobOutcome =
  | { kind: "check"; checkRun?: number; conclusion?: string; disabled?: true }
  | { kind: "track"; issue?: number; action?: string; disabled?: true }
  | { kind: "audit"; repository: AuditedRepository };

interface Log {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface ProcessorDeps {
  scan: Scanner;
  /** The client for a job (an installation's, or the token's), already rate-limited. */
  octokitFor(data: ScanJobData): Promise<AppOctokit>;
  store: CompletionStore;
  lock: RepoLock;
  log: Log;
  /** Jobs of one installation running at once in this process (default 2). */
  perInstallation?: number;
  /** Called when a job completes but finds a record already written (two runs of one id: should never happen). */
  onDuplicateCompletion?: (id: string) => void;
}

/** HTTP status of an Octokit error, if any. */
export function statusOf(e: unknown): number | undefined {
  return typeof e === "object" && e !== null && "status" in e && typeof e.status === "number" ? e.status : undefined;
}

/** 4xx answers that a retry cannot change (rate limits are 403/429 and are retried by the limiter first). */
const PERMANENT = new Set([400, 401, 404, 409, 410, 422]);

function permanentOrSame(e: unknown): unknown {
  const s = statusOf(e);
  return s !== undefined && PERMANENT.has(s) ? new PermanentJobError(describeError(e), { cause: e }) : e;
}

/** A counting semaphore. */
export class Semaphore {
  private active = 0;
  private readonly waiters: (() => void)[] = [];
  constructor(private readonly max: number) {}
  async run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.active >= this.max) await new Promise<void>((r) => this.waiters.push(r));
    this.active++;
    try {
      return await fn();
    } finally {
      this.active--;
      this.waiters.shift()?.();
    }
  }
}

const linkBaseFor = (r: RepoAddress, sha: string): string | undefined => (r.htmlUrl ? `${r.htmlUrl}/blob/${sha}/` : undefined);
const SHA = /^[0-9a-f]{40}$/;

/** The processor for {@link ScanJobData}. */
export function scanProcessor(deps: ProcessorDeps): Processor<ScanJobData, JobOutcome> {
  const perInstallation = new Map<string, Semaphore>();
  const sem = (data: ScanJobData) => {
    const key = data.installationId === undefined ? "token" : String(data.installationId);
    let s = perInstallation.get(key);
    if (!s) perInstallation.set(key, (s = new Semaphore(Math.max(1, deps.perInstallation ?? 2))));
    return s;
  };
  const sourceFor = (octokit: AppOctokit, r: RepoAddress, ref: string) => githubSource({ owner: r.owner, repo: r.repo, ref, octokit, target: `github:${r.owner}/${r.repo}@${ref}` });

  async function check(octokit: AppOctokit, data: ScanJobData, ctx: JobContext): Promise<JobOutcome> {
    const checkRepo: RepoAddress = data;
    let scanned = data.scan ?? data;
    const key = `${data.owner}/${data.repo}`;
    const sha = data.ref;
    let outcome: Awaited<ReturnType<Scanner>>;
    const where = { owner: data.owner, repo: data.repo, headSha: sha };
    // A second start of this job may follow a first that created the run before dying: reuse it.
    const existing = async () => (ctx.attempt > 1 ? await findCheckRun(octokit, where) : undefined);
    try {
      try {
        outcome = await deps.scan(sourceFor(octokit, scanned, sha));
      } catch (e) {
        const fork = scanned.owner !== checkRepo.owner || scanned.repo !== checkRepo.repo;
        if (!fork || (statusOf(e) !== 404 && statusOf(e) !== 403)) throw e;
        deps.log.warn({ repo: `${scanned.owner}/${scanned.repo}` }, "fork not readable; scanning the PR commit through the base repository");
        scanned = checkRepo;
        outcome = await deps.scan(sourceFor(octokit, checkRepo, sha));
      }
    } catch (error) {
      deps.log.error({ repo: key, sha, err: describeError(error) }, "scan failed; publishing a failing check");
      const run = await deps.lock.withLock(key, async () => publishCheckRun(octokit, where, { kind: "error", target: `github:${scanned.owner}/${scanned.repo}@${sha}`, error }, await existing()));
      return { kind: "check", checkRun: run.id, conclusion: run.conclusion };
    }
    if (!outcome.enabled) {
      deps.log.info({ repo: key }, "carryover disabled by .github/carryover.yml; no check run");
      return { kind: "check", disabled: true };
    }
    const linkBase = linkBaseFor(scanned, sha);
    const run = await deps.lock.withLock(key, async () =>
      publishCheckRun(octokit, where, { kind: "result", result: outcome.result, failOn: outcome.failOn, ...(linkBase ? { linkBase } : {}) }, await existing()),
    );
    deps.log.info({ repo: key, sha, checkRun: run.id, conclusion: run.conclusion, findings: outcome.result.findings.length, requests: run.requests }, "check run published");
    return { kind: "check", checkRun: run.id, conclusion: run.conclusion };
  }

  async function track(octokit: AppOctokit, data: ScanJobData): Promise<JobOutcome> {
    const key = `${data.owner}/${data.repo}`;
    const outcome = await deps.scan(sourceFor(octokit, data, data.ref));
    if (!outcome.enabled) {
      deps.log.info({ repo: key }, "carryover disabled by .github/carryover.yml; no tracking issue");
      return { kind: "track", disabled: true };
    }
    const res = await deps.lock.withLock(key, () => upsertTrackingIssue(octokit, data, outcome.result, data.ref, SHA.test(data.ref) ? linkBaseFor(data, data.ref) : undefined));
    deps.log.info({ repo: key, ref: data.ref, issue: res.number, action: res.action, findings: outcome.result.findings.length }, "tracking issue");
    return { kind: "track", ...(res.number !== undefined ? { issue: res.number } : {}), action: res.action };
  }

  async function audit(octokit: AppOctokit, data: ScanJobData, ctx: JobContext): Promise<JobOutcome> {
    const a = data.audit!;
    const key = `${data.owner}/${data.repo}`;
    const base: AuditedRepository = { repository: key, private: a.private, ...(data.htmlUrl ? { htmlUrl: data.htmlUrl } : {}), ref: a.defaultBranch, sha: data.ref, status: "scanned" };
    // A scan that throws fails the job (retried unless permanent); the runner reports the queue's
    // final failures, and never records them, so a rerun tries again.
    const outcome = await deps.scan(sourceFor(octokit, data, data.ref));
    if (!outcome.enabled) return { kind: "audit", repository: { ...base, status: "skipped", reason: "disabled by .github/carryover.yml", result: outcome.result } };
    if (a.publish) {
      const linkBase = linkBaseFor(data, data.ref);
      const where = { owner: data.owner, repo: data.repo, headSha: data.ref };
      await deps.lock.withLock(key, async () => {
        const prior = ctx.attempt > 1 ? await findCheckRun(octokit, where) : undefined;
        await publishCheckRun(octokit, where, { kind: "result", result: outcome.result, failOn: outcome.failOn, ...(linkBase ? { linkBase } : {}) }, prior);
        await upsertTrackingIssue(octokit, data, outcome.result, data.ref, linkBase);
      });
    }
    return { kind: "audit", repository: { ...base, result: outcome.result } };
  }

  return async (data, ctx) => {
    const prior = await deps.store.get(ctx.id);
    if (prior !== undefined) return JSON.parse(prior) as JobOutcome;
    return sem(data).run(async () => {
      let out: JobOutcome;
      try {
        const octokit = await deps.octokitFor(data);
        out = data.kind === "check" ? await check(octokit, data, ctx) : data.kind === "track" ? await track(octokit, data) : await audit(octokit, data, ctx);
      } catch (e) {
        throw permanentOrSame(e);
      }
      if (!(await deps.store.record(ctx.id, JSON.stringify(out)))) {
        deps.log.warn({ job: ctx.id }, "job completed twice (a completion was already recorded)");
        deps.onDuplicateCompletion?.(ctx.id);
      }
      return out;
    });
  };
}
