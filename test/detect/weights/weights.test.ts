/**
 * detectWeights, isWeightPath, isLfsPointer, weightCandidatePaths on hand-made,
 * mostly hostile inputs: fixtures that look like weights, LFS boilerplate,
 * Drive links to datasets, badges, placeholders; plus fast-check robustness.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { WeightRef } from "../../../src/core/types.js";
import { detectWeights, isLfsPointer, isWeightPath, weightCandidatePaths } from "../../../src/detect/weights.js";
import type { FileEntry } from "../../../src/sources/source.js";
import { splitLines } from "../../../src/sources/text.js";

const KB = 1024;
const MB = 1024 * 1024;

function f(path: string, size: number, extra: Partial<FileEntry> = {}): FileEntry {
  return { path, size, type: "file", ...extra };
}

/** A repo with one README (and optional other texts). */
function readme(text: string, more: Record<string, string> = {}, files: FileEntry[] = []): WeightRef[] {
  const texts = new Map<string, string>([["README.md", text], ...Object.entries(more)]);
  const listed = [f("README.md", text.length), ...Object.keys(more).map((p) => f(p, more[p]!.length)), ...files];
  return detectWeights({ files: listed, texts });
}

const refs = (ws: WeightRef[]): string[] => ws.map((w) => w.ref);

const OID = "4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2ca24d17e2393";
const pointer = (size: number) => `version https://git-lfs.github.com/spec/v1\noid sha256:${OID}\nsize ${size}\n`;

describe("isWeightPath", () => {
  it.each([
    ["model.safetensors", true],
    ["checkpoints/last.ckpt", true],
    ["weights/yolov5s.pt", true],
    ["llama-7b.Q4_K_M.gguf", true],
    ["export/model.onnx", true],
    ["mobile/model.tflite", true],
    ["deploy.caffemodel", true],
    ["Foo.mlpackage/Data/com.apple.CoreML/weights/weight.bin", true],
    ["saved_model/variables/variables.data-00000-of-00001", true],
    ["pytorch_model.bin", true],
    ["pytorch_model-00001-of-00002.bin", true],
    ["flax_model.msgpack", true],
    ["tf_model.h5", true],
    ["models/resnet50.h5", true],
    ["pretrained_models.zip", true],
    ["G_ema.pkl", true],
    // weak formats without a model-ish name or folder: the path alone does not say weights
    ["vocab.bin", false],
    ["data/features.npz", false],
    ["inception_ffhq.pkl", false],
    ["dataset.zip", false],
    ["release.tar.gz", false],
    // test and tooling folders
    ["tests/fixtures/model.pt", false],
    ["test/assets/tiny.safetensors", false],
    ["node_modules/onnxruntime/model.onnx", false],
    // not weight formats
    ["config.json", false],
    ["pytorch_model.bin.index.json", false],
    ["README.md", false],
    ["src/model.py", false],
    ["training_args.bin", false],
  ])("%s → %s", (p, want) => {
    expect(isWeightPath(p)).toBe(want);
  });

  it("extra globs add formats and folders", () => {
    expect(isWeightPath("build/yolo.engine")).toBe(false);
    expect(isWeightPath("build/yolo.engine", ["*.engine"])).toBe(true);
    expect(isWeightPath("artifacts/run1/final", ["artifacts/**"])).toBe(true);
    expect(isWeightPath("other/run1/final", ["artifacts/**"])).toBe(false);
  });
});

