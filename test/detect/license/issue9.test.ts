/**
 * License identification cases from a peer's fixtures: a full license text under a README "License" heading, an LGPL
 * COPYING.LESSER beside a GPL COPYING, and a modified license text that must not be named as its base.
 */
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { identifyLicenseText } from "../../../src/detect/license/index.js";
import { detectLicenses, effectiveWeightsLicense } from "../../../src/detect/licenses.js";

const require = createRequire(import.meta.url);
const full = require("spdx-license-list/full") as Record<string, { licenseText: string }>;
const text = (id: string) => full[id]!.licenseText.replace(/<year>/g, "2024").replace(/<(?:owner|copyright holders?|organization)>/gi, "Example Lab");

describe("license identification: README section, COPYING.LESSER, modified texts", () => {
  it.each(["BSD-3-Clause", "ISC", "BSD-2-Clause", "MIT"])("a full %s text under a README '## License' heading is the repository license", (id) => {
    const readme = `# Example model\n\nWeights below.\n\n## License\n\n${text(id)}\n\n## Citation\n\nPlease cite us.\n`;
    const hits = detectLicenses({ texts: new Map([["README.md", readme]]), weights: [] });
    const hit = hits.find((h) => h.matcher === "readme-section");
    expect(hit?.spdx).toBe(id);
    expect(hit?.scope).toBe("repository");
    expect(readme.split("\n")[hit!.source.line - 1]).toMatch(/\S/);
    expect(effectiveWeightsLicense(hits).spdx).toBe(id);
  });

  it.each([
    ["setext", (body: string) => `Example model\n=============\n\nLicense\n-------\n\n${body}\n\nCitation\n--------\n\nPlease cite us.\n`, "README.md"],
    ["HTML", (body: string) => `# Example model\n\n<h2 align="center">License</h2>\n\n${body}\n\n## Citation\n\nPlease cite us.\n`, "README.md"],
    ["reStructuredText", (body: string) => `Example model\n=============\n\nLicense\n-------\n\n${body}\n\nCitation\n--------\n\nPlease cite us.\n`, "README.rst"],
  ] as const)("a full MIT text under a %s License heading is the repository license", (_kind, make, path) => {
    const readme = make(text("MIT"));
    const hits = detectLicenses({ texts: new Map([[path, readme]]), weights: [] });
    const hit = hits.find((h) => h.matcher === "readme-section");
    expect(hit?.spdx).toBe("MIT");
    expect(readme.split("\n")[hit!.source.line - 1]).toMatch(/\S/);
  });

  it("a short README License section that only names a license is left to the prose reader", () => {
    const hits = detectLicenses({ texts: new Map([["README.md", "# M\n\n## License\n\nMIT\n"]]), weights: [] });
    expect(hits.some((h) => h.matcher === "readme-section")).toBe(false);
  });

  it("COPYING (GPL-3.0) beside COPYING.LESSER (LGPL-3.0) is the LGPL, not GPL AND LGPL", () => {
    const hits = detectLicenses({ texts: new Map([["COPYING", text("GPL-3.0-only")], ["COPYING.LESSER", text("LGPL-3.0-only")]]), weights: [] });
    expect(hits.map((h) => h.spdx)).toEqual(["LGPL-3.0-only"]);
    expect(effectiveWeightsLicense(hits).spdx).toBe("LGPL-3.0-only");
  });

  it("a GPL COPYING alone stays GPL", () => {
    const hits = detectLicenses({ texts: new Map([["COPYING", text("GPL-3.0-only")]]), weights: [] });
    expect(hits.map((h) => h.spdx)).toEqual(["GPL-3.0-only"]);
  });

  it("an MPL-2.0 text retitled and re-attributed is a modified license, not MPL-2.0", () => {
    const modified = text("MPL-2.0").replace("Mozilla Public License Version 2.0", "Example Public License Version 1.0").replace(/Mozilla Foundation/g, "Example Corp");
    const m = identifyLicenseText(modified, "LICENSE");
    expect(m.spdx).toBeNull();
    expect(m.name).toMatch(/Example Public License.*modified Mozilla Public License 2\.0/);
    expect(m.clauses).toContain("share-alike");
  });

  it("an MPL-2.0 text with added restrictions is not MPL-2.0 either, and carries the restriction", () => {
    const modified = text("MPL-2.0").replace("2.1. Grants", "2.1. Grants. The Covered Software may be used for non-commercial purposes only.\n\n2.1a. Grants");
    const m = identifyLicenseText(modified, "LICENSE");
    expect(m.spdx).toBeNull();
    expect(m.clauses).toContain("non-commercial");
  });

  it("the published MPL-2.0 text is MPL-2.0", () => {
    expect(identifyLicenseText(text("MPL-2.0"), "LICENSE").spdx).toBe("MPL-2.0");
  });
});

describe("license identification: a whole license after a copyright preamble", () => {
  const preamble = [
    "COPYRIGHT",
    "",
    "Copyright (c) 2016 - 2018, the respective contributors.",
    "All rights reserved.",
    "",
    "Each contributor holds copyright over their respective contributions.",
    "The project versioning (Git) records all such contribution source information.",
    "The initial code of this repository came from another project of ours; for author information",
    "about commits earlier than this repository's first, see that project.",
    "",
    "LICENSE",
    "",
  ].join("\n");

  it("is that license, with its evidence at the license's own text", () => {
    const m = identifyLicenseText(`${preamble}${text("MIT")}\n`, "LICENSE");
    expect(m.spdx).toBe("MIT");
    expect(m.evidence[0]!.line).toBeGreaterThan(10);
  });

  it("is not that license when the preamble adds a restriction", () => {
    const m = identifyLicenseText(`${preamble}The pretrained weights may be used for non-commercial research purposes only.\n\n${text("MIT")}\n`, "LICENSE");
    expect(m.spdx).toBeNull();
    expect(m.clauses).toContain("non-commercial");
  });
});

describe("license identification: a custom license's clauses wrapped over lines", () => {
  it("reads a copyleft clause that spans lines of one paragraph (UCLB ACP-A style)", () => {
    const custom = [
      "Example Academic Licence",
      "",
      "2.1 The Licensor grants the Licensee a licence to use the Software for",
      "non-commercial purpose only, including teaching and research.",
      "",
      "3.3 The Licensee shall cause any work that it distributes or publishes, that",
      "in whole or in part contains or is derived from the Software, to be licensed as a whole at no",
      "charge to all third parties under the terms of this Licence.",
      "",
    ].join("\n");
    const m = identifyLicenseText(custom, "LICENSE");
    expect(m.spdx).toBeNull();
    expect(m.clauses).toEqual(expect.arrayContaining(["non-commercial", "share-alike"]));
    expect(m.evidence.some((e) => e.line === 6)).toBe(true);
  });
});
