// Golden files: every format on each hand-built scan result. Review a diff in
// test/report/__golden__/ like code; regenerate with `npx vitest run test/report -u`.
import { describe, expect, it } from "vitest";
import { FORMATS, render, type Format } from "../../src/report/index.js";
import { cleanRepo, faceZoo, manyFindings, RULES } from "./fixtures.js";

const cases = { "face-zoo": faceZoo, clean: cleanRepo } as const;
const ext: Record<Format, string> = { text: "txt", json: "json", sarif: "sarif.json", markdown: "md", cyclonedx: "cdx.json" };

describe("report: golden files", () => {
  for (const [name, make] of Object.entries(cases)) {
    for (const format of Object.keys(FORMATS) as Format[]) {
      it(`${name}.${ext[format]}`, async () => {
        const out = render(format, make(), { rules: RULES, color: false });
        await expect(out).toMatchFileSnapshot(`./__golden__/${name}.${ext[format]}`);
      });
    }
  }

  it("face-zoo.ansi.txt (colour on)", async () => {
    await expect(render("text", faceZoo(), { rules: RULES, color: true })).toMatchFileSnapshot("./__golden__/face-zoo.ansi.txt");
  });

  it("many.md (240 findings, truncated to 20,000 characters)", async () => {
    const out = render("markdown", manyFindings(), { rules: RULES, maxLength: 20_000 });
    await expect(out).toMatchFileSnapshot("./__golden__/many.md");
  });

  it("rendering is deterministic and does not mutate the result", () => {
    const r = faceZoo();
    const before = JSON.stringify(r);
    for (const format of Object.keys(FORMATS) as Format[]) {
      expect(render(format, r, { rules: RULES })).toBe(render(format, faceZoo(), { rules: RULES }));
    }
    expect(JSON.stringify(r)).toBe(before);
  });
});
