/**
 * The report formats, registered by hand (one file per format, each a pure
 * `(result, options) => string`). Add a format: write `src/report/<format>.ts`, list it
 * here, add its golden test in `test/report/`.
 */
import type { ScanResult } from "../core/types.js";
import { cyclonedx } from "./cyclonedx.js";
import { json } from "./json.js";
import { markdown } from "./markdown.js";
import { sarif } from "./sarif.js";
import { text } from "./text.js";
import type { ReportOptions, Reporter } from "./types.js";

export type { ReportOptions, Reporter, RuleMeta } from "./types.js";
export { shouldColor } from "./text.js";
export { DISCLAIMER, DEFAULT_MAX_LENGTH } from "./markdown.js";

/** Every format, by its `--format` name. */
export const FORMATS = { text, json, sarif, markdown, cyclonedx } as const satisfies Record<string, Reporter>;

/** A `--format` value. */
export type Format = keyof typeof FORMATS;

/** True when `name` is a known format (for CLI argument checking). */
export function isFormat(name: string): name is Format {
  return Object.prototype.hasOwnProperty.call(FORMATS, name);
}

/** Render `result` in `format`. */
export function render(format: Format, result: ScanResult, opts: ReportOptions = {}): string {
  const reporter: Reporter = FORMATS[format];
  return reporter(result, opts);
}
