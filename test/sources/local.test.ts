/**
 * LocalSource and the pipeline on hostile directories built in a temp dir: symlinks out of the tree (never
 * followed, their target never read), dangling links, binary / oversize / invalid UTF-8 / empty licence files,
 * a directory or a FIFO where a file is expected, unreadable entries, skipped VCS dirs, bad targets.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_FILE_BYTES, selectCandidates } from "../../src/detect/candidates.js";
import { detectWeights, weightCandidatePaths } from "../../src/detect/weights.js";
import { scanSource } from "../../src/core/pipeline.js";
import type { ScanResult } from "../../src/core/types.js";
import { loadRegistry } from "../../src/resolve/registry.js";
import { LocalSource, sizeMatters } from "../../src/sources/local.js";
import { MemorySource } from "../../src/sources/memory.js";
import type { FileEntry, Source } from "../../src/sources/source.js";
import { CORPUS_DIR, corpusAvailable, corpusRepos, parseTree } from "../helpers/corpus.js";
import { mitLicense } from "../helpers/texts.js";

const registry = loadRegistry();
const TODAY = "2026-11-23";
const isRoot = process.getuid?.() === 0;

const README = [
  "# face model",
  "",
  "| Model | Training data | Download |",
  "|---|---|---|",
  "| r50 | MS1MV2 | [r50.pth](https://github.com/example/face/releases/download/v1/r50.pth) |",
  "",
  "The code and the pretrained models are released under the MIT License.",
  "",
].join("\n");
const MIT = mitLicense("Example", 2026);

let tmp: string;
beforeAll(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), "carryover-local-"));
});
afterAll(() => {
  // chmod 000 entries must be made readable again before they can be removed.
  try {
    execFileSync("chmod", ["-R", "u+rwx", tmp]);
  } catch {
    /* best effort */
  }
  rmSync(tmp, { recursive: true, force: true });
});

let n = 0;
/** A fresh directory under the suite's temp dir, with these files (string or bytes); parents are created. */
function repo(files: Record<string, string | Uint8Array> = {}): string {
  const dir = path.join(tmp, `r${n++}`);
  mkdirSync(dir, { recursive: true });
  for (const [p, c] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, p)), { recursive: true });
    writeFileSync(path.join(dir, p), c);
  }
  return dir;
}

const scan = (dir: string): Promise<ScanResult> => scanSource(new LocalSource(dir), { registry, today: TODAY });
const entry = (files: FileEntry[], p: string) => files.find((f) => f.path === p);
const noteFor = (r: ScanResult, p: string) => r.notes.filter((x) => x.path === p);

/** Deterministic "random" bytes with NULs (a xorshift stream; NUL every 97 bytes so the binary sniff sees one early). */
function binary(len: number): Uint8Array {
  const out = new Uint8Array(len);
  let x = 0x9e3779b9;
  for (let i = 0; i < len; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = i % 97 === 5 ? 0 : x & 0xff;
  }
  return out;
}

