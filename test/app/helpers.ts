/**
 * Test harness for the app: a Probot with a freshly generated RSA key (so the real
 * JWT → installation-token exchange runs against the fake), retries and throttling
 * off unless asked, and a FakeGitHub served through nock.
 */
import { generateKeyPairSync } from "node:crypto";
import { Writable } from "node:stream";
import pino from "pino";
import { Probot, ProbotOctokit } from "probot";
import { createApp, type AuditDeps } from "../../src/app.js";
import type { Registry } from "../../src/resolve/registry.js";
import type { ScanJobData } from "../../src/queue/jobs.js";
import { memoryBackend } from "../../src/queue/memory.js";
import { parseRepoConfig } from "../../src/config/repo-config.js";
import type { Finding, ScanResult, Severity } from "../../src/core/types.js";
import type { Scanner } from "../../src/publish/handlers.js";
import { pipelineScanner } from "../../src/publish/scanner.js";
import type { Source } from "../../src/sources/source.js";
import { FakeGitHub } from "./fake-github.js";
import { installNock } from "./fake-nock.js";

export const PRIVATE_KEY = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ type: "pkcs8", format: "pem" }).toString();

/** Paths the test scan reads, like the pipeline's candidates. */
export const TEST_CANDIDATES = ["README.md", "LICENSE", ".github/carryover.yml"];

/**
 * A stand-in for `scanSource` with the pipeline's I/O shape (one list, one readMany)
 * and a trivial rule, so publish behaviour can be pinned exactly: every README line
 * `train: <dataset> <severity>` is a finding at that line; an invalid
 * `.github/carryover.yml` is a `config-invalid` error at the YAML line (what the
 * pipeline does).
 */
export async function lineRuleScan(source: Source): Promise<ScanResult> {
  const listing = await source.list();
  const present = TEST_CANDIDATES.filter((p) => listing.files.some((f) => f.path === p));
  const read = await source.readMany(present, 256 * 1024);
  const text = (p: string) => {
    const r = read.get(p);
    return r && "bytes" in r ? new TextDecoder().decode(r.bytes) : null;
  };
  const findings: Finding[] = [];
  const datasets: ScanResult["datasets"] = [];
  const readme = text("README.md");
  readme?.split("\n").forEach((line, i) => {
    const m = /^train: (\S+) (error|warning|info)$/.exec(line);
    if (!m) return;
    const ev = { path: "README.md", line: i + 1, text: line };
    datasets.push({ name: m[1]!, id: m[1]!, role: "training", via: "prose", evidence: ev });
    findings.push({
      rule: "dataset-terms-not-carried",
      severity: m[2] as Severity,
      dataset: m[1]!,
      origin: m[1]!,
      message: `The weights were trained on ${m[1]}, whose terms restrict use; the weights' license does not carry that over.`,
      fix: `State ${m[1]}'s terms next to the weights' license.`,
      evidence: [ev],
      sources: [`https://example.org/${m[1]}/terms`],
      fingerprint: `dataset-terms-not-carried:${m[1]}`,
      weights: [],
    });
  });
  const cfg = text(".github/carryover.yml");
  // Like the pipeline: the config applied comes back in `result.config` (defaults when it is missing or invalid).
  let config: NonNullable<ScanResult["config"]> = { path: null, failOn: "error", enabled: true };
  if (cfg !== null) {
    const parsed = parseRepoConfig(cfg);
    if (parsed.ok) config = { path: ".github/carryover.yml", failOn: parsed.config.failOn, enabled: parsed.config.enabled };
    if (!parsed.ok) {
      for (const e of parsed.errors) {
        findings.push({
          rule: "config-invalid",
          severity: "error",
          dataset: null,
          origin: null,
          message: `.github/carryover.yml: ${e.message}`,
          fix: "Fix the config file.",
          evidence: [{ path: ".github/carryover.yml", line: e.line, text: e.text }],
          sources: [],
          fingerprint: `config-invalid:${e.line}:${e.message}`,
          weights: [],
        });
      }
    }
  }
  const weights = listing.files.filter((f) => /\.(safetensors|pth|onnx)$/.test(f.path)).map((f) => ({ ref: f.path, kind: "file" as const, evidence: { path: f.path, line: 0, text: "" } }));
  return { schemaVersion: 1, tool: { name: "carryover", version: "test" }, target: source.target, licenses: [], weights, datasets, findings, notes: [], config, lineage: {} };
}

/** Log lines written by the app, as JSON objects. */
export interface LogSink {
  lines: Record<string, unknown>[];
  text(): string;
}

/** A Probot loaded with the app, its fake GitHub behind nock, and captured logs. */
export async function setup(opts: { scan?: Scanner; retry?: boolean; baseUrl?: string; installConcurrency?: number; audits?: AuditDeps; registry?: () => Promise<Registry> } = {}) {
  const gh = new FakeGitHub(opts.baseUrl ?? "https://api.github.com");
  installNock(gh);
  const sink: LogSink = { lines: [], text: () => sink.lines.map((l) => JSON.stringify(l)).join("\n") };
  const log = pino(
    { level: "debug" },
    new Writable({
      write(chunk: Buffer, _enc, cb) {
        sink.lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
        cb();
      },
    }),
  );
  const probot = new Probot({
    appId: 42,
    privateKey: PRIVATE_KEY,
    secret: "webhook-secret-for-tests",
    log,
    ...(opts.baseUrl ? { baseUrl: opts.baseUrl } : {}),
    Octokit: ProbotOctokit.defaults((o: Record<string, unknown>) => ({
      ...o,
      // Retries are on in production; here only when a test asserts them, with a 1 ms base delay.
      retry: opts.retry ? { enabled: true, retryAfterBaseValue: 1 } : { enabled: false },
      throttle: { enabled: false },
    })),
  });
  // One attempt per job: these tests pin what a delivery (and GitHub's redelivery) does; the
  // queue's own retries are tested in test/queue.
  const backend = memoryBackend<ScanJobData>();
  // Org audits only when a test asks for them (they would list installations and audit at install).
  await probot.load(
    createApp({
      scan: opts.scan ?? pipelineScanner(lineRuleScan, { baseModelCards: null }),
      backend,
      attempts: 1,
      audits: opts.audits ?? false,
      ...(opts.registry ? { registry: opts.registry } : {}),
      ...(opts.installConcurrency ? { installConcurrency: opts.installConcurrency } : {}),
    }),
  );
  // Handlers only enqueue; a received event is handled once the queue is idle again.
  const receive = probot.receive.bind(probot);
  probot.receive = async (event) => {
    await receive(event);
    await backend.queue.idle();
  };
  return { probot, gh, logs: sink, backend };
}

/** The README of a repo with findings `train: <name> <severity>`. */
export function readme(...findings: [string, Severity][]): string {
  return `# Model\n\nWeights: model.safetensors\n\n${findings.map(([n, s]) => `train: ${n} ${s}`).join("\n")}\n`;
}

/** Scan-only requests (what the ≤2 budget covers). */
export function scanRequests(gh: FakeGitHub): number {
  return gh.log.filter((l) => /\/git\/trees\//.test(l.path) || l.path === "/graphql" || /^\/repos\/[^/]+\/[^/]+$/.test(l.path)).length;
}
