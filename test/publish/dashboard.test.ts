import nock from "nock";
import { ProbotOctokit } from "probot";
import { beforeAll, describe, expect, it } from "vitest";
import type { AuditReport } from "../../src/audit/types.js";
import {
  dashboardMarker,
  orgDashboardHasNews,
  orgDashboardMarker,
  orgDashboardTitle,
  parseState,
  pickDashboardIssue,
  renderOrgDashboard,
  stateBlock,
  upsertDashboardIssue,
  type Lock,
} from "../../src/publish/dashboard.js";
import { ISSUE_BODY_MAX } from "../../src/publish/summary.js";
import { KeyedQueue } from "../../src/publish/serial.js";
import { examplePayload, FakeGitHub } from "../app/fake-github.js";
import { installNock } from "../app/fake-nock.js";
import { auditOf, MIT, WEIGHTS_FILE } from "../audit/helpers.js";

const FACE = { LICENSE: MIT, ...WEIGHTS_FILE, "README.md": "# Face recognition\n\nThe released ArcFace checkpoint was trained on MS1MV2.\n" };
const GAN = { LICENSE: MIT, ...WEIGHTS_FILE, "README.md": "# Face GAN\n\nThe released checkpoint was trained on FFHQ.\n" };
const CLEAN = { LICENSE: MIT, "README.md": "# Utilities\n\nNo models here.\n" };

let report: AuditReport;
beforeAll(async () => {
  report = await auditOf("acme", [
    { name: "arcface", files: FACE },
    { name: "face-gan", files: GAN },
    { name: "secret-faces", files: FACE, private: true },
    { name: "utils", files: CLEAN },
    { name: "broken", error: "tree listing failed: HTTP 502\nretry later" },
  ]);
  report.repositories.push({ repository: "acme/archived", private: false, htmlUrl: "https://github.com/acme/archived", ref: "main", sha: "1".repeat(40), status: "skipped" });
});

