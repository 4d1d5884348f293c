// Assembles docs/benchmarks.md from each bench's own RESULTS.md (written by `npx tsx bench/<name>/run.ts`).
// Every section keeps its own date and machine: figures are only comparable within one run.
import { existsSync, readFileSync, writeFileSync } from "node:fs";

const ORDER: [string, string][] = [
  ["license-id", "License identification: carryover vs licensee vs licensecheck"],
  ["resolver", "Dataset resolver: mentions resolved per second"],
  ["scan", "Repository scans: scans per second, 300k-file trees, one-file process"],
  ["weights", "Weights detection on large listings"],
  ["github", "GitHub App: API requests and bytes per scan vs a contents-API walk and git clone"],
  ["report", "Reporters"],
  ["audit", "Org audits: 10,000 repositories, in-process vs Redis queue"],
];

const parts = [
  "# Benchmarks",
  "",
  "Measured by the scripts in `bench/` (never as timed tests). Each section is copied from `bench/<name>/RESULTS.md`,",
  "which its script writes with the date and the machine; figures compare tools within one run only.",
  "Regenerate a section with `npx tsx bench/<name>/run.ts`, then `npx tsx scripts/assemble-benchmarks.ts`.",
  "",
  ...ORDER.filter(([d]) => existsSync(new URL(`../bench/${d}/RESULTS.md`, import.meta.url))).map(([d, t]) => `- [${t}](#${d})`),
  "",
];
// The hand-kept summary of targets vs figures (bench/SUMMARY.md), then each bench's own results.
const summary = new URL("../bench/SUMMARY.md", import.meta.url);
if (existsSync(summary)) parts.push(readFileSync(summary, "utf8").trim(), "");
for (const [dir, title] of ORDER) {
  const f = new URL(`../bench/${dir}/RESULTS.md`, import.meta.url);
  if (!existsSync(f)) continue;
  const body = readFileSync(f, "utf8")
    .replace(/^#\s+.*\n/, "") // the file's own title is replaced by ours
    .replace(/^(#{1,5}) /gm, "#$1 "); // nest its headings one level down
  parts.push(`<a id="${dir}"></a>`, `## ${title}`, "", `Source: \`bench/${dir}/\``, "", body.trim(), "");
}
writeFileSync(new URL("../docs/benchmarks.md", import.meta.url), parts.join("\n"));
console.log("wrote docs/benchmarks.md");
