import { describe, expect, it } from "vitest";
import { RateLimiter, resourceOf } from "../../src/queue/rate-limit.js";

const HOUR = 3600_000;
const headers = (remaining: number, resetAt: number, limit = 5000) => ({ "x-ratelimit-limit": String(limit), "x-ratelimit-remaining": String(remaining), "x-ratelimit-reset": String(Math.floor(resetAt / 1000)) });

describe("RateLimiter schedule", () => {
  it("no delay while more than half the budget is left; then spaces requests evenly up to the reset, keeping the reserve", () => {
    const now = 1_700_000_000_000;
    const l = new RateLimiter({ now: () => now, reserve: 50 });
    expect(l.schedule()).toBe(0); // nothing known yet
    l.observe("core", headers(4000, now + HOUR));
    expect(l.schedule()).toBe(0);
    l.observe("core", headers(1050, now + HOUR));
    // (1 h) / (1050 − 50) = 3.6 s per request; each claim counts against what is left, and
    // consecutive claims get consecutive slots.
    expect(l.schedule()).toBe(0);
    expect(l.schedule()).toBeCloseTo(HOUR / 1000, 3);
    expect(l.schedule()).toBeCloseTo(HOUR / 1000 + HOUR / 999, 3);
  });

  it("at the reserve, waits for the reset", () => {
    const now = 1_700_000_000_000;
    const l = new RateLimiter({ now: () => now, reserve: 50 });
    l.observe("core", headers(50, now + 600_000));
    expect(l.schedule()).toBe(600_000 + 1000);
    // Other budgets are separate: GraphQL is untouched.
    expect(l.schedule("graphql")).toBe(0);
    expect(resourceOf("/graphql")).toBe("graphql");
    expect(resourceOf("/repos/{owner}/{repo}/git/trees/{tree_sha}")).toBe("core");
  });
});

describe("RateLimiter secondary limits", () => {
  it("403 with retry-after pauses every request of the resource for that long", () => {
    let now = 1_000_000;
    const l = new RateLimiter({ now: () => now });
    expect(l.onRateLimited("core", 403, { "retry-after": "30" }, "You have exceeded a secondary rate limit")).toBe(30_000);
    expect(l.schedule()).toBe(30_000);
    now += 10_000;
    expect(l.schedule()).toBe(20_000);
  });

  it("without retry-after: one minute, then doubling; a real 403 is not a rate limit", () => {
    const l = new RateLimiter({ now: () => 0, secondaryBaseMs: 60_000 });
    expect(l.onRateLimited("core", 403, {}, "You have exceeded a secondary rate limit.")).toBe(60_000);
    expect(l.onRateLimited("core", 429, {}, "")).toBe(120_000);
    expect(l.onRateLimited("core", 403, {}, "Resource not accessible by integration")).toBeUndefined();
    expect(l.onRateLimited("core", 404, {}, "")).toBeUndefined();
  });

  it("primary exhausted (403, remaining 0) waits for the reset", () => {
    const now = 5_000_000;
    const l = new RateLimiter({ now: () => now });
    l.observe("core", headers(1, now + 90_000));
    expect(l.onRateLimited("core", 403, headers(0, now + 90_000), "API rate limit exceeded")).toBe(91_000);
  });

  it("run(): retries a secondary limit after the pause, then succeeds; gives up after maxRetries", async () => {
    const slept: number[] = [];
    const l = new RateLimiter({ now: () => 0, sleep: async (ms) => void slept.push(ms), secondaryBaseMs: 1000, maxRetries: 2 });
    let calls = 0;
    const limited = () => Object.assign(new Error("You have exceeded a secondary rate limit"), { status: 403, response: { headers: { "retry-after": "2" } } });
    const res = await l.run("core", async () => {
      if (++calls < 3) throw limited();
      return { headers: headers(4999, 3600_000), data: "ok" };
    });
    expect(res.data).toBe("ok");
    expect(calls).toBe(3);
    expect(slept).toEqual([2000, 2000]);
    await expect(l.run("core", async () => { throw limited(); })).rejects.toThrow("secondary rate limit");
  });
});
