/**
 * Build-time computation of the SPDX license index (run by scripts/build-license-index.ts and
 * checked by the tests). Never imported by the scan path: it loads all ~700 SPDX texts.
 */
import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { parse as parseYaml } from "yaml";
import { z } from "zod";
import { CLAUSES } from "../../core/types.js";
import { bigramSet, exactKey, NORMALIZER_VERSION, normalizeTokens, tokenizeLine } from "./normalize.js";
import type { AiLicense, FastIndex } from "./data.js";

const require = createRequire(import.meta.url);

/** Where the committed indexes live (same relative path from src/ and lib/). */
export const FAST_URL = new URL("../../../rules/licenses/index-fast.json", import.meta.url);
export const INDEX_URL = new URL("../../../rules/licenses/spdx-bigrams.json", import.meta.url);
/** The bigram sets themselves: concatenated little-endian uint32 arrays, sliced by INDEX_URL's offsets. */
export const BIN_URL = new URL("../../../rules/licenses/spdx-bigrams.bin", import.meta.url);
const AI_DIR = new URL("../../../rules/licenses/", import.meta.url);

/** Schema of one `rules/licenses/<id>.yml` (AI/model licenses SPDX lacks). */
export const AiLicenseSchema = z.strictObject({
  id: z.string().regex(/^LicenseRef-[A-Za-z0-9.-]+$/, "an SPDX LicenseRef idstring"),
  name: z.string().min(1),
  hf_ids: z.array(z.string()),
  aliases: z.array(z.string()),
  urls: z.array(z.url()).min(1),
  verified: z.string().min(1),
  clauses: z.array(z.enum(CLAUSES as [string, ...string[]])),
  title: z.string().min(1),
  markers: z.array(z.string().min(3)).min(1),
});

/** Load and validate every AI-license YAML (build time). */
export function loadAiLicenses(): AiLicense[] {
  const out: AiLicense[] = [];
  for (const f of readdirSync(AI_DIR).filter((f) => f.endsWith(".yml") && f.startsWith("LicenseRef-")).sort()) {
    const data = AiLicenseSchema.parse(parseYaml(readFileSync(new URL(f, AI_DIR), "utf8")));
    if (`${data.id}.yml` !== f) throw new Error(`${f}: id ${data.id} does not match the file name`);
    new RegExp(data.title, "i"); // throws on a bad pattern at build time rather than at scan time
    out.push({
      id: data.id,
      name: data.name,
      hfIds: data.hf_ids,
      aliases: data.aliases,
      url: data.urls[0] as string,
      clauses: data.clauses as AiLicense["clauses"],
      title: data.title,
      markers: data.markers.map((m) => tokenizeLine(m).join(" ")),
    });
  }
  return out;
}
/** The documented equivalence table (texts two or more SPDX ids share after normalisation). */
export const EQUIV_URL = new URL("../../../rules/licenses/equivalences.yml", import.meta.url);

/** One indexed license (one per equivalence class). */
export interface IndexedLicense {
  id: string;
  name: string;
  /** Normalised token count. */
  n: number;
  /** Offset (in uint32 units) of its sorted unique bigram hashes in spdx-bigrams.bin. */
  o: number;
  /** How many hashes. */
  c: number;
}

/** The serialised index. */
export interface LicenseIndex {
  normalizerVersion: number;
  spdxLicenseListVersion: string;
  /** exactKey(normalised tokens) → representative id. */
  licenses: IndexedLicense[];
}

type Full = Record<string, { name: string; licenseText: string; osiApproved: boolean }>;

/** Ids SPDX deprecated: the list still carries their texts, identical to the current id's. */
export function deprecatedIds(): Set<string> {
  const dep = require("spdx-license-ids/deprecated.json") as string[];
  return new Set(dep);
}

/**
 * Which id of a group of textually identical licenses we report: a current id over a
 * deprecated one, "-only" over "-or-later" (the text alone never grants "or any later
 * version"; that choice lives in the notice, so we claim the narrower one), then the shortest id.
 */
export function pickRepresentative(ids: string[], deprecated: Set<string>): string {
  const score = (id: string): number[] => [
    deprecated.has(id) || id.endsWith("+") ? 1 : 0,
    id.endsWith("-or-later") ? 1 : 0,
    id.length,
  ];
  return [...ids].sort((a, b) => {
    const sa = score(a);
    const sb = score(b);
    for (let i = 0; i < sa.length; i++) if (sa[i] !== sb[i]) return (sa[i] ?? 0) - (sb[i] ?? 0);
    return a < b ? -1 : 1;
  })[0] as string;
}

/**
 * Deprecated SPDX ids whose text differs from every current id's, mapped to what SPDX says
 * replaced them (from the SPDX deprecation notes, as remembered; the "-with-*-exception" ids
 * became "<license> WITH <exception>" expressions).
 */
