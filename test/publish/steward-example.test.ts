import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { DOC_PATH, EXAMPLE_DATASET, stewardExample, withExample } from "../../scripts/steward-example.js";
import { corpusAvailable } from "../helpers/corpus.js";

describe.skipIf(!corpusAvailable)("docs/stewards.md example", () => {
  it("is what the renderer gives on the corpus today (run `npm run docs:stewards` when it changes)", async () => {
    const doc = readFileSync(DOC_PATH, "utf8");
    const example = await stewardExample(EXAMPLE_DATASET);
    expect(withExample(doc, example)).toBe(doc);
    // The example is real: LLaVA reaches LAION-400M through its pretraining set.
    expect(example).toContain("`llava-pretrain-lcs-558k` → `laion-400m`");
  }, 60_000);
});
