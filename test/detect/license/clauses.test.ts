// Clauses: prose lines, SPDX expressions, model-card license values, AI licenses, concatenated
// and modified license files.
import { readFileSync } from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { clausesForExpression, identifyLicenseText, normalizeLicenseId, proseClauses } from "../../../src/detect/license/index.js";
import { corpusAvailable } from "../../helpers/corpus.js";

const require = createRequire(import.meta.url);
const full = require("spdx-license-list/full") as Record<string, { licenseText: string }>;
const CORPUS = path.resolve(process.cwd(), "../shared/corpus");

describe("proseClauses", () => {
  it.each([
    ["The pretrained models are for non-commercial research purposes only.", ["non-commercial", "research-only"]],
    ["This dataset is available for academic use only.", ["research-only"]],
    ["Models trained using the dataset should not be used outside of research purposes.", ["research-only"]],
    ["You may not redistribute the weights.", ["no-redistribution"]],
    ["The data may not be redistributed or shared with third parties.", ["no-redistribution"]],
    ["No derivatives: you may not modify the model.", ["no-derivatives"]],
    ["Commercial use is strictly prohibited.", ["non-commercial"]],
    ["Released under CC BY-NC-SA 4.0.", ["non-commercial", "share-alike", "attribution"]],
    ["You agree not to use the Model for military purposes or surveillance.", ["use-restrictions"]],
    ["Use of the model is subject to the Acceptable Use Policy.", ["use-restrictions"]],
    ["You must give appropriate credit.", ["attribution"]],
  ])("%s", (line, want) => {
    expect(proseClauses(line)).toEqual(want);
  });

  it.each([
    "You may use the Software for commercial and non-commercial purposes.",
    "Permission is hereby granted, free of charge, to any person obtaining a copy of this software",
    "The model can be used in research and in production.",
    "including commercial applications, and to alter it and redistribute it freely",
    "",
  ])("states nothing restrictive: %s", (line) => {
    expect(proseClauses(line).filter((c) => c !== "attribution")).toEqual([]);
  });
});

describe("clausesForExpression", () => {
  it.each([
    ["MIT", ["attribution"]],
    ["CC-BY-NC-SA-4.0", ["non-commercial", "share-alike", "attribution"]],
    ["CC-BY-NC-ND-4.0", ["non-commercial", "no-derivatives", "attribution"]],
    ["CC0-1.0", []],
    ["GPL-3.0-only", ["share-alike", "attribution"]],
    ["AGPL-3.0-or-later", ["share-alike", "attribution"]],
    ["LGPL-2.1-only", ["share-alike", "attribution"]],
    ["Apache-2.0 AND CC-BY-NC-4.0", ["non-commercial", "attribution"]],
    ["MIT OR CC-BY-NC-4.0", ["attribution"]],
    ["CC-BY-NC-4.0 OR CC-BY-SA-4.0", ["share-alike", "attribution"]],
    ["(MIT OR GPL-2.0-only) AND CC-BY-ND-4.0", ["no-derivatives", "attribution"]],
    ["GPL-2.0-or-later WITH Classpath-exception-2.0", ["share-alike", "attribution"]],
    ["GPL-2.0+", ["share-alike", "attribution"]],
    ["LicenseRef-Llama-2", ["use-restrictions", "attribution"]],
    ["Apache-2.0 AND LicenseRef-NVIDIA-Source-Code-License-NC", ["non-commercial", "research-only", "attribution"]],
    ["LicenseRef-CreativeML-OpenRAIL++-M", ["use-restrictions", "attribution"]],
    ["LicenseRef-unknown-thing", []],
    ["cc-by-nc-4.0 AND mit", ["non-commercial", "attribution"]],
    ["", []],
  ])("%s", (expr, want) => {
    expect(clausesForExpression(expr)).toEqual(want);
  });
});

