/**
 * Property tests for the whole linter pipeline: whatever bytes sit in README.md, LICENSE, a model card, a config,
 * `.github/carryover.yml` or `.gitattributes`, whatever YAML front matter a card carries and however odd the file
 * listing is, `scanSource` must not throw, and every finding it returns must be well formed (known rule, a
 * severity, a non-empty fix) and point only at files that exist in the listing.
 *
 * Runs are bounded (numRuns 20-150, inputs of at most a few KiB) so the file stays well under 20 s; the big
 * inputs (deep nesting, huge scalars, thousands of files) are a handful of deterministic cases at the end.
 */
import fc from "fast-check";
import { stringify } from "yaml";
import { describe, expect, it } from "vitest";
import { scanSource } from "../../src/core/pipeline.js";
import type { ScanResult } from "../../src/core/types.js";
import { RULE_IDS } from "../../src/evaluate/index.js";
import { FORMATS, render } from "../../src/report/index.js";
import { loadRegistry } from "../../src/resolve/registry.js";
import { MemorySource } from "../../src/sources/memory.js";
import type { FileEntry } from "../../src/sources/source.js";

const registry = loadRegistry();
const TODAY = "2026-11-23";
const SEVERITIES = new Set(["error", "warning", "info"]);

// ---------------------------------------------------------------------------------------------------------------
// Invariants
// ---------------------------------------------------------------------------------------------------------------

/** Every invariant the pipeline promises for any input; returns the result for further checks. */
function checkResult(result: ScanResult, files: readonly FileEntry[]): ScanResult {
  const listed = new Set(files.map((f) => f.path));
  const inListing = (where: string, p: string) => {
    if (!listed.has(p)) throw new Error(`${where}: evidence path ${JSON.stringify(p)} is not in the listing`);
  };
  for (const f of result.findings) {
    expect(RULE_IDS).toContain(f.rule);
    expect(SEVERITIES.has(f.severity), `severity ${f.severity}`).toBe(true);
    expect(typeof f.fix).toBe("string");
    expect(f.fix.trim().length, `${f.rule}: empty fix`).toBeGreaterThan(0);
    expect(f.message.trim().length, `${f.rule}: empty message`).toBeGreaterThan(0);
    expect(f.fingerprint).toMatch(/^[0-9a-f]{16}$/);
    for (const e of f.evidence) {
      inListing(`finding ${f.rule}`, e.path);
      expect(Number.isInteger(e.line) && e.line >= 0, `${f.rule}: line ${e.line}`).toBe(true);
      expect(typeof e.text).toBe("string");
    }
  }
  for (const l of result.licenses) inListing("license", l.source.path);
  for (const d of result.datasets) inListing(`dataset ${d.name}`, d.evidence.path);
  for (const w of result.weights) inListing(`weight ${w.ref}`, w.evidence.path);
  for (const n of result.notes) if (n.path !== "") inListing("note", n.path);
  // The result is the public JSON report: it must serialise.
  expect(() => JSON.stringify(result)).not.toThrow();
  return result;
}

async function scan(files: FileEntry[], contents: Map<string, Uint8Array | string>): Promise<ScanResult> {
  const src = new MemorySource("prop", files, contents);
  const result = await scanSource(src, { registry, today: TODAY });
  // One listing and one batched read per scan, whatever the input (what keeps a remote scan at two requests).
  expect(src.requests).toEqual({ list: 1, readMany: 1 });
  return checkResult(result, files);
}

// ---------------------------------------------------------------------------------------------------------------
// Arbitraries
// ---------------------------------------------------------------------------------------------------------------

