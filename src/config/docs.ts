/**
 * `docs/configuration.md` and `rules/schema/carryover-config.schema.json`, both derived from
 * the zod definition in `options.ts`, so an option is declared (and described) once.
 *
 * Run `npx tsx src/config/docs.ts` to rewrite both files, `--check` to fail when they
 * are stale; `test/config/generated.test.ts` does the check in the test suite.
 */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { configJsonSchema } from "./options.js";
import { CONFIG_PATH } from "./repo-config.js";

/** Repository-relative paths of the generated files. */
export const CONFIG_DOC_PATH = "docs/configuration.md";
export const CONFIG_SCHEMA_PATH = "rules/schema/carryover-config.schema.json";

type JsonSchema = {
  type?: string | string[];
  enum?: unknown[];
  description?: string;
  default?: unknown;
  examples?: unknown[];
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  additionalProperties?: JsonSchema | boolean;
  required?: string[];
  format?: string;
  title?: string;
  minLength?: number;
  pattern?: string;
};

/** The JSON Schema file's exact content (2-space JSON, trailing newline). */
export function configSchemaFile(): string {
  return `${JSON.stringify(configJsonSchema(), null, 2)}\n`;
}

/** An example using every option; the doc shows it and a test parses it. */
export const EXAMPLE_CONFIG = `# ${CONFIG_PATH} — all keys optional
enabled: true
fail-on: error
policy:
  models-inherit: strict
  infer-training: true
weights:
  globs: ["**/*.weights", "checkpoints/**"]
ignore: ["third_party/**", "docs/legacy/**"]
datasets:
  - name: ms1mv2
    role: training
rules:
  retracted-dataset: warning
waivers:
  - rule: noncommercial-not-carried-over
    dataset: imagenet-1k
    reason: "Counsel reviewed; weights are research-only in practice"
    expires: 2027-06-30
steward: [ms-celeb-1m]
`;

function typeOf(s: JsonSchema): string {
  if (s.enum) return s.enum.map((v) => `\`${String(v)}\``).join(" | ");
  if (s.type === "array") return `list of ${s.items ? plural(typeOf(s.items)) : "values"}`;
  if (s.type === "object" && s.additionalProperties && typeof s.additionalProperties === "object") {
    return `map: rule id (kebab-case) → ${typeOf(s.additionalProperties)}`;
  }
  if (s.type === "object") return s.title ? `${s.title.toLowerCase()}s` : "mapping";
  if (s.type === "string" && s.format === "date") return "date `YYYY-MM-DD`";
  if (s.type === "string" && s.pattern === "^[a-z0-9]+(?:-[a-z0-9]+)*$") return "rule id (kebab-case)";
  if (s.type === "string" && s.minLength) return "non-empty string";
  return Array.isArray(s.type) ? s.type.join(" | ") : (s.type ?? "any");
}

function plural(t: string): string {
  return /string$/.test(t) ? `${t}s` : t;
}

function cell(s: string): string {
  return s.replace(/\|/g, "\\|").replace(/\n/g, " ");
}

/** Rows `key | type | default | description`, nested keys as `a.b` and `a[].b`. */
function rows(props: Record<string, JsonSchema>, required: string[], prefix: string): string[] {
  const out: string[] = [];
  for (const [key, s] of Object.entries(props)) {
    const name = `${prefix}${key}`;
    const def = s.default !== undefined ? `\`${JSON.stringify(s.default)}\`` : required.includes(key) ? "required" : "—";
    let type = typeOf(s);
    if (s.type === "array" && s.items?.type === "object") type = "list of mappings (below)";
    if (s.type === "object" && s.properties) type = "mapping (below)";
    out.push(`| \`${name}\` | ${cell(type)} | ${cell(def)} | ${cell(s.description ?? "")} |`);
    if (s.type === "object" && s.properties) out.push(...rows(s.properties, s.required ?? [], `${name}.`));
    if (s.type === "array" && s.items?.properties) out.push(...rows(s.items.properties, s.items.required ?? [], `${name}[].`));
  }
  return out;
}

