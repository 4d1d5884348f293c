/**
 * The dataset registry in memory: `rules/datasets/*.yml` loaded once, validated, indexed by every
 * name a dataset goes by, with lineage resolution (inherited terms and worst status) and one
 * precompiled matcher for finding names in text.
 */
import { createHash, randomInt } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve as resolvePath } from "node:path";
import type { Clause } from "../core/types.js";
import { AhoCorasick, normaliseLine, patternCodes, type AutomatonData } from "./matcher.js";
import { dirPath, listEntryFiles, readEntry, type LintProblem } from "./load.js";
import { editDistance, isAlnumCode, normCaseKey, normKey, stripReference } from "./normalize.js";
import type { Dataset } from "./schema.js";

export type { LintProblem, LintKind } from "./load.js";
export { lintRegistry } from "./lint.js";
export type { Dataset } from "./schema.js";

/** One occurrence of a dataset name in a line. `index`/`end` are UTF-16 offsets into the line, end exclusive. */
export interface AliasHit {
  id: string;
  /** The text as written, `line.slice(index, end)`. */
  text: string;
  index: number;
  end: number;
  /** Which kind of name matched: an alias, an HF dataset id, a checkpoint token, or the registry id. */
  kind: "alias" | "hf" | "checkpoint" | "id";
  /** The alias is ambiguous (`match.context_only`): it counts only where the caller finds context. */
  contextOnly: boolean;
}

/** One restriction in force on a dataset, own or inherited, with where it comes from. */
export interface EffectiveRestriction {
  clause: Clause;
  /** Dataset id whose terms state the restriction. */
  from: string;
  /** The license or terms text, quoted in that dataset's entry. */
  quote?: string;
  /** URL of the terms. */
  source: string;
}

/** What one dataset in a lineage says about models trained on it. */
export interface ModelsStatement {
  from: string;
  says: boolean;
  restriction: string;
  quote?: string;
  source?: string;
}

/** The status of one dataset in a lineage. */
export interface StatusLink {
  from: string;
  state: "active" | "retracted" | "deprecated" | "defunct";
  date?: string | null;
  by?: string | null;
  statement?: string | null;
  url?: string | null;
  superseded_by?: string;
}

/** A dataset with everything it inherits from its ancestors. */
export interface ResolvedDataset {
  /** The entry itself. */
  dataset: Dataset;
  /** Itself first, then ancestors breadth-first up to the roots (no duplicates; unknown parents skipped). */
  lineage: Dataset[];
  /** Own and inherited restrictions, in lineage order, each with its origin id and source URL. */
  restrictions: EffectiveRestriction[];
  /** What each dataset in the lineage says about trained models; `says: true` first. */
  models: ModelsStatement[];
  /** Non-active statuses in the lineage, worst first (retracted > defunct > deprecated), then nearest first. */
  statuses: StatusLink[];
  /** The worst status in the lineage; the dataset's own `active` status when there is none. */
  worstStatus: StatusLink;
}

/** The registry API used by the detector, the rules and `carryover rules`. */
export interface Registry {
  readonly size: number;
  /**
   * Content hash of the entries (`sha256` of the id-sorted datasets as JSON, first 16 hex digits):
   * equal registries give equal versions. Queue jobs and audit results are keyed by it, so a scan
   * is redone when the dataset knowledge changes and never otherwise. Computed on first read.
   */
  readonly version: string;
  /** Every entry, sorted by id. */
  all(): Dataset[];
  get(id: string): Dataset | undefined;
  /** Lineage, effective terms and worst status. Throws on an unknown id. */
  resolve(id: string): ResolvedDataset;
  /**
   * Exact name, alias, HF id (or HF dataset URL) or id, insensitive to case, punctuation and
   * separators. Ambiguous → `match: null`, `ambiguous: true`, the ids as candidates; unknown →
   * `match: null` and near names ("did you mean").
   */
  lookup(name: string): { match: ResolvedDataset | null; candidates: string[]; ambiguous?: boolean };
  /** Every alias / HF id / checkpoint token / id occurrence in one line, token-bounded, longest match first. */
  scan(line: string): AliasHit[];
}