/** Lines that make the detectors fire, so the invariants are checked on real findings, not only on empty results. */
const VOCAB = [
  "All models were trained on MS1MV2 (MS1M-ArcFace).",
  "Pretrained on ImageNet-1k and fine-tuned on COCO.",
  "We train on FFHQ at 1024x1024.",
  "Trained on Cityscapes; evaluated on KITTI.",
  "The pretrained weights are released under the MIT License.",
  "Licensed under CC-BY-NC-4.0.",
  "This model is licensed under the Apache License, Version 2.0.",
  "MIT License\n\nCopyright (c) 2024 x\n\nPermission is hereby granted, free of charge, to any person obtaining a copy",
  "## License",
  "## Model zoo",
  "| Model | Dataset | Download |\n|---|---|---|\n| r50 | MS1MV2 | [r50.pth](https://github.com/x/y/releases/download/v1/r50.pth) |",
  "Download the [checkpoint](https://huggingface.co/x/y/resolve/main/model.safetensors).",
  "model = torch.hub.load('x/y', 'resnet50', pretrained=True)",
  "The weights are not released.",
  "dataset: casia-webface",
  "train_set: CASIA-WebFace",
  "*.safetensors filter=lfs diff=lfs merge=lfs -text",
  "*.pth filter=lfs diff=lfs merge=lfs -text",
  "version https://git-lfs.github.com/spec/v1\noid sha256:" + "a".repeat(64) + "\nsize 123456789",
  "Trained on LAION-5B, a dataset taken down in 2023.",
  "Fine-tuned on the Alpaca data (research only).",
  "base_model: runwayml/stable-diffusion-v1-5",
  "license: openrail",
  "```\npython train.py --dataset imagenet --pretrained\n```",
];

/** Arbitrary text, any code points (lone surrogates included), tabs and CRs. */
const anyText = fc.string({ unit: "binary", maxLength: 300 });
const asciiText = fc.string({ unit: "binary-ascii", maxLength: 200 });
const docLine = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...VOCAB) }, { weight: 2, arbitrary: anyText }, { weight: 1, arbitrary: asciiText });
const doc = fc.array(docLine, { maxLength: 12 }).map((ls) => ls.join("\n"));

/** YAML that is broken or hostile in the ways real configs and model-card front matter are. */
const garbageYaml = fc.oneof(
  fc.constantFrom(
    'license: "mit',
    "license: 'unclosed\ndatasets: [imagenet",
    "\tlicense:\tmit\n\t- x",
    "a: &a [1, 2]\nb: *a\nc: *undefined_alias",
    "a: &a\n  b: *a",
    "? [complex, key]\n: value",
    "datasets: !!binary aGVsbG8=",
    "license: !custom-tag mit",
    "%YAML 9.9\n---\nlicense: mit",
    "---\n---\n---",
    "- - - - -",
    "{{{{",
    "datasets:\n  - name:\n    role: [",
    "fail-on: [error]\nrules: 42\nwaivers: {rule: x}",
    "waivers:\n  - rule: noncommercial-not-carried-over\n    reason: ok\n    expires: 2020-02-30",
    "waivers:\n  - rule: noncommercial-not-carried-over\n    dataset: ms1mv2\n    reason: reviewed\n    expires: 2020-01-01",
    "ignore: ['[', '**/{a,b', '!(x)']",
    "datasets:\n  - name: ms1mv2\n  - name: ''\n  - name: not-a-dataset\n    role: evaluation",
    "weights:\n  globs: ['***', '[z-a]', '']",
    "\u0000\u0001\u0002",
    "\ufeffenabled: false",
  ),
  fc.integer({ min: 1, max: 200 }).map((n) => `${"[".repeat(n)}1${"]".repeat(n)}`),
  fc.integer({ min: 1, max: 100 }).map((n) => Array.from({ length: n }, (_, i) => `${"  ".repeat(i)}k${i}:`).join("\n")),
  fc.integer({ min: 2, max: 12 }).map((n) => ["a0: &a0 [x, x]", ...Array.from({ length: n }, (_, i) => `a${i + 1}: &a${i + 1} [*a${i}, *a${i}]`)].join("\n")),
  fc.tuple(asciiText, anyText).map(([k, v]) => `${k}: "${v}`),
);

