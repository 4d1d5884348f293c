/**
 * The app's org audits end to end: a recorded `installation.created` payload, the fake GitHub
 * (nock), the real pipeline, the in-process queues and an injected clock (no real timer).
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import nock from "nock";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseDocument } from "yaml";
import { scanSource } from "../../src/core/pipeline.js";
import { loadReport, type OrgAuditJob } from "../../src/publish/org-audit.js";
import { pipelineScanner } from "../../src/publish/scanner.js";
import type { Clock, Schedule } from "../../src/publish/schedule.js";
import { memoryBackend, type MemoryKeyValue } from "../../src/queue/memory.js";
import { defaultRegistryDir, loadRegistry, type Registry } from "../../src/resolve/registry.js";
import { MIT } from "../helpers/rule-tester.js";
import { examplePayload, type Files } from "./fake-github.js";
import { setup } from "./helpers.js";

const OWNER = "Codertocat";
const HOUR = 3600_000;
const WEIGHTS = { "checkpoints/model.pth": new Uint8Array([1, 2, 3, 4]) };
const NC_SA = "Creative Commons Attribution-NonCommercial-ShareAlike 4.0 International Public License\n";
const model = (readme: string, license = MIT): Files => ({ LICENSE: license, ...WEIGHTS, "README.md": `# Model\n\n${readme}\n` });

/** A clock whose timers fire only when the test advances it. */
function fakeClock(start = Date.UTC(2026, 10, 23, 8, 30)): Clock & { advance(ms: number): void; pending(): number } {
  let t = start;
  let timers: { at: number; fn: () => void; h: number }[] = [];
  let next = 1;
  return {
    now: () => t,
    setTimeout: (fn, ms) => {
      timers.push({ at: t + ms, fn, h: next });
      return next++;
    },
    clearTimeout: (h) => {
      timers = timers.filter((x) => x.h !== h);
    },
    advance(ms) {
      t += ms;
      const due = timers.filter((x) => x.at <= t);
      timers = timers.filter((x) => x.at > t);
      for (const d of due) d.fn();
    },
    pending: () => timers.length,
  };
}

/** An app with org audits on: the real pipeline with `registry()`, a fake clock, the audit queue exposed. */
async function auditApp(opts: { registry: () => Registry; hf?: boolean; dashboardRepo?: string }) {
  const clock = fakeClock();
  const auditBackend = memoryBackend<OrgAuditJob>();
  let schedule: Schedule | undefined;
  const ctx = await setup({
    scan: pipelineScanner((source) => scanSource(source, { registry: opts.registry(), today: "2026-11-23" }), { baseModelCards: null }),
    registry: async () => opts.registry(),
    audits: {
      clock,
      backend: auditBackend,
      intervalHours: 24,
      pollMs: 5,
      ...(opts.hf ? {} : { hfModels: null }),
      ...(opts.dashboardRepo ? { dashboardRepo: opts.dashboardRepo } : {}),
      onSchedule: (s) => (schedule = s),
    },
  });
  const settle = async () => {
    await schedule!.settled();
    await auditBackend.queue.idle();
    await ctx.backend.queue.idle();
  };
  const install = async (id = "inst-1") => {
    await ctx.probot.receive({ id, name: "installation", payload: examplePayload("installation", (x) => x.action === "created") as never });
    await settle();
  };
  await settle();
  return { ...ctx, clock, schedule: () => schedule!, settle, install, auditBackend };
}

/** Scan requests (the recursive tree listing) per repository since `from`. */
function scansSince(gh: { log: { method: string; path: string }[] }, from: number): Record<string, number> {
  const out: Record<string, number> = {};
  for (const l of gh.log.slice(from)) {
    const m = /^\/repos\/([^/]+\/[^/]+)\/git\/trees\/.*recursive=1/.exec(l.path);
    if (m) out[m[1]!] = (out[m[1]!] ?? 0) + 1;
  }
  return out;
}

const bundled = loadRegistry();

