/**
 * The app's webhook handlers. Each one only filters the event, builds a GitHub
 * source, calls the scanner (the pipeline) and hands the result to publish:
 * check-run.ts for commits, issue.ts for the default branch.
 *
 * Every handler catches its own errors and logs them: a failed scan on a commit
 * becomes a failing check run (fail closed); nothing escapes as an unhandled
 * rejection.
 */
import type { Context } from "probot";
import type { ScanResult } from "../core/types.js";
import { githubSource } from "../sources/github.js";
import type { Source } from "../sources/source.js";
import { CHECK_NAME, describeError, publishCheckRun, type AppOctokit, type FailOn } from "./check-run.js";
import { upsertTrackingIssue } from "./issue.js";
import { KeyedQueue, mapLimit, RecentSet } from "./serial.js";

/** What a scan gives the app: the result and the two repo-config keys the app acts on. */
export interface ScanOutcome {
  result: ScanResult;
  /** `enabled` of `.github/carryover.yml`: false → no check run, no issue. */
  enabled: boolean;
  /** `fail-on` of `.github/carryover.yml`: the check conclusion threshold. */
  failOn: FailOn;
}

/** Source → outcome. The default runs the pipeline (see scanner.ts); tests may pass another. */
export type Scanner = (source: Source) => Promise<ScanOutcome>;

/** Dependencies of the handlers. */
export interface HandlerDeps {
  scan: Scanner;
  /** Repositories scanned at once after an installation (default 2: each scan is 2 requests plus publishing). */
  installConcurrency?: number;
}

/** A repository as the handlers address it. */
interface RepoRef {
  owner: string;
  repo: string;
  /** `https://github.com/owner/repo` (from the payload), for evidence links in reports. */
  htmlUrl?: string;
}

/** Evidence links point at the scanned commit. */
const linkBaseFor = (r: RepoRef, sha: string): string | undefined => (r.htmlUrl ? `${r.htmlUrl}/blob/${sha}/` : undefined);

const ZERO_SHA = /^0{40}$/;

/** HTTP status of an Octokit error, if any. */
function statusOf(e: unknown): number | undefined {
  return typeof e === "object" && e !== null && "status" in e && typeof e.status === "number" ? e.status : undefined;
}