/** Config-shaped objects with arbitrary values under the real keys, so the config validator's errors are reached. */
const configObject = fc.record(
  {
    enabled: fc.anything({ maxDepth: 2 }),
    "fail-on": fc.oneof(fc.constantFrom("error", "warning", "info", "never", "fatal"), fc.anything({ maxDepth: 1 })),
    ignore: fc.oneof(fc.array(fc.string({ maxLength: 20 }), { maxLength: 4 }), fc.anything({ maxDepth: 2 })),
    datasets: fc.oneof(
      fc.array(fc.record({ name: fc.oneof(fc.constantFrom("ms1mv2", "imagenet-1k", "ffhq", "nope"), fc.string({ maxLength: 20 })), role: fc.constantFrom("training", "evaluation", "other") }, { requiredKeys: [] }), { maxLength: 3 }),
      fc.anything({ maxDepth: 2 }),
    ),
    rules: fc.oneof(fc.dictionary(fc.constantFrom(...RULE_IDS, "no-such-rule"), fc.constantFrom("error", "warning", "info", "off", "loud")), fc.anything({ maxDepth: 2 })),
    waivers: fc.oneof(
      fc.array(
        fc.record(
          {
            rule: fc.constantFrom(...RULE_IDS, "no-such-rule"),
            dataset: fc.constantFrom("ms1mv2", "ms-celeb-1m", "imagenet-1k", "x"),
            reason: fc.string({ maxLength: 20 }),
            expires: fc.oneof(fc.constantFrom("2020-01-01", "2099-12-31", "2026-11-23", "2026-02-30", "soon"), fc.anything({ maxDepth: 0 })),
          },
          { requiredKeys: [] },
        ),
        { maxLength: 3 },
      ),
      fc.anything({ maxDepth: 2 }),
    ),
    weights: fc.anything({ maxDepth: 2 }),
    policy: fc.anything({ maxDepth: 2 }),
  },
  { requiredKeys: [] },
);

/** `yaml.stringify` can refuse some values (none known today); fall back to an empty document rather than fail the arbitrary. */
const safeStringify = (v: unknown): string => {
  try {
    return stringify(v) ?? "";
  } catch {
    return "";
  }
};

const yamlText = fc.oneof(
  fc.anything({ maxDepth: 3, maxKeys: 5 }).map(safeStringify),
  fc.object({ maxDepth: 3, maxKeys: 5 }).map(safeStringify),
  configObject.map(safeStringify),
  garbageYaml,
  doc,
);

/** A model card with (maybe broken) YAML front matter. */
const frontMatterDoc = fc
  .tuple(fc.oneof(yamlText, fc.record({ license: fc.oneof(fc.constantFrom("mit", "cc-by-nc-4.0", "openrail", "other"), fc.anything({ maxDepth: 1 })), datasets: fc.anything({ maxDepth: 2 }), base_model: fc.anything({ maxDepth: 1 }) }, { requiredKeys: [] }).map(safeStringify)), doc, fc.boolean())
  .map(([fm, body, closed]) => `---\n${fm}\n${closed ? "---\n" : ""}${body}`);

const bytes = fc.uint8Array({ maxLength: 600 });
const content = fc.oneof(
  { weight: 2, arbitrary: doc },
  { weight: 1, arbitrary: bytes },
  { weight: 1, arbitrary: anyText },
  { weight: 1, arbitrary: fc.tuple(bytes, doc).map(([b, d]) => Uint8Array.from([...b, ...new TextEncoder().encode(d)])) },
);

const encode = (s: string | Uint8Array): Uint8Array => (typeof s === "string" ? new TextEncoder().encode(s) : s);

/** The files every scan reads first, each with arbitrary content (or absent). */
const namedFiles = fc.record(
  {
    "README.md": fc.oneof(content, frontMatterDoc),
    LICENSE: content,
    "MODEL_CARD.md": fc.oneof(frontMatterDoc, content),
    "configs/train.yaml": fc.oneof(yamlText, content),
    ".github/carryover.yml": fc.oneof(yamlText, content),
    ".gitattributes": fc.oneof(doc, content),
    "models/model.pth": fc.oneof(fc.constant(VOCAB[18]!), bytes),
  },
  { requiredKeys: [] },
);

