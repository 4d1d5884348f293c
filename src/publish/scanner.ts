/**
 * The app's scanner: the shared pipeline (`scanSource`), plus the two config keys the
 * app acts on (`enabled`, `fail-on`), read from the same batched request the pipeline
 * makes: the source is wrapped so the bytes of `.github/carryover.yml` are kept when
 * the pipeline reads them. No extra API request for the config.
 */
import { CONFIG_PATH, DEFAULT_CONFIG, parseRepoConfig } from "../config/repo-config.js";
import type { ScanResult } from "../core/types.js";
import type { Listing, ReadResult, Source } from "../sources/source.js";
import type { Scanner } from "./handlers.js";
import { setRuleMetas } from "./summary.js";

/** A Source that passes everything through and remembers what was read at {@link CONFIG_PATH}. */
export class ConfigTap implements Source {
  /** The config file's bytes, if the pipeline read it. */
  configBytes: Uint8Array | null = null;
  constructor(private readonly inner: Source) {}

  get target(): string {
    return this.inner.target;
  }

  list(): Promise<Listing> {
    return this.inner.list();
  }

  async readMany(paths: readonly string[], maxBytes: number): Promise<Map<string, ReadResult>> {
    const out = await this.inner.readMany(paths, maxBytes);
    // The pipeline also accepts the .yaml spelling, after .yml.
    for (const p of [".github/carryover.yaml", CONFIG_PATH]) {
      const cfg = out.get(p);
      if (cfg && "bytes" in cfg) this.configBytes = cfg.bytes;
    }
    return out;
  }
}

/** The pipeline entry point's shape (src/core/pipeline.ts). */
export type ScanSource = (source: Source) => Promise<ScanResult>;

/**
 * A Scanner over `scanSource`. An invalid config is not the app's business here: the
 * pipeline reports it as a `config-invalid` error finding, and with the default
 * `fail-on: error` that fails the check, quoting the error at its line.
 */
export function pipelineScanner(scanSource?: ScanSource): Scanner {
  return async (source) => {
    const tap = new ConfigTap(source);
    // Loaded on first use: the app module stays light, and tests that inject a scan do not load the registry.
    if (!scanSource) setRuleMetas((await import("../evaluate/index.js")).RULE_METAS);
    const scan = scanSource ?? (await import("../core/pipeline.js")).scanSource;
    const result = await scan(tap);
    // A config the pipeline rejected means defaults, as in the pipeline itself.
    const invalid = result.findings.some((f) => f.rule === "config-invalid");
    const parsed = tap.configBytes && !invalid ? parseRepoConfig(tap.configBytes) : null;
    const config = parsed?.ok ? parsed.config : DEFAULT_CONFIG;
    return { result, enabled: config.enabled, failOn: config.failOn };
  };
}
