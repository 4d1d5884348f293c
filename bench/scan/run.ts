/**
 * Scan benchmark. `npx tsx bench/scan/run.ts [parts…] [--rounds N] [--files N] [--keep]` with parts among
 * `corpus stages profile big local cli` (default: all). Each part runs in its own child process (fresh heap, its
 * own peak RSS) and prints Markdown; figures go to bench/scan/RESULTS.md by hand, with the machine line printed here.
 *
 * - corpus:  scans/s on one core over the 26 corpus repos (MemorySource), per-repo median/p95; src via tsx and lib/.
 * - stages:  milliseconds per pipeline stage (list, select, read, decode, weights, licenses, datasets, …).
 * - profile: `node --cpu-prof` over corpus rounds; self time by source file and by function.
 * - big:     one scan of a synthetic 300k-file MemorySource; time, RSS / heap before and after, peak RSS.
 * - local:   a real 300k-file temp directory: LocalSource.list() and a full scan next to `find` and `git ls-files`.
 * - cli:     wall time of `node bin/carryover.js scan <dir>` on a one-LICENSE directory (20 runs; hyperfine if present).
 */
import { spawnSync } from "node:child_process";
import { cpus } from "node:os";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { ScanResult } from "../../src/core/types.js";
import type { Registry } from "../../src/resolve/registry.js";
import type { Source } from "../../src/sources/source.js";
import { emptyStages, STAGES, stagedScan } from "./stages.js";
import { syntheticTree } from "./synthetic.js";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const SELF = fileURLToPath(import.meta.url);
const TODAY = "2026-11-23";
const PARTS = ["corpus", "stages", "profile", "big", "local", "cli"] as const;
type Part = (typeof PARTS)[number];

type ScanFn = (source: Source, opts: { registry?: Registry; today?: string }) => Promise<ScanResult>;

// ---------------------------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------------------------

const argv = process.argv.slice(2);
const flag = (name: string, dflt: number): number => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 && argv[i + 1] ? Number(argv[i + 1]) : dflt;
};
const quantile = (xs: readonly number[], q: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))]!;
};
const ms = (x: number) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));
const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);
const gc = (): void => (globalThis as { gc?: () => void }).gc?.();

function machine(): string {
  const cpu = cpus()[0]?.model ?? "unknown CPU";
  const nproc = spawnSync("nproc", { encoding: "utf8" }).stdout.trim();
  const date = spawnSync("date", ["-u"], { encoding: "utf8" }).stdout.trim();
  return `${date} · ${cpu} · nproc ${nproc} · Node ${process.version} · load average ${os.loadavg().map((x) => x.toFixed(1)).join(" / ")}`;
}

async function loadPipeline(useLib: boolean): Promise<{ scanSource: ScanFn; loadRegistry: () => Registry }> {
  const base = useLib ? "../../lib" : "../../src";
  const pipeline = (await import(`${base}/core/pipeline.js`)) as { scanSource: ScanFn };
  const registry = (await import(`${base}/resolve/registry.js`)) as { loadRegistry: () => Registry };
  return { scanSource: pipeline.scanSource, loadRegistry: registry.loadRegistry };
}

async function corpusEntries() {
  const { corpusRepos, loadCorpusEntry } = await import("../../test/helpers/corpus.js");
  process.chdir(ROOT); // CORPUS_DIR is resolved from the working directory (../shared/corpus).
  return corpusRepos().map(loadCorpusEntry);
}

// ---------------------------------------------------------------------------------------------------------------
// Parts (each runs in a child process)
// ---------------------------------------------------------------------------------------------------------------

