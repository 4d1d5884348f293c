import { MIT, WEIGHTS, ruleTester } from "../../helpers/rule-tester.js";

ruleTester("weights-unlicensed", {
  valid: [
    { name: "licensed", files: { LICENSE: MIT, ...WEIGHTS, "README.md": "# Model\n" } },
    { name: "no weights", files: { "README.md": "# Tools\n\nTrained on MS1MV2.\n" } },
  ],
  invalid: [
    {
      name: "weights and no license anywhere",
      files: { ...WEIGHTS, "README.md": "# Faces\n\nTrained on MS1MV2.\n" },
      errors: [{ dataset: null, message: /no license/ }],
    },
  ],
});
