/** A dataset version its maintainers replaced (ImageNet-21k fall11 → winter21). */
import { docsUrl, useEvidence, weightRefs, type Rule, type RuleFinding } from "../rule.js";

const id = "deprecated-dataset-version";

export const rule: Rule = {
  meta: {
    id,
    description: "The weights were trained on a dataset version that its maintainers deprecated in favour of a newer one.",
    defaultSeverity: "warning",
    docsUrl: docsUrl(id),
    fix: "Name the deprecated version in the README and retrain on the version that replaces it.",
  },
  check(ctx) {
    if (ctx.weights.length === 0) return [];
    const out: RuleFinding[] = [];
    for (const use of ctx.training) {
      if (use.withheld) continue;
      const st = use.resolved.statuses.find((s) => s.state === "deprecated");
      if (!st) continue;
      const next = st.superseded_by ? ctx.registry.get(st.superseded_by) : undefined;
      out.push({
        dataset: use.id,
        origin: st.from,
        confidence: "high",
        message: `${ctx.registry.get(st.from)?.name ?? st.from} is deprecated${st.by ? ` by ${st.by}` : ""}${st.date ? ` (${st.date})` : ""}${next ? `; it was replaced by ${next.name}` : ""}${st.statement ? `: "${st.statement}"` : "."}`,
        fix: next ? `Retrain on ${next.name} (${next.id}) and say which version the published weights used.` : "Say which version the published weights used and why.",
        evidence: useEvidence(use, ctx),
        sources: [st.url].filter((s): s is string => !!s),
        weights: weightRefs(ctx, use),
      });
    }
    return out;
  },
};
