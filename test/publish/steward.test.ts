import { ProbotOctokit } from "probot";
import { beforeAll, describe, expect, it } from "vitest";
import type { AuditReport } from "../../src/audit/types.js";
import { parseState, upsertDashboardIssue } from "../../src/publish/dashboard.js";
import {
  renderStewardDashboard,
  stewardDerivatives,
  stewardHasNews,
  stewardMarker,
  stewardTitle,
  type HfModelInfo,
  type HfModelLister,
} from "../../src/publish/steward.js";
import { ISSUE_BODY_MAX } from "../../src/publish/summary.js";
import { loadRegistry } from "../../src/resolve/registry.js";
import { FakeGitHub } from "../app/fake-github.js";
import { installNock } from "../app/fake-nock.js";
import { auditOf, MIT, WEIGHTS_FILE } from "../audit/helpers.js";

const registry = loadRegistry();
const readme = (text: string) => ({ LICENSE: MIT, ...WEIGHTS_FILE, "README.md": `# Model\n\n${text}\n` });
const NC_SA = `Creative Commons Attribution-NonCommercial-ShareAlike 4.0 International Public License\n`;

let report: AuditReport;
beforeAll(async () => {
  report = await auditOf("acme", [
    { name: "arcface", files: readme("The released ArcFace checkpoint was trained on MS1MV2.") },
    { name: "celeb-direct", files: readme("The released checkpoint was trained on MS-Celeb-1M.") },
    { name: "private-face", private: true, files: readme("The released checkpoint was trained on MS1MV2.") },
    { name: "eval-only", files: { LICENSE: MIT, "README.md": "# Bench\n\nThe model here was trained on FFHQ. We evaluate it on MS1MV2 (LFW protocol).\n" } },
    { name: "ffhq-gan", files: readme("The released checkpoint was trained on FFHQ.") },
    { name: "ffhq-gan-nc", files: { "LICENSE": NC_SA, ...WEIGHTS_FILE, "README.md": "# GAN\n\nThe released checkpoint was trained on FFHQ. Weights are under CC BY-NC-SA 4.0.\n" } },
  ]);
});

/** A fake of the HF helper's lister: models per HF dataset id, in the shape the Hub's model list gives. */
function fakeHf(byDataset: Record<string, HfModelInfo[]>, failing: string[] = []): HfModelLister & { calls: string[] } {
  const calls: string[] = [];
  const fn = async (id: string) => {
    calls.push(id);
    if (failing.includes(id)) throw new Error(`HTTP 429 from huggingface.co for ${id}`);
    return byDataset[id] ?? [];
  };
  return Object.assign(fn, { calls });
}
const model = (id: string, license: string | null, lastModified: string, extra: Partial<HfModelInfo> = {}): HfModelInfo => ({
  id,
  private: false,
  gated: false,
  license,
  lastModified,
  datasets: ["nuwandaa/ffhq128"],
  ...extra,
});

