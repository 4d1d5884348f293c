/** The repository publishes weights and states no license for them or for the repository. */
import { docsUrl, type Rule } from "../rule.js";

const id = "weights-unlicensed";

export const rule: Rule = {
  meta: {
    id,
    description: "Weights are published with no license at all: nobody may lawfully reuse them, and no dataset restriction is carried.",
    defaultSeverity: "warning",
    docsUrl: docsUrl(id),
    fix: "Add a LICENSE (or a model card `license:`) that covers the weights and carries the training data's restrictions.",
  },
  check(ctx) {
    if (ctx.weights.length === 0 || ctx.weightsLicense.basis.length > 0) return [];
    const codeOnly = ctx.weightsLicense.codeOnly;
    // A license file that was present but not identified still counts as a license statement, unless the
    // repository says its license covers the code only.
    if (!codeOnly && ctx.licenses.some((h) => h.scope === "repository" || h.scope === "weights")) return [];
    const restricted = ctx.training.filter((u) => u.resolved.restrictions.some((r) => r.clause === "non-commercial" || r.clause === "research-only"));
    const w = ctx.weights[0]!;
    return [
      {
        dataset: null,
        origin: null,
        confidence: "high",
        message:
          (codeOnly
            ? `The repository publishes weights (${w.ref}) and says its license covers the code only (${codeOnly.source.path}:${codeOnly.source.line}); no license is stated for the weights.`
            : `The repository publishes weights (${w.ref}) but states no license for them or for the repository.`) +
          (restricted.length ? ` They were trained on ${restricted.map((u) => u.resolved.dataset.name).join(", ")}, whose terms restrict use; nothing tells users.` : ""),
        fix: restricted.length
          ? `Add a LICENSE for the weights that carries ${restricted.map((u) => u.resolved.dataset.name).join(", ")}'s restrictions, e.g. CC-BY-NC-4.0.`
          : "Add a LICENSE file (or a model card `license:`) that covers the weights.",
        evidence: codeOnly ? [codeOnly.source, w.evidence] : [w.evidence],
        sources: restricted.flatMap((u) => u.resolved.restrictions.slice(0, 1).map((r) => r.source)),
        weights: ctx.weights.slice(0, 10).map((x) => x.ref),
      },
    ];
  },
};
