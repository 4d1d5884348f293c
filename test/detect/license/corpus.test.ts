// The license files of the development corpus (/work/shared/corpus, read at run time) identify
// as their SOURCE.yaml `facts.license` says, with evidence lines that exist in the file.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { decodeText } from "../../../src/sources/text.js";
import { identifyLicenseText, normalizeLicenseId } from "../../../src/detect/license/index.js";
import { corpusAvailable } from "../../helpers/corpus.js";

const CORPUS = path.resolve(process.cwd(), "../shared/corpus");
const LICENSE_FILE = /^(?:licen[cs]e|copying|model_license|data_license|weight_diff_license)(?:[-._].*)?$|^license\.html$/i;

interface Expect {
  repo: string;
  file: string;
  id: string;
}

/** (file, expected id) pairs from every SOURCE.yaml: evidence entries that point at a license file. */
function expectations(): Expect[] {
  const out: Expect[] = [];
  for (const repo of readdirSync(CORPUS).filter((d) => existsSync(path.join(CORPUS, d, "SOURCE.yaml")))) {
    const doc = parse(readFileSync(path.join(CORPUS, repo, "SOURCE.yaml"), "utf8")) as { facts?: { license?: Record<string, unknown> } };
    const entries = Object.values(doc.facts?.license ?? {}).flatMap((v) => (Array.isArray(v) ? v : [v])) as { id?: unknown; evidence?: unknown; path?: unknown }[];
    for (const e of entries) {
      if (typeof e?.id !== "string" || /[()\s]/.test(e.id)) continue; // "(by reference)", "version unstated": not a file's license
      const refs = [...(Array.isArray(e.evidence) ? e.evidence : typeof e.evidence === "string" ? e.evidence.split(",") : []), ...(typeof e.path === "string" ? [e.path] : [])];
      for (const r of refs as string[]) {
        const file = r.trim().replace(/:[\d-]+$/, "");
        if (!LICENSE_FILE.test(path.basename(file)) || !existsSync(path.join(CORPUS, repo, file))) continue;
        if (!out.some((o) => o.repo === repo && o.file === file)) out.push({ repo, file, id: e.id });
      }
    }
  }
  return out;
}

describe.skipIf(!corpusAvailable)("corpus license files", () => {
  const cases = existsSync(CORPUS) ? expectations() : [];

  it("finds the expectations (the corpus is present)", () => {
    expect(cases.length).toBeGreaterThanOrEqual(30);
  });

  it.each(cases.map((c) => [`${c.repo}/${c.file}`, c] as const))("%s", (_name, c) => {
    const bytes = readFileSync(path.join(CORPUS, c.repo, c.file));
    const d = decodeText(bytes);
    expect(d.ok).toBe(true);
    if (!d.ok) return;
    const m = identifyLicenseText(d.text, c.file);
    // SOURCE.yaml spells CreativeML Open RAIL++-M with "++", not a valid SPDX idstring: normalise it.
    const want = c.id.startsWith("LicenseRef-") ? (normalizeLicenseId(c.id).spdx ?? c.id) : c.id;
    expect(m.spdx).toBe(want);
    expect(m.confidence).toBeGreaterThanOrEqual(90);
    const lines = d.text.split(/\r\n|\r|\n/);
    expect(m.evidence.length).toBeGreaterThan(0);
    for (const e of m.evidence) {
      expect(e.path).toBe(c.file);
      expect(lines[e.line - 1]?.trim().startsWith(e.text.slice(0, 40))).toBe(true);
    }
  });

  it("the HTML copy of the NVIDIA license and its non-commercial clause", () => {
    const file = "docs/license.html";
    const text = readFileSync(path.join(CORPUS, "NVlabs__stylegan2-ada-pytorch", file), "utf8");
    const m = identifyLicenseText(text, file);
    expect(m.spdx).toBe("LicenseRef-NVIDIA-Source-Code-License-NC");
    expect(m.clauses).toEqual(["non-commercial", "research-only", "attribution"]);
    expect(m.evidence.some((e) => /non-commercially/.test(e.text))).toBe(true);
  });

  it("matchers: exact for verbatim texts, dice for reworded copies, ai-license for model licenses", () => {
    const id = (repo: string, file: string) => identifyLicenseText(readFileSync(path.join(CORPUS, repo, file), "utf8"), file);
    expect(id("openai__CLIP", "LICENSE").matcher).toBe("exact");
    expect(id("mlfoundations__open_clip", "LICENSE").matcher).toBe("dice"); // MIT without its title line, names in the copyright block
    expect(id("CompVis__stable-diffusion", "LICENSE").matcher).toBe("ai-license");
    const nc = id("clovaai__stargan-v2", "LICENSE");
    expect(nc.spdx).toBe("CC-BY-NC-4.0");
    expect(nc.clauses).toEqual(["non-commercial", "attribution"]);
  });
});
