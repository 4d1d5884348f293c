/**
 * `carryover audit github:ORG | --installation ID`: scan every repository's default branch at its
 * head commit and write one audit report. Exit codes: 0 report written, 1 some repositories
 * failed to scan (listed in the report), 2 usage, credentials or I/O error.
 */
import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { VERSION, type Io } from "../cli.js";
import type { ListClient } from "../audit/list.js";
import type { AuditProgress } from "../audit/run.js";
import { auditScope } from "../audit/scope.js";
import { FileAuditState } from "../audit/state.js";
import type { AuditReport } from "../audit/types.js";
import { pipelineScanner } from "../publish/scanner.js";
import { clientFactory } from "../queue/clients.js";
import { openBackend } from "../queue/index.js";
import { scanProcessor, type ScanJobData } from "../queue/jobs.js";
import { RateLimiters } from "../queue/rate-limit.js";
import { AUDIT_FORMATS, renderAudit, type AuditFormat } from "../report/audit/index.js";
import type { Scanner } from "../publish/handlers.js";

export const AUDIT_HELP = `Usage: carryover audit github:ORG [options]
       carryover audit --installation ID [options]

Scans the default branch of every repository of an organisation (GITHUB_TOKEN) or of an App
installation (APP_ID and PRIVATE_KEY or PRIVATE_KEY_PATH) at its head commit. API base:
GHE_HOST (and GHE_PROTOCOL), else GITHUB_API_URL, else github.com. Archived, disabled and empty
repositories are listed as skipped.

Options:
  -f, --format <fmt>       ${AUDIT_FORMATS.join(", ")} (default markdown)
  -o, --output <file>      write the report to a file instead of standard output
      --state <file>       resumable: finished repositories are saved as they complete; a rerun skips them
      --concurrency <n>    scans at once in this process (default 4)
      --include-private    include private repositories (default: left out, counted in privateOmitted)
      --publish            also publish each scanned commit's check run and the tracking issue (--installation only)
      --enqueue-only       with REDIS_URL: only enqueue and collect; \`carryover\` workers (npm run worker) scan
  -h, --help               this help

With REDIS_URL set, jobs go through BullMQ on Redis (shared with the app and its workers).
carryover reports what dataset terms say; it is not legal advice.
`;

/** Test seams. */
export interface AuditDeps {
  scan?: Scanner;
  registryVersion?: () => string;
  /** Poll interval of the collector. */
  pollMs?: number;
  backoffMs?: number;
}

