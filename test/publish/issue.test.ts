import { describe, expect, it } from "vitest";
import type { Finding } from "../../src/core/types.js";
import { findingsFingerprint, pickTrackingIssue, TRACKING_MARKER } from "../../src/publish/issue.js";

const f = (fingerprint: string, line = 1): Finding => ({
  rule: "r",
  severity: "error",
  dataset: null,
  origin: null,
  message: "",
  fix: "",
  evidence: [{ path: "README.md", line, text: "" }],
  sources: [],
  fingerprint,
  weights: [],
});

describe("findingsFingerprint", () => {
  it("ignores order, duplicates and lines; changes with the set", () => {
    const a = findingsFingerprint([f("x", 1), f("y", 2)]);
    expect(findingsFingerprint([f("y", 40), f("x", 7), f("x", 9)])).toBe(a);
    expect(findingsFingerprint([f("x")])).not.toBe(a);
    expect(findingsFingerprint([])).toMatch(/^[0-9a-f]{32}$/);
  });
});

describe("pickTrackingIssue", () => {
  const bot = { type: "Bot" };
  it("takes the bot's marked issue, open before closed, oldest first; never a PR or a user's issue", () => {
    const issues = [
      { number: 1, state: "open", body: `${TRACKING_MARKER} copied by a user`, user: { type: "User" } },
      { number: 2, state: "closed", body: TRACKING_MARKER, user: bot },
      { number: 3, state: "open", body: TRACKING_MARKER, user: bot, pull_request: {} },
      { number: 4, state: "open", body: TRACKING_MARKER, user: bot },
      { number: 5, state: "open", body: TRACKING_MARKER, user: bot },
    ];
    expect(pickTrackingIssue(issues)?.number).toBe(4);
    expect(pickTrackingIssue(issues.slice(0, 3))?.number).toBe(2);
    expect(pickTrackingIssue([{ number: 9, state: "open", body: "no marker", user: bot }])).toBeUndefined();
  });
});
