/**
 * `carryover` worker (`node lib/worker.js`, `npm run worker`): runs scan jobs from the BullMQ
 * queue on REDIS_URL, for the app (check runs, tracking issues) and for audits. Run as many as
 * you like, on as many machines: job ids, the completion records and the per-repository lock
 * (src/queue/redis.ts) keep them from doing any job's work twice.
 *
 * Environment: REDIS_URL (required); APP_ID + PRIVATE_KEY / PRIVATE_KEY_PATH for app and
 * `--installation` jobs, GITHUB_TOKEN for `audit github:ORG` jobs; GHE_HOST/GHE_PROTOCOL or
 * GITHUB_API_URL for GitHub Enterprise; CARRYOVER_WORKER_CONCURRENCY (jobs at once, default 4),
 * CARRYOVER_PER_INSTALLATION (jobs of one installation at once, default 2),
 * CARRYOVER_JOB_LOCK_MS / CARRYOVER_STALLED_INTERVAL_MS (how soon a dead worker's job is taken
 * over; default 30 s), CARRYOVER_REPO_LOCK_MS (expiry of a dead worker's repository lock; default 30 s);
 * HF_ENDPOINT / HF_TOKEN for the `base_model` cards scans follow. Org audits (the `carryover-audit` queue) run
 * in the app processes, not here. Logs: one JSON object per line on standard output.
 */
import { describeError } from "./publish/check-run.js";
import { pipelineScanner } from "./publish/scanner.js";
import { clientFactory } from "./queue/clients.js";
import { openBackend } from "./queue/index.js";
import { scanProcessor, type ScanJobData } from "./queue/jobs.js";

const env = process.env;
const line = (level: string) => (obj: object, msg: string) => process.stdout.write(`${JSON.stringify({ level, time: Date.now(), pid: process.pid, ...obj, msg })}\n`);
const log = { info: line("info"), warn: line("warn"), error: line("error") };

if (!env.REDIS_URL) {
  process.stderr.write("carryover worker: set REDIS_URL (the worker takes jobs from BullMQ on Redis)\n");
  process.exit(2);
}
const int = (v: string | undefined, d: number) => (v && /^\d+$/.test(v) && Number(v) > 0 ? Number(v) : d);
const concurrency = int(env.CARRYOVER_WORKER_CONCURRENCY, 4);

const backend = await openBackend<ScanJobData>(env);
backend.queue.process(
  scanProcessor({ scan: pipelineScanner(), octokitFor: clientFactory(env), store: backend.store, lock: backend.lock, log, perInstallation: int(env.CARRYOVER_PER_INSTALLATION, 2) }),
  {
    concurrency,
    events: {
      completed: (id) => log.info({ job: id }, "job completed"),
      failed: (id, data, error, final) => (final ? log.error : log.warn)({ job: id, repo: `${data.owner}/${data.repo}`, err: describeError(error) }, final ? `${data.label} failed` : `${data.label} failed; retrying`),
    },
  },
);
log.info({ concurrency }, "worker ready");

let stopping = false;
for (const sig of ["SIGTERM", "SIGINT"] as const) {
  process.on(sig, () => {
    if (stopping) return;
    stopping = true;
    log.info({ signal: sig }, "worker stopping: finishing running jobs");
    void backend.close().then(() => process.exit(0));
  });
}
