import { MIT, WEIGHTS, ruleTester } from "../../helpers/rule-tester.js";

const NC = "Attribution-NonCommercial 4.0 International\n\nThis work is licensed under a Creative Commons Attribution-NonCommercial 4.0 International License. To view a copy of this license, visit http://creativecommons.org/licenses/by-nc/4.0/\n";

ruleTester("license-conflict", {
  valid: [
    { name: "weights statements agree", files: { LICENSE: MIT, MODEL_LICENSE: NC, ...WEIGHTS, "README.md": "# M\n\nThe pretrained weights are released under CC BY-NC 4.0.\n" } },
  ],
  invalid: [
    {
      name: "model card says apache-2.0, MODEL_LICENSE says CC BY-NC",
      files: { LICENSE: MIT, MODEL_LICENSE: NC, ...WEIGHTS, "README.md": "---\nlicense: apache-2.0\n---\n# M\n" },
      errors: [{ severity: "error", message: /disagree/ }],
    },
  ],
});
