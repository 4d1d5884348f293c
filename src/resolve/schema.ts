/**
 * Schema of one dataset entry in `rules/datasets/<id>.yml`.
 *
 * The registry is data, never code: every fact a rule acts on lives here with the
 * URL that supports it. `npm run schema` writes the JSON Schema editors use to
 * `rules/schema/dataset.schema.json` from this one definition.
 */
import { z } from "zod";

/** Kebab-case id, also the file name: `ms-celeb-1m`, `imagenet-21k-fall11`. */
export const DatasetId = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "ids are kebab-case: lowercase letters, digits and single dashes");

const Url = z.string().regex(/^https?:\/\/\S+$/, "a source must be an http(s) URL");

/** Where a fact comes from. `verified: true` only when the URL (or a faithful copy of it) was read. */
export const Source = z
  .object({
    url: Url,
    supports: z.string().min(1).describe("what this source supports, in a sentence"),
    kind: z.enum(["primary", "mirror", "secondary", "press", "paper", "issue"]).default("primary"),
    verified: z.boolean().describe("true when the text was read; false for a canonical URL that could not be read"),
  })
  .strict();

export const Commercial = z.enum(["allowed", "forbidden", "unclear"]);

/** What the dataset's terms say about models or weights trained on it. */
export const ModelsTerm = z
  .object({
    says: z.boolean().describe("true only when the terms themselves mention trained models, weights or outputs"),
    restriction: z
      .enum(["non-commercial", "research-only", "same-license", "no-competing-models", "none", "unclear"])
      .describe("what the terms impose on trained models; 'none' when they say models are free of the terms"),
    quote: z.string().min(1).optional(),
    source: Url.optional(),
    note: z.string().optional(),
  })
  .strict();

export const Terms = z
  .object({
    commercial: Commercial,
    research_only: z.boolean().default(false),
    share_alike: z.boolean().default(false),
    no_derivatives: z.boolean().default(false),
    redistribution: z.enum(["allowed", "forbidden", "conditional", "unclear"]).default("unclear"),
    attribution: z.enum(["required", "not-required", "unclear"]).default("unclear"),
    models: ModelsTerm,
    note: z.string().optional(),
    source: Url.describe("the URL that states these terms"),
  })
  .strict();

export const License = z
  .object({
    spdx: z.string().min(1).nullable().describe("SPDX expression, or null when none applies"),
    ref: z.string().regex(/^LicenseRef-[A-Za-z0-9.-]+$/).optional().describe("LicenseRef-… for a known non-SPDX license"),
    quote: z.string().min(1).describe("a short quote of the license or terms"),
    source: Url,
  })
  .strict();

export const StatusState = z.enum(["active", "retracted", "deprecated", "defunct"]);

export const Status = z
  .object({
    state: StatusState,
    date: z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/).nullable().optional(),
    by: z.string().nullable().optional(),
    statement: z.string().nullable().optional(),
    url: Url.nullable().optional(),
    superseded_by: DatasetId.optional().describe("for a deprecated version: the id that replaces it"),
    verified: z.boolean().default(false),
  })
  .strict();

export const Parent = z
  .object({
    id: DatasetId,
    relation: z.string().describe("subset, cleaned version, re-annotation, images from, …"),
    kind: z
      .enum(["derived", "component"])
      .default("derived")
      .describe("derived: every item comes from the parent (a subset, a cleaned or re-aligned version, a relabelling), so its terms and status carry over in full; component: the parent is one part of a mixture (The Pile ⊃ Books3), reported more softly"),
  })
  .strict();

/** Who licenses a dataset: a repository or Hub organisation of theirs that publishes models of it is bound by no carry-over. */
export const Publisher = z
  .object({
    name: z.string().min(1),
    github: z.array(z.string().regex(/^[A-Za-z0-9_.-]+$/)).default([]).describe("GitHub owners (users or organisations) that speak for the licensor"),
    hf: z.array(z.string().regex(/^[A-Za-z0-9_.-]+$/)).default([]).describe("Hugging Face organisations that speak for the licensor"),
    source: Url.optional().describe("where the licensor is named"),
  })
  .strict();

export const Version = z
  .object({
    name: z.string(),
    aliases: z.array(z.string()).default([]),
    date: z.string().optional(),
    note: z.string().optional(),
  })
  .strict();

/** How an alias may match. Ambiguous names ("CC", "IN", "duke") need context and never match alone. */
export const Match = z
  .object({
    context_only: z
      .array(z.string())
      .default([])
      .describe("aliases that match only next to a training/evaluation phrase, in a dataset field, or in a checkpoint name"),
    case_sensitive: z.array(z.string()).default([]).describe("aliases that must match with exactly this case"),
    checkpoint: z
      .array(z.string())
      .default([])
      .describe("tokens in checkpoint or config names that signal this dataset, e.g. in21k, ms1mv3"),
  })
  .strict();

export const Dataset = z
  .object({
    id: DatasetId,
    name: z.string().min(1),
    modality: z.enum(["image", "video", "audio", "text", "multimodal", "3d", "tabular", "other"]),
    aliases: z.array(z.string().min(1)).default([]),
    hf: z.array(z.string().regex(/^[\w.-]+(\/[\w.-]+)?$/)).default([]),
    match: Match.default({ context_only: [], case_sensitive: [], checkpoint: [] }),
    license: License,
    terms: Terms,
    status: Status,
    publisher: Publisher.optional(),
    parents: z.array(Parent).default([]),
    versions: z.array(Version).default([]),
    sources: z.array(Source).min(1),
    verification: z.enum(["verified", "partial", "unverified"]),
    unverified: z.array(z.string()).default([]).describe("facts in this entry that could not be checked against a source"),
    conflicts: z.array(z.string()).default([]).describe("where sources disagree"),
    notes: z.string().optional(),
  })
  .strict();

export type Dataset = z.infer<typeof Dataset>;
export type DatasetInput = z.input<typeof Dataset>;
export type Terms = z.infer<typeof Terms>;
export type Status = z.infer<typeof Status>;
export type Source = z.infer<typeof Source>;