describe("normalizeLicenseId", () => {
  it.each(["+", "AND", "OR (", "WITH", "__proto__", "constructor", "toString"])("a lone operator or an Object.prototype name (%s) is no license and does not throw", (v) => {
    expect(normalizeLicenseId(v)).toEqual({ spdx: null, clauses: [] });
  });

  it.each([
    ["cc-by-nc-4.0", "CC-BY-NC-4.0"],
    ["cc-by-sa 4.0", "CC-BY-SA-4.0"],
    ["CC-NC-BY-4.0", "CC-BY-NC-4.0"],
    ["CC BY-NC-SA 4.0", "CC-BY-NC-SA-4.0"],
    ["openrail", "LicenseRef-BigScience-OpenRAIL-M"],
    ["creativeml-openrail-m", "LicenseRef-CreativeML-OpenRAIL-M"],
    ["openrail++", "LicenseRef-CreativeML-OpenRAIL-PlusPlus-M"],
    ["bigscience-bloom-rail-1.0", "LicenseRef-BigScience-BLOOM-RAIL-1.0"],
    ["llama2", "LicenseRef-Llama-2"],
    ["llama3", "LicenseRef-Llama-3"],
    ["llama3.1", "LicenseRef-Llama-3.1"],
    ["llama3.2", "LicenseRef-Llama-3.2"],
    ["llama3.3", "LicenseRef-Llama-3.3"],
    ["gemma", "LicenseRef-Gemma"],
    ["apache-2.0", "Apache-2.0"],
    ["Apache License 2.0", "Apache-2.0"],
    ["mit", "MIT"],
    ["agpl-3.0", "AGPL-3.0-only"],
    ["gpl-3.0", "GPL-3.0-only"],
    ["GPL-2.0", "GPL-2.0-only"],
    ["cc0-1.0", "CC0-1.0"],
    ["odc-by", "ODC-By-1.0"],
    ["other", null],
    ["unknown", null],
    ["Proprietary", null],
    ["", null],
  ])("%s → %s", (value, want) => {
    const n = normalizeLicenseId(value);
    expect(n.spdx).toBe(want);
    if (want) expect(n.clauses).toEqual(clausesForExpression(want));
  });

  it("families without a single id keep their clauses", () => {
    expect(normalizeLicenseId("CC-BY-NC")).toEqual({ spdx: null, clauses: ["non-commercial", "attribution"] });
    expect(normalizeLicenseId("fair-noncommercial-research-license").clauses).toContain("non-commercial");
    expect(normalizeLicenseId("gpl")).toEqual({ spdx: null, clauses: ["share-alike", "attribution"] });
  });
});

describe("AI and model licenses", () => {
  it("short notices name the license (lower confidence than a full text)", () => {
    const m = identifyLicenseText("This model is released under the Llama 2 Community License Agreement.\n", "LICENSE");
    expect(m).toMatchObject({ spdx: "LicenseRef-Llama-2", matcher: "ai-license", clauses: ["use-restrictions", "attribution"] });
    expect(m.confidence).toBeLessThan(90);
    const g = identifyLicenseText("Gemma is provided under and subject to the Gemma Terms of Use found at ai.google.dev/gemma/terms", "NOTICE");
    expect(g.spdx).toBe("LicenseRef-Gemma");
    const l31 = identifyLicenseText("LLAMA 3.1 COMMUNITY LICENSE AGREEMENT\nLlama 3.1 Version Release Date: July 23, 2024\n", "LICENSE");
    expect(l31.spdx).toBe("LicenseRef-Llama-3.1");
    const l3 = identifyLicenseText("META LLAMA 3 COMMUNITY LICENSE AGREEMENT\nMeta Llama 3 Version Release Date: April 18, 2024\n", "LICENSE");
    expect(l3.spdx).toBe("LicenseRef-Llama-3");
  });

  it.skipIf(!corpusAvailable)("OpenRAIL-M and OpenRAIL++-M full texts are told apart", () => {
    const m = identifyLicenseText(readFileSync(path.join(CORPUS, "CompVis__stable-diffusion/LICENSE"), "utf8"), "LICENSE");
    const pp = identifyLicenseText(readFileSync(path.join(CORPUS, "Stability-AI__stablediffusion/LICENSE-MODEL"), "utf8"), "LICENSE-MODEL");
    expect(m.spdx).toBe("LicenseRef-CreativeML-OpenRAIL-M");
    expect(pp.spdx).toBe("LicenseRef-CreativeML-OpenRAIL-PlusPlus-M");
    expect(m.confidence).toBe(98);
  });
});

