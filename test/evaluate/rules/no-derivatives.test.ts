import { MIT, WEIGHTS, ruleTester } from "../../helpers/rule-tester.js";

ruleTester("no-derivatives", {
  valid: [
    { name: "evaluated on TED-LIUM only", files: { LICENSE: MIT, ...WEIGHTS, "README.md": "# ASR\n\nWe evaluate on TED-LIUM 3 and report WER.\n" } },
  ],
  invalid: [
    {
      name: "trained on TED-LIUM 3 (CC BY-NC-ND)",
      files: { LICENSE: MIT, ...WEIGHTS, "README.md": "# ASR\n\nThe acoustic model was trained on TED-LIUM 3.\n" },
      errors: [{ dataset: "ted-lium-3" }],
    },
  ],
});
