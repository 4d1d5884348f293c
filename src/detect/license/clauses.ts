/**
 * The clause set of an SPDX license id: what the license asks of whoever uses or passes on the
 * licensed work, in carryover's restriction vocabulary (`Clause`).
 *
 * Choices (documented because the evaluator compares these sets with dataset terms):
 * - Copyleft counts as **share-alike**. GPL/AGPL/LGPL/MPL/EPL/EUPL/CDDL/OSL/CeCILL/ODbL/OFL…
 *   require that what you distribute be under the same license: the same reciprocity CC BY-SA
 *   asks for. Weak copyleft (LGPL, MPL, EPL) is scoped to files or the library, but it is still
 *   "same license" reciprocity, so it carries the clause too; compatibility *between* share-alike
 *   licenses (CC BY-SA vs GPL) is the evaluator's question, not this table's.
 * - Permissive licenses that require keeping the copyright/license notice (MIT, BSD, Apache,
 *   ISC, Zlib…) carry **attribution** (notice preservation).
 * - Public-domain dedications and licenses with no conditions carry nothing.
 * - Everything not listed is assumed to be a notice-preserving permissive license
 *   (attribution). The build script's review (prose scan of every SPDX text) found the
 *   restrictive ones below; a license absent from both lists and the patterns is permissive.
 */
import type { Clause } from "../../core/types.js";
import { CLAUSES } from "../../core/types.js";

/** No conditions at all: public-domain dedications and their equivalents. */
const NO_CONDITIONS = new Set([
  "CC0-1.0", "Unlicense", "0BSD", "WTFPL", "MIT-0", "PDDL-1.0", "CC-PDDC", "SAX-PD", "SAX-PD-2.0", "blessing",
  "libselinux-1.0", "NIST-PD", "NIST-PD-fallback", "NIST-Software", "PD-DSDP", "Unicode-DFS-2015", "Unicode-DFS-2016",
  "UnixCrypt", "diffmark", "ISC-Veillard", "Boehm-GC-without-fee", "MIT-Festival", "Beerware", "FSFAP", "FSFAP-no-warranty-disclaimer",
  "Knuth-CTAN", "LPD-document", "hdparm", "xlock", "Sendmail-Open-Source-1.1", "CC-PDM-1.0", "ODC-PDDL-1.0",
  "BSD-Source-beginning-file", "Xdebug-1.03", "TermReadKey", "Zeeff", "SGI-OpenGL", "Pixar",
]);

/** Copyleft (strong and weak): share-alike + attribution. Prefix match on the id. */
const COPYLEFT_PREFIXES = [
  "GPL-", "AGPL-", "LGPL-", "LGPLLR", "GFDL-", "MPL-", "EPL-", "EUPL-", "CDDL-", "CPL-", "OSL-", "CECILL-1", "CECILL-2.0",
  "CECILL-2.1", "CECILL-C", "SSPL-", "RPL-", "RPSL-", "APSL-", "MS-RL", "NPL-", "NPOSL-", "ODbL-", "OFL-", "CDLA-Sharing-",
  "copyleft-next-", "Parity-", "CERN-OHL-S-", "CERN-OHL-W-", "CERN-OHL-1.", "TAPR-OHL-", "LiLiQ-R", "QPL-", "Sleepycat",
  "IPL-", "SPL-", "Motosoto", "CPAL-", "EPICS", "eCos-", "wxWindows", "OGL-UK-", "GPL-CC-", "Nokia", "Interbase-1.0", "Watcom-1.0",
  "OSET-PL-", "RSCPL", "SimPL-", "YPL-", "OCLC-2.0", "CUA-OPL-1.0", "Ruby", "ErlPL-", "Vim", "DL-DE-BY-2.0", "LAL-", "EUDatagrid",
];

/** Licenses whose text states restrictions beyond notices (found by reviewing the prose scan). */
const RESTRICTIVE: Record<string, Clause[]> = {
  "PolyForm-Noncommercial-1.0.0": ["non-commercial", "attribution"],
  "NCGL-UK-2.0": ["non-commercial", "attribution"],
  // Aladdin Free Public License: no commercial distribution (from the text's "commercial distribution" terms).
  "Aladdin": ["non-commercial", "share-alike", "attribution"],
  // Peer Production License: CC BY-NC-SA derived, commercial use only by worker-owned entities.
  "PPL": ["non-commercial", "share-alike", "attribution"],
  "CC-SA-1.0": ["share-alike"],
  // Behavioural or field-of-use limits: not NC, but the use is restricted.
  "PolyForm-Small-Business-1.0.0": ["use-restrictions", "attribution"],
  "Hippocratic-2.1": ["use-restrictions", "attribution"],
  "JSON": ["use-restrictions", "attribution"],
  "Elastic-2.0": ["use-restrictions", "attribution"],
  "BUSL-1.1": ["use-restrictions", "attribution"],
  "SUL-1.0": ["use-restrictions", "attribution"],
  "FSL-1.1-MIT": ["use-restrictions", "attribution"],
  "FSL-1.1-ALv2": ["use-restrictions", "attribution"],
  "MS-LPL": ["use-restrictions", "attribution"],
  "UnRAR": ["use-restrictions", "attribution"],
  "CAL-1.0": ["share-alike", "attribution"],
  "CAL-1.0-Combined-Work-Exception": ["share-alike", "attribution"],
};

const sortClauses = (c: Iterable<Clause>): Clause[] => {
  const set = new Set(c);
  return CLAUSES.filter((x) => set.has(x));
};

/** Creative Commons ids: the elements spell out the clauses (BY, NC, ND, SA). */
function creativeCommons(id: string): Clause[] | undefined {
  const m = /^CC-(BY(?:-NC)?(?:-ND|-SA)?)-\d/.exec(id);
  if (!m) return undefined;
  const parts = (m[1] ?? "").split("-");
  const out: Clause[] = ["attribution"];
  if (parts.includes("NC")) out.push("non-commercial");
  if (parts.includes("ND")) out.push("no-derivatives");
  if (parts.includes("SA")) out.push("share-alike");
  return sortClauses(out);
}

/**
 * Clauses of one SPDX license id (no expression operators). Unknown ids and LicenseRefs not
 * in the AI-license table get [] here; callers that know a LicenseRef pass it to the AI table first.
 */
export function spdxIdClauses(id: string): Clause[] {
  const bare = id.replace(/\+$/, "");
  const listed = RESTRICTIVE[bare];
  if (listed) return sortClauses(listed);
  const cc = creativeCommons(bare);
  if (cc) return cc;
  if (NO_CONDITIONS.has(bare)) return [];
  if (COPYLEFT_PREFIXES.some((p) => bare.startsWith(p))) return ["share-alike", "attribution"];
  return ["attribution"];
}

export { sortClauses };
