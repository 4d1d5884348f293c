/** Training data that the registry does not know: its terms could not be checked. */
import { docsUrl, weightRefs, type Rule, type RuleFinding } from "../rule.js";

const id = "unknown-dataset";

export const rule: Rule = {
  meta: {
    id,
    description: "A training dataset is named that carryover's registry does not know, so its terms were not checked.",
    defaultSeverity: "info",
    docsUrl: docsUrl(id),
    fix: "Check the dataset's terms by hand, or propose a registry entry (rules/datasets/<id>.yml) with its sources.",
  },
  check(ctx) {
    if (ctx.weights.length === 0) return [];
    const out: RuleFinding[] = [];
    const seen = new Set<string>();
    for (const m of ctx.mentions) {
      if (m.id !== null || m.role !== "training") continue;
      const key = m.name.toLowerCase();
      if (seen.has(key)) continue;
      seen.add(key);
      const near = ctx.registry.lookup(m.name).candidates.slice(0, 3);
      out.push({
        dataset: m.name,
        origin: null,
        confidence: "high",
        message: `"${m.name}" is named as training data but is not in carryover's registry; its terms were not checked.` + (near.length ? ` Did you mean ${near.join(", ")}?` : ""),
        fix: `Check ${m.name}'s license and terms for trained models by hand${near.length ? ` (or name it as ${near[0]} if that is what it is)` : ""}, or add rules/datasets/<id>.yml with its sources.`,
        evidence: [m.evidence],
        sources: [],
        weights: weightRefs(ctx),
      });
    }
    return out;
  },
};
