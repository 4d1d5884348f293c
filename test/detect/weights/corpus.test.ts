/**
 * detectWeights over the 26 real repositories of ../shared/corpus: every weights
 * location SOURCE.yaml states is found (kind, host, evidence line), repositories
 * without weights in docs or tree get none, and every evidence quotes its line.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import type { WeightKind, WeightRef } from "../../../src/core/types.js";
import { detectWeights, weightCandidatePaths } from "../../../src/detect/weights.js";
import { splitLines } from "../../../src/sources/text.js";
import { CORPUS, corpusRepos, loadCorpusRepo } from "./corpus.js";
import { corpusAvailable } from "../../helpers/corpus.js";

/** One location we expect, with the line its first evidence is on. */
interface Loc {
  ref: string;
  kind: WeightKind;
  host?: string;
  path: string;
  /** 1-based; 0 for a tree entry. */
  line: number;
  size?: number;
  /** Set when the evidence line is not one SOURCE cites for this entry (first evidence is earlier, or SOURCE cites prose). */
  outside?: string;
}

/** Per SOURCE `facts.weights` entry, in order: the locations that prove it, or why none is expected from docs/tree. */
type Entry = Loc[] | { none: string };

const HF = "https://huggingface.co/";
const FB = "https://dl.fbaipublicfiles.com/";

