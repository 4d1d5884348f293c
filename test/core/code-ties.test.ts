/**
 * Ties between code and the published weights (the fourth session's sweep misses): a URL table's keys name the data
 * of the checkpoints they download, a checkpoint module's share links are downloads, a training script named for a
 * dataset family is resolved by its own header, and a placeholder argument's example names the training data.
 * Fixtures are written for the test.
 */
import { describe, expect, it } from "vitest";
import { MIT, scanCase } from "../helpers/rule-tester.js";

const flagged = (r: Awaited<ReturnType<typeof scanCase>>) =>
  [...new Set(r.findings.filter((f) => f.severity === "error" || f.severity === "warning").map((f) => f.dataset).filter(Boolean))].sort();

describe("URL tables in checkpoint modules", () => {
  const ckptUtil = [
    "import requests",
    "",
    "URL_MAP = {",
    '    "cifar10": "https://files.example.org/f/869980b53bf5416c8a28/?dl=1",',
    '    "lsun_bedroom": "https://files.example.org/f/f179d4f21ebc4d43bbfe/?dl=1",',
    "}",
    "",
    "def get_ckpt_path(name, root):",
    "    return download(URL_MAP[name], root)",
  ].join("\n");

  it("a share link in a module named for checkpoints is a download, and its key names the checkpoint's data", async () => {
    const r = await scanCase({ name: "url-map", files: { LICENSE: MIT, "README.md": "# Sampler\n\nFast sampling for diffusion models.\n", "functions/ckpt_util.py": ckptUtil } });
    expect(r.weights.map((w) => w.evidence.line)).toEqual([4, 5]);
    const m = r.datasets.filter((d) => d.via === "checkpoint").map((d) => [d.id, d.role, d.evidence.line]);
    expect(m).toEqual([
      ["cifar-10", "training", 4],
      ["lsun", "training", 5],
    ]);
    // CIFAR-10 is a subset of the withdrawn Tiny Images: the retraction carries through the table entry.
    const cifar = r.findings.find((f) => f.dataset === "cifar-10" && f.rule === "retracted-dataset");
    expect(cifar).toMatchObject({ severity: "warning", origin: "tiny-images" });
    expect(cifar!.evidence[0]).toMatchObject({ path: "functions/ckpt_util.py", line: 4 });
  });

  it("the same share links in a module not named for checkpoints, with no model word near them, are not downloads", async () => {
    const r = await scanCase({ name: "url-map-elsewhere", files: { LICENSE: MIT, "README.md": "# Sampler\n", "functions/fetch_util.py": ckptUtil } });
    expect(r.weights).toEqual([]);
    expect(r.findings.filter((f) => f.dataset === "cifar-10")).toEqual([]);
  });

  it("a key that names no dataset adds nothing (`resnet50`), and keys of non-download lines are not read", async () => {
    const code = [
      "model_urls = {",
      "    'resnet50': 'https://download.example.org/models/resnet50-19c8e357.pth',",
      "}",
      "DATA = {'cifar10': 'https://www.cs.toronto.edu/~kriz/cifar.html'}",
    ].join("\n");
    const r = await scanCase({ name: "plain-keys", files: { LICENSE: MIT, "README.md": "# Nets\n", "nets/resnet.py": code } });
    expect(r.weights.map((w) => w.evidence.line)).toEqual([2]);
    expect(r.datasets.filter((d) => d.via === "checkpoint")).toEqual([]);
  });
});

describe("training scripts named for a dataset family", () => {
  const files = (header: string) => ({
    "README.md": "# Diffusion\n\nModels and samples can be found at: https://www.dropbox.com/sh/pm6tn31da21yrx4/AABWKZnBzIROmDjGxpB6vn6Ja\n",
    "scripts/run_cifar.py": `"""\n${header}\n"""\nimport fire\n\ndef train(tpu_name, bucket_name_prefix):\n    pass\n`,
  });

  it("`run_cifar.py` resolves through the header it opens with, and the unlicensed weights carry nothing of it", async () => {
    const r = await scanCase({ name: "run-cifar", files: files("Unconditional CIFAR10") });
    const m = r.datasets.find((d) => d.via === "script-name");
    expect(m).toMatchObject({ id: "cifar-10", role: "unclear", evidence: { path: "scripts/run_cifar.py", line: 2 } });
    expect(flagged(r)).toEqual(["cifar-10"]);
    expect(r.findings.find((f) => f.dataset === "cifar-10")!.message).toMatch(/Inferred/);
  });

  it("a header that names both family members, or none, resolves nothing", async () => {
    for (const header of ["CIFAR-10 and CIFAR-100 experiments", "Unconditional image model"]) {
      const r = await scanCase({ name: "run-cifar-ambiguous", files: files(header) });
      expect(r.datasets.filter((d) => d.via === "script-name")).toEqual([]);
    }
  });
});