/** Thrown by {@link loadRegistry} when an entry is invalid; `problems` holds the details. */
export class RegistryError extends Error {
  constructor(
    readonly problems: LintProblem[],
    dir: string,
  ) {
    super(
      `invalid dataset registry ${dir}:\n${problems
        .slice(0, 20)
        .map((p) => `  ${p.file}${p.line ? `:${p.line}` : ""}: ${p.message}`)
        .join("\n")}${problems.length > 20 ? `\n  … and ${problems.length - 20} more` : ""}`,
    );
    this.name = "RegistryError";
  }
}

const SEVERITY_OF_STATE: Record<StatusLink["state"], number> = { active: 0, deprecated: 1, defunct: 2, retracted: 3 };

type NameKind = AliasHit["kind"];
/** Preference when one key is several kinds of name of the same dataset. */
const KIND_RANK: Record<NameKind, number> = { alias: 0, hf: 1, id: 2, checkpoint: 3 };

/** Every name of one dataset, by kind (the `name` field is for lookup only: it is prose, not a token). */
export function namesOf(d: Dataset): { text: string; kind: NameKind }[] {
  return [
    ...d.aliases.map((text) => ({ text, kind: "alias" as const })),
    ...d.match.context_only.map((text) => ({ text, kind: "alias" as const })),
    ...d.match.case_sensitive.map((text) => ({ text, kind: "alias" as const })),
    ...d.hf.map((text) => ({ text, kind: "hf" as const })),
    { text: d.id, kind: "id" as const },
    ...d.match.checkpoint.map((text) => ({ text, kind: "checkpoint" as const })),
  ];
}

/** What one normalised key means for one dataset. */
interface KeyEntry {
  id: string;
  /** Best non-checkpoint kind, or undefined when the key is only a checkpoint token. */
  nameKind?: Exclude<NameKind, "checkpoint">;
  checkpoint: boolean;
  contextOnly: boolean;
  /** Case-preserved forms the text must equal (a `match.case_sensitive` alias); null = any case. */
  caseForms: string[] | null;
  /** Matches the full `name` field only (lookup, not scan). */
  fullNameOnly: boolean;
}

/** Separators that join parts of an identifier: `vit_base_in21k`, `ms1mv3-arcface`, `emore/train.rec`. */
function isJoiner(c: number): boolean {
  return c === 95 || c === 45 || c === 46 || c === 47;
}

/** Lets `loadRegistry` cache the automaton a registry built (or build it now). */
const AUTOMATON = new WeakMap<Registry, () => AutomatonData>();

/** The scan automaton of a registry as data (built if needed), as the disk cache stores it. */
export function registryAutomatonData(registry: Registry): AutomatonData | undefined {
  return AUTOMATON.get(registry)?.();
}

/**
 * Builds a registry from validated entries (no I/O). Unknown parents are skipped; `lintRegistry`
 * reports them. `prebuilt` is a cached automaton, used only when built from the same names.
 */
