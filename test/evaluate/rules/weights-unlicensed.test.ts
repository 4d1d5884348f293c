import { MIT, WEIGHTS, ruleTester } from "../../helpers/rule-tester.js";

ruleTester("weights-unlicensed", {
  valid: [
    { name: "licensed", files: { LICENSE: MIT, ...WEIGHTS, "README.md": "# Model\n" } },
    { name: "no weights", files: { "README.md": "# Tools\n\nTrained on MS1MV2.\n" } },
  ],
  invalid: [
    {
      name: "the repository license covers the code only",
      files: { LICENSE: MIT, ...WEIGHTS, "README.md": "# Faces\n\nTrained on VGGFace2.\n\nPlease note that this repository is MIT licensed, which covers the code only.\n" },
      errors: [{ dataset: null, message: /covers the code only/ }],
    },
    {
      name: "weights and no license anywhere",
      files: { ...WEIGHTS, "README.md": "# Faces\n\nTrained on MS1MV2.\n" },
      errors: [{ dataset: null, message: /no license/ }],
    },
  ],
});
