import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseDocument } from "yaml";
import { affectedRepositories, lineageChanges, registryChanges, type RegistryChange } from "../../src/audit/affected.js";
import { defaultRegistryDir, loadRegistry, type Registry } from "../../src/resolve/registry.js";
import { fileURLToPath } from "node:url";
import { auditOf, MIT, WEIGHTS_FILE } from "./helpers.js";

/**
 * Two real registries: the bundled rules/datasets, and a copy in a temp dir with hypothetical
 * edits written into the YAML (a test fixture, not a claim about these datasets): CelebA marked
 * retracted, and Places365 given a share-alike clause, a new license and a statement on models.
 */
let dir: string;
let before: Registry;
let after: Registry;

function edit(file: string, change: (doc: ReturnType<typeof parseDocument>) => void): void {
  const p = path.join(dir, file);
  const doc = parseDocument(readFileSync(p, "utf8"));
  change(doc);
  writeFileSync(p, doc.toString());
}

beforeAll(() => {
  before = loadRegistry();
  dir = mkdtempSync(path.join(tmpdir(), "carryover-affected-"));
  cpSync(fileURLToPath(defaultRegistryDir()), dir, { recursive: true });
  edit("celeba.yml", (doc) => {
    doc.setIn(["status", "state"], "retracted");
    doc.setIn(["status", "date"], "2026-10-01");
    doc.setIn(["status", "statement"], "Test fixture: the maintainers withdrew the dataset.");
    doc.setIn(["status", "url"], "https://example.org/celeba-withdrawn");
  });
  edit("places365.yml", (doc) => {
    doc.setIn(["terms", "share_alike"], true);
    doc.setIn(["license", "spdx"], "CC-BY-SA-4.0");
    doc.setIn(["license", "quote"], "Test fixture: ShareAlike.");
    doc.setIn(["terms", "models", "says"], true);
    doc.setIn(["terms", "models", "restriction"], "same-license");
    doc.setIn(["terms", "models", "quote"], "Test fixture: models trained on Places carry its license.");
    doc.setIn(["terms", "models", "source"], "https://example.org/places-models");
  });
  after = loadRegistry(dir);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("registryChanges", () => {
  it("finds exactly the edited datasets, each with its new statement and source", () => {
    const changes = registryChanges(before, after);
    expect(changes.map((c) => c.id)).toEqual(["celeba", "places365"]);
    const celeba = changes[0]!;
    expect(celeba).toMatchObject({
      kinds: ["status"],
      status: { from: "active", to: "retracted" },
      clausesAdded: [],
      statement: "Test fixture: the maintainers withdrew the dataset.",
      source: "https://example.org/celeba-withdrawn",
    });
    const places = changes[1]!;
    expect(places.kinds).toEqual(["clauses", "license", "models"]);
    expect(places.clausesAdded).toEqual(["share-alike"]);
    expect(places.license).toEqual({ from: null, to: "CC-BY-SA-4.0" });
    expect(places.models).toEqual({ from: "silent unclear", to: "says same-license" });
    expect(places).toMatchObject({ statement: "Test fixture: models trained on Places carry its license.", source: "https://example.org/places-models" });
  });

  it("a registry compared with itself has no changes; relaxations and reinstatements are not changes", () => {
    expect(registryChanges(before, before)).toEqual([]);
    // Reverse direction: CelebA back to active and Places losing its clause are not reported,
    // but the license and models statement still differ, so Places is (without clauses).
    const back = registryChanges(after, before);
    expect(back.map((c) => c.id)).toEqual(["places365"]);
    expect(back[0]!.kinds).toEqual(["license", "models"]);
  });
});

describe("affectedRepositories", () => {
  it("lists exactly the repository that trains on a derivative of the retracted dataset, with the path", async () => {
    // Scanned with the registry as it was; the update arrives afterwards.
    const report = await auditOf(
      "acme",
      [
        { name: "face-gan", files: { LICENSE: MIT, ...WEIGHTS_FILE, "README.md": "# Face GAN\n\nThe released checkpoint was trained on CelebA-HQ at 1024x1024.\n" } },
        { name: "ffhq-gan", files: { LICENSE: MIT, ...WEIGHTS_FILE, "README.md": "# FFHQ GAN\n\nThe released checkpoint was trained on FFHQ.\n" } },
        {
          name: "face-metrics",
          files: { LICENSE: MIT, "README.md": "# Face metrics\n\nThe model in this repository was trained on FFHQ. We evaluate it on CelebA-HQ to report FID.\n" },
        },
        { name: "broken", error: "listing failed: 502" },
      ],
      before,
    );
    // The evaluation-only repository does name CelebA-HQ (and its lineage reaches CelebA).
    const metrics = report.repositories.find((r) => r.repository === "acme/face-metrics")!.result!;
    expect(metrics.datasets.some((d) => d.id === "celeba-hq" && d.role === "evaluation")).toBe(true);
    expect(metrics.lineage["celeba"]).toBeDefined();

    const changes = registryChanges(before, after);
    const affected = affectedRepositories(changes, report);
    expect(affected.map((a) => a.repository)).toEqual(["acme/face-gan"]);
    expect(affected[0]!.derivations).toEqual([
      { change: "celeba", dataset: "celeba-hq", path: ["celeba-hq", "celeba"], evidence: expect.objectContaining({ path: "README.md", line: 3 }) },
    ]);
  });

  it("a repository naming the changed dataset itself has a one-element path; no changes, no repositories", async () => {
    const report = await auditOf("acme", [{ name: "attr", files: { LICENSE: MIT, ...WEIGHTS_FILE, "README.md": "# Attributes\n\nTrained on CelebA.\n" } }], before);
    const changes = registryChanges(before, after);
    expect(affectedRepositories(changes, report)[0]!.derivations.map((d) => d.path)).toEqual([["celeba"]]);
    expect(affectedRepositories([], report)).toEqual([]);
    const onlyPlaces: RegistryChange[] = changes.filter((c) => c.id === "places365");
    expect(affectedRepositories(onlyPlaces, report)).toEqual([]);
  });
});

describe("lineageChanges (the stored report against the registry now)", () => {
  it("finds the repositories whose scanned lineage reaches a dataset whose status changed, with the statement and its source", async () => {
    const report = await auditOf(
      "acme",
      [
        { name: "face-gan", files: { LICENSE: MIT, ...WEIGHTS_FILE, "README.md": "# Face GAN\n\nThe released checkpoint was trained on CelebA-HQ at 1024x1024.\n" } },
        { name: "attr", private: true, files: { LICENSE: MIT, ...WEIGHTS_FILE, "README.md": "# Attributes\n\nTrained on CelebA.\n" } },
        { name: "ffhq-gan", files: { LICENSE: MIT, ...WEIGHTS_FILE, "README.md": "# FFHQ GAN\n\nThe released checkpoint was trained on FFHQ.\n" } },
        { name: "face-metrics", files: { LICENSE: MIT, "README.md": "# Face metrics\n\nThe model in this repository was trained on FFHQ. We evaluate it on CelebA-HQ to report FID.\n" } },
        { name: "broken", error: "listing failed: 502" },
      ],
      before,
    );
    // Compared with the same registry: nothing.
    expect(lineageChanges(report, before)).toEqual([]);
    const changed = lineageChanges(report, after);
    expect(changed.map((a) => a.repository)).toEqual(["acme/attr", "acme/face-gan"]);
    const face = changed.find((a) => a.repository === "acme/face-gan")!;
    expect(face.changes).toEqual([
      {
        dataset: "celeba",
        path: ["celeba-hq", "celeba"],
        kinds: ["status"],
        before: expect.objectContaining({ status: "active" }),
        now: expect.objectContaining({ status: "retracted" }),
        statement: "Test fixture: the maintainers withdrew the dataset.",
        source: "https://example.org/celeba-withdrawn",
      },
    ]);
    expect(changed.find((a) => a.repository === "acme/attr")).toMatchObject({ private: true, changes: [{ dataset: "celeba", path: ["celeba"] }] });
  });

  it("a license change is found from the snapshot alone; a dataset gone from the registry is a change too", async () => {
    const report = await auditOf("acme", [{ name: "scenes", files: { LICENSE: MIT, ...WEIGHTS_FILE, "README.md": "# Scenes\n\nThe released checkpoint was trained on Places365.\n" } }], before);
    const [scenes] = lineageChanges(report, after);
    expect(scenes!.changes[0]).toMatchObject({ dataset: "places365", kinds: ["license"], now: { license: "CC-BY-SA-4.0" }, statement: "Test fixture: ShareAlike." });
    // The stored lineage names a dataset the registry no longer has (a hand-edited snapshot stands in for a removal).
    const r = structuredClone(report);
    const res = r.repositories[0]!.result!;
    res.lineage["places365"] = { ...res.lineage["places365"]!, id: "places365-old" };
    res.lineage["places365-old"] = res.lineage["places365"];
    res.lineage["places365"] = { ...res.lineage["places365"], id: "places365", parents: ["places365-old"] };
    const gone = lineageChanges(r, before)[0]!.changes.find((c) => c.dataset === "places365-old");
    expect(gone).toMatchObject({ kinds: ["removed"], now: null });
  });
});