export function createRegistry(datasets: readonly Dataset[], prebuilt?: AutomatonData): Registry {
  const byId = new Map<string, Dataset>();
  for (const d of [...datasets].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))) if (!byId.has(d.id)) byId.set(d.id, d);
  const sorted = [...byId.values()];

  // key → id → entry
  const index = new Map<string, Map<string, KeyEntry>>();
  for (const d of sorted) {
    const contextKeys = new Set(d.match.context_only.map(normKey));
    const caseKeys = new Map<string, string[]>();
    for (const cs of d.match.case_sensitive) {
      const k = normKey(cs);
      caseKeys.set(k, [...(caseKeys.get(k) ?? []), normCaseKey(cs)]);
    }
    const add = (text: string, kind: NameKind | "name"): void => {
      const key = normKey(text);
      if (!key) return;
      let perId = index.get(key);
      if (!perId) index.set(key, (perId = new Map()));
      let e = perId.get(d.id);
      if (!e) {
        e = { id: d.id, checkpoint: false, contextOnly: contextKeys.has(key), caseForms: caseKeys.get(key) ?? null, fullNameOnly: true };
        perId.set(d.id, e);
      }
      if (kind === "name") return;
      e.fullNameOnly = false;
      if (kind === "checkpoint") e.checkpoint = true;
      else if (e.nameKind === undefined || KIND_RANK[kind] < KIND_RANK[e.nameKind]) e.nameKind = kind;
    };
    for (const n of namesOf(d)) add(n.text, n.kind);
    add(d.name, "name");
  }

  // The scan automaton: one pattern per key (the `name` field excluded).
  const scanKeys: string[] = [];
  const scanEntries: KeyEntry[][] = [];
  for (const [key, perId] of index) {
    const entries = [...perId.values()].filter((e) => !e.fullNameOnly);
    if (!entries.length) continue;
    scanKeys.push(key);
    scanEntries.push(entries);
  }
  // Built on the first scan: lookup-only callers (`rules show`, the evaluator) never pay for it.
  const keysId = createHash("sha1").update(scanKeys.join("\n")).digest("hex");
  let automaton: AhoCorasick | undefined;
  const getAutomaton = (): AhoCorasick =>
    (automaton ??= prebuilt?.keys === keysId ? new AhoCorasick(prebuilt) : new AhoCorasick(scanKeys.map(patternCodes)));

  const resolved = new Map<string, ResolvedDataset>();
  const resolve = (id: string): ResolvedDataset => {
    const hit = resolved.get(id);
    if (hit) return hit;
    const d = byId.get(id);
    if (!d) throw new Error(`unknown dataset id '${id}'`);
    const r = resolveLineage(d, byId);
    resolved.set(id, r);
    return r;
  };

  const lookup = (name: string): { match: ResolvedDataset | null; candidates: string[]; ambiguous?: boolean } => {
    const ref = stripReference(name);
    const key = normKey(ref);
    if (!key) return { match: null, candidates: [] };
    const caseKey = normCaseKey(ref);
    const perId = index.get(key);
    if (perId) {
      const ok = [...perId.values()].filter((e) => e.caseForms === null || e.caseForms.includes(caseKey));
      // Names first; a bare checkpoint token ("in21k") only when no dataset has it as a name.
      const named = ok.filter((e) => e.nameKind !== undefined || e.fullNameOnly);
      const pick = named.length ? named : ok;
      if (pick.length === 1) return { match: resolve(pick[0]!.id), candidates: [] };
      if (pick.length > 1) return { match: null, candidates: pick.map((e) => e.id).sort(), ambiguous: true };
    }
    // "Did you mean" costs an edit-distance pass over every name: computed only when read (the
    // detector looks up many table cells and only asks whether they matched).
    let near: string[] | undefined;
    return {
      match: null,
      get candidates(): string[] {
        return (near ??= key.length > MAX_FUZZY_KEY ? [] : nearCandidates(key, index));
      },
    };
  };

  const scan = (line: string): AliasHit[] => {
    if (line.length === 0) return [];
    const norm = normaliseLine(line);
    if (norm.length === 0) return [];
    const { pos, codes } = norm;
    const ac = getAutomaton();
    const lengths = ac.lengths;
    type Cand = { p: number; start: number; end: number; from: number; to: number };
    const cands: Cand[] = [];
    ac.search(codes, norm.length, (p, end) => {
      const start = end - lengths[p]! + 1;
      const from = pos[start]!;
      const to = pos[end]! + 1;
      // Token bounds in the line as written: "COCO" not inside "cocoapi", "MNIST" not inside "FashionMNIST".
      if (from > 0 && isAlnumCode(line.charCodeAt(from - 1))) return;
      if (to < line.length && isAlnumCode(line.charCodeAt(to))) return;
      // A name whose case does not fit ("in" for the case-sensitive "IN") must not hide a shorter one.
      const entries = scanEntries[p]!;
      if (entries.every((e) => e.caseForms !== null) && !entries.some((e) => e.caseForms!.includes(normCaseKey(line.slice(from, to))))) return;
      cands.push({ p, start, end, from, to });
    });
    if (!cands.length) return [];
    // Longest match wins on overlaps ("ImageNet-21k" over "ImageNet"), then the leftmost.
    cands.sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
    const taken: Cand[] = [];
    for (const c of cands) if (!taken.some((t) => c.start <= t.end && t.start <= c.end)) taken.push(c);
    taken.sort((a, b) => a.start - b.start);
    const hits: AliasHit[] = [];
    for (const c of taken) {
      const text = line.slice(c.from, c.to);
      let caseText: string | undefined;
      const inIdentifier =
        (c.from > 1 && isJoiner(line.charCodeAt(c.from - 1)) && isAlnumCode(line.charCodeAt(c.from - 2))) ||
        (c.to + 1 < line.length && isJoiner(line.charCodeAt(c.to)) && isAlnumCode(line.charCodeAt(c.to + 1)));
      for (const e of scanEntries[c.p]!) {
        if (e.caseForms !== null && !e.caseForms.includes((caseText ??= normCaseKey(text)))) continue;
        let kind: NameKind;
        let contextOnly: boolean;
        if (e.checkpoint && (inIdentifier || e.nameKind === undefined)) {
          // A checkpoint token inside an identifier is its own context (`ms1mv2_emore_r100`).
          kind = "checkpoint";
          contextOnly = e.contextOnly && !inIdentifier;
        } else {
          kind = e.nameKind ?? "checkpoint";
          contextOnly = e.contextOnly;
        }
        hits.push({ id: e.id, text, index: c.from, end: c.to, kind, contextOnly });
      }
    }
    return hits;
  };

  let version: string | undefined;
  const registry: Registry = {
    size: sorted.length,
    get version() {
      return (version ??= registryVersion(sorted));
    },
    all: () => [...sorted],
    get: (id) => byId.get(id),
    resolve,
    lookup,
    scan,
  };
  AUTOMATON.set(registry, () => getAutomaton().toData(keysId));
  return registry;
}

