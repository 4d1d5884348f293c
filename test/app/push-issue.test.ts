import { describe, expect, it } from "vitest";
import { examplePayload } from "./fake-github.js";
import { readme, scanRequests, setup } from "./helpers.js";

const REPO = "Codertocat/Hello-World";

/** The recorded push to the default branch (refs/heads/master), moved to `sha`. */
function pushPayload(sha: string) {
  const p = examplePayload("push", (x) => x.ref === "refs/heads/master" && x.installation);
  p.after = sha;
  return p;
}

describe("push to the default branch → tracking issue", () => {
  it("creates, updates, closes and reopens one issue, mutating only when the findings change", async () => {
    const { probot, gh } = await setup();
    const repo = () => gh.repo(REPO);
    const mutations = () => gh.log.filter((l) => l.method !== "GET" && !l.path.startsWith("/app/") && l.path !== "/graphql").map((l) => `${l.method} ${l.path.replace(`/repos/${REPO}`, "")}`);

    const s1 = gh.addRepo(REPO, { "README.md": readme(["ms1mv2", "error"]) }, { defaultBranch: "master" });
    await probot.receive({ id: "p1", name: "push", payload: pushPayload(s1) as never });
    expect(repo().issues).toHaveLength(1);
    const issue = repo().issues[0]!;
    expect(issue).toMatchObject({ number: 1, state: "open", title: "carryover: 1 error on the default branch", labels: [{ name: "carryover" }] });
    expect(issue.body).toMatch(/^<!-- carryover:tracking -->\n<!-- carryover:fingerprint=[0-9a-f]{32} -->/);
    expect(issue.body).toContain("ms1mv2");
    expect(mutations()).toEqual(["POST /labels", "POST /issues"]);

    // Same findings on a new commit (lines moved): no mutation.
    const s2 = gh.setFiles(REPO, { "README.md": `# moved\n\n${readme(["ms1mv2", "error"])}` });
    await probot.receive({ id: "p2", name: "push", payload: pushPayload(s2) as never });
    expect(mutations()).toHaveLength(2);

    // Findings change: body updated in place.
    const s3 = gh.setFiles(REPO, { "README.md": readme(["ms1mv2", "error"], ["ffhq", "warning"]) });
    await probot.receive({ id: "p3", name: "push", payload: pushPayload(s3) as never });
    expect(issue.title).toBe("carryover: 1 error, 1 warning on the default branch");
    expect(issue.body).toContain("ffhq");
    expect(mutations().slice(2)).toEqual(["PATCH /issues/1"]);

    // Findings gone: comment, then close.
    const s4 = gh.setFiles(REPO, { "README.md": "# clean\n" });
    await probot.receive({ id: "p4", name: "push", payload: pushPayload(s4) as never });
    expect(issue).toMatchObject({ state: "closed", state_reason: "completed" });
    expect(repo().comments.at(-1)!.body).toMatch(/resolved as of `[0-9a-f]{40}`/);
    expect(mutations().slice(3)).toEqual(["POST /issues/1/comments", "PATCH /issues/1"]);

    // Still clean: nothing.
    await probot.receive({ id: "p5", name: "push", payload: pushPayload(s4) as never });
    expect(mutations()).toHaveLength(5);

    // Findings return: the same issue is reopened, with a comment; never a second issue.
    const s6 = gh.setFiles(REPO, { "README.md": readme(["ms1mv2", "error"]) });
    await probot.receive({ id: "p6", name: "push", payload: pushPayload(s6) as never });
    expect(repo().issues).toHaveLength(1);
    expect(issue.state).toBe("open");
    expect(repo().comments.at(-1)!.body).toMatch(/back as of/);
    expect(mutations().slice(5)).toEqual(["PATCH /issues/1", "POST /issues/1/comments"]);
    // Every push cost exactly 2 scan requests, except p5: the same commit as p4 for the same
    // registry version is the same job id, so it is not scanned again.
    expect(scanRequests(gh)).toBe(2 * 5);
  });

  it("turns the same push delivered three times (even concurrently) into one issue", async () => {
    const { probot, gh } = await setup();
    const sha = gh.addRepo(REPO, { "README.md": readme(["ms1mv2", "error"]) }, { defaultBranch: "master" });
    const p = pushPayload(sha);
    await Promise.all([1, 2, 3].map(() => probot.receive({ id: "dup", name: "push", payload: p as never })));
    expect(gh.repo(REPO).issues).toHaveLength(1);
    // Three distinct deliveries of the same commit, concurrently: serialised per repo, one issue, one label.
    await Promise.all(["a", "b", "c"].map((id) => probot.receive({ id, name: "push", payload: p as never })));
    expect(gh.repo(REPO).issues).toHaveLength(1);
    expect(gh.count("POST", /\/labels$/)).toBe(1);
    expect(gh.count("POST", /\/issues$/)).toBe(1);
  });

  it("does not create a label or an issue when there are no findings, and ignores other branches and deletions", async () => {
    const { probot, gh } = await setup();
    const clean = gh.addRepo(REPO, { "README.md": "# nothing\n" }, { defaultBranch: "master" });
    await probot.receive({ id: "c1", name: "push", payload: pushPayload(clean) as never });
    expect(gh.repo(REPO).labels.size).toBe(0);
    expect(gh.repo(REPO).issues).toHaveLength(0);
    const tag = examplePayload("push", (x) => x.ref === "refs/tags/simple-tag" && x.installation);
    await probot.receive({ id: "c2", name: "push", payload: tag as never });
    const other = pushPayload(clean);
    other.ref = "refs/heads/feature";
    await probot.receive({ id: "c3", name: "push", payload: other as never });
    // Only the first push did anything: its tree, its blobs, the issue list.
    expect(gh.log.filter((l) => !l.path.startsWith("/app/")).map((l) => `${l.method} ${l.path.split("?")[0]}`)).toEqual([
      `GET /repos/${REPO}/git/trees/${clean}`,
      "POST /graphql",
      `GET /repos/${REPO}/issues`,
    ]);
  });

  it("finds its issue by label and marker, not a user's issue with the same label", async () => {
    const { probot, gh } = await setup();
    const sha = gh.addRepo(REPO, { "README.md": readme(["ffhq", "warning"]) }, { defaultBranch: "master" });
    const repo = gh.repo(REPO);
    repo.labels.add("carryover");
    repo.issues.push({ ...structuredClone(examplePayload("issues", (x) => x.action === "opened").issue), number: 1, state: "open", body: "Does carryover support GGUF?", labels: [{ name: "carryover" }] });
    await probot.receive({ id: "m1", name: "push", payload: pushPayload(sha) as never });
    expect(repo.issues.map((i) => [i.number, i.body.includes("<!-- carryover:tracking -->")])).toEqual([
      [1, false],
      [2, true],
    ]);
    expect(gh.count("POST", /\/labels$/)).toBe(1); // tried; 422 already exists is fine
  });
});