describe("scheduled org audit and the org dashboard", () => {
  it("installation.created audits every covered repository through the queue and writes one dashboard; the next bucket's audit updates it in place", async () => {
    const { gh, install, clock, settle, backend, logs } = await auditApp({ registry: () => bundled });
    gh.addRepo(`${OWNER}/.github`, { "profile/README.md": "# Codertocat\n" });
    gh.addRepo(`${OWNER}/face-gan`, model("The released checkpoint was trained on CelebA-HQ at 1024x1024."));
    gh.addRepo(`${OWNER}/clean`, { "README.md": "# Tools\n\nNo models here.\n" });
    gh.addRepo(`${OWNER}/secret-faces`, model("The released checkpoint was trained on MS1MV2."), { private: true });

    await install();
    // The audit published tracking issues (the `audit` jobs of `carryover audit --publish`), private repositories included.
    expect(gh.repo(`${OWNER}/face-gan`).issues).toHaveLength(1);
    expect(gh.repo(`${OWNER}/secret-faces`).issues).toHaveLength(1);
    expect(gh.repo(`${OWNER}/face-gan`).checkRuns).toHaveLength(1);
    expect(scansSince(gh, 0)).toEqual({ [`${OWNER}/.github`]: 1, [`${OWNER}/face-gan`]: 1, [`${OWNER}/clean`]: 1, [`${OWNER}/secret-faces`]: 1 });

    const dash = gh.repo(`${OWNER}/.github`).issues;
    expect(dash).toHaveLength(1);
    expect(dash[0]!.title).toBe("carryover dashboard: Codertocat");
    expect(dash[0]!.body).toContain("<!-- carryover:dashboard:org:Codertocat -->");
    expect(dash[0]!.body).toContain(`[${OWNER}/face-gan](https://github.com/${OWNER}/face-gan)`);
    // The .github repository is public: the private repository is neither listed nor counted, only stated.
    expect(dash[0]!.body).not.toContain("secret-faces");
    expect(dash[0]!.body).toContain("1 private repository is not listed because this dashboard's repository is public");
    // The stored report covers all four repositories.
    const stored = await loadReport(backend.kv, 957387);
    expect(stored?.repositories.map((r) => r.repository).sort()).toEqual([`${OWNER}/.github`, `${OWNER}/clean`, `${OWNER}/face-gan`, `${OWNER}/secret-faces`]);

    // A replica's tick inside the same bucket adds nothing; the next bucket (24 h later) audits again.
    const sha2 = gh.setFiles(`${OWNER}/clean`, model("The released checkpoint was trained on FFHQ."));
    gh.moveDefaultBranch(`${OWNER}/clean`, sha2);
    const mark = gh.log.length;
    clock.advance(HOUR);
    await settle();
    expect(scansSince(gh, mark)).toEqual({});
    clock.advance(24 * HOUR);
    await settle();
    // Only the repository whose head moved is scanned again: the others' jobs are recorded.
    expect(scansSince(gh, mark)).toEqual({ [`${OWNER}/clean`]: 1 });
    expect(dash).toHaveLength(1);
    expect(gh.count("POST", new RegExp(`^/repos/${OWNER}/\\.github/issues$`))).toBe(1);
    expect(gh.count("PATCH", new RegExp(`^/repos/${OWNER}/\\.github/issues/1$`))).toBe(1);
    expect(dash[0]!.body).toContain(`**new** [${OWNER}/clean]`);
    expect(logs.text()).toMatch(/scheduled audit queued/);
    // The dashboard is looked up among the app's own issues: creator = `<slug>[bot]` from GET /app (asked once).
    expect(gh.count("GET", /^\/app$/)).toBe(1);
    const dashboardLists = gh.log.filter((l) => l.method === "GET" && l.path.startsWith(`/repos/${OWNER}/.github/issues?`) && !l.path.includes("labels=carryover"));
    expect(dashboardLists.map((l) => new URL(l.path, "https://x").searchParams.get("creator"))).toEqual(["carryover[bot]", "carryover[bot]"]);
  });

  it("CARRYOVER_DASHBOARD_REPO names the dashboard repository; a private one lists private repositories too", async () => {
    const a = await auditApp({ registry: () => bundled, dashboardRepo: "compliance" });
    a.gh.addRepo(`${OWNER}/compliance`, { "README.md": "# Compliance\n" }, { private: true });
    a.gh.addRepo(`${OWNER}/secret-faces`, model("The released checkpoint was trained on MS1MV2."), { private: true });
    await a.install();
    const body = a.gh.repo(`${OWNER}/compliance`).issues[0]!.body as string;
    expect(body).toContain(`${OWNER}/secret-faces`);
    expect(body).not.toContain("not listed");
  });

  it("a dashboard repository the installation does not cover is logged and skipped", async () => {
    const b = await auditApp({ registry: () => bundled, dashboardRepo: "elsewhere/dash" });
    b.gh.addRepo(`${OWNER}/face-gan`, model("The released checkpoint was trained on CelebA-HQ."));
    await b.install();
    expect(b.gh.repo(`${OWNER}/face-gan`).issues).toHaveLength(1);
    expect(b.logs.text()).toMatch(/dashboard repository not covered by the installation/);
    expect(b.gh.log.some((l) => l.path.startsWith("/repos/elsewhere/"))).toBe(false);
  });
});

