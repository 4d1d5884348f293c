// License identification benchmark: carryover vs licensee vs licensecheck on one generated set
// (every SPDX text from spdx-license-list in the forms of bench/license-id/perturb.ts).
// Run: npx tsx bench/license-id/run.ts [--per-process N] [--write]
//   --per-process N  files sampled for the one-process-per-file timings (default 60)
//   --write          write the figures to bench/license-id/RESULTS.md
// Needs: `npx tsc -p tsconfig.json` (carryover runs from lib/), Debian ruby-licensee and licensecheck.
import { execFileSync, spawnSync } from "node:child_process";
import { cpus, loadavg } from "node:os";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { casesFor, FORMS, type Case, type Form } from "./perturb.js";

const require = createRequire(import.meta.url);
const ROOT = path.resolve(import.meta.dirname, "../..");
const OUT = path.join(import.meta.dirname, "out");
const args = process.argv.slice(2);
const perProcessN = Number(args[args.indexOf("--per-process") + 1]) || 60;

const full = require("spdx-license-list/full") as Record<string, { licenseText: string }>;

// 1. The set, written to disk (each case in its own directory, file named LICENSE, as licensee expects).
rmSync(OUT, { recursive: true, force: true });
const cases: (Case & { dir: string; file: string })[] = [];
let v = 0;
for (const [id, l] of Object.entries(full)) {
  for (const c of casesFor(id, l.licenseText, v++)) {
    const dir = path.join(OUT, String(cases.length).padStart(5, "0"));
    mkdirSync(dir, { recursive: true });
    const file = path.join(dir, "LICENSE");
    writeFileSync(file, c.text);
    cases.push({ ...c, dir, file });
  }
}
console.log(`set: ${cases.length} files from ${Object.keys(full).length} SPDX texts (spdx-license-list)`);

// 2. carryover, whole set in one fresh Node process on the compiled lib/ (cold: start-up, module and
// index loading included; the child's own clock from process start). Run three times, spread
// over the benchmark (before licensee, between, after licensecheck), and the median is reported,
// because other jobs share this machine and load drifts during a run.
const lic = await import("../../src/detect/license/index.js");
const data = await import("../../src/detect/license/data.js");
const eq = data.fastIndex().equivalent;
const expected = (id: string): string => eq[id] ?? id;
const same = (got: string | null | undefined, want: string): boolean => !!got && (eq[got] ?? got) === want;
type Tally = { n: number; id: number; both: number };
const tally = (): Map<Form | "all", Tally> => new Map([...FORMS, "all" as const].map((f) => [f, { n: 0, id: 0, both: 0 }]));
const LIB = path.join(ROOT, "lib/detect/license/index.js");
const WHOLE = `const { readFileSync } = await import("node:fs"); const { identifyLicenseText } = await import(${JSON.stringify(LIB)}); const files = JSON.parse(readFileSync(0, "utf8")); const out = files.map((f) => { const m = identifyLicenseText(readFileSync(f, "utf8"), "LICENSE"); return [m.spdx, m.clauses.join()]; }); console.log(JSON.stringify({ ms: performance.now(), out }));`;
function runCarryover(): { ms: number; out: [string | null, string][] } {
  const r = spawnSync("node", ["--input-type=module", "-e", WHOLE], { input: JSON.stringify(cases.map((c) => c.file)), maxBuffer: 256 << 20, encoding: "utf8" });
  if (r.status !== 0) throw new Error(`carryover child failed (run npx tsc -p tsconfig.json first): ${r.stderr}`);
  return JSON.parse(r.stdout) as { ms: number; out: [string | null, string][] };
}
const carryRuns: number[] = [];
const first = runCarryover();
carryRuns.push(first.ms);
const carry = tally();
cases.forEach((c, i) => {
  const [spdx, clauses] = first.out[i] ?? [null, ""];
  const want = expected(c.source);
  const idOk = spdx === want;
  const both = idOk && clauses === lic.clausesForExpression(want).join();
  for (const k of [c.form, "all"] as const) {
    const t = carry.get(k) as Tally;
    t.n++;
    if (idOk) t.id++;
    if (both) t.both++;
  }
});
console.log(`carryover: ${(first.ms / 1000).toFixed(2)} s for the set`);

