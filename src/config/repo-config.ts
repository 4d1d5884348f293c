/**
 * `.github/carryover.yml`: parse, validate against the one zod definition in
 * `options.ts`, and report every problem at its line. Never throws, whatever the input.
 */
import { isAlias, isMap, isNode, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node as YamlNode } from "yaml";
import type { z } from "zod";
import { RepoConfigOptions, TOP_LEVEL_KEYS, type RepoConfigFile } from "./options.js";
import { DEFAULT_CONFIG, type ConfigError, type RepoConfig } from "./defaults.js";

export * from "./defaults.js";

/** Options for {@link parseRepoConfig}. */
export interface ParseOptions {
  /** When given, rule ids in `rules:` and `waivers:` must be among these. */
  knownRules?: readonly string[];
  /** When given, dataset ids in `steward:` must be among these (the registry's ids). */
  knownDatasets?: readonly string[];
}

export type ParseResult = { ok: true; config: RepoConfig } | { ok: false; errors: ConfigError[] };

/**
 * A config file is a few dozen lines; anything this big is a mistake or an attack, and
 * refusing it up front keeps the YAML parser's time bounded.
 */
export const MAX_CONFIG_CHARS = 1024 * 1024;

/**
 * Deepest nesting accepted: flow brackets (`[[[…`) and indentation columns. The deepest
 * real config is about four levels; the YAML parser recurses per level and overflows the
 * stack somewhere near a thousand, which must never be reached on a user's file.
 */
export const MAX_FLOW_DEPTH = 64;
export const MAX_INDENT = 256;

/**
 * Aliases allowed when expanding the document. A hand-written config needs few; the cap
 * defeats "billion laughs" (nested aliases that expand exponentially).
 */
export const MAX_ALIAS_COUNT = 100;

/**
 * Parse and validate `.github/carryover.yml`.
 *
 * `text` may be the raw bytes (invalid UTF-8 is then an error at its line) or decoded
 * text. An empty file, or one with only comments, yields {@link DEFAULT_CONFIG}. All
 * problems are returned at once, sorted by position; nothing throws.
 */
export function parseRepoConfig(text: string | Uint8Array, opts: ParseOptions = {}): ParseResult {
  try {
    return parseUnsafe(text, opts);
  } catch (e) {
    // Defence in depth: every known failure is handled below; an unknown one must still
    // not crash the app on a user's file.
    return fail([{ message: `could not read the config: ${e instanceof Error ? e.message : String(e)}`, line: 1, column: 1, text: "" }]);
  }
}

