/**
 * How sure a carry-over finding can be. Whether weights are "derived" from their
 * training data is legally unsettled, so severity follows how explicit the
 * dataset's terms are about trained models, and the policy can soften it:
 *
 * - the terms themselves restrict trained models (Cityscapes, Alpaca, InsightFace's MS1M sets) → error, high;
 * - a Creative Commons NC/ND/SA license, whose "Adapted Material" may cover a model → error (warning for
 *   share-alike), medium;
 * - custom terms silent on models (ImageNet) → warning, low;
 * - `models-inherit: warn` caps everything at warning; `off` keeps only terms that name models, as warnings.
 */
import type { Clause, Severity } from "../core/types.js";
import type { WeightsLicense } from "../detect/licenses.js";
import type { EffectiveRestriction, ModelsStatement, ResolvedDataset } from "../resolve/registry.js";
import { ownedByRepo, type RuleContext } from "./rule.js";

export interface Grade {
  severity: Severity;
  confidence: "high" | "medium" | "low";
  /** The restriction entry the grade rests on. */
  restriction: EffectiveRestriction;
  /** The models statement, when the terms name trained models. */
  models?: ModelsStatement;
  basis: "models-term" | "cc-license" | "silent-terms" | "component" | "own-licensor";
}

/**
 * True when `from` is reached from `id` only through a component edge: a mixture does not take on every
 * restriction of each part it contains as if all of its data came from that part.
 */
export function onlyViaComponent(ctx: RuleContext, id: string, from: string): boolean {
  if (id === from) return false;
  const seen = new Set<string>();
  const plain = (cur: string): boolean => {
    if (cur === from) return true;
    if (seen.has(cur)) return false;
    seen.add(cur);
    const d = ctx.registry.get(cur);
    return (d?.parents ?? []).some((p) => p.kind !== "component" && plain(p.id));
  };
  return !plain(id);
}

/** Which models-statement restrictions count as stating `clause` for trained models. */
const MODELS_MATCH: Record<Clause, string[]> = {
  "non-commercial": ["non-commercial", "research-only"],
  "research-only": ["research-only", "non-commercial"],
  "share-alike": ["same-license"],
  "no-derivatives": ["same-license", "non-commercial", "research-only"],
  "no-redistribution": [],
  "use-restrictions": [],
  attribution: [],
};

export function gradeCarryOver(resolved: ResolvedDataset, clauses: readonly Clause[], ctx: RuleContext): Grade | null {
  const all = resolved.restrictions.filter((r) => clauses.includes(r.clause));
  // A licensor releasing models of its own dataset is not bound by its own terms (NVIDIA's FFHQ models, say): that is
  // context for its users (info), not a dropped restriction.
  const candidates = all.filter((r) => !ownedByRepo(ctx, r.from));
  if (candidates.length === 0 && all.length > 0) {
    return ctx.config.policy.modelsInherit === "off" ? null : { severity: "info", confidence: "high", restriction: all[0]!, basis: "own-licensor" };
  }
  // Prefer a restriction that reaches the dataset through a plain (non-component) lineage edge.
  const restriction = candidates.find((r) => !onlyViaComponent(ctx, resolved.dataset.id, r.from)) ?? candidates[0];
  if (!restriction) return null;
  if (onlyViaComponent(ctx, resolved.dataset.id, restriction.from)) {
    return ctx.config.policy.modelsInherit === "off" ? null : { severity: "info", confidence: "low", restriction, basis: "component" };
  }
  const models = resolved.models.find((m) => m.says && MODELS_MATCH[restriction.clause].includes(m.restriction));
  const originLicense = ctx.registry.get(restriction.from)?.license.spdx ?? "";
  const cc = /^CC-BY-/.test(originLicense);
  let g: Grade;
  if (models) g = { severity: "error", confidence: "high", restriction, models, basis: "models-term" };
  else if (cc) g = { severity: restriction.clause === "share-alike" ? "warning" : "error", confidence: "medium", restriction, basis: "cc-license" };
  else g = { severity: "warning", confidence: "low", restriction, basis: "silent-terms" };
  const policy = ctx.config.policy.modelsInherit;
  if (policy === "warn" && g.severity === "error") g = { ...g, severity: "warning" };
  if (policy === "off") {
    if (g.basis !== "models-term") return null;
    g = { ...g, severity: "warning" };
  }
  return g;
}

/** Does the weights license carry `clause` (research-only carries non-commercial and vice versa)? */
export function carries(wl: WeightsLicense, clause: Clause): boolean {
  // A notice that binds the weights to the upstream data and model licenses carries every restriction by reference.
  if (wl.defersUpstream) return true;
  if (wl.clauses.includes(clause)) return true;
  if (clause === "non-commercial" || clause === "research-only") return wl.clauses.includes("non-commercial") || wl.clauses.includes("research-only");
  return false;
}

/** One sentence quoting the term and where it comes from. */
export function termSentence(g: Grade, ctx: RuleContext): string {
  const origin = ctx.registry.get(g.restriction.from);
  const name = origin?.name ?? g.restriction.from;
  if (g.basis === "own-licensor") {
    const by = origin?.publisher?.name ?? "its licensor";
    return `${name} is licensed by ${by}, who publishes this repository, so its terms do not bind these weights; users of the weights may still want to know them${g.restriction.quote ? ` ("${g.restriction.quote}")` : ""}`;
  }
  if (g.models?.quote) return `${ctx.registry.get(g.models.from)?.name ?? g.models.from}'s terms say: "${g.models.quote}"`;
  if (g.restriction.quote) return `${name}'s terms say: "${g.restriction.quote}"`;
  return `${name}'s terms restrict it (${g.restriction.clause})`;
}

export function sourcesOf(g: Grade): string[] {
  return [...new Set([g.models?.source, g.restriction.source].filter((s): s is string => !!s))];
}