export async function run(argv: string[], io: Io, deps: AuditDeps = {}): Promise<number> {
  let args;
  try {
    args = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        format: { type: "string", short: "f", default: "markdown" },
        output: { type: "string", short: "o" },
        state: { type: "string" },
        concurrency: { type: "string", default: "4" },
        installation: { type: "string" },
        "include-private": { type: "boolean", default: false },
        publish: { type: "boolean", default: false },
        "enqueue-only": { type: "boolean", default: false },
        help: { type: "boolean", short: "h", default: false },
      },
    });
  } catch (e) {
    io.err(`carryover audit: ${(e as Error).message}\n\n${AUDIT_HELP}`);
    return 2;
  }
  const v = args.values;
  if (v.help) {
    io.out(AUDIT_HELP);
    return 0;
  }
  const usage = (msg: string) => {
    io.err(`carryover audit: ${msg}\n`);
    return 2;
  };
  const format = v.format as AuditFormat;
  if (!(AUDIT_FORMATS as readonly string[]).includes(format)) return usage(`unknown --format '${v.format}' (expected ${AUDIT_FORMATS.join(", ")})`);
  const concurrency = Number(v.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64) return usage(`--concurrency '${v.concurrency}' is not a whole number from 1 to 64`);
  let installationId: number | undefined;
  let org: string | undefined;
  if (v.installation !== undefined) {
    if (args.positionals.length > 0) return usage("give github:ORG or --installation ID, not both");
    if (!/^\d+$/.test(v.installation)) return usage(`--installation '${v.installation}' is not a number`);
    installationId = Number(v.installation);
  } else {
    if (args.positionals.length !== 1) return usage(`expected one target github:ORG (or --installation ID), got ${args.positionals.length}\n\n${AUDIT_HELP}`);
    const m = /^github:([A-Za-z0-9](?:[A-Za-z0-9-]{0,38}))$/.exec(args.positionals[0]!);
    if (!m) return usage(`'${args.positionals[0]}' is not github:ORG (an organisation; for one repository use carryover scan)`);
    org = m[1]!;
  }
  if (v.publish && installationId === undefined) return usage("--publish needs --installation (check runs can only be created by a GitHub App)");
  if (v["enqueue-only"] && !io.env.REDIS_URL) return usage("--enqueue-only needs REDIS_URL (the in-process queue has no other workers)");

  const limiters = new RateLimiters();
  const clientFor = clientFactory(io.env, limiters);
  let lister: ListClient;
  try {
    lister = await clientFor(installationId !== undefined ? { installationId } : {});
  } catch (e) {
    return usage((e as Error).message);
  }

  const registryVersion = deps.registryVersion ? deps.registryVersion() : (await import("../resolve/registry.js")).loadRegistry().version;
  const backend = await openBackend<ScanJobData>(io.env);
  const bar = progressBar();
  let report: AuditReport;
  try {
    if (!v["enqueue-only"]) {
      backend.queue.process(
        scanProcessor({
          scan: deps.scan ?? pipelineScanner(),
          octokitFor: clientFor,
          store: backend.store,
          lock: backend.lock,
          log: { info: () => {}, warn: () => {}, error: () => {} },
          perInstallation: concurrency,
        }),
        { concurrency },
      );
    }
    const state = v.state ? new FileAuditState(v.state) : undefined;
    ({ report } = await auditScope({
      lister,
      scope: org ? { org } : { installation: installationId! },
      includePrivate: v["include-private"],
      registryVersion,
      toolVersion: VERSION,
      queue: backend.queue,
      store: backend.store,
      publish: v.publish,
      ...(state ? { state } : {}),
      ...(deps.pollMs !== undefined ? { pollMs: deps.pollMs } : {}),
      ...(deps.backoffMs !== undefined ? { backoffMs: deps.backoffMs } : {}),
      onProgress: (p) => bar?.update(p),
    }));
  } catch (e) {
    const status = (e as { status?: number }).status;
    return usage(`${status ? `GitHub API ${status}: ` : ""}${(e as Error).message}`);
  } finally {
    bar?.stop();
    await backend.close();
  }

  let text: string;
  try {
    text = renderAudit(format, report);
  } catch (e) {
    return usage((e as Error).message);
  }
  if (v.output) {
    try {
      writeFileSync(v.output, text.endsWith("\n") ? text : `${text}\n`);
    } catch (e) {
      return usage(`cannot write ${v.output}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
    }
  } else io.out(text.endsWith("\n") ? text : `${text}\n`);
  return report.repositories.some((r) => r.status === "failed") ? 1 : 0;
}

/** cli-progress on standard error, only when it is a terminal (quiet otherwise: logs and CI). */
function progressBar(): { update(p: AuditProgress): void; stop(): void } | undefined {
  if (!process.stderr.isTTY) return undefined;
  let bar: { start(total: number, value: number, payload?: object): void; setTotal(n: number): void; update(n: number, payload?: object): void; stop(): void } | undefined;
  let started = false;
  const pending: AuditProgress[] = [];
  void import("cli-progress").then((m) => {
    bar = new m.default.SingleBar({ stream: process.stderr, format: "audit {bar} {value}/{total} repositories {repo}", hideCursor: true, clearOnComplete: false }, m.default.Presets.shades_classic);
    for (const p of pending.splice(0)) update(p);
  });
  const update = (p: AuditProgress) => {
    if (!bar) return void pending.push(p);
    if (!started) bar.start(p.total, p.done, { repo: "" });
    started = true;
    bar.setTotal(p.total);
    bar.update(p.done, { repo: p.repository ?? "" });
  };
  return { update, stop: () => (started ? bar?.stop() : undefined) };
}