describe("registry change → re-audit of exactly the affected repositories", () => {
  let dir: string;
  let retracted: Registry;
  beforeAll(() => {
    // Test fixture: a copy of rules/datasets in which CelebA is marked retracted. Not a claim about CelebA.
    dir = mkdtempSync(path.join(tmpdir(), "carryover-app-registry-"));
    cpSync(fileURLToPath(defaultRegistryDir()), dir, { recursive: true });
    const file = path.join(dir, "celeba.yml");
    const doc = parseDocument(readFileSync(file, "utf8"));
    doc.setIn(["status", "state"], "retracted");
    doc.setIn(["status", "date"], "2026-11-01");
    doc.setIn(["status", "statement"], "Test fixture: the maintainers withdrew the dataset.");
    doc.setIn(["status", "url"], "https://example.org/celeba-withdrawn");
    writeFileSync(file, doc.toString());
    retracted = loadRegistry(dir);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("re-scans the repositories deriving from the retracted dataset, quotes the retraction in their tracking issues, and scans nothing else", async () => {
    let registry = bundled;
    const { gh, install, clock, settle, backend } = await auditApp({ registry: () => registry });
    gh.addRepo(`${OWNER}/.github`, { "profile/README.md": "# Codertocat\n" });
    gh.addRepo(`${OWNER}/face-gan`, model("The released checkpoint was trained on CelebA-HQ at 1024x1024."));
    gh.addRepo(`${OWNER}/attributes`, model("The released classifier was trained on CelebA."));
    gh.addRepo(`${OWNER}/ffhq-gan`, model("The released checkpoint was trained on FFHQ."));
    gh.addRepo(`${OWNER}/face-metrics`, { LICENSE: MIT, "README.md": "# Metrics\n\nThe model here was trained on FFHQ. We evaluate it on CelebA-HQ to report FID.\n" });
    await install();
    expect(retracted.version).not.toBe(bundled.version);
    const before = gh.repo(`${OWNER}/face-gan`).issues[0]!.body as string;
    expect(before).not.toContain("withdrew");

    // The registry is updated (a deploy); the next hourly tick checks it, inside the same audit bucket.
    registry = retracted;
    const mark = gh.log.length;
    clock.advance(HOUR);
    await settle();
    expect(scansSince(gh, mark)).toEqual({ [`${OWNER}/face-gan`]: 1, [`${OWNER}/attributes`]: 1 });
    for (const repo of ["face-gan", "attributes"]) {
      const issues = gh.repo(`${OWNER}/${repo}`).issues;
      expect(issues).toHaveLength(1);
      expect(issues[0]!.body).toContain("Test fixture: the maintainers withdrew the dataset.");
      expect(issues[0]!.body).toContain("https://example.org/celeba-withdrawn");
      expect(issues[0]!.body).toContain("retracted-dataset");
    }
    // The dashboard was refreshed from the merged report, in place.
    const dash = gh.repo(`${OWNER}/.github`).issues;
    expect(dash).toHaveLength(1);
    expect(dash[0]!.body).toContain("the dataset registry changed since the last audit");
    const stored = await loadReport(backend.kv, 957387);
    expect(stored?.registryVersion).toBe(retracted.version);
    expect(stored?.repositories).toHaveLength(5);

    // Checked again: nothing left to re-audit.
    const mark2 = gh.log.length;
    clock.advance(HOUR);
    await settle();
    expect(scansSince(gh, mark2)).toEqual({});
  });

  it("without a stored report (the in-process store after a restart), the dashboard's state block tells the registry changed: one full re-audit", async () => {
    let registry = bundled;
    const { gh, install, clock, settle, backend, logs } = await auditApp({ registry: () => registry });
    gh.addRepo(`${OWNER}/.github`, { "profile/README.md": "# Codertocat\n" });
    gh.addRepo(`${OWNER}/attributes`, model("The released classifier was trained on CelebA."));
    gh.addRepo(`${OWNER}/ffhq-gan`, model("The released checkpoint was trained on FFHQ."));
    await install();
    expect(gh.repo(`${OWNER}/.github`).issues[0]!.body).toContain(`"registry":"${bundled.version}"`);
    (backend.kv as MemoryKeyValue).values.clear();
    registry = retracted;
    const mark = gh.log.length;
    clock.advance(HOUR);
    await settle();
    // No lineage to compare with: everything is audited again with the new registry.
    expect(scansSince(gh, mark)).toEqual({ [`${OWNER}/.github`]: 1, [`${OWNER}/attributes`]: 1, [`${OWNER}/ffhq-gan`]: 1 });
    expect(gh.repo(`${OWNER}/attributes`).issues[0]!.body).toContain("Test fixture: the maintainers withdrew the dataset.");
    expect(logs.text()).toMatch(/registry changed since the dashboard's audit \(no stored report\): full re-audit queued/);
    expect(gh.repo(`${OWNER}/.github`).issues).toHaveLength(1);
    // Once: the next tick has the new report.
    const mark2 = gh.log.length;
    clock.advance(HOUR);
    await settle();
    expect(scansSince(gh, mark2)).toEqual({});
  });

  it("an uninstalled installation's report is dropped: a later registry change queues nothing for it", async () => {
    let registry = bundled;
    const { gh, install, clock, settle, backend, probot, logs } = await auditApp({ registry: () => registry });
    gh.addRepo(`${OWNER}/attributes`, model("The released classifier was trained on CelebA."));
    await install();
    expect(await loadReport(backend.kv, 957387)).toBeDefined();
    const deleted = examplePayload("installation", (x) => x.action === "deleted");
    deleted.installation.id = 957387;
    await probot.receive({ id: "del-1", name: "installation", payload: deleted as never });
    expect(await loadReport(backend.kv, 957387)).toBeUndefined();
    registry = retracted;
    gh.installations = [];
    const mark = gh.log.length;
    clock.advance(HOUR);
    await settle();
    expect(logs.text()).toMatch(/stored audit report dropped/);
    expect(logs.text()).not.toMatch(/registry changed: re-audit queued/);
    expect(scansSince(gh, mark)).toEqual({});
  });
});

describe("steward dashboards", () => {
  /** The Hub's model list (shape of test/sources/fixtures/hf/models-by-dataset.json) for `dataset:nuwandaa/ffhq128`; [] for other ids. */
  function hub(): string[] {
    const asked: string[] = [];
    const hfModel = (id: string, priv: boolean, license: string) => ({
      _id: "65a1f0c2e3d4b5a6978812ab",
      id,
      private: priv,
      pipeline_tag: "unconditional-image-generation",
      gated: false,
      downloads: 10,
      likes: 0,
      lastModified: "2026-10-02T09:00:00.000Z",
      tags: ["pytorch", "dataset:nuwandaa/ffhq128", `license:${license}`],
      cardData: { license, datasets: ["nuwandaa/ffhq128"] },
    });
    nock("https://huggingface.co")
      .persist()
      .get("/api/models")
      .query(true)
      .reply((uri) => {
        const filter = new URL(uri, "https://huggingface.co").searchParams.get("filter") ?? "";
        asked.push(filter);
        const body = filter === "dataset:nuwandaa/ffhq128" ? [hfModel("someone/ffhq-stylegan", false, "apache-2.0"), hfModel("someone/private-ffhq", true, "mit")] : [];
        return [200, body, { "content-type": "application/json" }];
      });
    return asked;
  }

  it("lists public derivatives only, and calls out a derivative that fixed its license on the next audit", async () => {
    const asked = hub();
    const { gh, install, clock, settle } = await auditApp({ registry: () => bundled, hf: true });
    gh.addRepo(`${OWNER}/ffhq-dataset`, { "README.md": "# FFHQ\n\nThe dataset.\n", ".github/carryover.yml": "steward: [ffhq]\n" });
    gh.addRepo(`${OWNER}/ffhq-gan`, model("The released checkpoint was trained on FFHQ."));
    gh.addRepo(`${OWNER}/ffhq-private`, model("The released checkpoint was trained on FFHQ."), { private: true });
    await install();

    expect(asked).toContain("dataset:nuwandaa/ffhq128");
    const issues = gh.repo(`${OWNER}/ffhq-dataset`).issues;
    expect(issues).toHaveLength(1);
    const body1 = issues[0]!.body as string;
    expect(issues[0]!.title).toBe("Derivatives of FFHQ (Flickr-Faces-HQ)");
    expect(body1).toContain("<!-- carryover:dashboard:steward:ffhq -->");
    expect(body1).toMatch(new RegExp(`\\| \\[${OWNER}/ffhq-gan\\]\\(https://github.com/${OWNER}/ffhq-gan\\) \\| \`MIT\` \\| \`ffhq\` \\| \\*\\*error\\*\\*`));
    expect(body1).toContain("[someone/ffhq-stylegan](https://huggingface.co/someone/ffhq-stylegan) (HF model)");
    // Never a private repository, never a private model.
    expect(body1).not.toContain("ffhq-private");
    expect(body1).not.toContain("someone/private-ffhq");

    // The derivative relicenses its weights under the dataset's terms; the next scheduled audit sees it.
    const fixed = gh.setFiles(`${OWNER}/ffhq-gan`, model("The released checkpoint was trained on FFHQ. Weights are under CC BY-NC-SA 4.0.", NC_SA));
    gh.moveDefaultBranch(`${OWNER}/ffhq-gan`, fixed);
    clock.advance(24 * HOUR);
    await settle();
    expect(issues).toHaveLength(1);
    const body2 = issues[0]!.body as string;
    expect(body2).toContain(`**Fixed since the last run** (the terms now carry over):\n\n- [${OWNER}/ffhq-gan](https://github.com/${OWNER}/ffhq-gan): license \`MIT\` →`);
    // No longer an error or a warning: a note about attribution at most.
    expect(body2).toMatch(new RegExp(`\\| \\[${OWNER}/ffhq-gan\\]\\(https://github.com/${OWNER}/ffhq-gan\\) \\| \`CC-BY-NC-SA-4.0\` \\| \`ffhq\` \\| (carries the terms|note[^|]*) \\| 2026-11-24 \\|`));
    expect(body2).toContain("- 1 drop the terms, 0 may drop them, 1 carry them");
    expect(body2).not.toContain("ffhq-private");
  });

  it("a failing Hub look-up is listed on the dashboard, and the GitHub derivatives are still there", async () => {
    nock("https://huggingface.co").persist().get("/api/models").query(true).reply(503, JSON.stringify({ error: "Service Unavailable" }), { "content-type": "application/json" });
    const { gh, install } = await auditApp({ registry: () => bundled, hf: true });
    gh.addRepo(`${OWNER}/ffhq-dataset`, { "README.md": "# FFHQ\n", ".github/carryover.yml": "steward: [ffhq]\n" });
    gh.addRepo(`${OWNER}/ffhq-gan`, model("The released checkpoint was trained on FFHQ."));
    await install();
    const body = gh.repo(`${OWNER}/ffhq-dataset`).issues[0]!.body as string;
    expect(body).toContain("## Look-ups that failed");
    expect(body).toContain("Hugging Face models of `nuwandaa/ffhq128`");
    expect(body).toContain(`${OWNER}/ffhq-gan`);
  });
});