function parseUnsafe(input: string | Uint8Array, opts: ParseOptions): ParseResult {
  let text: string;
  if (typeof input === "string") {
    text = input;
  } else {
    const decoded = decodeUtf8(input);
    if (!decoded.ok) return fail([decoded.error]);
    text = decoded.text;
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.length > MAX_CONFIG_CHARS) {
    const first = text.slice(0, 200).split(/\r\n|\r|\n/)[0] ?? "";
    return fail([{ message: `the config is ${text.length} characters; the limit is ${MAX_CONFIG_CHARS}`, line: 1, column: 1, text: first }]);
  }
  const lines = text.split(/\r\n|\r|\n/);
  const at = (line: number, column: number, message: string): ConfigError => ({ message, line, column, text: lines[line - 1] ?? "" });
  const nul = text.indexOf("\0");
  if (nul >= 0) {
    const { line, col } = posOf(text, nul);
    return fail([at(line, col, "the config contains a NUL character: it is not a text file")]);
  }

  const deep = tooDeep(text);
  if (deep) return fail([at(deep.line, deep.col, deep.message)]);

  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true, strict: true, version: "1.2", logLevel: "error" });
  const pos = (offset: number): { line: number; col: number } => {
    const p = lineCounter.linePos(Math.max(0, Math.min(offset, text.length)));
    return { line: Math.max(1, p.line), col: Math.max(1, p.col) };
  };

  if (doc.errors.length > 0) {
    return fail(
      doc.errors.map((e) => {
        const { line, col } = pos(e.pos[0]);
        return at(line, col, yamlMessage(e.code, e.message, lines[line - 1] ?? ""));
      }),
    );
  }

  let data: unknown;
  try {
    // A `%YAML 1.1` directive turns unquoted dates into timestamps: keep them as the
    // YYYY-MM-DD strings the schema expects (a time of day stays and is then rejected).
    data = doc.toJS({
      maxAliasCount: MAX_ALIAS_COUNT,
      reviver: (_key: unknown, value: unknown) => (value instanceof Date ? dateString(value) : value),
    });
  } catch (e) {
    const alias = firstAlias(doc);
    const { line, col } = alias ? pos(alias) : { line: 1, col: 1 };
    const why = e instanceof Error && /alias/i.test(e.message) ? `too many aliases (more than ${MAX_ALIAS_COUNT} expansions)` : e instanceof Error ? e.message : String(e);
    return fail([at(line, col, `could not expand the YAML: ${why}`)]);
  }

  if (data === null || data === undefined) return { ok: true, config: clone(DEFAULT_CONFIG) };
  if (typeof data !== "object" || Array.isArray(data)) {
    const { line, col } = doc.contents && isNode(doc.contents) && doc.contents.range ? pos(doc.contents.range[0]) : { line: 1, col: 1 };
    const got = Array.isArray(data) ? "a list" : `a ${typeof data}`;
    return fail([at(line, col, `the config must be a mapping of keys (enabled, fail-on, rules, …), not ${got}`)]);
  }

  // An empty key (`rules:` with nothing under it) means its default.
  const obj = Object.fromEntries(Object.entries(data as Record<string, unknown>).filter(([, v]) => v !== null));
  const parsed = RepoConfigOptions.safeParse(obj);
  const errors: ConfigError[] = [];
  const locate = (path: readonly PropertyKey[], key?: string): { line: number; col: number } => {
    const node = nodeAt(doc, path, key);
    return node ? pos(node) : { line: 1, col: 1 };
  };
  const covered = new Set<string>();
  // Keys the object model treats specially never reach the schema (zod's record skips
  // `__proto__`): refuse them here rather than drop them silently.
  const rulesRaw = obj.rules;
  if (rulesRaw !== null && typeof rulesRaw === "object" && !Array.isArray(rulesRaw)) {
    for (const id of Object.keys(rulesRaw)) {
      if (id === "__proto__") {
        const { line, col } = locate(["rules"], id);
        errors.push(at(line, col, `rules: '${id}' is not a rule id`));
      }
    }
  }
  // Rule ids are checked on the raw input so they are reported alongside schema errors.
  if (opts.knownRules) {
    const known = opts.knownRules;
    const rules = obj.rules;
    if (rules !== null && typeof rules === "object" && !Array.isArray(rules)) {
      for (const id of Object.keys(rules)) {
        if (!known.includes(id) && id !== "__proto__") {
          const { line, col } = locate(["rules"], id);
          errors.push(at(line, col, `rules: unknown rule '${id}'${suggest(id, known)}`));
          covered.add(`rules/${id}`);
        }
      }
    }
    const waivers = obj.waivers;
    if (Array.isArray(waivers)) {
      waivers.forEach((w: unknown, i) => {
        const rule = w !== null && typeof w === "object" ? (w as Record<string, unknown>).rule : undefined;
        if (typeof rule === "string" && rule !== "" && !known.includes(rule)) {
          const { line, col } = locate(["waivers", i, "rule"]);
          errors.push(at(line, col, `waivers[${i}].rule: unknown rule '${rule}'${suggest(rule, known)}`));
          covered.add(`waivers/${i}/rule`);
        }
      });
    }
  }
  // Stewarded datasets are registry ids exactly: a dashboard for a misspelt id would stay empty forever.
  if (opts.knownDatasets && Array.isArray(obj.steward)) {
    const known = opts.knownDatasets;
    obj.steward.forEach((id: unknown, i) => {
      if (typeof id !== "string" || id === "" || known.includes(id)) return;
      const { line, col } = locate(["steward", i]);
      errors.push(at(line, col, `steward[${i}]: unknown dataset '${id}'${suggest(id, known)}; use a registry id (see docs/registry.md)`));
      covered.add(`steward/${i}`);
    });
  }
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      // An unknown rule id already has its error (with a suggestion): one per item is enough.
      if (covered.has(issue.path.map(String).join("/"))) continue;
      if (issue.code === "unrecognized_keys") {
        for (const key of issue.keys) {
          const { line, col } = locate(issue.path, key);
          errors.push(at(line, col, unknownKeyMessage(issue.path, key)));
        }
        continue;
      }
      if (issue.code === "invalid_key") {
        const key = String(issue.path[issue.path.length - 1]);
        const { line, col } = locate(issue.path.slice(0, -1), key);
        errors.push(at(line, col, `${pathLabel(issue.path.slice(0, -1))}: '${key}' is not a rule id (rule ids are kebab-case, e.g. retracted-dataset)`));
        continue;
      }
      const { line, col } = locate(issue.path);
      errors.push(at(line, col, issueMessage(issue, obj)));
    }
  }
  if (!parsed.success || errors.length > 0) return fail(errors);

  const file: RepoConfigFile = parsed.data;
  return {
    ok: true,
    config: {
      enabled: file.enabled,
      failOn: file["fail-on"],
      policy: { modelsInherit: file.policy["models-inherit"], inferTraining: file.policy["infer-training"] },
      weights: { globs: [...file.weights.globs] },
      ignore: [...file.ignore],
      datasets: file.datasets.map((d, i) => ({ name: d.name, role: d.role, line: locate(["datasets", i]).line })),
      rules: { ...file.rules },
      waivers: file.waivers.map((w, i) => ({
        rule: w.rule,
        dataset: w.dataset ?? null,
        reason: w.reason.trim(),
        expires: w.expires ?? null,
        line: locate(["waivers", i]).line,
      })),
      steward: [...new Set(file.steward)],
    },
  };
}