/** The content hash behind {@link Registry.version}: `datasets` sorted by id, as JSON (keys as the schema parsed them). */
export function registryVersion(datasets: readonly Dataset[]): string {
  const sorted = [...datasets].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return createHash("sha256").update(JSON.stringify(sorted)).digest("hex").slice(0, 16);
}

/** Longer queries are prose, not a misspelt name: no "did you mean" for them. */
const MAX_FUZZY_KEY = 64;

/** Up to 8 ids whose names are within a small edit distance of `key`, or start with it. */
function nearCandidates(key: string, index: Map<string, Map<string, KeyEntry>>): string[] {
  // Distance budget: one typo in a short name, two in a longer one; more would suggest noise.
  const budget = key.length <= 4 ? 1 : 2;
  const best = new Map<string, number>();
  for (const [k, perId] of index) {
    let score = editDistance(key, k, budget);
    if (score > budget) {
      if (key.length >= 3 && k.startsWith(key)) score = budget + 0.5;
      else if (k.length >= 4 && key.startsWith(k)) score = budget + 0.75;
      else continue;
    }
    for (const id of perId.keys()) if (!best.has(id) || best.get(id)! > score) best.set(id, score);
  }
  return [...best]
    .sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, 8)
    .map(([id]) => id);
}

/** Restrictions a dataset's own terms state, in clause order. */
function ownRestrictions(d: Dataset): EffectiveRestriction[] {
  const t = d.terms;
  const clauses: Clause[] = [];
  if (t.commercial === "forbidden") clauses.push("non-commercial");
  if (t.share_alike) clauses.push("share-alike");
  if (t.no_derivatives) clauses.push("no-derivatives");
  if (t.research_only) clauses.push("research-only");
  if (t.redistribution === "forbidden") clauses.push("no-redistribution");
  if (t.attribution === "required") clauses.push("attribution");
  return clauses.map((clause) => ({ clause, from: d.id, quote: d.license.quote, source: t.source }));
}

