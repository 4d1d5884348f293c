/**
 * `carryover rules`: the dataset registry from the command line.
 *
 *   rules lint [--dir DIR]                              exit 1 and list problems, or a one-line summary
 *   rules show <id|alias|hf-id> [--format text|json]     resolved terms, lineage, worst status
 *   rules docs [--write FILE | --check FILE]             docs/registry.md (stdout without a flag)
 */
import { readFileSync, writeFileSync } from "node:fs";
import { relative, resolve } from "node:path";
import { parseArgs } from "node:util";
import type { Io } from "../cli.js";
import { registryMarkdown } from "../resolve/docs.js";
import { dirPath } from "../resolve/load.js";
import { defaultRegistryDir, lintRegistry, loadRegistry, type ResolvedDataset } from "../resolve/registry.js";
import type { Dataset } from "../resolve/schema.js";

const HELP = `Usage:
  carryover rules lint [--dir DIR]
  carryover rules show <id|alias|hf-id> [--format text|json] [--dir DIR]
  carryover rules docs [--write FILE | --check FILE] [--dir DIR]

  --dir DIR   a registry directory other than the bundled rules/datasets/
Exit codes: 0 ok, 1 lint problems / unknown or ambiguous name / stale docs, 2 usage or I/O error.
`;

/** Runs `carryover rules <sub> …`; returns the exit code. */
export async function run(argv: string[], io: Io): Promise<number> {
  const [sub, ...rest] = argv;
  if (sub === undefined || sub === "--help" || sub === "-h" || sub === "help") {
    io.out(HELP);
    return sub === undefined ? 2 : 0;
  }
  let args: ReturnType<typeof parse>;
  try {
    args = parse(rest);
  } catch (e) {
    io.err(`carryover rules: ${e instanceof Error ? e.message : String(e)}\n\n${HELP}`);
    return 2;
  }
  if (args.values.help) {
    io.out(HELP);
    return 0;
  }
  const dir = args.values.dir !== undefined ? resolve(io.cwd, args.values.dir) : dirPath(defaultRegistryDir());
  switch (sub) {
    case "lint":
      return lint(dir, io);
    case "show":
      return show(dir, args.positionals, args.values.format ?? "text", io);
    case "docs":
      return docs(dir, args.values, io);
    default:
      io.err(`carryover rules: unknown subcommand '${sub}'\n\n${HELP}`);
      return 2;
  }
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      dir: { type: "string" },
      format: { type: "string" },
      write: { type: "string" },
      check: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
}

function lint(dir: string, io: Io): number {
  const problems = lintRegistry(dir);
  const shown = relative(io.cwd, dir) || ".";
  if (!problems.length) {
    // Count entries through the loader so the summary says what a scan would load.
    const n = loadRegistry(dir).size;
    io.out(`carryover rules lint: ${n} datasets in ${shown}, no problems\n`);
    return 0;
  }
  for (const p of problems) io.out(`${shown}/${p.file}${p.line ? `:${p.line}` : ""}: ${p.message} [${p.kind}]\n`);
  const files = new Set(problems.map((p) => p.file)).size;
  io.err(`carryover rules lint: ${problems.length} problem${problems.length === 1 ? "" : "s"} in ${files} file${files === 1 ? "" : "s"}\n`);
  return 1;
}

function show(dir: string, positionals: string[], format: string, io: Io): number {
  if (format !== "text" && format !== "json") {
    io.err(`carryover rules show: --format must be text or json, not '${format}'\n`);
    return 2;
  }
  const name = positionals.join(" ").trim();
  if (!name) {
    io.err(`carryover rules show: name a dataset (id, alias or HF id)\n\n${HELP}`);
    return 2;
  }
  const registry = loadRegistry(dir);
  const looked = registry.lookup(name);
  let { match, candidates, ambiguous } = looked;
  // A bare word that several datasets are named by ("duke", "market", "CC", "IN"): list them, never pick one.
  if (match && match.dataset.id.toLowerCase() !== name.toLowerCase()) {
    const others = bareWordCandidates(registry.all(), name);
    // A word the registry itself marks as ambiguous on its own (a context-only alias) is listed even with one candidate.
    const contextOnly = registry.all().some((d) => d.match.context_only.some((a) => a.toLowerCase() === name.trim().toLowerCase()));
    if (others.length > 1 || (others.length === 1 && contextOnly)) {
      match = null;
      candidates = others;
      ambiguous = true;
    }
  }
  if (!match) {
    if (ambiguous) io.err(`carryover rules show: '${name}' is ambiguous on its own; it may name: ${candidates.join(", ")} (show one by its id)\n`);
    else if (candidates.length) io.err(`carryover rules show: '${name}' is not in the registry; did you mean: ${candidates.join(", ")}?\n`);
    else io.err(`carryover rules show: '${name}' is not in the registry\n`);
    if (format === "json") io.out(`${JSON.stringify({ match: null, ambiguous: ambiguous === true, candidates }, null, 2)}\n`);
    return 1;
  }
  io.out(format === "json" ? `${JSON.stringify(toJson(match), null, 2)}\n` : showText(match));
  return 0;
}

/**
 * Datasets a bare word names: the word is one of their context-only aliases (names that are ambiguous on their own),
 * or a whole word of their id or of an alias. Only for single words; a full name ("DukeMTMC-reID") is not ambiguous.
 */
