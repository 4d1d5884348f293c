/**
 * In-process ordering for webhook work: one job at a time per repository (so two
 * deliveries cannot both create the tracking issue), a concurrency limit for
 * installation-wide scans, and a memory of recent deliveries (GitHub redelivers
 * with the same `X-GitHub-Delivery` id).
 *
 * Scope: one process. Several replicas need a shared lock (e.g. Redis); the issue
 * marker still stops duplicates once the first issue exists.
 */

/** Runs jobs with the same key one after another, in arrival order. */
export class KeyedQueue {
  private readonly tails = new Map<string, Promise<unknown>>();

  /** Run `job` after every earlier job with `key` settled. */
  run<T>(key: string, job: () => Promise<T>): Promise<T> {
    const prev = this.tails.get(key) ?? Promise.resolve();
    const next = prev.then(job, job);
    const tail = next.then(
      () => undefined,
      () => undefined,
    );
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return next;
  }

  /** Keys with queued or running jobs. */
  get size(): number {
    return this.tails.size;
  }
}

/** Map over `items` with at most `limit` jobs in flight; results in input order; rejections are collected, not thrown. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<PromiseSettledResult<R>[]> {
  const out: PromiseSettledResult<R>[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      try {
        out[i] = { status: "fulfilled", value: await fn(items[i]!) };
      } catch (reason) {
        out[i] = { status: "rejected", reason };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(Math.max(1, limit), items.length) }, worker));
  return out;
}

/** A bounded set of recently seen keys, with an age limit. */
export class RecentSet {
  private readonly seen = new Map<string, number>();
  constructor(
    private readonly max = 1000,
    private readonly ttlMs = 60 * 60 * 1000,
    private readonly now: () => number = Date.now,
  ) {}

  /** True if `key` was added within the TTL; otherwise remember it and return false. */
  checkAndAdd(key: string): boolean {
    const t = this.now();
    const at = this.seen.get(key);
    if (at !== undefined && t - at < this.ttlMs) return true;
    this.seen.delete(key);
    this.seen.set(key, t);
    // Map keeps insertion order: the first key is the oldest.
    while (this.seen.size > this.max) this.seen.delete(this.seen.keys().next().value!);
    return false;
  }

  /** True if `key` was added within the TTL (does not add it). */
  has(key: string): boolean {
    const at = this.seen.get(key);
    return at !== undefined && this.now() - at < this.ttlMs;
  }

  /** Forget `key` (a job that failed before publishing anything may be retried). */
  delete(key: string): void {
    this.seen.delete(key);
  }
}