describe("detectWeights: files", () => {
  it("a repo whose only .bin is a 2 KB test fixture has no weights", () => {
    const files = [f("README.md", 500), f("src/model.py", 9000), f("test/fixtures/model.bin", 2 * KB)];
    expect(detectWeights({ files, texts: new Map() })).toEqual([]);
  });

  it("a .pt in tests/ is not weights, even a large one", () => {
    expect(detectWeights({ files: [f("tests/data/checkpoint.pt", 40 * MB)], texts: new Map() })).toEqual([]);
  });

  it("a tiny .bin outside tests is a fixture too; a named large one is weights", () => {
    const out = detectWeights({ files: [f("model.bin", 2 * KB), f("pytorch_model.bin", 440 * MB)], texts: new Map() });
    expect(out).toEqual([
      { ref: "pytorch_model.bin", kind: "file", size: 440 * MB, evidence: { path: "pytorch_model.bin", line: 0, text: `pytorch_model.bin (${440 * MB} bytes)` } },
    ]);
  });

  it("weak formats: unnamed but big outside data folders → weights; in data folders or data-named → not", () => {
    const files = [
      f("stylegan2-ffhq-config-f.pkl", 360 * MB),
      f("data/embeddings.pkl", 300 * MB),
      f("train_features.npz", 90 * MB),
      f("stats/small.pkl", 1 * MB),
    ];
    expect(refs(detectWeights({ files, texts: new Map() }))).toEqual(["stylegan2-ffhq-config-f.pkl"]);
  });

  it("strong formats count at any size but zero, and symlinks/submodules never count", () => {
    const files = [
      f("lpips/weights/v0.1/alex.pth", 6009),
      f("empty.pt", 0),
      { path: "linked.safetensors", size: 40, type: "symlink" as const },
      { path: "vendor/model.ckpt", size: 0, type: "submodule" as const },
    ];
    expect(refs(detectWeights({ files, texts: new Map() }))).toEqual(["lpips/weights/v0.1/alex.pth"]);
  });

  it("archives need a model-ish name", () => {
    const files = [f("pretrained_models.zip", 200 * MB), f("data.zip", 200 * MB), f("release.tar.gz", 20 * MB)];
    expect(refs(detectWeights({ files, texts: new Map() }))).toEqual(["pretrained_models.zip"]);
  });

  it("a Core ML package is reported once, as its folder", () => {
    const files = [
      f("Model.mlpackage/Manifest.json", 600),
      f("Model.mlpackage/Data/com.apple.CoreML/model.mlmodel", 40 * KB),
      f("Model.mlpackage/Data/com.apple.CoreML/weights/weight.bin", 90 * MB),
    ];
    expect(detectWeights({ files, texts: new Map() }).map((w) => [w.ref, w.kind])).toEqual([["Model.mlpackage", "file"]]);
  });

  it("extra globs and ignore globs", () => {
    const files = [f("build/yolo.engine", 30 * MB), f("weights/a.pt", 3 * MB), f("third_party/b.pt", 3 * MB)];
    const out = detectWeights({ files, texts: new Map(), extraGlobs: ["*.engine"], ignore: ["third_party/**"] });
    expect(refs(out)).toEqual(["build/yolo.engine", "weights/a.pt"]);
  });
});

describe("Git LFS", () => {
  it("isLfsPointer parses a pointer and rejects look-alikes", () => {
    expect(isLfsPointer(pointer(9976634558))).toEqual({ size: 9976634558, oid: `sha256:${OID}` });
    expect(isLfsPointer(pointer(12).replace("\n", "\r\n"))).toEqual({ size: 12, oid: `sha256:${OID}` });
    expect(isLfsPointer("version https://example.com/spec/v1\noid sha256:" + OID + "\nsize 3\n")).toBeNull();
    expect(isLfsPointer(`version https://git-lfs.github.com/spec/v1\nsize 3\n`)).toBeNull();
    expect(isLfsPointer(`version https://git-lfs.github.com/spec/v1\noid sha256:abc\nsize 3\n`)).toBeNull();
    expect(isLfsPointer(pointer(5) + "x".repeat(2000))).toBeNull();
    expect(isLfsPointer("")).toBeNull();
  });

  it("an LFS pattern without matching files is boilerplate: no weights", () => {
    const attrs = "*.bin filter=lfs diff=lfs merge=lfs -text\n*.safetensors filter=lfs diff=lfs merge=lfs -text\n";
    const out = detectWeights({ files: [f(".gitattributes", attrs.length), f("README.md", 10)], texts: new Map([[".gitattributes", attrs]]) });
    expect(out).toEqual([]);
  });

  it("a pointer-sized file under an LFS pattern is an LFS pointer; the pattern is reported with its line", () => {
    const attrs = "# models\n*.ckpt filter=lfs diff=lfs merge=lfs -text\n";
    const out = detectWeights({ files: [f(".gitattributes", 50), f("sd-v1-4.ckpt", 134)], texts: new Map([[".gitattributes", attrs]]) });
    expect(out).toEqual([
      { ref: "sd-v1-4.ckpt", kind: "lfs-pointer", evidence: { path: "sd-v1-4.ckpt", line: 0, text: "sd-v1-4.ckpt (Git LFS object)" } },
      { ref: "*.ckpt", kind: "lfs-pattern", evidence: { path: ".gitattributes", line: 2, text: "*.ckpt filter=lfs diff=lfs merge=lfs -text" } },
    ]);
  });

  it("a pointer's text gives the real size (a 134-byte .bin that is really 500 MB)", () => {
    const out = detectWeights({ files: [f("unet/diffusion_pytorch_model.bin", 134)], texts: new Map([["unet/diffusion_pytorch_model.bin", pointer(500 * MB)]]) });
    expect(out).toEqual([
      { ref: "unet/diffusion_pytorch_model.bin", kind: "lfs-pointer", size: 500 * MB, evidence: { path: "unet/diffusion_pytorch_model.bin", line: 3, text: `size ${500 * MB}` } },
    ]);
  });

  it("listing lfsSize is used; a nested .gitattributes is anchored to its folder", () => {
    const attrs = "ckpt/*.pt filter=lfs diff=lfs merge=lfs -text\n";
    const files = [f("sub/.gitattributes", 50), f("sub/ckpt/a.pt", 130), f("ckpt/b.pt", 130), f("big.safetensors", 130, { lfsSize: 5 * MB })];
    const out = detectWeights({ files, texts: new Map([["sub/.gitattributes", attrs]]) });
    expect(out.map((w) => [w.ref, w.kind, w.size])).toEqual([
      ["sub/ckpt/a.pt", "lfs-pointer", undefined],
      ["ckpt/b.pt", "file", 130],
      ["big.safetensors", "lfs-pointer", 5 * MB],
      ["sub/ckpt/*.pt", "lfs-pattern", undefined],
    ]);
  });
});

