/**
 * The `carryover scan` command as a user runs it: a real `node bin/carryover.js` process on the bundled example
 * and on temp repos. Checks exit codes (0 / 1 at --fail-on / 2 usage or I/O error), the JSON report's public shape,
 * SARIF 2.1.0, the CycloneDX ML-BOM, help, and `npx carryover`. No timing here: process start-up is measured in bench/scan.
 *
 * The binary runs the compiled `lib/` (its bundle, lib/bundle/, when present). `npm test` builds before vitest; when this file runs on its own and `lib/` is
 * missing or older than `src/`, `beforeAll` builds it (the same `tsc -p tsconfig.json` as `npm run build`).
 */
import { execFileSync, spawnSync, type SpawnSyncReturns } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createServer, type AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ScanResult } from "../../src/core/types.js";
import { cyclonedxValidator } from "../report/cyclonedx-schema.js";

const validateBom = cyclonedxValidator();

const ROOT = process.cwd();
const BIN = path.join(ROOT, "bin/carryover.js");
const FACE_ZOO = "examples/face-zoo";

/** True when some `src/**\/*.ts` has no compiled twin in `lib/` or is newer than it. */
function libIsStale(): boolean {
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? walk(path.join(dir, d.name)) : [path.join(dir, d.name)]));
  for (const src of walk(path.join(ROOT, "src"))) {
    if (!src.endsWith(".ts") || src.endsWith(".d.ts")) continue;
    const out = path.join(ROOT, "lib", path.relative(path.join(ROOT, "src"), src)).replace(/\.ts$/, ".js");
    if (!existsSync(out) || statSync(out).mtimeMs < statSync(src).mtimeMs) return true;
    const bundle = path.join(ROOT, "lib/bundle/cli.js");
    if (existsSync(bundle) && statSync(bundle).mtimeMs < statSync(src).mtimeMs) return true;
  }
  return false;
}

let tmp: string;
beforeAll(() => {
  if (libIsStale()) {
    // Type errors elsewhere in a shared checkout must not stop the emit (tsc emits anyway; exit code ignored).
    spawnSync(process.execPath, [path.join(ROOT, "node_modules/typescript/bin/tsc"), "-p", "tsconfig.json"], { cwd: ROOT, stdio: "ignore" });
    // bin/carryover.js prefers the single-file build in lib/bundle/: rebuild it too (`npm run build` does both).
    spawnSync(process.execPath, [path.join(ROOT, "scripts/bundle.mjs")], { cwd: ROOT, stdio: "ignore" });
  }
  tmp = mkdtempSync(path.join(os.tmpdir(), "carryover-cli-"));
}, 240_000);
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function run(args: string[], opts: { env?: NodeJS.ProcessEnv } = {}): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, [BIN, ...args], {
    cwd: ROOT,
    encoding: "utf8",
    // No token and no colour: nothing in these runs may depend on the caller's environment.
    env: { PATH: process.env["PATH"] ?? "", NO_COLOR: "1", ...opts.env },
    timeout: 60_000,
  });
}

let n = 0;
function repo(files: Record<string, string | Uint8Array>): string {
  const dir = path.join(tmp, `r${n++}`);
  for (const [p, c] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, p)), { recursive: true });
    writeFileSync(path.join(dir, p), c);
  }
  return dir;
}

const MIT = "MIT License\n\nCopyright (c) 2026 Example\n\nPermission is hereby granted, free of charge, to any person obtaining a copy\n";
/** Only a warning: CASIA-WebFace's terms do not name trained models, so the NC finding is low-confidence. */
const warnOnly = () =>
  repo({
    LICENSE: MIT,
    "README.md": "# m\n\nA lighter model fine-tuned on CASIA-WebFace is in `models/`.\n\nThe code and the pretrained models are released under the MIT License.\n",
    "models/m.pth": new Uint8Array(4096).fill(7),
  });
const clean = () => repo({ LICENSE: MIT, "README.md": "# tool\n\nA small utility library.\n" });

const json = (r: SpawnSyncReturns<string>): ScanResult => JSON.parse(r.stdout) as ScanResult;

