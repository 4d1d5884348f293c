/** A base model under a use-restricted license (RAIL, Llama, Gemma); its obligations are not carried to the weights. */
import { describeBaseUse } from "../../resolve/base-models.js";
import { allTextLower, docsUrl, describeWeightsLicense, weightRefs, type Rule, type RuleFinding } from "../rule.js";

const id = "use-restrictions-not-carried-over";

export const rule: Rule = {
  meta: {
    id,
    description: "Weights derived from a model under a use-restricted license (OpenRAIL, Llama, Gemma) do not carry its use restrictions or attribution duties.",
    defaultSeverity: "error",
    docsUrl: docsUrl(id),
    fix: "Ship the base model's license (or one that includes its use restrictions) with the weights, and meet its attribution duties.",
  },
  check(ctx) {
    if (ctx.weights.length === 0 && ctx.baseModels.every((b) => b.via !== "base_model")) return [];
    const out: RuleFinding[] = [];
    const wl = ctx.weightsLicense;
    for (const b of ctx.baseModels) {
      if (!b.model.clauses.includes("use-restrictions")) continue;
      const missing: string[] = [];
      if (!wl.clauses.includes("use-restrictions") && !wl.defersUpstream) missing.push(`its use restrictions (the weights ship under ${describeWeightsLicense(ctx)})`);
      // Notices the base's license asks derivatives to show (Llama 3's "Built with Llama"), as data in base-models.yml.
      if (b.model.notices?.length) {
        const allText = allTextLower(ctx);
        for (const n of b.model.notices) if (!new RegExp(n.pattern, "m").test(allText)) missing.push(n.name);
      }
      if (missing.length === 0) continue;
      out.push({
        dataset: null,
        origin: b.model.id,
        subject: `base:${b.model.id}`,
        confidence: "high",
        message: `These weights derive from ${describeBaseUse(b)} under ${b.model.license}, which requires derivatives to carry ${missing.join(" and ")}: "${b.model.quote}"`,
        fix: `Include ${b.model.license} (${b.model.source}) with the weights and add ${missing.join(" and ")}.`,
        evidence: [b.evidence, ...(b.licenseEvidence ? [b.licenseEvidence] : []), ...wl.basis.slice(0, 1).map((h) => h.source)],
        sources: [b.model.source],
        weights: weightRefs(ctx),
      });
    }
    return out;
  },
};
