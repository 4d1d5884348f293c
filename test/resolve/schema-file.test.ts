import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { datasetJsonSchemaText } from "../../src/resolve/json-schema.js";
import { fixture, realRegistryDir } from "./helpers.js";

const committed = new URL("../../rules/schema/dataset.schema.json", import.meta.url);

describe("rules/schema/dataset.schema.json", () => {
  it("is up to date with src/resolve/schema.ts (run `npm run schema`)", () => {
    expect(readFileSync(committed, "utf8")).toBe(datasetJsonSchemaText());
  });

  it("accepts the example entries and the clean fixtures, and rejects a schema-broken fixture", () => {
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    const validate = ajv.compile(JSON.parse(readFileSync(committed, "utf8")));
    for (const f of ["ms1mv2.yml", "ms-celeb-1m.yml"]) {
      expect(validate(parse(readFileSync(join(realRegistryDir, f), "utf8"))), `${f}: ${JSON.stringify(validate.errors)}`).toBe(true);
    }
    for (const f of readdirSync(fixture("clean"))) expect(validate(parse(readFileSync(join(fixture("clean"), f), "utf8"))), f).toBe(true);
    expect(validate(parse(readFileSync(join(fixture("schema"), "bad-schema.yml"), "utf8")))).toBe(false);
  });
});