/** The Markdown of `docs/configuration.md`. */
export function configurationDoc(): string {
  const schema = configJsonSchema() as JsonSchema;
  const table = ["| Key | Type | Default | Description |", "| --- | --- | --- | --- |", ...rows(schema.properties ?? {}, [], "")];
  return [
    "<!-- Generated from src/config/options.ts by `npx tsx src/config/docs.ts`; do not edit by hand. -->",
    "# Configuration: `.github/carryover.yml`",
    "",
    `carryover reads one optional file, \`${CONFIG_PATH}\`, from the scanned repository. Every key is optional: an`,
    "absent or empty file means the defaults below, and an empty key (`rules:` with nothing under it) means that key's",
    "default.",
    "",
    "## Example",
    "",
    "```yaml",
    EXAMPLE_CONFIG.trimEnd(),
    "```",
    "",
    "## Options",
    "",
    ...table,
    "",
    "## Waivers",
    "",
    "A waiver accepts the findings of one rule, for one dataset (`dataset:` matches the finding's dataset or the",
    "ancestor it inherits from) or for all of them. `reason` is required and is shown wherever the waiver is listed.",
    "From the day after `expires` (UTC) the finding is reported again, together with a finding that points at the",
    "expired waiver's line in this file.",
    "",
    "## Errors",
    "",
    "The file is validated as a whole and every problem is reported with its line and column, the offending line",
    "quoted, so that the GitHub App can report them on its check run instead of scanning with a half-understood",
    "config. It is an error to use:",
    "",
    "- an unknown key (near misses get a hint: `fail_on` → did you mean `fail-on`?);",
    "- a value outside its list (`fail-on: fatal`), or of the wrong type (`enabled: yes`: YAML 1.2 booleans are `true`/`false`);",
    "- an unknown rule id under `rules:` or in a waiver, or a `steward:` entry that is not a registry dataset id;",
    "- a waiver without a `reason`, or an `expires` that is not a calendar date `YYYY-MM-DD`;",
    "- YAML syntax errors, tabs used for indentation, duplicate keys, several documents in one file, a top-level list;",
    "- more than 100 alias expansions (a guard against \"billion laughs\" files), nesting deeper than 64 brackets or 256",
    "  columns of indentation, a file over 1 MiB, or bytes that are not UTF-8.",
    "",
    "## Editor support",
    "",
    `The JSON Schema of this file is \`${CONFIG_SCHEMA_PATH}\`. With the YAML language server, add`,
    "`# yaml-language-server: $schema=<path or URL of that file>` as the first line.",
    "",
    "carryover reports what dataset terms say; it is not legal advice.",
    "",
  ].join("\n");
}

/** The generated files, keyed by repository-relative path. */
export function configArtifacts(): Record<string, string> {
  return { [CONFIG_DOC_PATH]: configurationDoc(), [CONFIG_SCHEMA_PATH]: configSchemaFile() };
}

/** Write (or with `check`, compare) the generated files under `root`; returns the stale paths. */
export function writeConfigArtifacts(root: string, check = false): string[] {
  const stale: string[] = [];
  for (const [rel, content] of Object.entries(configArtifacts())) {
    const file = path.join(root, rel);
    let current: string | null;
    try {
      current = readFileSync(file, "utf8");
    } catch {
      current = null;
    }
    if (current === content) continue;
    stale.push(rel);
    if (!check) writeFileSync(file, content);
  }
  return stale;
}

const invokedDirectly = process.argv[1] !== undefined && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href;
if (invokedDirectly) {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
  const check = process.argv.includes("--check");
  const stale = writeConfigArtifacts(root, check);
  if (check && stale.length > 0) {
    process.stderr.write(`stale: ${stale.join(", ")} (run npx tsx src/config/docs.ts)\n`);
    process.exitCode = 1;
  } else if (!check) {
    process.stdout.write(stale.length ? `wrote ${stale.join(", ")}\n` : "up to date\n");
  }
}