// 3. licensee, whole set in one Ruby process (its library API, as `licensee detect` uses it).
const RUBY = `require "licensee"
STDIN.each_line do |d|
  d = d.strip
  pr = Licensee.project(d, detect_packages: false, detect_readme: false)
  l = pr.license
  puts [d, l ? l.spdx_id : "", pr.matched_file ? pr.matched_file.matcher&.name : ""].join("\\t")
end`;
function runLicensee(): { ms: number; ids: Map<string, string> } {
  const t = performance.now();
  const r = spawnSync("ruby", ["-e", RUBY], { input: cases.map((c) => c.dir).join("\n"), maxBuffer: 64 << 20, encoding: "utf8" });
  const ms = performance.now() - t;
  const ids = new Map<string, string>();
  for (const line of (r.stdout ?? "").split("\n")) {
    const [d, id] = line.split("\t");
    if (d) ids.set(d, id ?? "");
  }
  return { ms, ids };
}

// 4. licensecheck, whole set in one process.
function runLicensecheck(): { ms: number; ids: Map<string, string> } {
  const t = performance.now();
  const r = spawnSync("licensecheck", ["-m", "--shortname-scheme=spdx", ...cases.map((c) => c.file)], { maxBuffer: 64 << 20, encoding: "utf8" });
  const ms = performance.now() - t;
  const ids = new Map<string, string>();
  for (const line of (r.stdout ?? "").split("\n")) {
    const [f, id] = line.split("\t");
    if (f) ids.set(f, id ?? "");
  }
  return { ms, ids };
}

/**
 * licensecheck's answer as an SPDX id: the first of several (" and/or "), Debian-style GPL names
 * ("GPL-2", "LGPL-2.1+", "AGPL-3") spelled the SPDX way, so naming is not counted as a miss.
 */
const lcId = (s: string): string => {
  const id = s.replace(/\s+and\/or\s+.*$/, "").trim();
  const m = /^((?:A|L)?GPL)-(\d)(?:\.(\d))?(\+)?$/.exec(id);
  return m ? `${m[1]}-${m[2]}.${m[3] ?? "0"}-${m[4] ? "or-later" : "only"}` : id;
};

const have = (cmd: string): boolean => spawnSync("sh", ["-c", `command -v ${cmd}`]).status === 0;
const lee = have("ruby") && have("licensee") ? runLicensee() : undefined;
carryRuns.push(runCarryover().ms);
const lck = have("licensecheck") ? runLicensecheck() : undefined;
carryRuns.push(runCarryover().ms);
const carryMs = [...carryRuns].sort((a, b) => a - b)[1] as number;
const score = (ids: Map<string, string>, key: (c: (typeof cases)[number]) => string, norm: (s: string) => string): Map<Form | "all", Tally> => {
  const t = tally();
  for (const c of cases) {
    const ok = same(norm(ids.get(key(c)) ?? ""), expected(c.source));
    for (const k of [c.form, "all"] as const) {
      const x = t.get(k) as Tally;
      x.n++;
      if (ok) x.id++;
    }
  }
  return t;
};
const leeT = lee ? score(lee.ids, (c) => c.dir, (s) => s) : undefined;
const lckT = lck ? score(lck.ids, (c) => c.file, lcId) : undefined;