describe("renderOrgDashboard", () => {
  it("summarises the audit, groups repositories by worst severity, links tracking issues, lists failed scans", () => {
    const body = renderOrgDashboard(report, { publicAudience: false, trackingIssues: { "acme/arcface": 7 } });
    expect(body.startsWith(orgDashboardMarker(report))).toBe(true);
    expect(body).toContain("- 6 repositories audited: 4 scanned, 1 failed, 1 skipped");
    expect(body).toContain("- 3 with findings: 3 with errors, 0 with warnings, 0 with notes");
    expect(body).toContain("### Errors (3)");
    expect(body).toContain("[tracking issue #7](https://github.com/acme/arcface/issues/7)");
    expect(body).toMatch(/- \[acme\/arcface\]\(https:\/\/github.com\/acme\/arcface\): \d+ errors?.*`ms1mv2`/);
    expect(body).toContain("- [acme/secret-faces]");
    // ms1mv2's terms are dropped by the two face repositories.
    expect(body).toMatch(/\| `ms1mv2` \| 2 \| error \|/);
    expect(body).toMatch(/\| `ffhq` \| 1 \| error \|/);
    // A failed scan's error on one line, inside inline code.
    expect(body).toContain("- [acme/broken](https://github.com/acme/broken): `tree listing failed: HTTP 502 retry later`");
    expect(body).not.toContain("acme/utils]"); // clean: counted, not listed
    expect(body).not.toContain("New since the last audit"); // no previous state
  });

  it("a public dashboard lists public repositories only, says how many private ones it left out, and keeps them out of the state", () => {
    const body = renderOrgDashboard({ ...report, privateOmitted: 2 }, { publicAudience: true, trackingIssues: { "acme/secret-faces": 3 } });
    expect(body).not.toContain("secret-faces");
    expect(body).toContain("- 3 private repositories are not listed because this dashboard's repository is public");
    expect(body).toContain("- 5 repositories audited");
    expect(body).toMatch(/\| `ms1mv2` \| 1 \| error \|/);
    expect(Object.keys(parseState(body)!.entries).sort()).toEqual(["acme/arcface", "acme/face-gan"]);
  });

  it("its state block lets the next run tell what is new", () => {
    const first = renderOrgDashboard(report, { publicAudience: false });
    const state = parseState(first)!;
    expect(state).toMatchObject({ v: 1, registry: "test", omitted: 0 });
    expect(Object.keys(state.entries).sort()).toEqual(["acme/arcface", "acme/face-gan", "acme/secret-faces"]);
    expect(orgDashboardHasNews(report, { publicAudience: false, previous: state })).toBe(false);
    const same = renderOrgDashboard(report, { publicAudience: false, previous: state });
    expect(same).toContain("## New since the last audit\n\nNothing new.");
    expect(same).not.toContain("**new**");

    // One repository's findings change (ms1mv2 → FFHQ), another is new to the state.
    const arc = report.repositories.find((r) => r.repository === "acme/arcface")!;
    const gan = report.repositories.find((r) => r.repository === "acme/face-gan")!;
    const changed: AuditReport = { ...report, repositories: report.repositories.map((r) => (r === arc ? { ...arc, result: gan.result! } : r)) };
    const prev = { ...state, entries: { ...state.entries } };
    delete prev.entries["acme/face-gan"];
    const next = renderOrgDashboard(changed, { publicAudience: false, previous: prev });
    expect(next).toMatch(/## New since the last audit\n\n- \[acme\/arcface\].*\n- \[acme\/face-gan\]/);
    expect(next).toContain("- **new** [acme/arcface]");
    expect(next).not.toContain("- **new** [acme/secret-faces]");
    expect(orgDashboardHasNews(changed, { publicAudience: false, previous: prev })).toBe(true);
  });

  it("with 3,000 repositories stays under GitHub's body limit and says how many it left out", () => {
    const scanned = report.repositories.filter((r) => r.status === "scanned" && r.result!.findings.length > 0);
    const many: AuditReport = {
      ...report,
      repositories: Array.from({ length: 3000 }, (_, i) => {
        const r = scanned[i % scanned.length]!;
        const name = `acme/model-${String(i).padStart(4, "0")}`;
        return { ...r, private: false, repository: name, htmlUrl: `https://github.com/${name}` };
      }),
    };
    const body = renderOrgDashboard(many, { publicAudience: false });
    expect(body.length).toBeLessThanOrEqual(ISSUE_BODY_MAX);
    expect(body).toContain("### Errors (3000)");
    const listed = body.split("\n").filter((l) => /^- \[acme\/model-\d{4}\]/.test(l)).length;
    const more = /- … and (\d+) more repositories with errors/.exec(body);
    expect(more).not.toBeNull();
    expect(listed + Number(more![1])).toBe(3000);
    expect(listed).toBeGreaterThan(100);
    const state = parseState(body)!;
    expect(Object.keys(state.entries).length + state.omitted).toBe(3000);
    // The next run, given that partial state, does not call the left-out repositories new.
    expect(orgDashboardHasNews(many, { publicAudience: false, previous: state })).toBe(false);
  });
});

describe("state block and markers", () => {
  it("a value cannot close the comment early, and a corrupt block reads as no state", () => {
    const block = stateBlock({ v: 1, registry: "r", entries: { "a/b": "--><script>" }, omitted: 0 });
    expect(block.indexOf("-->")).toBe(block.length - 3);
    expect(parseState(`x\n${block}\n`)!.entries["a/b"]).toBe("--><script>");
    expect(parseState("<!-- carryover:state {not json} -->")).toBeNull();
    expect(parseState(null)).toBeNull();
    expect(() => dashboardMarker("a -->")).toThrow(/invalid dashboard key/);
    expect(dashboardMarker("steward:ms-celeb-1m")).toBe("<!-- carryover:dashboard:steward:ms-celeb-1m -->");
  });
});

describe("upsertDashboardIssue (against the fake GitHub)", () => {
  const BOT = "carryover[bot]";
  const octokit = () => new ProbotOctokit({ auth: { token: "ghs_test" }, retry: { enabled: false }, throttle: { enabled: false } });
  const fake = () => {
    const gh = new FakeGitHub();
    gh.addRepo("acme/.github", { "README.md": "# org\n" });
    installNock(gh);
    return gh;
  };
  const input = (body: string) => ({ owner: "acme", repo: ".github", title: orgDashboardTitle(report), body, marker: orgDashboardMarker(report), creator: BOT });

  it("creates the issue once, updates it in place, sends nothing when unchanged", async () => {
    const gh = fake();
    const body = renderOrgDashboard(report, { publicAudience: true });
    expect(await upsertDashboardIssue(octokit(), input(body))).toEqual({ action: "created", number: 1 });
    expect(await upsertDashboardIssue(octokit(), input(body))).toEqual({ action: "unchanged", number: 1 });
    expect(gh.count("PATCH", /\/issues\/1$/)).toBe(0);
    const next = renderOrgDashboard({ ...report, generatedAt: "2026-11-24T08:00:00.000Z" }, { publicAudience: true, previous: parseState(body) });
    expect(await upsertDashboardIssue(octokit(), input(next))).toEqual({ action: "updated", number: 1 });
    const issues = gh.repo("acme/.github").issues;
    expect(issues).toHaveLength(1);
    expect(issues[0]!.body).toBe(next);
  });

  it("a closed dashboard is rewritten but stays closed, reopens only when asked; never duplicated", async () => {
    const gh = fake();
    const body = renderOrgDashboard(report, { publicAudience: true });
    await upsertDashboardIssue(octokit(), input(body));
    gh.repo("acme/.github").issues[0]!.state = "closed";
    const next = `${body}\n`;
    expect(await upsertDashboardIssue(octokit(), input(next))).toEqual({ action: "updated", number: 1 });
    expect(gh.repo("acme/.github").issues[0]).toMatchObject({ state: "closed", body: next });
    expect(await upsertDashboardIssue(octokit(), { ...input(next), reopen: true })).toEqual({ action: "reopened", number: 1 });
    expect(gh.repo("acme/.github").issues[0]!.state).toBe("open");
    expect(gh.repo("acme/.github").issues).toHaveLength(1);
  });

  it("ignores a person's issue that quotes the marker, and another dashboard's marker", async () => {
    const gh = fake();
    const repo = gh.repo("acme/.github");
    const shape = examplePayload("issues", (p) => p.action === "opened").issue as { user: Record<string, unknown> } & Record<string, unknown>;
    repo.issues.push({ ...structuredClone(shape), number: 1, state: "open", body: `Why does ${orgDashboardMarker(report)} appear here?`, labels: [] });
    repo.issues.push({ ...structuredClone(shape), number: 2, state: "open", body: dashboardMarker("steward:ffhq"), user: { ...shape.user, login: BOT, type: "Bot" }, labels: [] });
    expect(shape.user.type).toBe("User");
    const body = renderOrgDashboard(report, { publicAudience: true });
    expect(await upsertDashboardIssue(octokit(), input(body))).toEqual({ action: "created", number: 3 });
    expect(repo.issues.find((i) => i.number === 1)!.body).toContain("Why does");
  });

  it("two concurrent runs under the lock create one issue; the injected lock is keyed by repository", async () => {
    const gh = fake();
    const body = renderOrgDashboard(report, { publicAudience: true });
    const queue = new KeyedQueue();
    const keys: string[] = [];
    const lock: Lock = (key, job) => {
      keys.push(key);
      return queue.run(key, job);
    };
    const [a, b] = await Promise.all([upsertDashboardIssue(octokit(), { ...input(body), lock }), upsertDashboardIssue(octokit(), { ...input(body), lock })]);
    expect([a.action, b.action].sort()).toEqual(["created", "unchanged"]);
    expect(gh.repo("acme/.github").issues).toHaveLength(1);
    expect(keys).toEqual(["acme/.github", "acme/.github"]);
    // Without serialisation both runs list before either creates: the duplicate the lock prevents.
    nock.cleanAll();
    const gh2 = fake();
    const none: Lock = (_key, job) => job();
    await Promise.all([upsertDashboardIssue(octokit(), { ...input(body), lock: none }), upsertDashboardIssue(octokit(), { ...input(body), lock: none })]);
    expect(gh2.repo("acme/.github").issues).toHaveLength(2);
  });

  it("refuses a body over the limit or without its marker, before any request", async () => {
    const gh = fake();
    await expect(upsertDashboardIssue(octokit(), input("no marker"))).rejects.toThrow(/marker/);
    await expect(upsertDashboardIssue(octokit(), input(`${orgDashboardMarker(report)}${"x".repeat(ISSUE_BODY_MAX)}`))).rejects.toThrow(RangeError);
    expect(gh.log).toHaveLength(0);
  });
});

describe("pickDashboardIssue", () => {
  it("takes the app's marked issue, open before closed, oldest first; never a PR, never another bot's", () => {
    const m = dashboardMarker("org:acme");
    const bot = { login: "carryover[bot]", type: "Bot" };
    const issues = [
      { number: 1, state: "open", body: m, user: { login: "renovate[bot]", type: "Bot" } },
      { number: 2, state: "closed", body: m, user: bot },
      { number: 3, state: "open", body: m, user: bot, pull_request: {} },
      { number: 4, state: "open", body: m, user: bot },
    ];
    expect(pickDashboardIssue(issues, m, "carryover[bot]")?.number).toBe(4);
    expect(pickDashboardIssue(issues.slice(0, 3), m, "carryover[bot]")?.number).toBe(2);
    expect(pickDashboardIssue(issues, dashboardMarker("org:other"))).toBeUndefined();
  });
});