function filesFor(contents: Record<string, string | Uint8Array>, sizeOf: (p: string, c: Uint8Array) => number = (_p, c) => c.length): { files: FileEntry[]; map: Map<string, Uint8Array | string> } {
  const map = new Map<string, Uint8Array | string>();
  const files: FileEntry[] = [];
  for (const [p, c] of Object.entries(contents)) {
    const b = encode(c);
    map.set(p, b);
    files.push({ path: p, size: sizeOf(p, b), type: "file" });
  }
  return { files, map };
}

/** One path segment: arbitrary unicode, dot segments, empty (giving `a//b`), very long, names the detectors look for. */
const segment = fc.oneof(
  { weight: 3, arbitrary: fc.string({ unit: "grapheme", minLength: 1, maxLength: 12 }).filter((s) => !s.includes("/")) },
  {
    weight: 3,
    arbitrary: fc.constantFrom("..", ".", "", "LICENSE", "README.md", "configs", "model.safetensors", "pytorch_model.bin", "LICENSES", "docs", "MODEL_ZOO.md", ".github", "carryover.yml", ".gitattributes", "ckpt.pth", " ", "\t", "a\nb", "C:", "~"),
  },
  { weight: 1, arbitrary: fc.integer({ min: 200, max: 1200 }).map((n) => "x".repeat(n)) },
);
const weirdPath = fc.oneof(
  fc.array(segment, { minLength: 1, maxLength: 6 }).map((s) => s.join("/")),
  fc.array(segment, { minLength: 1, maxLength: 3 }).map((s) => `/${s.join("/")}`),
  fc.constantFrom("../LICENSE", "../../etc/passwd", "./README.md", "README.md/", "/", "", "\u0000", "LICENSE\u0000.txt", "ＲＥＡＤＭＥ.md", "LİCENSE", "readme.MD", "Ⅼicense"),
);
const entry = fc.record({
  path: weirdPath,
  size: fc.oneof(fc.constantFrom(-1, 0, 1, 133, 1023, 64_000, 5_000_001, Number.MAX_SAFE_INTEGER), fc.integer({ min: -5, max: 1e9 })),
  type: fc.constantFrom<FileEntry["type"]>("file", "file", "file", "symlink", "submodule"),
  lfsSize: fc.option(fc.integer({ min: 0, max: 1e11 }), { nil: undefined }),
});
const listing = fc.uniqueArray(entry, { selector: (e) => e.path, maxLength: 40 }).map((es) =>
  es.map((e): FileEntry => {
    const f: FileEntry = { path: e.path, size: e.size, type: e.type };
    if (e.lfsSize !== undefined) f.lfsSize = e.lfsSize;
    return f;
  }),
);

// ---------------------------------------------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------------------------------------------