async function corpus(useLib: boolean): Promise<void> {
  const rounds = flag("rounds", 30);
  const { scanSource, loadRegistry } = await loadPipeline(useLib);
  const t0 = performance.now();
  const registry = loadRegistry();
  const registryMs = performance.now() - t0;
  const entries = await corpusEntries();
  const per = new Map<string, number[]>(entries.map((e) => [e.name, []]));
  // Warm-up: JIT, the registry's lazy indexes, the licence index.
  for (let i = 0; i < 3; i++) for (const e of entries) await scanSource(e.source, { registry, today: TODAY });
  const start = performance.now();
  const cpu0 = process.cpuUsage();
  for (let r = 0; r < rounds; r++) {
    for (const e of entries) {
      const t = performance.now();
      await scanSource(e.source, { registry, today: TODAY });
      per.get(e.name)!.push(performance.now() - t);
    }
  }
  const wall = performance.now() - start;
  const cpu = process.cpuUsage(cpu0);
  const all = [...per.values()].flat();
  const scans = rounds * entries.length;
  console.log(`### corpus (${useLib ? "compiled lib/" : "src/ via tsx"}): ${entries.length} repos × ${rounds} rounds after 3 warm-up rounds\n`);
  console.log(`registry load (first, disk cache): ${ms(registryMs)} ms\n`);
  console.log(`| scans | wall s | scans/s (one process) | CPU s (user+sys) | scans per CPU-second | median ms | p95 ms | max ms |`);
  console.log(`| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |`);
  const cpuS = (cpu.user + cpu.system) / 1e6;
  console.log(`| ${scans} | ${(wall / 1000).toFixed(2)} | ${(scans / (wall / 1000)).toFixed(1)} | ${cpuS.toFixed(2)} | ${(scans / cpuS).toFixed(1)} | ${ms(quantile(all, 0.5))} | ${ms(quantile(all, 0.95))} | ${ms(Math.max(...all))} |\n`);
  if (useLib) return;
  console.log(`| repo | listed files | read bytes | median ms | p95 ms |`);
  console.log(`| --- | ---: | ---: | ---: | ---: |`);
  for (const e of entries) {
    const xs = per.get(e.name)!;
    let bytes = 0;
    for (const c of e.contents.values()) bytes += typeof c === "string" ? c.length : c.length;
    console.log(`| ${e.name} | ${e.files.length} | ${bytes} | ${ms(quantile(xs, 0.5))} | ${ms(quantile(xs, 0.95))} |`);
  }
  console.log("");
}

async function stages(): Promise<void> {
  const rounds = flag("rounds", 10);
  const { scanSource, loadRegistry } = await loadPipeline(false);
  const registry = loadRegistry();
  const entries = await corpusEntries();
  // The staged copy must agree with the pipeline, or the profile describes something else.
  for (const e of entries) {
    const a = (await scanSource(e.source, { registry, today: TODAY })).findings.map((f) => f.fingerprint).sort();
    const b = (await stagedScan(e.source, registry, TODAY, emptyStages())).map((f) => f.fingerprint).sort();
    if (JSON.stringify(a) !== JSON.stringify(b)) console.log(`> warning: staged scan differs from scanSource on ${e.name} (${a.length} vs ${b.length} findings)`);
  }
  const acc = emptyStages();
  const perRepo = new Map<string, Record<string, number>>();
  for (let r = 0; r < rounds; r++) {
    for (const e of entries) {
      const one = emptyStages();
      await stagedScan(e.source, registry, TODAY, one);
      for (const s of STAGES) acc[s] += one[s];
      const prev = perRepo.get(e.name) ?? emptyStages();
      for (const s of STAGES) prev[s] += one[s];
      perRepo.set(e.name, prev);
    }
  }
  const scans = rounds * entries.length;
  const total = STAGES.reduce((t, s) => t + acc[s], 0);
  console.log(`### stages: mean ms per scan over ${entries.length} corpus repos × ${rounds} rounds\n`);
  console.log(`| stage | ms / scan | share |`);
  console.log(`| --- | ---: | ---: |`);
  for (const s of STAGES) console.log(`| ${s} | ${ms(acc[s] / scans)} | ${((100 * acc[s]) / total).toFixed(1)}% |`);
  console.log(`| **total** | ${ms(total / scans)} | 100% |\n`);
  console.log(`Slowest repos (mean ms per scan, top stages):\n`);
  const rows = [...perRepo].map(([name, st]) => ({ name, total: STAGES.reduce((t, s) => t + st[s]!, 0) / rounds, st }));
  rows.sort((a, b) => b.total - a.total);
  for (const r of rows.slice(0, 6)) {
    const top = STAGES.map((s) => [s, r.st[s]! / rounds] as const)
      .sort((a, b) => b[1] - a[1])
      .slice(0, 3)
      .map(([s, v]) => `${s} ${ms(v)}`)
      .join(", ");
    console.log(`- ${r.name}: ${ms(r.total)} ms (${top})`);
  }
  console.log("");
}

