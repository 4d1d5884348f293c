import { MIT, WEIGHTS, ruleTester } from "../../helpers/rule-tester.js";

ruleTester("deprecated-dataset-version", {
  valid: [{ name: "current version", files: { LICENSE: MIT, ...WEIGHTS, "README.md": "# ViT\n\nPre-trained on ImageNet-21k Winter 2021 release.\n" } }],
  invalid: [
    {
      name: "ImageNet-21k fall11 (NeurIPS deprecated)",
      files: { LICENSE: MIT, ...WEIGHTS, "README.md": "# ViT\n\nPre-trained on the ImageNet-21k Fall 2011 release (fall11_whole).\n" },
      errors: [{ dataset: "imagenet-21k-fall11", origin: "imagenet-21k-fall11" }],
    },
  ],
});
