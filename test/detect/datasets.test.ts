import { describe, expect, it } from "vitest";
import type { WeightRef } from "../../src/core/types.js";
import { detectDatasets, roleFromLine } from "../../src/detect/datasets.js";
import { loadRegistry } from "../../src/resolve/registry.js";
import { detectWeights } from "../../src/detect/weights.js";

const registry = loadRegistry();
const detect = (files: Record<string, string>, weights: WeightRef[] = []) => detectDatasets({ texts: new Map(Object.entries(files)), weights }, registry);
const roles = (files: Record<string, string>, weights: WeightRef[] = []) =>
  detect(files, weights).map((m) => `${m.id ?? `?${m.name}`}:${m.role}`).sort();
const link = (line: number, path = "README.md"): WeightRef => ({ ref: `https://example.org/m${line}.pth`, kind: "link", evidence: { path, line, text: "" } });

describe("detect/datasets: roles", () => {
  it("reads the phrase nearest before the name", () => {
    const line = "The model was trained on MS1MV2 and evaluated on LFW and CFP-FP.";
    expect(roleFromLine(line, line.indexOf("MS1MV2"), line.indexOf("MS1MV2") + 6).role).toBe("training");
    expect(roleFromLine(line, line.indexOf("LFW"), line.indexOf("LFW") + 3).role).toBe("evaluation");
  });

  it("training and evaluation in one sentence", () => {
    expect(roles({ "README.md": "We pre-train on ImageNet-1k and report zero-shot accuracy on CIFAR-10.\n" })).toEqual(["cifar-10:evaluation", "imagenet-1k:training"]);
  });

  it("a model named by its data is trained on it, even with an evaluation word later in the sentence", () => {
    const role = (line: string, name: string) => roleFromLine(line, line.indexOf(name), line.indexOf(name) + name.length).role;
    expect(role("We provide a CelebA 64x64 model [here](https://x/y), and report FID on it.", "CelebA")).toBe("training");
    expect(role("Download the Cityscapes pretrained models below.", "Cityscapes")).toBe("training");
    expect(role("ImageNet-1k checkpoints are linked in the table.", "ImageNet-1k")).toBe("training");
    // Not a model noun right after the name: no training role from the modifier.
    expect(role("The CIFAR-10 dataset and models are described in the paper.", "CIFAR-10")).not.toBe("training");
    // An instruction stays an instruction.
    expect(role("If you want to get a CelebA model, run train.py.", "CelebA")).toBe("unclear");
  });

  it("a sentence wrapped over two lines keeps its phrase", () => {
    expect(roles({ "README.md": "All models in this release were trained\non MS1MV2 with an ArcFace loss.\n" })).toEqual(["ms1mv2:training"]);
  });

  it("evaluation headings and benchmark tables are evaluation", () => {
    const md = "# Model\n\n## Evaluation\n\nResults on LFW, AgeDB-30 and CFP-FP.\n\n| Model | LFW | CFP-FP |\n|---|---|---|\n| r50 | 99.8 | 98.1 |\n";
    expect(new Set(roles({ "README.md": md }).map((r) => r.split(":")[1]))).toEqual(new Set(["evaluation"]));
  });

  it("a model-zoo row with a download link is training data for that row's weights", () => {
    const md = "| Dataset | Backbone | Download |\n|---|---|---|\n| Cityscapes | R50 | [model](https://example.org/m3.pth) |\n";
    const ms = detect({ "README.md": md }, [link(3)]);
    expect(ms.map((m) => [m.id, m.role, m.linked])).toEqual([["cityscapes", "training", true]]);
  });

  it("GFM one-dash delimiter rows make tables too", () => {
    const md = "| Model name | LFW accuracy | Training dataset |\n| :- | :-: | -: |\n| [m1](https://example.org/m3) | 0.99 | VGGFace2 |\n";
    expect(roles({ "README.md": md }, [link(3)])).toEqual(["lfw:evaluation", "vggface2:training"]);
  });

  it("a dataset named as a table column is a benchmark column", () => {
    const md = "| Backbone | Training data | LFW | Download |\n|---|---|---|---|\n| r50 | MS1MV2 | 99.8 | [m](https://example.org/m3.pth) |\n";
    expect(roles({ "README.md": md }, [link(3)])).toEqual(["lfw:evaluation", "ms1mv2:training"]);
  });

  it("code blocks are commands, not statements; their data arguments still count", () => {
    const md = "```python\ntrain = CIFAR100(root, download=True, train=True)\n```\n\n```sh\npython finetune.py --data_path 'yahma/alpaca-cleaned'\n```\n";
    expect(roles({ "README.md": md })).toEqual(["alpaca:training"]);
  });

  it("an instruction in a Training section stays unclear ('For example, to run … training on MNIST, run')", () => {
    const md = "# Repo\n\n## Training\n\nWeights: [model.ckpt](https://example.org/model.ckpt)\n\nAll configs can be defined in one file. For example, to run a class-conditional diffusion model training on MNIST,\nrun\n";
    expect(roles({ "README.md": md })).toEqual(["mnist:unclear"]);
  });

  it("'This script will train on …' describes what a tutorial's script does, not the published weights", () => {
    const line = "This script will train on a small sample dataset: the sample file for the TIMIT corpus.";
    expect(roleFromLine(line, line.indexOf("TIMIT"), line.indexOf("TIMIT") + 5).role).toBe("unclear");
  });

  it("a news line that the code 'supported several new instruction datasets, including LIMA' is a capability, not training", () => {
    const line = "- [2023-08-08] Supported several new instruction dataset, including [LIMA](https://huggingface.co/datasets/GAIR/lima).";
    expect(roleFromLine(line, line.indexOf("LIMA"), line.indexOf("LIMA") + 4).role).toBe("unclear");
  });

  it("'CC' in a license name (CC BY-NC 4.0, CC-BY-SA) is not Common Crawl", () => {
    const md = "# Model\n\nThe weights, trained by us, are released under CC BY-NC 4.0. Code: CC-BY-SA-4.0.\n\n[model.pth](https://example.org/model.pth)\n";
    expect(roles({ "README.md": md }).filter((r) => r.startsWith("common-crawl"))).toEqual([]);
  });

  it("a training script's positional dataset arguments are its training data; a test script's are not", () => {
    const md = "```sh\nsh scripts/pretrain.sh dukemtmc market1501 resnet50 1\nsh scripts/test.sh msmt17 resnet50 logs/model_best.pth.tar\n```\n";
    expect(roles({ "README.md": md })).toEqual(["dukemtmc:training", "market-1501:training"]);
  });

  it("short dataset flags of a training script (`-d`, `-ds`/`-dt`) name its data, also in `x_train_y.py` and continued lines", () => {
    const md =
      "## Training\n\n```shell\nCUDA_VISIBLE_DEVICES=0,1 \\\npython examples/spcl_train_usl.py \\\n  -d market1501 --logs-dir logs/m\n" +
      "python examples/uda_train.py -ds msmt17 -dt dukemtmc\n```\n\n```shell\npython examples/test.py --dsbn -d celeba --resume logs/m/best.pth\ndocker run -d nginx\n```\n";
    expect(roles({ "README.md": md })).toEqual(["celeba:unclear", "dukemtmc:training", "market-1501:training", "msmt17:training"]);
  });

  it("HF front matter `datasets:` is training data; an unknown one is kept as written", () => {
    const ms = detect({ "README.md": "---\nlicense: mit\ndatasets:\n- tatsu-lab/alpaca\n- acme/secret-set\n---\n# m\n" });
    expect(ms.map((m) => [m.name, m.id, m.role, m.via, m.evidence.line])).toEqual([
      ["tatsu-lab/alpaca", "alpaca", "training", "front-matter", 3],
      ["acme/secret-set", null, "training", "front-matter", 3],
    ]);
  });

  it("a config folder whose own README links no weights holds recipes: its training data is unclear, unless a checkpoint names the config", () => {
    const cfg = 'DATASETS:\n  TRAIN: ("cityscapes_fine_instanceonly_seg_train_cocostyle",)\n  TEST: ("cityscapes_fine_instanceonly_seg_val_cocostyle",)\n';
    const files = {
      "README.md": "# Detector\n\nPretrained models are in the [model zoo](MODEL_ZOO.md).\n",
      "MODEL_ZOO.md": "| model | download |\n|---|---|\n| R-50-FPN | [model](https://example.org/e2e_mask_rcnn_R_50_FPN_1x.pth) |\n",
      "configs/cityscapes/README.md": "### Fine-tuning from COCO\n\nConvert the COCO weights, then train with the configs in this folder.\n",
      "configs/cityscapes/e2e_mask_rcnn_R_50_FPN_1x_cocostyle.yaml": cfg,
      "configs/coco/e2e_mask_rcnn_R_50_FPN_1x.yaml": cfg.replace(/cityscapes_fine_instanceonly_seg/g, "coco_2017"),
    };
    const zoo = link(3, "MODEL_ZOO.md");
    const published = { ...zoo, ref: "https://example.org/e2e_mask_rcnn_R_50_FPN_1x.pth" };
    const cityscapes = (ws: WeightRef[], f: Record<string, string> = files) => roles(f, ws).filter((r) => r.startsWith("cityscapes"));
    // The cityscapes folder's README explains a recipe and links nothing: not the published run.
    expect(cityscapes([published])).toEqual(["cityscapes:evaluation", "cityscapes:unclear"]);
    // A config outside any documented folder stays the recipe it is.
    expect(roles(files, [published])).toContain("coco:training");
    // The folder's README linking a checkpoint ties its configs to the weights.
    expect(cityscapes([published, link(3, "configs/cityscapes/README.md")])).toEqual(["cityscapes:evaluation", "cityscapes:training"]);
    // So does a checkpoint named for the config, wherever it is linked.
    expect(cityscapes([{ ...published, ref: "https://example.org/e2e_mask_rcnn_R_50_FPN_1x_cocostyle_0042.pth" }])).toEqual(["cityscapes:evaluation", "cityscapes:training"]);
  });

  it("configs: train keys are training, val/test keys evaluation, comments ignored", () => {
    const yaml = "# trained on COCO? no: this is a comment\ndata:\n  train:\n    dataset: cityscapes_fine_instance_seg_train\n  test:\n    dataset: coco_2017_val\n";
    expect(roles({ "configs/x.yaml": yaml })).toEqual(["cityscapes:training", "coco:evaluation"]);
  });

  it("configs: DATASETS.NAMES is the recipe's training data, DATASETS.TESTS its test data", () => {
    const yaml = "MODEL:\n  NAME: 'transformer'\nDATASETS:\n  NAMES: ('market1501')\n  TESTS: ('dukemtmc')\n";
    expect(roles({ "configs/Market/vit_base.yml": yaml })).toEqual(["dukemtmc:evaluation", "market-1501:training"]);
  });

  it("checkpoint names in weight refs", () => {
    const w: WeightRef = { ref: "checkpoints/ms1mv2_arcface_r100.pth", kind: "file", evidence: { path: "checkpoints/ms1mv2_arcface_r100.pth", line: 0, text: "" } };
    expect(roles({}, [w])).toEqual(["ms1mv2:training"]);
  });
});

