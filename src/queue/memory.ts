/**
 * The in-process backend: the default for the CLI and a single app process (no set-up).
 * Same semantics as the Redis one within one process: ids are idempotent (waiting, running,
 * or completed within `retainMs`), attempts are retried with exponential back-off, a
 * {@link PermanentJobError} fails at once, and per-repository publishing goes through the
 * KeyedQueue of src/publish/serial.ts.
 */
import { KeyedQueue, RecentSet } from "../publish/serial.js";
import { backoffDelay, PermanentJobError, type Backend, type CompletionStore, type JobOptions, type JobQueue, type KeyValueStore, type Processor, type QueueEvents, type RepoLock } from "./types.js";

interface Pending<T> {
  id: string;
  data: T;
  attempts: number;
  backoffMs: number;
  attempt: number;
}

export interface InProcessQueueOptions {
  /** Defaults for jobs that do not set their own. */
  defaults?: JobOptions;
  /** How long a completed id keeps a new `add` of it out (default 1 h). */
  retainMs?: number;
  /** Most completed ids remembered (default 10,000). */
  retainMax?: number;
  now?: () => number;
}

export class InProcessQueue<T> implements JobQueue<T> {
  readonly kind = "memory" as const;
  private readonly waiting: Pending<T>[] = [];
  /** Ids waiting, delayed (between attempts) or running. */
  private readonly live = new Set<string>();
  private readonly done: RecentSet;
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly failures = new Map<string, string>();
  private running = 0;
  private concurrency = 0;
  private fn: Processor<T, unknown> | undefined;
  private events: QueueEvents<T> = {};
  private idleWaiters: (() => void)[] = [];
  private closed = false;

  constructor(private readonly opts: InProcessQueueOptions = {}) {
    this.done = new RecentSet(opts.retainMax ?? 10_000, opts.retainMs ?? 60 * 60 * 1000, opts.now ?? Date.now);
  }

  async add(id: string, data: T, opts: JobOptions = {}): Promise<{ id: string; added: boolean }> {
    if (this.closed) throw new Error("queue closed");
    if (this.live.has(id) || this.done.has(id)) return { id, added: false };
    this.live.add(id);
    this.failures.delete(id);
    this.waiting.push({ id, data, attempts: Math.max(1, opts.attempts ?? this.opts.defaults?.attempts ?? 3), backoffMs: opts.backoffMs ?? this.opts.defaults?.backoffMs ?? 1000, attempt: 0 });
    this.pump();
    return { id, added: true };
  }

  process(fn: Processor<T, unknown>, opts: { concurrency: number; events?: QueueEvents<T> }): void {
    this.fn = fn;
    this.concurrency = Math.max(1, opts.concurrency);
    this.events = opts.events ?? {};
    this.pump();
  }

  /** Jobs waiting, delayed or running. */
  get size(): number {
    return this.live.size;
  }

  async failed(ids: readonly string[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    for (const id of ids) {
      const f = this.failures.get(id);
      if (f !== undefined) out.set(id, f);
    }
    return out;
  }

  idle(): Promise<void> {
    if (this.live.size === 0) return Promise.resolve();
    return new Promise((r) => this.idleWaiters.push(r));
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    this.waiting.length = 0;
    this.live.clear();
    if (this.running > 0) await new Promise<void>((r) => this.idleWaiters.push(r));
  }

  private pump(): void {
    if (!this.fn || this.closed) return;
    while (this.running < this.concurrency && this.waiting.length > 0) {
      const job = this.waiting.shift()!;
      this.running++;
      void this.run(job);
    }
  }

  private async run(job: Pending<T>): Promise<void> {
    job.attempt++;
    try {
      const result = await this.fn!(job.data, { id: job.id, attempt: job.attempt });
      this.live.delete(job.id);
      this.done.checkAndAdd(job.id);
      this.events.completed?.(job.id, job.data, result);
    } catch (error) {
      const final = error instanceof PermanentJobError || job.attempt >= job.attempts || this.closed;
      this.events.failed?.(job.id, job.data, error, final);
      if (final) {
        this.live.delete(job.id);
        this.failures.set(job.id, error instanceof Error ? error.message : String(error));
      }
      else {
        const t = setTimeout(() => {
          this.timers.delete(t);
          this.waiting.push(job);
          this.pump();
        }, backoffDelay(job.attempt, job.backoffMs));
        this.timers.add(t);
      }
    } finally {
      this.running--;
      this.pump();
      this.settle();
    }
  }

  /** Wake `idle()` callers once nothing is live, and `close()` once nothing runs. */
  private settle(): void {
    if (this.live.size === 0 && (!this.closed || this.running === 0)) {
      const w = this.idleWaiters;
      this.idleWaiters = [];
      for (const r of w) r();
    }
  }
}

export class MemoryStore implements CompletionStore {
  readonly values = new Map<string, string>();
  async get(id: string): Promise<string | undefined> {
    return this.values.get(id);
  }
  async getMany(ids: readonly string[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    for (const id of ids) {
      const v = this.values.get(id);
      if (v !== undefined) out.set(id, v);
    }
    return out;
  }
  async record(id: string, value: string): Promise<boolean> {
    if (this.values.has(id)) return false;
    this.values.set(id, value);
    return true;
  }
}

export class MemoryLock implements RepoLock {
  private readonly q = new KeyedQueue();
  withLock<T>(key: string, fn: () => Promise<T>): Promise<T> {
    return this.q.run(key, fn);
  }
}

export class MemoryKeyValue implements KeyValueStore {
  readonly values = new Map<string, string>();
  async get(key: string): Promise<string | undefined> {
    return this.values.get(key);
  }
  async set(key: string, value: string): Promise<void> {
    this.values.set(key, value);
  }
}

export function memoryBackend<T>(opts: InProcessQueueOptions = {}): Backend<T> {
  const queue = new InProcessQueue<T>(opts);
  return { queue, store: new MemoryStore(), lock: new MemoryLock(), kv: new MemoryKeyValue(), close: () => queue.close() };
}
