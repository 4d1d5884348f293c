/**
 * `carryover audit` against the stateful fake GitHub (through nock): org listing with Link
 * pagination, default-branch heads by GraphQL, scans through the in-process queue, the JSON
 * report, private repositories left out, archived and empty ones skipped, --state resumability.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { AuditReport } from "../../src/audit/types.js";
import { run } from "../../src/commands/audit.js";
import { scanSource } from "../../src/core/pipeline.js";
import { pipelineScanner } from "../../src/publish/scanner.js";
import { loadRegistry } from "../../src/resolve/registry.js";
import { MemorySource } from "../../src/sources/memory.js";
import { FakeGitHub } from "../app/fake-github.js";
import { installNock } from "../app/fake-nock.js";
import { lineRuleScan, readme } from "../app/helpers.js";

const ORG = "acme-ml";

function io(env: NodeJS.ProcessEnv = { GITHUB_TOKEN: "ghp_test" }) {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (s: string) => void out.push(s), err: (s: string) => void err.push(s), env, cwd: process.cwd() }, out, err };
}

/** 130 repositories: more than one page of 100. */
function org(gh: FakeGitHub) {
  for (let i = 0; i < 125; i++) {
    const name = `model-${String(i).padStart(3, "0")}`;
    gh.addRepo(`${ORG}/${name}`, i % 5 === 0 ? { "README.md": readme(["ms1mv2", "error"]), "model.safetensors": "x" } : { "README.md": `# ${name}\n` });
  }
  gh.addRepo(`${ORG}/secret-weights`, { "README.md": readme(["ffhq", "warning"]) }, { private: true });
  gh.addRepo(`${ORG}/secret-two`, { "README.md": "# two\n" }, { private: true });
  gh.addRepo(`${ORG}/old-model`, { "README.md": readme(["ms1mv2", "error"]) }, { archived: true });
  gh.emptyRepo(`${ORG}/just-created`);
  gh.addRepo(`${ORG}/opted-out`, { "README.md": readme(["ms1mv2", "error"]), ".github/carryover.yml": "enabled: false\n" });
}

const deps = { scan: pipelineScanner(lineRuleScan), registryVersion: () => "reg-v1", pollMs: 5, backoffMs: 1 };

