/**
 * The carryover GitHub App (Probot 14): event wiring only. The handlers (src/publish/handlers.ts)
 * enqueue scan jobs; the processor (src/queue/jobs.ts) scans and publishes (check-run.ts,
 * issue.ts). With the in-process queue (the default) this process runs the jobs; with REDIS_URL
 * set, jobs go to BullMQ and `carryover` workers (lib/worker.js) run them, unless
 * CARRYOVER_APP_WORKS=1 asks this process to work too.
 */
import type { ApplicationFunction, Probot } from "probot";
import { createHandlers, type Scanner } from "./publish/handlers.js";
import { pipelineScanner } from "./publish/scanner.js";
import { describeError } from "./publish/check-run.js";
import { scanProcessor, type ScanJobData } from "./queue/jobs.js";
import { openBackend } from "./queue/index.js";
import { RateLimiters } from "./queue/rate-limit.js";
import type { Backend } from "./queue/types.js";

export interface AppDeps {
  scan?: Scanner;
  /** Jobs of one installation scanned at once in this process (default 2: each scan is 2 requests plus publishing). */
  installConcurrency?: number;
  /** Queue, completion store and lock (default: from the environment, see src/queue/index.ts). */
  backend?: Backend<ScanJobData>;
  /** Attempts per job (default 3). */
  attempts?: number;
  /** Run jobs in this process (default: yes with the in-process queue, no with Redis unless CARRYOVER_APP_WORKS=1). */
  work?: boolean;
  /** The registry version in job ids (default: the loaded registry's). */
  registryVersion?: () => Promise<string>;
}

let registryVersion: Promise<string> | undefined;
/** The loaded registry's version, loaded once per process. */
export const loadedRegistryVersion = (): Promise<string> => (registryVersion ??= import("./resolve/registry.js").then((m) => m.loadRegistry().version));

/** Build the app function; tests and benchmarks inject their own scanner and backend. */
export function createApp(deps: AppDeps = {}): ApplicationFunction {
  return async (app: Probot) => {
    const backend = deps.backend ?? (await openBackend<ScanJobData>(process.env));
    const h = createHandlers({ queue: backend.queue, registryVersion: deps.registryVersion ?? loadedRegistryVersion, ...(deps.attempts ? { attempts: deps.attempts } : {}) });
    app.on(["pull_request.opened", "pull_request.synchronize", "pull_request.reopened"], h.pullRequest);
    app.on("check_run.rerequested", h.checkRunRerequested);
    app.on(["check_suite.requested", "check_suite.rerequested"], h.checkSuite);
    app.on("push", h.push);
    app.on(["installation.created", "installation_repositories.added"], h.installed);

    const work = deps.work ?? (backend.queue.kind === "memory" || process.env.CARRYOVER_APP_WORKS === "1");
    if (!work) return;
    const limiters = new RateLimiters();
    const processor = scanProcessor({
      scan: deps.scan ?? pipelineScanner(),
      octokitFor: async (data) => {
        const octokit = (await app.auth(data.installationId));
        octokit.hook.wrap("request", limiters.for(String(data.installationId)).hook as never);
        return octokit;
      },
      store: backend.store,
      lock: backend.lock,
      log: app.log,
      perInstallation: deps.installConcurrency ?? 2,
    });
    backend.queue.process(processor, {
      concurrency: 8,
      events: {
        failed: (id, data, error, final) => {
          const fields = { job: id, repo: `${data.owner}/${data.repo}`, err: describeError(error) };
          if (final) app.log.error(fields, `${data.label} failed`);
          else app.log.warn(fields, `${data.label} failed; retrying`);
        },
      },
    });
  };
}

/** The app with the real pipeline. */
const app: ApplicationFunction = createApp();
export default app;
