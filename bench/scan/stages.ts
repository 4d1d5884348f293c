/**
 * The pipeline's stages run one by one with a timer around each, for the scan benchmark's profile. It calls the
 * same exported functions in the same order as `scanSource` (src/core/pipeline.ts) with the default config; the
 * benchmark checks that it returns the same findings as `scanSource`, so a drift in the pipeline shows up as a
 * warning instead of a silently wrong profile.
 */
import { DEFAULT_CONFIG } from "../../src/config/repo-config.js";
import { trainingUses } from "../../src/core/pipeline.js";
import { MAX_FILE_BYTES, selectCandidates } from "../../src/detect/candidates.js";
import { detectDatasets } from "../../src/detect/datasets.js";
import { detectLicenses, effectiveWeightsLicense } from "../../src/detect/licenses.js";
import { detectWeights, weightCandidatePaths } from "../../src/detect/weights.js";
import type { Finding } from "../../src/core/types.js";
import { evaluate } from "../../src/evaluate/index.js";
import { detectBaseModels } from "../../src/resolve/base-models.js";
import type { Registry } from "../../src/resolve/registry.js";
import type { Source } from "../../src/sources/source.js";
import { decodeText } from "../../src/sources/text.js";

/** Stage names in pipeline order. */
export const STAGES = ["list", "select", "read", "decode", "weights", "licenses", "datasets", "baseModels", "resolve", "evaluate"] as const;
export type Stage = (typeof STAGES)[number];

/** Run the pipeline's stages on `source`, adding each stage's milliseconds to `acc`; returns the findings. */
export async function stagedScan(source: Source, registry: Registry, today: string, acc: Record<Stage, number>): Promise<Finding[]> {
  let t = performance.now();
  const lap = (s: Stage) => {
    const now = performance.now();
    acc[s] += now - t;
    t = now;
  };
  const listing = await source.list();
  lap("list");
  const { paths } = selectCandidates(listing.files);
  const wanted = [...new Set([...paths, ...weightCandidatePaths(listing.files)])];
  lap("select");
  const read = await source.readMany(wanted, MAX_FILE_BYTES);
  lap("read");
  const texts = new Map<string, string>();
  for (const p of wanted) {
    const r = read.get(p);
    if (!r || "error" in r) continue;
    const d = decodeText(r.bytes);
    if (d.ok) texts.set(p, d.text);
  }
  lap("decode");
  const config = DEFAULT_CONFIG;
  const weights = detectWeights({ files: listing.files, texts, extraGlobs: config.weights.globs, ignore: config.ignore });
  lap("weights");
  const licenses = detectLicenses({ texts, weights });
  const weightsLicense = effectiveWeightsLicense(licenses);
  lap("licenses");
  const mentions = detectDatasets({ texts, weights, declared: config.datasets, configPath: ".github/carryover.yml" }, registry);
  lap("datasets");
  const baseModels = detectBaseModels(texts);
  lap("baseModels");
  const training = trainingUses(mentions, registry);
  lap("resolve");
  const findings = evaluate({ weights, licenses, weightsLicense, training, mentions, baseModels, config, registry, texts, today });
  lap("evaluate");
  return findings;
}

export const emptyStages = (): Record<Stage, number> => Object.fromEntries(STAGES.map((s) => [s, 0])) as Record<Stage, number>;
