// Writes docs/rules/<id>.md and docs/rules/README.md from the rule table.
import { writeFileSync } from "node:fs";
import { RULE_METAS } from "../src/evaluate/index.js";
import { ruleDoc, ruleIndexDoc } from "../src/evaluate/docs.js";

for (const m of RULE_METAS) writeFileSync(new URL(`../docs/rules/${m.id}.md`, import.meta.url), ruleDoc(m));
writeFileSync(new URL("../docs/rules/README.md", import.meta.url), ruleIndexDoc(RULE_METAS));
console.log(`wrote ${RULE_METAS.length} rule pages`);
