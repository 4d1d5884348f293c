import { MIT, WEIGHTS, ruleTester } from "../../helpers/rule-tester.js";

ruleTester("retracted-dataset", {
  valid: [
    { name: "no weights published", files: { LICENSE: MIT, "README.md": "# Tools\n\nScripts to train on MS-Celeb-1M.\n" } },
    { name: "active dataset", files: { LICENSE: MIT, ...WEIGHTS, "README.md": "# ASR\n\nTrained on LibriSpeech.\n" } },
  ],
  invalid: [
    {
      name: "trained on the retracted MS-Celeb-1M itself",
      files: { LICENSE: MIT, ...WEIGHTS, "README.md": "# Faces\n\nThe model was trained on MS-Celeb-1M.\n" },
      errors: [{ dataset: "ms-celeb-1m", origin: "ms-celeb-1m", severity: "warning", message: /retracted/ }],
    },
    {
      name: "MS1MV2 inherits its parent's retraction",
      files: { LICENSE: MIT, ...WEIGHTS, "README.md": "# Faces\n\nThe model was trained on MS1MV2.\n" },
      errors: [{ dataset: "ms1mv2", origin: "ms-celeb-1m", severity: "info", message: /derives from/ }],
    },
  ],
});
