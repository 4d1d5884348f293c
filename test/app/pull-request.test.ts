import { describe, expect, it } from "vitest";
import { examplePayload } from "./fake-github.js";
import { readme, scanRequests, setup } from "./helpers.js";

const REPO = "Codertocat/Hello-World";

/** The recorded pull_request.opened payload (with an installation), pointed at `sha`. */
function prPayload(sha: string, action: "opened" | "synchronize" | "reopened" = "opened") {
  const p = examplePayload("pull_request", (x) => x.action === action && x.installation);
  p.pull_request.head.sha = sha;
  return p;
}

describe("pull_request → check run", () => {
  it("publishes one check run with annotations and a failing conclusion, scanning in 2 requests", async () => {
    const { probot, gh } = await setup();
    const sha = gh.addRepo(REPO, { "README.md": readme(["ms1mv2", "error"], ["ffhq", "warning"], ["coco", "info"]), "model.safetensors": "x" });
    await probot.receive({ id: "d-1", name: "pull_request", payload: prPayload(sha) as never });

    const runs = gh.repo(REPO).checkRuns;
    expect(runs).toHaveLength(1);
    const run = runs[0]!;
    expect(run).toMatchObject({ name: "carryover", head_sha: sha, status: "completed", conclusion: "failure" });
    expect(run.output.title).toBe("1 error, 1 warning, 1 note (fails on error)");
    expect(run.output.annotations).toEqual([
      expect.objectContaining({ path: "README.md", start_line: 5, end_line: 5, annotation_level: "failure", title: "dataset-terms-not-carried (ms1mv2)" }),
      expect.objectContaining({ path: "README.md", start_line: 6, annotation_level: "warning" }),
      expect.objectContaining({ path: "README.md", start_line: 7, annotation_level: "notice" }),
    ]);
    expect(run.output.annotations[0].message).toMatch(/trained on ms1mv2[\s\S]*Fix: State ms1mv2/);
    expect(run.output.annotations[0].raw_details).toContain("https://example.org/ms1mv2/terms");
    expect(run.output.summary).toContain("not legal advice");
    // Evidence links point at the scanned commit.
    expect(run.output.summary).toContain(`https://github.com/${REPO}/blob/${sha}/README.md#L5`);
    expect(scanRequests(gh)).toBe(2);
    expect(gh.log.map((l) => `${l.method} ${l.path.split("?")[0]}`)).toEqual([
      "POST /app/installations/1/access_tokens",
      `GET /repos/${REPO}/git/trees/${sha}`,
      "POST /graphql",
      `POST /repos/${REPO}/check-runs`,
    ]);
  });

  it("concludes success below fail-on, and neutral when there is nothing to check", async () => {
    const { probot, gh } = await setup();
    const warnOnly = gh.addRepo(REPO, { "README.md": readme(["ffhq", "warning"]) });
    const nothing = gh.setFiles(REPO, { "README.md": "# a library\n" });
    const never = gh.setFiles(REPO, { "README.md": readme(["ms1mv2", "error"]), ".github/carryover.yml": "fail-on: never\n" });
    const onWarning = gh.setFiles(REPO, { "README.md": readme(["ffhq", "warning"]), ".github/carryover.yml": "fail-on: warning\n" });
    for (const [i, sha] of [warnOnly, nothing, never, onWarning].entries()) await probot.receive({ id: `c-${i}`, name: "pull_request", payload: prPayload(sha, "synchronize") as never });
    expect(gh.repo(REPO).checkRuns.map((r) => [r.conclusion, r.output.title])).toEqual([
      ["success", "1 warning (fails on error)"],
      ["neutral", "Nothing to check: no weights or dataset mentions found"],
      ["success", "1 error"],
      ["failure", "1 warning (fails on warning)"],
    ]);
  });

  it("batches more than 50 annotations: create with 50, then one update per 50, conclusion on the last", async () => {
    const { probot, gh } = await setup();
    const many = Array.from({ length: 120 }, (_, i) => [`ds${i}`, i % 2 ? "warning" : "error"] as [string, "warning" | "error"]);
    const sha = gh.addRepo(REPO, { "README.md": readme(...many) });
    await probot.receive({ id: "b-1", name: "pull_request", payload: prPayload(sha) as never });

    const posts = gh.log.filter((l) => l.path.includes("/check-runs"));
    expect(posts.map((l) => l.method)).toEqual(["POST", "PATCH", "PATCH"]);
    const run = gh.repo(REPO).checkRuns[0]!;
    expect(run.output.annotations).toHaveLength(120);
    // Errors first: the first 60 annotations are the 60 errors.
    expect(run.output.annotations.slice(0, 60).every((a: { annotation_level: string }) => a.annotation_level === "failure")).toBe(true);
    expect(run).toMatchObject({ status: "completed", conclusion: "failure" });
  });

  it("keeps the summary within 65,535 characters and says how many findings were left out", async () => {
    const { probot, gh } = await setup();
    const many = Array.from({ length: 1500 }, (_, i) => [`a-rather-long-dataset-name-number-${i}`, "error"] as [string, "error"]);
    const sha = gh.addRepo(REPO, { "README.md": readme(...many) });
    await probot.receive({ id: "s-1", name: "pull_request", payload: prPayload(sha) as never });
    const run = gh.repo(REPO).checkRuns[0]!;
    expect(run.output.summary.length).toBeLessThanOrEqual(65_535);
    expect(run.output.summary).toMatch(/… and \d+ more findings \(not shown/);
    expect(run.output.annotations).toHaveLength(1500);
    expect(gh.log.filter((l) => l.method === "PATCH")).toHaveLength(29);
  });

  it("scans a fork PR's head repository and creates the check on the base repository", async () => {
    const { probot, gh } = await setup();
    gh.addRepo(REPO, { "README.md": "# base\n" });
    const sha = gh.addRepo("forker/Hello-World", { "README.md": readme(["ms1mv2", "error"]) });
    const p = prPayload(sha);
    p.pull_request.head.repo = { ...p.pull_request.head.repo, name: "Hello-World", full_name: "forker/Hello-World", owner: { ...p.pull_request.head.repo.owner, login: "forker" } };
    await probot.receive({ id: "f-1", name: "pull_request", payload: p as never });
    expect(gh.count("GET", /^\/repos\/forker\/Hello-World\/git\/trees\//)).toBe(1);
    expect(gh.repo("forker/Hello-World").checkRuns).toHaveLength(0);
    expect(gh.repo(REPO).checkRuns).toMatchObject([{ head_sha: sha, conclusion: "failure" }]);
  });

  it("falls back to the base repository when the fork cannot be read", async () => {
    const { probot, gh } = await setup();
    // The fork PR's commit is reachable from the base repo (refs/pull/N/head).
    const sha = gh.addRepo(REPO, { "README.md": readme(["ffhq", "warning"]) });
    const p = prPayload(sha);
    p.pull_request.head.repo = { ...p.pull_request.head.repo, name: "secret", full_name: "private-forker/secret", owner: { ...p.pull_request.head.repo.owner, login: "private-forker" } };
    await probot.receive({ id: "f-2", name: "pull_request", payload: p as never });
    expect(gh.log.filter((l) => l.path.includes("/git/trees/")).map((l) => `${l.status} ${l.path.split("/git")[0]}`)).toEqual(["404 /repos/private-forker/secret", `200 /repos/${REPO}`]);
    expect(gh.repo(REPO).checkRuns).toMatchObject([{ head_sha: sha, conclusion: "success" }]);
  });

  it("turns the same delivery sent three times into one check run", async () => {
    const { probot, gh } = await setup();
    const sha = gh.addRepo(REPO, { "README.md": readme(["ms1mv2", "error"]) });
    const payload = prPayload(sha);
    await Promise.all([1, 2, 3].map(() => probot.receive({ id: "same-delivery", name: "pull_request", payload: payload as never })));
    await probot.receive({ id: "same-delivery", name: "pull_request", payload: payload as never });
    expect(gh.repo(REPO).checkRuns).toHaveLength(1);
    expect(scanRequests(gh)).toBe(2);
  });

  it("fails the check on an invalid .github/carryover.yml, quoting the error and its line", async () => {
    const { probot, gh } = await setup();
    const sha = gh.addRepo(REPO, { "README.md": readme(["ffhq", "info"]), ".github/carryover.yml": "enabled: true\nfail-on: sometimes\n" });
    await probot.receive({ id: "cfg-1", name: "pull_request", payload: prPayload(sha) as never });
    const run = gh.repo(REPO).checkRuns[0]!;
    expect(run.conclusion).toBe("failure");
    const ann = run.output.annotations.find((a: { path: string }) => a.path === ".github/carryover.yml");
    expect(ann).toMatchObject({ start_line: 2, annotation_level: "failure" });
    expect(ann.message).toMatch(/fail-on/);
    expect(run.output.summary).toContain("config-invalid");
  });

  it("publishes no check run when the repository opted out (enabled: false)", async () => {
    const { probot, gh } = await setup();
    const sha = gh.addRepo(REPO, { "README.md": readme(["ms1mv2", "error"]), ".github/carryover.yml": "enabled: false\n" });
    await probot.receive({ id: "off-1", name: "pull_request", payload: prPayload(sha) as never });
    expect(gh.repo(REPO).checkRuns).toHaveLength(0);
  });

  it("fails closed with a completed failing check when the scan throws", async () => {
    const { probot, gh } = await setup();
    const sha = gh.addRepo(REPO, { "README.md": readme(["ms1mv2", "error"]) });
    gh.failNext("POST", /^\/graphql$/, 500);
    await expect(probot.receive({ id: "err-1", name: "pull_request", payload: prPayload(sha) as never })).resolves.toBeUndefined();
    const run = gh.repo(REPO).checkRuns[0]!;
    expect(run).toMatchObject({ status: "completed", conclusion: "failure" });
    expect(run.output.title).toBe("carryover could not scan this commit");
    expect(run.output.summary).toMatch(/could not scan `github:Codertocat\/Hello-World@[0-9a-f]{40}`[\s\S]*fake 500/);
  });

  it("logs, never rejects, when even the failing check cannot be published; a redelivery then works", async () => {
    const { probot, gh, logs } = await setup();
    const sha = gh.addRepo(REPO, { "README.md": readme(["ms1mv2", "error"]) });
    gh.failNext("POST", /\/check-runs$/, 500);
    await expect(probot.receive({ id: "lost-1", name: "pull_request", payload: prPayload(sha) as never })).resolves.toBeUndefined();
    expect(gh.repo(REPO).checkRuns).toHaveLength(0);
    expect(logs.text()).toMatch(/pull request check failed/);
    await probot.receive({ id: "lost-1", name: "pull_request", payload: prPayload(sha) as never });
    expect(gh.repo(REPO).checkRuns).toMatchObject([{ conclusion: "failure", head_sha: sha }]);
  });

  it("retries a 502 (Probot's retry plugin on) and then succeeds", async () => {
    const { probot, gh } = await setup({ retry: true });
    const sha = gh.addRepo(REPO, { "README.md": readme(["ffhq", "warning"]) });
    gh.failNext("GET", /\/git\/trees\//, 502);
    await probot.receive({ id: "r-1", name: "pull_request", payload: prPayload(sha) as never });
    expect(gh.log.filter((l) => l.path.includes("/git/trees/")).map((l) => l.status)).toEqual([502, 200]);
    expect(gh.repo(REPO).checkRuns).toMatchObject([{ conclusion: "success" }]);
  });
});

describe("re-runs", () => {
  it("check_run.rerequested of our run → a new check run on its sha; other apps' runs are ignored", async () => {
    const { probot, gh } = await setup();
    const p = examplePayload("check_run", (x) => x.action === "rerequested");
    const [owner, name] = [p.repository.owner.login, p.repository.name];
    const sha = gh.addRepo(`${owner}/${name}`, { "README.md": readme(["ms1mv2", "error"]) }, { sha: p.check_run.head_sha });
    await probot.receive({ id: "rr-0", name: "check_run", payload: p as never });
    expect(gh.repo(`${owner}/${name}`).checkRuns).toHaveLength(0);
    p.check_run.name = "carryover";
    await probot.receive({ id: "rr-1", name: "check_run", payload: p as never });
    expect(gh.repo(`${owner}/${name}`).checkRuns).toMatchObject([{ head_sha: sha, conclusion: "failure" }]);
  });

  it("check_suite.requested without pull requests and check_suite.rerequested → a check run; requested for a PR suite → skipped", async () => {
    const { probot, gh } = await setup();
    const req = examplePayload("check_suite", (x) => x.action === "requested");
    const full = req.repository.full_name as string;
    gh.addRepo(full, { "README.md": readme(["ffhq", "warning"]) }, { sha: req.check_suite.head_sha });
    await probot.receive({ id: "cs-1", name: "check_suite", payload: req as never });
    const withPr = structuredClone(req);
    withPr.check_suite.pull_requests = examplePayload("check_suite", (x) => x.action === "rerequested").check_suite.pull_requests;
    await probot.receive({ id: "cs-2", name: "check_suite", payload: withPr as never });
    const rerun = examplePayload("check_suite", (x) => x.action === "rerequested");
    rerun.repository = req.repository;
    rerun.check_suite.head_sha = req.check_suite.head_sha;
    await probot.receive({ id: "cs-3", name: "check_suite", payload: rerun as never });
    expect(gh.repo(full).checkRuns.map((r) => r.head_sha)).toEqual([req.check_suite.head_sha, req.check_suite.head_sha]);
  });
});
