/** The org audit schedule with an injected clock: bucket ids, the interval setting, and what a tick queues. */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import nock from "nock";
import { describe, expect, it } from "vitest";
import { parseDocument } from "yaml";
import { saveReport } from "../../src/publish/org-audit.js";
import { defaultRegistryDir } from "../../src/resolve/registry.js";
import { auditOf, MIT, WEIGHTS_FILE } from "../audit/helpers.js";
import { pipelineScanner } from "../../src/publish/scanner.js";
import type { OrgAuditJob } from "../../src/publish/org-audit.js";
import { auditIntervalHours, orgAuditJobId, startSchedule, type Clock } from "../../src/publish/schedule.js";
import { InProcessQueue, MemoryKeyValue } from "../../src/queue/memory.js";
import { loadRegistry } from "../../src/resolve/registry.js";
import { MemorySource } from "../../src/sources/memory.js";

const HOUR = 3600_000;
const registry = loadRegistry();
const log = { info: () => {}, warn: () => {}, error: () => {} };

function clockAt(t: number): Clock & { timers: { at: number; fn: () => void }[]; set(t: number): void } {
  const c = {
    t,
    timers: [] as { at: number; fn: () => void }[],
    now: () => c.t,
    setTimeout: (fn: () => void, ms: number) => c.timers.push({ at: c.t + ms, fn }),
    clearTimeout: () => {},
    set: (x: number) => void (c.t = x),
  };
  return c;
}

describe("the schedule", () => {
  it("queues one audit per installation per bucket, whatever the number of ticks or replicas, and none at start", async () => {
    const queue = new InProcessQueue<OrgAuditJob>();
    const kv = new MemoryKeyValue();
    const start = Date.UTC(2026, 10, 23, 8, 30);
    const clock = clockAt(start);
    const deps = { clock, intervalHours: 24, installations: async () => [{ id: 1, account: "acme" }, { id: 2 }], queue, kv, registry: async () => registry, log };
    const a = startSchedule(deps);
    const b = startSchedule(deps);
    await a.settled();
    await b.settled();
    // At start: only the registry check (no report stored: nothing to do), no audit.
    expect(queue.size).toBe(0);
    // The next tick is armed at the next whole hour, aligned for every replica.
    expect(clock.timers.map((x) => x.at)).toEqual([Date.UTC(2026, 10, 23, 9), Date.UTC(2026, 10, 23, 9)]);
    await Promise.all([a.tick(), b.tick(), a.tick()]);
    expect(queue.size).toBe(2);
    clock.set(start + 10 * HOUR);
    await b.tick();
    expect(queue.size).toBe(2);
    clock.set(start + 24 * HOUR);
    await a.tick();
    expect(queue.size).toBe(4);
    expect(orgAuditJobId(1, 24, start)).toBe("org-audit/installation-1/every-24h/20780");
    a.stop();
    b.stop();
  });

  it("CARRYOVER_AUDIT_INTERVAL_HOURS: default 24, 0 disables, anything else is an error", async () => {
    expect(auditIntervalHours({})).toBe(24);
    expect(auditIntervalHours({ CARRYOVER_AUDIT_INTERVAL_HOURS: "6" })).toBe(6);
    expect(auditIntervalHours({ CARRYOVER_AUDIT_INTERVAL_HOURS: "0" })).toBe(0);
    expect(() => auditIntervalHours({ CARRYOVER_AUDIT_INTERVAL_HOURS: "daily" })).toThrow(/not a number of hours/);
    const queue = new InProcessQueue<OrgAuditJob>();
    let listed = 0;
    const s = startSchedule({ clock: clockAt(0), intervalHours: 0, installations: async () => (listed++, [{ id: 1 }]), queue, kv: new MemoryKeyValue(), registry: async () => registry, log });
    await s.tick();
    expect(queue.size).toBe(0);
    expect(listed).toBe(0);
  });
});

describe("the registry check at start", () => {
  it("queues a re-audit of exactly the repositories whose stored lineage changed, once per registry version", async () => {
    // Test fixture: a copy of rules/datasets with CelebA marked retracted (not a claim about CelebA).
    const dir = mkdtempSync(path.join(tmpdir(), "carryover-schedule-"));
    try {
      cpSync(fileURLToPath(defaultRegistryDir()), dir, { recursive: true });
      const file = path.join(dir, "celeba.yml");
      const doc = parseDocument(readFileSync(file, "utf8"));
      doc.setIn(["status", "state"], "retracted");
      doc.setIn(["status", "statement"], "Test fixture: withdrawn.");
      doc.setIn(["status", "url"], "https://example.org/withdrawn");
      writeFileSync(file, doc.toString());
      const after = loadRegistry(dir);
      const report = await auditOf(
        "acme",
        [
          { name: "face-gan", files: { LICENSE: MIT, ...WEIGHTS_FILE, "README.md": "# GAN\n\nThe released checkpoint was trained on CelebA-HQ.\n" } },
          { name: "ffhq-gan", files: { LICENSE: MIT, ...WEIGHTS_FILE, "README.md": "# GAN\n\nThe released checkpoint was trained on FFHQ.\n" } },
        ],
        registry,
      );
      const kv = new MemoryKeyValue();
      await saveReport(kv, 5, "acme", { ...report, registryVersion: registry.version });
      const queue = new InProcessQueue<OrgAuditJob>();
      const added: { id: string; data: OrgAuditJob }[] = [];
      const add = queue.add.bind(queue);
      queue.add = async (id, data, o) => (added.push({ id, data }), add(id, data, o));
      const deps = { clock: clockAt(0), intervalHours: 24, installations: async () => [], queue, kv, registry: async () => after, log };
      const s = startSchedule(deps);
      await s.settled();
      expect(added).toEqual([{ id: `org-audit/installation-5/registry-${after.version}`, data: { installationId: 5, account: "acme", label: "registry re-audit", only: ["acme/face-gan"] } }]);
      // A second replica starting queues the same id: not added again.
      const s2 = startSchedule(deps);
      await s2.settled();
      expect(queue.size).toBe(1);
      // The same registry as the report's: nothing.
      const quiet = startSchedule({ ...deps, registry: async () => registry });
      await quiet.settled();
      expect(added).toHaveLength(2);
      for (const x of [s, s2, quiet]) x.stop();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("the app's scanner follows base_model", () => {
  it("reads the base's card on the Hub (HF_ENDPOINT); a Hub that cannot be reached is a note, not a failed scan", async () => {
    const readme = "---\nlicense: apache-2.0\nbase_model: acme/nc-base\n---\n# Fine-tune\n";
    const src = () => new MemorySource("github:acme/ft@main", [{ path: "README.md", size: readme.length, type: "file" }, { path: "model.safetensors", size: 10, type: "file" }], new Map([["README.md", readme]]));
    // No Hub reachable (nock refuses the connection).
    const offline = await pipelineScanner(undefined, { env: { HF_ENDPOINT: "https://hub.offline.example" } })(src());
    expect(offline.result.baseModels?.[0]).toMatchObject({ id: "acme/nc-base", followed: false });
    expect(offline.result.notes.some((n) => n.message.includes("acme/nc-base"))).toBe(true);
    // baseModelCards: null follows nothing (and asks nothing).
    const scope = nock("https://hub.offline.example").get(/.*/).reply(500);
    const none = await pipelineScanner(undefined, { baseModelCards: null, env: { HF_ENDPOINT: "https://hub.offline.example" } })(src());
    expect(none.result.notes.some((n) => n.message.includes("acme/nc-base"))).toBe(false);
    expect(scope.isDone()).toBe(false);
  });
});
