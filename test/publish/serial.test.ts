import { describe, expect, it } from "vitest";
import { KeyedQueue, mapLimit, RecentSet } from "../../src/publish/serial.js";

const tick = () => new Promise((r) => setTimeout(r, 5));

describe("KeyedQueue", () => {
  it("runs jobs of one key one at a time, in order, and other keys alongside; a failure does not block the next", async () => {
    const q = new KeyedQueue();
    const log: string[] = [];
    const job = (name: string, fail = false) => async () => {
      log.push(`start ${name}`);
      await tick();
      log.push(`end ${name}`);
      if (fail) throw new Error(name);
      return name;
    };
    const a1 = q.run("a", job("a1", true));
    const a2 = q.run("a", job("a2"));
    const b1 = q.run("b", job("b1"));
    await expect(a1).rejects.toThrow("a1");
    expect(await a2).toBe("a2");
    expect(await b1).toBe("b1");
    expect(log.indexOf("end a1")).toBeLessThan(log.indexOf("start a2"));
    expect(log.indexOf("start b1")).toBeLessThan(log.indexOf("end a1"));
    await tick();
    expect(q.size).toBe(0);
  });
});

describe("mapLimit", () => {
  it("keeps at most `limit` jobs in flight, keeps order, collects rejections", async () => {
    let inFlight = 0;
    let peak = 0;
    const out = await mapLimit([1, 2, 3, 4, 5], 2, async (n) => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      await tick();
      inFlight--;
      if (n === 3) throw new Error("three");
      return n * 10;
    });
    expect(peak).toBe(2);
    expect(out.map((r) => (r.status === "fulfilled" ? r.value : "x"))).toEqual([10, 20, "x", 40, 50]);
    expect(await mapLimit([], 3, async () => 1)).toEqual([]);
  });
});

describe("RecentSet", () => {
  it("remembers keys within the TTL and up to `max` keys", () => {
    let now = 0;
    const s = new RecentSet(2, 100, () => now);
    expect(s.checkAndAdd("a")).toBe(false);
    expect(s.checkAndAdd("a")).toBe(true);
    now = 150;
    expect(s.checkAndAdd("a")).toBe(false);
    s.checkAndAdd("b");
    s.checkAndAdd("c"); // evicts "a"
    expect(s.checkAndAdd("a")).toBe(false);
  });
});
