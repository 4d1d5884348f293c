/**
 * Benchmark: a whole-organisation audit against the local fake GitHub (small generated
 * repositories), with the in-process queue and with BullMQ on Redis and 1 or 2 worker processes.
 *
 *   npx tsx bench/audit/run.ts                 # 2,000 repositories, writes bench/audit/RESULTS.md
 *   npx tsx bench/audit/run.ts --repos 10000   # the full 10,000
 *
 * Measures requests per repository (content requests: git tree + GraphQL blob batch; total:
 * with the listing and the default-branch heads), wall time from the command's start to its
 * report, and peak RSS (the audit process; for Redis, also each worker's VmHWM). Needs
 * redis-server for the Redis rows (skipped, and said so, without it).
 */
import { execFileSync, spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import type { AuditReport } from "../../src/audit/types.js";
import { run as audit } from "../../src/commands/audit.js";
import { freePort, startFakeGitHub, type RunningFake } from "../github/fake-server.js";

const arg = (name: string, d: string) => {
  const i = process.argv.indexOf(name);
  return i === -1 ? d : process.argv[i + 1]!;
};
const N = Number(arg("--repos", "2000"));
const ORG = "bench-org";

function populate(fake: RunningFake): void {
  for (let i = 0; i < N; i++) {
    const name = `r${String(i).padStart(5, "0")}`;
    const files: Record<string, string | Uint8Array> =
      i % 4 === 0
        ? { "README.md": `# ${name}\n\nThe released weights \`model.pth\` were trained on MS-Celeb-1M.\n`, "model.pth": new Uint8Array([0x50, 0x4b, 3, 4, 0, 0, 0, 0]), "train.py": "import torch\n" }
        : { "README.md": `# ${name}\n\nA small library.\n`, LICENSE: "MIT License\n", "src/main.py": "print('hi')\n" };
    fake.gh.addRepo(`${ORG}/${name}`, files);
  }
}

interface Row {
  mode: string;
  wallMs: number;
  content: number;
  total: number;
  rssMb: number;
  workerRssMb?: number[];
  scanned: number;
}

const vmHwmMb = (pid: number): number => {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return m ? Number(m[1]) / 1024 : NaN;
};

async function measure(mode: string, fake: RunningFake, env: NodeJS.ProcessEnv, extra: string[], workers: ChildProcess[] = []): Promise<Row> {
  const before = fake.gh.log.length;
  const out: string[] = [];
  const err: string[] = [];
  const t0 = performance.now();
  const code = await audit([`github:${ORG}`, "-f", "json", "--concurrency", "8", ...extra], { out: (s) => void out.push(s), err: (s) => void err.push(s), env, cwd: process.cwd() }, { pollMs: 50 });
  const wallMs = performance.now() - t0;
  if (code !== 0) throw new Error(`${mode}: exit ${code}: ${err.join("")}`);
  const report = JSON.parse(out.join("")) as AuditReport;
  const log = fake.gh.log.slice(before);
  const content = log.filter((l) => /\/git\/trees\//.test(l.path) || (l.path === "/graphql" && l.requestBytes > 0 && !l.path.includes("?"))).length;
  // Head queries are GraphQL too: count them apart (they are 1 per 100 repositories).
  const heads = Math.ceil(N / 100);
  return {
    mode,
    wallMs,
    content: (content - heads) / N,
    total: log.length / N,
    rssMb: process.resourceUsage().maxRSS / 1024,
    ...(workers.length ? { workerRssMb: workers.map((w) => vmHwmMb(w.pid!)) } : {}),
    scanned: report.repositories.filter((r) => r.status === "scanned").length,
  };
}

async function startRedis(dir: string): Promise<{ proc: ChildProcess; url: string }> {
  const port = await freePort();
  const proc = spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir], { stdio: ["ignore", "pipe", "ignore"] });
  await new Promise<void>((resolve) => {
    let buf = "";
    proc.stdout.on("data", (c: Buffer) => ((buf += c.toString()), buf.includes("Ready to accept") && resolve()));
  });
  return { proc, url: `redis://127.0.0.1:${port}` };
}

function startWorker(env: NodeJS.ProcessEnv): Promise<ChildProcess> {
  const w = spawn(process.execPath, ["--import", "tsx", "src/worker.ts"], { env, stdio: ["ignore", "pipe", "inherit"] });
  return new Promise((resolve) => {
    let buf = "";
    w.stdout.on("data", (c: Buffer) => {
      buf += c.toString();
      if (buf.includes('"worker ready"')) resolve(w);
      if (buf.length > 1e6) buf = buf.slice(-1000);
    });
  });
}

async function stop(ps: ChildProcess[]): Promise<void> {
  await Promise.all(ps.map((p) => new Promise((r) => (p.once("exit", r), p.kill("SIGTERM")))));
}