export function bareWordCandidates(all: readonly Dataset[], name: string): string[] {
  const w = name.trim().toLowerCase();
  if (!/^[a-z0-9]+$/.test(w)) return [];
  const words = (s: string) => s.toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);
  const out: string[] = [];
  for (const d of all) {
    const ctx = d.match.context_only.some((a) => a.toLowerCase() === w);
    const named = words(d.id).includes(w) || d.aliases.some((a) => words(a)[0] === w);
    if (ctx || named) out.push(d.id);
  }
  return out.sort();
}

/** The JSON shape of `rules show --format json`: the resolution with the lineage as ids. */
function toJson(r: ResolvedDataset): object {
  return {
    id: r.dataset.id,
    dataset: r.dataset,
    lineage: r.lineage.map((d) => d.id),
    restrictions: r.restrictions,
    models: r.models,
    statuses: r.statuses,
    worstStatus: r.worstStatus,
  };
}

function showText(r: ResolvedDataset): string {
  const d = r.dataset;
  const lines: string[] = [];
  lines.push(`${d.id}: ${d.name} (${d.modality}, ${d.verification})`);
  lines.push("");
  lines.push("Own terms");
  lines.push(`  license      ${d.license.spdx ?? d.license.ref ?? "none"}  ${d.license.source}`);
  lines.push(`               "${d.license.quote}"`);
  const t = d.terms;
  lines.push(
    `  terms        commercial ${t.commercial}; research only ${t.research_only ? "yes" : "no"}; share-alike ${t.share_alike ? "yes" : "no"}; no derivatives ${t.no_derivatives ? "yes" : "no"}; redistribution ${t.redistribution}; attribution ${t.attribution}`,
  );
  lines.push(`               ${t.source}`);
  lines.push(`  models       ${t.models.says ? `the terms say: ${t.models.restriction}` : "the terms say nothing about trained models"}${t.models.source ? `  ${t.models.source}` : ""}`);
  if (t.models.quote) lines.push(`               "${t.models.quote}"`);
  const s = d.status;
  lines.push(`  status       ${s.state}${s.date ? ` ${s.date}` : ""}${s.by ? ` by ${s.by}` : ""}${s.url ? `  ${s.url}` : ""}`);
  if (s.statement) lines.push(`               "${s.statement}"`);
  lines.push("");
  lines.push("Lineage (breadth-first, up to the roots)");
  for (const a of r.lineage) {
    const rel = a === d ? "" : `  (parent of ${r.lineage.filter((x) => x.parents.some((p) => p.id === a.id)).map((x) => x.id).join(", ")})`;
    lines.push(`  ${a.id}: ${a.name}, ${a.status.state}${rel}`);
  }
  const unknown = r.lineage.flatMap((a) => a.parents.filter((p) => !r.lineage.some((x) => x.id === p.id)).map((p) => p.id));
  if (unknown.length) lines.push(`  (not in the registry: ${[...new Set(unknown)].join(", ")})`);
  lines.push("");
  lines.push("Effective terms (own and inherited)");
  if (!r.restrictions.length) lines.push("  none recorded");
  for (const e of r.restrictions) lines.push(`  ${e.clause.padEnd(18)} from ${e.from.padEnd(24)} ${e.source}`);
  lines.push("");
  lines.push("What the lineage says about trained models");
  for (const m of r.models) lines.push(`  ${m.from.padEnd(24)} ${m.says ? `says: ${m.restriction}` : "silent"}${m.source ? `  ${m.source}` : ""}`);
  lines.push("");
  const w = r.worstStatus;
  lines.push(`Worst status: ${w.state}${w.from !== d.id ? ` (inherited from ${w.from})` : ""}${w.date ? `, ${w.date}` : ""}${w.by ? `, by ${w.by}` : ""}${w.url ? `  ${w.url}` : ""}`);
  for (const st of r.statuses.slice(1)) lines.push(`  also: ${st.state} ${st.from}${st.url ? `  ${st.url}` : ""}`);
  lines.push("");
  lines.push("carryover reports what dataset terms say; it is not legal advice.");
  return `${lines.join("\n")}\n`;
}

function docs(dir: string, values: { write?: string; check?: string }, io: Io): number {
  if (values.write !== undefined && values.check !== undefined) {
    io.err("carryover rules docs: use --write or --check, not both\n");
    return 2;
  }
  const md = registryMarkdown(loadRegistry(dir));
  if (values.write !== undefined) {
    writeFileSync(resolve(io.cwd, values.write), md);
    io.out(`carryover rules docs: wrote ${values.write}\n`);
    return 0;
  }
  if (values.check !== undefined) {
    let current: string;
    try {
      current = readFileSync(resolve(io.cwd, values.check), "utf8");
    } catch {
      io.err(`carryover rules docs: ${values.check} does not exist; run \`npm run registry:docs\`\n`);
      return 1;
    }
    if (current !== md) {
      io.err(`carryover rules docs: ${values.check} is stale; run \`npm run registry:docs\`\n`);
      return 1;
    }
    io.out(`carryover rules docs: ${values.check} is up to date\n`);
    return 0;
  }
  io.out(md);
  return 0;
}
