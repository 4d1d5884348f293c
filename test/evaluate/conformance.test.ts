// Every rule is registered, named after its file, documented, tested; docs are current.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ruleDoc, ruleIndexDoc } from "../../src/evaluate/docs.js";
import { RULES, RULE_METAS } from "../../src/evaluate/index.js";

const rulesDir = new URL("../../src/evaluate/rules/", import.meta.url);
const files = readdirSync(rulesDir).filter((f) => f.endsWith(".ts")).map((f) => f.replace(/\.ts$/, "")).sort();

describe("rule table", () => {
  it("lists exactly the modules in src/evaluate/rules", () => {
    expect(RULES.map((r) => r.meta.id).sort()).toEqual(files);
  });
  it("has unique kebab-case ids and complete meta", () => {
    const ids = RULES.map((r) => r.meta.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const r of RULES) {
      expect(r.meta.id).toMatch(/^[a-z]+(-[a-z]+)*$/);
      expect(r.meta.description.length).toBeGreaterThan(20);
      expect(r.meta.fix.length).toBeGreaterThan(20);
      expect(["error", "warning", "info"]).toContain(r.meta.defaultSeverity);
      expect(r.meta.docsUrl).toContain(`/docs/rules/${r.meta.id}.md`);
    }
  });
  it.each(files)("%s has a test file and a current docs page", (id) => {
    expect(existsSync(new URL(`./rules/${id}.test.ts`, import.meta.url))).toBe(true);
    const page = new URL(`../../docs/rules/${id}.md`, import.meta.url);
    expect(existsSync(page), "run `npm run docs:rules`").toBe(true);
    expect(readFileSync(page, "utf8")).toBe(ruleDoc(RULE_METAS.find((m) => m.id === id)!));
  });
  it("docs/rules/README.md is current", () => {
    expect(readFileSync(new URL("../../docs/rules/README.md", import.meta.url), "utf8")).toBe(ruleIndexDoc(RULE_METAS));
  });
});
