// Writes rules/schema/dataset.schema.json from the zod schema in src/resolve/schema.ts (`npm run schema`).
import { writeFileSync } from "node:fs";
import { datasetJsonSchemaText } from "../src/resolve/json-schema.js";

const out = new URL("../rules/schema/dataset.schema.json", import.meta.url);
writeFileSync(out, datasetJsonSchemaText());
console.log(`wrote ${out.pathname}`);
