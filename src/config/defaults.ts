/**
 * The repository configuration's types, defaults and waiver helpers, without the parser: the scan and the rule
 * engine use these on every run, while the zod-based parser (`repo-config.ts`) loads only when a config exists.
 */
import type { Finding, Severity } from "../core/types.js";

/** `fail-on` threshold: the lowest severity that fails; `never` never fails. */
export type FailOn = "error" | "warning" | "info" | "never";

/** An accepted finding, as configured. */
export interface Waiver {
  /** Rule id the waiver applies to. */
  rule: string;
  /** Dataset id (or unknown name as written) it is limited to; null for every dataset. */
  dataset: string | null;
  /** Why the finding is accepted. Never empty. */
  reason: string;
  /** Last day it holds, `YYYY-MM-DD` (UTC); null when it never expires. */
  expires: string | null;
  /** Line of the waiver in the config file (1-based), for findings about the waiver itself. */
  line: number;
}

/** A dataset the repository declares in its config. */
export interface DeclaredDataset {
  /** As written: registry id, alias, HF id or an unknown name. */
  name: string;
  role: "training" | "evaluation";
  /** Line of the entry in the config file (1-based), used as the mention's evidence. */
  line: number;
}

/** The validated repository configuration (camelCase; every field filled in). */
export interface RepoConfig {
  /** false: the GitHub App skips this repository. */
  enabled: boolean;
  /** Check conclusion / CLI exit threshold. */
  failOn: FailOn;
  policy: {
    modelsInherit: "strict" | "warn" | "off";
    /** When no document states what trained the published weights, take the datasets the docs name outside evaluation as their training data (findings at most warnings). */
    inferTraining: boolean;
  };
  /** Extra weight-file globs (minimatch). */
  weights: { globs: string[] };
  /** Globs of paths never scanned. */
  ignore: string[];
  datasets: DeclaredDataset[];
  /** Per-rule severity overrides. */
  rules: Record<string, Severity | "off">;
  waivers: Waiver[];
  /** Registry ids of datasets whose derivatives this repository's dashboard tracks (de-duplicated, in file order). */
  steward: string[];
}

/** What an absent or empty config means. Frozen: copy before changing. */
export const DEFAULT_CONFIG: RepoConfig = deepFreeze({
  enabled: true,
  failOn: "error",
  policy: { modelsInherit: "strict", inferTraining: true },
  weights: { globs: [] },
  ignore: [],
  datasets: [],
  rules: {},
  waivers: [],
  steward: [],
});

/** One problem in the config file, located for an annotation or a terminal message. */
export interface ConfigError {
  message: string;
  /** 1-based line. */
  line: number;
  /** 1-based column. */
  column: number;
  /** The offending source line (without its line break). */
  text: string;
}

/** Where the GitHub App and the CLI look for the config. */
export const CONFIG_PATH = ".github/carryover.yml";

/** True when the waiver's last day (UTC) is before `today`. */
export function isWaiverExpired(waiver: Waiver, today: Date): boolean {
  if (waiver.expires === null) return false;
  return waiver.expires < today.toISOString().slice(0, 10);
}

/**
 * The first waiver that covers a finding (same rule, and same dataset or origin when the
 * waiver names one), or null. Expiry is the caller's decision: see {@link isWaiverExpired}.
 */
export function findWaiver(waivers: readonly Waiver[], finding: Pick<Finding, "rule" | "dataset" | "origin">): Waiver | null {
  return (
    waivers.find(
      (w) => w.rule === finding.rule && (w.dataset === null || w.dataset === finding.dataset || w.dataset === finding.origin),
    ) ?? null
  );
}

function deepFreeze<T>(o: T): T {
  if (o && typeof o === "object") {
    for (const v of Object.values(o)) deepFreeze(v);
    Object.freeze(o);
  }
  return o;
}