export const DEPRECATED_SUCCESSOR: Record<string, string> = {
  // "+" ids carry a slightly different copy of the same text: like the "-or-later" ids, the text
  // alone cannot say "or any later version", so they report as "-only" (see pickRepresentative).
  "GPL-1.0+": "GPL-1.0-only",
  "GPL-2.0+": "GPL-2.0-only",
  "LGPL-2.0+": "LGPL-2.0-only",
  "LGPL-2.1+": "LGPL-2.1-only",
  "GPL-3.0+": "GPL-3.0-only",
  "LGPL-3.0+": "LGPL-3.0-only",
  "GPL-2.0-with-GCC-exception": "GPL-2.0-or-later WITH GCC-exception-2.0",
  "GPL-2.0-with-autoconf-exception": "GPL-2.0-or-later WITH Autoconf-exception-2.0",
  "GPL-2.0-with-bison-exception": "GPL-2.0-or-later WITH Bison-exception-2.2",
  "GPL-2.0-with-classpath-exception": "GPL-2.0-only WITH Classpath-exception-2.0",
  "GPL-2.0-with-font-exception": "GPL-2.0-only WITH Font-exception-2.0",
  "GPL-3.0-with-GCC-exception": "GPL-3.0-or-later WITH GCC-exception-3.1",
  "GPL-3.0-with-autoconf-exception": "GPL-3.0-or-later WITH Autoconf-exception-3.0",
  "BSD-2-Clause-FreeBSD": "BSD-2-Clause-Views",
  "BSD-2-Clause-NetBSD": "BSD-2-Clause",
  "bzip2-1.0.5": "bzip2-1.0.6",
  "eCos-2.0": "GPL-2.0-or-later WITH eCos-exception-2.0",
  "wxWindows": "LGPL-2.0-or-later WITH WxWindows-exception-3.1",
  Nunit: "zlib-acknowledgement",
};

/** Compute the index and the equivalence document from the installed spdx-license-list. */
export function computeIndex(): { index: LicenseIndex; indexJson: string; indexBin: Buffer; fastJson: string; equivYaml: string } {
  const full = require("spdx-license-list/full") as Full;
  const version = (require("spdx-license-list/package.json") as { version: string }).version;
  const deprecated = deprecatedIds();
  const groups = new Map<string, { ids: string[]; tokens: string[] }>();
  for (const id of Object.keys(full).sort()) {
    const tokens = normalizeTokens(full[id]?.licenseText ?? "");
    const key = exactKey(tokens);
    const g = groups.get(key);
    if (g) g.ids.push(id);
    else groups.set(key, { ids: [id], tokens });
  }
  const exact: Record<string, string> = {};
  const equivalent: Record<string, string> = {};
  const licenses: (IndexedLicense & { hashes: Uint32Array })[] = [];
  const equivGroups = new Map<string, string[]>();
  const deprecatedMapped = new Set<string>();
  for (const [key, g] of groups) {
    const rep = pickRepresentative(g.ids, deprecated);
    exact[key] = rep;
    if (g.ids.length > 1) {
      for (const id of g.ids) if (id !== rep) equivalent[id] = rep;
      equivGroups.set(rep, [...(equivGroups.get(rep) ?? []), ...g.ids.filter((i) => i !== rep)]);
    }
    const hashes = Uint32Array.from(bigramSet(g.tokens)).sort();
    licenses.push({ id: rep, name: full[rep]?.name ?? rep, n: g.tokens.length, o: 0, c: hashes.length, hashes });
  }
  licenses.sort((a, b) => (a.id < b.id ? -1 : 1));
  for (const [dep, succ] of Object.entries(DEPRECATED_SUCCESSOR)) {
    // Only ids that report as themselves: one that shares a current id's text is already mapped.
    if (!full[dep] || !licenses.some((l) => l.id === dep)) continue;
    // Deprecated ids whose text is their own: report the successor SPDX names.
    for (const [k, v] of Object.entries(exact)) if (v === dep) exact[k] = succ;
    for (const l of licenses) if (l.id === dep) l.id = succ;
    equivalent[dep] = succ;
    equivGroups.set(succ, [...(equivGroups.get(succ) ?? []), dep]);
    deprecatedMapped.add(dep);
  }
  // One binary blob: JSON.parse of base64 strings cost ~20 ms per process, a Uint32Array view costs nothing.
  const total = licenses.reduce((n, l) => n + l.c, 0);
  const bin = Buffer.alloc(total * 4);
  let at = 0;
  for (const l of licenses) {
    l.o = at;
    for (const h of l.hashes) bin.writeUInt32LE(h, 4 * at++);
  }
  const index: LicenseIndex = {
    normalizerVersion: NORMALIZER_VERSION,
    spdxLicenseListVersion: version,
    licenses: licenses.map(({ id, name, n, o, c }) => ({ id, name, n, o, c })),
  };
  const names: Record<string, string> = {};
  for (const l of licenses) names[l.id] = l.name;
  const fast: FastIndex = { normalizerVersion: NORMALIZER_VERSION, spdxLicenseListVersion: version, exact, equivalent, names, ai: loadAiLicenses() };
  const equivYaml = [
    "# Generated by scripts/build-license-index.ts: do not edit by hand.",
    "# SPDX ids whose license texts (spdx-license-list " + version + ") are identical after normalisation,",
    "# so no text matcher can tell them apart. Each key is the id carryover reports; the list holds the",
    "# ids it stands for. Choice: a current id over a deprecated one, -only over -or-later (the",
    "# \"or any later version\" grant lives in a file's notice, not in the license text), then the shortest.",
    "# Ids marked in the comment are deprecated SPDX ids with a text of their own, mapped to their successor.",
    ...[...equivGroups.entries()]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([rep, ids]) => {
        const dep = ids.filter((i) => deprecatedMapped.has(i));
        return `"${rep}": [${[...ids].sort().map((i) => `"${i}"`).join(", ")}]${dep.length ? `  # deprecated: ${dep.join(", ")}` : ""}`;
      }),
    "",
  ].join("\n");
  return { index, indexJson: JSON.stringify(index) + "\n", indexBin: bin, fastJson: JSON.stringify(fast, null, 1) + "\n", equivYaml };
}
