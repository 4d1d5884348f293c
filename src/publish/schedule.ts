/**
 * The org audit schedule. Every `tickMs` (default: the audit interval, at most 1 h), aligned to
 * the clock so that replicas tick together, and once at start:
 *
 * 1. Registry check: for each installation with a stored report made with another registry
 *    version, the repositories whose scanned lineage changed (src/audit/affected.ts
 *    `lineageChanges`) are re-audited in one job, id `org-audit/installation-ID/registry-VERSION`.
 *    Nothing else is scanned.
 *    An installation without a stored report (the in-process store after a restart) is compared,
 *    on the hourly ticks, with the registry version in its org dashboard's state block instead; a
 *    difference queues a full re-audit under the same id.
 * 2. (not at start) For each installation, the audit of the current time bucket, id
 *    `org-audit/installation-ID/every-Nh/BUCKET` with BUCKET = floor(now / interval): the queue
 *    keeps ids idempotent, so two replicas ticking at once schedule one audit.
 *
 * No timer of its own in tests: the clock is injected.
 */
import type { JobQueue, KeyValueStore } from "../queue/types.js";
import type { Registry } from "../resolve/registry.js";
import { describeError } from "./check-run.js";
import { registryReaudit, reportedInstallations, type OrgAuditJob } from "./org-audit.js";

export interface Clock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** Real time; timers do not keep the process alive. */
export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms).unref(),
  clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout),
};

const HOUR = 3600_000;

/** CARRYOVER_AUDIT_INTERVAL_HOURS: hours between audits (default 24; 0 disables). Throws on anything else. */
export function auditIntervalHours(env: NodeJS.ProcessEnv): number {
  const v = env.CARRYOVER_AUDIT_INTERVAL_HOURS?.trim();
  if (v === undefined || v === "") return 24;
  if (!/^\d+(\.\d+)?$/.test(v)) throw new Error(`CARRYOVER_AUDIT_INTERVAL_HOURS '${v}' is not a number of hours (0 disables the scheduled audit)`);
  return Number(v);
}

export const auditBucket = (nowMs: number, intervalHours: number): number => Math.floor(nowMs / (intervalHours * HOUR));

/** The scheduled audit's job id: installation and time bucket. */
export function orgAuditJobId(installationId: number, intervalHours: number, nowMs: number): string {
  return `org-audit/installation-${installationId}/every-${intervalHours}h/${auditBucket(nowMs, intervalHours)}`;
}

export const registryAuditJobId = (installationId: number, registryVersion: string): string => `org-audit/installation-${installationId}/registry-${registryVersion}`;

interface Log {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface ScheduleDeps {
  clock?: Clock;
  /** 0: no scheduled audits (registry checks still run). */
  intervalHours: number;
  tickMs?: number;
  /** The app's installations (`GET /app/installations`). */
  installations(): Promise<{ id: number; account?: string }[]>;
  queue: JobQueue<OrgAuditJob>;
  kv: KeyValueStore;
  registry(): Promise<Registry>;
  log: Log;
  attempts?: number;
  /**
   * The registry version in the state block of the installation's org dashboard, or null: the
   * fallback for an installation without a stored report (the in-process store after a restart).
   * A different version queues a full re-audit, once per registry version.
   */
  dashboardRegistry?: (inst: { id: number; account?: string }) => Promise<string | null>;
}

export interface Schedule {
  /** One tick now (`audit: false`: the registry check only, as at start). */
  tick(opts?: { audit?: boolean }): Promise<void>;
  /** The tick in progress, if any. */
  settled(): Promise<void>;
  stop(): void;
}

export function startSchedule(deps: ScheduleDeps): Schedule {
  const clock = deps.clock ?? systemClock;
  const tickMs = deps.tickMs ?? Math.min(deps.intervalHours > 0 ? deps.intervalHours * HOUR : HOUR, HOUR);
  const attempts = deps.attempts ?? 3;
  let handle: unknown;
  let stopped = false;
  let running: Promise<void> = Promise.resolve();

  async function registryCheck(): Promise<void> {
    const registry = await deps.registry();
    for (const inst of await reportedInstallations(deps.kv)) {
      const { affected } = await registryReaudit(deps.kv, inst.id, registry);
      if (!affected.length) continue;
      const id = registryAuditJobId(inst.id, registry.version);
      const only = affected.map((a) => a.repository);
      const { added } = await deps.queue.add(id, { installationId: inst.id, ...(inst.account ? { account: inst.account } : {}), label: "registry re-audit", only }, { attempts });
      deps.log.info({ installation: inst.id, job: id, repositories: only, datasets: [...new Set(affected.flatMap((a) => a.changes.map((c) => c.dataset)))] }, added ? "registry changed: re-audit queued" : "registry re-audit already queued or done");
    }
  }

  /** No stored report: compare with the dashboard's state block instead (once per installation and registry version). */
  async function dashboardCheck(inst: { id: number; account?: string }, registry: Registry): Promise<void> {
    const checked = `registry-checked/installation:${inst.id}`;
    if (!deps.dashboardRegistry || (await deps.kv.get(checked)) === registry.version) return;
    const was = await deps.dashboardRegistry(inst).catch((e: unknown) => {
      deps.log.warn({ installation: inst.id, err: describeError(e) }, "org dashboard not readable for the registry check");
      return null;
    });
    await deps.kv.set(checked, registry.version);
    if (was === null || was === registry.version) return;
    const id = registryAuditJobId(inst.id, registry.version);
    const { added } = await deps.queue.add(id, { installationId: inst.id, ...(inst.account ? { account: inst.account } : {}), label: "registry re-audit" }, { attempts });
    deps.log.info({ installation: inst.id, job: id, was }, added ? "registry changed since the dashboard's audit (no stored report): full re-audit queued" : "registry re-audit already queued or done");
  }

  async function scheduledAudits(): Promise<void> {
    if (deps.intervalHours <= 0 && !deps.dashboardRegistry) return;
    const now = clock.now();
    const registry = deps.dashboardRegistry ? await deps.registry() : undefined;
    const reported = new Set((await reportedInstallations(deps.kv)).map((i) => i.id));
    for (const inst of await deps.installations()) {
      if (registry && !reported.has(inst.id)) await dashboardCheck(inst, registry);
      if (deps.intervalHours <= 0) continue;
      const id = orgAuditJobId(inst.id, deps.intervalHours, now);
      const { added } = await deps.queue.add(id, { installationId: inst.id, ...(inst.account ? { account: inst.account } : {}), label: "scheduled audit" }, { attempts });
      if (added) deps.log.info({ installation: inst.id, job: id }, "scheduled audit queued");
    }
  }

  const tick = (opts: { audit?: boolean } = {}): Promise<void> => {
    const run = running.then(async () => {
      try {
        await registryCheck();
      } catch (e) {
        deps.log.error({ err: describeError(e) }, "registry check failed");
      }
      if (opts.audit === false) return;
      try {
        await scheduledAudits();
      } catch (e) {
        deps.log.error({ err: describeError(e) }, "scheduled audits could not be queued");
      }
    });
    running = run;
    return run;
  };

  const arm = () => {
    if (stopped) return;
    const now = clock.now();
    handle = clock.setTimeout(() => {
      void tick().then(arm);
    }, tickMs - (now % tickMs));
  };
  void tick({ audit: false }).then(arm);

  return {
    tick,
    settled: () => running,
    stop: () => {
      stopped = true;
      if (handle !== undefined) clock.clearTimeout(handle);
    },
  };
}
