// Builds rules/licenses/spdx-bigrams.{json,bin} (bigram sets of every SPDX text), index-fast.json (exact
// keys, names, the AI licenses of rules/licenses/*.yml) and
// rules/licenses/equivalences.yml from spdx-license-list, so `carryover scan` never normalises
// ~700 texts at start-up. Run: npx tsx scripts/build-license-index.ts [--check]
// --check exits 1 when the committed files differ from what this build would write (used by the test).
import { readFileSync, writeFileSync } from "node:fs";
import { BIN_URL, computeIndex, INDEX_URL, EQUIV_URL, FAST_URL } from "../src/detect/license/build.js";

const check = process.argv.includes("--check");
const { indexJson, indexBin, fastJson, equivYaml } = computeIndex();
if (check) {
  const stale: string[] = [];
  const read = (u: URL): string => {
    try {
      return readFileSync(u, "utf8");
    } catch {
      return "";
    }
  };
  if (read(INDEX_URL) !== indexJson) stale.push(INDEX_URL.pathname);
  if (read(EQUIV_URL) !== equivYaml) stale.push(EQUIV_URL.pathname);
  if (read(FAST_URL) !== fastJson) stale.push(FAST_URL.pathname);
  let bin: Buffer | undefined;
  try {
    bin = readFileSync(BIN_URL);
  } catch {
    bin = undefined;
  }
  if (!bin?.equals(indexBin)) stale.push(BIN_URL.pathname);
  if (stale.length) {
    console.error(`out of date: ${stale.join(", ")}; run npx tsx scripts/build-license-index.ts`);
    process.exit(1);
  }
  console.log("license index up to date");
} else {
  writeFileSync(INDEX_URL, indexJson);
  writeFileSync(EQUIV_URL, equivYaml);
  writeFileSync(FAST_URL, fastJson);
  writeFileSync(BIN_URL, indexBin);
  console.log(`wrote ${INDEX_URL.pathname} (${indexJson.length} bytes) and ${EQUIV_URL.pathname}`);
}
