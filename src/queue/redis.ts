/**
 * The Redis backend: BullMQ for the queue, plain Redis keys for completions and locks. Any number
 * of app replicas and workers share one Redis.
 *
 * - Jobs: BullMQ with custom ids (a second `add` of a waiting, running or completed id is a
 *   no-op; a failed one is replaced so a redelivery can try again), exponential back-off,
 *   `UnrecoverableError` for a {@link PermanentJobError}, and stalled-job recovery: a worker that
 *   dies mid-job stops renewing its lock, and after `lockDuration` another worker's stalled
 *   check moves the job back to waiting (`maxStalledCount` 2 such recoveries, then it fails).
 * - Completions: `SET <name>:done:<id> value NX EX 7d` and a counter in `<name>:stats`
 *   (`recorded`, `duplicate`) in one Lua script, so "recorded exactly once" is checkable.
 * - Values (the last audit report per installation): `SET/GET <name>:kv:<key>`.
 * - Locks: `SET <name>:lock:<key> <token> NX PX ttl`, renewed while held, released by a script
 *   that deletes the key only if it still holds our token (never someone else's lock).
 */
import { randomUUID } from "node:crypto";
import { Queue, UnrecoverableError, Worker } from "bullmq";
import { Redis } from "ioredis";
import { PermanentJobError, type Backend, type CompletionStore, type JobOptions, type JobQueue, type KeyValueStore, type Processor, type QueueEvents, type RepoLock } from "./types.js";

export interface RedisBackendOptions {
  /** Queue name and key prefix (default `carryover`). */
  name?: string;
  defaults?: JobOptions;
  /** BullMQ lock per running job; a dead worker's job is recovered after about this long (default 30 s; CARRYOVER_JOB_LOCK_MS). */
  lockDurationMs?: number;
  /** How often workers look for stalled jobs (default lockDuration; CARRYOVER_STALLED_INTERVAL_MS). */
  stalledIntervalMs?: number;
  /** Repository lock expiry, renewed every third of it while held (default 30 s; CARRYOVER_REPO_LOCK_MS). */
  repoLockMs?: number;
  /** Give up waiting for a repository lock after this long (default 120 s; the job is retried). */
  repoLockWaitMs?: number;
  /** Completion records expire after this long (default 7 days). */
  doneTtlSeconds?: number;
}