describe("detectWeights: links in docs", () => {
  it("a Drive link to a dataset is not weights; one to a checkpoint is", () => {
    const md = [
      "# Project",
      "Download the [FFHQ dataset](https://drive.google.com/drive/folders/AAA) first.",
      "To download the [CelebA-HQ](https://drive.google.com/drive/folders/BBB) dataset and the pre-trained network, run:",
      "Our paper is on [Drive](https://drive.google.com/file/d/CCC/view).",
      "The pretrained model is [here](https://drive.google.com/file/d/DDD/view).",
      "## Datasets",
      "- [link](https://drive.google.com/file/d/EEE/view)",
      "## Pretrained checkpoints",
      "- [link](https://drive.google.com/file/d/FFF/view)",
    ].join("\n");
    const out = readme(md);
    expect(out.map((w) => [w.ref, w.host, w.evidence.line])).toEqual([
      ["https://drive.google.com/file/d/DDD/view", "google-drive", 5],
      ["https://drive.google.com/file/d/FFF/view", "google-drive", 9],
    ]);
  });

  it("a table: the anchor, the cell, the column header, the row decide", () => {
    const md = [
      "| Method | Data | Download |",
      "|---|---|---|",
      "| PointPillar | [KITTI](https://drive.google.com/file/d/DATA1/view) | [model-18M](https://drive.google.com/file/d/M1/view) |",
      "| SECOND | [KITTI](https://drive.google.com/file/d/DATA2/view) | [link](https://pan.baidu.com/s/1abc) |",
      "",
      "| Model | Download |",
      "|---|---|",
      "| R50 | [Baidu](https://pan.baidu.com/s/1r50) |",
      "",
      "| Backbone | Checkpoint |",
      "|---|---|",
      "| ViT-B | [org/vit-b](https://huggingface.co/org/vit-b) |",
    ].join("\n");
    expect(readme(md).map((w) => [w.ref, w.kind, w.host])).toEqual([
      ["https://drive.google.com/file/d/M1/view", "link", "google-drive"],
      // Row 2's "[link]" sits in a table with a "Data" column: skipped. "[Baidu]" under "Model | Download": kept.
      ["https://pan.baidu.com/s/1r50", "link", "baidu-pan"],
      ["https://huggingface.co/org/vit-b", "hub", "huggingface"],
    ]);
  });

  it("weight-format URLs count on any host; same URL once, first evidence", () => {
    const md = [
      "Get [ffhq.pkl](https://nvlabs-fi-cdn.nvidia.com/stylegan2-ada-pytorch/pretrained/ffhq.pkl).",
      "Again: https://nvlabs-fi-cdn.nvidia.com/stylegan2-ada-pytorch/pretrained/ffhq.pkl",
      "S3: s3://my-bucket/runs/7/model.ckpt and GCS https://storage.googleapis.com/bkt/vit_b16.npz",
      "Azure: https://acct.blob.core.windows.net/models/net.onnx",
      "Dropbox: https://www.dropbox.com/s/abc123/generator.pth?dl=0",
      "Release: https://github.com/org/repo/releases/download/v1.0/yolo.pt",
      "Log: https://github.com/org/repo/releases/download/v1.0/train.log",
      "Hub file: https://huggingface.co/org/m/resolve/main/model.safetensors and https://huggingface.co/org/m/blob/main/LICENSE",
    ].join("\n");
    expect(readme(md).map((w) => [w.ref, w.kind, w.host, w.evidence.line])).toEqual([
      ["https://nvlabs-fi-cdn.nvidia.com/stylegan2-ada-pytorch/pretrained/ffhq.pkl", "link", "cdn", 1],
      ["s3://my-bucket/runs/7/model.ckpt", "link", "s3", 3],
      ["https://storage.googleapis.com/bkt/vit_b16.npz", "link", "gcs", 3],
      ["https://acct.blob.core.windows.net/models/net.onnx", "link", "azure-blob", 4],
      ["https://www.dropbox.com/s/abc123/generator.pth?dl=0", "link", "dropbox", 5],
      ["https://github.com/org/repo/releases/download/v1.0/yolo.pt", "link", "github-release", 6],
      ["https://huggingface.co/org/m/resolve/main/model.safetensors", "link", "huggingface", 8],
    ]);
  });

  it("Hugging Face: datasets, Spaces, docs are not weights; a model repo needs the README to say it hosts a model", () => {
    const md = [
      "Trained on [our data](https://huggingface.co/datasets/org/data); try the [demo](https://huggingface.co/spaces/org/demo).",
      "See the [docs](https://huggingface.co/docs/transformers).",
      "We compare with [org/other](https://huggingface.co/org/other) in our paper.",
      "The weights are available at [org/ours](https://huggingface.co/org/ours/tree/main).",
      "Same model: https://huggingface.co/org/ours",
      "All our releases live in the [Org](https://huggingface.co/Org) account, including the pretrained weights.",
    ].join("\n");
    expect(readme(md).map((w) => [w.ref, w.kind, w.evidence.line])).toEqual([
      ["https://huggingface.co/org/ours", "hub", 4],
      ["https://huggingface.co/Org", "hub", 6],
    ]);
  });

  it("a base model or baseline linked in prose is an input, not a release (also across a hard wrap)", () => {
    const md = [
      "# Acme-LoRA",
      "`acme-7b` is a causal language model created by [Acme](https://acme.ai) that is derived from",
      "[EleutherAI's](https://www.eleuther.ai/) [Pythia-12b](https://huggingface.co/EleutherAI/pythia-12b) and fine-tuned",
      "on our data. We finetune [Llama-2-7b](https://huggingface.co/meta-llama/Llama-2-7b-hf) with LoRA rank 8.",
      "Our model is available on Hugging Face as [acme/acme-7b](https://huggingface.co/acme/acme-7b).",
    ].join("\n");
    expect(readme(md).map((w) => [w.ref, w.evidence.line])).toEqual([["https://huggingface.co/acme/acme-7b", 5]]);
  });

  it("a list takes its context from the item above it and the line that introduced it, not the title", () => {
    const md = [
      "# Alpaca-LoRA",
      "## Resources",
      "- Various adapter weights (download at own risk):",
      "  - 7B:",
      "    - <https://huggingface.co/samwit/alpaca7B-lora>",
      "- Related projects:",
      "  - <https://huggingface.co/acme/chat-ui>",
      "",
      "Pretrained checkpoints:",
      "",
      "- [small](https://drive.google.com/file/d/S/view)",
      "- [large](https://drive.google.com/file/d/L/view)",
    ].join("\n");
    expect(readme(md).map((w) => [w.ref, w.evidence.line])).toEqual([
      ["https://huggingface.co/samwit/alpaca7B-lora", 5],
      ["https://drive.google.com/file/d/S/view", 11],
      ["https://drive.google.com/file/d/L/view", 12],
    ]);
  });

  it("a badge counts only when its own label says weights", () => {
    const md = [
      "# Project",
      "[![Model](https://img.shields.io/badge/%F0%9F%A4%97-Model-yellow)](https://huggingface.co/acme/net-7b)",
      '<a href="https://huggingface.co/acme/other"><img alt="Hugging Face" src="https://img.shields.io/badge/hf-blue"></a> The pretrained weights are here.',
      "[![arXiv](https://img.shields.io/badge/arXiv-2401.0001-b31b1b)](https://arxiv.org/abs/2401.0001)",
    ].join("\n");
    expect(refs(readme(md))).toEqual(["https://huggingface.co/acme/net-7b"]);
  });

  it("badges, images and placeholders are not weights", () => {
    const md = [
      '<a href="https://github.com/org/repo/releases">![GitHub release](https://img.shields.io/github/v/release/org/repo)</a>',
      "[![release](https://img.shields.io/badge/x.svg)](https://github.com/org/repo/releases)",
      "![arch](https://example.com/figs/model.png)",
      "```python",
      'model = AutoModel.from_pretrained("path/to/model")',
      'model = AutoModel.from_pretrained("./checkpoints/run1")',
      'model = AutoModel.from_pretrained("checkpoints/llava-v1.5")',
      "```",
    ].join("\n");
    expect(readme(md)).toEqual([]);
  });

  it("code: from_pretrained, pipeline, torch.hub, load_state_dict_from_url, git clone, wget -O", () => {
    const md = [
      "## Usage",
      "```python",
      'tok = AutoTokenizer.from_pretrained("acme/model-7b")',
      'pipe = pipeline("text-generation", model="acme/model-7b-chat")',
      "m = torch.hub.load('org/repo', 'resnet50_custom', pretrained=True)",
      'sd = torch.hub.load_state_dict_from_url("https://example.org/files/resnet50-0676ba61.pth")',
      "```",
      "```bash",
      "git clone https://huggingface.co/org/model-13b",
      "wget -O checkpoints/last.ckpt https://share.example.edu/f/4d9ac7ea40c64582b7c9/?dl=1",
      "wget https://example.org/datasets/coco_train.tar.gz",
      "curl -L https://example.org/install.sh | sh",
      "```",
    ].join("\n");
    expect(readme(md).map((w) => [w.ref, w.kind, w.host, w.evidence.line])).toEqual([
      ["https://huggingface.co/acme/model-7b", "hub", "huggingface", 3],
      ["https://huggingface.co/acme/model-7b-chat", "hub", "huggingface", 4],
      ["torch.hub:org/repo/resnet50_custom", "hub", "torch-hub", 5],
      ["https://example.org/files/resnet50-0676ba61.pth", "hub", "torch-hub", 6],
      ["https://huggingface.co/org/model-13b", "hub", "huggingface", 9],
      ["https://share.example.edu/f/4d9ac7ea40c64582b7c9/?dl=1", "link", "file-share", 10],
    ]);
  });

  it("gdown by file id: weights by output path or context, not a dataset", () => {
    const md = [
      "## Setup",
      "```bash",
      "gdown --id 1wMxWTpU1qUoY3DsCH31WJmvJxcjFXKlm -O checkpoints/pointpillar.pth",
      "gdown 1Zs3dataDataDataDataDataDataData -O data/kitti.zip",
      "```",
    ].join("\n");
    expect(readme(md).map((w) => [w.ref, w.host, w.evidence.line])).toEqual([
      ["https://drive.google.com/uc?id=1wMxWTpU1qUoY3DsCH31WJmvJxcjFXKlm", "google-drive", 3],
    ]);
  });

  it("code: PEFT adapters, calls split over lines; base models loaded for fine-tuning are inputs", () => {
    const md = [
      "## Inference",
      "```python",
      "pipe = StableDiffusionPipeline.from_pretrained(",
      '    "acme/diffusion-v1-4",',
      "    torch_dtype=torch.float16)",
      'model = PeftModel.from_pretrained(model, "acme/alpaca-lora-7b")',
      "```",
      "## Training",
      "To fine-tune, first load the base model:",
      "```python",
      'model = AutoModelForCausalLM.from_pretrained("meta-llama/Llama-2-7b-hf")',
      "```",
    ].join("\n");
    expect(readme(md).map((w) => [w.ref, w.evidence.line])).toEqual([
      ["https://huggingface.co/acme/diffusion-v1-4", 4],
      ["https://huggingface.co/acme/alpaca-lora-7b", 6],
    ]);
  });

  it("download scripts: arguments, then the prose above the block", () => {
    const md = [
      "## Data and pre-trained networks",
      "To download the dataset and the pre-trained network, run:",
      "```bash",
      "bash download.sh celeba-hq-dataset",
      "bash download.sh pretrained-network-celeba-hq",
      "bash download.sh wing",
      "./docker_run.sh python3 generate.py --network=model.pkl",
      "```",
    ].join("\n");
    const out = readme(md, {}, [f("download.sh", 2000), f("docker_run.sh", 900)]);
    expect(out.map((w) => [w.ref, w.host, w.evidence.line])).toEqual([
      ["download.sh pretrained-network-celeba-hq", "download-script", 5],
      ["download.sh wing", "download-script", 6],
    ]);
  });

  it("HTML anchors and reStructuredText links carry their text", () => {
    const html = '<td><a href="https://pan.baidu.com/s/1xyz">checkpoint</a> · <a href="https://pan.baidu.com/s/1data">dataset</a></td>';
    expect(refs(readme(html))).toEqual(["https://pan.baidu.com/s/1xyz"]);
    const rst = "Pretrained\n==========\n\n* `weights <https://1drv.ms/u/s!abc>`_\n* `data <https://1drv.ms/u/s!def>`_\n";
    const out = detectWeights({ files: [f("README.rst", rst.length)], texts: new Map([["README.rst", rst]]) });
    expect(out.map((w) => [w.ref, w.host, w.evidence.line])).toEqual([["https://1drv.ms/u/s!abc", "onedrive", 4]]);
  });

  it("Chinese context words: 预训练模型 vs 数据集", () => {
    const md = "预训练模型下载：[百度网盘](https://pan.baidu.com/s/1model) 提取码 abcd\n数据集：[百度网盘](https://pan.baidu.com/s/1data)";
    expect(refs(readme(md))).toEqual(["https://pan.baidu.com/s/1model"]);
  });

  it("quotes at most 200 chars, holding the URL on a long line", () => {
    const url = "https://example.org/weights/final-model.safetensors";
    const line = `| ${"x ".repeat(300)}| [w](${url}) |`;
    const [w] = readme(line);
    expect(w!.evidence.text.length).toBeLessThanOrEqual(200);
    expect(w!.evidence.text).toContain("https://example.org/weights");
    expect(line).toContain(w!.evidence.text);
  });

  it("ignores READMEs in notebooks/, data/, examples/ and tests/", () => {
    const md = "The model is available on [huggingface](https://huggingface.co/unitary/toxic-bert).";
    const texts = new Map([
      ["notebooks/eval/README.md", md],
      ["data/datasets/x/README.md", md],
      ["examples/demo/README.md", md],
      ["tests/README.md", md],
    ]);
    expect(detectWeights({ files: [], texts })).toEqual([]);
    expect(refs(detectWeights({ files: [], texts: new Map([["projects/X/README.md", md]]) }))).toEqual(["https://huggingface.co/unitary/toxic-bert"]);
  });

  it("front matter is skipped (base_model is an input)", () => {
    const md = "---\nbase_model: https://huggingface.co/org/base-7b\nlicense: mit\n---\n# Card\n";
    expect(readme(md)).toEqual([]);
  });
});