describe("stewardDerivatives", () => {
  it("public repositories that train on the dataset or a dataset derived from it, with the path and the verdict", async () => {
    const found = await stewardDerivatives("ms-celeb-1m", registry, { reports: [report] });
    expect(found.derivatives.map((d) => d.id).sort()).toEqual(["acme/arcface", "acme/celeb-direct"]);
    const arc = found.derivatives.find((d) => d.id === "acme/arcface")!;
    expect(arc).toMatchObject({ kind: "github", path: ["ms1mv2", "ms-celeb-1m"], license: "MIT", url: "https://github.com/acme/arcface" });
    // The finding about MS-Celeb-1M itself (retracted) decides; MS1MV2's own non-commercial terms are InsightFace's, not the steward's.
    expect(arc.reasons).toContain("retracted-dataset");
    expect(arc.reasons).not.toContain("noncommercial-not-carried-over");
    expect(arc.verdict).toBe(report.repositories[0]!.result!.findings.find((f) => f.rule === "retracted-dataset")!.severity);
    expect(found.derivatives.find((d) => d.id === "acme/celeb-direct")!.path).toEqual(["ms-celeb-1m"]);
  });

  it("Hugging Face models: public only (gated kept and marked), graded on their license, failures kept", async () => {
    const hf = fakeHf({
      "nuwandaa/ffhq128": [
        model("someone/ffhq-stylegan", "apache-2.0", "2026-10-02T10:00:00.000Z"),
        model("lab/ffhq-nc", "cc-by-nc-sa-4.0", "2026-09-01T10:00:00.000Z"),
        model("lab/ffhq-private", "mit", "2026-11-01T10:00:00.000Z", { private: true }),
        model("corp/ffhq-gated", "other", "2026-08-01T10:00:00.000Z", { gated: "manual" }),
        model("nvidia/ffhq-official", "apache-2.0", "2026-07-01T10:00:00.000Z"),
      ],
    });
    const found = await stewardDerivatives("ffhq", registry, { reports: [report], hfModels: hf });
    expect(hf.calls).toEqual(["nuwandaa/ffhq128"]);
    const ids = found.derivatives.map((d) => d.id);
    expect(ids).not.toContain("lab/ffhq-private");
    const byId = Object.fromEntries(found.derivatives.map((d) => [d.id, d]));
    expect(byId["someone/ffhq-stylegan"]).toMatchObject({ kind: "huggingface", verdict: "error", reasons: ["non-commercial not carried", "share-alike not carried"], url: "https://huggingface.co/someone/ffhq-stylegan" });
    expect(byId["lab/ffhq-nc"]).toMatchObject({ verdict: "carries", reasons: [] });
    expect(byId["corp/ffhq-gated"]).toMatchObject({ gated: true, verdict: "error" });
    // FFHQ's licensor publishing models of its own dataset: context, not a dropped term.
    expect(byId["nvidia/ffhq-official"]!.verdict).toBe("info");
    // GitHub repositories from the audit: the MIT one drops the terms, the NC-SA one carries them.
    expect(byId["acme/ffhq-gan"]!.verdict).toBe("error");
    // NC-SA carried; only a note remains (the README does not name FFHQ's license).
    expect(byId["acme/ffhq-gan-nc"]).toMatchObject({ verdict: "info", reasons: ["attribution-missing"], license: "CC-BY-NC-SA-4.0" });
    // Trains on FFHQ but publishes no weights: not a derivative.
    expect(ids).not.toContain("acme/eval-only");
    // Newest first.
    const dates = found.derivatives.map((d) => d.date);
    expect([...dates].sort().reverse()).toEqual(dates);

    const failing = await stewardDerivatives("ffhq", registry, { reports: [], hfModels: fakeHf({}, ["nuwandaa/ffhq128"]) });
    expect(failing.failures).toEqual([{ hfDataset: "nuwandaa/ffhq128", error: "HTTP 429 from huggingface.co for nuwandaa/ffhq128" }]);
  });

  it("asks the lister for the HF ids of every registry dataset derived from the stewarded one", async () => {
    const hf = fakeHf({});
    await stewardDerivatives("laion-5b", registry, { reports: [], hfModels: hf });
    const expected = registry
      .all()
      .filter((d) => registry.resolve(d.id).lineage.some((x) => x.id === "laion-5b"))
      .flatMap((d) => d.hf);
    expect(expected.length).toBeGreaterThan(3);
    expect([...hf.calls].sort()).toEqual([...expected].sort());
    await expect(stewardDerivatives("no-such-dataset", registry, { reports: [] })).rejects.toThrow(/unknown dataset id/);
  });
});

