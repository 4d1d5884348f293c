/**
 * An audit of five small repositories of one organisation, each scanned by the real pipeline
 * (`scanSource` over a `MemorySource`) with the real registry: an MIT face model trained on
 * MS1MV2 (non-commercial terms, retracted parent MS-Celeb-1M), a clean Fashion-MNIST model, an
 * ImageNet-1k model whose weights carry CC BY-NC 4.0, a repository whose scan failed, and a
 * private repository with a hostile name and README (markup in the line quoted as evidence).
 */
import type { AuditedRepository, AuditReport } from "../../../src/audit/types.js";
import { scanSource } from "../../../src/core/pipeline.js";
import { MemorySource } from "../../../src/sources/memory.js";
import { memoryRepo } from "../../helpers/rule-tester.js";
import { mitLicense } from "../../helpers/texts.js";

/** Markup a hostile README or repository name might carry; none of it may run in the HTML report. */
export const HOSTILE_SCRIPT = `<script>window.__pwned = (window.__pwned || 0) + 1; alert("xss")</script>`;
export const HOSTILE_IMG = `"><img src=x onerror="window.__pwned = (window.__pwned || 0) + 1; alert(1)">`;
export const HOSTILE_REPO = `acme/${HOSTILE_IMG}`;

const SHA = {
  face: "0f3c2a9b8e7d6c5b4a39281706f5e4d3c2b1a098",
  clean: "1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d",
  imagenet: "9e8d7c6b5a4938271605f4e3d2c1b0a9f8e7d6c5",
  hostile: "5d4c3b2a19f8e7d6c5b4a39281706f5e4d3c2b1a",
  broken: "7c6b5a49382716f5e4d3c2b1a09f8e7d6c5b4a39",
};

function source(repo: string, files: Record<string, string | { size: number }>): MemorySource {
  return memoryRepo(files, `github:${repo}`);
}

const MIT = mitLicense("Acme Vision", 2025);

const REPOS: { repository: string; private: boolean; sha: string; files: Record<string, string | { size: number }> }[] = [
  {
    repository: "acme/face-zoo",
    private: false,
    sha: SHA.face,
    files: {
      LICENSE: MIT,
      "README.md": "# Face zoo\n\nOur ArcFace R100 model was trained on MS1MV2.\n\nBoth the code and the pretrained models are released under the MIT license.\n",
      "checkpoints/arcface_r100.pth": { size: 261_000_000 },
    },
  },
  {
    repository: "acme/fashion-classifier",
    private: false,
    sha: SHA.clean,
    files: {
      LICENSE: MIT,
      "README.md": "# Fashion classifier\n\nThe classifier was trained on Fashion-MNIST.\n\nThe pretrained weights are released under the MIT license.\n",
      "weights/classifier.pt": { size: 4_200_000 },
    },
  },
  {
    repository: "acme/imagenet-resnet",
    private: false,
    sha: SHA.imagenet,
    files: {
      LICENSE: MIT,
      "README.md":
        "# ResNet-50\n\nThe ResNet-50 weights were trained on ImageNet-1k.\n\nThe pretrained weights are licensed under the Creative Commons Attribution-NonCommercial 4.0 International license.\n",
      "checkpoints/resnet50.pth": { size: 102_000_000 },
    },
  },
  {
    repository: HOSTILE_REPO,
    private: true,
    sha: SHA.hostile,
    files: {
      LICENSE: MIT,
      "README.md": `# Faces | internal\n\nTrained on MS1MV2 ${HOSTILE_SCRIPT} ${HOSTILE_IMG}.\n\nThe pretrained models are released under the MIT license.\n`,
      "models/face.onnx": { size: 95_000_000 },
    },
  },
];

let cached: Promise<AuditReport> | undefined;

/** The audit (built once per test file; callers get a deep copy they may change). */
export async function auditFixture(): Promise<AuditReport> {
  cached ??= build();
  return structuredClone(await cached);
}

async function build(): Promise<AuditReport> {
  const repositories: AuditedRepository[] = [];
  for (const r of REPOS) {
    const result = await scanSource(source(r.repository, r.files), { today: "2026-11-23", repository: r.repository });
    repositories.push({ repository: r.repository, private: r.private, htmlUrl: `https://github.com/${r.repository}`, ref: "main", sha: r.sha, status: "scanned", result });
  }
  repositories.push({
    repository: "acme/broken-model",
    private: false,
    htmlUrl: "https://github.com/acme/broken-model",
    ref: "main",
    sha: SHA.broken,
    status: "failed",
    error: "reading files failed: GitHub API 502 Bad Gateway (3 attempts)",
  });
  return {
    schemaVersion: 1,
    tool: { name: "carryover", version: "0.1.0" },
    target: "github:acme",
    generatedAt: "2026-11-23T09:30:00.000Z",
    registryVersion: "3f9a1c0d2b7e4a65",
    repositories,
    privateOmitted: 1,
  };
}
