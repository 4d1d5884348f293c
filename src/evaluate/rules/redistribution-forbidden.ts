/** The dataset's terms forbid redistributing it or its derivatives and say nothing about models. */
import { docsUrl, useEvidence, weightRefs, type Rule, type RuleFinding } from "../rule.js";

const id = "redistribution-forbidden";

export const rule: Rule = {
  meta: {
    id,
    description: "Weights are published although the training dataset's terms forbid redistributing the data or its derivatives (and are silent on models).",
    defaultSeverity: "info",
    docsUrl: docsUrl(id),
    fix: "Check with the dataset's rights holders whether trained weights may be redistributed; say in the README what the terms allow.",
  },
  check(ctx) {
    if (ctx.weights.length === 0 || ctx.config.policy.modelsInherit === "off") return [];
    const out: RuleFinding[] = [];
    for (const use of ctx.training) {
      if (use.withheld) continue;
      // Terms that address models are handled by the carry-over rules.
      if (use.resolved.models.some((m) => m.says)) continue;
      // Only the dataset's own terms: an ancestor's redistribution clause binds that ancestor's files, which the
      // derivative's own distribution terms already answer.
      const r = use.resolved.restrictions.find((x) => x.clause === "no-redistribution" && x.from === use.id);
      if (!r) continue;
      out.push({
        dataset: use.resolved.dataset.id,
        origin: r.from,
        message: `${ctx.registry.get(r.from)?.name ?? r.from}'s terms forbid redistribution${r.quote ? `: "${r.quote}"` : ""}; they do not say whether trained weights count as a derivative.`,
        fix: `Confirm with the rights holders of ${ctx.registry.get(r.from)?.name ?? r.from} that the weights may be shared, and state it next to the download links.`,
        evidence: useEvidence(use, ctx),
        sources: [r.source],
        weights: weightRefs(ctx, use),
      });
    }
    return out;
  },
};
