/**
 * What reporters need besides the scan result. `RuleMeta` is the plain shape reporters
 * read; the evaluate module's `RuleMeta` (src/evaluate/rule.ts) satisfies it, so its
 * rule list can be passed as is.
 */
import type { ScanResult, Severity } from "../core/types.js";

/** Rule metadata as shown in reports (SARIF `tool.driver.rules`, Markdown rule links). */
export interface RuleMeta {
  /** kebab-case id, equal to `finding.rule`. */
  id: string;
  /** One sentence: what the rule checks. */
  description: string;
  defaultSeverity: Severity;
  /** The rule's documentation page. */
  docsUrl: string;
  /** The generic fix; each finding carries its own specific one. */
  fix?: string;
}

/** Options every reporter accepts; each uses the ones that apply to it. */
export interface ReportOptions {
  /** ANSI colour in the text report. The caller decides (NO_COLOR, TTY): see `shouldColor`. */
  color?: boolean;
  /** Metadata of every rule that ran, for SARIF rule descriptors and Markdown links. */
  rules?: readonly RuleMeta[];
  /** Markdown: hard limit on the output length in characters (default 65,000; GitHub's check-run summary limit is 65,535). */
  maxLength?: number;
  /** Overrides `result.tool.version` in SARIF and Markdown. */
  toolVersion?: string;
  /**
   * Markdown: prefix for evidence links, e.g. `https://github.com/o/r/blob/<sha>/`. Without it
   * links are relative (`README.md#L12`), which resolve in issues and README previews.
   */
  linkBase?: string;
  /** CycloneDX: `metadata.timestamp`. Omitted without it, so the same scan gives the same BOM. */
  timestamp?: Date;
  /** CycloneDX: `serialNumber`, a lowercase `urn:uuid:…` (a fresh one per generated BOM). Omitted without it. */
  serialNumber?: string;
}

/** A reporter: one format, pure, `(result, options) → string`. */
export type Reporter = (result: ScanResult, opts: ReportOptions) => string;
