import { ruleTester } from "../../helpers/rule-tester.js";

const card = (license: string, extra = "") => `---\nlicense: ${license}\nbase_model: meta-llama/Llama-2-7b-hf\n---\n# My fine-tune\n${extra}\n`;

ruleTester("use-restrictions-not-carried-over", {
  valid: [
    { name: "Llama 2 fine-tune under the Llama 2 license with the notice", files: { "README.md": card("llama2", "Built with Llama."), "model.safetensors": { size: 13_000_000_000 } } },
  ],
  invalid: [
    {
      name: "Llama 2 fine-tune relicensed Apache-2.0",
      files: { "README.md": card("apache-2.0"), "model.safetensors": { size: 13_000_000_000 } },
      errors: [{ dataset: null, origin: "llama-2", message: /use restrictions/ }],
    },
  ],
});
