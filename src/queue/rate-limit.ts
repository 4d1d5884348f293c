/**
 * Pacing requests to one installation's (or one token's) rate limit, from what GitHub says in
 * every response: `x-ratelimit-limit`, `x-ratelimit-remaining`, `x-ratelimit-reset` (epoch
 * seconds) and `x-ratelimit-resource` (REST `core` and `graphql` are separate budgets).
 *
 * Schedule, per resource:
 * - plenty left (remaining ≥ `paceBelow` × limit): no delay;
 * - below that: requests are spaced evenly over the time to the reset, keeping `reserve`
 *   requests back for the app's own webhook work: interval = (reset − now) / (remaining − reserve);
 * - at or under `reserve`: wait for the reset.
 * Requests started but not answered count against `remaining` (several jobs share a limiter).
 *
 * Secondary rate limits (GitHub: 403 or 429, with `retry-after` in seconds, or without it
 * "wait at least one minute" and back off exponentially): every request of the resource pauses
 * for `retry-after`, else `secondaryBaseMs` × 2^(strikes − 1); the request is retried up to
 * `maxRetries` times. A 403/429 with `x-ratelimit-remaining: 0` waits for the reset.
 */

type Headers = Record<string, string | number | undefined>;

interface Bucket {
  limit?: number;
  remaining?: number;
  /** ms epoch. */
  resetAt?: number;
  /** Requests started since the last response of this bucket. */
  inFlight: number;
  /** Earliest start of the next paced request. */
  nextAt: number;
  pausedUntil: number;
  strikes: number;
}

export interface RateLimiterOptions {
  /** Requests kept back (default 50). */
  reserve?: number;
  /** Start pacing below this fraction of the limit (default 0.5). */
  paceBelow?: number;
  /** First back-off on a secondary limit without retry-after (default 60,000 ms). */
  secondaryBaseMs?: number;
  /** Longest single back-off (default 15 min). */
  maxBackoffMs?: number;
  /** Rate-limited retries of one request (default 3). */
  maxRetries?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

const num = (v: string | number | undefined): number | undefined => {
  if (v === undefined || v === "") return undefined;
  const n = Number(v);
  return Number.isFinite(n) ? n : undefined;
};

/** Which budget a request draws on. */
export function resourceOf(url: string): string {
  return /(^|\/)graphql$/.test(url.split("?")[0]!) ? "graphql" : "core";
}

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly reserve: number;
  private readonly paceBelow: number;
  private readonly secondaryBaseMs: number;
  private readonly maxBackoffMs: number;
  readonly maxRetries: number;
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  /** Total time callers were asked to wait (for benchmarks and logs). */
  waitedMs = 0;

  constructor(opts: RateLimiterOptions = {}) {
    this.reserve = opts.reserve ?? 50;
    this.paceBelow = opts.paceBelow ?? 0.5;
    this.secondaryBaseMs = opts.secondaryBaseMs ?? 60_000;
    this.maxBackoffMs = opts.maxBackoffMs ?? 15 * 60_000;
    this.maxRetries = opts.maxRetries ?? 3;
    this.now = opts.now ?? Date.now;
    this.sleep = opts.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
  }

  private bucket(resource: string): Bucket {
    let b = this.buckets.get(resource);
    if (!b) this.buckets.set(resource, (b = { inFlight: 0, nextAt: 0, pausedUntil: 0, strikes: 0 }));
    return b;
  }

  /** The state of one budget as last seen (for tests and logs). */
  state(resource = "core"): Readonly<Bucket> {
    return { ...this.bucket(resource) };
  }

  /** Claim a slot for one request: the ms to wait before sending it. */
  schedule(resource = "core"): number {
    const b = this.bucket(resource);
    const now = this.now();
    let wait = Math.max(0, b.pausedUntil - now);
    if (b.remaining !== undefined && b.resetAt !== undefined && b.resetAt > now) {
      const left = b.remaining - b.inFlight;
      if (left <= this.reserve) wait = Math.max(wait, b.resetAt - now + 1000);
      else if (b.limit !== undefined && left < b.limit * this.paceBelow) {
        const interval = (b.resetAt - now) / (left - this.reserve);
        const slot = Math.max(now + wait, b.nextAt);
        b.nextAt = slot + interval;
        wait = slot - now;
      }
    }
    b.inFlight++;
    return wait;
  }