const RECORD = `
local ok = redis.call('SET', KEYS[1], ARGV[1], 'NX', 'EX', ARGV[2])
if ok then redis.call('HINCRBY', KEYS[2], 'recorded', 1) return 1 end
redis.call('HINCRBY', KEYS[2], 'duplicate', 1)
return 0`;
const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;
const RENEW = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end return 0`;

const envMs = (v: string | undefined): number | undefined => (v && /^\d+$/.test(v) ? Number(v) : undefined);

class BullQueue<T> implements JobQueue<T> {
  readonly kind = "redis" as const;
  private readonly q: Queue;
  private worker: Worker | undefined;
  /** Connections we opened (BullMQ leaves a passed-in connection open on close). */
  private readonly conns: Redis[] = [];

  constructor(
    private readonly name: string,
    private readonly url: string,
    private readonly opts: RedisBackendOptions,
  ) {
    this.q = new Queue(name, { connection: this.conn() });
  }

  private conn(): Redis {
    const c = new Redis(this.url, { maxRetriesPerRequest: null });
    c.on("error", () => {});
    this.conns.push(c);
    return c;
  }

  async add(id: string, data: T, opts: JobOptions = {}): Promise<{ id: string; added: boolean }> {
    const existing = await this.q.getJob(id);
    if (existing) {
      if ((await existing.getState()) !== "failed") return { id, added: false };
      await existing.remove();
    }
    const attempts = Math.max(1, opts.attempts ?? this.opts.defaults?.attempts ?? 3);
    await this.q.add("scan", data, {
      jobId: id,
      attempts,
      backoff: { type: "exponential", delay: opts.backoffMs ?? this.opts.defaults?.backoffMs ?? 1000 },
      removeOnComplete: { age: 3600, count: 50_000 },
      removeOnFail: { age: 24 * 3600 },
    });
    return { id, added: true };
  }

  process(fn: Processor<T, unknown>, o: { concurrency: number; events?: QueueEvents<T> }): void {
    const lockDuration = this.opts.lockDurationMs ?? envMs(process.env.CARRYOVER_JOB_LOCK_MS) ?? 30_000;
    const worker = new Worker(
      this.name,
      async (job) => {
        try {
          return await fn(job.data as T, { id: job.id!, attempt: Math.max(1, job.attemptsStarted) });
        } catch (e) {
          if (e instanceof PermanentJobError) throw new UnrecoverableError(e.message);
          throw e;
        }
      },
      {
        connection: this.conn(),
        concurrency: Math.max(1, o.concurrency),
        lockDuration,
        stalledInterval: this.opts.stalledIntervalMs ?? envMs(process.env.CARRYOVER_STALLED_INTERVAL_MS) ?? lockDuration,
        maxStalledCount: 2,
      },
    );
    worker.on("completed", (job, result) => o.events?.completed?.(job.id!, job.data as T, result));
    worker.on("failed", (job, error) => {
      if (!job) return;
      const final = error instanceof UnrecoverableError || error.name === "UnrecoverableError" || job.attemptsMade >= (job.opts.attempts ?? 1);
      o.events?.failed?.(job.id!, job.data as T, error, final);
    });
    // Connection errors are retried by ioredis; without a listener they would crash the process.
    worker.on("error", () => {});
    this.worker = worker;
  }

  async failed(ids: readonly string[]): Promise<Map<string, string>> {
    const want = new Set(ids);
    const out = new Map<string, string>();
    for (let start = 0; ; start += 500) {
      const jobs = await this.q.getFailed(start, start + 499);
      for (const j of jobs) if (j?.id && want.has(j.id)) out.set(j.id, j.failedReason);
      if (jobs.length < 500) return out;
    }
  }

  async idle(): Promise<void> {
    for (;;) {
      const c = await this.q.getJobCounts("waiting", "active", "delayed", "prioritized", "waiting-children");
      if (Object.values(c).every((n) => n === 0)) return;
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  async close(): Promise<void> {
    await this.worker?.close();
    await this.q.close();
    for (const c of this.conns) c.disconnect();
  }
}

class RedisStore implements CompletionStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly ttl: number,
  ) {}
  private key = (id: string) => `${this.prefix}:done:${id}`;
  async get(id: string): Promise<string | undefined> {
    return (await this.redis.get(this.key(id))) ?? undefined;
  }
  async getMany(ids: readonly string[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    for (let i = 0; i < ids.length; i += 1000) {
      const chunk = ids.slice(i, i + 1000);
      const vals = await this.redis.mget(...chunk.map(this.key));
      chunk.forEach((id, j) => {
        if (vals[j] !== null && vals[j] !== undefined) out.set(id, vals[j]);
      });
    }
    return out;
  }
  async record(id: string, value: string): Promise<boolean> {
    return (await this.redis.eval(RECORD, 2, this.key(id), `${this.prefix}:stats`, value, String(this.ttl))) === 1;
  }
}

class RedisLock implements RepoLock {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly ttlMs: number,
    private readonly waitMs: number,
  ) {}
  async withLock<T>(key: string, fn: () => Promise<T>): Promise<T> {
    const k = `${this.prefix}:lock:${key}`;
    const token = randomUUID();
    const deadline = Date.now() + this.waitMs;
    for (let delay = 20; (await this.redis.set(k, token, "PX", this.ttlMs, "NX")) !== "OK"; delay = Math.min(delay * 2, 500)) {
      if (Date.now() > deadline) throw new Error(`repository lock ${key} still held after ${this.waitMs} ms`);
      await new Promise((r) => setTimeout(r, delay * (0.5 + Math.random())));
    }
    const renew = setInterval(() => void this.redis.eval(RENEW, 1, k, token, String(this.ttlMs)).catch(() => {}), Math.max(50, Math.floor(this.ttlMs / 3)));
    try {
      return await fn();
    } finally {
      clearInterval(renew);
      await this.redis.eval(RELEASE, 1, k, token);
    }
  }
}

class RedisKeyValue implements KeyValueStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}
  async get(key: string): Promise<string | undefined> {
    return (await this.redis.get(`${this.prefix}:kv:${key}`)) ?? undefined;
  }
  async set(key: string, value: string): Promise<void> {
    await this.redis.set(`${this.prefix}:kv:${key}`, value);
  }
}

export function redisBackend<T>(url: string, opts: RedisBackendOptions = {}): Backend<T> {
  const name = opts.name ?? "carryover";
  const redis = new Redis(url, { maxRetriesPerRequest: null });
  redis.on("error", () => {});
  const queue = new BullQueue<T>(name, url, opts);
  return {
    queue,
    store: new RedisStore(redis, name, opts.doneTtlSeconds ?? 7 * 24 * 3600),
    lock: new RedisLock(redis, name, opts.repoLockMs ?? envMs(process.env.CARRYOVER_REPO_LOCK_MS) ?? 30_000, opts.repoLockWaitMs ?? 120_000),
    kv: new RedisKeyValue(redis, name),
    close: async () => {
      await queue.close();
      redis.disconnect();
    },
  };
}
