/**
 * The carryover GitHub App (Probot 14): event wiring only. The handlers (src/publish/handlers.ts)
 * enqueue scan jobs; the processor (src/queue/jobs.ts) scans and publishes (check-run.ts,
 * issue.ts). With the in-process queue (the default) this process runs the jobs; with REDIS_URL
 * set, jobs go to BullMQ and `carryover` workers (lib/worker.js) run them, unless
 * CARRYOVER_APP_WORKS=1 asks this process to work too.
 *
 * Org audits (src/publish/org-audit.ts) run from a second queue (`carryover-audit`) that app
 * processes always work: an org audit only lists, enqueues scan jobs and collects them, then
 * writes the dashboards. The schedule (src/publish/schedule.ts) queues one per installation every
 * CARRYOVER_AUDIT_INTERVAL_HOURS (default 24; 0: none, and `installation.created` scans each
 * repository as before), and a re-audit of the repositories a registry change affects.
 */
import type { ApplicationFunction, Probot } from "probot";
import { VERSION } from "./cli.js";
import { createHandlers, type Scanner } from "./publish/handlers.js";
import { pipelineScanner } from "./publish/scanner.js";
import { describeError, type AppOctokit } from "./publish/check-run.js";
import { appBotLogin, appInstallations, dashboardStateRegistry, forgetInstallation, hfModelLister, INDEX_LOCK, orgAuditProcessor, type OrgAuditJob } from "./publish/org-audit.js";
import { auditIntervalHours, orgAuditJobId, startSchedule, type Clock, type Schedule } from "./publish/schedule.js";
import type { HfModelLister } from "./publish/steward.js";
import { scanProcessor, type ScanJobData } from "./queue/jobs.js";
import { openBackend } from "./queue/index.js";
import { RateLimiters } from "./queue/rate-limit.js";
import type { Backend } from "./queue/types.js";
import type { Registry } from "./resolve/registry.js";

/** Org audit options (tests inject a clock and a backend; production reads the environment). */
export interface AuditDeps {
  /** Hours between scheduled audits (default CARRYOVER_AUDIT_INTERVAL_HOURS, else 24; 0: none). */
  intervalHours?: number;
  clock?: Clock;
  /** The org audit queue (default: from the environment, queue name `carryover-audit`). */
  backend?: Backend<OrgAuditJob>;
  /** Default: the Hub's (HF_ENDPOINT, HF_TOKEN); null: no Hugging Face look-ups. */
  hfModels?: HfModelLister | null;
  /** Default CARRYOVER_DASHBOARD_REPO. */
  dashboardRepo?: string;
  pollMs?: number;
  /** Called with the running schedule (tests tick it by hand). */
  onSchedule?: (s: Schedule) => void;
}

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
  /** The registry version in job ids (default: `registry`'s). */
  registryVersion?: () => Promise<string>;
  /** The dataset registry (default: the bundled one, loaded once). */
  registry?: () => Promise<Registry>;
  /** Org audits and dashboards; false: none (installation.created then scans each repository). */
  audits?: AuditDeps | false;
}

let registry: Promise<Registry> | undefined;
/** The bundled registry, loaded once per process. */
export const loadedRegistry = (): Promise<Registry> => (registry ??= import("./resolve/registry.js").then((m) => m.loadRegistry()));
/** The loaded registry's version. */
export const loadedRegistryVersion = async (): Promise<string> => (await loadedRegistry()).version;