// Each case spawns node (0.2-1 s each on a loaded 2-core machine): generous per-test timeouts, no timing asserted.
describe("carryover scan: exit codes", { timeout: 90_000 }, () => {
  it("the face-zoo example exits 1 (an error finding at the default --fail-on error), 0 with --fail-on never", () => {
    const r = run(["scan", FACE_ZOO]);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(1);
    expect(r.stdout).toContain("noncommercial-not-carried-over");
    expect(r.stdout).toContain("not legal advice");
    expect(run(["scan", FACE_ZOO, "--fail-on", "never"]).status).toBe(0);
  });

  it("--fail-on compares against the worst finding: a warning-only repo fails at warning and info, not at error", () => {
    const dir = warnOnly();
    const r = run(["scan", dir, "--format", "json"]);
    expect(json(r).findings.map((f) => f.severity)).toEqual(["warning"]);
    expect(r.status).toBe(0);
    expect(run(["scan", dir, "--fail-on", "error"]).status).toBe(0);
    expect(run(["scan", dir, "--fail-on", "warning"]).status).toBe(1);
    expect(run(["scan", dir, "--fail-on", "info"]).status).toBe(1);
    expect(run(["scan", dir, "--fail-on", "never"]).status).toBe(0);
  });

  it("the target's .github/carryover.yml sets the threshold; --fail-on overrides it", () => {
    const dir = warnOnly();
    writeFileSync(path.join(dir, "LICENSE"), MIT);
    mkdirSync(path.join(dir, ".github"), { recursive: true });
    writeFileSync(path.join(dir, ".github/carryover.yml"), "fail-on: warning\n");
    expect(run(["scan", dir]).status).toBe(1);
    expect(run(["scan", dir, "--fail-on", "error"]).status).toBe(0);
  });

  it("a repo with nothing to report exits 0 at every threshold", () => {
    const dir = clean();
    const r = run(["scan", dir, "--format", "json", "--fail-on", "info"]);
    expect(json(r).findings).toEqual([]);
    expect(r.status).toBe(0);
  });

  it.each([
    ["a missing target", ["scan", "does/not/exist"], /no such directory/],
    ["a file as target", ["scan", "package.json"], /is not a directory/],
    ["an unknown --format", ["scan", FACE_ZOO, "--format", "xml"], /unknown --format 'xml'/],
    ["an unknown --fail-on", ["scan", FACE_ZOO, "--fail-on", "fatal"], /unknown --fail-on 'fatal'/],
    ["extra positionals", ["scan", FACE_ZOO, "examples"], /expected exactly one target, got 2/],
    ["no target", ["scan"], /expected exactly one target, got 0/],
    ["an unknown option", ["scan", FACE_ZOO, "--bogus"], /Unknown option '--bogus'/],
    ["a malformed hf: target", ["scan", "hf:owner/name/extra"], /not a Hugging Face target: 'hf:owner\/name\/extra'/],
    ["a missing --config file", ["scan", FACE_ZOO, "--config", "no-such.yml"], /cannot read --config no-such\.yml/],
    ["an unknown command", ["scna", FACE_ZOO], /unknown command 'scna'/],
  ])("%s exits 2 with a message on stderr and nothing on stdout", (_name, args, message) => {
    const r = run(args);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stdout).toBe("");
  });

  it("an hf: target on a Hub that cannot be reached exits 2 with one line (HF_ENDPOINT on a closed local port)", async () => {
    // A port that was free a moment ago: bind it, then close it.
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const port = (server.address() as AddressInfo).port;
    await new Promise((resolve) => server.close(resolve));
    const r = run(["scan", "hf:owner/name"], { env: { HF_ENDPOINT: `http://127.0.0.1:${port}` } });
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(`carryover scan: cannot reach the Hugging Face Hub at http://127.0.0.1:${port} for hf:owner/name (ECONNREFUSED)\n`);
    expect(r.stdout).toBe("");
  });

  it("an invalid --config file exits 2 and names the line", () => {
    const cfg = path.join(tmp, "bad.yml");
    writeFileSync(cfg, "fail-on: sometimes\n");
    const r = run(["scan", FACE_ZOO, "--config", cfg]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`${cfg}:1:`);
  });
});

describe("carryover scan: cold start", { timeout: 90_000 }, () => {
  it("with the registry's disk cache off, the registry is parsed and validated and the findings are the same", () => {
    const warm = run(["scan", "examples/face-zoo", "--format", "json"]);
    const cold = run(["scan", "examples/face-zoo", "--format", "json"], { env: { CARRYOVER_REGISTRY_CACHE: "0" } });
    expect(cold.status, cold.stderr).toBe(1);
    const ids = (out: string) => (JSON.parse(out) as { findings: { fingerprint: string }[] }).findings.map((f) => f.fingerprint);
    expect(ids(cold.stdout)).toEqual(ids(warm.stdout));
    expect(ids(cold.stdout).length).toBeGreaterThan(0);
  });
});