describe("LocalSource: symlinks are listed, never followed", () => {
  const passwd = existsSync("/etc/passwd") ? readFileSync("/etc/passwd", "utf8") : "";
  // A line of /etc/passwd that cannot occur by chance in a scan result.
  const secret = passwd.split("\n").find((l) => l.includes(":x:0:0:")) ?? "root:x:0:0:";

  it("a LICENSE and a README.md linking to /etc/passwd are symlinks; their target never appears in the result", async () => {
    const dir = repo({ "models/model.pth": binary(2048) });
    symlinkSync("/etc/passwd", path.join(dir, "LICENSE"));
    symlinkSync("/etc/passwd", path.join(dir, "README.md"));
    const src = new LocalSource(dir);
    const listing = await src.list();
    expect(entry(listing.files, "LICENSE")).toEqual({ path: "LICENSE", size: 0, type: "symlink" });
    expect(entry(listing.files, "README.md")).toEqual({ path: "README.md", size: 0, type: "symlink" });

    // Asked directly, the source refuses: the link leaves the tree.
    const read = await src.readMany(["LICENSE", "README.md"], MAX_FILE_BYTES);
    expect(read.get("LICENSE")).toEqual({ error: "symlink pointing outside the scanned tree; not followed" });
    expect(read.get("README.md")).toEqual({ error: "symlink pointing outside the scanned tree; not followed" });

    const r = await scan(dir);
    const json = JSON.stringify(r);
    expect(json).not.toContain(secret);
    expect(json).not.toContain("/bin/");
    expect(r.licenses.filter((l) => l.source.path === "LICENSE" || l.source.path === "README.md")).toEqual([]);
  });

  it("a symlink inside the tree is not followed either, and a symlinked directory is not descended", async () => {
    const dir = repo({ "real/LICENSE": MIT, "README.md": README });
    symlinkSync("real/LICENSE", path.join(dir, "LICENSE"));
    symlinkSync("/etc", path.join(dir, "etc-link"));
    const src = new LocalSource(dir);
    const listing = await src.list();
    expect(entry(listing.files, "LICENSE")?.type).toBe("symlink");
    expect(entry(listing.files, "etc-link")?.type).toBe("symlink");
    expect(listing.files.filter((f) => f.path.startsWith("etc-link/"))).toEqual([]);
    expect((await src.readMany(["LICENSE"], MAX_FILE_BYTES)).get("LICENSE")).toEqual({ error: "symlink; not followed" });
    const r = await scan(dir);
    expect(r.licenses.some((l) => l.source.path === "LICENSE")).toBe(false);
    expect(r.licenses.some((l) => l.source.path === "real/LICENSE" && l.spdx === "MIT")).toBe(true);
  });

  it("a dangling symlink is listed and reported unreadable, without a crash", async () => {
    const dir = repo({ "README.md": README });
    symlinkSync(path.join(dir, "does-not-exist"), path.join(dir, "LICENSE"));
    const src = new LocalSource(dir);
    expect(entry((await src.list()).files, "LICENSE")?.type).toBe("symlink");
    expect((await src.readMany(["LICENSE"], MAX_FILE_BYTES)).get("LICENSE")).toEqual({ error: "dangling symlink" });
    const r = await scan(dir);
    expect(r.datasets.some((d) => d.id === "ms1mv2")).toBe(true);
  });

  it("paths that climb out of the root are refused by readMany", async () => {
    const dir = repo({ "README.md": README });
    const read = await new LocalSource(dir).readMany(["../../../../etc/passwd", "/etc/passwd", "a/../../x"], MAX_FILE_BYTES);
    for (const [, v] of read) expect(v).toEqual({ error: "path outside the scanned tree" });
  });
});