describe("detectWeights: loaders and hubconf.py", () => {
  const whisper = [
    "_MODELS = {",
    '    "tiny.en": "https://openaipublic.azureedge.net/main/whisper/models/d3dd57d3/tiny.en.pt",',
    '    "base": "https://openaipublic.azureedge.net/main/whisper/models/ed3a0b6b/base.pt",',
    "}",
    '# docs: https://github.com/openai/whisper/blob/main/README.md',
    '_DATA = "https://openaipublic.azureedge.net/main/whisper/data/sample.tsv"',
  ].join("\n");

  it("URLs of weight files in a package's URL table are found (whisper/__init__.py style)", () => {
    const files = [f("whisper/__init__.py", whisper.length), f("README.md", 10)];
    expect(weightCandidatePaths(files)).toContain("whisper/__init__.py");
    const out = detectWeights({ files, texts: new Map([["whisper/__init__.py", whisper]]) });
    expect(out.map((w) => [w.ref, w.kind, w.host, w.evidence.line])).toEqual([
      ["https://openaipublic.azureedge.net/main/whisper/models/d3dd57d3/tiny.en.pt", "link", "cdn", 2],
      ["https://openaipublic.azureedge.net/main/whisper/models/ed3a0b6b/base.pt", "link", "cdn", 3],
    ]);
  });

  it("a listed hubconf.py is a torch.hub source; its text gives the first entry point and URLs", () => {
    const hub = [
      "dependencies = ['torch']",
      "",
      "def resnet_custom(pretrained=True):",
      "    sd = load_state_dict_from_url('https://dl.example.org/resnet_custom.pth')",
    ].join("\n");
    const out = detectWeights({ files: [f("hubconf.py", hub.length)], texts: new Map([["hubconf.py", hub]]) });
    expect(out).toEqual([
      { ref: "https://dl.example.org/resnet_custom.pth", kind: "hub", host: "torch-hub", evidence: { path: "hubconf.py", line: 4, text: "sd = load_state_dict_from_url('https://dl.example.org/resnet_custom.pth')" } },
      { ref: "hubconf.py", kind: "hub", host: "torch-hub", evidence: { path: "hubconf.py", line: 3, text: "def resnet_custom(pretrained=True):" } },
    ]);
  });

  it("model definitions and URL tables are read: model_urls, Keras WEIGHTS_PATH, a model store", () => {
    const files = [f("nets/resnet.py", 5000), f("keras_apps/densenet.py", 9000), f("pkg/models/model_store.py", 4000)];
    expect(weightCandidatePaths(files)).toEqual(["pkg/models/model_store.py", "keras_apps/densenet.py", "nets/resnet.py"]);
    const texts = new Map([
      ["nets/resnet.py", 'model_urls = {\n    "resnet50": "https://example-cdn.org/models/resnet50-19c8e357.pth",\n}\n'],
      ["keras_apps/densenet.py", "BASE_WEIGHTS_PATH = (\n    'https://github.com/example/apps/releases/download/densenet/')\nDENSENET121_WEIGHT_PATH = BASE_WEIGHTS_PATH + 'densenet121_weights_tf_dim_ordering_tf_kernels.h5'\n"],
      ["pkg/models/model_store.py", "def get_model_file(name):\n    return hf_hub_download(repo_id=\"example/imgcls-models\", filename=name + '.pth')\n"],
    ]);
    const refs = detectWeights({ files, texts }).map((w) => `${w.kind}:${w.ref}@${w.evidence.path}:${w.evidence.line}`);
    expect(refs).toEqual([
      "link:https://github.com/example/apps/releases/download/densenet@keras_apps/densenet.py:2",
      "link:https://example-cdn.org/models/resnet50-19c8e357.pth@nets/resnet.py:2",
      "hub:https://huggingface.co/example/imgcls-models@pkg/models/model_store.py:2",
    ]);
  });

  it("ordinary source files are not read, so their URLs do not count", () => {
    const files = [f("src/train.py", 5000), f("pkg/sub/utils.py", 100)];
    expect(weightCandidatePaths(files)).toEqual([]);
    const code = 'URL = "https://example.org/resnet.pth"';
    expect(detectWeights({ files, texts: new Map([["src/train.py", code]]) })).toEqual([]);
  });
});

