/**
 * The app's webhook handlers. Each one only filters the event and enqueues a scan job
 * (src/queue/jobs.ts): it returns within milliseconds, whatever the repository's size, and the
 * job runs in this process (the in-process queue) or in `carryover` workers (BullMQ on Redis).
 * What a job publishes lives in check-run.ts and issue.ts.
 *
 * Job ids make deliveries idempotent: the same commit for the same registry version is one job
 * (`check/owner/repo@sha#version`), however often GitHub delivers it or however many app
 * replicas receive it; a re-run request or a default-branch scan without a sha carries the
 * delivery id, so it runs once per request.
 */
import type { Context } from "probot";
import type { ScanResult } from "../core/types.js";
import type { ScanJobData } from "../queue/jobs.js";
import { scanJobId, type JobQueue } from "../queue/types.js";
import type { Source } from "../sources/source.js";
import { CHECK_NAME, describeError, type FailOn } from "./check-run.js";

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
  queue: JobQueue<ScanJobData>;
  /** The dataset registry's version (part of every job id). */
  registryVersion: () => Promise<string>;
  /** Attempts per job (default 3, with back-off from 1 s). */
  attempts?: number;
  /**
   * With scheduled org audits on: `installation.created` queues one org audit of the installation
   * (src/publish/org-audit.ts: tracking issues, check runs, the dashboards) instead of one scan per
   * repository.
   */
  auditInstallation?: (installationId: number, account: string | undefined) => Promise<{ id: string; added: boolean }>;
}

const ZERO_SHA = /^0{40}$/;

/** An installation's account: a user or organisation (`login`), or an enterprise (`slug`). */
const accountLogin = (a: unknown): string | undefined => {
  const o = a as { login?: unknown; slug?: unknown } | null | undefined;
  return typeof o?.login === "string" ? o.login : typeof o?.slug === "string" ? o.slug : undefined;
};

/** The handlers: each builds one job (or one per repository after an installation) and enqueues it. */
export function createHandlers(deps: HandlerDeps) {
  const attempts = deps.attempts ?? 3;

  const enqueue = async (context: Context, job: Omit<ScanJobData, "registryVersion" | "installationId">, perDelivery: boolean): Promise<void> => {
    try {
      const registryVersion = await deps.registryVersion();
      const installation = (context.payload as { installation?: { id?: number } }).installation?.id;
      const data: ScanJobData = { ...job, registryVersion, attempts, ...(installation !== undefined ? { installationId: installation } : {}) };
      const id = scanJobId({ prefix: job.kind, repository: `${job.owner}/${job.repo}`, sha: job.ref, registryVersion, ...(perDelivery ? { suffix: context.id } : {}) });
      const { added } = await deps.queue.add(id, data, { attempts });
      context.log.info({ job: id, event: context.name, delivery: context.id }, added ? "scan queued" : "scan already queued or done; skipping");
    } catch (error) {
      // Only the queue itself can fail here (Redis down): log it; GitHub's redelivery is the retry.
      context.log.error({ event: context.name, delivery: context.id, err: describeError(error) }, `${job.label} could not be queued`);
    }
  };

  const repoOf = (context: Context, payload: { repository: { html_url: string } }) => ({ ...context.repo(), htmlUrl: payload.repository.html_url });

  return {
    /** `pull_request.opened|synchronize|reopened` → one check run on the head sha, in the base repository. */
    pullRequest: async (context: Context<"pull_request.opened" | "pull_request.synchronize" | "pull_request.reopened">): Promise<void> => {
      const pr = context.payload.pull_request;
      const base = repoOf(context, context.payload);
      const headRepo = pr.head.repo;
      const scan = headRepo?.owner && (headRepo.owner.login !== base.owner || headRepo.name !== base.repo) ? { owner: headRepo.owner.login, repo: headRepo.name, htmlUrl: headRepo.html_url } : undefined;
      await enqueue(context, { kind: "check", label: "pull request check", ...base, ...(scan ? { scan } : {}), ref: pr.head.sha }, false);
    },

    /** `check_run.rerequested` (our run only) → a new check run on the same sha. */
    checkRunRerequested: async (context: Context<"check_run.rerequested">): Promise<void> => {
      if (context.payload.check_run.name !== CHECK_NAME) return;
      await enqueue(context, { kind: "check", label: "check re-run", ...repoOf(context, context.payload), ref: context.payload.check_run.head_sha }, true);
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
      await enqueue(context, { kind: "check", label: "check suite", ...repoOf(context, context.payload), ref: suite.head_sha }, context.payload.action === "rerequested");
    },

    /** `push` to the default branch → upsert the tracking issue. */
    push: async (context: Context<"push">): Promise<void> => {
      const p = context.payload;
      if (p.ref !== `refs/heads/${p.repository.default_branch}` || p.deleted || ZERO_SHA.test(p.after)) return;
      await enqueue(context, { kind: "track", label: "tracking issue", ...repoOf(context, p), ref: p.after }, false);
    },

    /** `installation.created` / `installation_repositories.added` → scan each repo's default branch (or one org audit, see `auditInstallation`). */
    installed: async (context: Context<"installation.created" | "installation_repositories.added">): Promise<void> => {
      const p = context.payload;
      if (deps.auditInstallation && !("repositories_added" in p)) {
        try {
          const { id, added } = await deps.auditInstallation(p.installation.id, accountLogin(p.installation.account));
          context.log.info({ job: id, event: context.name, delivery: context.id }, added ? "installation audit queued" : "installation audit already queued or done");
        } catch (error) {
          context.log.error({ event: context.name, delivery: context.id, err: describeError(error) }, "installation audit could not be queued");
        }
        return;
      }
      const repos = ("repositories_added" in p ? p.repositories_added : p.repositories) ?? [];
      for (const r of repos) {
        const [owner = "", repo = ""] = r.full_name.split("/");
        await enqueue(context, { kind: "track", label: "installation scan", owner, repo, ref: "HEAD" }, true);
      }
    },
  };
}