/** CPU profile of steady-state corpus rounds (after warm-up, via node:inspector); self time by file and by function. */
async function profile(): Promise<void> {
  const rounds = flag("rounds", 10);
  const { Session } = await import("node:inspector/promises");
  // The compiled lib/ when present: its line numbers are real (tsx's transpiled modules report line 1 for everything).
  const useLib = existsSync(path.join(ROOT, "lib/core/pipeline.js"));
  const { scanSource, loadRegistry } = await loadPipeline(useLib);
  const registry = loadRegistry();
  const entries = await corpusEntries();
  for (let i = 0; i < 3; i++) for (const e of entries) await scanSource(e.source, { registry, today: TODAY });
  const session = new Session();
  session.connect();
  await session.post("Profiler.enable");
  await session.post("Profiler.setSamplingInterval", { interval: 200 });
  await session.post("Profiler.start");
  for (let r = 0; r < rounds; r++) for (const e of entries) await scanSource(e.source, { registry, today: TODAY });
  const { profile: prof } = await session.post("Profiler.stop");
  session.disconnect();
  const self = new Map<number, number>();
  prof.samples!.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (prof.timeDeltas![i] ?? 0)));
  const byFile = new Map<string, number>();
  const byFn = new Map<string, number>();
  let total = 0;
  for (const n of prof.nodes) {
    const t = (self.get(n.id) ?? 0) / 1000;
    total += t;
    const url = n.callFrame.url;
    const f = url.includes("node_modules/")
      ? `node_modules/${url.split("node_modules/")[1]!.split("/")[0]}`
      : url.includes(ROOT)
        ? url.slice(url.indexOf(ROOT) + ROOT.length + 1)
        : url
          ? "node internals"
          : `(${n.callFrame.functionName || "vm"})`;
    byFile.set(f, (byFile.get(f) ?? 0) + t);
    const fn = `${n.callFrame.functionName || "(anonymous)"} ${f}${url && !url.includes("node_modules") ? `:${n.callFrame.lineNumber + 1}` : ""}`;
    byFn.set(fn, (byFn.get(fn) ?? 0) + t);
  }
  const table = (m: Map<string, number>, k: number) => {
    console.log(`| where | self ms | share |`);
    console.log(`| --- | ---: | ---: |`);
    for (const [w, t] of [...m].sort((a, b) => b[1] - a[1]).slice(0, k)) console.log(`| ${w.replaceAll("|", "\\|")} | ${t.toFixed(0)} | ${((100 * t) / total).toFixed(1)}% |`);
    console.log("");
  };
  console.log(`### profile: CPU samples of ${rounds} steady-state corpus rounds (${useLib ? "compiled lib/" : "src/ via tsx"}; ${entries.length * rounds} scans after warm-up; ${total.toFixed(0)} ms sampled)\n`);
  console.log("Self time by file:\n");
  table(byFile, 15);
  console.log(`Self time by function${useLib ? " (line of the function in lib/*.js)" : " (src via tsx: line numbers not meaningful)"}:\n`);
  table(byFn, 20);
}