// ---------------------------------------------------------------------------------------
// Helpers

function fail(errors: ConfigError[]): ParseResult {
  errors.sort((a, b) => a.line - b.line || a.column - b.column);
  return { ok: false, errors };
}

const fatalUtf8 = new TextDecoder("utf-8", { fatal: true });

function decodeUtf8(bytes: Uint8Array): { ok: true; text: string } | { ok: false; error: ConfigError } {
  try {
    return { ok: true, text: fatalUtf8.decode(bytes) };
  } catch {
    // Find the first byte that breaks UTF-8 to point at its line.
    let lo = 0;
    let hi = bytes.length;
    while (hi - lo > 1) {
      const mid = (lo + hi) >>> 1;
      try {
        fatalUtf8.decode(bytes.subarray(0, mid));
        lo = mid;
      } catch {
        hi = mid;
      }
    }
    // `lo` bytes decode cleanly (a split multi-byte char at the cut also fails, so back up to a line start).
    const before = new TextDecoder("utf-8").decode(bytes.subarray(0, lo));
    const { line, col } = posOf(before, before.length);
    const lineText = new TextDecoder("utf-8").decode(bytes).split(/\r\n|\r|\n/)[line - 1] ?? "";
    return {
      ok: false,
      error: { message: "the config is not valid UTF-8; save it as UTF-8", line, column: col, text: lineText },
    };
  }
}

/**
 * A cheap scan for nesting the parser should not be asked to recurse into: flow brackets
 * outside quotes and comments, and indentation. Block scalars are not tracked, so a
 * `reason: |` paragraph with 64 unclosed brackets would be refused (acceptable: no real
 * config has one).
 */
