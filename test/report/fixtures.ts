/**
 * Hand-built scan results for the reporter tests. The face zoo is modelled on a typical
 * ArcFace model zoo: MIT for code and weights, trained on MS1MV2 (InsightFace: models
 * non-commercial research only), whose parent MS-Celeb-1M Microsoft retracted in 2019.
 * Facts and URLs are those of rules/datasets/ms1mv2.yml and ms-celeb-1m.yml.
 */
import type { Finding, ScanResult } from "../../src/core/types.js";
import type { RuleMeta } from "../../src/report/types.js";

const DOCS = "https://github.com/carryover-dev/carryover/blob/main/docs/rules";
const INSIGHTFACE = "https://github.com/deepinsight/insightface/blob/0251629557bc7d22eef514c27c8ad8d8d9778b65/README.md";
const ENGADGET = "https://www.engadget.com/2019-06-06-microsoft-discreetly-wiped-its-massive-facial-recognition-databa.html";

export const RULES: RuleMeta[] = [
  {
    id: "noncommercial-not-carried-over",
    description: "A training dataset's terms restrict use to non-commercial purposes, but the weights ship under a license that allows commercial use.",
    defaultSeverity: "error",
    docsUrl: `${DOCS}/noncommercial-not-carried-over.md`,
    fix: "License the weights under terms that keep the non-commercial restriction, or retrain on data that allows commercial use.",
  },
  {
    id: "retracted-dataset",
    description: "The weights were trained on a dataset that was retracted or taken down, or on a derivative of one.",
    defaultSeverity: "warning",
    docsUrl: `${DOCS}/retracted-dataset.md`,
    fix: "Say in the README that the training data was retracted and why; consider retraining on a maintained replacement.",
  },
  {
    id: "unknown-dataset",
    description: "A training dataset is not in the registry, so its terms could not be checked.",
    defaultSeverity: "warning",
    docsUrl: `${DOCS}/unknown-dataset.md`,
  },
];

const WEIGHTS = [
  "https://github.com/acme-vision/face-zoo/releases/download/v1.0/arcface_r100_ms1mv2.pth",
  "https://github.com/acme-vision/face-zoo/releases/download/v1.0/arcface_r50_ms1mv2.pth",
  "https://drive.google.com/file/d/1Gh8C-bwl2B90RDrvKJkXafvZC3q4_H_z/view",
  "checkpoints/mobilefacenet_ms1mv2.onnx",
];

