import { describe, expect, it } from "vitest";
import { InProcessQueue, MemoryLock, MemoryStore } from "../../src/queue/memory.js";
import { backoffDelay, PermanentJobError, scanJobId } from "../../src/queue/types.js";

const tick = (ms = 5) => new Promise((r) => setTimeout(r, ms));

describe("InProcessQueue", () => {
  it("an id waiting, running or recently completed is not added again; a failed one may be", async () => {
    const q = new InProcessQueue<string>({ defaults: { attempts: 1 } });
    const ran: string[] = [];
    q.process(async (d) => {
      ran.push(d);
      await tick();
      if (d === "boom") throw new Error("boom");
    }, { concurrency: 2 });
    expect(await q.add("a", "a1")).toEqual({ id: "a", added: true });
    expect(await q.add("a", "a2")).toEqual({ id: "a", added: false }); // running
    await q.idle();
    expect(await q.add("a", "a3")).toEqual({ id: "a", added: false }); // completed
    await q.add("b", "boom");
    await q.idle();
    expect(await q.failed(["a", "b"])).toEqual(new Map([["b", "boom"]]));
    expect(await q.add("b", "boom")).toEqual({ id: "b", added: true }); // failed: a redelivery tries again
    await q.idle();
    expect(ran).toEqual(["a1", "boom", "boom"]);
  });

  it("forgets completed ids after retainMs", async () => {
    let now = 0;
    const q = new InProcessQueue<number>({ retainMs: 1000, now: () => now });
    q.process(async () => {}, { concurrency: 1 });
    await q.add("x", 1);
    await q.idle();
    now = 999;
    expect((await q.add("x", 2)).added).toBe(false);
    now = 1000;
    expect((await q.add("x", 3)).added).toBe(true);
    await q.idle();
  });

  it("retries with exponential back-off, then fails for good; a PermanentJobError is not retried", async () => {
    const q = new InProcessQueue<string>();
    const starts: Record<string, number[]> = {};
    const failures: [string, boolean][] = [];
    const t0 = Date.now();
    q.process(
      async (d, ctx) => {
        (starts[d] ??= []).push(Date.now() - t0);
        expect(ctx.attempt).toBe(starts[d].length);
        if (d === "permanent") throw new PermanentJobError("404");
        if (d === "flaky" && ctx.attempt < 3) throw new Error("502");
        if (d === "dead") throw new Error("always");
      },
      { concurrency: 4, events: { failed: (id, _d, _e, final) => failures.push([id, final]) } },
    );
    await q.add("flaky", "flaky", { attempts: 3, backoffMs: 20 });
    await q.add("dead", "dead", { attempts: 2, backoffMs: 20 });
    await q.add("permanent", "permanent", { attempts: 5, backoffMs: 20 });
    await q.idle();
    expect(starts.flaky).toHaveLength(3);
    // 20 ms, then 40 ms between attempts (timers may be late, never early).
    expect(starts.flaky![1]! - starts.flaky![0]!).toBeGreaterThanOrEqual(19);
    expect(starts.flaky![2]! - starts.flaky![1]!).toBeGreaterThanOrEqual(39);
    expect(starts.dead).toHaveLength(2);
    expect(starts.permanent).toHaveLength(1);
    expect(failures).toEqual(expect.arrayContaining([["flaky", false], ["dead", false], ["dead", true], ["permanent", true]]));
    expect(failures.filter(([id]) => id === "flaky")).toHaveLength(2);
    expect(await q.failed(["flaky", "dead", "permanent"])).toEqual(new Map([["dead", "always"], ["permanent", "404"]]));
    expect([1, 2, 3].map((a) => backoffDelay(a, 1000))).toEqual([1000, 2000, 4000]);
  });

  it("runs at most `concurrency` jobs at once", async () => {
    const q = new InProcessQueue<number>();
    let inFlight = 0;
    let peak = 0;
    q.process(async () => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      await tick(3);
      inFlight--;
    }, { concurrency: 3 });
    for (let i = 0; i < 20; i++) await q.add(`j${i}`, i);
    await q.idle();
    expect(peak).toBe(3);
  });
});

describe("MemoryLock and MemoryStore", () => {
  it("serialises work per key and runs other keys alongside", async () => {
    const lock = new MemoryLock();
    const log: string[] = [];
    const job = (k: string, n: string) => lock.withLock(k, async () => {
      log.push(`start ${n}`);
      await tick();
      log.push(`end ${n}`);
    });
    await Promise.all([job("o/r", "1"), job("o/r", "2"), job("o/other", "3")]);
    expect(log.indexOf("end 1")).toBeLessThan(log.indexOf("start 2"));
    expect(log.indexOf("start 3")).toBeLessThan(log.indexOf("end 1"));
  });

  it("records a completion once", async () => {
    const s = new MemoryStore();
    expect(await s.record("k", "1")).toBe(true);
    expect(await s.record("k", "2")).toBe(false);
    expect(await s.get("k")).toBe("1");
    expect(await s.getMany(["k", "nope"])).toEqual(new Map([["k", "1"]]));
  });
});

describe("scanJobId", () => {
  it("is repository@sha#registry-version, with an optional kind prefix and per-delivery suffix, never a ':'", () => {
    const sha = "a".repeat(40);
    expect(scanJobId({ repository: "o/r", sha, registryVersion: "0123abcd" })).toBe(`o/r@${sha}#0123abcd`);
    expect(scanJobId({ prefix: "check", repository: "o/r", sha, registryVersion: "v", suffix: "d:1" })).toBe(`check/o/r@${sha}#v~d_1`);
  });
});
