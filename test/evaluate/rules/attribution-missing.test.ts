import { MIT, WEIGHTS, ruleTester } from "../../helpers/rule-tester.js";

ruleTester("attribution-missing", {
  valid: [
    { name: "license credited", files: { LICENSE: MIT, ...WEIGHTS, "README.md": "# ASR\n\nTrained on LibriSpeech (CC BY 4.0).\n" } },
  ],
  invalid: [
    { name: "CC BY data, no credit", files: { LICENSE: MIT, ...WEIGHTS, "README.md": "# ASR\n\nTrained on LibriSpeech.\n" }, errors: [{ dataset: "librispeech", severity: "info" }] },
  ],
});