/** MIT face-recognition zoo trained on MS1MV2, with the inherited MS-Celeb-1M retraction. */
export function faceZoo(): ScanResult {
  return {
    schemaVersion: 1,
    tool: { name: "carryover", version: "0.1.0" },
    target: "github:acme-vision/face-zoo@v1.2.0",
    licenses: [
      {
        spdx: "MIT",
        scope: "repository",
        clauses: [],
        confidence: 100,
        source: { path: "LICENSE", line: 1, text: "MIT License" },
        matcher: "exact",
      },
      {
        spdx: "MIT",
        scope: "weights",
        clauses: [],
        confidence: 90,
        source: { path: "README.md", line: 58, text: "Both the code and the pretrained models are released under the MIT license." },
        matcher: "prose",
      },
    ],
    weights: [
      {
        ref: WEIGHTS[0]!,
        kind: "link",
        host: "github-release",
        evidence: { path: "README.md", line: 31, text: `| ArcFace-R100 | MS1MV2 | 99.83 | 98.27 | [download](${WEIGHTS[0]}) |` },
      },
      {
        ref: WEIGHTS[1]!,
        kind: "link",
        host: "github-release",
        evidence: { path: "README.md", line: 32, text: `| ArcFace-R50 | MS1MV2 | 99.80 | 97.63 | [download](${WEIGHTS[1]}) |` },
      },
      {
        ref: WEIGHTS[2]!,
        kind: "link",
        host: "google-drive",
        evidence: { path: "README.md", line: 33, text: `| MobileFaceNet | MS1MV2 | 99.52 | 92.31 | [Google Drive](${WEIGHTS[2]}) |` },
      },
      {
        ref: WEIGHTS[3]!,
        kind: "lfs-pointer",
        size: 4_194_304,
        evidence: { path: "checkpoints/mobilefacenet_ms1mv2.onnx", line: 0, text: "" },
      },
    ],
    datasets: [
      {
        name: "MS1MV2",
        id: "ms1mv2",
        role: "training",
        via: "prose",
        evidence: { path: "README.md", line: 12, text: "All models are trained on MS1MV2 (MS1M-ArcFace), the refined version of MS-Celeb-1M." },
      },
      {
        name: "faces_emore",
        id: "ms1mv2",
        role: "training",
        via: "config",
        evidence: { path: "configs/r100_ms1mv2.yaml", line: 3, text: "dataset: faces_emore" },
      },
      {
        name: "ms1mv2",
        id: "ms1mv2",
        role: "training",
        via: "checkpoint",
        evidence: { path: "checkpoints/mobilefacenet_ms1mv2.onnx", line: 0, text: "" },
      },
      {
        name: "AcmeCeleb-200K",
        id: null,
        role: "training",
        via: "prose",
        evidence: { path: "README.md", line: 14, text: "The MobileFaceNet model is fine-tuned on AcmeCeleb-200K, our in-house set of 200K identities." },
      },
      {
        name: "LFW",
        id: "lfw",
        role: "evaluation",
        via: "table",
        evidence: { path: "README.md", line: 29, text: "| Model | Training data | LFW | CFP-FP | Weights |" },
      },
      {
        name: "CFP-FP",
        id: "cfp-fp",
        role: "evaluation",
        via: "table",
        evidence: { path: "README.md", line: 29, text: "| Model | Training data | LFW | CFP-FP | Weights |" },
      },
    ],
    findings: [
      {
        rule: "retracted-dataset",
        severity: "info",
        dataset: "ms1mv2",
        origin: "ms-celeb-1m",
        message:
          'MS1MV2 / MS1M-ArcFace (emore) derives from MS-Celeb-1M (Microsoft Celeb), which was retracted by Microsoft Research in 2019-06-06: "The site was intended for academic purposes. It was run by an employee that is no longer with Microsoft and has since been removed."',
        fix: `Note the retraction of MS-Celeb-1M (Microsoft Celeb) next to the weights (${ENGADGET}), and prefer a maintained replacement for future training.`,
        evidence: [
          { path: "README.md", line: 12, text: "All models are trained on MS1MV2 (MS1M-ArcFace), the refined version of MS-Celeb-1M." },
          { path: "configs/r100_ms1mv2.yaml", line: 3, text: "dataset: faces_emore" },
          { path: "checkpoints/mobilefacenet_ms1mv2.onnx", line: 0, text: "" },
        ],
        sources: [ENGADGET],
        fingerprint: "retracted-dataset/ms1mv2/ms-celeb-1m/2b7e9c1d",
        weights: [...WEIGHTS],
        confidence: "high",
      },
      {
        rule: "noncommercial-not-carried-over",
        severity: "error",
        dataset: "ms1mv2",
        origin: "ms1mv2",
        message:
          'The MS1MV2 terms say "the models trained with these data are available for non-commercial research purposes only", but the weights ship under MIT (README.md), which allows commercial use.',
        fix: "License the weights under terms that keep the restriction (e.g. `CC-BY-NC-4.0` for the checkpoints, MIT for the code) and say so next to the download links, or retrain on data whose terms allow commercial use.",
        evidence: [
          { path: "README.md", line: 12, text: "All models are trained on MS1MV2 (MS1M-ArcFace), the refined version of MS-Celeb-1M." },
          { path: "README.md", line: 58, text: "Both the code and the pretrained models are released under the MIT license." },
          { path: "LICENSE", line: 1, text: "MIT License" },
        ],
        sources: [INSIGHTFACE],
        fingerprint: "noncommercial-not-carried-over/ms1mv2/ms1mv2/8f14e45f",
        weights: [...WEIGHTS],
        confidence: "high",
      },
      {
        rule: "unknown-dataset",
        severity: "warning",
        dataset: "AcmeCeleb-200K",
        origin: null,
        message: "AcmeCeleb-200K is named as training data but is not in the registry: its terms could not be checked.",
        fix: "Link the terms of AcmeCeleb-200K next to the weights, or declare the dataset in `.github/carryover.yml` under `datasets:`.",
        evidence: [{ path: "README.md", line: 14, text: "The MobileFaceNet model is fine-tuned on AcmeCeleb-200K, our in-house set of 200K identities." }],
        sources: [],
        fingerprint: "unknown-dataset/AcmeCeleb-200K/-/c9f0f895",
        weights: [WEIGHTS[2]!, WEIGHTS[3]!],
        confidence: "medium",
      },
    ],
    notes: [
      { path: "checkpoints/mobilefacenet_ms1mv2.onnx", level: "info", message: "Git LFS pointer: the weights themselves were not downloaded." },
      { path: "docs/model-card.pdf", level: "warning", message: "binary content (NUL bytes), not read as text" },
    ],
    lineage: {
      "ms1mv2": {
        id: "ms1mv2",
        name: "MS1MV2 / MS1M-ArcFace (emore)",
        parents: ["ms-celeb-1m"],
        status: "active",
        license: "LicenseRef-InsightFace-NonCommercial-Research",
        sources: [INSIGHTFACE],
      },
      "ms-celeb-1m": {
        id: "ms-celeb-1m",
        name: "MS-Celeb-1M (Microsoft Celeb)",
        parents: [],
        status: "retracted",
        license: "LicenseRef-MSR-Data-License-Agreement",
        sources: ["https://www.msceleb.org/download/full", ENGADGET],
        statusSource: ENGADGET,
      },
      lfw: { id: "lfw", name: "Labeled Faces in the Wild", parents: [], status: "active", license: null, sources: ["http://vis-www.cs.umass.edu/lfw/"] },
      "cfp-fp": { id: "cfp-fp", name: "CFP (frontal-profile)", parents: [], status: "active", license: null, sources: ["http://www.cfpw.io/"] },
    },
  };
}

