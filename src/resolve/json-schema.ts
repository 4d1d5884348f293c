/**
 * The JSON Schema of a dataset entry, generated from the zod schema (the one definition) for
 * editors (`# yaml-language-server: $schema=../schema/dataset.schema.json`). Written to
 * `rules/schema/dataset.schema.json` by `npm run schema`; a test fails when the file is stale.
 */
import { z } from "zod";
import { Dataset } from "./schema.js";

/** The schema as pretty-printed JSON with a trailing newline, exactly as committed. */
export function datasetJsonSchemaText(): string {
  // `io: "input"`: fields with defaults are optional in the files people write.
  const schema = z.toJSONSchema(Dataset, { io: "input", target: "draft-2020-12" });
  const doc = {
    ...schema,
    title: "carryover dataset registry entry",
    description: "One dataset in rules/datasets/<id>.yml: names, license, terms, status, lineage and sources. Generated from src/resolve/schema.ts; do not edit.",
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}