function statusOf(d: Dataset): StatusLink {
  const s = d.status;
  const link: StatusLink = { from: d.id, state: s.state };
  if (s.date !== undefined) link.date = s.date;
  if (s.by !== undefined) link.by = s.by;
  if (s.statement !== undefined) link.statement = s.statement;
  if (s.url !== undefined) link.url = s.url;
  if (s.superseded_by !== undefined) link.superseded_by = s.superseded_by;
  return link;
}

function resolveLineage(d: Dataset, byId: ReadonlyMap<string, Dataset>): ResolvedDataset {
  const lineage: Dataset[] = [d];
  const seen = new Set([d.id]);
  // Breadth-first; `seen` stops cycles (lint reports them) and diamonds (no duplicates).
  for (let i = 0; i < lineage.length; i++) {
    for (const p of lineage[i]!.parents) {
      const parent = byId.get(p.id);
      if (parent && !seen.has(p.id)) {
        seen.add(p.id);
        lineage.push(parent);
      }
    }
  }
  const restrictions = lineage.flatMap(ownRestrictions);
  const models: ModelsStatement[] = lineage.map((x) => {
    const m = x.terms.models;
    const s: ModelsStatement = { from: x.id, says: m.says, restriction: m.restriction };
    if (m.quote !== undefined) s.quote = m.quote;
    if (m.source !== undefined) s.source = m.source;
    return s;
  });
  // Stable sort: statements that speak about models first, lineage order otherwise.
  models.sort((a, b) => Number(b.says) - Number(a.says));
  const statuses = lineage
    .filter((x) => x.status.state !== "active")
    .map(statusOf)
    .sort((a, b) => SEVERITY_OF_STATE[b.state] - SEVERITY_OF_STATE[a.state]);
  return { dataset: d, lineage, restrictions, models, statuses, worstStatus: statuses[0] ?? statusOf(d) };
}

/** `rules/datasets/` of this package: `../../rules/datasets/` from `src/resolve/` (tsx) and `lib/resolve/` (compiled). */
export function defaultRegistryDir(): URL {
  return new URL("../../rules/datasets/", import.meta.url);
}

const memo = new Map<string, Registry>();

/**
 * Loads, validates and indexes a registry directory (default: the bundled `rules/datasets/`).
 * Cached per directory in memory, and on disk (OS temp dir) keyed by the files' names, sizes and
 * mtimes: the validated entries as JSON and the built scan automaton as a binary table. YAML
 * parsing of ~200 entries costs ~0.5 s and the automaton build ~10 ms in a cold process; the cache
 * turns both into file reads (see bench/resolver). Throws a {@link RegistryError} on an invalid
 * entry or a duplicate id; empty placeholder files are skipped. `CARRYOVER_REGISTRY_CACHE=0`
 * bypasses the disk cache.
 */
export function loadRegistry(dir: string | URL = defaultRegistryDir()): Registry {
  const path = resolvePath(dirPath(dir));
  const hit = memo.get(path);
  if (hit) return hit;
  const cache = readCached(path);
  const registry = createRegistry(cache.datasets, cache.automaton);
  if (cache.fingerprint !== undefined && !cache.automaton) {
    // Miss (or a cache without the automaton): build it now so the next run can skip it.
    writeCache(path, cache.fingerprint, cache.datasets, registryAutomatonData(registry));
  }
  memo.set(path, registry);
  return registry;
}

