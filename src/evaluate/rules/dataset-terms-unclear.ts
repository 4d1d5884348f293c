/** Training data whose terms grant nothing clear (ShareGPT, scraped sets with no license) behind weights licensed for any use. */
import { describeWeightsLicense, docsUrl, useEvidence, weightRefs, type Rule, type RuleFinding } from "../rule.js";

const id = "dataset-terms-unclear";

export const rule: Rule = {
  meta: {
    id,
    description: "Weights are trained on data whose terms are unclear (no documented grant from the rights holders), yet ship under a license that allows any use.",
    defaultSeverity: "info",
    docsUrl: docsUrl(id),
    fix: "Say in the README that the training data has no clear license and what that means for users, or restrict the weights' license.",
  },
  check(ctx) {
    if (ctx.weights.length === 0 || ctx.config.policy.modelsInherit === "off") return [];
    const wl = ctx.weightsLicense;
    // A notice deferring to "the original licenses" does not help when the data has none.
    if (wl.basis.length === 0) return [];
    if (wl.clauses.includes("non-commercial") || wl.clauses.includes("research-only")) return [];
    const out: RuleFinding[] = [];
    for (const use of ctx.training) {
      if (use.withheld) continue;
      const ds = use.resolved.dataset;
      // Only the dataset's own terms: clear restrictions are other rules' business, and an unclear ancestor
      // behind a dataset with its own clear license is that license's problem.
      if (ds.terms.commercial !== "unclear") continue;
      if (use.resolved.restrictions.some((r) => r.clause === "non-commercial" || r.clause === "research-only")) continue;
      out.push({
        dataset: ds.id,
        origin: ds.id,
        confidence: "medium",
        message: `${ds.name}'s terms do not clearly allow commercial use${ds.terms.note ? ` (${ds.terms.note})` : ""}; the weights trained on it ship under ${describeWeightsLicense(ctx)}, which does.`,
        fix: `State in the README that ${ds.name} has no clear license grant (${ds.license.source}) and that users must assess it themselves, or license the weights for research use.`,
        evidence: useEvidence(use, ctx),
        sources: [ds.license.source],
        weights: weightRefs(ctx, use),
      });
    }
    return out;
  },
};
