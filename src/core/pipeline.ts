/**
 * The pipeline: Source → ScanResult. One listing, one batched read, then pure
 * stages: detect (weights, licenses, datasets, base models) → resolve (registry)
 * → evaluate (rules) → the typed result every reporter and publisher reads.
 */
import { minimatch } from "minimatch";
import { CONFIG_PATH, DEFAULT_CONFIG, type RepoConfig } from "../config/defaults.js";
import { MAX_FILE_BYTES, selectCandidates } from "../detect/candidates.js";
import { detectDatasets, scriptNameMentions } from "../detect/datasets.js";
import { detectLicenses, effectiveWeightsLicense } from "../detect/licenses.js";
import { licensedSubfolders, vendoredDirs } from "../detect/vendored.js";
import { detectWeights, weightCandidatePaths } from "../detect/weights.js";
import { RULE_IDS, evaluate, fingerprint } from "../evaluate/index.js";
import { cardBaseModels, DEFAULT_BASE_DEPTH, followBaseModels, type BaseModelResolver } from "../resolve/base-chain.js";
import { detectBaseModels, loadBaseModels } from "../resolve/base-models.js";
import { loadRegistry, type Registry } from "../resolve/registry.js";
import { detectKnownCheckpoints } from "../detect/known-checkpoints.js";
import { inferredTrainingUses, lineageOf, trainingUses } from "../resolve/training.js";
import type { Source } from "../sources/source.js";
import { decodeText } from "../sources/text.js";
import type { BaseModelLink, Finding, ScanNote, ScanResult } from "./types.js";

export const TOOL_VERSION = "0.1.0";

export interface ScanOptions {
  /** Use this config instead of reading `.github/carryover.yml` from the source. */
  config?: RepoConfig;
  registry?: Registry;
  /** YYYY-MM-DD; defaults to today (UTC). Waiver expiry is judged against it. */
  today?: string;
  /** Per-file read cap. */
  maxFileBytes?: number;
  /** With `config`: the file it was read from, named in evidence (e.g. the CLI's --config). */
  configPath?: string;
  /** `owner/name` of the scanned repository when the target does not say it (a local clone); names its owner to the rules. */
  repository?: string;
  /** Called as each stage ends, in order: the benchmark's timers (no cost when absent). */
  onStage?: (stage: Stage) => void;
  /**
   * Reads a base model's card by its Hub id, so that a model card's `base_model` is followed (resolve/base-chain.ts):
   * the base's license and declared training data then count for these weights. The CLI passes one built on the
   * Hugging Face source; absent, base models are only matched against rules/models/base-models.yml.
   */
  baseModelCards?: BaseModelResolver;
  /** Hops of `base_model` to follow (default {@link DEFAULT_BASE_DEPTH}); 0 follows none. */
  baseModelDepth?: number;
}

/** The pipeline's stages, in order. */
export const STAGES = ["list", "select", "read", "decode", "weights", "licenses", "datasets", "baseModels", "resolve", "evaluate"] as const;
export type Stage = (typeof STAGES)[number];