describe("LocalSource + scanSource: files that are not what their name says", () => {
  it("a binary LICENSE (random bytes with NULs) becomes a warning note, not a licence and not a crash", async () => {
    const dir = repo({ LICENSE: binary(16_384), "README.md": README });
    const r = await scan(dir);
    expect(noteFor(r, "LICENSE")).toEqual([{ path: "LICENSE", level: "warning", message: "binary content (NUL bytes), not read as text" }]);
    expect(r.licenses.some((l) => l.source.path === "LICENSE")).toBe(false);
    // The rest of the repo is still scanned.
    expect(r.findings.some((f) => f.rule === "noncommercial-not-carried-over" && f.dataset === "ms1mv2")).toBe(true);
  });

  it("a 5 MB LICENSE is read up to the per-file cap and says so; the MIT text at its head is still identified", async () => {
    // 5,000,000 bytes: the largest licence file the candidate selector still reads (selectCandidates' size bound).
    const body = MIT + "\n" + "Additional terms. ".repeat(Math.ceil((5_000_000 - MIT.length) / 18));
    const dir = repo({ LICENSE: body.slice(0, 5_000_000), "README.md": README });
    const src = new LocalSource(dir);
    expect(entry((await src.list()).files, "LICENSE")?.size).toBe(5_000_000);
    const read = (await src.readMany(["LICENSE"], MAX_FILE_BYTES)).get("LICENSE");
    expect(read && "bytes" in read && read.bytes.length).toBe(MAX_FILE_BYTES);
    expect(read && "truncated" in read && read.truncated).toBe(true);
    const r = await scan(dir);
    expect(noteFor(r, "LICENSE")).toContainEqual({ path: "LICENSE", level: "info", message: `only the first ${MAX_FILE_BYTES} bytes were read` });
    expect(r.licenses).toContainEqual(expect.objectContaining({ spdx: "MIT", source: expect.objectContaining({ path: "LICENSE", line: 1 }) }));
  });

  it("a LICENSE over 5 MB does not crash the scan (it is listed with its size)", async () => {
    const dir = repo({ LICENSE: MIT + "x".repeat(6_000_000), "README.md": README });
    const src = new LocalSource(dir);
    expect(entry((await src.list()).files, "LICENSE")?.size).toBe(MIT.length + 6_000_000);
    const r = await scan(dir);
    expect(r.datasets.some((d) => d.id === "ms1mv2")).toBe(true);
  });

  it("an invalid UTF-8 README gets a note and is still scanned", async () => {
    const enc = new TextEncoder();
    const bytes = Uint8Array.from([...enc.encode(README.slice(0, 40)), 0xc3, 0x28, 0xff, 0xfe, 0x80, ...enc.encode(README.slice(40))]);
    const dir = repo({ "README.md": bytes, LICENSE: MIT });
    const r = await scan(dir);
    expect(noteFor(r, "README.md")).toContainEqual({ path: "README.md", level: "info", message: expect.stringMatching(/not valid UTF-8/) });
    expect(r.datasets.some((d) => d.id === "ms1mv2" && d.evidence.path === "README.md")).toBe(true);
    expect(r.findings.some((f) => f.rule === "noncommercial-not-carried-over" && f.dataset === "ms1mv2")).toBe(true);
  });

  it("an empty LICENSE is not a licence and not a crash", async () => {
    const dir = repo({ LICENSE: "", "README.md": README });
    const src = new LocalSource(dir);
    expect(entry((await src.list()).files, "LICENSE")).toEqual({ path: "LICENSE", size: 0, type: "file" });
    const r = await scan(dir);
    expect(r.licenses.some((l) => l.source.path === "LICENSE")).toBe(false);
    expect(r.datasets.some((d) => d.id === "ms1mv2")).toBe(true);
  });

  it("a directory named LICENSE is walked, not read as a file", async () => {
    const dir = repo({ "LICENSE/LICENSE.txt": MIT, "README.md": README });
    const src = new LocalSource(dir);
    const listing = await src.list();
    expect(entry(listing.files, "LICENSE")).toBeUndefined();
    expect(entry(listing.files, "LICENSE/LICENSE.txt")?.type).toBe("file");
    expect((await src.readMany(["LICENSE"], MAX_FILE_BYTES)).get("LICENSE")).toEqual({ error: "not a regular file" });
    const r = await scan(dir);
    expect(r.licenses.some((l) => l.source.path === "LICENSE/LICENSE.txt" && l.spdx === "MIT")).toBe(true);
  });

  it("a FIFO named README.md is neither listed nor opened (opening it would block the scan)", async () => {
    const dir = repo({ LICENSE: MIT });
    execFileSync("mkfifo", [path.join(dir, "README.md")]);
    const src = new LocalSource(dir);
    expect(entry((await src.list()).files, "README.md")).toBeUndefined();
    expect((await src.readMany(["README.md"], MAX_FILE_BYTES)).get("README.md")).toEqual({ error: "not a regular file" });
    const r = await scan(dir);
    expect(r.licenses.some((l) => l.spdx === "MIT")).toBe(true);
  });

  it.skipIf(isRoot)("an unreadable LICENSE (chmod 000) becomes a note, not a crash", async () => {
    const dir = repo({ LICENSE: MIT, "README.md": README });
    chmodSync(path.join(dir, "LICENSE"), 0o000);
    const r = await scan(dir);
    expect(noteFor(r, "LICENSE")).toEqual([{ path: "LICENSE", level: "warning", message: "cannot read (EACCES)" }]);
    expect(r.datasets.some((d) => d.id === "ms1mv2")).toBe(true);
  });

  it.skipIf(isRoot)("an unreadable directory makes the listing incomplete, with a note", async () => {
    const dir = repo({ "locked/LICENSE": MIT, "README.md": README });
    chmodSync(path.join(dir, "locked"), 0o000);
    const listing = await new LocalSource(dir).list();
    expect(listing.incomplete).toBe(true);
    expect(listing.notes).toEqual(["locked: cannot list (EACCES)"]);
    const r = await scan(dir);
    expect(r.notes[0]).toEqual({ path: "", level: "warning", message: "the listing is incomplete; results may miss files" });
  });
});

