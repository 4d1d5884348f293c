/** The repository's .github/carryover.yml could not be used. Reported by the engine, declared here for docs and SARIF. */
import { docsUrl, type Rule } from "../rule.js";

const id = "config-invalid";

export const rule: Rule = {
  meta: {
    id,
    description: ".github/carryover.yml is not valid; the scan ran with the default configuration.",
    defaultSeverity: "error",
    docsUrl: docsUrl(id),
    fix: "Fix the configuration at the line given (see docs/configuration.md).",
  },
  check: () => [],
};
