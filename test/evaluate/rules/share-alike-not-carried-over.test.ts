import { MIT, WEIGHTS, ruleTester } from "../../helpers/rule-tester.js";

ruleTester("share-alike-not-carried-over", {
  valid: [
    { name: "FFHQ weights under CC BY-NC-SA", files: { LICENSE: MIT, ...WEIGHTS, "README.md": "# GAN\n\nTrained on FFHQ. The pretrained models are licensed under CC BY-NC-SA 4.0.\n" } },
    { name: "Common Voice (CC0) under CC-BY-SA weights", files: { "README.md": "---\nlicense: cc-by-sa-4.0\ndatasets:\n- common_voice\n---\n", "pytorch_model.bin": { size: 1_200_000_000 } } },
  ],
  invalid: [
    {
      name: "FFHQ weights under MIT",
      files: { LICENSE: MIT, ...WEIGHTS, "README.md": "# GAN\n\nThe generator was trained on FFHQ at 1024x1024.\n" },
      errors: [{ dataset: "ffhq", severity: "warning", message: /share-alike/ }],
    },
  ],
});