/**
 * As root, chmod 000 does not stop a read, so the two tests above are skipped. When `setpriv` is available, list and
 * read the same tree as the unprivileged user `nobody` in a child process, so the unreadable paths are exercised too.
 * The child must not need the clone: CI may lay it out inside a private (0700) folder that `nobody` cannot enter. So
 * LocalSource is bundled (esbuild) into a world-readable folder of its own with the fixture, and the child prints what
 * it listed and read; the pipeline then scans exactly that, in this process, through a replaying Source.
 */
const setpriv = isRoot && spawnSync("setpriv", ["--version"]).status === 0;
describe.runIf(setpriv)("LocalSource + scanSource as an unprivileged user (root here: run via setpriv as nobody)", () => {
  it("an unreadable LICENSE and an unreadable directory become notes; the rest is scanned", async () => {
    const own = mkdtempSync(path.join(os.tmpdir(), "carryover-nobody-"));
    try {
      chmodSync(own, 0o755);
      const dir = path.join(own, "repo");
      for (const [rel, content] of Object.entries({ LICENSE: MIT, "README.md": README, "locked/LICENSE": MIT })) {
        mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
        writeFileSync(path.join(dir, rel), content);
      }
      chmodSync(path.join(dir, "LICENSE"), 0o000);
      chmodSync(path.join(dir, "locked"), 0o000);
      const bundle = path.join(own, "local-source.mjs");
      const { build } = await import("esbuild");
      await build({ entryPoints: [path.join(process.cwd(), "src/sources/local.ts")], bundle: true, platform: "node", format: "esm", outfile: bundle, logLevel: "silent" });
      chmodSync(bundle, 0o644);
      const script = path.join(own, "list-as-nobody.mjs");
      writeFileSync(
        script,
        [
          `import { LocalSource } from "./local-source.mjs";`,
          `const s = new LocalSource(process.argv[2]);`,
          `const listing = await s.list();`,
          `const read = await s.readMany(listing.files.map((f) => f.path), ${MAX_FILE_BYTES});`,
          `const reads = [...read].map(([p, r]) => [p, "error" in r ? r : { b64: Buffer.from(r.bytes).toString("base64"), truncated: r.truncated }]);`,
          `console.log(JSON.stringify({ listing, reads }));`,
        ].join("\n"),
      );
      chmodSync(script, 0o644);
      const r = spawnSync("setpriv", ["--reuid=65534", "--regid=65534", "--clear-groups", process.execPath, script, dir], {
        cwd: own,
        encoding: "utf8",
        env: { PATH: process.env["PATH"] ?? "", HOME: own },
        timeout: 60_000,
      });
      expect(r.stderr).toBe("");
      const got = JSON.parse(r.stdout) as { listing: Awaited<ReturnType<LocalSource["list"]>>; reads: [string, { error: string } | { b64: string; truncated: boolean }][] };
      expect(got.listing.notes).toEqual(["locked: cannot list (EACCES)"]);
      expect(Object.fromEntries(got.reads.filter(([, v]) => "error" in v))).toEqual({ LICENSE: { error: "cannot read (EACCES)" } });
      const reads = new Map(got.reads);
      const replay: Source = {
        target: dir,
        list: () => Promise.resolve(got.listing),
        readMany: (paths) =>
          Promise.resolve(new Map(paths.flatMap((p) => {
            const v = reads.get(p);
            if (!v) return [];
            return [[p, "error" in v ? v : { bytes: new Uint8Array(Buffer.from(v.b64, "base64")), truncated: v.truncated }] as const];
          }))),
      };
      const out = await scanSource(replay, { today: TODAY, registry });
      expect(out.notes).toEqual([
        { path: "", level: "warning", message: "the listing is incomplete; results may miss files" },
        { path: "", level: "warning", message: "locked: cannot list (EACCES)" },
        { path: "LICENSE", level: "warning", message: "cannot read (EACCES)" },
      ]);
      expect(out.datasets.map((d) => d.id)).toContain("ms1mv2");
      expect(out.licenses.map((l) => l.source.path)).not.toContain("LICENSE");
    } finally {
      rmSync(own, { recursive: true, force: true });
    }
  }, 60_000);
});