function tooDeep(text: string): { line: number; col: number; message: string } | null {
  let line = 1;
  let col = 0;
  let depth = 0;
  let quote: string | null = null;
  let comment = false;
  let lineStart = true;
  let indent = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    col++;
    if (c === "\n") {
      line++;
      col = 0;
      comment = false;
      lineStart = true;
      indent = 0;
      // A quoted flow scalar may span lines; a quote left open is closed by a blank line at worst.
      continue;
    }
    if (lineStart) {
      // Compact block nesting (`- - - x`, `? ? x`) nests without indenting: count it too.
      const indicator = (c === "-" || c === "?" || c === ":") && (text[i + 1] === " " || text[i + 1] === "\t");
      if (c === " " || indicator) {
        indent++;
        if (indent > MAX_INDENT) return { line, col, message: `the config is indented more than ${MAX_INDENT} columns deep` };
        continue;
      }
      lineStart = false;
    }
    if (comment) continue;
    if (quote) {
      if (c === quote) quote = null;
      else if (c === "\\" && quote === '"') i++;
      continue;
    }
    if (c === "#" && (i === 0 || /\s/.test(text[i - 1]!))) comment = true;
    else if (c === '"' || c === "'") quote = c;
    else if (c === "[" || c === "{") {
      depth++;
      if (depth > MAX_FLOW_DEPTH) return { line, col, message: `the config nests brackets more than ${MAX_FLOW_DEPTH} levels deep` };
    } else if ((c === "]" || c === "}") && depth > 0) depth--;
  }
  return null;
}

function posOf(text: string, offset: number): { line: number; col: number } {
  let line = 1;
  let start = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) {
      line++;
      start = i + 1;
    }
  }
  return { line, col: offset - start + 1 };
}

/** Plain-language YAML syntax errors, with the tab case spelled out. */
function yamlMessage(code: string, message: string, lineText: string): string {
  const first = message.split("\n")[0] ?? message;
  if (/\t/.test(lineText) && /^\s*\t/.test(lineText)) return `YAML syntax: indent with spaces, not tabs (${first})`;
  if (code === "DUPLICATE_KEY") return `YAML syntax: this key appears twice in the same mapping (${first})`;
  if (/multiple documents/i.test(first)) return "YAML syntax: the config must be a single YAML document (remove the second `---`)";
  return `YAML syntax: ${first}`;
}

function firstAlias(doc: Document): number | null {
  let found: number | null = null;
  const walk = (n: unknown, depth: number): void => {
    if (found !== null || depth > 200) return;
    if (isAlias(n)) {
      found = n.range?.[0] ?? null;
      return;
    }
    if (isMap(n) || isSeq(n)) for (const it of n.items) walk(it, depth + 1);
    else if (isPair(n)) {
      walk(n.key, depth + 1);
      walk(n.value, depth + 1);
    }
  };
  walk(doc.contents, 0);
  return found;
}

/**
 * Start offset of the node at `path`; with `key`, of that key inside the mapping at
 * `path`. Falls back to the nearest ancestor that exists (a missing key points at its
 * parent mapping).
 */
function nodeAt(doc: Document, path: readonly PropertyKey[], key?: string): number | null {
  const chain: YamlNode[] = [];
  let cur: unknown = doc.contents;
  if (isNode(cur)) chain.push(cur);
  for (const seg of path) {
    let next: unknown = undefined;
    if (isMap(cur)) {
      const pair = cur.items.find((p) => keyMatches(p.key, seg));
      next = pair?.value ?? (pair && isNode(pair.key) ? pair.key : undefined);
    } else if (isSeq(cur) && typeof seg === "number") {
      next = cur.items[seg];
    }
    if (!isNode(next)) break;
    chain.push(next);
    cur = next;
  }
  const reachedEnd = chain.length === path.length + (isNode(doc.contents) ? 1 : 0);
  if (key !== undefined && reachedEnd && isMap(cur)) {
    const pair = cur.items.find((p) => keyMatches(p.key, key));
    if (pair && isNode(pair.key) && pair.key.range) return pair.key.range[0];
  }
  for (let i = chain.length - 1; i >= 0; i--) {
    const n = chain[i];
    if (n?.range) {
      // A mapping value that is missing a key: point at the mapping's first key rather than
      // wherever the block's indentation began.
      return n.range[0];
    }
  }
  return null;
}

function keyMatches(k: unknown, seg: PropertyKey): boolean {
  if (isScalar(k)) return String(k.value) === String(seg);
  return false;
}

function pathLabel(path: readonly PropertyKey[]): string {
  let out = "";
  for (const seg of path) {
    if (typeof seg === "number") out += `[${seg}]`;
    else out += out === "" ? String(seg) : `.${String(seg)}`;
  }
  return out;
}

function unknownKeyMessage(path: readonly PropertyKey[], key: string): string {
  const where = path.length === 0 ? "" : `${pathLabel(path)}: `;
  const candidates = candidatesFor(path);
  return `${where}unknown key '${key}'${suggest(key, candidates)}`;
}