async function big(): Promise<void> {
  const n = flag("files", 300_000);
  // The compiled lib/ when present: the process baseline is then what the CLI has, not tsx's extra heap.
  const useLib = existsSync(path.join(ROOT, "lib/sources/memory.js"));
  const { scanSource, loadRegistry } = await loadPipeline(useLib);
  const registry = loadRegistry();
  // Warm the pipeline on a small tree first, so the figure is a scan and not JIT compilation of the modules.
  const { MemorySource } = (await import(useLib ? "../../lib/sources/memory.js" : "../../src/sources/memory.js")) as typeof import("../../src/sources/memory.js");
  const small = syntheticTree(2_000);
  await scanSource(new MemorySource("warm", small.files, small.contents), { registry, today: TODAY });
  gc();
  const m0 = process.memoryUsage();
  const tb = performance.now();
  const tree = syntheticTree(n);
  const buildMs = performance.now() - tb;
  gc();
  const m1 = process.memoryUsage();
  const rssPeakBefore = process.resourceUsage().maxRSS * 1024;
  const src = new MemorySource("synthetic", tree.files, tree.contents);
  const times: number[] = [];
  let result: ScanResult | undefined;
  let m2 = m1;
  for (let i = 0; i < 3; i++) {
    const t = performance.now();
    result = await scanSource(src, { registry, today: TODAY });
    times.push(performance.now() - t);
    if (i === 0) m2 = process.memoryUsage();
  }
  const peak = process.resourceUsage().maxRSS * 1024;
  gc();
  const m3 = process.memoryUsage();
  const acc = emptyStages();
  await stagedScan(src, registry, TODAY, acc);
  console.log(`### big: synthetic ${n.toLocaleString("en")}-file MemorySource (${tree.contents.size} files with content; ${useLib ? "compiled lib/" : "src/ via tsx"})\n`);
  console.log(`| measure | value |`);
  console.log(`| --- | ---: |`);
  console.log(`| build the listing (not part of a scan) | ${ms(buildMs)} ms |`);
  console.log(`| scan 1 / 2 / 3 | ${times.map(ms).join(" / ")} ms |`);
  console.log(`| findings / weights / datasets / notes | ${result!.findings.length} / ${result!.weights.length} / ${result!.datasets.length} / ${result!.notes.length} |`);
  console.log(`| RSS: before listing → with listing → after scan 1 → after 3 scans + gc | ${mb(m0.rss)} → ${mb(m1.rss)} → ${mb(m2.rss)} → ${mb(m3.rss)} MiB |`);
  console.log(`| heapUsed: before listing → with listing → after scan 1 (no gc) → after gc | ${mb(m0.heapUsed)} → ${mb(m1.heapUsed)} → ${mb(m2.heapUsed)} → ${mb(m3.heapUsed)} MiB |`);
  console.log(`| peak RSS of the process (maxRSS) before scanning / after | ${mb(rssPeakBefore)} / ${mb(peak)} MiB |`);
  console.log(`| peak RSS growth during the scans | ${mb(peak - Math.max(rssPeakBefore, m1.rss))} MiB |`);
  console.log("");
  console.log(`Stages of one more scan: ${STAGES.map((s) => `${s} ${ms(acc[s])}`).join(", ")} (ms)\n`);
}

