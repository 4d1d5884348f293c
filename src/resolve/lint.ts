/**
 * `rules lint`: every check the registry must pass before a rule may act on it. Each problem kind
 * is one check (see {@link LintKind}); problems carry the file and, where the YAML allows, the line.
 */
import { COMMON_WORDS } from "./common-words.js";
import { readRegistryDir, type EntryFile, type LintProblem } from "./load.js";
import { normCaseKey, normKey } from "./normalize.js";
import type { Dataset } from "./schema.js";
import { rulesUrl } from "../core/paths.js";

/**
 * Aliases of at most this many letters (no digit) must be context-only: "CC", "IN", "RW", "VG"
 * are too short to mean one dataset in free text. A digit makes a short name specific ("C4").
 */
const SHORT_ALIAS_MAX = 2;

/** Where a name sits in an entry, for messages and lines. */
interface NameRef {
  text: string;
  field: string;
  path: (string | number)[];
}

function namesWithPaths(d: Dataset): NameRef[] {
  const refs: NameRef[] = [];
  d.aliases.forEach((text, i) => refs.push({ text, field: "alias", path: ["aliases", i] }));
  d.match.context_only.forEach((text, i) => refs.push({ text, field: "context-only alias", path: ["match", "context_only", i] }));
  d.match.case_sensitive.forEach((text, i) => refs.push({ text, field: "case-sensitive alias", path: ["match", "case_sensitive", i] }));
  d.hf.forEach((text, i) => refs.push({ text, field: "HF id", path: ["hf", i] }));
  refs.push({ text: d.id, field: "id", path: ["id"] });
  d.match.checkpoint.forEach((text, i) => refs.push({ text, field: "checkpoint token", path: ["match", "checkpoint", i] }));
  return refs;
}

/**
 * Every problem in a registry directory: YAML and schema errors, file name ≠ id, duplicate ids,
 * names claimed by two datasets, aliases that are common words or too short without
 * `match.context_only`, parent cycles and unknown parents, terms or statuses without a source,
 * `superseded_by` naming an unknown id. Empty array = clean.
 */
