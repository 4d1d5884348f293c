/**
 * Creative Commons references in their short forms: the notice ("This work is licensed under a
 * Creative Commons Attribution-NonCommercial 4.0 International License"), the deed URL
 * (creativecommons.org/licenses/by-nc/4.0/), shields.io badges and "CC BY-NC-SA 4.0".
 */
import type { Clause } from "../../core/types.js";
import { ccId } from "./expression.js";

/** One CC reference found on a line. */
export interface CcReference {
  /** SPDX id, or null when the version is not stated ("licensed under CC-BY-NC"). */
  spdx: string | null;
  clauses: Clause[];
  line: number;
  text: string;
}

const ELEMENT = String.raw`(?:by|nc|sa|nd)`;
/** creativecommons.org/licenses/by-nc-sa/4.0 and publicdomain/zero/1.0. */
const URL_FORM = new RegExp(String.raw`creativecommons\.org/(?:licenses/(${ELEMENT}(?:-${ELEMENT}){0,2})(?:/(\d\.\d))?|publicdomain/(zero)/1\.0)`, "gi");
/** "Creative Commons Attribution-NonCommercial-ShareAlike 4.0 International", with "License"/"Public License". */
const NAME_FORM = /creative\s+commons\s+((?:attribution|non-?commercial|share-?alike|no-?deriv(?:ative)?s)(?:[\s-]+(?:attribution|non-?commercial|share-?alike|no-?deriv(?:ative)?s))*)(?:\s+(?:v(?:ersion)?\s*)?(\d\.\d))?/gi;
/** "CC BY-NC-SA 4.0", "CC-BY-NC 4.0", "cc by 4.0", badges "License-CC%20BY--NC--SA%204.0". */
const SHORT_FORM = /\bcc[\s_-]+(by(?:[\s_-]+(?:nc|sa|nd)){0,2})(?:[\s_-]+v?(\d\.\d))?\b/gi;
const CC0_FORM = /\bcc0\b|creative\s+commons\s+zero|\bcc[\s-]+zero\b/i;

function pushRef(out: CcReference[], elements: string[], version: string | undefined, line: number, text: string): void {
  const { spdx, clauses } = ccId(elements, version);
  out.push({ spdx, clauses, line, text });
}

/** Every CC reference in the text, in line order (at most one per form per line). */
export function findCcReferences(lines: readonly string[], maxLines = 5000): CcReference[] {
  const out: CcReference[] = [];
  for (let i = 0; i < lines.length && i < maxLines; i++) {
    const raw = lines[i] ?? "";
    if (!/creative|cc[\s_%-]|cc0/i.test(raw)) continue;
    // Badges: shields.io escapes "-" as "--" and spaces as %20 or "_".
    const line = raw.replace(/%20/g, " ").replace(/--/g, "-");
    const before = out.length;
    for (const m of line.matchAll(URL_FORM)) {
      if (m[3]) out.push({ spdx: "CC0-1.0", clauses: [], line: i + 1, text: raw.trim() });
      else pushRef(out, (m[1] ?? "").split("-"), m[2], i + 1, raw.trim());
    }
    if (out.length === before) {
      for (const m of line.matchAll(NAME_FORM)) pushRef(out, (m[1] ?? "").split(/[\s-]+/), m[2], i + 1, raw.trim());
    }
    if (out.length === before) {
      for (const m of line.matchAll(SHORT_FORM)) pushRef(out, (m[1] ?? "").split(/[\s_-]+/), m[2], i + 1, raw.trim());
    }
    if (out.length === before && CC0_FORM.test(line)) out.push({ spdx: "CC0-1.0", clauses: [], line: i + 1, text: raw.trim() });
  }
  // A version-less mention right next to a versioned one of the same elements is the same license.
  return out.filter((r) => r.spdx !== null || !out.some((o) => o.spdx !== null && Math.abs(o.line - r.line) <= 3 && o.clauses.join() === r.clauses.join()));
}
