// Quick validator for rules/datasets/*.yml against the zod schema (until `carryover rules lint` lands).
import { readdirSync, readFileSync } from "node:fs";
import { parse } from "yaml";
import { Dataset } from "../src/resolve/schema.js";

const dir = new URL("../rules/datasets/", import.meta.url);
let bad = 0;
for (const f of readdirSync(dir).filter((f) => f.endsWith(".yml"))) {
  const r = Dataset.safeParse(parse(readFileSync(new URL(f, dir), "utf8")));
  if (!r.success) {
    bad++;
    console.log(`${f}: ${r.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
  } else if (`${r.data.id}.yml` !== f) {
    bad++;
    console.log(`${f}: id ${r.data.id} does not match the file name`);
  }
}
console.log(bad ? `${bad} invalid` : "all valid");
process.exit(bad ? 1 : 0);