describe("weightCandidatePaths", () => {
  it("asks for .gitattributes, docs (README first), loaders and pointer-sized weight files", () => {
    const files = [
      f("docs/PRETRAINED.md", 9000),
      f("LICENSE", 1000),
      f("requirements.txt", 100),
      f("README.md", 4000),
      f(".gitattributes", 100),
      f("notebooks/README.md", 100),
      f("MODEL_ZOO.md", 30000),
      f("hubconf.py", 900),
      f("scripts/download_models.sh", 900),
      f("tests/fixtures/model.bin", 130),
      f("model.safetensors", 131),
      f("model2.safetensors", 131, { lfsSize: 9 * MB }),
      f("big.bin", 500 * MB),
      f("src/model.py", 9000),
    ];
    expect(weightCandidatePaths(files)).toEqual([
      ".gitattributes",
      "README.md",
      "MODEL_ZOO.md",
      "docs/PRETRAINED.md",
      "hubconf.py",
      "scripts/download_models.sh",
      "src/model.py",
      "model.safetensors",
    ]);
  });

  it("reads every module of a model-definitions folder after the named loaders, within the loader byte budget", () => {
    const files = [f("timm/models/eva.py", 116 * KB), f("timm/models/resnet.py", 90 * KB), f("timm/models/_builder.py", 20 * KB), f("timm/layers/attention.py", 10 * KB), f("tests/models/test_eva.py", 5 * KB)];
    const wanted = weightCandidatePaths(files);
    expect(wanted).toEqual(["timm/models/resnet.py", "timm/models/_builder.py", "timm/models/eva.py"]);
    // 60 modules of 100 KB: the 4 MB budget stops at 40, whatever the count cap.
    const many = Array.from({ length: 60 }, (_, i) => f(`pkg/models/arch${String(i).padStart(2, "0")}.py`, 100 * KB));
    expect(weightCandidatePaths(many).length).toBe(40);
  });
});