describe("detect/datasets: ambiguous names", () => {
  it("an ordinary word that is also a context-only alias does not match", () => {
    expect(roles({ "README.md": "A lighter model fine-tuned on CASIA-WebFace is in `models/`.\n" })).toEqual(["casia-webface:training"]);
  });

  it("RFW inside a class path (ldm.data.landscapes.RFWTrain) is not the face dataset", () => {
    const yaml = "data:\n  params:\n    train:\n      target: ldm.data.landscapes.RFWTrain\n";
    expect(detect({ "configs/x.yaml": yaml }).filter((m) => m.id === "rfw")).toEqual([]);
  });

  it("a context-only alias counts right after a training phrase", () => {
    expect(roles({ "README.md": "The recognition model was trained on RFW.\n" }).filter((r) => r.startsWith("rfw"))).toEqual(["rfw:training"]);
    expect(roles({ "README.md": "RFW is a benchmark.\n" }).filter((r) => r.startsWith("rfw"))).toEqual([]);
  });
});

describe("detect/datasets: published or not", () => {
  it("a section that says its weights are withheld marks its mentions", () => {
    const md = "## Waymo Open Dataset Baselines\n\nAll models are trained on the Waymo Open Dataset.\n\nWe could not provide the above pretrained models due to the Waymo Dataset License Agreement.\n";
    const ms = detect({ "README.md": md }).filter((m) => m.id === "waymo-open-dataset" && m.role === "training");
    expect(ms.length).toBeGreaterThan(0);
    expect(ms.every((m) => m.withheld)).toBe(true);
  });

  it("an in-page anchor to the section with the downloads ties a mention to the weights", () => {
    const md = "- A 1.45B [model](#text-to-image) trained on LAION-400M.\n\n## Text-to-Image\n\nDownload [the checkpoint](https://example.org/m5.ckpt).\n";
    const ms = detect({ "README.md": md }, [link(5)]).filter((m) => m.id === "laion-400m");
    expect(ms.map((m) => m.linked)).toEqual([true]);
  });
});