const EXPECTED: Record<string, Entry[]> = {
  "CompVis__latent-diffusion": [
    [
      { ref: "https://ommer-lab.com/files/latent-diffusion/nitro/txt2img-f8-large/model.ckpt", kind: "link", host: "cdn", path: "README.md", line: 123 },
      // Archives without a model-ish name, accepted by the "Pretrained Autoencoding Models" heading.
      { ref: "https://ommer-lab.com/files/latent-diffusion/vq-f4.zip", kind: "link", host: "cdn", path: "README.md", line: 273 },
      { ref: "https://ommer-lab.com/files/latent-diffusion/cin.zip", kind: "link", host: "cdn", path: "README.md", line: 302 },
    ],
    [{ ref: "https://heibox.uni-heidelberg.de/f/4d9ac7ea40c64582b7c9/?dl=1", kind: "link", host: "file-share", path: "README.md", line: 157 }],
  ],
  "CompVis__stable-diffusion": [
    [{ ref: `${HF}CompVis`, kind: "hub", host: "huggingface", path: "README.md", line: 52 }],
    { none: "`--laion400m` is a script flag; the model URL is in code, not in the docs" },
  ],
  "LAION-AI__Open-Assistant": [{ none: "HF model ids only in a training config (inputs to RL), not a release" }],
  "MikeRalphson__dolly-v1-6b": [
    [{ ref: `${HF}databricks/dolly-v1-6b`, kind: "hub", host: "huggingface", path: "README.md", line: 140, outside: "SOURCE cites the prose naming dolly-v1-6b; the from_pretrained load is at 140" }],
  ],
  "NVlabs__stylegan2-ada-pytorch": [
    [
      { ref: "https://nvlabs-fi-cdn.nvidia.com/stylegan2-ada-pytorch/pretrained/metfaces.pkl", kind: "link", host: "cdn", path: "README.md", line: 79 },
      { ref: "https://nvlabs-fi-cdn.nvidia.com/stylegan2-ada-pytorch/pretrained/cifar10.pkl", kind: "link", host: "cdn", path: "README.md", line: 87 },
      { ref: "https://nvlabs-fi-cdn.nvidia.com/stylegan2-ada-pytorch/pretrained/ffhq.pkl", kind: "link", host: "cdn", path: "README.md", line: 120 },
    ],
  ],
  "SeanNaren__deepspeech.pytorch": [
    [{ ref: "https://github.com/SeanNaren/deepspeech.pytorch/releases", kind: "link", host: "github-release", path: "README.md", line: 316 }],
  ],
  "Stability-AI__stablediffusion": [
    [
      { ref: "https://huggingface.co/stabilityai/stable-diffusion-2-1-unclip/blob/main/sd21-unclip-l.ckpt", kind: "link", host: "huggingface", path: "README.md", line: 16 },
      // Line 25 links it first, but its sentence ends "…of the LAION-5B dataset": data words beat "model".
      { ref: `${HF}stabilityai/stable-diffusion-2-1`, kind: "hub", host: "huggingface", path: "README.md", line: 129 },
      { ref: `${HF}stabilityai/stable-diffusion-2-depth`, kind: "hub", host: "huggingface", path: "README.md", line: 194 },
      { ref: `${HF}stabilityai/stable-diffusion-2-inpainting`, kind: "hub", host: "huggingface", path: "README.md", line: 249 },
    ],
    [{ ref: "https://github.com/intel-isl/DPT/releases/download/1_0/dpt_hybrid-midas-501f0c75.pt", kind: "link", host: "github-release", path: "README.md", line: 194 }],
  ],
  "THUDM__ChatGLM-6B": [
    [{ ref: `${HF}THUDM/chatglm-6b`, kind: "hub", host: "huggingface", path: "README.md", line: 143, outside: "README.md is read first; its from_pretrained at 143 precedes the git clone SOURCE cites (169)" }],
  ],
  "chengzeyi__vicuna-7b-delta-v1.1": [
    [
      { ref: "pytorch_model-00001-of-00002.bin", kind: "lfs-pointer", path: "pytorch_model-00001-of-00002.bin", line: 0, size: 9976634558 },
      { ref: "pytorch_model-00002-of-00002.bin", kind: "lfs-pointer", path: "pytorch_model-00002-of-00002.bin", line: 0, size: 3500315539 },
      { ref: "*.bin", kind: "lfs-pattern", path: ".gitattributes", line: 3 },
    ],
    { none: "a statement about the base model (LLaMA), for lineage, not a weights location" },
  ],
  "clovaai__stargan-v2": [
    [
      { ref: "download.sh pretrained-network-celeba-hq", kind: "link", host: "download-script", path: "README.md", line: 47 },
      // "wing" says nothing; the prose above the block says "the pre-trained network".
      { ref: "download.sh wing", kind: "link", host: "download-script", path: "README.md", line: 48 },
      { ref: "download.sh pretrained-network-afhq", kind: "link", host: "download-script", path: "README.md", line: 54 },
    ],
  ],
  // Line 3 links it in "… is an instruction-following large language model": "model" alone does not say
  // the link hosts it; line 12 "The model is available on Hugging Face as …" does.
  databrickslabs__dolly: [[{ ref: `${HF}databricks/dolly-v2-12b`, kind: "hub", host: "huggingface", path: "README.md", line: 12 }]],
  facebookresearch__detectron2: [
    [
      { ref: `${FB}detectron2/COCO-Detection/faster_rcnn_R_50_C4_1x/137257644/model_final_721ade.pkl`, kind: "link", host: "cdn", path: "MODEL_ZOO.md", line: 109 },
      { ref: `${FB}detectron2/Cityscapes/mask_rcnn_R_50_FPN/142423278/model_final_af9cf5.pkl`, kind: "link", host: "cdn", path: "MODEL_ZOO.md", line: 805 },
    ],
    [
      { ref: `${FB}detectron2/ImageNetPretrained/MSRA/R-50.pkl`, kind: "link", host: "cdn", path: "MODEL_ZOO.md", line: 54 },
      { ref: `${FB}detectron/ImageNetPretrained/25093814/X-152-32x8d-IN5k.pkl`, kind: "link", host: "cdn", path: "MODEL_ZOO.md", line: 62 },
    ],
    { none: "DensePose's README links its zoo pages doc/DENSEPOSE_*.md, which are not in the corpus (other projects/*/README.md zoos are checked below)" },
  ],
  facebookresearch__dinov2: [
    [
      { ref: `${FB}dinov2/dinov2_vits14/dinov2_vits14_pretrain.pth`, kind: "link", host: "cdn", path: "README.md", line: 53 },
      { ref: `${FB}dinov2/dinov2_vits14/dinov2_vits14_kitti_linear_head.pth`, kind: "link", host: "cdn", path: "README.md", line: 251 },
      { ref: `${FB}dinov2/dinov2_vits14/dinov2_vits14_voc2012_linear_head.pth`, kind: "link", host: "cdn", path: "README.md", line: 322 },
      { ref: `${FB}dinov2/dinov2_vitl14/dinov2_vitl14_reg4_dinotxt_tet1280d20h24l_text_encoder.pth`, kind: "link", host: "cdn", path: "README.md", line: 384 },
    ],
    [{ ref: "torch.hub:facebookresearch/dinov2/dinov2_vits14", kind: "hub", host: "torch-hub", path: "README.md", line: 124 }],
  ],
  "facebookresearch__segment-anything": [
    [
      { ref: `${FB}segment_anything/sam_vit_h_4b8939.pth`, kind: "link", host: "cdn", path: "README.md", line: 112 },
      { ref: `${FB}segment_anything/sam_vit_l_0b3195.pth`, kind: "link", host: "cdn", path: "README.md", line: 113 },
      { ref: `${FB}segment_anything/sam_vit_b_01ec64.pth`, kind: "link", host: "cdn", path: "README.md", line: 114 },
    ],
  ],
  fundamentalvision__BEVFormer: [
    [
      { ref: "https://github.com/zhiqi-li/storage/releases/download/v1.0/bevformer_tiny_fp16_epoch_24.pth", kind: "link", host: "github-release", path: "README.md", line: 43 },
      { ref: "https://github.com/zhiqi-li/storage/releases/download/v1.0/bevformer_tiny_epoch_24.pth", kind: "link", host: "github-release", path: "README.md", line: 44 },
      { ref: "https://github.com/zhiqi-li/storage/releases/download/v1.0/bevformer_small_epoch_24.pth", kind: "link", host: "github-release", path: "README.md", line: 45 },
      { ref: "https://github.com/zhiqi-li/storage/releases/download/v1.0/r101_dcn_fcos3d_pretrain.pth", kind: "link", host: "github-release", path: "README.md", line: 45 },
      { ref: "https://github.com/zhiqi-li/storage/releases/download/v1.0/bevformer_r101_dcn_24ep.pth", kind: "link", host: "github-release", path: "README.md", line: 46 },
    ],
  ],
  "haotian-liu__LLaVA": [
    [
      // A table whose "Checkpoint" column header says weights.
      { ref: `${HF}liuhaotian/llava-v1.6-vicuna-7b`, kind: "hub", host: "huggingface", path: "docs/MODEL_ZOO.md", line: 13 },
      { ref: `${HF}liuhaotian/llava-v1.5-7b-lora`, kind: "hub", host: "huggingface", path: "docs/MODEL_ZOO.md", line: 27 },
    ],
    [{ ref: `${HF}collections/lmms-lab/llava-next-6623288e2d61edba3ddbf5ff`, kind: "hub", host: "huggingface", path: "README.md", line: 23 }],
  ],
  "lm-sys__FastChat": [
    [
      { ref: `${HF}lmsys/vicuna-7b-v1.5`, kind: "hub", host: "huggingface", path: "README.md", line: 81 },
      { ref: `${HF}lmsys/vicuna-33b-v1.3`, kind: "hub", host: "huggingface", path: "README.md", line: 85 },
    ],
    [
      { ref: `${HF}lmsys/longchat-7b-32k-v1.5`, kind: "hub", host: "huggingface", path: "README.md", line: 95 },
      { ref: `${HF}lmsys/fastchat-t5-3b-v1.0`, kind: "hub", host: "huggingface", path: "README.md", line: 96 },
    ],
    [
      { ref: `${HF}lmsys/vicuna-7b-v1.1`, kind: "hub", host: "huggingface", path: "docs/vicuna_weights_version.md", line: 7 },
      { ref: `${HF}lmsys/vicuna-7b-delta-v0`, kind: "hub", host: "huggingface", path: "docs/vicuna_weights_version.md", line: 8 },
    ],
  ],
  "mlfoundations__open_clip": [
    [
      { ref: `${HF}laion/CLIP-ViT-L-14-DataComp.XL-s13B-b90K`, kind: "hub", host: "huggingface", path: "README.md", line: 154 },
      { ref: `${HF}laion/CLIP-ViT-L-14-DataComp.XL-s13B-b90K/blob/main/open_clip_pytorch_model.bin`, kind: "link", host: "huggingface", path: "README.md", line: 154 },
      { ref: `${HF}laion/CLIP-ViT-B-32-laion2B-s34B-b79K`, kind: "hub", host: "huggingface", path: "docs/PRETRAINED.md", line: 79 },
    ],
    [
      { ref: "https://github.com/mlfoundations/open_clip/releases/download/v0.2-weights/rn50-quickgelu-yfcc15m-455df137.pt", kind: "link", host: "github-release", path: "docs/PRETRAINED.md", line: 126 },
      { ref: "https://github.com/mlfoundations/open_clip/releases/download/v0.2-weights/rn50-quickgelu-cc12m-f000538c.pt", kind: "link", host: "github-release", path: "docs/PRETRAINED.md", line: 131 },
    ],
  ],
  "open-mmlab__OpenPCDet": [
    [{ ref: "https://drive.google.com/file/d/1wMxWTpU1qUoY3DsCH31WJmvJxcjFXKlm/view?usp=sharing", kind: "link", host: "google-drive", path: "README.md", line: 151 }],
    [{ ref: "https://drive.google.com/file/d/1p-501mTWsq0G9RzroTWSXreIMyTUUpBM/view?usp=sharing", kind: "link", host: "google-drive", path: "README.md", line: 217 }],
    [{ ref: "https://drive.google.com/file/d/1YP2UOz-yO-cWfYQkIqILEu6bodvCBVrR/view?usp=share_link", kind: "link", host: "google-drive", path: "README.md", line: 244 }],
    { none: "Waymo models are withheld: the line links the license terms, not weights" },
  ],
  openai__CLIP: [{ none: "weight URLs live in clip/clip.py (code, not in the corpus); the docs name no location" }],
  openai__whisper: [{ none: "weight URLs live in whisper/__init__.py (code, not in the corpus); the docs name no location" }],
  "rosinality__stylegan2-pytorch": [
    [{ ref: "https://drive.google.com/open?id=1PQutd-JboOCOZqmd95XWxWrO8gGEvRcO", kind: "link", host: "google-drive", path: "README.md", line: 80 }],
    { none: "user-run conversion of NVIDIA's checkpoints: no location" },
    [
      { ref: "lpips/weights/v0.0/alex.pth", kind: "file", path: "lpips/weights/v0.0/alex.pth", line: 0, size: 5455 },
      { ref: "lpips/weights/v0.1/vgg.pth", kind: "file", path: "lpips/weights/v0.1/vgg.pth", line: 0, size: 7289 },
    ],
  ],
  "tatsu-lab__stanford_alpaca": [
    [
      { ref: `${HF}tatsu-lab/alpaca-7b-wdiff`, kind: "hub", host: "huggingface", path: "README.md", line: 218 },
      { ref: `${HF}tatsu-lab/alpaca-7b`, kind: "hub", host: "huggingface", path: "README.md", line: 224 },
    ],
  ],
  "tloen__alpaca-lora": [
    // The `/tree/main` link and the bare one are the same repo: one ref, first evidence.
    [{ ref: `${HF}tloen/alpaca-lora-7b`, kind: "hub", host: "huggingface", path: "README.md", line: 13 }],
    [{ ref: `${HF}samwit/alpaca7B-lora`, kind: "hub", host: "huggingface", path: "README.md", line: 163 }],
    { none: "alpaca_data*.json are datasets, not weights" },
  ],
  ultralytics__yolov5: [
    [
      { ref: "https://github.com/ultralytics/yolov5/releases/download/v7.0/yolov5n6.pt", kind: "link", host: "github-release", path: "README.md", line: 233 },
      { ref: "https://github.com/ultralytics/yolov5/releases/download/v7.0/yolov5s-seg.pt", kind: "link", host: "github-release", path: "README.md", line: 267 },
      { ref: "https://github.com/ultralytics/yolov5/releases/download/v7.0/yolov5s-cls.pt", kind: "link", host: "github-release", path: "README.md", line: 348 },
    ],
  ],
  "vistec-AI__wav2vec2-large-xlsr-53-th": [
    [
      {
        ref: `${HF}airesearch/wav2vec2-large-xlsr-53-th`,
        kind: "hub",
        host: "huggingface",
        path: "README.md",
        line: 18,
        outside: "line 18 ('The pretrained model and processor can be found at …') links it before the from_pretrained lines SOURCE cites",
      },
    ],
  ],
};

