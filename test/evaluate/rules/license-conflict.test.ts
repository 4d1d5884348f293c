import { readFileSync } from "node:fs";
import { MIT, WEIGHTS, ruleTester } from "../../helpers/rule-tester.js";

// The ODC-By 1.0 text as SPDX ships it (spdx-license-list), as a repository's DATA_LICENSE holds it.
const ODC_BY = (JSON.parse(readFileSync(new URL("../../../node_modules/spdx-license-list/licenses/ODC-By-1.0.json", import.meta.url), "utf8")) as { licenseText: string }).licenseText;

const NC = "Attribution-NonCommercial 4.0 International\n\nThis work is licensed under a Creative Commons Attribution-NonCommercial 4.0 International License. To view a copy of this license, visit http://creativecommons.org/licenses/by-nc/4.0/\n";

ruleTester("license-conflict", {
  valid: [
    {
      // A root DATA_LICENSE for the repository's own corpus, and a dataset only a nested model's page trains on.
      name: "a root data license says nothing about a nested model's training data",
      files: { LICENSE: MIT, DATA_LICENSE: ODC_BY, ...WEIGHTS, "README.md": "# Chat corpus\n\nOur generated instruction data.\n", "models/vl/README.md": "# VL\n\nThe model was trained on Flickr30k.\n" },
    },
    { name: "weights statements agree", files: { LICENSE: MIT, MODEL_LICENSE: NC, ...WEIGHTS, "README.md": "# M\n\nThe pretrained weights are released under CC BY-NC 4.0.\n" } },
  ],
  invalid: [
    {
      name: "a DATA_LICENSE beside the dataset it ships is a stale copy when the dataset is now non-commercial",
      files: { LICENSE: MIT, DATA_LICENSE: ODC_BY, ...WEIGHTS, "README.md": "# Alpaca LoRA\n\nThe weights were fine-tuned on the Stanford Alpaca dataset.\n" },
      errors: [{ dataset: "alpaca", severity: "error", message: /DATA_LICENSE licenses the data as ODC-By-1\.0.*may be stale/ }],
    },
    {
      name: "model card says apache-2.0, MODEL_LICENSE says CC BY-NC",
      files: { LICENSE: MIT, MODEL_LICENSE: NC, ...WEIGHTS, "README.md": "---\nlicense: apache-2.0\n---\n# M\n" },
      errors: [{ severity: "error", message: /disagree/ }],
    },
  ],
});
