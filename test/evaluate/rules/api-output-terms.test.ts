import { MIT, WEIGHTS, ruleTester } from "../../helpers/rule-tester.js";

ruleTester("api-output-terms", {
  valid: [
    { name: "human-written data", files: { LICENSE: MIT, ...WEIGHTS, "README.md": "# Chat\n\nFine-tuned on databricks-dolly-15k.\n" } },
    { name: "no weights", files: { LICENSE: MIT, "README.md": "# Scripts\n\nFine-tune on UltraChat 200k with these scripts.\n" } },
  ],
  invalid: [
    {
      name: "fine-tuned on UltraChat 200k (ChatGPT output)",
      files: { "README.md": "---\nlicense: apache-2.0\ndatasets:\n- HuggingFaceH4/ultrachat_200k\n---\n# Chat model\n", "model.safetensors": { size: 14_000_000_000 } },
      errors: [{ dataset: "ultrachat-200k", severity: "info", message: /compete/ }],
    },
  ],
});