/** The keys allowed at a path, for suggestions. */
function candidatesFor(path: readonly PropertyKey[]): string[] {
  const named = path.filter((p) => typeof p === "string");
  const last = named[named.length - 1];
  if (path.length === 0) return TOP_LEVEL_KEYS;
  if (last === "policy") return ["models-inherit", "infer-training"];
  if (last === "weights") return ["globs"];
  if (last === "datasets") return ["name", "role"];
  if (last === "waivers") return ["rule", "dataset", "reason", "expires"];
  return [];
}

type Issue = z.core.$ZodIssue;

function issueMessage(issue: Issue, input: Record<string, unknown>): string {
  const label = pathLabel(issue.path);
  const value = valueAt(input, issue.path);
  const where = label === "" ? "" : `${label}: `;
  switch (issue.code) {
    case "invalid_value":
      return `${where}must be one of ${issue.values.map(String).join(", ")}, not ${show(value)}${suggest(String(value), issue.values.map(String))}`;
    case "invalid_type": {
      if (value === undefined) {
        const field = String(issue.path[issue.path.length - 1]);
        return `${pathLabel(issue.path.slice(0, -1))}: missing required key '${field}'`;
      }
      return `${where}must be ${expected(issue.expected, issue.path)}, not ${show(value)}`;
    }
    case "too_small":
      if (issue.path[issue.path.length - 1] === "reason") return `${where}a waiver needs a reason`;
      return `${where}must not be empty`;
    case "custom":
      return `${where}${issue.message}`;
    default:
      return `${where}${issue.message}`;
  }
}

function expected(type: string, path: readonly PropertyKey[]): string {
  const last = path[path.length - 1];
  if (last === "expires") return "a date written YYYY-MM-DD";
  switch (type) {
    case "boolean":
      return "true or false";
    case "array":
      return "a list";
    case "object":
    case "record":
      return "a mapping";
    case "string":
      return "a string";
    default:
      return `a ${type}`;
  }
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let cur: unknown = root;
  for (const seg of path) {
    if (cur === null || typeof cur !== "object") return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[seg];
  }
  return cur;
}

function dateString(d: Date): string {
  if (Number.isNaN(d.getTime())) return "invalid date";
  const iso = d.toISOString();
  return iso.endsWith("T00:00:00.000Z") ? iso.slice(0, 10) : iso;
}

function show(v: unknown): string {
  if (v === null) return "an empty value";
  if (ArrayBuffer.isView(v)) return "binary data";
  if (v instanceof Set) return "a set";
  if (Array.isArray(v)) return "a list";
  if (typeof v === "object") return "a mapping";
  if (typeof v === "string") return JSON.stringify(v.length > 60 ? `${v.slice(0, 57)}...` : v);
  if (typeof v === "number" || typeof v === "boolean" || typeof v === "bigint") return String(v);
  return typeof v;
}

/** ` (did you mean 'x'?)` when a candidate is close; near misses like `fail_on` or `Rules`. */
export function suggest(word: string, candidates: readonly string[]): string {
  const norm = (s: string): string => s.toLowerCase().replace(/[_\s]+/g, "-");
  const w = norm(word);
  let best: string | null = null;
  let bestD = Infinity;
  for (const c of candidates) {
    const n = norm(c);
    // A prefix of a longer candidate (`warn` → `warning`) counts as one edit.
    const d = n === w ? 0 : w.length >= 3 && (n.startsWith(w) || w.startsWith(n)) ? 1 : levenshtein(w, n);
    if (d < bestD) {
      bestD = d;
      best = c;
    }
  }
  // Two edits, or a third of the word for long ids: close enough to be a typo, far enough
  // not to suggest `rules` for `ignore`.
  const limit = Math.max(2, Math.floor(w.length / 3));
  return best !== null && bestD <= limit ? ` (did you mean '${best}'?)` : "";
}

function levenshtein(a: string, b: string): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > 10) return Math.abs(a.length - b.length);
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length] ?? 0;
}

function clone(c: RepoConfig): RepoConfig {
  return structuredClone(c);
}
