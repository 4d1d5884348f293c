// Inputs that are not license texts: empty, binary, invalid UTF-8, 5 MB. A clear result, never a throw.
import { describe, expect, it } from "vitest";
import { decodeText } from "../../../src/sources/text.js";
import { identifyLicenseText, MAX_CHARS } from "../../../src/detect/license/index.js";
import { mitLicense } from "../../helpers/texts.js";

const MIT = mitLicense("Someone", 2020);

describe("robustness", () => {
  it("empty and whitespace-only text", () => {
    for (const t of ["", "   \n\n\t"]) {
      const m = identifyLicenseText(t, "LICENSE");
      expect(m).toMatchObject({ spdx: null, clauses: [], confidence: 0, note: "empty file" });
    }
    const d = decodeText(new Uint8Array());
    expect(d.ok).toBe(false);
  });

  it("binary bytes named LICENSE: decodeText says binary; identifying the text anyway says binary too", () => {
    const bytes = new Uint8Array(4096).map((_, i) => (i * 7919) % 256);
    const d = decodeText(bytes);
    expect(d).toMatchObject({ ok: false, reason: "binary" });
    const m = identifyLicenseText(new TextDecoder("latin1").decode(bytes), "LICENSE");
    expect(m.spdx).toBeNull();
    expect(m.note).toMatch(/binary/);
  });

  it("invalid UTF-8 decoded first still identifies the license", () => {
    const bytes = new Uint8Array([...new TextEncoder().encode(MIT.replace("Someone", "Jos")), 0xe9, 0x0a]);
    const d = decodeText(bytes);
    expect(d.ok).toBe(true);
    if (!d.ok) return;
    expect(d.note).toMatch(/not valid UTF-8/);
    expect(identifyLicenseText(d.text, "LICENSE").spdx).toBe("MIT");
  });

  it("a 5 MB file is capped, fast, and still identifies a license at its start", () => {
    const filler = "lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod\n";
    const big = MIT + filler.repeat(Math.ceil((5 * 1024 * 1024) / filler.length));
    expect(big.length).toBeGreaterThan(5 * 1024 * 1024);
    const t0 = performance.now();
    const m = identifyLicenseText(big, "LICENSE");
    expect(performance.now() - t0).toBeLessThan(3000);
    expect(m.note).toMatch(new RegExp(`first ${MAX_CHARS / 1024} KB`));
    // Most of the capped text is filler: MIT is found as a part, not as the whole file.
    expect(m.spdx === "MIT" || m.spdx === null).toBe(true);
  });

  it("5 MB of random text and a non-string never throw", () => {
    const words = ["data", "model", "license", "the", "weights", "non-commercial", "research", "only", "use"];
    let s = "";
    for (let i = 0; s.length < 5 * 1024 * 1024; i++) s += words[(i * 31) % words.length] + ((i % 13) === 0 ? "\n" : " ");
    expect(() => identifyLicenseText(s, "LICENSE")).not.toThrow();
    expect(identifyLicenseText(undefined as unknown as string, "LICENSE").spdx).toBeNull();
  });
});