/**
 * The validated entries of a registry directory, through the disk cache (no in-memory memo: a
 * changed file is picked up by the next call). Throws a {@link RegistryError} like `loadRegistry`.
 */
export function readRegistryDatasets(dir: string | URL): Dataset[] {
  const path = resolvePath(dirPath(dir));
  const cache = readCached(path);
  if (cache.fingerprint !== undefined && !cache.hit) writeCache(path, cache.fingerprint, cache.datasets);
  return cache.datasets;
}

/** Bump when the cached data's shape or the loader's semantics change. */
const CACHE_VERSION = 2;

interface CacheFile {
  fingerprint: string;
  datasets: Dataset[];
  /** Everything of the automaton but its two tables, which live in `<cache>.bin`. */
  automaton?: Omit<AutomatonData, "delta" | "fail"> & { token: number; deltaLength: number; failLength: number };
}

/** Reads the registry through the cache; `fingerprint` is undefined when the cache is disabled. */
function readCached(path: string): { datasets: Dataset[]; automaton?: AutomatonData; fingerprint?: string; hit: boolean } {
  const files = listEntryFiles(path);
  let fingerprint: string | undefined;
  if (process.env.CARRYOVER_REGISTRY_CACHE !== "0") {
    const h = createHash("sha1");
    h.update(`v${CACHE_VERSION}\0${path}\0${codeStamp()}\0`);
    for (const f of files) {
      const st = statSync(join(path, f));
      h.update(`${f}\0${st.size}\0${st.mtimeMs}\0`);
    }
    fingerprint = h.digest("hex");
    const cacheFile = registryCacheFile(path);
    try {
      if (!ownedByMe(cacheFile)) throw new Error("cache file owned by another user");
      const cached = JSON.parse(readFileSync(cacheFile, "utf8")) as CacheFile;
      if (cached.fingerprint === fingerprint && Array.isArray(cached.datasets)) {
        return { datasets: cached.datasets, automaton: readAutomaton(cacheFile, cached), fingerprint, hit: true };
      }
    } catch {
      // No cache yet, or a torn/corrupt one: fall through to parsing.
    }
  }
  const problems: LintProblem[] = [];
  const datasets: Dataset[] = [];
  const ids = new Map<string, string>();
  for (const f of files) {
    const e = readEntry(path, f);
    if (e.problems.some((p) => p.kind === "empty")) continue;
    problems.push(...e.problems);
    if (!e.data) continue;
    const prev = ids.get(e.data.id);
    if (prev) problems.push({ file: f, line: e.lineOf(["id"]), message: `duplicate id '${e.data.id}' (also in ${prev})`, kind: "duplicate-id" });
    else ids.set(e.data.id, f);
    datasets.push(e.data);
  }
  if (problems.length) throw new RegistryError(problems, path);
  return { datasets, fingerprint, hit: false };
}

/** The cached automaton tables, when `<cache>.bin` belongs to this JSON (same token and sizes). */
function readAutomaton(cacheFile: string, cached: CacheFile): AutomatonData | undefined {
  const a = cached.automaton;
  if (!a) return undefined;
  try {
    if (!ownedByMe(`${cacheFile}.bin`)) return undefined;
    const buf = readFileSync(`${cacheFile}.bin`);
    if (buf.byteLength !== (1 + a.deltaLength + a.failLength) * 4) return undefined;
    // Copy into a fresh, aligned buffer (a file Buffer may sit at any offset of a shared pool).
    const all = new Int32Array(buf.byteLength / 4);
    new Uint8Array(all.buffer).set(buf);
    if (all[0] !== a.token) return undefined;
    return {
      keys: a.keys,
      lengths: a.lengths,
      out: a.out,
      other: a.other,
      delta: all.subarray(1, 1 + a.deltaLength),
      fail: all.subarray(1 + a.deltaLength),
    };
  } catch {
    return undefined;
  }
}