describe("LocalSource: what is walked", () => {
  it(".git, node_modules and other tool directories are skipped", async () => {
    const dir = repo({
      "README.md": README,
      ".git/config": "[core]\n",
      ".git/LICENSE": MIT,
      "node_modules/pkg/LICENSE": MIT,
      "node_modules/pkg/README.md": "Trained on FFHQ.",
      "__pycache__/x.pyc": binary(64),
      ".venv/lib/LICENSE": MIT,
      "src/.git-keep": "",
    });
    const listing = await new LocalSource(dir).list();
    expect(listing.files.map((f) => f.path)).toEqual(["README.md", "src/.git-keep"]);
    const r = await scan(dir);
    expect(r.datasets.some((d) => d.id === "ffhq")).toBe(false);
  });

  it("lists sorted repo-relative POSIX paths with real sizes, including unicode and long names", async () => {
    const long = `${"l".repeat(200)}.md`;
    const dir = repo({ "b/ünïcode LICENSE.txt": "ÄÖÜ", "a/README.md": "x", [long]: "12345", "名前/モデル.yaml": "dataset: ffhq\n" });
    const listing = await new LocalSource(dir).list();
    expect(listing).toEqual({
      files: [
        { path: "a/README.md", size: 1, type: "file" },
        { path: "b/ünïcode LICENSE.txt", size: 6, type: "file" },
        { path: long, size: 5, type: "file" },
        { path: "名前/モデル.yaml", size: 14, type: "file" },
      ].sort((x, y) => (x.path < y.path ? -1 : 1)),
      incomplete: false,
      notes: [],
    });
  });

  it("file names that are not valid UTF-8 or contain a newline or backslash: listed, never a crash", async () => {
    const dir = repo({ "README.md": README, "README\n.md": "Trained on FFHQ.\n", "LICENSE\\x": MIT });
    // Linux names are bytes; Node decodes 0xFF as U+FFFD, so the listed name cannot be opened again.
    writeFileSync(Buffer.concat([Buffer.from(`${dir}/`), Buffer.from([0xff]), Buffer.from("LICENSE")]), MIT);
    const listing = await new LocalSource(dir).list();
    expect(listing.files.map((f) => f.path)).toEqual(["LICENSE\\x", "README\n.md", "README.md", "\ufffdLICENSE"]);
    const r = await scan(dir);
    expect(noteFor(r, "\ufffdLICENSE")).toEqual([{ path: "\ufffdLICENSE", level: "warning", message: "cannot read (ENOENT)" }]);
    expect(r.licenses.some((l) => l.source.path === "LICENSE\\x" && l.spdx === "MIT")).toBe(true);
    expect(r.datasets.map((d) => d.evidence.path)).toContain("README\n.md");
  });

  it("a non-existent target and a file as target fail with a clear error", async () => {
    const missing = path.join(tmp, "no-such-dir");
    await expect(new LocalSource(missing, "no-such-dir").list()).rejects.toThrow("cannot read no-such-dir: no such directory");
    await expect(scanSource(new LocalSource(missing, "no-such-dir"), { registry, today: TODAY })).rejects.toThrow(/no such directory/);
    const dir = repo({ "file.txt": "x" });
    await expect(new LocalSource(path.join(dir, "file.txt"), "file.txt").list()).rejects.toThrow("file.txt is not a directory");
  });

  it("a local scan equals a MemorySource scan of the same files (the source adds nothing of its own)", async () => {
    const files: Record<string, string | Uint8Array> = {
      "README.md": README,
      LICENSE: MIT,
      "configs/train.yaml": "dataset: casia-webface\n",
      "models/model.pth": "version https://git-lfs.github.com/spec/v1\noid sha256:" + "b".repeat(64) + "\nsize 99999999\n",
      ".github/carryover.yml": "fail-on: warning\n",
    };
    const dir = repo(files);
    const local = await scanSource(new LocalSource(dir, "t"), { registry, today: TODAY });
    const listing = await new LocalSource(dir).list();
    const mem = await scanSource(new MemorySource("t", listing.files, new Map(Object.entries(files))), { registry, today: TODAY });
    expect(local).toEqual(mem);
    expect(local.findings.length).toBeGreaterThan(0);
  });
});

