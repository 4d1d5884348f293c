/**
 * Well-known checkpoints (rules/models/checkpoints.yml): the data a backbone or frozen encoder was trained on is in
 * the lineage of weights that start from it. Fixtures are written for the test.
 */
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { detectKnownCheckpoints, loadKnownCheckpoints } from "../../src/detect/known-checkpoints.js";
import { rulesUrl } from "../../src/core/paths.js";
import { loadRegistry } from "../../src/resolve/registry.js";
import { MIT, scanCase, WEIGHTS } from "../helpers/rule-tester.js";
import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";

const registry = loadRegistry();
const known = (id: string) => registry.get(id) !== undefined;

describe("rules/models/checkpoints.yml", () => {
  it("every entry names registry datasets, an http(s) source, and a verbatim quote when verified", () => {
    const list = loadKnownCheckpoints();
    expect(list.length).toBeGreaterThan(5);
    for (const c of list) {
      for (const d of c.datasets) expect(registry.get(d), `${c.id}: ${d}`).toBeDefined();
      expect(c.source).toMatch(/^https?:\/\//);
      if (c.verified) expect(c.quote, c.id).toBeTruthy();
    }
    expect(readFileSync(rulesUrl("models/checkpoints.yml"), "utf8")).toContain("torchvision");
  });

  it("a bad entry is a clear error naming the entry", () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "cp-"));
    const f = path.join(dir, "checkpoints.yml");
    writeFileSync(f, "- id: broken\n  name: Broken\n  datasets: [imagenet-1k]\n  patterns: ['(unclosed']\n  note: x\n  source: https://example.org\n  verified: false\n");
    expect(() => loadKnownCheckpoints(pathToFileURL(f))).toThrow(/entry 1 \(broken\): pattern "\(unclosed" is not a regular expression/);
    writeFileSync(f, "- id: v\n  name: V\n  datasets: [imagenet-1k]\n  patterns: [x]\n  source: https://example.org\n  verified: true\n");
    expect(() => loadKnownCheckpoints(pathToFileURL(f))).toThrow(/a verified entry quotes its source/);
  });
});

describe("detectKnownCheckpoints", () => {
  it("finds torchvision, Swin-22K, Keras and OpenCLIP checkpoints in code, configs and docs", () => {
    const texts = new Map([
      ["lib/models/resnet.py", "model_urls = {\n    'resnet18': 'https://download.pytorch.org/models/resnet18-5c106cde.pth',\n}\n"],
      ["configs/swin_l.yaml", "MODEL:\n  WEIGHTS: swin_large_patch4_window12_384_22k.pkl\n"],
      ["src/net.py", "base = ResNet50(include_top=False, weights='imagenet')\n"],
      ["configs/sdxl.yaml", "    version: laion2b_s39b_b160k\n"],
      ["README.md", "Set `weights=None` to train from scratch.\n"],
    ]);
    const got = detectKnownCheckpoints(texts, known).map((m) => [m.id, m.evidence.path, m.evidence.line, m.via, m.role]);
    expect(got).toEqual([
      ["imagenet-1k", "lib/models/resnet.py", 2, "known-checkpoint", "training"],
      ["imagenet-21k-fall11", "configs/swin_l.yaml", 2, "known-checkpoint", "training"],
      ["imagenet-1k", "src/net.py", 1, "known-checkpoint", "training"],
      ["laion-5b", "configs/sdxl.yaml", 1, "known-checkpoint", "training"],
    ]);
  });

  it("a training script's backbone choice is a recipe, but a model file named for pre-training is not", () => {
    const texts = new Map([
      ["classify/train.py", "model = torchvision.models.resnet50(weights='IMAGENET1K_V1')\n"],
      ["models/blip_pretrain.py", "url='https://dl.fbaipublicfiles.com/deit/deit_base_patch16_224-b5f2ef4d.pth'\n"],
    ]);
    expect(detectKnownCheckpoints(texts, known).map((m) => m.evidence.path)).toEqual(["models/blip_pretrain.py"]);
  });
});

describe("scan: a backbone checkpoint carries its data", () => {
  it("weights that start from torchvision's ImageNet ResNet get an ImageNet finding naming the checkpoint and its source", async () => {
    const r = await scanCase({
      name: "backbone",
      files: {
        LICENSE: MIT,
        ...WEIGHTS,
        "README.md": "# Lane detector\n\nDownload our model [here](https://github.com/example/lanes/releases/download/v1/lanes.pth).\n",
        "model/backbone.py": "import torchvision\n\ndef resnet(pretrained=True):\n    return torchvision.models.resnet18(weights=torchvision.models.ResNet18_Weights.IMAGENET1K_V1)\n",
      },
    });
    const f = r.findings.find((x) => x.rule === "noncommercial-not-carried-over");
    expect(f).toMatchObject({ dataset: "imagenet-1k", severity: "warning" });
    expect(f!.message).toMatch(/Known from the checkpoint the weights start from: torchvision ImageNet-1K classification weights/);
    expect(f!.sources).toContain("https://pytorch.org/vision/stable/models/generated/torchvision.models.resnet50.html");
    expect(f!.evidence[0]).toMatchObject({ path: "model/backbone.py", line: 4 });
  });

  it("code in a nested folder with its own license is another project's: its backbone is not these weights'", async () => {
    const r = await scanCase({
      name: "licensed-subproject",
      files: {
        LICENSE: MIT,
        ...WEIGHTS,
        "README.md": "# Control\n\nDownload our model [here](https://github.com/example/control/releases/download/v1/control.pth).\n",
        "annotator/lines/LICENSE": "Apache License\nVersion 2.0, January 2004\n",
        "annotator/lines/models/net.py": "url = 'https://download.pytorch.org/models/mobilenet_v2-b0353104.pth'\n",
      },
    });
    expect(r.datasets.filter((m) => m.via === "known-checkpoint")).toEqual([]);
    expect(r.findings.filter((f) => f.dataset === "imagenet-1k")).toEqual([]);
  });

  it("no weights published, no checkpoint lineage", async () => {
    const r = await scanCase({ name: "no-weights", files: { LICENSE: MIT, "net.py": "m = ResNet50(weights='imagenet')\n" } });
    expect(r.datasets.filter((m) => m.via === "known-checkpoint")).toEqual([]);
  });
});