describe("scanSource on arbitrary input", () => {
  it("arbitrary bytes and text in the files a scan reads never make it throw; findings stay well formed", async () => {
    let withFindings = 0;
    await fc.assert(
      fc.asyncProperty(namedFiles, async (named) => {
        const { files, map } = filesFor(named);
        const r = await scan(files, map);
        if (r.findings.length > 0) withFindings++;
      }),
      { numRuns: 100 },
    );
    // The vocabulary is there so the invariants see findings: a run where none ever appears tests nothing.
    expect(withFindings).toBeGreaterThan(5);
  });

  it("arbitrary YAML front matter and broken YAML configs: no throw, broken configs become config-invalid findings", async () => {
    let configErrors = 0;
    await fc.assert(
      fc.asyncProperty(frontMatterDoc, yamlText, yamlText, async (card, config, cfgYaml) => {
        const { files, map } = filesFor({
          "README.md": card,
          "MODEL_CARD.md": card,
          "configs/model.yaml": config,
          ".github/carryover.yml": cfgYaml,
          LICENSE: VOCAB[7]!,
          "model.safetensors": VOCAB[18]!,
        });
        const r = await scan(files, map);
        const invalid = r.findings.filter((f) => f.rule === "config-invalid");
        for (const f of invalid) {
          expect(f.evidence[0]?.path).toBe(".github/carryover.yml");
          expect(f.evidence[0]!.line).toBeGreaterThanOrEqual(1);
        }
        if (invalid.length) configErrors++;
      }),
      { numRuns: 80 },
    );
    expect(configErrors).toBeGreaterThan(0);
  });

  it("weird listings (unicode, `..`, absolute, empty and very long paths, odd sizes and types) never make it throw", async () => {
    await fc.assert(
      fc.asyncProperty(listing, fc.array(content, { maxLength: 40 }), async (files, bodies) => {
        // Contents for some listed paths (whatever the detectors pick), plus files that are not listed at all:
        // a source must never be asked for them, and nothing from them may appear as evidence.
        const map = new Map<string, Uint8Array | string>();
        files.forEach((f, i) => {
          const b = bodies[i];
          if (b !== undefined) map.set(f.path, b);
        });
        map.set("UNLISTED-LICENSE", "MIT License\n\nPermission is hereby granted, free of charge");
        const r = await scan(files, map);
        expect(JSON.stringify(r)).not.toContain("UNLISTED-LICENSE");
      }),
      { numRuns: 120 },
    );
  });

  it("thousands of files with repeated candidate names: no throw, reads capped, evidence inside the listing", async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1000, max: 6000 }), fc.array(fc.constantFrom(...VOCAB), { minLength: 1, maxLength: 6 }), async (n, lines) => {
        const files: FileEntry[] = [];
        const map = new Map<string, Uint8Array | string>();
        const body = lines.join("\n");
        let candidates = 1;
        for (let i = 0; i < n; i++) {
          const dir = `pkg${i % 97}/sub${i % 13}`;
          // Every 7th file is a candidate (README / LICENSE / config), so the read cap (600) is reached from ~4,200
          // files on. Only some candidates have content: a missing one is "not available", which keeps each run fast.
          const p = i % 21 === 0 ? `${dir}/d${i}/README.md` : i % 21 === 7 ? `${dir}/LICENSE-${i}` : i % 21 === 14 ? `configs/c${i}.yaml` : `${dir}/f${i}.py`;
          files.push({ path: p, size: body.length, type: "file" });
          if (i % 7 === 0) candidates++;
          // LICENSE-named files go through Dice ranking against every SPDX text (~10 ms each): few of them.
          if (i % 105 === 0 || i % 315 === 7 || i % 105 === 14) map.set(p, body);
        }
        files.push({ path: "README.md", size: body.length, type: "file" });
        map.set("README.md", body);
        const r = await scan(files, map);
        const capped = r.notes.some((x) => /more candidate files were not read \(cap reached\)/.test(x.message));
        expect(capped).toBe(candidates > 600);
      }),
      { numRuns: 5 },
    );
  });

  it("a scan is deterministic and does not depend on the order of the listing", async () => {
    const summary = (r: ScanResult) => ({
      // Not the fingerprint: it hashes the first evidence path, which follows listing order when several files
      // name the same dataset (sources list paths sorted, so a given repo still gets stable fingerprints).
      findings: r.findings.map((f) => `${f.rule} ${f.severity} ${f.dataset} ${f.origin}`).sort(),
      datasets: [...new Set(r.datasets.map((d) => `${d.id ?? d.name} ${d.role}`))].sort(),
      licenses: [...new Set(r.licenses.map((l) => `${l.spdx} ${l.scope} ${l.source.path}:${l.source.line}`))].sort(),
    });
    await fc.assert(
      fc.asyncProperty(namedFiles, fc.integer({ min: 1, max: 6 }), async (named, rot) => {
        const { files, map } = filesFor(named);
        const a = await scan(files, map);
        expect(await scan(files, map)).toEqual(a);
        // The same files listed in another order (a GitHub tree and a local walk order paths differently).
        const k = rot % Math.max(1, files.length);
        const rotated = [...files.slice(k), ...files.slice(0, k)].reverse();
        expect(summary(await scan(rotated, map))).toEqual(summary(a));
      }),
      { numRuns: 60 },
    );
  });

  it("every reporter renders any scan result without throwing", async () => {
    await fc.assert(
      fc.asyncProperty(namedFiles, async (named) => {
        const { files, map } = filesFor(named);
        const r = await scan(files, map);
        for (const format of Object.keys(FORMATS) as (keyof typeof FORMATS)[]) {
          expect(typeof render(format, r, { color: false })).toBe("string");
        }
      }),
      { numRuns: 30 },
    );
  });
});

