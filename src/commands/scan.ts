/**
 * `carryover scan <dir | github:owner/repo[@ref] | hf:org/model[@rev]>`: the linter from the command line.
 * Exit codes: 0 clean, 1 findings at or above --fail-on, 2 usage or I/O error.
 */
import { randomUUID } from "node:crypto";
import { parseArgs } from "node:util";
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Io } from "../cli.js";
import type { FailOn, RepoConfig } from "../config/defaults.js";
import { scanSource } from "../core/pipeline.js";
import { severityRank, type ScanResult } from "../core/types.js";
import { RULE_IDS, RULE_METAS } from "../evaluate/index.js";
import { FORMATS, isFormat, render, shouldColor } from "../report/index.js";
import { openSource } from "../sources/index.js";

export const SCAN_HELP = `Usage: carryover scan <target> [options]

Targets:
  <dir>                       a local clone of a model repository
  github:owner/repo[@ref]     a GitHub repository at a branch, tag or commit (GITHUB_TOKEN for private repos and rate limits)
  hf:org/model[@rev]          a Hugging Face model repository at a branch, tag or commit (HF_TOKEN for gated and
                              private models; HF_ENDPOINT for another Hub)

Options:
  -f, --format <fmt>          text (default), json, sarif, markdown, cyclonedx (a CycloneDX 1.6 ML-BOM)
      --fail-on <level>       error (default, or the config's fail-on), warning, info, never
  -c, --config <file>         use this config instead of the target's .github/carryover.yml
  -o, --output <file>         write the report to a file instead of standard output
      --repo <owner/name>     the repository a local clone is (default: its git remote "origin" on GitHub);
                              a dataset's own licensor publishing models of it is not bound by its own terms
      --no-follow-base        do not read the cards of the base models a model card names (base_model); by default
                              each base's license and datasets count for these weights, up to 3 hops, from the Hub
                              (HF_ENDPOINT, HF_TOKEN); a base that cannot be read is a note, not an error
      --no-color              plain text (also when NO_COLOR is set or the output is not a terminal)
  -h, --help                  this help

Exit codes: 0 no finding at or above --fail-on, 1 findings at or above it, 2 usage or I/O error.
carryover reports what dataset terms say; it is not legal advice.
`;

/** `owner/name` of a local clone's GitHub remote "origin", read from `.git/config`; undefined when there is none. */
export async function originRepository(dir: string): Promise<string | undefined> {
  let text: string;
  try {
    text = await readFile(path.join(dir, ".git", "config"), "utf8");
  } catch {
    return undefined;
  }
  const section = /\[remote "origin"\]([^[]*)/.exec(text)?.[1] ?? "";
  const url = /^\s*url\s*=\s*(\S+)/m.exec(section)?.[1] ?? "";
  const m = /github\.com[:/]([A-Za-z0-9_.-]+)\/([A-Za-z0-9_.-]+?)(?:\.git)?\/?$/.exec(url);
  return m ? `${m[1]}/${m[2]}` : undefined;
}

import { hubBaseModelCards } from "../sources/hub-base-models.js";

export { hubBaseModelCards };

/** Does any finding reach the threshold? */
export function failsAt(result: ScanResult, failOn: FailOn): boolean {
  if (failOn === "never") return false;
  const min = severityRank(failOn);
  return result.findings.some((f) => severityRank(f.severity) >= min);
}

export async function run(argv: string[], io: Io): Promise<number> {
  let args;
  try {
    args = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        format: { type: "string", short: "f", default: "text" },
        "fail-on": { type: "string" },
        config: { type: "string", short: "c" },
        output: { type: "string", short: "o" },
        repo: { type: "string" },
        "no-color": { type: "boolean", default: false },
        "no-follow-base": { type: "boolean", default: false },
        help: { type: "boolean", short: "h", default: false },
      },
    });
  } catch (e) {
    io.err(`carryover scan: ${(e as Error).message}\n\n${SCAN_HELP}`);
    return 2;
  }
  const v = args.values;
  if (v.help) {
    io.out(SCAN_HELP);
    return 0;
  }
  if (args.positionals.length !== 1) {
    io.err(`carryover scan: expected exactly one target, got ${args.positionals.length}\n\n${SCAN_HELP}`);
    return 2;
  }
  const format = v.format ?? "text";
  if (!isFormat(format)) {
    io.err(`carryover scan: unknown --format '${format}' (expected ${Object.keys(FORMATS).join(", ")})\n`);
    return 2;
  }
  const failOnFlag = v["fail-on"];
  if (failOnFlag !== undefined && !["error", "warning", "info", "never"].includes(failOnFlag)) {
    io.err(`carryover scan: unknown --fail-on '${failOnFlag}' (expected error, warning, info or never)\n`);
    return 2;
  }
  if (v.repo !== undefined && !/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/.test(v.repo)) {
    io.err(`carryover scan: --repo '${v.repo}' is not owner/name\n`);
    return 2;
  }
  let config: RepoConfig | undefined;
  if (v.config) {
    let text: string;
    try {
      text = await readFile(v.config, "utf8");
    } catch (e) {
      io.err(`carryover scan: cannot read --config ${v.config}: ${(e as NodeJS.ErrnoException).code ?? String(e)}\n`);
      return 2;
    }
    const { parseRepoConfig } = await import("../config/repo-config.js");
    const { loadRegistry } = await import("../resolve/registry.js");
    const parsed = parseRepoConfig(text, { knownRules: RULE_IDS, knownDatasets: loadRegistry().all().map((d) => d.id) });
    if (!parsed.ok) {
      for (const e of parsed.errors) io.err(`${v.config}:${e.line}:${e.column}: ${e.message}\n  ${e.text}\n`);
      return 2;
    }
    config = parsed.config;
  }

  let result: ScanResult;
  try {
    const source = await openSource(args.positionals[0]!, { env: io.env, cwd: io.cwd });
    const target = args.positionals[0]!;
    const repository = v.repo ?? (/^[a-z]+:/.test(target) ? undefined : await originRepository(path.resolve(io.cwd, target)));
    const baseModelCards = v["no-follow-base"] ? undefined : hubBaseModelCards(io.env);
    result = await scanSource(source, {
      ...(config && v.config ? { config, configPath: v.config } : {}),
      ...(repository ? { repository } : {}),
      ...(baseModelCards ? { baseModelCards } : {}),
    });
  } catch (e) {
    io.err(`carryover scan: ${(e as Error).message}\n`);
    return 2;
  }

  const color = !v["no-color"] && !v.output && shouldColor(io.env, process.stdout.isTTY === true);
  // A BOM records when it was made and gets its own serial number; the reporter itself stays pure.
  const bom = format === "cyclonedx" ? { timestamp: new Date(), serialNumber: `urn:uuid:${randomUUID()}` } : {};
  const text = render(format, result, { color, rules: [...RULE_METAS], toolVersion: result.tool.version, ...bom });
  if (v.output) {
    try {
      await writeFile(v.output, text);
    } catch (e) {
      io.err(`carryover scan: cannot write ${v.output}: ${(e as NodeJS.ErrnoException).code ?? String(e)}\n`);
      return 2;
    }
  } else io.out(text.endsWith("\n") ? text : `${text}\n`);

  const cfgFailOn = config?.failOn ?? result.config?.failOn ?? "error";
  return failsAt(result, (failOnFlag as FailOn | undefined) ?? cfgFailOn) ? 1 : 0;
}
