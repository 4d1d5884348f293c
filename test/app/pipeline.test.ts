/**
 * End to end with the real pipeline: corpus-shaped repositories served by the fake
 * GitHub, a recorded pull_request payload, and the check run compared with a scan of
 * the same files through an in-memory source.
 */
import { describe, expect, it } from "vitest";
import { corpusRepoFiles } from "../../bench/github/corpus-repo.js";
import { scanSource } from "../../src/core/pipeline.js";
import { conclusionFor } from "../../src/publish/check-run.js";
import { pipelineScanner } from "../../src/publish/scanner.js";
import { MemorySource } from "../../src/sources/memory.js";
import { examplePayload } from "./fake-github.js";
import { scanRequests, setup } from "./helpers.js";
import { corpusAvailable } from "../helpers/corpus.js";

const REPO = "Codertocat/Hello-World";
const LEVEL = { error: "failure", warning: "warning", info: "notice" } as const;

function prPayload(sha: string) {
  const p = examplePayload("pull_request", (x) => x.action === "opened" && x.installation);
  p.pull_request.head.sha = sha;
  return p;
}

async function localScan(files: Record<string, Uint8Array>) {
  const src = new MemorySource("mem", Object.entries(files).map(([path, b]) => ({ path, size: b.length, type: "file" as const })), new Map(Object.entries(files)));
  return scanSource(src);
}

// Needs ../shared/corpus (present in CI and the dev checkout); skipped, visibly, in a bare clone.
describe.skipIf(!corpusAvailable)("the app with the real pipeline", () => {
  it.each(["NVlabs__stylegan2-ada-pytorch", "clovaai__stargan-v2", "facebookresearch__detectron2"])(
    "%s: the check run carries the pipeline's findings, scanned in 2 requests",
    async (entry) => {
      const { probot, gh } = await setup({ scan: pipelineScanner() });
      const files = corpusRepoFiles(entry);
      const sha = gh.addRepo(REPO, files);
      await probot.receive({ id: `e2e-${entry}`, name: "pull_request", payload: prPayload(sha) as never });

      const expected = await localScan(files);
      const run = gh.repo(REPO).checkRuns[0]!;
      expect(scanRequests(gh)).toBe(2);
      expect(run.conclusion).toBe(conclusionFor(expected, "error"));
      const got = run.output.annotations.map((a: { path: string; start_line: number; annotation_level: string }) => `${a.annotation_level} ${a.path}:${a.start_line}`).sort();
      const want = expected.findings.filter((f) => f.evidence[0]).map((f) => `${LEVEL[f.severity]} ${f.evidence[0]!.path}:${Math.max(1, f.evidence[0]!.line)}`).sort();
      expect(got).toEqual(want);
      for (const f of expected.findings) expect(run.output.summary).toContain(f.rule);
    },
  );

  it("stylegan2-ada (FFHQ share-alike) gets a warning annotation at the README line naming FFHQ", async () => {
    const { probot, gh } = await setup({ scan: pipelineScanner() });
    const files = corpusRepoFiles("NVlabs__stylegan2-ada-pytorch");
    const sha = gh.addRepo(REPO, files);
    await probot.receive({ id: "ffhq", name: "pull_request", payload: prPayload(sha) as never });
    const run = gh.repo(REPO).checkRuns[0]!;
    const ann = run.output.annotations.find((a: { title: string }) => a.title.includes("ffhq"));
    expect(ann).toMatchObject({ path: "README.md", annotation_level: "warning" });
    const line = new TextDecoder().decode(files["README.md"]).split("\n")[ann.start_line - 1]!;
    expect(line).toMatch(/FFHQ/i);
  });

  it("a bad .github/carryover.yml fails the check, quoting the error at its line", async () => {
    const { probot, gh } = await setup({ scan: pipelineScanner() });
    const files = { ...corpusRepoFiles("openai__whisper"), ".github/carryover.yml": new TextEncoder().encode("enabled: true\nfail-on: sometimes\n") };
    const sha = gh.addRepo(REPO, files);
    await probot.receive({ id: "bad-cfg", name: "pull_request", payload: prPayload(sha) as never });
    const run = gh.repo(REPO).checkRuns[0]!;
    expect(run.conclusion).toBe("failure");
    const ann = run.output.annotations.find((a: { path: string }) => a.path === ".github/carryover.yml");
    expect(ann).toMatchObject({ start_line: 2, annotation_level: "failure", title: "config-invalid" });
    expect(ann.message).toMatch(/fail-on/);
    expect(scanRequests(gh)).toBe(2);
  });

  it("fail-on and enabled from the repo's config reach the check", async () => {
    const { probot, gh } = await setup({ scan: pipelineScanner() });
    const base = corpusRepoFiles("NVlabs__stylegan2-ada-pytorch");
    const enc = new TextEncoder();
    const strict = gh.addRepo(REPO, { ...base, ".github/carryover.yml": enc.encode("fail-on: warning\n") });
    const off = gh.setFiles(REPO, { ...base, ".github/carryover.yml": enc.encode("enabled: false\n") });
    await probot.receive({ id: "strict", name: "pull_request", payload: prPayload(strict) as never });
    await probot.receive({ id: "off", name: "pull_request", payload: prPayload(off) as never });
    expect(gh.repo(REPO).checkRuns.map((r) => [r.head_sha, r.conclusion])).toEqual([[strict, "failure"]]);
  });
});
