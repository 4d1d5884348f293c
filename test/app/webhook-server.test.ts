/**
 * The whole app over HTTP: Probot's `run()` started from environment variables with
 * GHE_HOST/GHE_PROTOCOL pointing at a fake GitHub Enterprise on 127.0.0.1, a webhook
 * signed with HMAC-SHA256 (`X-Hub-Signature-256`), the real pipeline, and the check
 * run and issue landing in the fake.
 */
import { createHmac, randomUUID } from "node:crypto";
import { Writable } from "node:stream";
import pino from "pino";
import { run } from "probot";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { corpusRepoFiles } from "../../bench/github/corpus-repo.js";
import { freePort, startFakeGitHub, type RunningFake } from "../../bench/github/fake-server.js";
import app from "../../src/app.js";
import { examplePayload } from "./fake-github.js";
import { PRIVATE_KEY } from "./helpers.js";
import { corpusAvailable } from "../helpers/corpus.js";

const SECRET = "an-hmac-secret-for-this-test";
const REPO = "Codertocat/Hello-World";

let fake: RunningFake;
let server: Awaited<ReturnType<typeof run>>;
let url: string;
const logLines: string[] = [];

beforeAll(async () => {
  fake = await startFakeGitHub();
  const port = await freePort();
  const log = pino({ level: "debug" }, new Writable({ write: (c: Buffer, _e, cb) => (logLines.push(c.toString()), cb()) }));
  server = await run(app, {
    env: { APP_ID: "42", PRIVATE_KEY, WEBHOOK_SECRET: SECRET, GHE_HOST: fake.host, GHE_PROTOCOL: "http", PORT: String(port), HOST: "127.0.0.1", NODE_ENV: "test" },
    log,
  });
  url = `http://127.0.0.1:${port}/api/github/webhooks`;
});

afterAll(async () => {
  await server?.stop();
  await fake?.close();
});

/** Handlers enqueue and answer at once; the in-process queue then runs the job. Wait for `cond`. */
async function until(cond: () => boolean, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error("timed out waiting for the queued job");
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function send(event: string, payload: unknown, secret = SECRET): Promise<number> {
  const body = JSON.stringify(payload);
  const res = await fetch(url, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "x-github-event": event,
      "x-github-delivery": randomUUID(),
      "x-hub-signature-256": `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`,
    },
    body,
  });
  await res.text();
  return res.status;
}

describe("signed webhook → app on a fake GHE", () => {
  it.skipIf(!corpusAvailable)("serves a pull_request end to end: check run on the base repo, scan in 2 requests through /api/v3 and /api/graphql", async () => {
    const sha = fake.gh.addRepo(REPO, corpusRepoFiles("NVlabs__stylegan2-ada-pytorch"));
    const p = examplePayload("pull_request", (x) => x.action === "opened" && x.installation);
    p.pull_request.head.sha = sha;
    expect(await send("pull_request", p)).toBe(200);
    const runs = fake.gh.repo(REPO).checkRuns;
    await until(() => runs.length > 0);
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ name: "carryover", head_sha: sha, status: "completed" });
    expect(runs[0]!.output.annotations.length).toBeGreaterThan(0);
    expect(fake.gh.log.map((l) => `${l.method} ${l.path.split("?")[0]}`)).toEqual([
      "POST /app/installations/1/access_tokens",
      `GET /repos/${REPO}/git/trees/${sha}`,
      "POST /graphql",
      `POST /repos/${REPO}/check-runs`,
    ]);
  });

  it("rejects a webhook with a wrong signature and does nothing", async () => {
    const before = fake.gh.log.length;
    const p = examplePayload("pull_request", (x) => x.action === "opened" && x.installation);
    expect(await send("pull_request", p, "not-the-secret")).toBe(400);
    expect(fake.gh.log.length).toBe(before);
  });

  it.skipIf(!corpusAvailable)("serves a push to the default branch: one tracking issue", async () => {
    const p = examplePayload("push", (x) => x.ref === "refs/heads/master" && x.installation);
    const sha = fake.gh.setFiles(REPO, corpusRepoFiles("NVlabs__stylegan2-ada-pytorch"));
    p.after = sha;
    p.repository.default_branch = "master";
    expect(await send("push", p)).toBe(200);
    expect(await send("push", p)).toBe(200);
    const issues = fake.gh.repo(REPO).issues;
    await until(() => issues.length > 0);
    // The second delivery of the same commit is the same job: nothing more is published.
    await new Promise((r) => setTimeout(r, 300));
    expect(issues).toHaveLength(1);
    expect(issues[0]!.body).toContain("<!-- carryover:tracking -->");
  });

  it("logs no secret: not the private key, the webhook secret or the installation token", () => {
    const all = logLines.join("\n");
    expect(all.length).toBeGreaterThan(0);
    expect(all).not.toContain(SECRET);
    expect(all).not.toContain("ghs_fake_installation_token");
    expect(all).not.toContain("PRIVATE KEY");
    expect(all).not.toContain(PRIVATE_KEY.split("\n")[1]!);
  });
});