/** Build the app function; tests and benchmarks inject their own scanner and backend. */
export function createApp(deps: AppDeps = {}): ApplicationFunction {
  return async (app: Probot) => {
    const env = process.env;
    const backend = deps.backend ?? (await openBackend<ScanJobData>(env));
    const getRegistry = deps.registry ?? loadedRegistry;
    const registryVersion = deps.registryVersion ?? (async () => (await getRegistry()).version);
    const limiters = new RateLimiters();
    const installationClient = async (installationId: number): Promise<AppOctokit> => {
      const octokit = await app.auth(installationId);
      octokit.hook.wrap("request", limiters.for(String(installationId)).hook as never);
      return octokit;
    };

    // Org audits: a queue of their own, always worked here.
    const audits = deps.audits === false ? undefined : (deps.audits ?? {});
    const intervalHours = audits ? (audits.intervalHours ?? auditIntervalHours(env)) : 0;
    let auditInstallation: ((id: number, account: string | undefined) => Promise<{ id: string; added: boolean }>) | undefined;
    if (audits) {
      const auditBackend = audits.backend ?? (await openBackend<OrgAuditJob>(env, { name: "carryover-audit" }));
      const clock = audits.clock;
      const appClient = async (): Promise<AppOctokit> => app.auth();
      const botLogin = appBotLogin(appClient, app.log);
      const hfModels = audits.hfModels === null ? undefined : (audits.hfModels ?? hfModelLister(env));
      const dashboardRepo = audits.dashboardRepo ?? env.CARRYOVER_DASHBOARD_REPO;
      auditBackend.queue.process(
        orgAuditProcessor({
          octokitFor: installationClient,
          queue: backend.queue,
          store: backend.store,
          lock: backend.lock,
          kv: backend.kv,
          registry: getRegistry,
          botLogin,
          toolVersion: VERSION,
          ...(dashboardRepo ? { dashboardRepo } : {}),
          ...(hfModels ? { hfModels } : {}),
          log: app.log,
          ...(deps.attempts ? { attempts: deps.attempts } : {}),
          ...(audits.pollMs !== undefined ? { pollMs: audits.pollMs } : {}),
          ...(clock ? { now: () => new Date(clock.now()) } : {}),
        }),
        {
          concurrency: 1,
          events: {
            failed: (id, data, error, final) => (final ? app.log.error : app.log.warn).call(app.log, { job: id, installation: data.installationId, err: describeError(error) }, final ? `${data.label} failed` : `${data.label} failed; retrying`),
          },
        },
      );
      const attempts = deps.attempts ?? 3;
      if (intervalHours > 0) {
        auditInstallation = (id, account) => auditBackend.queue.add(orgAuditJobId(id, intervalHours, (clock ?? Date).now()), { installationId: id, ...(account ? { account } : {}), label: "installation audit" }, { attempts });
      }
      const schedule = startSchedule({
        ...(clock ? { clock } : {}),
        intervalHours,
        installations: async () => appInstallations(await appClient()),
        dashboardRegistry: async (inst) => (inst.account ? dashboardStateRegistry(await installationClient(inst.id), inst.account, dashboardRepo, await botLogin()) : null),
        queue: auditBackend.queue,
        kv: backend.kv,
        registry: getRegistry,
        log: app.log,
        attempts,
      });
      audits.onSchedule?.(schedule);
      app.on("installation.deleted", async (context) => {
        const id = context.payload.installation.id;
        if (await backend.lock.withLock(INDEX_LOCK, () => forgetInstallation(backend.kv, id))) context.log.info({ installation: id }, "app uninstalled: stored audit report dropped");
      });
    }

    const h = createHandlers({ queue: backend.queue, registryVersion, ...(deps.attempts ? { attempts: deps.attempts } : {}), ...(auditInstallation ? { auditInstallation } : {}) });
    app.on(["pull_request.opened", "pull_request.synchronize", "pull_request.reopened"], h.pullRequest);
    app.on("check_run.rerequested", h.checkRunRerequested);
    app.on(["check_suite.requested", "check_suite.rerequested"], h.checkSuite);
    app.on("push", h.push);
    app.on(["installation.created", "installation_repositories.added"], h.installed);

    const work = deps.work ?? (backend.queue.kind === "memory" || process.env.CARRYOVER_APP_WORKS === "1");
    if (!work) return;
    const processor = scanProcessor({
      scan: deps.scan ?? pipelineScanner(),
      octokitFor: async (data) => (data.installationId === undefined ? await app.auth() : installationClient(data.installationId)),
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
