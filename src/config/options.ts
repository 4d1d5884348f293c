/**
 * Every option of `.github/carryover.yml`, declared once.
 *
 * This zod schema is the single definition: `parseRepoConfig` validates with it,
 * `configJsonSchema()` derives `rules/schema/carryover-config.schema.json` from it, and
 * `docs/configuration.md` is generated from that JSON Schema. Keys are kebab-case as
 * written in YAML; `repo-config.ts` maps them to the camelCase `RepoConfig`.
 */
import { z } from "zod";

/** Severities a rule can be set to, plus `off`. Mirrors `Severity` in src/core/types.ts. */
export const RULE_LEVELS = ["error", "warning", "info", "off"] as const;
/** `fail-on` thresholds: the lowest severity that fails the check / exits 1; `never` never fails. */
export const FAIL_ON = ["error", "warning", "info", "never"] as const;
/** Whether training on a dataset counts as deriving from it. */
export const MODELS_INHERIT = ["strict", "warn", "off"] as const;
/** Roles a declared dataset can have (a declaration is never `unclear`). */
export const DECLARED_ROLES = ["training", "evaluation"] as const;

/** `YYYY-MM-DD` that is a real calendar day (2027-02-30 is rejected). */
export function isIsoDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = new Date(Date.UTC(y, mo - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d;
}

const IsoDate = z
  .string()
  .refine(isIsoDate, { message: "must be a calendar date written YYYY-MM-DD, e.g. 2027-06-30" })
  .meta({ format: "date" });

/** Rule ids are kebab-case, like the rule's file name. */
export const RULE_ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const RuleId = z.string().regex(RULE_ID_PATTERN, { message: "rule ids are kebab-case, e.g. retracted-dataset" });

const Glob = z.string().min(1, { message: "a glob must not be empty" });

/** One dataset the repository trained on (or evaluated on) that its documents do not name. */
export const DeclaredDatasetOption = z
  .object({
    name: z
      .string()
      .min(1)
      .describe("Registry id, alias or Hugging Face dataset id (`ms1mv2`, `MS1M-ArcFace`, `imagenet-1k`); an unknown name is kept as written and reported as unresolved."),
    role: z.enum(DECLARED_ROLES).default("training").describe("`training` (the weights derive from it) or `evaluation` (only measured on it)."),
  })
  .strict()
  .meta({ title: "Declared dataset" });

/** An accepted finding. */
export const WaiverOption = z
  .object({
    rule: RuleId.describe("Id of the rule whose findings this waiver accepts."),
    dataset: z
      .string()
      .min(1)
      .optional()
      .describe("Only findings about this dataset (registry id, or the name as written for an unknown dataset). Omit to waive the rule for every dataset."),
    reason: z.string().trim().min(1, { message: "a waiver needs a reason" }).describe("Why the finding is accepted; shown in reports. Required."),
    expires: IsoDate.optional().describe("Last day (`YYYY-MM-DD`, UTC) the waiver holds. After it the finding is reported again, together with a finding for the expired waiver."),
  })
  .strict()
  .meta({ title: "Waiver" });

/** The whole file. Every key is optional; an empty file means all defaults. */
export const RepoConfigOptions = z
  .object({
    enabled: z.boolean().default(true).describe("`false` makes the GitHub App skip this repository (no check run, no issue). The CLI ignores it."),
    "fail-on": z
      .enum(FAIL_ON)
      .default("error")
      .describe("Lowest finding severity that makes the check run conclude `failure` and `carryover scan` exit 1. `never` always passes."),
    policy: z
      .object({
        "models-inherit": z
          .enum(MODELS_INHERIT)
          .default("strict")
          .describe("Does training on a dataset count as deriving from it? `strict`: yes, dataset terms bind the weights; `warn`: findings that rest only on that reading are lowered to warnings; `off`: only terms that name trained models explicitly are applied."),
        "infer-training": z
          .boolean()
          .default(true)
          .describe("When weights are published and no document says what trained them, take the datasets the docs name outside evaluation (prose, tables, headings) as their training data. Such findings are at most warnings, with low confidence, and say they are inferred. `false` reports only stated training data."),
      })
      .strict()
      .default({ "models-inherit": "strict", "infer-training": true })
      .describe("How dataset terms are read."),
    weights: z
      .object({
        globs: z
          .array(Glob)
          .default([])
          .describe("Extra globs (minimatch, relative to the repository root) for files that are weights, on top of the built-in extensions (`.pt`, `.safetensors`, …)."),
      })
      .strict()
      .default({ globs: [] })
      .describe("Where the repository keeps weights."),
    ignore: z.array(Glob).default([]).describe("Globs (minimatch) of paths never scanned: vendored code, old docs."),
    datasets: z
      .array(DeclaredDatasetOption)
      .default([])
      .describe("Datasets the weights were trained or evaluated on that the README and model cards do not name. Treated like a mention at this line of the config."),
    rules: z
      .record(RuleId, z.enum(RULE_LEVELS))
      .default({})
      .describe("Per-rule severity: `rule-id: error | warning | info | off`. Unknown rule ids are errors.")
      .meta({ examples: [{ "retracted-dataset": "warning" }] }),
    waivers: z
      .array(WaiverOption)
      .default([])
      .describe("Findings the maintainers have reviewed and accept. A waived finding is not reported; an expired waiver is itself a finding."),
    steward: z
      .array(z.string().min(1))
      .default([])
      .describe("Registry ids of datasets this repository's owners publish or maintain (`ms-celeb-1m`, `laion-5b`). The GitHub App keeps one \"Derivatives of <dataset>\" issue here per id: the public repositories and Hugging Face models trained on it and whether its terms carried over (see docs/stewards.md). Every id must be in the registry (docs/registry.md).")
      .meta({ examples: [["ms-celeb-1m"]] }),
  })
  .strict()
  .meta({
    title: "carryover repository configuration (.github/carryover.yml)",
    description: "Configuration of carryover for one repository. All keys are optional.",
  });

/** The validated YAML shape (kebab-case keys, defaults applied). */
export type RepoConfigFile = z.output<typeof RepoConfigOptions>;

/** Top-level keys, for "did you mean" hints. */
export const TOP_LEVEL_KEYS = Object.keys(RepoConfigOptions.shape);

/**
 * The JSON Schema of `.github/carryover.yml` (draft 2020-12), derived from the zod schema.
 * Written to `rules/schema/carryover-config.schema.json`; a test keeps the file up to date.
 */
export function configJsonSchema(): Record<string, unknown> {
  // No $id: the repository's public URL is not settled; editors bind the file via
  // `# yaml-language-server: $schema=…` or their own schema mapping.
  return z.toJSONSchema(RepoConfigOptions, { io: "input", target: "draft-2020-12" });
}
