/** findModelsByDataset against nock with the Hub's model-listing shape (fixtures/hf/models-by-dataset.json). */
import { readFileSync } from "node:fs";
import nock from "nock";
import { describe, expect, it } from "vitest";
import { findModelsByDataset, licenseOf } from "../../src/sources/hf-search.js";

const MODELS = JSON.parse(readFileSync(new URL("./fixtures/hf/models-by-dataset.json", import.meta.url), "utf8")) as unknown[];

describe("findModelsByDataset", () => {
  it("asks the Hub for models tagged dataset:<id> and reads id, gating, license, date and datasets", async () => {
    const scope = nock("https://hub.corp.example", { reqheaders: { authorization: "Bearer hf_steward" } })
      .get("/api/models")
      .query((q) => {
        const expand = ([] as string[]).concat(q["expand"] as string | string[]);
        return q["filter"] === "dataset:ILSVRC/imagenet-1k" && q["limit"] === "50" && q["sort"] === "downloads" && expand.includes("tags") && expand.includes("cardData");
      })
      .reply(200, MODELS, { "content-type": "application/json" });
    const r = await findModelsByDataset("ILSVRC/imagenet-1k", { hubUrl: "https://hub.corp.example/", token: "hf_steward", limit: 50 });
    expect(scope.isDone()).toBe(true);
    expect(r).toEqual([
      { id: "acme/vit-base-in1k", private: false, gated: false, license: "apache-2.0", lastModified: "2025-03-14T09:21:07.000Z", datasets: ["ILSVRC/imagenet-1k"] },
      { id: "labs/convnext-research", private: false, gated: "manual", license: "labs-research-license", lastModified: "2024-11-02T17:45:30.000Z", datasets: ["ILSVRC/imagenet-1k", "ILSVRC/imagenet-21k"] },
      { id: "someone/tiny-classifier", private: false, gated: false, license: null, lastModified: "2023-06-30T08:00:00.000Z", datasets: ["ILSVRC/imagenet-1k"] },
    ]);
  });

  it("stops at the limit", async () => {
    nock("https://huggingface.co").get("/api/models").query(true).reply(200, MODELS, { "content-type": "application/json" });
    expect((await findModelsByDataset("dataset:ILSVRC/imagenet-1k", { limit: 2 })).map((m) => m.id)).toEqual(["acme/vit-base-in1k", "labs/convnext-research"]);
  });

  it("a Hub error surfaces as an error", async () => {
    nock("https://huggingface.co").get("/api/models").query(true).reply(500, JSON.stringify({ error: "Internal Error" }), { "content-type": "application/json" });
    await expect(findModelsByDataset("x/y")).rejects.toThrow(/Internal Error/);
  });
});

describe("licenseOf", () => {
  it("prefers license: tags, then the card, and names an 'other' license by its license_name", () => {
    expect(licenseOf(["license:mit"], { license: "apache-2.0" })).toBe("mit");
    expect(licenseOf([], { license: ["cc-by-nc-4.0"] })).toBe("cc-by-nc-4.0");
    expect(licenseOf(["license:other"], { license_name: "acme-license" })).toBe("acme-license");
    expect(licenseOf([], undefined)).toBeNull();
  });
});