describe("placeholder arguments with an example", () => {
  const readme = (command: string) =>
    [
      "# FaceNet-GAN",
      "",
      "Download our pre-trained model [FaceNet-GAN-512](https://download.example.org/models/FaceNet-GAN-512.pth) and put it into `weights/`.",
      "",
      "- Train with 4 GPUs:",
      "```bash",
      command,
      "```",
      "",
    ].join("\n");

  it("`--path your_path_of_aligned_faces (e.g., FFHQ)` in a training command names the training data", async () => {
    const r = await scanCase({ name: "eg-ffhq", files: { "README.md": readme("python -m torch.distributed.launch --nproc_per_node=4 train_simple.py --size 1024 --path your_path_of_croped+aligned_faces (e.g., FFHQ)") } });
    expect(r.datasets.filter((d) => d.id === "ffhq").map((d) => [d.role, d.via, d.evidence.line])).toEqual([["training", "config", 7]]);
    expect(flagged(r)).toEqual(["ffhq"]);
  });

  it("the example of an evaluation argument is not training data, and a parenthesis that is not an example is not read", async () => {
    const evalArg = await scanCase({ name: "eg-eval", files: { "README.md": readme("python train.py --val_path your_val_faces (e.g., FFHQ)") } });
    expect(evalArg.datasets.filter((d) => d.id === "ffhq").map((d) => d.role)).toEqual(["evaluation"]);
    const note = await scanCase({ name: "eg-none", files: { "README.md": readme("python train.py --path your_faces (FFHQ is not supported)") } });
    expect(note.datasets.filter((d) => d.id === "ffhq" && d.via === "config")).toEqual([]);
  });
});

describe("recipes named for a published checkpoint", () => {
  const recipe = (model: string) =>
    [
      `export MODEL_NAME=${model}`,
      "",
      'DATASETS="\\',
      "${DIR}/../data/mix/files/unified_squad_v2.jsonl:0.2,\\",
      "${DIR}/../data/mix/files/unified_own_dialogs.jsonl:0.8 \\",
      '"',
      "",
      'python dist_train.py --task-name "${DATASETS}" --checkpoint-path ${DIR}/../ckpts/${MODEL_NAME}',
    ].join("\n");
  const readme = "# ChatKit\n\nThe released model is [ChatKit-Base-7B](https://huggingface.co/example/ChatKit-Base-7B), licensed under Apache-2.0.\n";

  it("a shell recipe for a checkpoint the README publishes trains it on its data mixture, each source at its own line", async () => {
    const r = await scanCase({ name: "recipe-published", files: { "README.md": readme, "training/finetune_ChatKit-Base-7B.sh": recipe("ChatKit-Base-7B") } });
    expect(r.datasets.filter((d) => d.via === "config").map((d) => [d.id, d.role, d.evidence.line])).toEqual([["squad", "training", 4]]);
    expect(flagged(r)).toEqual(["squad"]);
    const squad = r.findings.filter((f) => f.dataset === "squad" && (f.severity === "error" || f.severity === "warning"));
    expect(squad.length).toBeGreaterThan(0);
    for (const f of squad) expect(f.message).not.toMatch(/Inferred/);
  });

  it("a recipe for another model keeps its mixture unclear: a run the repository does not publish", async () => {
    const r = await scanCase({ name: "recipe-other", files: { "README.md": readme, "training/finetune_other-model.sh": recipe("Other-Model-3B") } });
    expect(r.datasets.filter((d) => d.via === "config").map((d) => [d.id, d.role])).toEqual([["squad", "unclear"]]);
    expect(r.findings.filter((f) => f.dataset === "squad" && !/Inferred/.test(f.message) && (f.severity === "error" || f.severity === "warning"))).toEqual([]);
  });
});
