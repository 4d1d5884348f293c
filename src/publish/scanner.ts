/**
 * The app's scanner: the shared pipeline (`scanSource`). The two config keys the app acts
 * on (`enabled`, `fail-on`) come back in the result (`result.config`): the pipeline reads
 * `.github/carryover.yml` in its one batched request, so the config costs no extra API call.
 *
 * Like `carryover scan`, a model card's `base_model` is followed on the Hugging Face Hub
 * (HF_ENDPOINT, HF_TOKEN): a base that cannot be read (offline, gated, gone) is a note on the
 * scan, never a failed check.
 */
import type { ScanOptions } from "../core/pipeline.js";
import type { ScanResult } from "../core/types.js";
import type { BaseModelResolver } from "../resolve/base-chain.js";
import { hubBaseModelCards } from "../sources/hub-base-models.js";
import type { Source } from "../sources/source.js";
import type { Scanner } from "./handlers.js";
import { setRuleMetas } from "./summary.js";

/** The pipeline entry point's shape (src/core/pipeline.ts). */
export type ScanSource = (source: Source, opts?: ScanOptions) => Promise<ScanResult>;

export interface ScannerOptions {
  /** The `base_model` resolver (default: the Hub's, from `env`); null follows no base model. */
  baseModelCards?: BaseModelResolver | null;
  env?: NodeJS.ProcessEnv;
}

/**
 * A Scanner over `scanSource`. An invalid config is not the app's business here: the
 * pipeline reports it as a `config-invalid` error finding and scans with the defaults, so
 * with the default `fail-on: error` the check fails, quoting the error at its line.
 */
export function pipelineScanner(scanSource?: ScanSource, opts: ScannerOptions = {}): Scanner {
  const baseModelCards = opts.baseModelCards === null ? undefined : (opts.baseModelCards ?? hubBaseModelCards(opts.env ?? process.env));
  return async (source) => {
    // Loaded on first use: the app module stays light, and tests that inject a scan do not load the registry.
    if (!scanSource) setRuleMetas((await import("../evaluate/index.js")).RULE_METAS);
    const scan = scanSource ?? (await import("../core/pipeline.js")).scanSource;
    const result = await scan(source, baseModelCards ? { baseModelCards } : {});
    return { result, enabled: result.config?.enabled ?? true, failOn: result.config?.failOn ?? "error" };
  };
}