// 5. One process per file, on an evenly spaced sample (spawning 4000 Ruby processes takes too long).
const sample = cases.filter((_, i) => i % Math.max(1, Math.floor(cases.length / perProcessN)) === 0).slice(0, perProcessN);
// The child reports its own clock too: performance.now() counts from the process's start, so
// "inside" is start-up + import + identification without the parent's spawn overhead.
const ONE = `const t0 = performance.now(); const { readFileSync } = await import("node:fs"); const { identifyLicenseText } = await import(${JSON.stringify(path.join(ROOT, "lib/detect/license/index.js"))}); const t1 = performance.now(); const f = process.argv.at(-1); const m = identifyLicenseText(readFileSync(f, "utf8"), "LICENSE"); console.log(JSON.stringify({ boot: t0, import: t1 - t0, identify: performance.now() - t1, total: performance.now(), spdx: m.spdx, matcher: m.matcher }));`;
const inside: { boot: number; import: number; identify: number; total: number; matcher: string }[] = [];
function perProcess(cmd: string, argv: (c: (typeof cases)[number]) => string[], collect = false): number[] {
  const times: number[] = [];
  for (const c of sample) {
    const t = performance.now();
    const r = spawnSync(cmd, argv(c), { encoding: "utf8" });
    times.push(performance.now() - t);
    if (collect) {
      try {
        inside.push(JSON.parse(r.stdout.trim().split("\n").at(-1) ?? "{}"));
      } catch {
        /* a failed child shows up as a missing sample */
      }
    }
  }
  return times.sort((a, b) => a - b);
}
const med = (xs: number[]): string => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? `${s[Math.floor(s.length / 2)]?.toFixed(1)} ms` : "n/a";
};
const stats = (t: number[]): string => (t.length ? `median ${t[Math.floor(t.length / 2)]?.toFixed(0)} ms, p95 ${t[Math.floor(t.length * 0.95)]?.toFixed(0)} ms, max ${t[t.length - 1]?.toFixed(0)} ms` : "n/a");
const ppCarry = perProcess("node", (c) => ["--input-type=module", "-e", ONE, c.file], true);
const ppNode = perProcess("node", () => ["-e", "0"]);
const ppLee = lee ? perProcess("licensee", (c) => ["detect", "--json", c.dir]) : [];
const ppLck = lck ? perProcess("licensecheck", (c) => ["-m", "--shortname-scheme=spdx", c.file]) : [];

