// Shared helpers for the registry tests: fixture paths and in-memory entries.
import { fileURLToPath } from "node:url";
import { Dataset, type DatasetInput } from "../../src/resolve/schema.js";

/** `test/resolve/fixtures/<name>/`. */
export const fixture = (name: string): string => fileURLToPath(new URL(`./fixtures/${name}/`, import.meta.url));

/** The real registry shipped in the repository. */
export const realRegistryDir = fileURLToPath(new URL("../../rules/datasets/", import.meta.url));

/** A schema-valid synthetic entry; `over` replaces top-level fields. */
export function entry(id: string, over: Partial<DatasetInput> = {}): Dataset {
  return Dataset.parse({
    id,
    name: id.toUpperCase(),
    modality: "image",
    license: { spdx: "CC-BY-4.0", quote: "CC BY 4.0", source: `https://example.org/${id}/license` },
    terms: { commercial: "allowed", models: { says: false, restriction: "unclear" }, source: `https://example.org/${id}/terms` },
    status: { state: "active" },
    sources: [{ url: `https://example.org/${id}/license`, supports: "the license", verified: true }],
    verification: "verified",
    ...over,
  });
}
