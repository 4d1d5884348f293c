/**
 * Inferred training data: published weights whose docs never say what trained them. What the docs name outside
 * evaluation stands in for the training data, reported as inferred (at most a warning, low confidence), and only
 * from the docs' own prose, tables and headings. Fixtures are written for the test.
 */
import { describe, expect, it } from "vitest";
import { DEFAULT_CONFIG } from "../../src/config/repo-config.js";
import { MIT, scanCase, WEIGHTS } from "../helpers/rule-tester.js";

const NC = "noncommercial-not-carried-over";

const twoStage = {
  LICENSE: MIT,
  "README.md": [
    "# DriveNet",
    "",
    "DriveNet is trained in two stages; checkpoints of both stages are listed below.",
    "",
    "| Method | config | Download |",
    "| --- | --- | --- |",
    "| DriveNet-B | [stage1](configs/stage1.py) | [ckpt](https://github.com/example/drivenet/releases/download/v1.0/drivenet_stage1.pth) |",
    "",
    "## Data preparation",
    "",
    "Download the nuScenes V1.0 full dataset and the CAN bus expansion, then run the converter.",
    "",
  ].join("\n"),
};

describe("inferred training data", () => {
  it("the only dataset a weights repository's docs name becomes an inferred training use: a warning that says so", async () => {
    const r = await scanCase({ name: "two-stage", files: twoStage });
    const nc = r.findings.filter((f) => f.rule === NC);
    expect(nc.map((f) => [f.dataset, f.severity, f.confidence])).toEqual([["nuscenes", "warning", "low"]]);
    expect(nc[0]!.message).toMatch(/Inferred: no document says what trained the published weights/);
    expect(nc[0]!.evidence[0]).toMatchObject({ path: "README.md", line: 11 });
    expect(nc[0]!.fix).toMatch(/declare what did under `datasets:`/);
    // The repository still hears that it never names its training data.
    expect(r.findings.some((f) => f.rule === "training-data-undeclared")).toBe(true);
  });

  it("policy infer-training: false reports stated training data only", async () => {
    const r = await scanCase({ name: "off", files: twoStage, config: { policy: { ...DEFAULT_CONFIG.policy, inferTraining: false } } });
    expect(r.findings.filter((f) => f.rule === NC)).toEqual([]);
  });

  it("no inference once any dataset is stated as training data: the other names keep their reading", async () => {
    const files = { ...twoStage, "README.md": twoStage["README.md"] + "\nThe released checkpoints were trained on Waymo Open Dataset.\n" };
    const r = await scanCase({ name: "stated", files });
    const nc = r.findings.filter((f) => f.rule === NC);
    expect(nc.map((f) => f.dataset)).toEqual(["waymo-open-dataset"]);
    expect(nc[0]!.message).not.toMatch(/Inferred/);
  });

  it("evaluation mentions and code defaults are not inferred training data", async () => {
    const r = await scanCase({
      name: "eval-and-defaults",
      files: {
        LICENSE: MIT,
        ...WEIGHTS,
        "README.md": "# FaceNet\n\nWe report accuracy on LFW and evaluate on the Cityscapes validation set.\n",
        "train.py": 'parser.add_argument("--dataset", default="cityscapes")\n',
      },
    });
    expect(r.findings.filter((f) => f.rule === NC)).toEqual([]);
  });

  it("no weights, no inference", async () => {
    const r = await scanCase({ name: "no-weights", files: { LICENSE: MIT, "README.md": "# Tools\n\nPreprocessing scripts for nuScenes.\n" } });
    expect(r.findings.filter((f) => f.rule === NC)).toEqual([]);
  });
});

