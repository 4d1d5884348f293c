// A model zoo whose first column names each row's training data ("| Datasets | Backbone | … | Download |"):
// the column says what the weights were trained on; it does not make the download links data.
import { describe, expect, it } from "vitest";
import { detectWeights } from "../../../src/detect/weights.js";

const refs = (t: string) => detectWeights({ files: [{ path: "README.md", size: t.length, type: "file" }], texts: new Map([["README.md", t]]) }).map((w) => w.ref);
const zoo = (col: string, link: string) => `# ArcFace\n\n## Model Zoo\n\n| ${col} | Backbone | IJB-C | Download |\n|:---|:---|:---|:---|\n| MS1MV3 | r100 | 97.23 | ${link} |\n`;

describe("detect/weights: model-zoo tables with a dataset column", () => {
  it.each(["Datasets", "Dataset", "Training data", "Train set"])("a '%s' column does not turn the download links into data", (col) => {
    expect(refs(zoo(col, "[gdrive](https://drive.google.com/file/d/1abcdefghijklmnopqrstuvwxyz/view)"))).toEqual(["https://drive.google.com/file/d/1abcdefghijklmnopqrstuvwxyz/view"]);
    expect(refs(zoo(col, "[onedrive](https://1drv.ms/u/s!AswpsDO2toNKrUy0VktHTWgIQ0bn?e=UEF7C4)"))).toEqual(["https://1drv.ms/u/s!AswpsDO2toNKrUy0VktHTWgIQ0bn?e=UEF7C4"]);
  });

  it("a table of datasets with download links is still data", () => {
    const t = "## Datasets\n\n| Dataset | Images | Download |\n|---|---|---|\n| MS1MV3 | 5.1M | [gdrive](https://drive.google.com/file/d/1abcdefghijklmnopqrstuvwxyz/view) |\n";
    expect(refs(t)).toEqual([]);
  });
});
