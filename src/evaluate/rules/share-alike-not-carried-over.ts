/** A share-alike dataset (CC BY-SA, CC BY-NC-SA); the weights are not under the same or a compatible license. */
import { carries, gradeCarryOver, sourcesOf, termSentence } from "../grade.js";
import { describeWeightsLicense, docsUrl, useEvidence, weightRefs, type Rule, type RuleFinding } from "../rule.js";

const id = "share-alike-not-carried-over";

export const rule: Rule = {
  meta: {
    id,
    description: "Weights trained on share-alike data ship under a license without the same share-alike terms.",
    defaultSeverity: "warning",
    docsUrl: docsUrl(id),
    fix: "License the weights under the dataset's share-alike license (or a compatible one), or document why the weights are not an adaptation of the data.",
  },
  check(ctx) {
    if (ctx.weights.length === 0 || ctx.weightsLicense.basis.length === 0) return [];
    const out: RuleFinding[] = [];
    for (const use of ctx.training) {
      if (use.withheld) continue;
      const g = gradeCarryOver(use.resolved, ["share-alike"], ctx);
      if (!g || carries(ctx.weightsLicense, "share-alike")) continue;
      const origin = ctx.registry.get(g.restriction.from);
      const lic = origin?.license.spdx ?? origin?.license.ref ?? "its license";
      out.push({
        severity: g.severity,
        confidence: "medium",
        dataset: use.resolved.dataset.id,
        origin: g.restriction.from,
        message: `${use.resolved.dataset.name} is share-alike (${lic}); the weights trained on it ship under ${describeWeightsLicense(ctx)}, which does not carry the share-alike condition. ${termSentence(g, ctx)}. Whether weights are an adaptation of their training data is legally unsettled.`,
        fix: `If the weights are an adaptation of ${origin?.name ?? g.restriction.from}, release them under ${lic} (or a license its terms declare compatible); otherwise say in the README why they are not.`,
        evidence: useEvidence(use, ctx),
        sources: sourcesOf(g),
        weights: weightRefs(ctx, use),
      });
    }
    return out;
  },
};