// 6. Report.
const pct = (a: number, n: number): string => `${((100 * a) / Math.max(1, n)).toFixed(1)}%`;
const row = (f: Form | "all"): string => {
  const c = carry.get(f) as Tally;
  return `| ${f} | ${c.n} | ${pct(c.id, c.n)} | ${pct(c.both, c.n)} | ${leeT ? pct((leeT.get(f) as Tally).id, c.n) : "n/a"} | ${lckT ? pct((lckT.get(f) as Tally).id, c.n) : "n/a"} |`;
};
const cpu = (cpus()[0]?.model ?? "unknown").trim();
const version = (cmd: string, a: string[]): string => {
  try {
    return execFileSync(cmd, a, { encoding: "utf8" }).split("\n")[0]?.trim() ?? "";
  } catch {
    return "n/a";
  }
};
const misses = cases.filter((c) => {
  const m = lic.identifyLicenseText(c.text, "LICENSE");
  return m.spdx !== expected(c.source);
});
const md = `# License identification benchmark (bench/license-id)

Generated by \`npx tsx bench/license-id/run.ts --write\`; do not edit the figures by hand.

- Date: ${new Date().toISOString()}
- Machine: ${cpus().length} CPU(s) (\`nproc\`: ${version("nproc", [])}), ${cpu}, Node ${process.version}
- Tools: licensee ${version("licensee", ["version"])} (Debian ruby-licensee), ${version("licensecheck", ["--version"])} (Debian), carryover (this repo)
- Set: ${cases.length} files generated from the ${Object.keys(full).length} texts of spdx-license-list ${(require("spdx-license-list/package.json") as { version: string }).version}: each text as published (canonical), with a copyright header added, reflowed to another width, as Markdown (# title, **bold**, list markers), with CRLF line ends, without its title line (when it has one), and for Creative Commons ids the short notice / badge / "CC BY-NC 4.0" form (bench/license-id/perturb.ts).
- Correct id: the SPDX id of the source text, or the id the equivalence table (rules/licenses/equivalences.yml) reports for it, for all three tools (licensee's and licensecheck's answers are mapped through the same table, so "GPL-2.0" for GPL-2.0-only counts as correct). licensee and licensecheck give no clause sets, so only carryover has the "id and clauses" column.

## Accuracy

| form | files | carryover id | carryover id + clauses | licensee id | licensecheck id |
|---|---|---|---|---|---|
${[...FORMS, "all" as const].map(row).join("\n")}

carryover misses (${misses.length}): ${misses.map((c) => `${c.form} ${c.source}`).join(", ") || "none"}.

## Time, whole set in one process

| tool | total | per file |
|---|---|---|
| carryover (one fresh Node process on lib/, start-up + module + index loading included; median of 3 runs: ${carryRuns.map((x) => (x / 1000).toFixed(2)).join(" s, ")} s) | ${(carryMs / 1000).toFixed(2)} s | ${(carryMs / cases.length).toFixed(2)} ms |
| licensee (one Ruby process, library API) | ${lee ? `${(lee.ms / 1000).toFixed(2)} s` : "n/a"} | ${lee ? `${(lee.ms / cases.length).toFixed(2)} ms` : "n/a"} |
| licensecheck (one process, all files as arguments) | ${lck ? `${(lck.ms / 1000).toFixed(2)} s` : "n/a"} | ${lck ? `${(lck.ms / cases.length).toFixed(2)} ms` : "n/a"} |

carryover vs licensee: ${lee ? `${(lee.ms / carryMs).toFixed(1)}× faster` : "n/a"}; vs licensecheck: ${lck ? `${(lck.ms / carryMs).toFixed(1)}×` : "n/a"}.

## Time, one process per file (sample of ${sample.length} files, evenly spaced over the set)

| command | wall time per file |
|---|---|
| \`node --input-type=module -e <import lib/detect/license/index.js, identify one file>\` | ${stats(ppCarry)} |
| \`node -e 0\` (Node start-up alone, for reference) | ${stats(ppNode)} |
| \`licensee detect --json <dir>\` | ${stats(ppLee)} |
| \`licensecheck -m --shortname-scheme=spdx <file>\` | ${stats(ppLck)} |

Inside the carryover child (its own clock, medians over the sample): Node start-up to first user code ${med(inside.map((x) => x.boot))},
importing lib/detect/license ${med(inside.map((x) => x.import))}, identifying the file ${med(inside.map((x) => x.identify))}
(files settled by exact/CC/AI rungs: ${med(inside.filter((x) => x.matcher !== "dice" && x.matcher !== "concatenated" && x.matcher !== "prose").map((x) => x.identify))};
files that needed Dice, which loads the bigram index: ${med(inside.filter((x) => x.matcher === "dice" || x.matcher === "concatenated" || x.matcher === "prose").map((x) => x.identify))}),
total ${med(inside.map((x) => x.total))}.

Machine load while measuring (other jobs share the 2 cores): load average ${loadavg().map((x) => x.toFixed(1)).join(", ")} at the end of the run.

The carryover per-process figure is identification only (no \`carryover scan\` yet); it includes Node start-up,
loading the fast index (70 KB) and, for files the exact/CC/AI rungs do not settle, the 1.7 MB binary bigram index.
`;
// Whole-set timings move with the machine's load, so every --write run adds a row to a history
// kept at the end of RESULTS.md (rows from earlier runs are carried over as they were).
const resultsPath = path.join(import.meta.dirname, "RESULTS.md");
let history: string[];
try {
  const prev = readFileSync(resultsPath, "utf8");
  history = prev.slice(prev.indexOf("## History")).split("\n").filter((l) => /^\| 20\d\d-/.test(l));
} catch {
  history = [];
}
const all = carry.get("all") as Tally;
history.push(`| ${new Date().toISOString().slice(0, 16)}Z | ${loadavg()[0]?.toFixed(1)} | ${pct(all.both, all.n)} | ${(carryMs / 1000).toFixed(2)} s | ${lee ? `${(lee.ms / 1000).toFixed(2)} s` : "n/a"} | ${lck ? `${(lck.ms / 1000).toFixed(2)} s` : "n/a"} | ${lee ? `${(lee.ms / carryMs).toFixed(1)}×` : "n/a"} | ${med(ppCarry)} |`);
const full_md = `${md}
## History (whole set; one row per \`--write\` run)

| run (UTC) | load avg (1 min) | carryover id + clauses | carryover (median of 3) | licensee | licensecheck | vs licensee | carryover single-file process (median) |
|---|---|---|---|---|---|---|---|
${history.join("\n")}
`;
console.log(full_md);
if (args.includes("--write")) writeFileSync(resultsPath, full_md);
