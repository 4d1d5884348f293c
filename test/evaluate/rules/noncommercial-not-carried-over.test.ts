import { MIT, WEIGHTS, ruleTester } from "../../helpers/rule-tester.js";

const readme = (body: string) => `# Model zoo\n\n${body}\n`;

ruleTester("noncommercial-not-carried-over", {
  valid: [
    { name: "code-only repo (no weights) trained on ImageNet", files: { LICENSE: MIT, "README.md": readme("Our method is trained on ImageNet-1k.") } },
    { name: "evaluation-only mention", files: { LICENSE: MIT, ...WEIGHTS, "README.md": readme("We evaluate our model on ImageNet-1k and report top-1 accuracy.") } },
    {
      name: "NC carried by a CC-BY-NC weights license",
      files: { LICENSE: MIT, ...WEIGHTS, "README.md": readme("The model was trained on MS1MV2.\n\nThe pretrained models are released under CC BY-NC 4.0 for non-commercial research only.") },
    },
    {
      name: "model card license cc-by-nc-4.0 carries Alpaca's NC term",
      files: { "README.md": "---\nlicense: cc-by-nc-4.0\ndatasets:\n- tatsu-lab/alpaca\n---\n# Model\n", "pytorch_model.bin": { size: 12_000_000_000 } },
    },
    {
      name: "policy off and terms silent on models",
      files: { LICENSE: MIT, ...WEIGHTS, "README.md": readme("Pretrained on ImageNet-1k.") },
      config: { policy: { modelsInherit: "off", inferTraining: true } },
    },
  ],
  invalid: [
    {
      name: "MS1MV2 weights under MIT (terms name models: error)",
      files: { LICENSE: MIT, ...WEIGHTS, "README.md": readme("All models were trained on MS1MV2 with ArcFace loss.") },
      errors: [{ dataset: "ms1mv2", origin: "ms1mv2", severity: "error", message: /non-commercial/ }],
    },
    {
      name: "ImageNet weights under MIT (terms silent on models: warning)",
      files: { LICENSE: MIT, ...WEIGHTS, "README.md": readme("The backbone is pre-trained on ImageNet-1k.") },
      errors: [{ dataset: "imagenet-1k", severity: "warning", message: /legally unsettled/ }],
    },
    {
      name: "policy warn caps an explicit term at warning",
      files: { LICENSE: MIT, ...WEIGHTS, "README.md": readme("All models were trained on MS1MV2.") },
      config: { policy: { modelsInherit: "warn", inferTraining: true } },
      errors: [{ dataset: "ms1mv2", severity: "warning" }],
    },
    {
      name: "model card apache-2.0 fine-tuned on Alpaca",
      files: { "README.md": "---\nlicense: apache-2.0\ndatasets:\n- tatsu-lab/alpaca\n---\n# Adapter\n", "adapter_model.bin": { size: 16_000_000 } },
      errors: [{ dataset: "alpaca", severity: "error" }],
    },
  ],
});
