/**
 * Reading `rules/datasets/*.yml`: YAML with line numbers, then the zod schema. Shared by the
 * registry loader (which throws on the first problem) and `rules lint` (which lists them all).
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { isMap, isNode, LineCounter, parseDocument, type Document } from "yaml";
import type { z } from "zod";
import { Dataset } from "./schema.js";

/** What `rules lint` can complain about; one kind per check so a fixture can target exactly one. */
export type LintKind =
  | "yaml"
  | "empty"
  | "schema"
  | "file-name"
  | "duplicate-id"
  | "duplicate-name"
  | "common-word"
  | "short-alias"
  | "parent-cycle"
  | "unknown-parent"
  | "missing-source"
  | "unknown-superseded-by";

/** One registry problem, reported as `file:line: message`. */
export interface LintProblem {
  /** File name relative to the registry directory, e.g. `ms1mv2.yml`. */
  file: string;
  /** 1-based line in that file, when the problem has a place. */
  line?: number;
  message: string;
  kind: LintKind;
}

/** One `.yml` file as read: the validated entry (when valid) and how to find lines in it. */
export interface EntryFile {
  file: string;
  /** Validated entry with defaults applied; undefined when the YAML or the schema rejected it. */
  data?: Dataset;
  /** Locates a path (`["terms", "models", "quote"]`) in the file; the nearest existing ancestor's line. */
  lineOf(path: readonly PropertyKey[]): number | undefined;
  problems: LintProblem[];
}

/** Absolute directory path from a path or `file:` URL. */
export function dirPath(dir: string | URL): string {
  return dir instanceof URL ? fileURLToPath(dir) : dir;
}

/** The registry's `.yml` file names, sorted (so every listing and error order is deterministic). */
export function listEntryFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith(".yml") || f.endsWith(".yaml"))
    .sort();
}

/** Reads, parses and validates one entry. Never throws for a bad file: problems are returned. */
export function readEntry(dir: string, file: string): EntryFile {
  const text = readFileSync(join(dir, file), "utf8");
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: false, uniqueKeys: true });
  const lineAt = (offset: number | undefined): number | undefined => (offset === undefined ? undefined : lc.linePos(offset).line);
  const lineOf = (path: readonly PropertyKey[]): number | undefined => nodeLine(doc, path, lineAt);
  const problems: LintProblem[] = [];
  const entry: EntryFile = { file, lineOf, problems };
  if (doc.errors.length) {
    for (const e of doc.errors) problems.push({ file, line: lineAt(e.pos[0]), message: `YAML: ${e.message.split("\n")[0]}`, kind: "yaml" });
    return entry;
  }
  const raw: unknown = doc.toJS();
  if (raw === null || raw === undefined) {
    problems.push({ file, line: 1, message: "the file holds no entry (empty or only comments)", kind: "empty" });
    return entry;
  }
  const parsed = Dataset.safeParse(raw);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) problems.push({ file, line: lineOf(issue.path), message: schemaMessage(issue), kind: "schema" });
    return entry;
  }
  entry.data = parsed.data;
  return entry;
}

function schemaMessage(issue: z.core.$ZodIssue): string {
  const where = issue.path.length ? issue.path.map(String).join(".") : "(entry)";
  return `${where}: ${issue.message}`;
}

/** Line of the deepest node on `path` that exists (a missing key reports its parent's line). */
function nodeLine(doc: Document, path: readonly PropertyKey[], lineAt: (o: number | undefined) => number | undefined): number | undefined {
  for (let depth = path.length; depth >= 0; depth--) {
    const sub = path.slice(0, depth);
    const node = depth === 0 ? doc.contents : doc.getIn(sub as unknown[], true);
    if (isNode(node) && node.range) {
      // For a key whose value is a map, point at the key line rather than the first nested key.
      if (depth > 0 && isMap(node)) {
        const parent = depth === 1 ? doc.contents : doc.getIn(sub.slice(0, -1) as unknown[], true);
        if (isMap(parent)) {
          const pair = parent.items.find((p) => isNode(p.key) && (p.key as { value?: unknown }).value === sub[sub.length - 1]);
          if (pair && isNode(pair.key) && pair.key.range) return lineAt(pair.key.range[0]);
        }
      }
      return lineAt(node.range[0]);
    }
  }
  return undefined;
}

/** Reads every entry of a registry directory. */
export function readRegistryDir(dir: string | URL): EntryFile[] {
  const path = dirPath(dir);
  return listEntryFiles(path).map((f) => readEntry(path, f));
}
