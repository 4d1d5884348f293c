/** Weights are published and the repository never says what they were trained on. */
import { docsUrl, weightRefs, type Rule } from "../rule.js";

const id = "training-data-undeclared";

export const rule: Rule = {
  meta: {
    id,
    description: "Weights are published but no training dataset is named anywhere carryover reads (README, model card, docs, configs, checkpoint names).",
    defaultSeverity: "info",
    docsUrl: docsUrl(id),
    fix: "Name the training data in the README or model card (`datasets:`), or declare it in .github/carryover.yml.",
  },
  check(ctx) {
    if (ctx.weights.length === 0) return [];
    if (ctx.mentions.some((m) => m.role === "training")) return [];
    const w = ctx.weights[0]!;
    return [
      {
        dataset: null,
        origin: null,
        confidence: "high",
        message: "The repository publishes weights but does not say what data they were trained on, so nobody can tell whether the data's terms carried over.",
        fix: "Add a 'Training data' section to the README or a `datasets:` list to the model card front matter; or declare the datasets under `datasets:` in .github/carryover.yml.",
        evidence: [w.evidence],
        sources: [],
        weights: weightRefs(ctx),
      },
    ];
  },
};