describe("carryover audit github:ORG", () => {
  it("lists every page, scans each default branch once at its sha, omits private, skips archived, empty and opted-out", async () => {
    const gh = new FakeGitHub();
    installNock(gh);
    org(gh);
    const t = io();
    const code = await run([`github:${ORG}`, "--format", "json", "--concurrency", "8"], t.io, deps);
    expect(t.err.join("")).toBe("");
    expect(code).toBe(0);
    const report = JSON.parse(t.out.join("")) as AuditReport;
    expect(report).toMatchObject({ schemaVersion: 1, target: `github:${ORG}`, registryVersion: "reg-v1", privateOmitted: 2 });
    expect(report.repositories).toHaveLength(128);
    expect(report.repositories.some((r) => r.private)).toBe(false);
    const by = new Map(report.repositories.map((r) => [r.repository, r]));
    expect(by.get(`${ORG}/old-model`)).toMatchObject({ status: "skipped", reason: "archived" });
    expect(by.get(`${ORG}/just-created`)).toMatchObject({ status: "skipped", reason: "empty" });
    expect(by.get(`${ORG}/opted-out`)).toMatchObject({ status: "skipped", reason: "disabled by .github/carryover.yml" });
    const m0 = by.get(`${ORG}/model-000`)!;
    expect(m0).toMatchObject({ status: "scanned", ref: "main", sha: gh.repo(`${ORG}/model-000`).heads.get("main"), htmlUrl: `https://github.com/${ORG}/model-000` });
    expect(m0.result!.findings.map((f) => f.dataset)).toEqual(["ms1mv2"]);
    expect(by.get(`${ORG}/model-001`)!.result!.findings).toEqual([]);
    // Two pages of repositories (Link rel="next"), two GraphQL head queries (100 + 26), and per scanned repository one tree + one blob query.
    expect(gh.log.filter((l) => l.path.startsWith(`/orgs/${ORG}/repos`)).map((l) => new URL(l.path, "http://x").searchParams.get("page") ?? "1")).toEqual(["1", "2"]);
    const scanned = report.repositories.filter((r) => r.status !== "skipped" || r.reason?.startsWith("disabled")).length;
    expect(scanned).toBe(126);
    expect(gh.count("GET", /\/git\/trees\//)).toBe(126);
    expect(gh.count("POST", /^\/graphql$/)).toBe(2 + 126);
    // Private repositories were never read; archived ones not even asked for their head.
    expect(gh.log.some((l) => l.path.includes("secret-") || l.path.includes("old-model"))).toBe(false);
    // An audit publishes nothing unless asked.
    expect(gh.log.filter((l) => l.method !== "GET" && l.path !== "/graphql")).toEqual([]);
  });

  it("--include-private scans private repositories too", async () => {
    const gh = new FakeGitHub();
    installNock(gh);
    org(gh);
    const t = io();
    expect(await run([`github:${ORG}`, "-f", "json", "--include-private"], t.io, deps)).toBe(0);
    const report = JSON.parse(t.out.join("")) as AuditReport;
    expect(report.privateOmitted).toBe(0);
    expect(report.repositories.find((r) => r.repository === `${ORG}/secret-weights`)).toMatchObject({ private: true, status: "scanned" });
  });

  it("--state resumes: a rerun scans only what is not saved, and what changed since", async () => {
    const gh = new FakeGitHub();
    installNock(gh);
    org(gh);
    const dir = mkdtempSync(join(tmpdir(), "carryover-audit-"));
    const state = join(dir, "state.jsonl");
    const first = io();
    expect(await run([`github:${ORG}`, "-f", "json", "--state", state, "-o", join(dir, "a.json")], first.io, deps)).toBe(0);
    const saved = readFileSync(state, "utf8").trim().split("\n");
    // Scanned and opted-out repositories are saved; archived/empty are re-derived from the listing for free.
    expect(saved).toHaveLength(126);
    expect(JSON.parse(saved[0]!).key).toMatch(new RegExp(`^${ORG}/[a-z0-9-]+@[0-9a-f]{40}#reg-v1$`));

    // Simulate an interruption: drop the last 20 lines (and leave a line cut short).
    writeFileSync(state, `${saved.slice(0, 106).join("\n")}\n${saved[106]!.slice(0, 30)}`);
    // One repository moved on since.
    const moved = gh.setFiles(`${ORG}/model-003`, { "README.md": readme(["ffhq", "warning"]) });
    gh.moveDefaultBranch(`${ORG}/model-003`, moved);
    const treesBefore = gh.count("GET", /\/git\/trees\//);
    const second = io();
    expect(await run([`github:${ORG}`, "-f", "json", "--state", state, "-o", join(dir, "b.json")], second.io, deps)).toBe(0);
    expect(gh.count("GET", /\/git\/trees\//) - treesBefore).toBe(20 + 1);
    const a = JSON.parse(readFileSync(join(dir, "a.json"), "utf8")) as AuditReport;
    const b = JSON.parse(readFileSync(join(dir, "b.json"), "utf8")) as AuditReport;
    expect(b.repositories.map((r) => r.repository)).toEqual(a.repositories.map((r) => r.repository));
    expect(b.repositories.find((r) => r.repository === `${ORG}/model-003`)).toMatchObject({ sha: moved, result: { findings: [{ dataset: "ffhq" }] } });

    // A third run has nothing left to scan.
    const treesAfter = gh.count("GET", /\/git\/trees\//);
    expect(await run([`github:${ORG}`, "-f", "json", "--state", state, "-o", join(dir, "c.json")], io().io, deps)).toBe(0);
    expect(gh.count("GET", /\/git\/trees\//)).toBe(treesAfter);
  });

  it("reports a repository whose scan keeps failing as failed (exit 1) after retries, and does not save it", async () => {
    const gh = new FakeGitHub();
    installNock(gh);
    gh.addRepo(`${ORG}/ok`, { "README.md": "# ok\n" });
    gh.addRepo(`${ORG}/flaky`, { "README.md": "# flaky\n" });
    gh.failNext("GET", new RegExp(`^/repos/${ORG}/flaky/git/trees/`), 502, 3);
    const dir = mkdtempSync(join(tmpdir(), "carryover-audit-"));
    const t = io();
    expect(await run([`github:${ORG}`, "-f", "json", "--state", join(dir, "s.jsonl")], t.io, deps)).toBe(1);
    const report = JSON.parse(t.out.join("")) as AuditReport;
    expect(report.repositories.find((r) => r.repository === `${ORG}/flaky`)).toMatchObject({ status: "failed", error: expect.stringContaining("fake 502") });
    expect(gh.count("GET", new RegExp(`^/repos/${ORG}/flaky/git/trees/`))).toBe(3);
    expect(readFileSync(join(dir, "s.jsonl"), "utf8").trim().split("\n")).toHaveLength(1);
  });

  it("the real pipeline: an audited repository carries the same findings as a local scan of its files", async () => {
    const gh = new FakeGitHub();
    installNock(gh);
    const enc = new TextEncoder();
    const files: Record<string, Uint8Array> = {
      "README.md": enc.encode("# Face recognition\n\nThe released weights `model.pth` were trained on MS-Celeb-1M.\n"),
      "model.pth": new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0]),
    };
    gh.addRepo(`${ORG}/face-model`, files);
    const t = io();
    expect(await run([`github:${ORG}`, "-f", "json"], t.io, { pollMs: 5 })).toBe(0);
    const report = JSON.parse(t.out.join("")) as AuditReport;
    expect(report.registryVersion).toBe(loadRegistry().version);
    const r = report.repositories[0]!;
    expect(r.status).toBe("scanned");
    const local = await scanSource(new MemorySource("mem", Object.entries(files).map(([path, b]) => ({ path, size: b.length, type: "file" as const })), new Map(Object.entries(files))));
    expect(r.result!.findings.map((f) => `${f.rule} ${f.severity} ${f.dataset}`).sort()).toEqual(local.findings.map((f) => `${f.rule} ${f.severity} ${f.dataset}`).sort());
    expect(r.result!.findings.some((f) => f.dataset === "ms-celeb-1m")).toBe(true);
  });

  it("usage errors: no token, bad target, --publish without an installation, formats not built here", async () => {
    let t = io({});
    expect(await run([`github:${ORG}`], t.io, deps)).toBe(2);
    expect(t.err.join("")).toMatch(/GITHUB_TOKEN/);
    t = io();
    expect(await run(["github:acme/repo"], t.io, deps)).toBe(2);
    expect(t.err.join("")).toMatch(/not github:ORG/);
    t = io();
    expect(await run([`github:${ORG}`, "--publish"], t.io, deps)).toBe(2);
    expect(t.err.join("")).toMatch(/--publish needs --installation/);
    t = io();
    expect(await run([`github:${ORG}`, "-f", "pdf"], t.io, deps)).toBe(2);
    expect(t.err.join("")).toMatch(/unknown --format 'pdf'/);
  });
});