interface SourceWeights {
  where: string;
  evidence?: string | string[];
}

function sourceWeights(name: string): SourceWeights[] {
  const doc = parse(readFileSync(path.join(CORPUS, name, "SOURCE.yaml"), "utf8")) as { facts: { weights?: SourceWeights[] } };
  return doc.facts.weights ?? [];
}

/** `README.md:47-59` → { path, from, to }; a bare `.gitattributes` → the whole file; `tree.txt` → null (tree evidence). */
function parseEvidence(e: string): { path: string; from: number; to: number } | null {
  const m = /^(.+):(\d+)(?:-(\d+))?$/.exec(e);
  if (!m) return e === "" || e === "tree.txt" ? null : { path: e, from: 1, to: Number.MAX_SAFE_INTEGER };
  return { path: m[1]!, from: Number(m[2]), to: Number(m[3] ?? m[2]) };
}

const results = new Map<string, WeightRef[]>();
function run(name: string): WeightRef[] {
  let r = results.get(name);
  if (!r) {
    const repo = loadCorpusRepo(name);
    r = detectWeights({ files: repo.files, texts: repo.texts });
    results.set(name, r);
  }
  return r;
}

function fileLines(name: string, p: string): string[] {
  return splitLines(readFileSync(path.join(CORPUS, name, p), "utf8"));
}