describe("in-tree weights linked by a relative path", () => {
  it("a model-zoo row linking a .7z in the model folder ties its 'Training dataset' cell to the weights", async () => {
    const r = await scanCase({
      name: "7z-row",
      files: {
        LICENSE: MIT,
        "model/sphere20a_20171020.7z": { size: 80_000_000 },
        "README.md": [
          "# SphereFace in PyTorch",
          "",
          "# Pre-trained models",
          "| Model name | LFW accuracy | Training dataset |",
          "|---|---|---|",
          "| [20171020](model/sphere20a_20171020.7z) | 0.9922 | CASIA-WebFace |",
          "",
        ].join("\n"),
      },
    });
    expect(r.weights.map((w) => w.ref)).toEqual(["model/sphere20a_20171020.7z"]);
    const casia = r.datasets.find((m) => m.id === "casia-webface")!;
    expect(casia).toMatchObject({ role: "training", linked: true, evidence: { line: 6 } });
    const nc = r.findings.find((f) => f.rule === NC && f.dataset === "casia-webface");
    expect(nc?.message ?? "").not.toMatch(/Inferred/);
    expect(r.datasets.find((m) => m.id === "lfw")?.role).toBe("evaluation");
  });

  it("a relative link resolves against the doc's folder; a data archive is not weights", async () => {
    const r = await scanCase({
      name: "relative",
      files: {
        LICENSE: MIT,
        "ckpt/net.pth": { size: 9_000_000 },
        "data/train_split.7z": { size: 9_000_000 },
        "docs/MODEL_ZOO.md": "| Model | Data | Link |\n|---|---|---|\n| Net | CASIA-WebFace | [pth](../ckpt/net.pth) |\n",
      },
    });
    expect(r.weights.map((w) => w.ref)).toEqual(["ckpt/net.pth"]);
    expect(r.datasets.find((m) => m.id === "casia-webface")).toMatchObject({ role: "training", linked: true });
  });
});

describe("training scripts named after their data", () => {
  it("scripts/run_celebahq.py stands in for undeclared training data; an ambiguous name (run_cifar) does not", async () => {
    const r = await scanCase({
      name: "script-names",
      files: {
        LICENSE: MIT,
        "README.md": "# Diffusion\n\nThe training scripts are in `scripts/`.\n\nModels and samples can be found at: https://www.dropbox.com/sh/abc123/models\n",
        "scripts/run_celebahq.py": "import fire\n",
        "scripts/run_cifar.py": "import fire\n",
      },
    });
    expect(r.datasets.filter((m) => m.via === "script-name").map((m) => [m.id, m.role])).toEqual([["celeba-hq", "unclear"]]);
    const nc = r.findings.filter((f) => f.rule === NC);
    expect(nc.map((f) => [f.dataset, f.severity])).toEqual([["celeba-hq", "warning"]]);
    expect(nc[0]!.evidence[0]!.path).toBe("scripts/run_celebahq.py");
  });
});

describe("examples and unreleased rows are not the published weights' data", () => {
  it("a command introduced as an example ('To pretrain the model on CIFAR-10 …, try the following command:') is not the recipe", async () => {
    const r = await scanCase({
      name: "example-command",
      files: {
        LICENSE: MIT,
        "README.md": [
          "# Contrastive pretraining",
          "",
          "Our ResNet-50 checkpoints: [r50_1x](https://storage.googleapis.com/example/checkpoints/r50_1x.tar.gz), pre-trained on ImageNet.",
          "",
          "## Pretraining",
          "",
          "To pretrain the model on CIFAR-10 with a single GPU, try the following command:",
          "",
          "```",
          "python run.py --train_mode=pretrain --dataset=cifar10 --image_size=32",
          "```",
          "",
        ].join("\n"),
      },
    });
    const cifar = r.datasets.filter((m) => m.id === "cifar-10");
    expect(cifar.map((m) => [m.evidence.line, m.role])).toEqual([
      [7, "unclear"],
      [10, "unclear"],
    ]);
    expect(r.findings.filter((f) => f.dataset === "cifar-10" && f.severity !== "info")).toEqual([]);
    expect(r.findings.some((f) => f.rule === NC && f.dataset === "imagenet")).toBe(true);
  });

  it("zoo rows whose download cell says 'To be added' publish nothing, whatever a news line says", async () => {
    const r = await scanCase({
      name: "to-be-added",
      files: {
        LICENSE: MIT,
        "README.md": [
          "# Face losses",
          "",
          "- **2022.4.28**: added Glint360K and more pretrained models.",
          "",
          "## Model zoo",
          "",
          "Loss | Backbone | Dataset | Download",
          "--- | --- | --- | ---",
          "ArcFace | IResNet-100 | MS1M | [Google Drive](https://drive.google.com/file/d/1UxQryEhy6UAlbg5rDJcybLemuvIzoMZ_/view?usp=sharing)",
          "ArcFace | IResNet-100 | Glint360K | To be added",
          "",
        ].join("\n"),
      },
    });
    const flagged = new Set(r.findings.filter((f) => f.severity !== "info").map((f) => f.dataset));
    expect(flagged.has("glint360k")).toBe(false);
    expect(r.datasets.find((m) => m.id === "glint360k" && m.via === "table")).toMatchObject({ withheld: true });
    expect(r.datasets.find((m) => m.id === "glint360k" && m.via === "table")?.linked).toBeUndefined();
    expect([...flagged].some((d) => d !== null && /^ms/.test(d))).toBe(true);
  });
});
