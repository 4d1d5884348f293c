import { MIT, WEIGHTS, ruleTester } from "../../helpers/rule-tester.js";

ruleTester("share-alike-not-carried-over", {
  valid: [
    { name: "FFHQ weights under CC BY-NC-SA", files: { LICENSE: MIT, ...WEIGHTS, "README.md": "# GAN\n\nTrained on FFHQ. The pretrained models are licensed under CC BY-NC-SA 4.0.\n" } },
    { name: "Common Voice (CC0) under CC-BY-SA weights", files: { "README.md": "---\nlicense: cc-by-sa-4.0\ndatasets:\n- common_voice\n---\n", "pytorch_model.bin": { size: 1_200_000_000 } } },
  ],
  invalid: [
    {
      name: "the dataset's own licensor releases FFHQ models under its own non-commercial license (--repo NVlabs/…): info, not a warning",
      repository: "NVlabs/example-gan",
      files: { "LICENSE.txt": "NVIDIA Source Code License for Example GAN\n\nThe Work and any derivative works thereof only may be used or intended for use non-commercially.\n", ...WEIGHTS, "README.md": "# GAN\n\nThe generator was trained on FFHQ at 1024x1024.\n" },
      errors: [{ dataset: "ffhq", severity: "info", message: /licensed by NVIDIA.*do not bind/ }],
    },
    {
      name: "another owner releasing FFHQ models under the same kind of license is still told about share-alike",
      repository: "someone/example-gan",
      files: { "LICENSE.txt": "NVIDIA Source Code License for Example GAN\n\nThe Work and any derivative works thereof only may be used or intended for use non-commercially.\n", ...WEIGHTS, "README.md": "# GAN\n\nThe generator was trained on FFHQ at 1024x1024.\n" },
      errors: [{ dataset: "ffhq", message: /share-alike/ }],
    },
    {
      name: "FFHQ weights under MIT",
      files: { LICENSE: MIT, ...WEIGHTS, "README.md": "# GAN\n\nThe generator was trained on FFHQ at 1024x1024.\n" },
      errors: [{ dataset: "ffhq", severity: "warning", message: /share-alike/ }],
    },
  ],
});
