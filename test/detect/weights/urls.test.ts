/** URL extraction and host classification (the first rung of the links ladder). */
import { describe, expect, it } from "vitest";
import { classifyUrl, expandBraces, findUrls } from "../../../src/detect/weights/urls.js";
import { judge } from "../../../src/detect/weights/context.js";

describe("findUrls", () => {
  it("trims Markdown, punctuation and unbalanced parentheses; keeps balanced ones", () => {
    const line = "[model](https://x.org/a.pth)/[log](https://x.org/a.log). See https://en.wikipedia.org/wiki/Net_(x), or <https://x.org/b.ckpt>.";
    expect(findUrls(line).map((h) => h.url)).toEqual([
      "https://x.org/a.pth",
      "https://x.org/a.log",
      "https://en.wikipedia.org/wiki/Net_(x)",
      "https://x.org/b.ckpt",
    ]);
  });

  it("reads protocol-relative links after `](` and `href=`, decodes &amp;, and s3/gs URLs", () => {
    const line = '[33B](//huggingface.co/lmsys/vicuna-33b-v1.3) <a href="https://d.org/f?a=1&amp;dl=1">x</a> s3://b/k/m.pt gs://b/m.ckpt';
    expect(findUrls(line).map((h) => h.url)).toEqual([
      "https://huggingface.co/lmsys/vicuna-33b-v1.3",
      "https://d.org/f?a=1&dl=1",
      "s3://b/k/m.pt",
      "gs://b/m.ckpt",
    ]);
    // The hit's offsets point into the original line.
    const [h] = findUrls("see https://x.org/a.pt now");
    expect([h!.start, h!.end]).toEqual([4, 22]);
  });

  it("finds nothing in text without URLs, comments like // foo, or bare hosts", () => {
    expect(findUrls("x = 1 // see the docs")).toEqual([]);
    expect(findUrls("huggingface.co/acme/model")).toEqual([]);
  });
});

describe("findUrls: shell brace templates", () => {
  it("expands a wget template into one URL per file", () => {
    const line = "wget https://storage.example.com/zoo/M-{r50,r101}-run{0,1}-{svhn,kitti-distance}.npz";
    const urls = findUrls(line).map((h) => h.url);
    expect(urls).toHaveLength(8);
    expect(urls).toContain("https://storage.example.com/zoo/M-r101-run1-kitti-distance.npz");
    expect(new Set(findUrls(line).map((h) => h.end))).toEqual(new Set([line.length]));
  });
  it("keeps a template that would expand past the cap as one URL, and leaves JSON-ish braces alone", () => {
    expect(expandBraces("a{1,2,3}{4,5,6}", 8)).toBeNull();
    expect(expandBraces("x-{a,b}.pt", 8)).toEqual(["x-a.pt", "x-b.pt"]);
    expect(findUrls("see https://x.org/a.pt {not,a} template").map((h) => h.url)).toEqual(["https://x.org/a.pt"]);
  });
});

