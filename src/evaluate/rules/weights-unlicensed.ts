/**
 * The repository publishes weights and states no license for them or for the repository. No license is the most
 * common way a dataset's restriction is dropped, so each restricted training dataset gets its own finding (which
 * restriction was dropped, quoted with its source); a repository with no restricted training data gets one finding.
 */
import type { Clause } from "../../core/types.js";
import { gradeCarryOver, sourcesOf, termSentence, type Grade } from "../grade.js";
import { docsUrl, useEvidence, weightRefs, type Rule, type RuleContext, type RuleFinding, type TrainingUse } from "../rule.js";

const id = "weights-unlicensed";

/** The restriction groups a license would have to carry, most severe first. */
const GROUPS: readonly Clause[][] = [["non-commercial", "research-only"], ["no-derivatives"], ["share-alike"]];

const LICENSE_FOR: Record<string, string> = {
  "non-commercial": "CC-BY-NC-4.0 (or a model license with a non-commercial clause)",
  "research-only": "a research-only model license, or CC-BY-NC-4.0 with a research-use notice",
  "no-derivatives": "no license can: the dataset's terms forbid sharing adapted material, so say why the weights are not that, or withdraw them",
  "share-alike": "the dataset's own share-alike license (e.g. CC-BY-NC-SA-4.0)",
};

/** The dropped restrictions of one training use that a component-only lineage does not soften to info. */
function dropped(use: TrainingUse, ctx: RuleContext): Grade[] {
  const out: Grade[] = [];
  for (const g of GROUPS) {
    const grade = gradeCarryOver(use.resolved, g, ctx);
    if (grade && grade.severity !== "info") out.push(grade);
  }
  return out;
}

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
    const w = ctx.weights[0]!;
    const none = codeOnly
      ? `The repository publishes weights (${w.ref}) and says its license covers the code only (${codeOnly.source.path}:${codeOnly.source.line}); no license is stated for the weights`
      : `The repository publishes weights (${w.ref}) but states no license for them or for the repository`;
    const out: RuleFinding[] = [];
    for (const use of ctx.training) {
      if (use.withheld) continue;
      const grades = dropped(use, ctx);
      if (grades.length === 0) continue;
      const ds = use.resolved.dataset;
      const clauses = [...new Set(grades.map((g) => g.restriction.clause))];
      const first = grades[0]!;
      out.push({
        severity: grades.some((g) => g.severity === "error") ? "error" : "warning",
        confidence: first.confidence,
        dataset: ds.id,
        origin: first.restriction.from,
        subject: "unlicensed",
        message: `${none}. They were trained on ${ds.name}: ${termSentence(first, ctx)} (${clauses.join(", ")}). With no license the weights carry none of it, and nothing tells users.`,
        fix: `Add a license for the weights that carries ${ds.name}'s ${clauses.join(" and ")} terms: ${clauses.map((c) => LICENSE_FOR[c]).join("; ")}. Quote the terms next to the weights: ${sourcesOf(first)[0] ?? "see the dataset's terms"}.`,
        evidence: [...useEvidence(use, ctx), ...(codeOnly ? [codeOnly.source] : [])],
        sources: [...new Set(grades.flatMap(sourcesOf))],
        weights: weightRefs(ctx, use),
      });
    }
    if (out.length > 0) return out;
    return [
      {
        dataset: null,
        origin: null,
        confidence: "high",
        message: `${none}.`,
        fix: "Add a LICENSE file (or a model card `license:`) that covers the weights.",
        evidence: codeOnly ? [codeOnly.source, w.evidence] : [w.evidence],
        sources: [],
        weights: ctx.weights.slice(0, 10).map((x) => x.ref),
      },
    ];
  },
};
