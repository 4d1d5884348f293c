import { readFileSync } from "node:fs";
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { CONFIG_DOC_PATH, CONFIG_SCHEMA_PATH, configArtifacts, EXAMPLE_CONFIG } from "../../src/config/docs.js";
import { TOP_LEVEL_KEYS } from "../../src/config/options.js";

const root = new URL("../../", import.meta.url);

describe("config/docs: generated files are up to date", () => {
  for (const [rel, content] of Object.entries(configArtifacts())) {
    it(`${rel} matches src/config/options.ts (regenerate: npx tsx src/config/docs.ts)`, () => {
      expect(readFileSync(new URL(rel, root), "utf8")).toBe(content);
    });
  }

  it("the doc documents every top-level option", () => {
    const doc = configArtifacts()[CONFIG_DOC_PATH]!;
    for (const key of TOP_LEVEL_KEYS) expect(doc).toContain(`| \`${key}\` |`);
  });

  it("the JSON Schema accepts the example and rejects what the parser rejects", () => {
    const schema = JSON.parse(configArtifacts()[CONFIG_SCHEMA_PATH]!);
    const ajv = new Ajv2020.default({ strict: false, allErrors: true });
    addFormats.default(ajv);
    const validate = ajv.compile(schema);
    expect(validate(parse(EXAMPLE_CONFIG))).toBe(true);
    expect(validate({ fail_on: "error" })).toBe(false);
    expect(validate({ "fail-on": "fatal" })).toBe(false);
    expect(validate({ waivers: [{ rule: "x" }] })).toBe(false);
    expect(validate({ waivers: [{ rule: "x", reason: "y", expires: "2027-02-30" }] })).toBe(false);
  });
});
