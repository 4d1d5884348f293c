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
      name: "MS1MV2, a refined subset, inherits its parent's retraction as a warning",
      files: { LICENSE: MIT, ...WEIGHTS, "README.md": "# Faces\n\nThe model was trained on MS1MV2.\n" },
      errors: [{ dataset: "ms1mv2", origin: "ms-celeb-1m", severity: "warning", message: /derives from/ }],
    },
    {
      name: "CIFAR-10, a labelled subset of the withdrawn 80 Million Tiny Images, is a warning too",
      files: { LICENSE: MIT, ...WEIGHTS, "README.md": "# Classifier\n\nThe model was trained on CIFAR-10.\n" },
      errors: [{ dataset: "cifar-10", origin: "tiny-images", severity: "warning", message: /derives from/ }],
    },
    {
      name: "The Pile, itself taken down, is one warning about its own takedown (its Books3 component adds none)",
      files: { LICENSE: MIT, ...WEIGHTS, "README.md": "# LM\n\nThe model was trained on The Pile.\n" },
      errors: [{ dataset: "the-pile", origin: "the-pile", severity: "warning", message: /taken down/ }],
    },
  ],
});
