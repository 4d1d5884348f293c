/**
 * The job queue behind one interface: in-process (memory.ts, the default: no set-up) or BullMQ
 * on Redis (redis.ts, when REDIS_URL is set). Three pieces travel together as a {@link Backend}:
 *
 * - a {@link JobQueue}: `add(id, data)` is idempotent by id (a job waiting, running or recently
 *   completed under the same id is not added again); failed attempts are retried with
 *   exponential back-off unless the error is a {@link PermanentJobError};
 * - a {@link CompletionStore}: what a job produced, written once per job id at its end, read
 *   first by any re-run of the same id (so a retried or recovered job never redoes its work);
 * - a {@link RepoLock}: publishing (check runs, tracking issues) is serialised per repository,
 *   across processes with Redis, so no replica creates a duplicate.
 */

/** Options of one job. */
export interface JobOptions {
  /** Attempts in all (default 3). */
  attempts?: number;
  /** First retry delay; doubled on each later retry (default 1,000 ms). */
  backoffMs?: number;
}

/** What a processor knows about the job it runs. */
export interface JobContext {
  id: string;
  /** 1 on the first start; more after a failed attempt or a worker that died mid-job. */
  attempt: number;
}

export type Processor<T, R> = (data: T, ctx: JobContext) => Promise<R>;

/** Queue events a process can observe (for its own jobs: in-process, or this worker's). */
export interface QueueEvents<T> {
  completed?: (id: string, data: T, result: unknown) => void;
  failed?: (id: string, data: T, error: unknown, final: boolean) => void;
}

export interface JobQueue<T> {
  readonly kind: "memory" | "redis";
  /** Add a job; `added: false` when a job with this id is waiting, running or recently completed. */
  add(id: string, data: T, opts?: JobOptions): Promise<{ id: string; added: boolean }>;
  /** Run jobs in this process, at most `concurrency` at a time. */
  process(fn: Processor<T, unknown>, opts: { concurrency: number; events?: QueueEvents<T> }): void;
  /** Of `ids`, those that failed for good, with the reason (a caller collecting results stops waiting for them). */
  failed(ids: readonly string[]): Promise<Map<string, string>>;
  /** Resolves once nothing is waiting, delayed or running (as far as this process can see). */
  idle(): Promise<void>;
  close(): Promise<void>;
}

/** Results by job id, each written once. */
export interface CompletionStore {
  get(id: string): Promise<string | undefined>;
  getMany(ids: readonly string[]): Promise<Map<string, string>>;
  /** Record `value` for `id` unless one is recorded; true when this call recorded it. */
  record(id: string, value: string): Promise<boolean>;
}

/** Mutual exclusion per key (a repository), held for the duration of `fn`. */
export interface RepoLock {
  withLock<T>(key: string, fn: () => Promise<T>): Promise<T>;
}

/**
 * A few small values that outlive a job: the app keeps the last audit report of each installation
 * here (`audit-report/installation:ID`), to re-audit only what a registry change affects. Redis:
 * `SET/GET <name>:kv:<key>`; in memory: a Map (gone with the process).
 */
export interface KeyValueStore {
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string): Promise<void>;
}

export interface Backend<T> {
  queue: JobQueue<T>;
  store: CompletionStore;
  lock: RepoLock;
  kv: KeyValueStore;
  close(): Promise<void>;
}

/** An error retrying cannot fix (a 404, a 401, bad input): the job fails at once. */
export class PermanentJobError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "PermanentJobError";
  }
}

/** `attempt` 1 → base, 2 → 2·base, 3 → 4·base … */
export function backoffDelay(attempt: number, baseMs: number): number {
  return baseMs * 2 ** Math.max(0, attempt - 1);
}

/**
 * The id of a scan job: `owner/repo@sha#registryVersion`, prefixed by what the job publishes
 * (`check/`, `track/`; none for an audit scan). BullMQ refuses ':' in custom ids; git refs and
 * GitHub names never need it.
 */
export function scanJobId(parts: { prefix?: string; repository: string; sha: string; registryVersion: string; suffix?: string }): string {
  const id = `${parts.prefix ? `${parts.prefix}/` : ""}${parts.repository}@${parts.sha}#${parts.registryVersion}${parts.suffix ? `~${parts.suffix}` : ""}`;
  return id.replace(/:/g, "_");
}
