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
      name: "weights and no license anywhere: the dropped restriction is named per dataset",
      files: { ...WEIGHTS, "README.md": "# Faces\n\nTrained on MS1MV2.\n" },
      errors: [{ dataset: "ms1mv2", origin: "ms1mv2", severity: "error", message: /no license.*MS1MV2.*non-commercial/s }],
    },
    {
      name: "two restricted datasets: one finding each, share-alike named for FFHQ",
      files: { ...WEIGHTS, "README.md": "# GAN\n\nThe generator was trained on FFHQ. The encoder was trained on CelebA-HQ.\n" },
      errors: [
        { dataset: "ffhq", origin: "ffhq", message: /non-commercial, share-alike/ },
        { dataset: "celeba-hq", message: /CelebA-HQ/ },
      ],
    },
    {
      name: "weights, no license, and only permissive data: one repository-level finding",
      files: { ...WEIGHTS, "README.md": "# ASR\n\nTrained on LibriSpeech.\n" },
      errors: [{ dataset: null, message: /states no license/ }],
    },
  ],
});
