import { MIT, WEIGHTS, ruleTester } from "../../helpers/rule-tester.js";

ruleTester("training-data-undeclared", {
  valid: [
    { name: "declared in the README", files: { LICENSE: MIT, ...WEIGHTS, "README.md": "# Model\n\nTrained on LibriSpeech.\n" } },
    {
      name: "declared in the config",
      files: { LICENSE: MIT, ...WEIGHTS, "README.md": "# Model\n", ".github/carryover.yml": "datasets:\n  - name: librispeech\n    role: training\n" },
    },
    { name: "no weights", files: { LICENSE: MIT, "README.md": "# Library\n" } },
  ],
  invalid: [{ name: "weights, no data named", files: { LICENSE: MIT, ...WEIGHTS, "README.md": "# Model\n\nDownload the checkpoint and run it.\n" }, errors: [{ severity: "info" }] }],
});