/** Writes the cache: the binary tables first, then the JSON that names them (each write-then-rename). */
function writeCache(path: string, fingerprint: string, datasets: Dataset[], automaton?: AutomatonData): void {
  const cacheFile = registryCacheFile(path);
  try {
    mkdirSync(cacheDir(), { recursive: true, mode: 0o700 });
    // Write-then-rename: concurrent CLI runs (or test workers) never read a half-written file.
    const atomic = (file: string, data: string | Uint8Array): void => {
      const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
      writeFileSync(tmp, data);
      renameSync(tmp, file);
    };
    const json: CacheFile = { fingerprint, datasets };
    if (automaton) {
      const token = randomInt(1, 2 ** 31 - 1);
      const all = new Int32Array(1 + automaton.delta.length + automaton.fail.length);
      all[0] = token;
      all.set(automaton.delta, 1);
      all.set(automaton.fail, 1 + automaton.delta.length);
      atomic(`${cacheFile}.bin`, new Uint8Array(all.buffer));
      const { keys, lengths, out, other } = automaton;
      json.automaton = { keys, lengths, out, other, token, deltaLength: automaton.delta.length, failLength: automaton.fail.length };
    }
    atomic(cacheFile, JSON.stringify(json));
  } catch {
    // A read-only or full temp dir only costs speed.
  }
}

/** The directory this module runs from (`…/src/resolve/` under tsx, `…/lib/resolve/` compiled). */
const CODE_DIR = new URL(".", import.meta.url).href;

/**
 * Where the disk cache of a registry directory lives: one file per directory and per copy of this
 * code, in the OS temp dir. The code's location is part of the name because the fingerprint includes
 * {@link codeStamp}, which differs between `src/` (tsx) and `lib/` (compiled) of one checkout, or two
 * installed versions: named by directory alone, each switch invalidated the other's cache and re-parsed
 * every YAML entry (0.7-1.3 s, bench/scan part (d)). The location rather than the stamp itself, so
 * editing the code replaces its cache file instead of adding one per edit.
 */
export function registryCacheFile(dir: string | URL): string {
  const path = resolvePath(dirPath(dir));
  const key = createHash("sha1").update(`${path}\0${CODE_DIR}`).digest("hex").slice(0, 16);
  return join(cacheDir(), `registry-${key}.json`);
}

/**
 * Per-user cache directory (mode 0700). Per user because the cache decides what a scan believes a
 * dataset's terms are: another user must not be able to plant one (reads also check the owner).
 */
function cacheDir(): string {
  return join(tmpdir(), `carryover-${process.getuid?.() ?? "user"}`);
}

/** True when `file` belongs to this user (always true where there are no uids). */
function ownedByMe(file: string): boolean {
  const uid = process.getuid?.();
  return uid === undefined || statSync(file).uid === uid;
}

/** Size and mtime of the modules the cached data depends on: a changed schema or matcher invalidates it. */
function codeStamp(): string {
  const parts: string[] = [];
  // The running file itself first: in the esbuild bundle (lib/bundle/) none of the files below exists next to it,
  // and without this a rebuilt bundle with a changed schema would accept an older bundle's cache.
  try {
    const st = statSync(new URL(import.meta.url));
    parts.push(`self:${st.size}:${st.mtimeMs}`);
  } catch {
    // Not a file URL (an unusual loader): the files below still stamp it.
  }
  for (const rel of ["./schema.js", "./schema.ts", "./registry.js", "./registry.ts", "./matcher.js", "./matcher.ts", "./normalize.js", "./normalize.ts"]) {
    try {
      const st = statSync(new URL(rel, import.meta.url));
      parts.push(`${rel}:${st.size}:${st.mtimeMs}`);
    } catch {
      // Only one of .js/.ts exists, depending on whether we run from lib/ or under tsx.
    }
  }
  return parts.join(",");
}
