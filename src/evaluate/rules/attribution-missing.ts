/** A CC BY-family dataset requires attribution; the repository never credits its license. */
import { allTextLower, docsUrl, useEvidence, weightRefs, type Rule, type RuleFinding } from "../rule.js";

const id = "attribution-missing";

export const rule: Rule = {
  meta: {
    id,
    description: "The training dataset's license requires attribution (CC BY family) and the repository never names that license or links it.",
    defaultSeverity: "info",
    docsUrl: docsUrl(id),
    fix: "Credit the dataset next to the weights: its name, creators, license and a link to it.",
  },
  check(ctx) {
    if (ctx.weights.length === 0) return [];
    const out: RuleFinding[] = [];
    for (const use of ctx.training) {
      if (use.withheld) continue;
      const ds = use.resolved.dataset;
      const spdx = ds.license.spdx ?? "";
      if (ds.terms.attribution !== "required" || !/^CC-BY/.test(spdx)) continue;
      const all = allTextLower(ctx);
      // Credited when the license (id, name or deed URL) or the dataset's source is named anywhere in the docs.
      const m = /^CC-BY(-NC)?(-SA|-ND)?-(\d\.\d)/.exec(spdx);
      const deed = m ? `creativecommons.org/licenses/by${(m[1] ?? "").toLowerCase()}${(m[2] ?? "").toLowerCase()}/${m[3]}` : "";
      const words = spdx.toLowerCase().replace(/-/g, " ");
      if (all.includes(spdx.toLowerCase()) || all.includes(words) || (deed && all.includes(deed)) || ds.sources.some((s) => all.includes(s.url.toLowerCase()))) continue;
      out.push({
        dataset: ds.id,
        origin: ds.id,
        confidence: "medium",
        message: `${ds.name} is licensed ${spdx}, which requires attribution; the repository does not name that license or link the dataset's terms.`,
        fix: `Add to the README: "Trained on ${ds.name}, licensed under ${spdx} (${ds.license.source})."`,
        evidence: useEvidence(use, ctx, 1),
        sources: [ds.license.source],
        weights: weightRefs(ctx, use),
      });
    }
    return out;
  },
};
