import { MIT, WEIGHTS, ruleTester } from "../../helpers/rule-tester.js";

ruleTester("unknown-dataset", {
  valid: [{ name: "known dataset", files: { LICENSE: MIT, ...WEIGHTS, "README.md": "# Model\n\nTrained on LibriSpeech.\n" } }],
  invalid: [
    {
      name: "front matter names an unknown HF dataset",
      files: { "README.md": "---\nlicense: mit\ndatasets:\n- someone/private-faces-2031\n---\n", "model.safetensors": { size: 400_000_000 } },
      errors: [{ dataset: "someone/private-faces-2031" }],
    },
  ],
});
