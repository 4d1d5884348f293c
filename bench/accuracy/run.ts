/**
 * The labelled sweep: scan every repository in bench/accuracy/labels/ at its labelled commit and score carryover's
 * error/warning verdicts against the hand labels.
 *
 *   npx tsx bench/accuracy/run.ts [--impl DIR] [--mirrors DIR] [--only owner/name] [--json out.json] [--write]
 *
 * --impl DIR   scan with another checkout's src/ (the "before" figures: a worktree of an older commit)
 * --mirrors    where the bare git mirrors live (default /work/.mirror, as the search tool's `fetch` lays them out)
 * --write      write bench/accuracy/RESULTS.md and the generated block of docs/accuracy.md
 *
 * Scoring (docs/accuracy.md says why):
 * - a label's positive is a (repository, dataset) with `expect: flag`: the dataset trained the published weights and
 *   one of its restrictions (or its retraction) did not carry over;
 * - carryover's prediction is every error or warning finding that names a dataset (`dataset`, or its `origin`);
 * - a prediction matches a positive when the ids are equal or one is the other's registry ancestor (a label may
 *   say "ImageNet-1k" where the README says "ImageNet");
 * - precision counts distinct predicted datasets per repository, recall counts labelled positives;
 * - a repository's verdict is flag when it has at least one positive (label) or one matching-kind finding (carryover).
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parse } from "yaml";
import type { ScanResult } from "../../src/core/types.js";
import type { Registry } from "../../src/resolve/registry.js";
import type { Source } from "../../src/sources/source.js";
import { GitMirrorSource } from "./git-source.js";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const TODAY = "2026-12-02";
const argv = process.argv.slice(2);
const opt = (name: string): string | undefined => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : undefined;
};

interface LabelDataset {
  name: string;
  registry_id: string | null;
  role: "training" | "evaluation" | "withheld" | "unclear";
  expect: "flag" | "no_flag" | "unknown-to-registry";
  because?: string;
  own_dataset?: boolean;
  /** `inferred`: the repository never names the dataset; the label rests on outside knowledge. */
  basis?: "inferred";
}
export interface Label {
  repo: string;
  commit: string;
  domain: string;
  publishes_weights: boolean;
  weights_terms?: { license: string | null; carries: string[] };
  datasets: LabelDataset[];
  repo_verdict: "flag" | "no_flag";
  uncertain?: string[];
}

export function loadLabels(dir = path.join(ROOT, "bench/accuracy/labels")): Label[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith(".yaml"))
    .sort()
    .map((f) => {
      const l = parse(readFileSync(path.join(dir, f), "utf8")) as Label;
      l.datasets ??= [];
      return l;
    });
}

function mirrorOf(repo: string, mirrors: string): string | null {
  const base = path.join(mirrors, repo.replace("/", "+"));
  if (!existsSync(base)) return null;
  for (const cand of [path.join(base, "repo", ".git"), path.join(base, "repo"), base]) if (existsSync(path.join(cand, "HEAD")) && existsSync(path.join(cand, "objects"))) return cand;
  return null;
}

export interface RepoScore {
  repo: string;
  commit: string;
  domain: string;
  error?: string;
  positives: string[];
  tp: { label: string; rules: string[] }[];
  fn: { label: string; because: string }[];
  fp: { dataset: string; rules: string[]; evidence: string }[];
  /** Distinct predicted datasets that match a positive. */
  predictedRight: number;
  /** Positives the repository never states (outside knowledge), and those carryover found anyway. */
  inferred: string[];
  inferredFound: string[];
  labelVerdict: "flag" | "no_flag";
  scanVerdict: "flag" | "no_flag";
  unknownToRegistry: string[];
}

/** Ids related to `id` by the registry's lineage (itself, its ancestors, and datasets whose lineage holds it). */
function relatedIds(registry: Registry, id: string): Set<string> {
  const out = new Set<string>([id]);
  const r = registry.get(id) ? registry.resolve(id) : null;
  for (const d of r?.lineage ?? []) out.add(d.id);
  return out;
}

