import { MIT, WEIGHTS, ruleTester } from "../../helpers/rule-tester.js";

ruleTester("redistribution-forbidden", {
  valid: [
    { name: "terms that address models are left to the carry-over rules", files: { LICENSE: MIT, ...WEIGHTS, "README.md": "# Faces\n\nTrained on MS1MV2.\n" } },
  ],
  invalid: [
    {
      name: "MS-Celeb-1M forbids redistributing derivatives and is silent on models",
      files: { LICENSE: MIT, ...WEIGHTS, "README.md": "# Faces\n\nTrained on MS-Celeb-1M.\n" },
      errors: [{ dataset: "ms-celeb-1m", origin: "ms-celeb-1m", severity: "info" }],
    },
  ],
});
