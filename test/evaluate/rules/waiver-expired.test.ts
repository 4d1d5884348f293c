import { MIT, WEIGHTS, ruleTester } from "../../helpers/rule-tester.js";

const files = (expires: string) => ({
  LICENSE: MIT,
  ...WEIGHTS,
  "README.md": "# Faces\n\nAll models were trained on MS1MV2.\n",
  ".github/carryover.yml": `waivers:\n  - rule: noncommercial-not-carried-over\n    dataset: ms1mv2\n    reason: "We hold a commercial license from the data owner"\n    expires: ${expires}\n`,
});

ruleTester("waiver-expired", {
  valid: [{ name: "live waiver", files: files("2027-06-30") }],
  invalid: [
    { name: "expired waiver", files: files("2026-01-31"), errors: [{ dataset: "ms1mv2", message: /expired on 2026-01-31/ }] },
    {
      // The evidence names the config file the waiver is in, whichever spelling the repository uses.
      name: "expired waiver in .github/carryover.yaml",
      files: Object.fromEntries(Object.entries(files("2026-01-31")).map(([k, v]) => [k === ".github/carryover.yml" ? ".github/carryover.yaml" : k, v])),
      errors: [{ dataset: "ms1mv2" }],
    },
  ],
});