describe("detect/datasets: tables from the document model", () => {
  // Weight refs come from the real weights detector, as in the pipeline.
  const withWeights = (md: string) => {
    const texts = new Map([["README.md", md]]);
    const weights = detectWeights({ files: [{ path: "README.md", size: md.length, type: "file" }], texts });
    return detectDatasets({ texts, weights }, registry);
  };
  const byId = (ms: ReturnType<typeof withWeights>, id: string) => ms.filter((m) => m.id === id).map((m) => `${m.role}:${m.via}:${m.evidence.line}${m.linked ? ":linked" : ""}`);

  it("a dataset naming a column whose cells link weights is training data, linked (Markdown table)", () => {
    const md = [
      "## Trained models",
      "",
      "| Datasets | MSMT17 | Market-1501 |",
      "| --- | --- | --- |",
      "| mAP | 30.1 | 76.7 |",
      "| Model | [model](https://drive.google.com/file/d/1aBcDeFgHiJkLmNoPqRsTuVwXyZ012345/view) | [model](https://drive.google.com/file/d/1zYxWvUtSrQpOnMlKjIhGfEdCbA987654/view) |",
    ].join("\n");
    const ms = withWeights(md);
    expect(byId(ms, "msmt17")).toEqual(["training:table:3:linked"]);
    expect(byId(ms, "market-1501")).toEqual(["training:table:3:linked"]);
  });

  it("a results table whose dataset columns hold only numbers stays evaluation, even with a download column", () => {
    const md = [
      "| Model | Market-1501 | MSMT17 | Download |",
      "| --- | --- | --- | --- |",
      "| R50 | 85.1 | 60.2 | [weights](https://github.com/o/r/releases/download/v1/r50.pth) |",
    ].join("\n");
    expect(byId(withWeights(md), "market-1501")).toEqual(["evaluation:table:1:linked"]);
  });

  it("an HTML table: header cells over link cells on other lines, a cell index from the model's spans", () => {
    const md = [
      "<table>",
      "  <tr><th>Datasets</th><th>MSMT17</th><th>Market-1501</th></tr>",
      "  <tr>",
      "    <td>Model</td>",
      '    <td><a href="https://drive.google.com/file/d/1aBcDeFgHiJkLmNoPqRsTuVwXyZ012345/view">model</a></td>',
      "    <td>76.7</td>",
      "  </tr>",
      "</table>",
    ].join("\n");
    const ms = withWeights(md);
    expect(byId(ms, "msmt17")).toEqual(["training:table:2:linked"]);
    // Its column holds a number: a benchmark column (linked only because the whole page links weights).
    expect(byId(ms, "market-1501")).toEqual(["evaluation:table:2:linked"]);
  });

  it("an HTML model-zoo row whose dataset cell and link sit on different lines is training data", () => {
    const md = [
      "<table>",
      "<thead><tr><th>Dataset</th><th>Backbone</th><th>Download</th></tr></thead>",
      "<tr>",
      "  <td>Cityscapes</td>",
      "  <td>ResNet-101</td>",
      '  <td><a href="https://github.com/o/r/releases/download/v1/city.pth">model</a></td>',
      "</tr>",
      "</table>",
    ].join("\n");
    expect(byId(withWeights(md), "cityscapes")).toEqual(["training:table:4:linked"]);
  });
});

