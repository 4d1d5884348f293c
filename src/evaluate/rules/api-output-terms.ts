/** Training data generated with a model API whose terms bar using its output to build competing models. */
import { docsUrl, useEvidence, weightRefs, type Rule, type RuleFinding } from "../rule.js";

const id = "api-output-terms";

export const rule: Rule = {
  meta: {
    id,
    description: "The weights were trained on data generated with a model API whose terms bar using its output to develop competing models.",
    defaultSeverity: "info",
    docsUrl: docsUrl(id),
    fix: "Tell users that the training data was generated under the provider's terms and what those terms say about models trained on it.",
  },
  check(ctx) {
    if (ctx.weights.length === 0) return [];
    const out: RuleFinding[] = [];
    for (const use of ctx.training) {
      if (use.withheld) continue;
      const m = use.resolved.models.find((x) => x.restriction === "no-competing-models");
      if (!m) continue;
      const from = ctx.registry.get(m.from);
      out.push({
        dataset: use.id,
        origin: m.from,
        confidence: "low",
        message:
          `${use.resolved.dataset.name}${m.from !== use.id ? ` (via ${from?.name ?? m.from})` : ""} was generated with a model API whose terms say${m.quote ? `: "${m.quote}"` : " its output may not be used to develop competing models"}. ` +
          "The clause binds whoever generated the data; whether it reaches models trained on it is unsettled.",
        fix: `Disclose in the README that ${use.resolved.dataset.name} was generated under the provider's terms (${m.source ?? "see the registry entry"}) and that users must check whether their use competes with the provider.`,
        evidence: useEvidence(use, ctx, 2),
        sources: [m.source].filter((s): s is string => !!s),
        weights: weightRefs(ctx, use),
      });
    }
    return out;
  },
};
