// Reporter and repo-config timings. Prints a Markdown table (median of N runs per case).
// Usage: node --import tsx bench/report/run.ts
import { EXAMPLE_CONFIG } from "../../src/config/docs.js";
import { parseRepoConfig } from "../../src/config/repo-config.js";
import { render, type Format } from "../../src/report/index.js";
import { faceZoo, manyFindings, RULES } from "../../test/report/fixtures.js";

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function time(label: string, runs: number, fn: () => unknown): [string, number, number] {
  for (let i = 0; i < Math.min(3, runs); i++) fn(); // warm-up (JIT)
  const xs: number[] = [];
  let size = 0;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const out = fn();
    xs.push(performance.now() - t0);
    if (typeof out === "string") size = out.length;
  }
  return [label, median(xs), size];
}

const rows: [string, number, number][] = [];

// Config: the documented example, a large but valid file, hostile files.
rows.push(time("config: documented example (18 lines)", 200, () => parseRepoConfig(EXAMPLE_CONFIG, { knownRules: RULES.map((r) => r.id) })));
const bigIgnore = `ignore:\n${Array.from({ length: 20_000 }, (_, i) => `  - "vendor/pkg-${i}/**"`).join("\n")}\n`;
rows.push(time(`config: 20,000 ignore globs (${(bigIgnore.length / 1024).toFixed(0)} KiB)`, 10, () => parseRepoConfig(bigIgnore)));
const laughs = ["a: &a [x, x, x, x, x, x, x, x, x, x]"];
for (let i = 1; i < 9; i++) laughs.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(10).fill(`*${String.fromCharCode(96 + i)}`).join(", ")}]`);
rows.push(time("config: billion laughs (10^9 expansions) refused", 20, () => parseRepoConfig(laughs.join("\n"))));
const huge = "#".repeat(1024 * 1024 + 1);
rows.push(time("config: 1 MiB + 1 char refused", 20, () => parseRepoConfig(huge)));

const zoo = faceZoo();
const big = manyFindings(5000);
for (const format of ["text", "json", "sarif", "markdown", "cyclonedx"] as Format[]) {
  rows.push(time(`${format}: face zoo (3 findings)`, 200, () => render(format, zoo, { rules: RULES })));
}
for (const format of ["text", "json", "sarif", "markdown", "cyclonedx"] as Format[]) {
  rows.push(time(`${format}: 5,000 findings${format === "markdown" ? " (truncated to 65,000 chars)" : ""}`, 10, () => render(format, big, { rules: RULES })));
}

console.log("| case | median ms | output chars |\n| --- | ---: | ---: |");
for (const [label, ms, size] of rows) console.log(`| ${label} | ${ms.toFixed(3)} | ${size ? size.toLocaleString("en-US") : "—"} |`);
