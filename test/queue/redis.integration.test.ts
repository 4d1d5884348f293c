/**
 * The Redis backend end to end: a redis-server of our own, the fake GitHub Enterprise over
 * node:http with a few hundred small repositories (some with weights and restricted datasets,
 * some private, one archived, one empty), two worker processes (tsx src/worker.ts), and an
 * audit with --publish enqueued by `carryover audit --installation 1 --enqueue-only`. One worker
 * is SIGKILLed mid-run; BullMQ's stalled-job check hands its jobs to the other.
 *
 * Asserts: every repository is scanned to completion exactly once per (sha, registry version)
 * (one completion record each, no duplicate completion), no check run or tracking issue is
 * duplicated (counted in the fake), and the report is complete.
 *
 * Needs /usr/bin/redis-server (Debian package redis-server). Missing: fails when CI is set, skips otherwise.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { generateKeyPairSync } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort, startFakeGitHub, type RunningFake } from "../../bench/github/fake-server.js";
import type { AuditReport } from "../../src/audit/types.js";
import { run as audit } from "../../src/commands/audit.js";
import { TRACKING_MARKER } from "../../src/publish/issue.js";
import type { OrgAuditJob } from "../../src/publish/org-audit.js";

const REDIS = spawnSync("sh", ["-c", "command -v redis-server"], { encoding: "utf8" }).stdout.trim();
const ORG = "acme-ml";
const REPOS = 240;
const PRIVATE_KEY = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ type: "pkcs8", format: "pem" }).toString();

if (!REDIS && process.env.CI) {
  describe("redis integration", () => {
    it("needs redis-server", () => {
      throw new Error("redis-server is not installed: CI must install it (apt-get install -y redis-server) to run test/queue/redis.integration.test.ts");
    });
  });
}

describe.skipIf(!REDIS)("BullMQ on Redis: two workers, one killed mid-audit", () => {
  let dir: string;
  let redisProc: ChildProcess;
  let redisUrl: string;
  let fake: RunningFake;
  const workers: ChildProcess[] = [];
  const workerLogs: string[][] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "carryover-redis-"));
    const port = await freePort();
    redisProc = spawn(REDIS, ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir], { stdio: ["ignore", "pipe", "pipe"] });
    redisUrl = `redis://127.0.0.1:${port}`;
    await new Promise<void>((resolve, reject) => {
      let log = "";
      const timer = setTimeout(() => reject(new Error(`redis-server did not start: ${log}`)), 10_000);
      redisProc.stdout!.on("data", (c: Buffer) => {
        log += c.toString();
        if (log.includes("Ready to accept connections")) {
          clearTimeout(timer);
          resolve();
        }
      });
      redisProc.once("exit", (code) => reject(new Error(`redis-server exited (${code}): ${log}`)));
    });

    fake = await startFakeGitHub({ latencyMs: 3 });
    for (let i = 0; i < REPOS; i++) {
      const name = `m${String(i).padStart(3, "0")}`;
      const files: Record<string, string | Uint8Array> =
        i % 4 === 0
          ? { "README.md": `# ${name}\n\nThe released weights \`model.pth\` were trained on MS-Celeb-1M.\n`, "model.pth": new Uint8Array([0x50, 0x4b, 3, 4, 0, 0, 0, 0]) }
          : i % 4 === 1
            ? { "README.md": `# ${name}\n\nWeights: [download](https://example.org/${name}.safetensors). Trained on FFHQ.\n`, LICENSE: "MIT License\n" }
            : { "README.md": `# ${name}\n\nA library.\n`, "src/main.py": "print('hi')\n" };
      fake.gh.addRepo(`${ORG}/${name}`, files, { private: i % 10 === 7 });
    }
    fake.gh.addRepo(`${ORG}/zz-archived`, { "README.md": "# old\n" }, { archived: true });
    fake.gh.emptyRepo(`${ORG}/zz-empty`);
  }, 30_000);

  afterAll(async () => {
    for (const w of workers) if (w.exitCode === null && w.signalCode === null) w.kill("SIGTERM");
    await Promise.all(workers.map((w) => (w.exitCode === null && w.signalCode === null ? new Promise((r) => w.once("exit", r)) : Promise.resolve())));
    redisProc?.kill("SIGTERM");
    if (redisProc && redisProc.exitCode === null) await new Promise((r) => redisProc.once("exit", r));
    await fake?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const env = () => ({
    ...process.env,
    REDIS_URL: redisUrl,
    GHE_HOST: fake.host,
    GHE_PROTOCOL: "http",
    APP_ID: "42",
    PRIVATE_KEY,
    CARRYOVER_JOB_LOCK_MS: "1500",
    CARRYOVER_STALLED_INTERVAL_MS: "750",
    // A killed worker's repository lock expires after this (it would be renewed while the holder lives).
    CARRYOVER_REPO_LOCK_MS: "2000",
    CARRYOVER_WORKER_CONCURRENCY: "4",
    CARRYOVER_PER_INSTALLATION: "4",
  });

  function startWorker(): Promise<ChildProcess> {
    const w = spawn(process.execPath, ["--import", "tsx", "src/worker.ts"], { env: env(), stdio: ["ignore", "pipe", "pipe"] });
    const lines: string[] = [];
    workerLogs.push(lines);
    workers.push(w);
    let buf = "";
    return new Promise((resolve, reject) => {
      w.stdout.on("data", (c: Buffer) => {
        buf += c.toString();
        const parts = buf.split("\n");
        buf = parts.pop()!;
        lines.push(...parts);
        if (parts.some((l) => l.includes('"worker ready"'))) resolve(w);
      });
      w.stderr.on("data", (c: Buffer) => lines.push(c.toString()));
      w.once("exit", (code, sig) => reject(new Error(`worker exited early (${code ?? sig}): ${lines.join("\n")}`)));
    });
  }

  it("scans every repository to completion exactly once and publishes no duplicate, although a worker died", async () => {
    const [a] = await Promise.all([startWorker(), startWorker()]);
    const redis = new Redis(redisUrl);
    const stats = async () => Number((await redis.hget("carryover:stats", "recorded")) ?? 0);

    // Kill worker A once a quarter of the scans are recorded: it is mid-job then (4 at a time).
    let killedAt = -1;
    const killer = (async () => {
      while ((await stats()) < REPOS / 4) await new Promise((r) => setTimeout(r, 10));
      killedAt = await stats();
      a.kill("SIGKILL");
    })();

    const out: string[] = [];
    const err: string[] = [];
    const code = await audit(["--installation", "1", "--enqueue-only", "--publish", "--include-private", "-f", "json"], { out: (s) => void out.push(s), err: (s) => void err.push(s), env: env(), cwd: process.cwd() }, { pollMs: 50 });
    await killer;
    expect(err.join("")).toBe("");
    expect(code).toBe(0);
    expect(a.signalCode).toBe("SIGKILL");
    expect(killedAt).toBeGreaterThan(0);
    expect(killedAt).toBeLessThan(REPOS);

    // The report is complete: every repository, each with its result.
    const report = JSON.parse(out.join("")) as AuditReport;
    expect(report.target).toBe("installation:1");
    expect(report.privateOmitted).toBe(0);
    expect(report.repositories).toHaveLength(REPOS + 2);
    const scanned = report.repositories.filter((r) => r.status === "scanned");
    expect(scanned).toHaveLength(REPOS);
    expect(report.repositories.filter((r) => r.status === "skipped").map((r) => [r.repository, r.reason])).toEqual([
      [`${ORG}/zz-archived`, "archived"],
      [`${ORG}/zz-empty`, "empty"],
    ]);
    for (const r of scanned) {
      expect(r.sha).toBe(fake.gh.repo(r.repository).heads.get("main"));
      expect(r.result).toBeDefined();
    }
    const withMsCeleb = scanned.filter((r) => r.result!.findings.some((f) => f.dataset === "ms-celeb-1m"));
    expect(withMsCeleb).toHaveLength(REPOS / 4);

    // Exactly once per (repo@sha, registry version): one completion record each, none written twice.
    const keys: string[] = [];
    let cursor = "0";
    do {
      const [next, batch] = await redis.scan(cursor, "MATCH", "carryover:done:*", "COUNT", 1000);
      cursor = next;
      keys.push(...batch);
    } while (cursor !== "0");
    expect(keys.sort()).toEqual(scanned.map((r) => `carryover:done:${r.repository}@${r.sha}#${report.registryVersion}`).sort());
    expect(await redis.hgetall("carryover:stats")).toEqual({ recorded: String(REPOS) });

    // No duplicate check run or tracking issue, anywhere.
    for (const r of scanned) {
      const repo = fake.gh.repo(r.repository);
      expect(repo.checkRuns.filter((c) => c.head_sha === r.sha), r.repository).toHaveLength(1);
      const tracking = repo.issues.filter((i) => String(i.body).includes(TRACKING_MARKER));
      expect(tracking.length, r.repository).toBe(r.result!.findings.length > 0 ? 1 : 0);
    }
    // The kill did land mid-job: some scans were started again by the surviving worker.
    const trees = new Map<string, number>();
    for (const l of fake.gh.log) {
      const m = /^\/repos\/([^/]+\/[^/]+)\/git\/trees\//.exec(l.path);
      if (m) trees.set(m[1]!, (trees.get(m[1]!) ?? 0) + 1);
    }
    const restarted = [...trees.values()].filter((n) => n > 1).length;
    expect(restarted).toBeGreaterThan(0);
    expect(restarted).toBeLessThanOrEqual(4);
    redis.disconnect();
  }, 60_000);
  it("two app replicas' schedules queue one org audit per bucket; the key/value store is shared under <name>:kv:", async () => {
    const { redisBackend } = await import("../../src/queue/redis.js");
    const { startSchedule } = await import("../../src/publish/schedule.js");
    const { loadRegistry } = await import("../../src/resolve/registry.js");
    const a = redisBackend<OrgAuditJob>(redisUrl, { name: "replica-test" });
    const b = redisBackend<OrgAuditJob>(redisUrl, { name: "replica-test" });
    const t = Date.UTC(2026, 10, 23, 8, 0);
    const clock = { now: () => t, setTimeout: () => 0, clearTimeout: () => {} };
    const log = { info: () => {}, warn: () => {}, error: () => {} };
    const registry = loadRegistry();
    const schedules = [a, b].map((be) =>
      startSchedule({ clock, intervalHours: 24, installations: async () => [{ id: 7, account: "acme" }], queue: be.queue, kv: be.kv, registry: async () => registry, log }),
    );
    await Promise.all(schedules.map((s) => s.tick()));
    await Promise.all(schedules.map((s) => s.tick()));
    const redis = new Redis(redisUrl);
    // One BullMQ job hash for the bucket floor(t / 24 h) = 20780, although each replica ticked twice.
    const ids = (await redis.keys("bull:replica-test:org-audit*")).filter((k) => !/:(logs|lock)$/.test(k));
    expect(ids).toEqual(["bull:replica-test:org-audit/installation-7/every-24h/20780"]);
    await a.kv.set("audit-report/installation:7", "{\"x\":1}");
    expect(await b.kv.get("audit-report/installation:7")).toBe("{\"x\":1}");
    expect(await redis.get("replica-test:kv:audit-report/installation:7")).toBe("{\"x\":1}");
    expect(await b.kv.get("missing")).toBeUndefined();
    for (const s of schedules) s.stop();
    await Promise.all([a.close(), b.close()]);
    redis.disconnect();
  }, 30_000);
});
