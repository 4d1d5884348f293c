/** A no-derivatives dataset (CC BY-ND, CC BY-NC-ND) whose trained weights are published. */
import { gradeCarryOver, sourcesOf, termSentence } from "../grade.js";
import { docsUrl, useEvidence, weightRefs, type Rule, type RuleFinding } from "../rule.js";

const id = "no-derivatives";

export const rule: Rule = {
  meta: {
    id,
    description: "Weights trained on a no-derivatives dataset are published: the terms forbid sharing adapted material.",
    defaultSeverity: "error",
    docsUrl: docsUrl(id),
    fix: "Do not publish the weights, obtain permission from the dataset's rights holders, or retrain without the no-derivatives data.",
  },
  check(ctx) {
    if (ctx.weights.length === 0) return [];
    const out: RuleFinding[] = [];
    for (const use of ctx.training) {
      if (use.withheld) continue;
      const g = gradeCarryOver(use.resolved, ["no-derivatives"], ctx);
      if (!g) continue;
      out.push({
        severity: g.severity,
        confidence: g.confidence,
        dataset: use.resolved.dataset.id,
        origin: g.restriction.from,
        message: `Weights trained on ${use.resolved.dataset.name} are published, but its terms forbid sharing derivatives: ${termSentence(g, ctx)}. Whether weights are a derivative of their training data is legally unsettled.`,
        fix: `Remove the published weights trained on ${use.resolved.dataset.name}, get permission from its rights holders, or retrain without it.`,
        evidence: useEvidence(use, ctx),
        sources: sourcesOf(g),
        weights: weightRefs(ctx, use),
      });
    }
    return out;
  },
};