describe.skipIf(!corpusAvailable)("detectWeights on the corpus", () => {
  it("has an expectation for every corpus repository and every SOURCE weights entry", () => {
    expect(Object.keys(EXPECTED).sort()).toEqual(corpusRepos());
    for (const name of corpusRepos()) {
      expect(EXPECTED[name]!.length, `${name}: one expectation per facts.weights entry`).toBe(sourceWeights(name).length);
    }
  });

  for (const name of corpusRepos()) {
    describe(name, () => {
      const entries = EXPECTED[name] ?? [];
      entries.forEach((entry, i) => {
        if ("none" in entry) return;
        it(`finds SOURCE weights entry ${i + 1}`, () => {
          const got = run(name);
          const src = sourceWeights(name)[i]!;
          const cited = (Array.isArray(src.evidence) ? src.evidence : [src.evidence ?? ""]).map(parseEvidence);
          for (const loc of entry) {
            const w = got.find((g) => g.ref === loc.ref);
            expect(w, `${loc.ref} found`).toBeDefined();
            expect(w!.kind).toBe(loc.kind);
            expect(w!.host).toBe(loc.host);
            expect(w!.evidence.path).toBe(loc.path);
            expect(w!.evidence.line).toBe(loc.line);
            if (loc.size !== undefined) expect(w!.size).toBe(loc.size);
            if (loc.line > 0) {
              // The quote is the cited line's own text.
              expect(fileLines(name, loc.path)[loc.line - 1]).toContain(w!.evidence.text);
              const inCited = cited.some((c) => c !== null && c.path === loc.path && loc.line >= c.from && loc.line <= c.to);
              if (loc.outside === undefined) expect(inCited, `${loc.ref}: line ${loc.line} is one SOURCE cites`).toBe(true);
              else {
                // SOURCE still supports the ref: one cited line names it.
                const id = loc.ref.slice(loc.ref.lastIndexOf("/") + 1);
                const named = cited.some((c) => c !== null && fileLines(name, c.path).slice(c.from - 1, c.to).some((l) => l.includes(id)));
                expect(named, `${loc.ref}: some cited line names ${id}`).toBe(true);
              }
            }
          }
        });
      });

      it("quotes real lines, at most 200 chars, one ref each", () => {
        const got = run(name);
        const refs = got.map((g) => g.ref);
        expect(new Set(refs).size).toBe(refs.length);
        for (const g of got) {
          expect(g.evidence.text.length).toBeLessThanOrEqual(200);
          expect(g.evidence.text.length).toBeGreaterThan(0);
          if (g.evidence.line > 0 && g.kind !== "lfs-pointer") {
            expect(fileLines(name, g.evidence.path)[g.evidence.line - 1]).toContain(g.evidence.text);
          }
        }
      });
    });
  }

  it("finds nothing in a repository with no weights in docs or tree (Open-Assistant, whisper)", () => {
    expect(run("LAION-AI__Open-Assistant")).toEqual([]);
    expect(run("openai__whisper")).toEqual([]);
  });

  it("openai/CLIP: no doc link, only its torch.hub entry point file", () => {
    expect(run("openai__CLIP")).toEqual([
      { ref: "hubconf.py", kind: "hub", host: "torch-hub", evidence: { path: "hubconf.py", line: 0, text: "hubconf.py (torch.hub entry points)" } },
    ]);
  });

  it("keeps LFS boilerplate and data files out (dolly mirror, alpaca-lora, vicuna tokenizer, rosinality FID stats)", () => {
    const kinds = (n: string) => run(n).filter((w) => w.kind !== "link" && w.kind !== "hub");
    expect(kinds("MikeRalphson__dolly-v1-6b")).toEqual([]);
    expect(kinds("tloen__alpaca-lora")).toEqual([]);
    expect(run("chengzeyi__vicuna-7b-delta-v1.1").map((w) => w.ref)).not.toContain("tokenizer.model");
    expect(run("rosinality__stylegan2-pytorch").map((w) => w.ref)).not.toContain("inception_ffhq.pkl");
  });

  it("OpenPCDet: the withheld Waymo models line yields nothing", () => {
    expect(run("open-mmlab__OpenPCDet").filter((w) => w.evidence.line === 209)).toEqual([]);
  });

  it("detectron2: the project model zoos under projects/ are found too", () => {
    const projects = run("facebookresearch__detectron2").filter((w) => w.evidence.path.startsWith("projects/"));
    expect(projects.length).toBeGreaterThan(10);
    expect(projects.every((w) => w.kind === "link" && w.host === "cdn" && /\.pkl$/.test(w.ref))).toBe(true);
  });

  it("asks the pipeline for every doc a SOURCE weights evidence cites", () => {
    for (const name of corpusRepos()) {
      const repo = loadCorpusRepo(name);
      const wanted = new Set(weightCandidatePaths(repo.files));
      for (const src of sourceWeights(name)) {
        for (const e of Array.isArray(src.evidence) ? src.evidence : [src.evidence ?? ""]) {
          const c = parseEvidence(e);
          if (!c || !/\.md$/i.test(c.path) || c.to === Number.MAX_SAFE_INTEGER) continue;
          expect(wanted.has(c.path), `${name}: ${c.path} is a candidate`).toBe(true);
        }
      }
    }
  });
});
