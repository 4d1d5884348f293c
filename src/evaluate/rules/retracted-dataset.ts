/** Training data that its creators retracted or took down (or that derives from such data). */
import { onlyViaComponent } from "../grade.js";
import { docsUrl, useEvidence, weightRefs, type Rule, type RuleFinding } from "../rule.js";

const id = "retracted-dataset";

export const rule: Rule = {
  meta: {
    id,
    description: "The weights were trained on a dataset that was retracted or taken down, or on a derivative of one.",
    defaultSeverity: "warning",
    docsUrl: docsUrl(id),
    fix: "Say in the README that the training data was retracted and why; consider retraining on a maintained replacement.",
  },
  check(ctx) {
    if (ctx.weights.length === 0) return [];
    const out: RuleFinding[] = [];
    for (const use of ctx.training) {
      if (use.withheld) continue;
      const st = use.resolved.worstStatus;
      if (st.state !== "retracted" && st.state !== "defunct") continue;
      const own = st.from === use.id;
      const origin = ctx.registry.get(st.from);
      const when = st.date ? (/^\d{4}-\d{2}-\d{2}$/.test(st.date) ? ` on ${st.date}` : ` in ${st.date}`) : "";
      const by = st.by ? ` by ${st.by}` : "";
      // A derivative (a subset, a cleaned or re-aligned version, a relabelling) carries the retracted data itself:
      // MS1MV2, DukeMTMC-reID and CIFAR are how retracted sets live on. Only a mixture that holds the retracted set
      // as one component (The Pile ⊃ Books3) is reported as context.
      const component = !own && onlyViaComponent(ctx, use.id, st.from);
      out.push({
        severity: component ? "info" : "warning",
        confidence: "high",
        dataset: use.id,
        origin: st.from,
        message:
          (own ? `${use.resolved.dataset.name} was ${st.state === "defunct" ? "taken down" : "retracted"}${by}${when}` : `${use.resolved.dataset.name} derives from ${origin?.name ?? st.from}, which was ${st.state === "defunct" ? "taken down" : "retracted"}${by}${when}`) +
          (st.statement ? `: "${st.statement}"` : "."),
        fix: `Note the ${st.state === "defunct" ? "takedown" : "retraction"} of ${origin?.name ?? st.from} next to the weights (${st.url ?? "see the registry entry"}), and prefer a maintained replacement${use.resolved.dataset.status.superseded_by ? ` (${use.resolved.dataset.status.superseded_by})` : ""} for future training.`,
        evidence: useEvidence(use, ctx),
        sources: [st.url].filter((s): s is string => !!s),
        weights: weightRefs(ctx, use),
      });
    }
    return out;
  },
};