describe("installation → scan each repository's default branch", () => {
  it("installation.created scans every listed repo and upserts its issue unless it opted out", async () => {
    const { probot, gh } = await setup({ installConcurrency: 2 });
    const p = examplePayload("installation", (x) => x.action === "created");
    const base = p.repositories[0];
    p.repositories = ["one", "two", "three"].map((n, i) => ({ ...base, id: i + 1, name: n, full_name: `Codertocat/${n}` }));
    gh.addRepo("Codertocat/one", { "README.md": readme(["ms1mv2", "error"]) });
    gh.addRepo("Codertocat/two", { "README.md": readme(["ffhq", "warning"]), ".github/carryover.yml": "enabled: false\n" });
    gh.addRepo("Codertocat/three", { "README.md": "# clean\n" });
    await probot.receive({ id: "i1", name: "installation", payload: p as never });
    expect(gh.repo("Codertocat/one").issues).toHaveLength(1);
    expect(gh.repo("Codertocat/two").issues).toHaveLength(0);
    expect(gh.repo("Codertocat/three").issues).toHaveLength(0);
    expect(gh.log.filter((l) => /\/git\/trees\/HEAD\?recursive=1$/.test(l.path))).toHaveLength(3);
  });

  it("installation_repositories.added scans the added repositories; one failing repo does not stop the others", async () => {
    const { probot, gh, logs } = await setup();
    const p = examplePayload("installation_repositories", (x) => x.action === "added");
    const base = p.repositories_added[0];
    p.repositories_added = [{ ...base, name: "Space", full_name: "Codertocat/Space" }, { ...base, id: 9, name: "gone", full_name: "Codertocat/gone" }];
    gh.addRepo("Codertocat/Space", { "README.md": readme(["ms1mv2", "error"]) });
    await probot.receive({ id: "i2", name: "installation_repositories", payload: p as never });
    expect(gh.repo("Codertocat/Space").issues).toHaveLength(1);
    expect(logs.text()).toMatch(/installation scan failed/);
  });
});