export function score(label: Label, result: ScanResult, registry: Registry): RepoScore {
  const flaggedLabels = label.datasets.filter((d) => d.expect === "flag" && d.registry_id);
  // Recall counts what the repository states; an inferred positive found is right (not a false positive), not required.
  const positives = [...new Set(flaggedLabels.filter((d) => d.basis !== "inferred").map((d) => d.registry_id!))];
  const inferred = [...new Set(flaggedLabels.filter((d) => d.basis === "inferred").map((d) => d.registry_id!))].filter((id) => !positives.includes(id));
  const flagged = result.findings.filter((f) => (f.severity === "error" || f.severity === "warning") && f.dataset);
  const predicted = new Map<string, { rules: Set<string>; evidence: string; keys: Set<string> }>();
  for (const f of flagged) {
    const k = f.dataset!;
    if (!predicted.has(k)) predicted.set(k, { rules: new Set(), evidence: f.evidence[0] ? `${f.evidence[0].path}:${f.evidence[0].line}` : "", keys: new Set([k]) });
    predicted.get(k)!.rules.add(f.rule);
    if (f.origin) predicted.get(k)!.keys.add(f.origin);
  }
  const matches = (pos: string, keys: Set<string>) => {
    const rel = relatedIds(registry, pos);
    for (const k of keys) if (rel.has(k) || relatedIds(registry, k).has(pos)) return true;
    return false;
  };
  const tp: RepoScore["tp"] = [];
  const fn: RepoScore["fn"] = [];
  for (const pos of positives) {
    const hits = [...predicted.values()].filter((p) => matches(pos, p.keys));
    if (hits.length) tp.push({ label: pos, rules: [...new Set(hits.flatMap((h) => [...h.rules]))] });
    else fn.push({ label: pos, because: label.datasets.find((d) => d.registry_id === pos)?.because ?? "" });
  }
  const fp: RepoScore["fp"] = [];
  let predictedRight = 0;
  for (const [id, p] of predicted) {
    if ([...positives, ...inferred].some((pos) => matches(pos, p.keys))) predictedRight++;
    else fp.push({ dataset: id, rules: [...p.rules], evidence: p.evidence });
  }
  const inferredFound = inferred.filter((pos) => [...predicted.values()].some((p) => matches(pos, p.keys)));
  return {
    repo: label.repo,
    commit: label.commit,
    domain: label.domain,
    positives,
    tp,
    fn,
    fp,
    predictedRight,
    inferred,
    inferredFound,
    labelVerdict: positives.length ? "flag" : "no_flag",
    scanVerdict: predicted.size ? "flag" : "no_flag",
    unknownToRegistry: label.datasets.filter((d) => d.expect === "unknown-to-registry" && d.role === "training").map((d) => d.name),
  };
}

export interface Totals {
  repos: number;
  crashes: number;
  tpPred: number;
  fp: number;
  tp: number;
  fn: number;
  precision: number;
  recall: number;
  repoRight: number;
  repoP: number;
  repoR: number;
}

export function totals(scores: RepoScore[]): Totals {
  const ok = scores.filter((s) => !s.error);
  const tp = ok.reduce((n, s) => n + s.tp.length, 0);
  const fn = ok.reduce((n, s) => n + s.fn.length, 0);
  const fp = ok.reduce((n, s) => n + s.fp.length, 0);
  // Precision over distinct predicted datasets: those that matched a positive.
  const tpPred = ok.reduce((n, s) => n + s.predictedRight, 0);
  const rtp = ok.filter((s) => s.labelVerdict === "flag" && s.scanVerdict === "flag").length;
  const rfp = ok.filter((s) => s.labelVerdict === "no_flag" && s.scanVerdict === "flag").length;
  const rfn = ok.filter((s) => s.labelVerdict === "flag" && s.scanVerdict === "no_flag").length;
  return {
    repos: scores.length,
    crashes: scores.length - ok.length,
    tpPred,
    fp,
    tp,
    fn,
    precision: tpPred + fp ? tpPred / (tpPred + fp) : 1,
    recall: tp + fn ? tp / (tp + fn) : 1,
    repoRight: ok.filter((s) => s.labelVerdict === s.scanVerdict).length,
    repoP: rtp + rfp ? rtp / (rtp + rfp) : 1,
    repoR: rtp + rfn ? rtp / (rtp + rfn) : 1,
  };
}