describe("scanSource on oversized and pathological single inputs", () => {
  const base = { LICENSE: VOCAB[7]!, "model.safetensors": VOCAB[18]! };
  const cases: [string, Record<string, string | Uint8Array>][] = [
    ["deeply nested flow sequence in the config (5,000 levels)", { ...base, ".github/carryover.yml": `${"[".repeat(5000)}${"]".repeat(5000)}` }],
    ["deeply nested block mapping in front matter (1,000 levels)", { ...base, "README.md": `---\n${Array.from({ length: 1000 }, (_, i) => `${" ".repeat(i)}k${i}:`).join("\n")}\n---\nTrained on FFHQ.` }],
    ["billion-laughs aliases in front matter", { ...base, "README.md": `---\n${["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]", ...Array.from({ length: 9 }, (_, i) => `a${i + 1}: &a${i + 1} [${Array(9).fill(`*a${i}`).join(", ")}]`)].join("\n")}\ndatasets: *a9\n---\nTrained on FFHQ.` }],
    ["billion-laughs aliases in the repo config", { ...base, ".github/carryover.yml": ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]", ...Array.from({ length: 9 }, (_, i) => `a${i + 1}: &a${i + 1} [${Array(10).fill(`*a${i}`).join(", ")}]`), "ignore: *a9"].join("\n") }],
    ["a 900 KB scalar in front matter", { ...base, "README.md": `---\nlicense: "${"x".repeat(900_000)}"\n---\nTrained on FFHQ.` }],
    ["a 900 KB single line README with dataset names", { ...base, "README.md": "Trained on MS1MV2 and ImageNet. ".repeat(28_000) }],
    ["50,000 short lines in a README", { ...base, "README.md": Array.from({ length: 50_000 }, (_, i) => (i % 1000 === 0 ? "Trained on COCO." : `line ${i}`)).join("\n") }],
    ["a 2,000-row model-zoo table", { ...base, "README.md": ["| Model | Data | Download |", "|---|---|---|", ...Array.from({ length: 2000 }, (_, i) => `| m${i} | ${i % 2 ? "MS1MV2" : "ImageNet-1k"} | [w](https://github.com/x/y/releases/download/v1/m${i}.pth) |`)].join("\n") }],
    ["CR-only line breaks and a UTF-16 LICENSE", { README: "Trained on FFHQ.\rLicense: MIT\r", LICENSE: Uint8Array.from([0xff, 0xfe, ...Array.from(new TextEncoder().encode("MIT License")).flatMap((c) => [c, 0])]), "model.safetensors": VOCAB[18]! }],
    ["a LICENSE of lone surrogates and replacement characters", { ...base, LICENSE: "\ud800\udfff\ud800 \ufffd".repeat(10_000) }],
  ];
  for (const [name, contents] of cases) {
    it(`${name}: no throw, well-formed result`, async () => {
      const { files, map } = filesFor(contents);
      const r = await scan(files, map);
      expect(r.target).toBe("prop");
    });
  }

  it("a LICENSE over the per-file cap is read in part and says so", async () => {
    const big = `${VOCAB[7]!}\n${"x ".repeat(1_200_000)}`;
    const { files, map } = filesFor({ LICENSE: big, "README.md": "Trained on FFHQ." });
    const r = await scan(files, map);
    expect(r.notes).toContainEqual(expect.objectContaining({ path: "LICENSE", message: expect.stringMatching(/only the first \d+ bytes/) }));
  });
});