/** Scan one target. Never throws for bad content; throws only when the source itself cannot be listed. */
export async function scanSource(source: Source, opts: ScanOptions = {}): Promise<ScanResult> {
  const registry = opts.registry ?? loadRegistry();
  const today = opts.today ?? new Date().toISOString().slice(0, 10);
  const notes: ScanNote[] = [];

  const stage = opts.onStage ?? (() => {});
  const listing = await source.list();
  stage("list");
  for (const n of listing.notes) notes.push({ path: "", level: "warning", message: n });
  const { paths, skipped, oversize } = selectCandidates(listing.files);
  if (skipped > 0) notes.push({ path: "", level: "info", message: `${skipped} more candidate files were not read (cap reached)` });
  for (const p of oversize) notes.push({ path: p, level: "warning", message: "named like a license but larger than 5 MB: not read as a license text" });
  const wanted = [...new Set([...paths, ...weightCandidatePaths(listing.files)])];
  stage("select");
  const read = await source.readMany(wanted, opts.maxFileBytes ?? MAX_FILE_BYTES);
  stage("read");

  const texts = new Map<string, string>();
  for (const p of wanted) {
    const r = read.get(p);
    if (!r) continue;
    if ("error" in r) {
      if (r.error !== "not available") notes.push({ path: p, level: "warning", message: r.error });
      continue;
    }
    const d = decodeText(r.bytes);
    if (!d.ok) {
      if (d.reason === "binary" && /licen[cs]e|readme|copying/i.test(p)) notes.push({ path: p, level: "warning", message: d.note });
      continue;
    }
    if (d.note) notes.push({ path: p, level: "info", message: d.note });
    if (r.truncated) notes.push({ path: p, level: "info", message: `only the first ${opts.maxFileBytes ?? MAX_FILE_BYTES} bytes were read` });
    texts.set(p, d.text);
  }

  stage("decode");
  // Config: given, or read from the target. A broken config is a finding, and the scan goes on with defaults.
  const pre: Finding[] = [];
  let config: RepoConfig = opts.config ?? DEFAULT_CONFIG;
  const cfgPath = texts.has(CONFIG_PATH) ? CONFIG_PATH : texts.has(".github/carryover.yaml") ? ".github/carryover.yaml" : null;
  if (!opts.config && cfgPath) {
    // The raw bytes, so that invalid UTF-8 in the config is an error at its line rather than replacement characters.
    const raw = read.get(cfgPath);
    // The parser (and zod behind it) loads only for a repository that has a config.
    const { parseRepoConfig } = await import("../config/repo-config.js");
    const parsed = parseRepoConfig(raw && "bytes" in raw ? raw.bytes : texts.get(cfgPath)!, { knownRules: RULE_IDS, knownDatasets: registry.all().map((d) => d.id) });
    if (parsed.ok) config = parsed.config;
    else {
      for (const e of parsed.errors) {
        pre.push({
          rule: "config-invalid",
          severity: "error",
          dataset: null,
          origin: null,
          message: `${cfgPath}:${e.line}:${e.column}: ${e.message}`,
          fix: "Fix the configuration at this line (see docs/configuration.md); the scan used the default configuration.",
          evidence: [{ path: cfgPath, line: e.line, text: e.text }],
          sources: [],
          fingerprint: fingerprint(["config-invalid", e.message]),
          weights: [],
        });
      }
    }
  }
  if (cfgPath) texts.delete(cfgPath);

  const ignored = (p: string) => config.ignore.some((g) => minimatch(p, g, { dot: true }));
  const files = config.ignore.length ? listing.files.filter((f) => !ignored(f.path)) : listing.files;
  if (config.ignore.length) for (const p of [...texts.keys()]) if (ignored(p)) texts.delete(p);

  // Detect. Vendored projects (a copy of mmdetection3d or fast-reid inside the tree) publish their own upstream's
  // weights and name their own upstream's data: their docs and configs say nothing about this repository's weights.
  const vendored = vendoredDirs(files, texts);
  const own = vendored.length ? new Map([...texts].filter(([p]) => !vendored.some((d) => p.startsWith(d)))) : texts;
  const ownFiles = vendored.length ? files.filter((f) => !vendored.some((d) => f.path.startsWith(d))) : files;
  const weights = detectWeights({ files: ownFiles, texts: own, extraGlobs: config.weights.globs, ignore: config.ignore });
  stage("weights");
  const licenses = detectLicenses({ texts, weights });
  const weightsLicense = effectiveWeightsLicense(licenses);
  stage("licenses");
  const mentions = detectDatasets({ texts: own, weights, declared: config.datasets, configPath: cfgPath ?? CONFIG_PATH }, registry);
  mentions.push(...scriptNameMentions(ownFiles.filter((f) => f.type === "file").map((f) => f.path), registry, own));
  // Well-known checkpoints the weights start from (a torchvision ImageNet backbone, an OpenCLIP LAION-2B encoder).
  if (weights.length > 0) mentions.push(...detectKnownCheckpoints(own, (id) => registry.get(id) !== undefined, { foreignCodeDirs: licensedSubfolders(ownFiles) }));
  stage("datasets");
  const baseModels = detectBaseModels(texts);
  // A card's `base_model`, followed hop by hop when the caller can read the Hub: each base's license and
  // declared datasets count for these weights, with the hop in the evidence.
  let baseLinks: BaseModelLink[] | undefined;
  const direct = cardBaseModels(own);
  if (direct.length && opts.baseModelCards && (opts.baseModelDepth ?? DEFAULT_BASE_DEPTH) > 0) {
    const self = /^hf:([^@]+)/.exec(source.target)?.[1] ?? null;
    const followed = await followBaseModels(direct, {
      resolve: opts.baseModelCards,
      maxDepth: opts.baseModelDepth ?? DEFAULT_BASE_DEPTH,
      self,
      target: source.target,
      registry,
      models: loadBaseModels(),
    });
    baseLinks = followed.links;
    for (const u of followed.uses) if (!baseModels.some((b) => b.model.id === u.model.id)) baseModels.push(u);
    mentions.push(...followed.mentions);
    for (const l of followed.links) if (!l.followed && l.note && !/^depth limit|^already followed/.test(l.note)) notes.push({ path: l.evidence.path, level: "info", message: `base model ${l.id}: ${l.note}` });
  }
  stage("baseModels");

  // Resolve.
  let training = trainingUses(mentions, registry);
  // Published weights whose docs never say what trained them: what the docs name outside evaluation stands in,
  // reported as inferred (at most a warning) unless the policy turns inference off.
  if (training.length === 0 && weights.length > 0 && config.policy.inferTraining) training = inferredTrainingUses(mentions, registry);
  const lineage = lineageOf(mentions, registry);
  stage("resolve");

  // Evaluate.
  const configPath = opts.config ? (opts.configPath ?? CONFIG_PATH) : (cfgPath ?? CONFIG_PATH);
  const owner = opts.repository ? ownerOf(opts.repository, true) : ownerOf(source.target);
  const findings = evaluate({ weights, licenses, weightsLicense, training, mentions, baseModels, config, registry, texts, today, configPath, owner }, pre);
  stage("evaluate");

  return {
    schemaVersion: 1,
    tool: { name: "carryover", version: TOOL_VERSION },
    target: source.target,
    licenses,
    weights,
    datasets: mentions,
    findings,
    notes: listing.incomplete ? [{ path: "", level: "warning", message: "the listing is incomplete; results may miss files" }, ...notes] : notes,
    config: { path: opts.config ? null : cfgPath, failOn: config.failOn, enabled: config.enabled, ...(config.steward.length ? { steward: config.steward } : {}) },
    lineage,
    ...(baseLinks ? { baseModels: baseLinks } : {}),
  };
}

/** The owner in `github:owner/repo@ref` or `hf:owner/model` (or in a bare `owner/repo` given as --repo); null for a path. */
export function ownerOf(target: string, bare = false): string | null {
  const m = (bare ? /^([A-Za-z0-9_.-]+)\/[A-Za-z0-9_.-]+$/ : /^(?:github|hf):([A-Za-z0-9_.-]+)\/[A-Za-z0-9_.-]+(?:@.*)?$/).exec(target);
  return m ? m[1]! : null;
}

/** Moved to resolve/training.ts; re-exported for callers of the pipeline module. */
export { lineageOf, trainingUses };