describe("detect/datasets: paragraphs from the document model", () => {
  it("a list item wrapped over two lines is one sentence ('trained' / 'on ImageNet-1k')", () => {
    expect(roles({ "README.md": "## Notes\n\n- The released model is trained\n  on ImageNet-1k for 300 epochs.\n" })).toEqual(["imagenet-1k:training"]);
  });

  it("a setext 'Results' heading makes its section's datasets evaluation", () => {
    expect(roles({ "README.md": "Results\n-------\n\nWe report numbers on the Cityscapes dataset here.\n" })).toEqual(["cityscapes:evaluation"]);
  });
});

describe("linked lists and capability lists", () => {
  it("a cue reaches the end of a list of linked names: link targets do not count as distance", () => {
    const url = (n: string) => `(http://datasets.example.org/${n}/index.html?utm_source=readme&utm_medium=list)`;
    const text = [
      "# ClsNets",
      "",
      `Some models are pretrained on [ImageNet-1K]${url("in1k")}, [SVHN]${url("svhn")}, [CUB-200-2011]${url("cub")},`,
      `[Pascal VOC2012]${url("voc")}, [ADE20K]${url("ade")}, [Cityscapes]${url("cityscapes")}, and [COCO]${url("coco")} datasets.`,
      "",
    ].join("\n");
    const r = detect({ "README.md": text });
    expect(r.find((m) => m.id === "cityscapes")?.role).toBe("training");
    // The same list in plain words with a 130-character aside between the cue and the name stays out of reach.
    const far = `Some models are pretrained on data that we collected over several years from ${"many different public sources, ".repeat(3)}and also Cityscapes.`;
    expect(detect({ "README.md": `# X\n\n${far}\n` }).find((m) => m.id === "cityscapes")?.role).toBe("unclear");
  });

  it("a list labelled as the supported datasets names capabilities, not the published weights' data", () => {
    const text = ["# FaceKit", "", "- **Available Datasets**", "  - **Training**: [VGGFace2](https://arxiv.org/abs/1710.08092), [CASIA-WebFace](https://arxiv.org/abs/1411.7923)", "  - **Validation**: LFW", ""].join("\n");
    const r = detect({ "README.md": text });
    expect(r.filter((m) => m.id === "vggface2" || m.id === "casia-webface").map((m) => m.role)).toEqual(["unclear", "unclear"]);
    // Without the label, "Training:" is what the list trained on.
    const plain = detect({ "README.md": text.replace("- **Available Datasets**", "- **Our models**") });
    expect(plain.filter((m) => m.id === "vggface2" || m.id === "casia-webface").map((m) => m.role)).toEqual(["training", "training"]);
  });
});

describe("a short name that is only a dataset in a model-zoo row", () => {
  it("`Cars` in a weights row is Stanford Cars; in prose it is a word", () => {
    const text = ["# Encoders", "", "| Path | Description", "| :--- | :---", "|[Cars Inversion](https://example.org/cars_e4e.pt) | Cars e4e encoder.", "", "Cars and faces are hard to invert.", ""].join("\n");
    const r = detect({ "README.md": text }, [link(5)]);
    expect(r.filter((m) => m.id === "stanford-cars").map((m) => [m.role, m.evidence.line])).toEqual([["training", 5]]);
  });
});

describe("domain keys of re-ID configs", () => {
  it("`sources:` is what the recipe trains on and `targets:` what it tests on", () => {
    const cfg = ["model:", "  name: resnet50", "  pretrained: True", "data:", "  sources: ['market1501']", "  targets: ['dukemtmcreid']", ""].join("\n");
    const r = detect({ "experiments/cfgs/reid_market.yaml": cfg });
    expect(r.map((m) => [m.id, m.role, m.evidence.line])).toEqual([
      ["market-1501", "training", 5],
      ["dukemtmc-reid", "evaluation", 6],
    ]);
  });
});