/** A repository whose license carries its training data's terms: no findings. */
export function cleanRepo(): ScanResult {
  return {
    schemaVersion: 1,
    tool: { name: "carryover", version: "0.1.0" },
    target: "examples/stargan-like",
    licenses: [
      {
        spdx: "CC-BY-NC-4.0",
        scope: "repository",
        clauses: ["non-commercial", "attribution"],
        confidence: 100,
        source: { path: "LICENSE", line: 1, text: "Attribution-NonCommercial 4.0 International" },
        matcher: "cc-notice",
        name: "Creative Commons Attribution-NonCommercial 4.0",
      },
    ],
    weights: [
      {
        ref: "https://www.dropbox.com/s/stargan_v2_afhq.ckpt",
        kind: "link",
        host: "dropbox",
        evidence: { path: "README.md", line: 40, text: "bash download.sh pretrained-network-afhq" },
      },
    ],
    datasets: [
      {
        name: "AFHQ",
        id: "afhq",
        role: "training",
        via: "prose",
        evidence: { path: "README.md", line: 22, text: "We release AFHQ, a dataset of animal faces, and train StarGAN v2 on it." },
      },
    ],
    findings: [],
    notes: [],
    lineage: {
      afhq: {
        id: "afhq",
        name: "Animal Faces-HQ (AFHQ)",
        parents: [],
        status: "active",
        license: "CC-BY-NC-4.0",
        sources: ["https://github.com/clovaai/stargan-v2/blob/master/README.md"],
      },
    },
  };
}

/** A scan with `n` findings (default 240), for truncation: more than fit in one check-run summary. */
export function manyFindings(n = 240): ScanResult {
  const base = faceZoo();
  const findings: Finding[] = [];
  for (let i = 0; i < n; i++) {
    const id = `dataset-${String(i).padStart(3, "0")}`;
    const sev = i % 3 === 0 ? "error" : i % 3 === 1 ? "warning" : "info";
    findings.push({
      rule: sev === "error" ? "noncommercial-not-carried-over" : sev === "warning" ? "unknown-dataset" : "retracted-dataset",
      severity: sev,
      dataset: id,
      origin: i % 5 === 0 ? "ms-celeb-1m" : id,
      message: `Finding ${i}: the terms of ${id} are not carried over to the license of the weights.`,
      fix: `Carry the terms of ${id} over to the weights license (checkpoint ${i}); ${"see the registry entry for the exact wording. ".repeat(4)}`,
      evidence: [
        // Every seventh finding is about a file as a whole (line 0).
        { path: `configs/${id}.yaml`, line: i % 7 === 0 ? 0 : i + 1, text: i % 7 === 0 ? "" : `dataset: ${id}` },
        { path: "LICENSE", line: 1, text: "MIT License" },
      ],
      sources: [`https://example.org/terms/${id}`],
      fingerprint: `rule/${id}/${i}`,
      weights: [`checkpoints/${id}.pth`],
    });
  }
  return { ...base, target: "github:acme-vision/mega-zoo@main", findings };
}