async function local(): Promise<void> {
  const n = flag("files", 300_000);
  const dir = path.join(os.tmpdir(), `carryover-bench-${n}`);
  const marker = `${dir}.complete`;
  let createMs = 0;
  if (!existsSync(marker)) {
    rmSync(dir, { recursive: true, force: true });
    const t = performance.now();
    const tree = syntheticTree(n);
    const made = new Set<string>();
    for (const f of tree.files) {
      const d = path.dirname(path.join(dir, f.path));
      if (!made.has(d)) {
        mkdirSync(d, { recursive: true });
        made.add(d);
      }
      writeFileSync(path.join(dir, f.path), tree.contents.get(f.path) ?? "");
    }
    writeFileSync(marker, "");
    createMs = performance.now() - t;
  }
  const { scanSource, loadRegistry } = await loadPipeline(false);
  const { LocalSource } = await import("../../src/sources/local.js");
  const registry = loadRegistry();
  const sh = (cmd: string) => {
    const t = performance.now();
    const r = spawnSync("sh", ["-c", cmd], { cwd: dir, encoding: "utf8", maxBuffer: 1 << 30 });
    return { ms: performance.now() - t, out: r.stdout.trim(), err: r.stderr.trim() };
  };
  // Run each twice: the first pass may find a cold page cache, the second is what repeated CI runs see.
  const rows: [string, number[], string][] = [];
  const listTimes: number[] = [];
  let listed = 0;
  let sized = 0;
  for (let i = 0; i < 2; i++) {
    const t = performance.now();
    const l = await new LocalSource(dir).list();
    listTimes.push(performance.now() - t);
    listed = l.files.length;
    sized = l.files.filter((f) => f.size >= 0).length;
  }
  rows.push(["LocalSource.list() (readdirSync walk in path order + lstat of the files whose size a scan uses)", listTimes, `${listed} files, ${sized} stat'ed`]);
  const scanTimes: number[] = [];
  for (let i = 0; i < 2; i++) {
    const t = performance.now();
    await scanSource(new LocalSource(dir), { registry, today: TODAY });
    scanTimes.push(performance.now() - t);
  }
  rows.push(["scanSource(LocalSource) (listing + reads + detection)", scanTimes, ""]);
  // LocalSource's two phases, and what the same work costs with the synchronous fs calls (what a CLI could use).
  const { lstat, readdir } = await import("node:fs/promises");
  const { lstatSync, readdirSync } = await import("node:fs");
  const walk = async (sync: boolean): Promise<string[]> => {
    const out: string[] = [];
    const stack = [""];
    while (stack.length) {
      const rel = stack.pop()!;
      const entries = sync ? readdirSync(path.join(dir, rel), { withFileTypes: true }) : await readdir(path.join(dir, rel), { withFileTypes: true });
      for (const d of entries) {
        const p = rel ? `${rel}/${d.name}` : d.name;
        if (d.isDirectory()) {
          if (d.name !== ".git") stack.push(p);
        } else out.push(p);
      }
    }
    return out;
  };
  const timed = async (f: () => Promise<unknown>): Promise<number> => {
    const t = performance.now();
    await f();
    return performance.now() - t;
  };
  let paths: string[] = [];
  rows.push(["  phase 1 alone: async `readdir` walk, one directory at a time", [await timed(async () => (paths = await walk(false))), await timed(() => walk(false))], `${paths.length} files`]);
  const statAsync = async () => {
    for (let i = 0; i < paths.length; i += 256) await Promise.all(paths.slice(i, i + 256).map((p) => lstat(path.join(dir, p))));
  };
  rows.push(["  phase 2 alone: async `lstat` of every file, batches of 256", [await timed(statAsync), await timed(statAsync)], ""]);
  rows.push(["  alternative: `readdirSync` walk", [await timed(() => walk(true)), await timed(() => walk(true))], ""]);
  const statSync = async () => {
    for (const p of paths) lstatSync(path.join(dir, p));
  };
  rows.push(["  alternative: `lstatSync` of every file", [await timed(statSync), await timed(statSync)], ""]);
  const FIND = "find . -path ./.git -prune -o -type f";
  const find = [sh(`${FIND} -print | wc -l`), sh(`${FIND} -print | wc -l`)];
  rows.push(["`find . -type f \\| wc -l` (.git pruned)", find.map((x) => x.ms), `${find[0]!.out} files`]);
  const findSize = [sh(`${FIND} -printf '%s %p\\n' | wc -l`), sh(`${FIND} -printf '%s %p\\n' | wc -l`)];
  rows.push(["`find . -type f -printf '%s %p'` (with sizes, like LocalSource)", findSize.map((x) => x.ms), ""]);
  let gitAddMs = 0;
  if (!existsSync(path.join(dir, ".git"))) {
    const t = performance.now();
    const r = sh("git init -q && git add -A >/dev/null 2>&1 && echo ok");
    gitAddMs = performance.now() - t;
    if (r.out !== "ok") console.log(`> git add failed: ${r.err}`);
  }
  const git = [sh("git ls-files | wc -l"), sh("git ls-files | wc -l")];
  rows.push(["`git ls-files \\| wc -l` (index already built)", git.map((x) => x.ms), `${git[0]!.out} files`]);
  const gitAll = [0, 1].map(() => sh("git -c core.fsmonitor=false ls-files -z --cached --others --exclude-standard | tr -cd '\\0' | wc -c"));
  rows.push(["`git ls-files -z --cached --others --exclude-standard` (what a git listing would run)", gitAll.map((x) => x.ms), `${gitAll[0]!.out} files`]);
  console.log(`### local: a real ${n.toLocaleString("en")}-file directory under ${os.tmpdir()}\n`);
  if (createMs) console.log(`Creating the tree took ${(createMs / 1000).toFixed(1)} s; \`git init && git add -A\` ${(gitAddMs / 1000).toFixed(1)} s.\n`);
  console.log(`| what | run 1 ms | run 2 ms | note |`);
  console.log(`| --- | ---: | ---: | --- |`);
  for (const [what, xs, note] of rows) console.log(`| ${what} | ${ms(xs[0]!)} | ${ms(xs[1]!)} | ${note} |`);
  console.log("");
  if (!argv.includes("--keep")) {
    rmSync(dir, { recursive: true, force: true });
    rmSync(marker, { force: true });
  }
}