describe("concatenated and modified licenses", () => {
  const mit = full["MIT"]?.licenseText ?? "";
  const apache = full["Apache-2.0"]?.licenseText ?? "";
  const bsd3 = full["BSD-3-Clause"]?.licenseText ?? "";

  it("MIT + Apache-2.0 in one file → AND of both, with the line each part starts on", () => {
    const text = `${mit}\n\n---\n\nThe model weights:\n\n${apache}`;
    const m = identifyLicenseText(text, "LICENSE");
    expect(m.matcher).toBe("concatenated");
    expect(m.spdx?.split(" AND ").sort()).toEqual(["Apache-2.0", "MIT"]);
    expect(m.clauses).toEqual(["attribution"]);
    expect(m.evidence.map((e) => e.line)).toEqual([1, text.split("\n").findIndex((l) => l.startsWith("Apache License")) + 1]);
  });

  it("BSD-3-Clause + CC-BY-NC-4.0 text → AND, NC carried, BSD-2 not reported as a third part", () => {
    const text = `${bsd3}\n\n=====\n\n${full["CC-BY-NC-4.0"]?.licenseText ?? ""}`;
    const m = identifyLicenseText(text, "LICENSE");
    expect(m.spdx?.split(" AND ").sort()).toEqual(["BSD-3-Clause", "CC-BY-NC-4.0"]);
    expect(m.clauses).toEqual(["non-commercial", "attribution"]);
  });

  it("Apache code license + Llama 2 license named in the same file", () => {
    const text = `${apache}\n\n=====\n\nLLAMA 2 COMMUNITY LICENSE AGREEMENT\nLlama 2 Version Release Date: July 18, 2023\n\n"Llama Materials" means, collectively, Meta's proprietary Llama 2 and Documentation.\n`;
    const m = identifyLicenseText(text, "LICENSE");
    expect(m.spdx?.split(" AND ").sort()).toEqual(["Apache-2.0", "LicenseRef-Llama-2"]);
    expect(m.clauses).toEqual(["use-restrictions", "attribution"]);
  });

  it("MIT with an added non-commercial sentence is not reported as MIT", () => {
    const text = mit.replace("THE SOFTWARE IS PROVIDED", "The Software and the pretrained models may only be used for non-commercial research purposes.\n\nTHE SOFTWARE IS PROVIDED");
    expect(text).not.toBe(mit);
    const m = identifyLicenseText(text, "LICENSE");
    expect(m.spdx).toBeNull();
    expect(m.name).toMatch(/MIT License with additional terms/);
    expect(m.clauses).toEqual(["non-commercial", "research-only", "attribution"]);
    expect(m.evidence.some((e) => /non-commercial research/.test(e.text))).toBe(true);
  });

  it("a restriction in the copyright or title line is not normalised away", () => {
    const withCopyright = identifyLicenseText(`Copyright (c) 2020 Example Lab. For non-commercial use only.\n\n${mit}`, "LICENSE");
    expect(withCopyright.spdx).toBeNull();
    expect(withCopyright.clauses).toContain("non-commercial");
    expect(withCopyright.evidence.some((e) => e.line === 1)).toBe(true);
    const withTitle = identifyLicenseText(`# MIT License (research only)\n\n${mit.replace(/^MIT License\s*/, "")}`, "LICENSE");
    expect(withTitle.spdx).toBeNull();
    expect(withTitle.clauses).toContain("research-only");
  });

  it("a custom research-only license → spdx null, clauses from its prose, quoted lines", () => {
    const text = "Copyright 2023 Example University\n\nThe pretrained weights are provided for academic research purposes only.\nYou may not redistribute them.\nCommercial use is prohibited.\n";
    const m = identifyLicenseText(text, "LICENSE");
    expect(m).toMatchObject({ spdx: null, matcher: "prose" });
    expect(m.clauses).toEqual(["non-commercial", "research-only", "no-redistribution"]);
    expect(m.evidence.map((e) => e.line)).toEqual([3, 4, 5]);
  });

  it("SPDX-License-Identifier files", () => {
    expect(identifyLicenseText("SPDX-License-Identifier: Apache-2.0 OR MIT\n", "LICENSE")).toMatchObject({ spdx: "Apache-2.0 OR MIT", matcher: "spdx-id", clauses: ["attribution"] });
    expect(identifyLicenseText("MIT\n", "LICENSE")).toMatchObject({ spdx: "MIT", matcher: "spdx-id" });
  });
});