/** The handlers, sharing one per-repository queue and one delivery memory. */
export function createHandlers(deps: HandlerDeps) {
  const queue = new KeyedQueue();
  const deliveries = new RecentSet();
  const installConcurrency = deps.installConcurrency ?? 2;

  const sourceFor = (octokit: AppOctokit, r: RepoRef, ref: string): Source =>
    githubSource({ owner: r.owner, repo: r.repo, ref, octokit, target: `github:${r.owner}/${r.repo}@${ref}` });

  /** True when this delivery was already handled (GitHub redelivers with the same id). */
  const seen = (context: Context): boolean => {
    const dup = deliveries.checkAndAdd(`${context.name}:${context.id}`);
    if (dup) context.log.info({ delivery: context.id, event: context.name }, "delivery already handled; skipping");
    return dup;
  };

  /**
   * Scan `scanRepo` at `sha` and publish one check run on `checkRepo` (they differ
   * for a fork PR). If the fork cannot be read (a private fork the installation does
   * not cover), scan the base repository at the same sha instead: GitHub keeps fork
   * PR commits reachable there through `refs/pull/N/head` (assumption, not verified
   * against every GHES version).
   */
  async function checkCommit(context: Context, octokit: AppOctokit, checkRepo: RepoRef, scanRepo: RepoRef, sha: string): Promise<void> {
    const key = `${checkRepo.owner}/${checkRepo.repo}`;
    await queue.run(key, async () => {
      let outcome: ScanOutcome;
      let scanned = scanRepo;
      try {
        try {
          outcome = await deps.scan(sourceFor(octokit, scanRepo, sha));
        } catch (e) {
          const fork = scanRepo.owner !== checkRepo.owner || scanRepo.repo !== checkRepo.repo;
          if (!fork || (statusOf(e) !== 404 && statusOf(e) !== 403)) throw e;
          context.log.warn({ repo: `${scanRepo.owner}/${scanRepo.repo}` }, "fork not readable; scanning the PR commit through the base repository");
          scanned = checkRepo;
          outcome = await deps.scan(sourceFor(octokit, checkRepo, sha));
        }
      } catch (error) {
        context.log.error({ repo: key, sha, err: describeError(error) }, "scan failed; publishing a failing check");
        await publishCheckRun(octokit, { owner: checkRepo.owner, repo: checkRepo.repo, headSha: sha }, { kind: "error", target: `github:${scanRepo.owner}/${scanRepo.repo}@${sha}`, error });
        return;
      }
      if (!outcome.enabled) {
        context.log.info({ repo: key }, "carryover disabled by .github/carryover.yml; no check run");
        return;
      }
      const linkBase = linkBaseFor(scanned, sha);
      const run = await publishCheckRun(octokit, { owner: checkRepo.owner, repo: checkRepo.repo, headSha: sha }, { kind: "result", result: outcome.result, failOn: outcome.failOn, ...(linkBase ? { linkBase } : {}) });
      context.log.info({ repo: key, sha, checkRun: run.id, conclusion: run.conclusion, findings: outcome.result.findings.length, requests: run.requests }, "check run published");
    });
  }

  /** Scan the default branch of `r` and upsert its tracking issue. */
  async function trackDefaultBranch(log: Context["log"], octokit: AppOctokit, r: RepoRef, ref: string): Promise<void> {
    const key = `${r.owner}/${r.repo}`;
    await queue.run(key, async () => {
      const outcome = await deps.scan(sourceFor(octokit, r, ref));
      if (!outcome.enabled) {
        log.info({ repo: key }, "carryover disabled by .github/carryover.yml; no tracking issue");
        return;
      }
      const res = await upsertTrackingIssue(octokit, { owner: r.owner, repo: r.repo }, outcome.result, ref, /^[0-9a-f]{40}$/.test(ref) ? linkBaseFor(r, ref) : undefined);
      log.info({ repo: key, ref, issue: res.number, action: res.action, findings: outcome.result.findings.length }, "tracking issue");
    });
  }

  /** Log instead of rejecting: Probot would log it too, but as an unhandled handler error. */
  const guard = async (context: Context, what: string, job: () => Promise<void>) => {
    try {
      await job();
    } catch (error) {
      // Forget the delivery so a redelivery (same id) is handled again: a check run was not
      // published, or the issue update stopped midway (the marker and fingerprint make a retry safe).
      deliveries.delete(`${context.name}:${context.id}`);
      context.log.error({ event: context.name, delivery: context.id, err: describeError(error) }, `${what} failed`);
    }
  };

  return {
    /** `pull_request.opened|synchronize|reopened` → one check run on the head sha, in the base repository. */
    pullRequest: async (context: Context<"pull_request.opened" | "pull_request.synchronize" | "pull_request.reopened">): Promise<void> => {
      if (seen(context)) return;
      const pr = context.payload.pull_request;
      const base = { ...context.repo(), htmlUrl: context.payload.repository.html_url };
      const headRepo = pr.head.repo;
      const scanRepo = headRepo?.owner ? { owner: headRepo.owner.login, repo: headRepo.name, htmlUrl: headRepo.html_url } : base;
      await guard(context, "pull request check", () => checkCommit(context, context.octokit, base, scanRepo, pr.head.sha));
    },

    /** `check_run.rerequested` (our run only) → a new check run on the same sha. */
    checkRunRerequested: async (context: Context<"check_run.rerequested">): Promise<void> => {
      if (context.payload.check_run.name !== CHECK_NAME || seen(context)) return;
      const r = { ...context.repo(), htmlUrl: context.payload.repository.html_url };
      await guard(context, "check re-run", () => checkCommit(context, context.octokit, r, r, context.payload.check_run.head_sha));
    },

    /**
     * `check_suite.requested|rerequested` → a check run on the suite's head sha.
     * `requested` comes with every push; when the suite belongs to a pull request of
     * this repository the `pull_request` event already covers it, so skip it then
     * (one check run per sha). Fork PRs never send check_suite to the base repo.
     */
    checkSuite: async (context: Context<"check_suite.requested" | "check_suite.rerequested">): Promise<void> => {
      const suite = context.payload.check_suite;
      if (context.payload.action === "requested" && suite.pull_requests.length > 0) return;
      if (seen(context)) return;
      const r = { ...context.repo(), htmlUrl: context.payload.repository.html_url };
      await guard(context, "check suite", () => checkCommit(context, context.octokit, r, r, suite.head_sha));
    },

    /** `push` to the default branch → upsert the tracking issue. */
    push: async (context: Context<"push">): Promise<void> => {
      const p = context.payload;
      if (p.ref !== `refs/heads/${p.repository.default_branch}` || p.deleted || ZERO_SHA.test(p.after)) return;
      if (seen(context)) return;
      await guard(context, "tracking issue", () => trackDefaultBranch(context.log, context.octokit, { ...context.repo(), htmlUrl: p.repository.html_url }, p.after));
    },

    /** `installation.created` / `installation_repositories.added` → scan each repo's default branch, a few at a time. */
    installed: async (context: Context<"installation.created" | "installation_repositories.added">): Promise<void> => {
      if (seen(context)) return;
      const p = context.payload;
      const repos = ("repositories_added" in p ? p.repositories_added : p.repositories) ?? [];
      const refs = repos.map((r) => {
        const [owner = "", repo = ""] = r.full_name.split("/");
        return { owner, repo };
      });
      const results = await mapLimit(refs, installConcurrency, (r) => trackDefaultBranch(context.log, context.octokit, r, "HEAD"));
      results.forEach((res, i) => {
        if (res.status === "rejected") context.log.error({ repo: `${refs[i]!.owner}/${refs[i]!.repo}`, err: describeError(res.reason) }, "installation scan failed");
      });
    },
  };
}
