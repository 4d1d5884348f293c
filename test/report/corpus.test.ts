// Every format on the real scan of each development-corpus repository
// (../shared/corpus, read at run time): valid SARIF, Markdown within the check-run
// limit with the disclaimer, text free of control characters, JSON round-trips, a schema-valid CycloneDX ML-BOM.
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { scanSource } from "../../src/core/pipeline.js";
import { RULE_METAS } from "../../src/evaluate/index.js";
import { render } from "../../src/report/index.js";
import { DEFAULT_MAX_LENGTH, DISCLAIMER } from "../../src/report/markdown.js";
import { LocalSource } from "../../src/sources/local.js";
import { cyclonedxValidator } from "./cyclonedx-schema.js";
import { sarifValidator } from "./sarif-schema.js";

const corpus = path.resolve(process.cwd(), "../shared/corpus");
const repos = existsSync(corpus) ? readdirSync(corpus).filter((d) => d.includes("__")).sort() : [];
const validate = sarifValidator();
const validateBom = cyclonedxValidator();

describe.skipIf(repos.length === 0)("report: the development corpus", () => {
  it("has the corpus", () => {
    expect(repos.length).toBeGreaterThanOrEqual(20);
  });

  for (const repo of repos) {
    it(repo, async () => {
      const result = await scanSource(new LocalSource(path.join(corpus, repo), `corpus:${repo}`), { today: "2026-11-23" });
      const opts = { rules: [...RULE_METAS] };

      const log = JSON.parse(render("sarif", result, opts));
      expect(validate(log)).toBe(true);
      expect(log.runs[0].results).toHaveLength(result.findings.length);
      for (const r of log.runs[0].results) expect(r.locations?.length ?? 0).toBeGreaterThan(0);

      const md = render("markdown", result, opts);
      expect(md.length).toBeLessThanOrEqual(DEFAULT_MAX_LENGTH);
      expect(md).toContain(DISCLAIMER);
      const rows = md.split("\n").filter((l) => /^\| (🔴|🟠|🔵) /.test(l));
      expect(rows).toHaveLength(result.findings.length);

      const text = render("text", result, { ...opts, color: false });
      // eslint-disable-next-line no-control-regex
      expect(text).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
      expect(text).toContain(DISCLAIMER);

      expect(JSON.parse(render("json", result, opts))).toEqual(JSON.parse(JSON.stringify(result)));

      const bom = JSON.parse(render("cyclonedx", result, opts));
      expect(validateBom(bom)).toBe(true);
      expect(bom.metadata.component.type).toBe("machine-learning-model");
    });
  }
});