describe("robustness (fast-check)", () => {
  it("arbitrary doc text never throws; evidence is ≤ 200 chars and quotes its line", () => {
    const urlish = fc.constantFrom(
      "https://huggingface.co/a/b",
      "https://drive.google.com/file/d/x/view",
      "https://x.org/m.pth",
      "](",
      "[",
      ")",
      "|",
      "```",
      "# ",
      "\n",
      "pretrained ",
      "dataset ",
      "wget -O a.ckpt ",
      'from_pretrained("a/b")',
      "<a href=\"",
      "\">x</a>",
    );
    const text = fc.array(fc.oneof(fc.string(), fc.string({ unit: "grapheme" }), urlish), { maxLength: 40 }).map((a) => a.join(""));
    fc.assert(
      fc.property(text, (t) => {
        const out = detectWeights({ files: [f("README.md", t.length)], texts: new Map([["README.md", t], [".gitattributes", t], ["hubconf.py", t]]) });
        const lines = splitLines(t);
        for (const w of out) {
          expect(w.evidence.text.length).toBeLessThanOrEqual(200);
          if (w.evidence.line > 0) expect(lines[w.evidence.line - 1]).toContain(w.evidence.text);
        }
      }),
      { numRuns: 400 },
    );
  });

  it("arbitrary paths and pointer texts never throw", () => {
    fc.assert(
      fc.property(fc.string(), fc.nat(), (p, size) => {
        isWeightPath(p);
        isWeightPath(p, ["*.x", "a/**"]);
        isLfsPointer(p);
        detectWeights({ files: [f(p, size)], texts: new Map([[p, p]]) });
        weightCandidatePaths([f(p, size)]);
      }),
      { numRuns: 500 },
    );
  });
});

describe("loader code: URLs built in code", () => {
  it("a model store's release-asset template next to the repository URL, and Python's adjacent string literals", async () => {
    const { scanLoader } = await import("../../../src/detect/weights/scan.js");
    const store = [
      "repo_url = 'https://github.com/example/cls-models'",
      "def get_model_file(name, tag):",
      "    url = '{repo_url}/releases/download/{tag}/{name}.zip'.format(repo_url=repo_url, tag=tag, name=name)",
    ].join("\n");
    expect(scanLoader("pkg/models/model_store.py", store).map((f) => `${f.ref}@${f.evidence.line}`)).toEqual(["https://github.com/example/cls-models/releases@3"]);
    const keras = ["WEIGHTS_PATH = ('https://github.com/example/apps/'", "                'releases/download/v0.1/resnet50_weights.h5')"].join("\n");
    expect(scanLoader("apps/resnet50.py", keras).map((f) => `${f.ref}@${f.evidence.line}`)).toEqual(["https://github.com/example/apps/releases/download/v0.1/resnet50_weights.h5@1"]);
  });
});
