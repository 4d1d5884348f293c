/**
 * The typed results that flow through the pipeline:
 * sources → detect → resolve → evaluate → report → publish.
 *
 * `ScanResult` is public (the JSON report). Extend it; never rename a field; bump
 * `schemaVersion` only for a breaking change.
 */

/** Ordered: error > warning > info. */
export type Severity = "error" | "warning" | "info";
export const SEVERITIES: readonly Severity[] = ["info", "warning", "error"];
export const severityRank = (s: Severity): number => SEVERITIES.indexOf(s);

/** The restriction vocabulary shared by licenses, dataset terms and findings. */
export type Clause =
  | "non-commercial"
  | "share-alike"
  | "no-derivatives"
  | "research-only"
  | "no-redistribution"
  | "use-restrictions"
  | "attribution";
export const CLAUSES: readonly Clause[] = [
  "non-commercial",
  "share-alike",
  "no-derivatives",
  "research-only",
  "no-redistribution",
  "use-restrictions",
  "attribution",
];

/** A quoted line inside the scanned target. `line` starts at 1; 0 means the file as a whole. */
export interface Evidence {
  path: string;
  line: number;
  text: string;
}

/** What a license statement governs. */
export type LicenseScope = "repository" | "weights" | "code" | "data" | "third-party" | "unknown";

/** One identified license statement. */
export interface LicenseHit {
  /** SPDX id or expression, a `LicenseRef-…` for a known non-SPDX license, or null. */
  spdx: string | null;
  scope: LicenseScope;
  clauses: Clause[];
  /** 0–100. */
  confidence: number;
  source: Evidence;
  /** Which matcher fired: exact, dice, cc-notice, ai-license, prose, model-card, reuse, … */
  matcher?: string;
  /** Human name when known (e.g. "CreativeML OpenRAIL-M"). */
  name?: string;
}

export type WeightKind = "file" | "lfs-pointer" | "lfs-pattern" | "link" | "hub";

/** A place the repository publishes weights. */
export interface WeightRef {
  /** Repo path of the file, or the URL for a link. */
  ref: string;
  kind: WeightKind;
  /** Hosting for links: github-release, huggingface, google-drive, dropbox, onedrive, baidu-pan, torch-hub, cdn, … */
  host?: string;
  size?: number;
  evidence: Evidence;
}

export type DatasetRole = "training" | "evaluation" | "unclear";

/** One place a dataset is named. */
export interface DatasetMention {
  /** As written. */
  name: string;
  /** Registry id it resolved to, or null for an unknown dataset. */
  id: string | null;
  role: DatasetRole;
  /** How it was found: front-matter, prose, table, config, checkpoint, declared, base-model. */
  via: string;
  evidence: Evidence;
  /** The mention sits in a section that says its weights are not published. */
  withheld?: boolean;
  /** The mention shares a table row or a document section with a weights download link. */
  linked?: boolean;
  /** Found through a well-known checkpoint (rules/models/checkpoints.yml): which one, and where its publisher says what trained it. */
  checkpoint?: { id: string; name: string; source: string };
}

export interface Finding {
  /** Rule id, kebab-case, = the rule's file name. */
  rule: string;
  severity: Severity;
  /** Registry id the mention resolved to, or the name as written for an unknown dataset; null when not about a dataset. */
  dataset: string | null;
  /** The ancestor whose term or status is at stake (may equal `dataset`). */
  origin: string | null;
  message: string;
  /** A concrete fix, Markdown allowed. */
  fix: string;
  /** Lines inside the scanned target that support the finding; the first is the primary location. */
  evidence: Evidence[];
  /** URLs of the dataset terms, status statements or licenses the finding rests on. */
  sources: string[];
  /** Stable across runs and line moves: rule + dataset + origin + subject. */
  fingerprint: string;
  /** Weight refs the finding concerns. */
  weights: string[];
  /** How settled the legal reading is: share-alike on weights is `medium`. */
  confidence?: "high" | "medium" | "low";
}

/** A problem reading the target that did not stop the scan (binary LICENSE, invalid UTF-8, symlink out of tree…). */
export interface ScanNote {
  path: string;
  level: "warning" | "info";
  message: string;
}

export interface ScanResult {
  schemaVersion: 1;
  tool: { name: "carryover"; version: string };
  /** What was scanned: a path, `github:owner/repo@ref`, `hf:owner/model`. */
  target: string;
  licenses: LicenseHit[];
  weights: WeightRef[];
  datasets: DatasetMention[];
  findings: Finding[];
  notes: ScanNote[];
  /** The configuration the scan applied: where it came from, its fail-on threshold, whether the app should run. */
  config?: {
    path: string | null;
    failOn: "error" | "warning" | "info" | "never";
    enabled: boolean;
    /** `steward:` (registry ids this repository's owners maintain; the app keeps their "Derivatives of" issues here); absent when empty. */
    steward?: string[];
  };
  /** Registry facts for every dataset named in `datasets` and their ancestors, keyed by id (for lineage graphs). */
  lineage: Record<string, LineageNode>;
  /** Models these weights are built on (a model card's `base_model`, followed hop by hop), nearest first. */
  baseModels?: BaseModelLink[];
}

/** One hop of a model's base-model chain. */
export interface BaseModelLink {
  /** As the card names it: a Hugging Face model id (`org/name`) or a name. */
  id: string;
  /** The card's `base_model_relation` (Hugging Face's vocabulary); null when the card does not say. */
  relation: "finetune" | "adapter" | "merge" | "quantized" | null;
  /** The model whose card names this base: the scanned target for a direct base, else the previous hop's id. */
  of: string;
  /** 1 for a direct base. */
  depth: number;
  /** The base's license as its card or license file states it (SPDX, LicenseRef or HF license id); null when unknown. */
  license: string | null;
  /** Datasets the base's card declares (registry ids where they resolve, else as written). */
  datasets: string[];
  /** Where the link is stated: the child's card line. */
  evidence: Evidence;
  /** True when the base's card was read; otherwise `note` says why not (depth limit, cycle, not found, no network). */
  followed: boolean;
  note?: string;
}

/** One dataset in a lineage graph. */
export interface LineageNode {
  id: string;
  name: string;
  parents: string[];
  status: "active" | "retracted" | "deprecated" | "defunct";
  /** SPDX expression or LicenseRef of the dataset's own license. */
  license: string | null;
  /** URLs of the registry's license and terms statements, then of its status statement (`statusSource`), without duplicates. */
  sources: string[];
  /** URL of the statement the status rests on (a retraction notice); absent when the registry gives none. */
  statusSource?: string;
}
