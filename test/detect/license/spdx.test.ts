// Every SPDX text identifies as itself, or as the id the documented equivalence table
// (rules/licenses/equivalences.yml, generated and checked here) says it is indistinguishable from.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { BIN_URL, computeIndex, deprecatedIds, EQUIV_URL, FAST_URL, INDEX_URL } from "../../../src/detect/license/build.js";
import { clausesForExpression, identifyLicenseText } from "../../../src/detect/license/index.js";
import { exactKey, normalizeTokens } from "../../../src/detect/license/normalize.js";

const require = createRequire(import.meta.url);
const full = require("spdx-license-list/full") as Record<string, { licenseText: string }>;

/** equivalences.yml → id → reported id. */
function equivalenceTable(): Record<string, string> {
  const doc = parse(readFileSync(EQUIV_URL, "utf8")) as Record<string, string[]>;
  const out: Record<string, string> = {};
  for (const [rep, ids] of Object.entries(doc)) for (const id of ids) out[id] = rep;
  return out;
}

describe("SPDX index", () => {
  it("committed index files are what the build script writes (run scripts/build-license-index.ts)", () => {
    const { indexJson, indexBin, fastJson, equivYaml } = computeIndex();
    expect(readFileSync(INDEX_URL, "utf8") === indexJson).toBe(true);
    expect(readFileSync(BIN_URL).equals(indexBin)).toBe(true);
    expect(readFileSync(FAST_URL, "utf8") === fastJson).toBe(true);
    expect(readFileSync(EQUIV_URL, "utf8")).toBe(equivYaml);
  }, 120_000);

  it("the equivalence table only merges texts that are identical after normalisation, or deprecated ids", () => {
    const table = equivalenceTable();
    const dep = deprecatedIds();
    expect(Object.keys(table).length).toBeGreaterThan(20);
    for (const [id, rep] of Object.entries(table)) {
      if (!full[rep]) {
        // A deprecated id → expression such as "GPL-2.0-or-later WITH GCC-exception-2.0".
        expect(dep.has(id), id).toBe(true);
        continue;
      }
      const same = exactKey(normalizeTokens(full[id]?.licenseText ?? "")) === exactKey(normalizeTokens(full[rep]?.licenseText ?? ""));
      const deprecated = dep.has(id) || id.endsWith("+");
      expect(same || deprecated, `${id} ≡ ${rep}`).toBe(true);
    }
    // The documented choices.
    expect(table["GPL-2.0-or-later"]).toBe("GPL-2.0-only");
    expect(table["GPL-3.0"]).toBe("GPL-3.0-only");
    expect(table["AGPL-3.0-or-later"]).toBe("AGPL-3.0-only");
    expect(table["MPL-2.0-no-copyleft-exception"]).toBe("MPL-2.0");
    expect(table["GPL-2.0+"]).toBe("GPL-2.0-only");
  }, 60_000);

  it(`every one of the ${Object.keys(full).length} canonical texts identifies as itself or its documented equivalent`, () => {
    const table = equivalenceTable();
    const wrong: string[] = [];
    for (const [id, l] of Object.entries(full)) {
      const m = identifyLicenseText(l.licenseText, "LICENSE");
      const want = table[id] ?? id;
      if (m.spdx !== want || m.matcher !== "exact" || m.confidence !== 100) wrong.push(`${id} → ${m.spdx} (${m.matcher})`);
      else expect(m.clauses).toEqual(clausesForExpression(want));
    }
    expect(wrong).toEqual([]);
  }, 120_000);
});
