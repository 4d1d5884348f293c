import { createRequire } from "node:module";
import { identifyLicenseText } from "../../src/detect/license/index.js";
import { casesFor } from "./perturb.js";
const require = createRequire(import.meta.url);
const full = require("spdx-license-list/full") as Record<string, { licenseText: string }>;
const per = new Map<string, [number, number]>();
const mt = new Map<string, number>();
identifyLicenseText("warm up text that is not a license at all but long enough to need dice ".repeat(20), "L");
let v = 0;
for (const [id, l] of Object.entries(full)) for (const c of casesFor(id, l.licenseText, v++)) {
  const t = performance.now(); const m = identifyLicenseText(c.text, "L"); const d = performance.now() - t;
  const p = per.get(c.form) ?? [0, 0]; p[0] += d; p[1]++; per.set(c.form, p);
  mt.set(m.matcher, (mt.get(m.matcher) ?? 0) + d);
}
for (const [f, [t, n]] of per) console.log(f, n, (t / n).toFixed(2), "ms avg", (t / 1000).toFixed(1), "s");
console.log([...mt].map(([k, t]) => `${k} ${(t / 1000).toFixed(1)}s`).join(" "));
