/**
 * A synthetic big repository for the scan benchmark, shaped like a monorepo that also publishes weights: a root
 * README with a model-zoo table, LICENSE, .gitattributes, 300 packages each with a README and many code files,
 * 400 small configs, vendored third-party licences, docs, and weight files (LFS pointers and real-sized entries).
 * Deterministic: the same `n` gives the same tree.
 */
import type { FileEntry } from "../../src/sources/source.js";
import { mitLicense } from "../../test/helpers/texts.js";

const MIT = mitLicense("Example Corp", 2026);

const ROOT_README = `# mono: vision models

## Model zoo

| Backbone | Training data | Top-1 | Download |
|----------|---------------|-------|----------|
| ResNet-50 | ImageNet-1k | 76.1 | [r50.pth](https://github.com/example/mono/releases/download/v1/r50.pth) |
| ArcFace R100 | MS1MV2 | 99.8 | [arcface.pth](https://github.com/example/mono/releases/download/v1/arcface_r100.pth) |
| StyleGAN2 | FFHQ | - | [ffhq.pkl](https://huggingface.co/example/stylegan2-ffhq/resolve/main/ffhq.pkl) |
| SegFormer | Cityscapes | 82.1 | [seg.pth](https://github.com/example/mono/releases/download/v1/segformer_cityscapes.pth) |

Evaluated on LFW and COCO.

## License

The code and the pretrained models are released under the MIT License (see LICENSE).
`;

const LFS = (size: number) => `version https://git-lfs.github.com/spec/v1\noid sha256:${"c".repeat(64)}\nsize ${size}\n`;
const EXT = [".py", ".py", ".py", ".ts", ".json", ".md", ".txt", ".cc", ".h", ".png"];

export interface SyntheticTree {
  files: FileEntry[];
  /** Contents of the files a scan may read (docs, licences, configs, pointers); code files have none. */
  contents: Map<string, string>;
}

/** A tree of exactly `n` files (n ≥ 2,000). */
export function syntheticTree(n: number): SyntheticTree {
  const files: FileEntry[] = [];
  const contents = new Map<string, string>();
  const add = (path: string, text: string | null, size?: number, lfsSize?: number) => {
    const entry: FileEntry = { path, size: size ?? (text === null ? 1_000 : Buffer.byteLength(text)), type: "file" };
    if (lfsSize !== undefined) entry.lfsSize = lfsSize;
    files.push(entry);
    if (text !== null) contents.set(path, text);
  };
  add("README.md", ROOT_README);
  add("LICENSE", MIT);
  add(".gitattributes", "*.pth filter=lfs diff=lfs merge=lfs -text\n*.safetensors filter=lfs diff=lfs merge=lfs -text\n");
  add("docs/MODEL_ZOO.md", ROOT_README.replace("# mono: vision models", "# Model zoo (mirror)"));
  add("docs/getting_started.md", "Install with pip. Train with `python tools/train.py configs/r50_imagenet.yaml`.\n");
  for (let i = 0; i < 400; i++) {
    const data = ["imagenet-1k", "ms1mv2", "ffhq", "cityscapes", "coco"][i % 5]!;
    add(`configs/${data}/model_${i}.yaml`, `model:\n  backbone: r${i % 3 === 0 ? 50 : 101}\ndata:\n  train: ${data}\n  val: ${data}\noptimizer: {lr: 0.1}\n`);
  }
  for (let i = 0; i < 40; i++) add(`models/zoo/model_${i}.pth`, LFS(100_000_000 + i), 133, 100_000_000 + i);
  for (let i = 0; i < 10; i++) add(`checkpoints/ckpt_${i}.safetensors`, null, 400_000_000 + i);
  for (let i = 0; i < 5; i++) add(`third_party/lib${i}/LICENSE`, MIT.replace("Example Corp", `Lib ${i} authors`));
  const PACKAGES = 300;
  for (let p = 0; p < PACKAGES; p++) add(`packages/p${String(p).padStart(3, "0")}/README.md`, `# package ${p}\n\nUtilities for the ${p % 2 ? "detection" : "face"} models.\n`);
  let i = 0;
  while (files.length < n) {
    const p = i % PACKAGES;
    const mod = Math.floor(i / PACKAGES) % 40;
    const ext = EXT[i % EXT.length]!;
    const dir = i % 11 === 0 ? "tests" : "src";
    add(`packages/p${String(p).padStart(3, "0")}/${dir}/mod${mod}/file_${i}${ext}`, null);
    i++;
  }
  return { files, contents };
}
