/**
 * The rule contract (ESLint-style): a module per rule in `src/evaluate/rules/<id>.ts`
 * exporting `meta` and a pure `check(context)`. No I/O, no clock, no octokit
 * inside a rule: everything it may look at is in the context.
 */
import type { RepoConfig } from "../config/defaults.js";
import type { DatasetMention, Evidence, Finding, LicenseHit, Severity, WeightRef } from "../core/types.js";
import type { WeightsLicense } from "../detect/licenses.js";
import type { Registry, ResolvedDataset } from "../resolve/registry.js";
import type { BaseModelUse } from "../resolve/base-models.js";

export const DOCS_BASE = "https://github.com/carryover-dev/carryover/blob/main/docs/rules";

export interface RuleMeta {
  /** kebab-case, equal to the file name and to `finding.rule`. */
  id: string;
  description: string;
  defaultSeverity: Severity;
  /** Page in docs/rules/<id>.md. */
  docsUrl: string;
  /** The generic fix; findings carry a specific one. */
  fix: string;
}

/** A dataset the weights were trained on, with every mention that says so. */
export interface TrainingUse {
  id: string;
  resolved: ResolvedDataset;
  mentions: DatasetMention[];
  /** Not published: the repository says so ("could not provide … due to the Waymo license", "the models on X are not released"). */
  withheld: boolean;
  /**
   * No document says what trained the published weights, and this dataset is what the docs name outside evaluation
   * (`policy: { infer-training }`): its findings are at most warnings, with low confidence.
   */
  inferred?: boolean;
}

export interface RuleContext {
  weights: readonly WeightRef[];
  licenses: readonly LicenseHit[];
  weightsLicense: WeightsLicense;
  /** Training datasets the registry knows, one entry per registry id. */
  training: readonly TrainingUse[];
  /** Every mention, all roles, known and unknown. */
  mentions: readonly DatasetMention[];
  baseModels: readonly BaseModelUse[];
  config: RepoConfig;
  registry: Registry;
  texts: ReadonlyMap<string, string>;
  /** Today as YYYY-MM-DD (the engine passes it; rules never read the clock). */
  today: string;
  /**
   * GitHub or Hugging Face owner of the scanned repository (from `github:owner/…`, `hf:owner/…` or --repo), or null.
   * A dataset's own licensor (the registry's `publisher`) is not bound by a carry-over of its own terms.
   */
  owner: string | null;
  /** Where the config came from (`.github/carryover.yml`, `.github/carryover.yaml`, or a --config file), for evidence. */
  configPath: string;
}

/** What a rule returns: a finding without the parts the engine fills in. */
export type RuleFinding = Omit<Finding, "rule" | "fingerprint" | "severity"> & {
  severity?: Severity;
  /** Extra key for the fingerprint when one rule reports the same dataset twice for different subjects. */
  subject?: string;
};

export interface Rule {
  meta: RuleMeta;
  check(ctx: RuleContext): RuleFinding[];
}

export const docsUrl = (id: string): string => `${DOCS_BASE}/${id}.md`;

const allTextMemo = new WeakMap<ReadonlyMap<string, string>, string>();
/** Every text the scan read, joined and lower-cased: computed once per scan, for rules that search the whole repo. */
export function allTextLower(ctx: RuleContext): string {
  let t = allTextMemo.get(ctx.texts);
  if (t === undefined) {
    t = [...ctx.texts.values()].join("\n").toLowerCase();
    allTextMemo.set(ctx.texts, t);
  }
  return t;
}

/** True when the repository's owner speaks for the licensor of `datasetId` (registry `publisher.github` / `publisher.hf`). */
export function ownedByRepo(ctx: RuleContext, datasetId: string): boolean {
  if (!ctx.owner) return false;
  const p = ctx.registry.get(datasetId)?.publisher;
  if (!p) return false;
  const o = ctx.owner.toLowerCase();
  return [...p.github, ...p.hf].some((x) => x.toLowerCase() === o);
}

/** Evidence lines of a training use: the mentions, then the weights license basis. */
export function useEvidence(use: TrainingUse, ctx: RuleContext, max = 3): Evidence[] {
  const ev: Evidence[] = [];
  const seen = new Set<string>();
  const add = (e: Evidence) => {
    const k = `${e.path}:${e.line}`;
    if (!seen.has(k)) {
      seen.add(k);
      ev.push(e);
    }
  };
  // Prefer prose/table/front-matter mentions over configs and checkpoint names as the primary location.
  const order = ["front-matter", "declared", "table", "prose", "heading", "checkpoint", "config", "base-model"];
  const sorted = [...use.mentions].sort((a, b) => order.indexOf(a.via) - order.indexOf(b.via));
  for (const m of sorted.slice(0, max)) add(m.evidence);
  for (const h of ctx.weightsLicense.basis.slice(0, 2)) add(h.source);
  return ev;
}

/**
 * The weight refs a finding concerns: those on the same lines as the dataset's mentions (a model-zoo row), or
 * all of them, capped, when the repository does not tie weights to datasets.
 */
export function weightRefs(ctx: RuleContext, use?: TrainingUse, max = 10): string[] {
  if (use) {
    const lines = new Set(use.mentions.map((m) => `${m.evidence.path}:${m.evidence.line}`));
    const tied = ctx.weights.filter((w) => lines.has(`${w.evidence.path}:${w.evidence.line}`));
    if (tied.length) return tied.slice(0, max).map((w) => w.ref);
  }
  return ctx.weights.slice(0, max).map((w) => w.ref);
}

/** How the weights license is described in a message. */
export function describeWeightsLicense(ctx: RuleContext): string {
  const wl = ctx.weightsLicense;
  if (wl.basis.length === 0) return "no license";
  const name = wl.spdx ?? "a license with no SPDX id";
  const where = wl.basis[0]!.source.path;
  return wl.implicit ? `${name} (the repository license in ${where}; no weights-specific license)` : `${name} (${where})`;
}
