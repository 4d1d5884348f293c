/** A dataset (or base model) restricted to non-commercial or research use; the weights license allows commercial use. */
import { carries, gradeCarryOver, sourcesOf, termSentence } from "../grade.js";
import { describeBaseUse } from "../../resolve/base-models.js";
import { describeWeightsLicense, docsUrl, useEvidence, weightRefs, type Rule, type RuleFinding } from "../rule.js";

const id = "noncommercial-not-carried-over";

export const rule: Rule = {
  meta: {
    id,
    description: "Weights trained on non-commercial or research-only data (or fine-tuned from such a model) ship under a license that allows commercial use.",
    defaultSeverity: "error",
    docsUrl: docsUrl(id),
    fix: "License the weights for non-commercial use (e.g. CC-BY-NC-4.0, or a model license with a non-commercial clause), or state the dataset's restriction next to the weights.",
  },
  check(ctx) {
    if (ctx.weights.length === 0) return [];
    const wl = ctx.weightsLicense;
    if (wl.basis.length === 0) return []; // weights-unlicensed reports this case
    const out: RuleFinding[] = [];
    for (const use of ctx.training) {
      if (use.withheld) continue;
      const g = gradeCarryOver(use.resolved, ["non-commercial", "research-only"], ctx);
      if (!g || carries(wl, g.restriction.clause)) continue;
      const ds = use.resolved.dataset;
      const kind = g.restriction.clause === "research-only" ? "research-only" : "non-commercial";
      out.push({
        severity: g.severity,
        confidence: g.confidence,
        dataset: ds.id,
        origin: g.restriction.from,
        message:
          `Weights trained on ${ds.name} ship under ${describeWeightsLicense(ctx)}, which allows commercial use; ` +
          `${termSentence(g, ctx)} (${kind}).` +
          (g.basis === "silent-terms" ? " The terms do not mention trained models; whether they bind the weights is legally unsettled." : ""),
        fix:
          `Ship the weights under a non-commercial license (e.g. CC-BY-NC-4.0) or add a weights notice: "The pretrained weights were trained on ${ds.name} and are for ${kind} use only, per its terms (${sourcesOf(g)[0] ?? "see the dataset's terms"})." ` +
          `If you hold a commercial license for ${ds.name}, waive this finding in .github/carryover.yml with the reason.`,
        evidence: useEvidence(use, ctx),
        sources: sourcesOf(g),
        weights: weightRefs(ctx, use),
      });
    }
    for (const b of ctx.baseModels) {
      const nc = b.model.clauses.filter((c) => c === "non-commercial" || c === "research-only");
      if (nc.length === 0 || nc.some((c) => carries(wl, c))) continue;
      out.push({
        severity: ctx.config.policy.modelsInherit === "strict" ? "error" : "warning",
        confidence: "medium",
        dataset: null,
        origin: b.model.id,
        subject: `base:${b.model.id}`,
        message: `These weights derive from ${describeBaseUse(b)}, released under ${b.model.license}: "${b.model.quote}"; they ship under ${describeWeightsLicense(ctx)}, which allows commercial use.`,
        fix: `Carry the base model's license: state that use of these weights is bound by ${b.model.name}'s ${b.model.license} terms (${b.model.source}) and license them for non-commercial research only.`,
        evidence: [b.evidence, ...(b.licenseEvidence ? [b.licenseEvidence] : []), ...ctx.weightsLicense.basis.slice(0, 1).map((h) => h.source)],
        sources: [b.model.source],
        weights: weightRefs(ctx),
      });
    }
    return out;
  },
};