async function main(): Promise<void> {
  const impl = opt("impl");
  const srcRoot = impl ? path.resolve(impl, "src") : path.join(ROOT, "src");
  const { scanSource } = (await import(pathToFileURL(path.join(srcRoot, "core/pipeline.ts")).href)) as { scanSource: (s: Source, o: { today?: string }) => Promise<ScanResult> };
  // Scoring always uses this checkout's registry lineage, so before/after are matched the same way.
  const { loadRegistry } = await import("../../src/resolve/registry.js");
  const registry = loadRegistry();
  const mirrors = opt("mirrors") ?? path.join(path.dirname(ROOT), ".mirror");
  const only = opt("only");
  const labels = loadLabels().filter((l) => !only || l.repo === only);
  const scores: RepoScore[] = [];
  const results: Record<string, ScanResult> = {};
  for (const label of labels) {
    const git = mirrorOf(label.repo, mirrors);
    let s: RepoScore;
    if (!git) {
      console.error(`${label.repo}: no mirror under ${mirrors} (fetch it first)`);
      continue;
    }
    try {
      const result = await scanSource(new GitMirrorSource(`github:${label.repo}@${label.commit.slice(0, 8)}`, git, label.commit), { today: TODAY });
      results[label.repo] = result;
      s = score(label, result, registry);
    } catch (e) {
      s = { repo: label.repo, commit: label.commit, domain: label.domain, error: String((e as Error).stack ?? e), positives: [], tp: [], fn: [], fp: [], predictedRight: 0, inferred: [], inferredFound: [], labelVerdict: label.repo_verdict, scanVerdict: "no_flag", unknownToRegistry: [] };
    }
    scores.push(s);
  }
  const t = totals(scores);
  const f2 = (x: number) => x.toFixed(2);
  const inf = scores.reduce((n, s) => n + s.inferred.length, 0);
  const infFound = scores.reduce((n, s) => n + s.inferredFound.length, 0);
  const summary = `${t.repos} repos, ${t.crashes} crashes; (repo, dataset): precision ${f2(t.precision)} (${t.tpPred}/${t.tpPred + t.fp}), recall ${f2(t.recall)} (${t.tp}/${t.tp + t.fn}); repo verdicts right ${t.repoRight}/${t.repos - t.crashes} (P ${f2(t.repoP)}, R ${f2(t.repoR)}); inferred-only positives found ${infFound}/${inf}`;
  console.log(summary);
  for (const s of scores) {
    if (s.error) console.log(`CRASH ${s.repo}: ${s.error.split("\n")[0]}`);
    for (const f of s.fn) console.log(`FN ${s.repo} ${f.label}: ${f.because}`);
    for (const f of s.fp) console.log(`FP ${s.repo} ${f.dataset} [${f.rules.join(",")}] ${f.evidence}`);
  }
  const json = opt("json");
  if (json) writeFileSync(json, JSON.stringify({ summary: t, scores, results }, null, 1));
  if (argv.includes("--write")) write(scores, summary);
}

function write(scores: RepoScore[], summary: string): void {
  const rows = scores.map((s) => {
    const v = s.error ? "crash" : `${s.labelVerdict === s.scanVerdict ? "✓" : "✗"} ${s.labelVerdict}/${s.scanVerdict}`;
    const cell = (xs: string[]) => (xs.length ? xs.join(", ") : "");
    return `| ${s.repo} | \`${s.commit.slice(0, 8)}\` | ${s.domain} | ${v} | ${cell(s.tp.map((x) => x.label))} | ${cell(s.fn.map((x) => x.label))} | ${cell(s.fp.map((x) => `${x.dataset} (${x.rules.join(", ")})`))} |`;
  });
  const table = [
    `Run ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC on ${os.cpus()[0]?.model ?? "?"} (${os.cpus().length} cores), Node ${process.version}.`,
    "",
    `**${summary}.**`,
    "",
    "| repository | commit | domain | verdict (label/scan) | found | missed | not in the labels |",
    "| --- | --- | --- | --- | --- | --- | --- |",
    ...rows,
    "",
  ].join("\n");
  writeFileSync(path.join(ROOT, "bench/accuracy/RESULTS.md"), `# The labelled sweep: per-repository results\n\n<!-- Generated by \`npx tsx bench/accuracy/run.ts --write\`. -->\n\n${table}`);
  const doc = path.join(ROOT, "docs/accuracy.md");
  if (existsSync(doc)) {
    const text = readFileSync(doc, "utf8");
    const a = text.indexOf("<!-- sweep:begin -->");
    const b = text.indexOf("<!-- sweep:end -->");
    if (a >= 0 && b > a) writeFileSync(doc, `${text.slice(0, a)}<!-- sweep:begin -->\n${table}<!-- sweep:end -->${text.slice(b + "<!-- sweep:end -->".length)}`);
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