function cli(): void {
  const runs = flag("runs", 20);
  const bin = path.join(ROOT, "bin/carryover.js");
  if (!existsSync(path.join(ROOT, "lib/cli.js"))) throw new Error("lib/ is missing: run `npx tsc -p tsconfig.json` first");
  const dir = mkdtempSync(path.join(os.tmpdir(), "carryover-cli-bench-"));
  writeFileSync(path.join(dir, "LICENSE"), readFileSync(path.join(ROOT, "examples/face-zoo/LICENSE")));
  const cases: [string, string[]][] = [
    ["`node -e 0` (Node start-up alone)", ["-e", "0"]],
    ["`carryover --version` (start-up + cli.js)", [bin, "--version"]],
    ["`carryover scan <one-LICENSE dir>`", [bin, "scan", dir]],
    ["`carryover scan <one-LICENSE dir> --format json`", [bin, "scan", dir, "--format", "json"]],
    ["`carryover scan examples/face-zoo`", [bin, "scan", path.join(ROOT, "examples/face-zoo")]],
  ];
  console.log(`### cli: process wall time, ${runs} runs each after 2 warm-up runs (spawnSync + hrtime)\n`);
  console.log(`| command | median ms | p95 ms | min ms |`);
  console.log(`| --- | ---: | ---: | ---: |`);
  for (const [name, args] of cases) {
    const xs: number[] = [];
    for (let i = 0; i < runs + 2; i++) {
      const t = process.hrtime.bigint();
      const r = spawnSync(process.execPath, args, { cwd: ROOT, stdio: ["ignore", "ignore", "pipe"], env: { ...process.env, NO_COLOR: "1" } });
      const dt = Number(process.hrtime.bigint() - t) / 1e6;
      if (r.status !== 0 && r.status !== 1) throw new Error(`${name}: exit ${r.status}: ${r.stderr.toString()}`);
      if (i >= 2) xs.push(dt);
    }
    console.log(`| ${name} | ${ms(quantile(xs, 0.5))} | ${ms(quantile(xs, 0.95))} | ${ms(Math.min(...xs))} |`);
  }
  console.log("");
  // Where a one-file scan's time goes inside the process: module loading, registry, scan, render.
  const inner = spawnSync(process.execPath, ["--import", "tsx", SELF, "child:cli-inner", dir], { cwd: ROOT, encoding: "utf8" });
  process.stdout.write(inner.stdout);
  if (inner.status !== 0) process.stderr.write(inner.stderr);
  // Peak RSS of a real CLI scan (compiled lib/, no tsx in the process), including the kept 300k-file tree if present.
  const script = `import { main } from ${JSON.stringify(pathToFileURL(path.join(ROOT, "lib/cli.js")).href)};
let out = "";
const t = performance.now();
await main(["scan", process.argv[1], "--fail-on", "never", "--format", "json"], { out: (s) => (out += s), err: (s) => process.stderr.write(s), env: {}, cwd: process.cwd() });
console.log(JSON.stringify({ ms: performance.now() - t, maxRSS: process.resourceUsage().maxRSS * 1024, findings: JSON.parse(out).findings.length }));`;
  const targets: [string, string][] = [
    ["one-LICENSE dir", dir],
    ["examples/face-zoo", path.join(ROOT, "examples/face-zoo")],
  ];
  const bigDir = path.join(os.tmpdir(), "carryover-bench-300000");
  if (existsSync(`${bigDir}.complete`)) targets.push(["the 300,000-file tree of `local` (kept with --keep)", bigDir]);
  console.log(`| CLI scan (in-process \`main()\`, JSON) | ms from first import | peak RSS MiB | findings |`);
  console.log(`| --- | ---: | ---: | ---: |`);
  for (const [name, target] of targets) {
    const r = spawnSync(process.execPath, ["--input-type=module", "-e", script, target], { cwd: ROOT, encoding: "utf8" });
    const o = JSON.parse(r.stdout) as { ms: number; maxRSS: number; findings: number };
    console.log(`| ${name} | ${ms(o.ms)} | ${mb(o.maxRSS)} | ${o.findings} |`);
  }
  console.log("");
  const hf = spawnSync("hyperfine", ["--version"], { encoding: "utf8" });
  if (hf.status === 0) {
    const r = spawnSync("hyperfine", ["-N", "--warmup", "3", "--runs", String(runs), "--style", "basic", `${process.execPath} ${bin} scan ${dir}`], { encoding: "utf8" });
    console.log("hyperfine:\n\n```text\n" + r.stdout.trim() + "\n```\n");
  }
  rmSync(dir, { recursive: true, force: true });
}

