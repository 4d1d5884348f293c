/**
 * The rule table (explicit, sorted, checked by a conformance test) and the
 * engine that runs it: per-rule severity from the config, waivers (an expired
 * waiver is itself a finding), fingerprints.
 */
import { createHash } from "node:crypto";
import { findWaiver, isWaiverExpired, type RepoConfig } from "../config/defaults.js";
import type { DatasetMention, Finding, Severity } from "../core/types.js";
import type { Rule, RuleContext, RuleMeta } from "./rule.js";
import { rule as apiOutputTerms } from "./rules/api-output-terms.js";
import { rule as attributionMissing } from "./rules/attribution-missing.js";
import { rule as configInvalid } from "./rules/config-invalid.js";
import { rule as datasetTermsUnclear } from "./rules/dataset-terms-unclear.js";
import { rule as deprecatedDatasetVersion } from "./rules/deprecated-dataset-version.js";
import { rule as licenseConflict } from "./rules/license-conflict.js";
import { rule as noDerivatives } from "./rules/no-derivatives.js";
import { rule as noncommercialNotCarriedOver } from "./rules/noncommercial-not-carried-over.js";
import { rule as redistributionForbidden } from "./rules/redistribution-forbidden.js";
import { rule as retractedDataset } from "./rules/retracted-dataset.js";
import { rule as shareAlikeNotCarriedOver } from "./rules/share-alike-not-carried-over.js";
import { rule as trainingDataUndeclared } from "./rules/training-data-undeclared.js";
import { rule as unknownDataset } from "./rules/unknown-dataset.js";
import { rule as useRestrictionsNotCarriedOver } from "./rules/use-restrictions-not-carried-over.js";
import { rule as waiverExpired } from "./rules/waiver-expired.js";
import { rule as weightsUnlicensed } from "./rules/weights-unlicensed.js";

export const RULES: readonly Rule[] = [
  apiOutputTerms,
  attributionMissing,
  configInvalid,
  datasetTermsUnclear,
  deprecatedDatasetVersion,
  licenseConflict,
  noDerivatives,
  noncommercialNotCarriedOver,
  redistributionForbidden,
  retractedDataset,
  shareAlikeNotCarriedOver,
  trainingDataUndeclared,
  unknownDataset,
  useRestrictionsNotCarriedOver,
  waiverExpired,
  weightsUnlicensed,
];

export const RULE_IDS: readonly string[] = RULES.map((r) => r.meta.id);
export const RULE_METAS: readonly RuleMeta[] = RULES.map((r) => r.meta);

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Stable across runs and line moves: rule, dataset, origin and subject, not the line. */
export function fingerprint(parts: readonly (string | null | undefined)[]): string {
  return createHash("sha256").update(parts.map((p) => p ?? "").join("\u0000")).digest("hex").slice(0, 16);
}

/** Run every rule; apply the config's severities and waivers. `pre` are engine findings (config errors). */
export function evaluate(ctx: RuleContext, pre: Finding[] = []): Finding[] {
  const config: RepoConfig = ctx.config;
  const out: Finding[] = [...pre];
  const inferred = new Map(ctx.training.filter((u) => u.inferred).map((u) => [u.id, u] as const));
  // Datasets known only from a well-known checkpoint the weights start from: the finding names it and its source.
  const viaCheckpoint = new Map<string, NonNullable<DatasetMention["checkpoint"]>>();
  for (const u of ctx.training) {
    const cps = u.mentions.filter((m) => m.checkpoint);
    if (cps.length && cps.length === u.mentions.length) viaCheckpoint.set(u.id, cps[0]!.checkpoint!);
  }
  for (const rule of RULES) {
    const level = config.rules[rule.meta.id];
    if (level === "off") continue;
    for (const raw of rule.check(ctx)) {
      const cp = raw.dataset ? viaCheckpoint.get(raw.dataset) : undefined;
      const f = cp
        ? {
            ...raw,
            message: `${raw.message} (Known from the checkpoint the weights start from: ${cp.name}; its publisher says what trained it at ${cp.source}.)`,
            sources: [...new Set([...raw.sources, cp.source])],
          }
        : raw;
      const { subject, ...rest } = f;
      const severity = level ?? f.severity ?? rule.meta.defaultSeverity;
      // The repository never says this dataset trained its weights: the finding says so, and is at most a warning.
      const use = f.dataset ? inferred.get(f.dataset) : undefined;
      const where = use?.mentions[0]!.evidence;
      out.push({
        ...rest,
        ...(use && where
          ? {
              severity: level ?? (severity === "error" ? "warning" : severity),
              confidence: "low" as const,
              message: `${rest.message} (Inferred: no document says what trained the published weights; ${use.resolved.dataset.name} is the data the docs name outside evaluation, at ${where.path}:${where.line}.)`,
              fix: `If ${use.resolved.dataset.name} did not train the published weights, declare what did under \`datasets:\` in .github/carryover.yml (or name it in the README). Otherwise: ${rest.fix}`,
            }
          : { severity }),
        rule: rule.meta.id,
        fingerprint: fingerprint([rule.meta.id, f.dataset, f.origin, subject ?? f.evidence[0]?.path]),
      });
    }
  }
  // Waivers: a live waiver drops the finding; an expired one keeps it and adds a finding about the waiver.
  const today = new Date(`${ctx.today}T00:00:00Z`);
  const kept: Finding[] = [];
  const expiredReported = new Set<number>();
  for (const f of out) {
    const w = f.rule === "config-invalid" || f.rule === "waiver-expired" ? null : findWaiver(config.waivers, f);
    if (!w) {
      kept.push(f);
      continue;
    }
    if (!isWaiverExpired(w, today)) continue;
    kept.push(f);
    if (!expiredReported.has(w.line) && config.rules["waiver-expired"] !== "off") {
      expiredReported.add(w.line);
      kept.push({
        rule: "waiver-expired",
        severity: (config.rules["waiver-expired"]) ?? waiverExpired.meta.defaultSeverity,
        dataset: w.dataset,
        origin: null,
        message: `The waiver for ${w.rule}${w.dataset ? ` (${w.dataset})` : ""} expired on ${w.expires}; its finding is reported again. Reason given: "${w.reason}".`,
        fix: "Renew the waiver with a new expiry date and reason, or fix the finding it covered.",
        evidence: [{ path: ctx.configPath, line: w.line, text: `- rule: ${w.rule}` }],
        sources: [],
        fingerprint: fingerprint(["waiver-expired", w.rule, w.dataset, w.expires]),
        weights: [],
      });
    }
  }
  kept.sort(
    (a, b) =>
      SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
      a.rule.localeCompare(b.rule) ||
      (a.dataset ?? "").localeCompare(b.dataset ?? "") ||
      (a.evidence[0]?.path ?? "").localeCompare(b.evidence[0]?.path ?? ""),
  );
  return kept;
}
