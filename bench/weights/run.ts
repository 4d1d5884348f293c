/**
 * Benchmark: detectWeights and weightCandidatePaths over a synthetic 300k-file
 * listing (the brief's target: well under 1 s), with and without extra/ignore
 * globs and LFS patterns, plus a large doc. Run: `npx tsx bench/weights/run.ts`.
 * Prints a Markdown table; copy it into bench/weights/RESULTS.md.
 */
import { performance } from "node:perf_hooks";
import { detectWeights, weightCandidatePaths } from "../../src/detect/weights.js";
import type { FileEntry } from "../../src/sources/source.js";

const N = Number(process.env.N ?? 300_000);
const RUNS = Number(process.env.RUNS ?? 7);

/** A deterministic listing shaped like a big monorepo: mostly code and assets, some weights, fixtures and data. */
function listing(n: number): FileEntry[] {
  const exts = [".py", ".py", ".py", ".ts", ".md", ".json", ".yaml", ".png", ".jpg", ".txt", ".cpp", ".h"];
  const files: FileEntry[] = [];
  let seed = 42;
  const rnd = () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed / 0x7fffffff;
  };
  for (let i = 0; i < n; i++) {
    const dir = `pkg${i % 97}/mod${i % 31}/sub${i % 7}`;
    const r = rnd();
    let path: string;
    let size = Math.floor(rnd() * 50_000);
    if (r < 0.002) {
      path = `${dir}/checkpoints/model_${i}.pth`;
      size = 100_000_000;
    } else if (r < 0.004) {
      path = `tests/fixtures/${dir}/tiny_${i}.bin`;
      size = 2048;
    } else if (r < 0.006) {
      path = `data/${dir}/features_${i}.npz`;
      size = 50_000_000;
    } else if (r < 0.007) {
      path = `${dir}/pytorch_model-${i}.bin`;
      size = 134;
    } else {
      path = `${dir}/file_${i}${exts[i % exts.length]}`;
    }
    files.push({ path, size, type: "file" });
  }
  return files;
}

function time(label: string, fn: () => unknown): { label: string; median: number; min: number; result: unknown } {
  fn(); // warm-up (JIT, glob compilation cache)
  const ms: number[] = [];
  let result: unknown;
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    result = fn();
    ms.push(performance.now() - t0);
  }
  ms.sort((a, b) => a - b);
  return { label, median: ms[Math.floor(ms.length / 2)]!, min: ms[0]!, result };
}

const files = listing(N);
const attrs = "*.bin filter=lfs diff=lfs merge=lfs -text\n*.pth filter=lfs diff=lfs merge=lfs -text\n*.safetensors filter=lfs diff=lfs merge=lfs -text\n";
const readmeLines: string[] = ["# Big project", "## Pretrained models", "| Model | Download |", "|---|---|"];
for (let i = 0; i < 5000; i++) {
  readmeLines.push(`| m${i} | [model](https://drive.google.com/file/d/ID${i}/view) · [log](https://example.org/logs/${i}.txt) · [ckpt](https://dl.example.org/m${i}/model_final.pth) |`);
}
const readme = readmeLines.join("\n");

const rows = [
  time(`detectWeights, ${N} files, no texts`, () => detectWeights({ files, texts: new Map() })),
  time(`detectWeights, ${N} files, .gitattributes with 3 LFS patterns`, () => detectWeights({ files, texts: new Map([[".gitattributes", attrs]]) })),
  time(`detectWeights, ${N} files, 2 extra globs + 1 ignore glob`, () =>
    detectWeights({ files, texts: new Map(), extraGlobs: ["*.engine", "exports/**/final"], ignore: ["pkg1/**"] }),
  ),
  time(`weightCandidatePaths, ${N} files`, () => weightCandidatePaths(files)),
  time(`detectWeights, README of 5,004 lines / 15,000 links`, () => detectWeights({ files: [], texts: new Map([["README.md", readme]]) })),
];

const cpu = (await import("node:fs")).readFileSync("/proc/cpuinfo", "utf8").match(/model name\s*:\s*(.*)/)?.[1] ?? "unknown";
const os = await import("node:os");
console.log(`date: ${new Date().toISOString()}`);
console.log(`machine: nproc=${os.cpus().length}, node ${process.version}, ${cpu}`);
console.log(`runs: ${RUNS} (after 1 warm-up), median and min in ms\n`);
console.log("| case | median ms | min ms | refs |");
console.log("|---|---:|---:|---:|");
for (const r of rows) {
  const n = Array.isArray(r.result) ? r.result.length : 0;
  console.log(`| ${r.label} | ${r.median.toFixed(1)} | ${r.min.toFixed(1)} | ${n} |`);
}