describe("renderStewardDashboard", () => {
  it("calls out a newly found derivative that drops the terms, and one that fixed its license", async () => {
    const first = await stewardDerivatives("ffhq", registry, { reports: [report], hfModels: fakeHf({ "nuwandaa/ffhq128": [model("lab/ffhq-nc", "cc-by-nc-sa-4.0", "2026-09-01T10:00:00.000Z"), model("someone/ffhq-stylegan", "apache-2.0", "2026-10-02T10:00:00.000Z")] }) });
    const body1 = renderStewardDashboard("ffhq", first, null, { registry, registryVersion: "r1" });
    expect(body1.startsWith(stewardMarker("ffhq"))).toBe(true);
    expect(body1).toContain(`# ${stewardTitle("ffhq", registry)}`);
    expect(body1).not.toContain("[!WARNING]"); // first run: nothing to compare with
    expect(body1).toMatch(/\| \[someone\/ffhq-stylegan\]\(https:\/\/huggingface.co\/someone\/ffhq-stylegan\) \(HF model\) \| `apache-2.0` \| `ffhq` \| \*\*error\*\*: non-commercial not carried, share-alike not carried \| 2026-10-02 \|/);
    const state1 = parseState(body1)!;
    expect(state1.entries["hf:someone/ffhq-stylegan"]).toBe("error|apache-2.0");

    // Next run: stylegan relicensed to CC BY-NC-SA; a new model under MIT appeared.
    const second = await stewardDerivatives("ffhq", registry, {
      reports: [report],
      hfModels: fakeHf({ "nuwandaa/ffhq128": [model("lab/ffhq-nc", "cc-by-nc-sa-4.0", "2026-09-01T10:00:00.000Z"), model("someone/ffhq-stylegan", "cc-by-nc-sa-4.0", "2026-11-24T10:00:00.000Z"), model("new/ffhq-mit", "mit", "2026-11-25T10:00:00.000Z")] }),
    });
    expect(stewardHasNews(second.derivatives, state1)).toBe(true);
    expect(stewardHasNews(first.derivatives, state1)).toBe(false);
    const body2 = renderStewardDashboard("ffhq", second, state1, { registry });
    const warn = body2.indexOf("> **1 new derivative drops the terms**");
    expect(warn).toBeGreaterThan(0);
    expect(warn).toBeLessThan(body2.indexOf("## Summary"));
    expect(body2).toContain("> - [new/ffhq-mit](https://huggingface.co/new/ffhq-mit) (HF model): license `mit`, **error**: non-commercial not carried, share-alike not carried");
    expect(body2).toContain("**Fixed since the last run** (the terms now carry over):\n\n- [someone/ffhq-stylegan](https://huggingface.co/someone/ffhq-stylegan) (HF model): license `apache-2.0` → `cc-by-nc-sa-4.0`");
    // The newest derivative is the first table row.
    expect(body2.split("\n").find((l) => l.startsWith("| ["))).toContain("new/ffhq-mit");
  });

  it("stays under the issue limit with thousands of derivatives", async () => {
    const models = Array.from({ length: 3000 }, (_, i) => model(`user${i}/ffhq-model-${i}`, i % 2 ? "mit" : "cc-by-nc-sa-4.0", new Date(Date.UTC(2026, 0, 1) + i * 3600_000).toISOString()));
    const found = await stewardDerivatives("ffhq", registry, { reports: [], hfModels: fakeHf({ "nuwandaa/ffhq128": models }) });
    const body = renderStewardDashboard("ffhq", found, null, { registry });
    expect(body.length).toBeLessThanOrEqual(ISSUE_BODY_MAX);
    const rows = body.split("\n").filter((l) => l.startsWith("| [user")).length;
    const more = Number(/\| … and (\d+) more \|/.exec(body)![1]);
    expect(rows + more).toBe(3000);
    const state = parseState(body)!;
    expect(Object.keys(state.entries).length + state.omitted).toBe(3000);
  });

  it("one issue per stewarded dataset, each found again by its own marker", async () => {
    const gh = new FakeGitHub();
    gh.addRepo("acme/datasets", { "README.md": "# datasets\n" });
    installNock(gh);
    const octokit = new ProbotOctokit({ auth: { token: "ghs_test" }, retry: { enabled: false }, throttle: { enabled: false } });
    const post = async (id: string) => {
      const found = await stewardDerivatives(id, registry, { reports: [report] });
      return upsertDashboardIssue(octokit, { owner: "acme", repo: "datasets", title: stewardTitle(id, registry), body: renderStewardDashboard(id, found, null, { registry }), marker: stewardMarker(id), creator: "carryover[bot]" });
    };
    expect(await post("ffhq")).toEqual({ action: "created", number: 1 });
    expect(await post("ms-celeb-1m")).toEqual({ action: "created", number: 2 });
    expect(await post("ffhq")).toEqual({ action: "unchanged", number: 1 });
    expect(gh.repo("acme/datasets").issues.map((i) => i.title)).toEqual([stewardTitle("ffhq", registry), stewardTitle("ms-celeb-1m", registry)]);
  });
});