  /** A response (or an error's response) arrived: read its headers. */
  observe(resource: string, headers: Headers | undefined): void {
    const b = this.bucket(resource);
    b.inFlight = Math.max(0, b.inFlight - 1);
    if (!headers) return;
    const limit = num(headers["x-ratelimit-limit"]);
    const remaining = num(headers["x-ratelimit-remaining"]);
    const reset = num(headers["x-ratelimit-reset"]);
    if (limit !== undefined) b.limit = limit;
    if (remaining !== undefined) b.remaining = remaining;
    if (reset !== undefined) {
      const at = reset * 1000;
      // A new window: the pacing of the old one no longer applies.
      if (b.resetAt !== undefined && at > b.resetAt) b.nextAt = 0;
      b.resetAt = at;
    }
  }

  /**
   * A request failed with `status`: if it is a rate limit, pause the resource and return how
   * long; undefined when it is not one (a real 403 is the caller's business).
   */
  onRateLimited(resource: string, status: number | undefined, headers: Headers | undefined, message = ""): number | undefined {
    if (status !== 403 && status !== 429) return undefined;
    const b = this.bucket(resource);
    const now = this.now();
    const retryAfter = num(headers?.["retry-after"]);
    let pause: number | undefined;
    if (retryAfter !== undefined) pause = retryAfter * 1000;
    else if (num(headers?.["x-ratelimit-remaining"]) === 0 && b.resetAt !== undefined) pause = Math.max(1000, b.resetAt - now + 1000);
    else if (status === 429 || /secondary rate limit|abuse/i.test(message)) pause = this.secondaryBaseMs * 2 ** b.strikes;
    if (pause === undefined) return undefined;
    b.strikes++;
    pause = Math.min(pause, this.maxBackoffMs);
    b.pausedUntil = Math.max(b.pausedUntil, now + pause);
    return pause;
  }

  /** A success clears the secondary back-off. */
  private succeeded(resource: string): void {
    this.bucket(resource).strikes = 0;
  }

  /** Run one request under the schedule, retrying rate-limited answers. */
  async run<R extends { headers?: Headers }>(resource: string, send: () => Promise<R>): Promise<R> {
    for (let tries = 0; ; tries++) {
      const wait = this.schedule(resource);
      if (wait > 0) {
        this.waitedMs += wait;
        await this.sleep(wait);
      }
      try {
        const res = await send();
        this.observe(resource, res.headers);
        this.succeeded(resource);
        return res;
      } catch (e) {
        const err = e as { status?: number; message?: string; response?: { headers?: Headers }; errors?: { type?: string }[]; headers?: Headers };
        const headers = err.response?.headers ?? err.headers;
        this.observe(resource, headers);
        // GraphQL reports an exhausted budget as a 200 with errors of type RATE_LIMITED.
        const graphqlLimited = err.errors?.some((x) => x.type === "RATE_LIMITED") ? 403 : undefined;
        const pause = this.onRateLimited(resource, graphqlLimited ?? err.status, headers, err.message ?? "");
        if (pause === undefined || tries >= this.maxRetries) throw e;
      }
    }
  }

  /** An Octokit `hook.wrap("request", …)` handler. */
  readonly hook = <R extends { headers?: Headers }>(request: (options: { url: string }) => Promise<R>, options: { url: string }): Promise<R> =>
    this.run(resourceOf(options.url), () => request(options));
}

/** One limiter per installation (or token), shared by every job of that installation in this process. */
export class RateLimiters {
  private readonly map = new Map<string, RateLimiter>();
  constructor(private readonly opts: RateLimiterOptions = {}) {}
  for(key: string): RateLimiter {
    let l = this.map.get(key);
    if (!l) this.map.set(key, (l = new RateLimiter(this.opts)));
    return l;
  }
}
