/** A waiver in .github/carryover.yml has passed its expiry date. Reported by the engine. */
import { docsUrl, type Rule } from "../rule.js";

const id = "waiver-expired";

export const rule: Rule = {
  meta: {
    id,
    description: "A waiver in .github/carryover.yml has expired; the finding it waived is reported again.",
    defaultSeverity: "warning",
    docsUrl: docsUrl(id),
    fix: "Review the waiver: renew it with a new expiry date and reason, or fix the finding.",
  },
  check: () => [],
};