/** In one fresh process, time what `carryover scan` does on a one-LICENSE dir, step by step (compiled lib/). */
async function cliInner(dir: string): Promise<void> {
  const t0 = performance.now();
  const lib = "../../lib";
  const t = (label: string, since: number) => `${label} ${ms(performance.now() - since)} ms`;
  const steps: string[] = [];
  let s = performance.now();
  await import(`${lib}/cli.js`);
  steps.push(t("import cli.js", s));
  s = performance.now();
  const scanCmd = (await import(`${lib}/commands/scan.js`)) as { run: (a: string[], io: unknown) => Promise<number> };
  steps.push(t("import commands/scan.js (pipeline, detectors, reporters)", s));
  s = performance.now();
  const { loadRegistry } = (await import(`${lib}/resolve/registry.js`)) as { loadRegistry: () => Registry };
  loadRegistry();
  steps.push(t("loadRegistry()", s));
  s = performance.now();
  let out = "";
  await scanCmd.run([dir], { out: (x: string) => (out += x), err: (x: string) => (out += x), env: {}, cwd: ROOT });
  steps.push(t("scan + render (registry already loaded)", s));
  s = performance.now();
  out = "";
  await scanCmd.run([dir], { out: (x: string) => (out += x), err: (x: string) => (out += x), env: {}, cwd: ROOT });
  steps.push(t("second scan + render (warm)", s));
  console.log(`Inside one process (compiled lib/, timed from the first import): ${steps.join(" · ")} · total ${ms(performance.now() - t0)} ms\n`);
}

// ---------------------------------------------------------------------------------------------------------------
// Main
// ---------------------------------------------------------------------------------------------------------------

const child = argv[0]?.startsWith("child:") ? argv[0].slice(6) : null;
if (child) {
  if (child === "corpus") await corpus(false);
  else if (child === "profile") await profile();
  else if (child === "corpus-lib") await corpus(true);
  else if (child === "stages") await stages();
  else if (child === "big") await big();
  else if (child === "local") await local();
  else if (child === "cli-inner") await cliInner(argv[1]!);
} else {
  const wanted = argv.filter((a): a is Part => (PARTS as readonly string[]).includes(a));
  const parts = wanted.length ? wanted : [...PARTS];
  const passthrough = argv.filter((a, i) => a.startsWith("--") || (i > 0 && argv[i - 1]!.startsWith("--")));
  console.log(`Machine: ${machine()}\n`);
  for (const part of parts) {
    if (part === "cli") cli();
    else {
      const runs = part === "corpus" ? ["corpus", ...(existsSync(path.join(ROOT, "lib/core/pipeline.js")) ? ["corpus-lib"] : [])] : [part];
      for (const c of runs) {
        const r = spawnSync(process.execPath, ["--expose-gc", "--import", "tsx", SELF, `child:${c}`, ...passthrough], { cwd: ROOT, stdio: "inherit" });
        if (r.status !== 0) console.log(`> ${c} failed with exit code ${r.status}`);
      }
    }
  }
}