const rows: Row[] = [];
const notes: string[] = [];
const dir = mkdtempSync(join(tmpdir(), "carryover-bench-audit-"));
const redisAvailable = spawnSync("sh", ["-c", "command -v redis-server"]).status === 0;
try {
  for (const mode of ["in-process", "redis, 1 worker", "redis, 2 workers"] as const) {
    if (mode !== "in-process" && !redisAvailable) {
      notes.push(`${mode}: skipped (redis-server not installed)`);
      continue;
    }
    // A fresh fake (and Redis) per mode, so no mode benefits from another's completions.
    const fake = await startFakeGitHub();
    populate(fake);
    const env: NodeJS.ProcessEnv = { ...process.env, GITHUB_TOKEN: "ghp_bench", GHE_HOST: fake.host, GHE_PROTOCOL: "http" };
    delete env.REDIS_URL;
    if (mode === "in-process") rows.push(await measure(mode, fake, env, []));
    else {
      const redis = await startRedis(dir);
      const wenv = { ...env, REDIS_URL: redis.url, CARRYOVER_WORKER_CONCURRENCY: "8", CARRYOVER_PER_INSTALLATION: "8" };
      const workers = await Promise.all(Array.from({ length: mode === "redis, 1 worker" ? 1 : 2 }, () => startWorker(wenv)));
      rows.push(await measure(mode, fake, wenv, ["--enqueue-only"], workers));
      await stop(workers);
      await stop([redis.proc]);
    }
    await fake.close();
    process.stderr.write(`${JSON.stringify(rows.at(-1))}\n`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

const sh = (c: string, a: string[]) => execFileSync(c, a, { encoding: "utf8" }).trim();
const budget = 5000;
const perRepo = rows[0] ? rows[0].total : 2.02;
const md = `# Audit benchmark

Date: ${new Date().toISOString().slice(0, 10)}. Machine: \`${sh("uname", ["-a"])}\`, ${cpus()[0]?.model ?? "unknown CPU"} × ${cpus().length}, Node ${process.version}.

${N.toLocaleString("en")} small generated repositories (3 files each; every fourth with weights and a README naming MS-Celeb-1M) in one organisation, served by the fake GitHub Enterprise over node:http on loopback (bench/github/fake-server.ts, no added latency), audited with \`carryover audit github:${ORG} --concurrency 8\` and the real pipeline. Redis rows: \`--enqueue-only\`, scans in 1 or 2 \`src/worker.ts\` processes (concurrency 8 each).${N < 10000 ? `\n\n**${N.toLocaleString("en")} repositories, not 10,000**: run in the time available for this change. The full run: \`npx tsx bench/audit/run.ts --repos 10000\`.` : ""}

| queue | wall time | repos/s | content requests / repo | total requests / repo | peak RSS, audit process | peak RSS, workers | scanned |
|---|---:|---:|---:|---:|---:|---:|---:|
${rows.map((r) => `| ${r.mode} | ${(r.wallMs / 1000).toFixed(1)} s | ${(N / (r.wallMs / 1000)).toFixed(0)} | ${r.content.toFixed(2)} | ${r.total.toFixed(3)} | ${r.rssMb.toFixed(0)} MB | ${r.workerRssMb ? r.workerRssMb.map((m) => `${m.toFixed(0)} MB`).join(", ") : "–"} | ${r.scanned} |`).join("\n")}
${notes.length ? `\n${notes.map((n) => `- ${n}`).join("\n")}\n` : ""}
Content requests are the scan's own (one recursive git tree, one GraphQL blob batch); the total adds the repository listing (1 per 100) and the default-branch heads (1 GraphQL query per 100). The audit process's RSS includes the fake GitHub (same process) and, in-process, the scans; peak RSS is the process's high-water mark over the whole run, so later rows include earlier ones for the audit process.

## Fitting one installation's 5,000 requests per hour

- **Requests:** ${perRepo.toFixed(2)} per repository, of which 2 are content requests: 5,000 requests/hour cover about ${Math.floor(budget / perRepo).toLocaleString("en")} repositories/hour, so a 10,000-repository organisation takes about ${(10000 / (budget / perRepo)).toFixed(1)} hours on one installation whatever the number of workers. REST (\`core\`) and GraphQL are separate budgets on GitHub; the blob batch and the head queries draw on GraphQL (1 point each for these small queries), the tree and the listing on REST, so in practice each budget carries about half.
- **Pacing (src/queue/rate-limit.ts):** every response's \`x-ratelimit-remaining\`/\`x-ratelimit-reset\` updates the installation's limiter (one per installation per process, shared by its jobs). While more than half the window's budget is left, requests go out unpaced; below half, they are spaced evenly over the time to the reset, keeping 50 requests in reserve for the app's webhook work (interval = time to reset / (remaining − 50)); at the reserve, requests wait for the reset. A secondary limit (403/429) pauses the installation for \`retry-after\`, or 1 minute doubling per strike, and the request is retried up to 3 times, then the job's own retries (exponential from 1 s) take over.
- **Several workers** each read the same headers (the budget is GitHub's, per installation), so each converges on the same remaining count; per-installation concurrency (CARRYOVER_PER_INSTALLATION, default 2 per process) bounds concurrent requests, well below GitHub's 100-concurrent secondary limit.
- Against the fake the budget never binds (its limit is set high), so these figures are throughput with no rate limit: they show queue and pipeline overhead, not GitHub's pace.
`;
writeFileSync(new URL("./RESULTS.md", import.meta.url), md);
process.stdout.write(md);
process.exit(0);
