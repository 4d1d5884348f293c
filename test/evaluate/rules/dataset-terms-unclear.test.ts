import { MIT, WEIGHTS, ruleTester } from "../../helpers/rule-tester.js";

ruleTester("dataset-terms-unclear", {
  valid: [
    { name: "clear terms (LibriSpeech, CC BY 4.0)", files: { LICENSE: MIT, ...WEIGHTS, "README.md": "# ASR\n\nTrained on LibriSpeech.\n" } },
    {
      name: "weights already research-only",
      files: { ...WEIGHTS, "README.md": "# Chat\n\nFine-tuned on ShareGPT conversations. The weights are released for non-commercial research purposes only.\n" },
    },
  ],
  invalid: [
    {
      name: "ShareGPT behind Apache-2.0 weights",
      files: { "README.md": "---\nlicense: apache-2.0\n---\n# Chat\n\nThe model was fine-tuned on 70K conversations collected from ShareGPT.\n", "pytorch_model.bin": { size: 13_000_000_000 } },
      errors: [{ dataset: "sharegpt", severity: "info" }],
    },
  ],
});