describe("LocalSource: sizes only where a scan uses them", () => {
  it("stats licences, READMEs, configs, root docs and weight-format files; code and bulk data keep size -1", async () => {
    const dir = repo({
      LICENSE: MIT,
      "README.md": README,
      "NOTES.md": "root doc\n",
      "config.json": "{}\n",
      "configs/train.yaml": "dataset: ffhq\n",
      "packages/a/data/annotations/0001.json": '{"a":1}\n',
      "packages/a/src/model.py": "import torch\n",
      "packages/a/src/util.ts": "export {};\n",
      "packages/a/docs/guide.md": "guide\n",
      "packages/a/docs/pretrained_models.md": "zoo\n",
      "models/r50.bin": binary(40_000),
      "tests/fixtures/tiny.pt": binary(10),
      "archive.tar.gz": binary(100),
      "hubconf.py": "def r50():\n  pass\n",
      ".gitattributes": "*.bin filter=lfs\n",
      "third_party/x/COPYING": "GPL\n",
    });
    const { files } = await new LocalSource(dir).list();
    const size = (p: string) => entry(files, p)?.size;
    for (const p of ["LICENSE", "README.md", "NOTES.md", "config.json", "configs/train.yaml", "models/r50.bin", "tests/fixtures/tiny.pt", "archive.tar.gz", "hubconf.py", ".gitattributes", "third_party/x/COPYING", "packages/a/docs/pretrained_models.md"]) {
      expect(size(p), p).toBe(readFileSync(path.join(dir, p)).length);
    }
    for (const p of ["packages/a/data/annotations/0001.json", "packages/a/src/model.py", "packages/a/src/util.ts", "packages/a/docs/guide.md"]) {
      expect(size(p), p).toBe(-1);
    }
  });

  it.skipIf(!corpusAvailable)("on the 26 corpus trees, masking every size LocalSource skips changes no candidate and no weights verdict", () => {
    const repos = corpusRepos();
    expect(repos.length).toBeGreaterThanOrEqual(26);
    let masked = 0;
    let total = 0;
    for (const name of repos) {
      const full = parseTree(readFileSync(path.join(CORPUS_DIR, name, "tree.txt"), "utf8"));
      const partial = full.map((f) => (f.type === "file" && !sizeMatters(f.path) ? { ...f, size: -1 } : f));
      masked += partial.filter((f, i) => f.size !== full[i]!.size).length;
      total += full.length;
      expect(selectCandidates(partial), name).toEqual(selectCandidates(full));
      expect(weightCandidatePaths(partial), name).toEqual(weightCandidatePaths(full));
      expect(detectWeights({ files: partial, texts: new Map() }), name).toEqual(detectWeights({ files: full, texts: new Map() }));
    }
    // The check has teeth: most of the corpus's listed sizes are masked.
    expect(masked / total).toBeGreaterThan(0.5);
  });

  it("a scan of a directory equals a MemorySource scan of the same files with every real size", async () => {
    const files: Record<string, string | Uint8Array> = {
      "README.md": README,
      LICENSE: MIT,
      ".gitattributes": "*.pth filter=lfs diff=lfs merge=lfs -text\n",
      "configs/train.yaml": "dataset: casia-webface\n",
      "models/model.pth": "version https://git-lfs.github.com/spec/v1\noid sha256:" + "b".repeat(64) + "\nsize 99999999\n",
      "models/pytorch_model.bin": binary(50_000),
      "models/tiny_model.bin": binary(100),
      "data/features.npz": binary(70_000),
      "src/train.py": "# trained on FFHQ\n",
      "src/data/annotations.json": '{"dataset": "ffhq"}\n',
      "docs/results.md": "We train on MS1MV2.\n",
    };
    const dir = repo(files);
    const local = await scanSource(new LocalSource(dir, "t"), { registry, today: TODAY });
    const listing = await new LocalSource(dir).list();
    expect(listing.files.some((f) => f.size === -1)).toBe(true);
    const real = listing.files.map((f) => ({ ...f, size: readFileSync(path.join(dir, f.path)).length }));
    const mem = await scanSource(new MemorySource("t", real, new Map(Object.entries(files))), { registry, today: TODAY });
    expect(local).toEqual(mem);
    expect(local.weights.map((w) => w.ref)).toEqual(expect.arrayContaining(["models/model.pth", "models/pytorch_model.bin"]));
  });

  it("a file named by a weights glob whose size was not listed is reported without a size, never as -1 bytes", async () => {
    const dir = repo({ ".github/carryover.yml": "weights:\n  globs: ['weights/*.dat']\n", "weights/model.dat": binary(100_000), "README.md": README });
    expect(entry((await new LocalSource(dir).list()).files, "weights/model.dat")?.size).toBe(-1);
    const r = await scan(dir);
    const w = r.weights.find((x) => x.ref === "weights/model.dat");
    expect(w).toEqual({ ref: "weights/model.dat", kind: "file", evidence: { path: "weights/model.dat", line: 0, text: "weights/model.dat (file)" } });
  });
});

describe("LocalSource: listing order without a global sort", () => {
  it("depth-first in per-directory key order gives the same order as sorting full paths by UTF-16 code units", async () => {
    const names = ["a!", "a.txt", "a-b/x", "a/b!", "a/b.c/d", "a/b/c", "ab", "A", "B/a", "_x", "é/1", "e", "😀", "\ufffd", "z z/ y", "a0/1", "a/.hidden", "a.b/c"];
    const dir = repo(Object.fromEntries(names.map((p) => [p, "x"])));
    symlinkSync("a", path.join(dir, "a.link"));
    symlinkSync("/etc", path.join(dir, "a/b/etc"));
    const listed = (await new LocalSource(dir).list()).files.map((f) => f.path);
    const expected = [...names, "a.link", "a/b/etc"].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
    expect(listed).toEqual(expected);
  });
});