describe("carryover scan: reports", { timeout: 90_000 }, () => {
  it("--format json has the public shape, and the face-zoo scan names the MS1MV2 retraction and the NC error", () => {
    const r = run(["scan", FACE_ZOO, "--format", "json"]);
    expect(r.status).toBe(1);
    const out = json(r);
    for (const key of ["schemaVersion", "tool", "target", "licenses", "weights", "datasets", "findings"]) expect(out).toHaveProperty(key);
    expect(out.schemaVersion).toBe(1);
    expect(out.tool.name).toBe("carryover");
    expect(out.target).toBe(FACE_ZOO);
    expect(out.findings.length).toBeGreaterThan(0);
    for (const f of out.findings) {
      for (const key of ["rule", "severity", "dataset", "origin", "message", "fix", "evidence", "sources", "fingerprint"]) expect(f).toHaveProperty(key);
      expect(["error", "warning", "info"]).toContain(f.severity);
      expect(f.fix.length).toBeGreaterThan(0);
      expect(f.evidence.length).toBeGreaterThan(0);
      for (const e of f.evidence) {
        expect(Object.keys(e).sort()).toEqual(["line", "path", "text"]);
        // Evidence is a real line of a real file in the example.
        const lines = readFileSync(path.join(ROOT, FACE_ZOO, e.path), "utf8").split("\n");
        if (e.line > 0) expect(lines[e.line - 1]).toContain(e.text.replace(/…$/, "").slice(0, 40));
      }
    }
    const retraction = out.findings.find((f) => f.dataset === "ms1mv2" && f.origin === "ms-celeb-1m");
    expect(retraction?.rule).toBe("retracted-dataset");
    const nc = out.findings.find((f) => f.rule === "noncommercial-not-carried-over" && f.dataset === "ms1mv2");
    expect(nc?.severity).toBe("error");
    expect(nc?.sources.length).toBeGreaterThan(0);
    expect(out.datasets.some((d) => d.id === "ms1mv2" && d.role === "training")).toBe(true);
  });

  it("--format sarif is SARIF 2.1.0 JSON with one result per finding", () => {
    const findings = json(run(["scan", FACE_ZOO, "--format", "json"])).findings;
    const r = run(["scan", FACE_ZOO, "--format", "sarif"]);
    expect(r.status).toBe(1);
    const sarif = JSON.parse(r.stdout) as { version: string; runs: { tool: { driver: { name: string } }; results: { ruleId: string }[] }[] };
    expect(sarif.version).toBe("2.1.0");
    expect(sarif.runs).toHaveLength(1);
    expect(sarif.runs[0]!.tool.driver.name).toBe("carryover");
    expect(sarif.runs[0]!.results.map((x) => x.ruleId).sort()).toEqual(findings.map((f) => f.rule).sort());
  });

  it("--format cyclonedx is a schema-valid CycloneDX 1.6 ML-BOM, stamped with a time and a fresh serial number", () => {
    const runs = [run(["scan", FACE_ZOO, "--format", "cyclonedx"]), run(["scan", FACE_ZOO, "--format", "cyclonedx"])];
    const [a, b] = runs.map((r) => {
      expect(r.status).toBe(1);
      return JSON.parse(r.stdout) as { specVersion: string; serialNumber: string; metadata: { timestamp: string; component: { type: string } }; components: { "bom-ref": string }[] };
    });
    expect(validateBom(a)).toBe(true);
    expect(a!.specVersion).toBe("1.6");
    expect(a!.metadata.component.type).toBe("machine-learning-model");
    expect(a!.components.map((c) => c["bom-ref"])).toContain("dataset:ms-celeb-1m");
    expect(Number.isNaN(Date.parse(a!.metadata.timestamp))).toBe(false);
    expect(a!.serialNumber).not.toBe(b!.serialNumber);
  });

  it("--format markdown names the findings; -o writes the same report to a file and nothing to stdout", () => {
    const md = run(["scan", FACE_ZOO, "--format", "markdown"]);
    expect(md.status).toBe(1);
    expect(md.stdout).toContain("ms1mv2");
    const out = path.join(tmp, "report.json");
    const r = run(["scan", FACE_ZOO, "--format", "json", "-o", out]);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe("");
    expect(JSON.parse(readFileSync(out, "utf8"))).toEqual(json(run(["scan", FACE_ZOO, "--format", "json"])));
  });

  it("plain output has no ANSI escapes when NO_COLOR is set or stdout is not a terminal", () => {
    expect(run(["scan", FACE_ZOO]).stdout).not.toContain("\u001b[");
  });

  it("a hostile repo (symlink to /etc/passwd as LICENSE, binary README) is scanned without leaking the link target", () => {
    const dir = repo({ "README.md": Uint8Array.from([0x23, 0, 1, 2, 0xff]), "docs/MODEL_ZOO.md": "Trained on FFHQ.\n" });
    execFileSync("ln", ["-s", "/etc/passwd", path.join(dir, "LICENSE")]);
    const r = run(["scan", dir, "--format", "json", "--fail-on", "never"]);
    expect(r.status).toBe(0);
    expect(r.stdout).not.toContain("root:x:0:0");
    const out = json(r);
    expect(out.notes).toContainEqual(expect.objectContaining({ path: "README.md", level: "warning" }));
  });
});

describe("carryover help", { timeout: 150_000 }, () => {
  it("--help exits 0 for the command and for scan", () => {
    const top = run(["--help"]);
    expect(top.status).toBe(0);
    expect(top.stdout).toContain("Usage: carryover <command>");
    const scan = run(["scan", "--help"]);
    expect(scan.status).toBe(0);
    expect(scan.stdout).toContain("Usage: carryover scan <target>");
    expect(scan.stdout).toContain("--fail-on");
  });

  it("`npx carryover --help` runs the package's bin", () => {
    // --no: never fetch a package named carryover from the registry; only the local project's bin may answer.
    const r = spawnSync("npx", ["--no", "--", "carryover", "--help"], { cwd: ROOT, encoding: "utf8", timeout: 120_000, env: { ...process.env, NO_COLOR: "1" } });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("Usage: carryover <command>");
  });
});
