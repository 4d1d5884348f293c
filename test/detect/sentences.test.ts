import { describe, expect, it } from "vitest";
import { roleFromLine } from "../../src/detect/datasets.js";
import { detectLicenses } from "../../src/detect/licenses.js";
import { endsSentence, sentenceBounds, splitSentences } from "../../src/detect/sentences.js";

const texts = (s: string) => splitSentences(s).map((x) => x.text.trim());

describe("detect/sentences", () => {
  it("splits at . ; ! ? followed by a space or the end", () => {
    expect(texts("Weights are MIT. Data is CC BY-NC; see the card! Questions?")).toEqual(["Weights are MIT.", "Data is CC BY-NC;", "see the card!", "Questions?"]);
  });

  it("a decimal, a version or a domain does not end a sentence", () => {
    expect(texts("Top-1 is 76.5 on ImageNet. Licensed under CC BY 4.0 at creativecommons.org/licenses.")).toEqual(["Top-1 is 76.5 on ImageNet.", "Licensed under CC BY 4.0 at creativecommons.org/licenses."]);
  });

  it("'e.g.', 'i.e.', 'et al.', 'cf.', 'Fig.' do not end a sentence", () => {
    const s = "We pre-train on large corpora, e.g. LAION-400M, as in Radford et al. (2021), i.e. the CLIP recipe (cf. Fig. 2). Then we fine-tune.";
    expect(texts(s)).toEqual(["We pre-train on large corpora, e.g. LAION-400M, as in Radford et al. (2021), i.e. the CLIP recipe (cf. Fig. 2).", "Then we fine-tune."]);
    const at = (s: string, sub: string) => s.indexOf(sub) + sub.length - 1;
    expect(endsSentence("see e.g. here", at("see e.g. here", "e.g."))).toBe(false);
    expect(endsSentence("as in No. 5 we", at("as in No. 5 we", "No."))).toBe(false);
    expect(endsSentence("say no. Then", at("say no. Then", "no."))).toBe(true);
    expect(endsSentence("trained on it. Then", at("trained on it. Then", "it."))).toBe(true);
  });

  it("the sentence around a span reaches back past 'e.g.' to its phrase", () => {
    const line = "The weights are trained on web data, e.g. LAION-400M. Results are on COCO.";
    const at = line.indexOf("LAION");
    const [a, b] = sentenceBounds(line, at, at + 10);
    expect(line.slice(a, b)).toBe("The weights are trained on web data, e.g. LAION-400M");
    expect(roleFromLine(line, at, at + 10).role).toBe("training");
  });

  it("a license sentence with 'e.g.' keeps its subject (the weights) in the licenses detector", () => {
    const text = "# Model\n\nOur checkpoints (e.g. 7B, 13B) are released under CC BY-NC 4.0.\n";
    const hits = detectLicenses({ texts: new Map([["README.md", text]]), weights: [] });
    expect(hits.map((h) => [h.spdx, h.scope])).toContainEqual(["CC-BY-NC-4.0", "weights"]);
  });
});
