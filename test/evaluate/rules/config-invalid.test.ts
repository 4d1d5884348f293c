import { MIT, WEIGHTS, ruleTester } from "../../helpers/rule-tester.js";

ruleTester("config-invalid", {
  valid: [{ name: "valid config", files: { LICENSE: MIT, ...WEIGHTS, "README.md": "# M\n", ".github/carryover.yml": "fail-on: warning\n" } }],
  invalid: [
    {
      name: "unknown key, at its line",
      files: { LICENSE: MIT, ...WEIGHTS, "README.md": "# M\n", ".github/carryover.yml": "enabled: true\nfail_on: warning\n" },
      errors: [{ severity: "error", message: /carryover\.yml:2/ }],
    },
  ],
});
