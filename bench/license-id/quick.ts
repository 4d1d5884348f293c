// Quick accuracy pass over the generated set (no external tools): npx tsx bench/license-id/quick.ts
import { createRequire } from "node:module";
import { identifyLicenseText, clausesForExpression } from "../../src/detect/license/index.js";
import { fastIndex } from "../../src/detect/license/data.js";
import { casesFor } from "./perturb.js";
const require = createRequire(import.meta.url);
const full = require("spdx-license-list/full") as Record<string, { licenseText: string }>;
const eq = fastIndex().equivalent;
let n = 0, ok = 0;
const bad: Record<string, number> = {};
const t0 = performance.now();
let v = 0;
for (const [id, l] of Object.entries(full)) {
  for (const c of casesFor(id, l.licenseText, v++)) {
    n++;
    const want = eq[id] ?? id;
    const m = identifyLicenseText(c.text, "LICENSE");
    const good = m.spdx === want && m.clauses.join() === clausesForExpression(want).join();
    if (good) ok++;
    else { bad[c.form] = (bad[c.form] ?? 0) + 1; if (process.argv.includes("-v")) console.log(c.form, id, "->", m.spdx, m.matcher, m.confidence, m.note ?? ""); }
  }
}
console.log(n, ok, (ok / n * 100).toFixed(2) + "%", bad, ((performance.now() - t0) / 1000).toFixed(1) + "s");
