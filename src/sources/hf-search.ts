/**
 * Models on the Hugging Face Hub that declare a dataset: `GET /api/models?filter=dataset:<id>` through
 * `@huggingface/hub`'s `listModels`, with `tags` and `cardData` expanded. The Hub derives a `dataset:<id>` tag from
 * each card's `datasets:` list and a `license:<id>` tag from its `license:` (both as in
 * `/api/models/google-bert/bert-base-uncased`: "dataset:bookcorpus", "license:apache-2.0"). A dataset steward's
 * view: which public models say they were trained on this dataset, and under which license they ship.
 */
import { listModels } from "@huggingface/hub";
import { DEFAULT_HUB_URL } from "./huggingface.js";

/** One model that declares the dataset. */
export interface DatasetModel {
  /** `org/name`. */
  id: string;
  private: boolean;
  /** The Hub's gating mode, or false. */
  gated: false | "auto" | "manual";
  /** The card's license (`license:` tags first, else `cardData.license`; `other` with its `license_name`), or null. */
  license: string | null;
  /** ISO date of the last commit. */
  lastModified: string;
  /** Every dataset the model declares (its `dataset:` tags, else `cardData.datasets`). */
  datasets: string[];
}

export interface FindModelsOptions {
  hubUrl?: string;
  token?: string;
  /** At most this many models (default 100; the Hub pages by 500 at most). */
  limit?: number;
  fetch?: typeof fetch;
}

const strings = (v: unknown): string[] =>
  typeof v === "string" ? [v] : Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];

/** The license a model's tags and card state. */
export function licenseOf(tags: readonly string[], cardData: Record<string, unknown> | undefined): string | null {
  const tagged = tags.filter((t) => t.startsWith("license:")).map((t) => t.slice("license:".length));
  const declared = tagged.length ? tagged : strings(cardData?.["license"]);
  if (!declared.length) return null;
  const name = strings(cardData?.["license_name"])[0];
  return declared.map((l) => (l === "other" && name ? name : l)).join(" AND ");
}

/** Models whose cards declare `datasetTag` (a Hub dataset id, e.g. `ILSVRC/imagenet-1k`), most downloaded first. */
export async function findModelsByDataset(datasetTag: string, opts: FindModelsOptions = {}): Promise<DatasetModel[]> {
  const tag = datasetTag.startsWith("dataset:") ? datasetTag : `dataset:${datasetTag}`;
  const out: DatasetModel[] = [];
  for await (const m of listModels({
    search: { tags: [tag] },
    additionalFields: ["tags", "cardData"],
    limit: opts.limit ?? 100,
    sort: "downloads",
    hubUrl: (opts.hubUrl ?? DEFAULT_HUB_URL).replace(/\/+$/, ""),
    ...(opts.token ? { accessToken: opts.token } : {}),
    ...(opts.fetch ? { fetch: opts.fetch } : {}),
  })) {
    const tags = m.tags ?? [];
    const card = m.cardData as Record<string, unknown> | undefined;
    const tagged = tags.filter((t) => t.startsWith("dataset:")).map((t) => t.slice("dataset:".length));
    out.push({
      id: m.name,
      private: m.private,
      gated: m.gated,
      license: licenseOf(tags, card),
      lastModified: m.updatedAt.toISOString(),
      datasets: tagged.length ? tagged : strings(card?.["datasets"]),
    });
  }
  return out;
}