describe("classifyUrl", () => {
  const c = (u: string) => {
    const r = classifyUrl(u);
    return r && [r.ref, r.host, r.kind, r.decision];
  };

  it.each([
    // Hugging Face
    ["https://huggingface.co/acme/net-7b", ["https://huggingface.co/acme/net-7b", "huggingface", "hub", "context"]],
    ["https://huggingface.co/acme/net-7b/tree/main/unet", ["https://huggingface.co/acme/net-7b", "huggingface", "hub", "context"]],
    ["https://hf.co/acme/net-7b/resolve/main/model.safetensors?download=true", ["https://huggingface.co/acme/net-7b/resolve/main/model.safetensors", "huggingface", "link", "yes"]],
    ["https://huggingface.co/acme/net-7b/blob/main/pytorch_model.bin", ["https://huggingface.co/acme/net-7b/blob/main/pytorch_model.bin", "huggingface", "link", "weak"]],
    ["https://huggingface.co/acme/net-7b/blob/main/LICENSE", ["https://huggingface.co/acme/net-7b/blob/main/LICENSE", "huggingface", "link", "no"]],
    ["https://huggingface.co/acme", ["https://huggingface.co/acme", "huggingface", "hub", "line"]],
    ["https://huggingface.co/datasets/acme/data", null],
    ["https://huggingface.co/spaces/acme/demo", null],
    ["https://huggingface.co/docs/hub/index", null],
    ["https://huggingface.co/papers/2401.00001", null],
    // GitHub
    ["https://github.com/o/r/releases/download/v1/yolo.pt", ["https://github.com/o/r/releases/download/v1/yolo.pt", "github-release", "link", "yes"]],
    ["https://github.com/o/r/releases/download/v1/train.log", ["https://github.com/o/r/releases/download/v1/train.log", "github-release", "link", "no"]],
    ["https://github.com/o/r/releases/download/v1/weights.zip", ["https://github.com/o/r/releases/download/v1/weights.zip", "github-release", "link", "yes"]],
    ["https://github.com/o/r/releases/download/v1/assets.zip", ["https://github.com/o/r/releases/download/v1/assets.zip", "github-release", "link", "context"]],
    ["https://github.com/o/r/releases/tag/v0.2-weights", ["https://github.com/o/r/releases/tag/v0.2-weights", "github-release", "link", "line"]],
    ["https://github.com/o/r/blob/main/README.md", null],
    ["https://github.com/o/r", null],
    ["https://raw.githubusercontent.com/o/r/main/w/alex.pth", ["https://raw.githubusercontent.com/o/r/main/w/alex.pth", "github", "link", "yes"]],
    // file shares
    ["https://drive.google.com/file/d/1abc/view?usp=sharing", ["https://drive.google.com/file/d/1abc/view?usp=sharing", "google-drive", "link", "context"]],
    ["https://docs.google.com/uc?export=download&id=1abc", ["https://docs.google.com/uc?export=download&id=1abc", "google-drive", "link", "context"]],
    ["https://docs.google.com/document/d/1abc/edit", null],
    ["https://www.dropbox.com/s/k/sam.pth?dl=0", ["https://www.dropbox.com/s/k/sam.pth?dl=0", "dropbox", "link", "yes"]],
    ["https://1drv.ms/u/s!Ak", ["https://1drv.ms/u/s!Ak", "onedrive", "link", "context"]],
    ["https://acme-my.sharepoint.com/:u:/g/personal/x", ["https://acme-my.sharepoint.com/:u:/g/personal/x", "onedrive", "link", "context"]],
    ["https://lab-my.sharepoint.com/personal/u_lab_edu/_layouts/15/guestaccess.aspx?folderid=0a38&authkey=Ac5y", ["https://lab-my.sharepoint.com/personal/u_lab_edu/_layouts/15/guestaccess.aspx?folderid=0a38&authkey=Ac5y", "onedrive", "link", "context"]],
    ["https://pan.baidu.com/s/1abc?pwd=x1y2", ["https://pan.baidu.com/s/1abc?pwd=x1y2", "baidu-pan", "link", "context"]],
    ["https://zenodo.org/records/123/files/model.ckpt", ["https://zenodo.org/records/123/files/model.ckpt", "zenodo", "link", "yes"]],
    ["https://modelscope.cn/models/acme/net/summary", ["https://modelscope.cn/models/acme/net", "modelscope", "hub", "context"]],
    ["https://heibox.uni-heidelberg.de/f/9c6681f64bb94338a069/?dl=1", ["https://heibox.uni-heidelberg.de/f/9c6681f64bb94338a069/?dl=1", "file-share", "link", "context"]],
    // object stores and CDNs
    ["https://bkt.s3.us-west-2.amazonaws.com/m/final.ckpt", ["https://bkt.s3.us-west-2.amazonaws.com/m/final.ckpt", "s3", "link", "yes"]],
    ["https://s3.amazonaws.com/bkt/runs/", ["https://s3.amazonaws.com/bkt/runs", "s3", "link", "line"]],
    ["https://storage.googleapis.com/bkt/vit.npz", ["https://storage.googleapis.com/bkt/vit.npz", "gcs", "link", "weak"]],
    ["https://acct.blob.core.windows.net/c/m.onnx", ["https://acct.blob.core.windows.net/c/m.onnx", "azure-blob", "link", "yes"]],
    ["https://dl.fbaipublicfiles.com/segment_anything/sam_vit_h_4b8939.pth", ["https://dl.fbaipublicfiles.com/segment_anything/sam_vit_h_4b8939.pth", "cdn", "link", "yes"]],
    ["https://dl.fbaipublicfiles.com/dinov2/thirdparty/bpe_simple_vocab_16e6.txt.gz", null],
    ["https://ommer-lab.com/files/latent-diffusion/vq-f4.zip", ["https://ommer-lab.com/files/latent-diffusion/vq-f4.zip", "cdn", "link", "context"]],
    ["https://example.pt/about", null],
    ["https://arxiv.org/abs/2112.10752", null],
    ["https://img.shields.io/badge/x.svg", null],
    ["mailto:x@y.z", null],
  ])("%s", (u, want) => {
    expect(c(u)).toEqual(want);
  });
});

describe("judge", () => {
  it.each([
    ["pre-trained network", "pos"],
    ["the data used to train the model", "neg"],
    ["the dataset and the pre-trained network", "pos"],
    ["model-18M", "pos"],
    ["sam_vit_h.pth", "pos"],
    ["DALLE-MINI model card", "neutral"],
    ["here", "neutral"],
    ["FFHQ dataset", "neg"],
    ["论文", "neg"],
    ["预训练模型", "pos"],
    ["We also release the fine-tuned models for each of the 19 tasks of the VTAB-1k benchmark", "pos"],
    ["the 19 tasks of the VTAB-1k benchmark", "neg"],
  ])("%s → %s", (t, v) => {
    expect(judge(t)).toBe(v);
  });
});