export function lintRegistry(dir: string | URL = rulesUrl("datasets/")): LintProblem[] {
  const files = readRegistryDir(dir);
  const problems: LintProblem[] = files.flatMap((f) => f.problems);
  const valid = files.filter((f): f is EntryFile & { data: Dataset } => f.data !== undefined);

  const byId = new Map<string, EntryFile & { data: Dataset }>();
  for (const f of valid) {
    const d = f.data;
    if (f.file !== `${d.id}.yml`) {
      problems.push({ file: f.file, line: f.lineOf(["id"]), message: `file name must be '${d.id}.yml' (the entry's id)`, kind: "file-name" });
    }
    const prev = byId.get(d.id);
    if (prev) problems.push({ file: f.file, line: f.lineOf(["id"]), message: `duplicate id '${d.id}' (also in ${prev.file})`, kind: "duplicate-id" });
    else byId.set(d.id, f);
  }

  // Names after normalisation: one key may belong to one dataset only.
  const owners = new Map<string, { id: string; file: string; ref: NameRef; caseForms: string[] | null }[]>();
  for (const f of valid) {
    const d = f.data;
    const contextKeys = new Set(d.match.context_only.map(normKey));
    const seenHere = new Set<string>();
    for (const ref of namesWithPaths(d)) {
      const key = normKey(ref.text);
      const line = f.lineOf(ref.path);
      if (!key) {
        problems.push({ file: f.file, line, message: `${ref.field} '${ref.text}' has no letter or digit`, kind: "schema" });
        continue;
      }
      // Case-sensitive forms for this key ("LFWA" vs "LFWa"): two datasets may share a key when
      // both must match with a case of their own, as the matcher then tells them apart.
      const caseForms = d.match.case_sensitive.filter((c) => normKey(c) === key).map(normCaseKey);
      const mine = caseForms.length ? caseForms : null;
      const prior = owners.get(key) ?? [];
      const other = seenHere.has(key)
        ? undefined
        : prior.find((o) => o.id !== d.id && !(o.caseForms !== null && mine !== null && !mine.some((c) => o.caseForms!.includes(c))));
      if (other) {
        problems.push({
          file: f.file,
          line,
          message: `${ref.field} '${ref.text}' is also ${other.ref.field} '${other.ref.text}' of ${other.id} (${other.file}); names are compared without case, spaces or punctuation`,
          kind: "duplicate-name",
        });
      }
      if (!seenHere.has(key)) owners.set(key, [...prior, { id: d.id, file: f.file, ref, caseForms: mine }]);
      seenHere.add(key);
      if (ref.field === "context-only alias" || ref.field === "HF id" || contextKeys.has(key)) continue;
      if (COMMON_WORDS.has(key)) {
        problems.push({
          file: f.file,
          line,
          message: `${ref.field} '${ref.text}' is a common English word: list it in match.context_only so it only counts next to a training/evaluation phrase`,
          kind: "common-word",
        });
      } else if (key.length <= SHORT_ALIAS_MAX && /^\p{L}+$/u.test(key) && ref.field !== "id") {
        problems.push({
          file: f.file,
          line,
          message: `${ref.field} '${ref.text}' is ${key.length} letters: too ambiguous alone, list it in match.context_only`,
          kind: "short-alias",
        });
      }
    }
  }

  // Parents: unknown ids, then cycles (each reported once, at its smallest id).
  for (const f of valid) {
    f.data.parents.forEach((p, i) => {
      if (!byId.has(p.id)) problems.push({ file: f.file, line: f.lineOf(["parents", i, "id"]), message: `unknown parent id '${p.id}'`, kind: "unknown-parent" });
    });
  }
  for (const cycle of findCycles(byId)) {
    const first = byId.get(cycle[0]!)!;
    const i = first.data.parents.findIndex((p) => p.id === (cycle[1] ?? cycle[0]));
    problems.push({
      file: first.file,
      line: first.lineOf(["parents", Math.max(i, 0), "id"]),
      message: `parent cycle: ${[...cycle, cycle[0]].join(" → ")}`,
      kind: "parent-cycle",
    });
  }

  // Sources: every non-trivial fact needs a URL.
  for (const f of valid) {
    const { status, terms } = f.data;
    // A non-active status always needs its URL (which also covers `verified: true`). An active,
    // verified status may stand without one: "nothing was retracted" has no statement to link.
    if (status.state !== "active" && !status.url) {
      problems.push({ file: f.file, line: f.lineOf(["status", "state"]), message: `status '${status.state}' needs status.url (the statement or report it rests on)`, kind: "missing-source" });
    }
    if (terms.models.says) {
      for (const field of ["quote", "source"] as const) {
        if (!terms.models[field]) {
          problems.push({ file: f.file, line: f.lineOf(["terms", "models", "says"]), message: `terms.models.says: true needs terms.models.${field}`, kind: "missing-source" });
        }
      }
    }
    if (status.superseded_by !== undefined && !byId.has(status.superseded_by)) {
      problems.push({ file: f.file, line: f.lineOf(["status", "superseded_by"]), message: `superseded_by names an unknown id '${status.superseded_by}'`, kind: "unknown-superseded-by" });
    }
  }

  return problems.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : (a.line ?? 0) - (b.line ?? 0)));
}

/** Elementary cycles of the parent graph, each rotated to start at its smallest id, deduplicated. */
function findCycles(byId: ReadonlyMap<string, { data: Dataset }>): string[][] {
  const found = new Map<string, string[]>();
  const state = new Map<string, 1 | 2>(); // 1 on the stack, 2 done
  const stack: string[] = [];
  const visit = (id: string): void => {
    state.set(id, 1);
    stack.push(id);
    for (const p of byId.get(id)?.data.parents ?? []) {
      if (!byId.has(p.id)) continue;
      const st = state.get(p.id);
      if (st === 1) {
        const cycle = stack.slice(stack.indexOf(p.id));
        const min = cycle.reduce((m, x, i) => (x < cycle[m]! ? i : m), 0);
        const rotated = [...cycle.slice(min), ...cycle.slice(0, min)];
        found.set(rotated.join(">"), rotated);
      } else if (st === undefined) visit(p.id);
    }
    stack.pop();
    state.set(id, 2);
  };
  for (const id of [...byId.keys()].sort()) if (!state.has(id)) visit(id);
  return [...found.values()];
}
