import fc from "fast-check";
import { stringify } from "yaml";
import { describe, expect, it } from "vitest";
import { EXAMPLE_CONFIG } from "../../src/config/docs.js";
import { scanSource } from "../../src/core/pipeline.js";
import { loadRegistry } from "../../src/resolve/registry.js";
import { MemorySource } from "../../src/sources/memory.js";
import {
  CONFIG_PATH,
  DEFAULT_CONFIG,
  findWaiver,
  isWaiverExpired,
  MAX_CONFIG_CHARS,
  parseRepoConfig,
  suggest,
  type ConfigError,
  type RepoConfig,
} from "../../src/config/repo-config.js";

const KNOWN = ["noncommercial-not-carried-over", "retracted-dataset", "share-alike-not-carried-over"];

function ok(text: string | Uint8Array, knownRules: readonly string[] = KNOWN): RepoConfig {
  const r = parseRepoConfig(text, { knownRules });
  if (!r.ok) throw new Error(`expected ok, got ${JSON.stringify(r.errors)}`);
  return r.config;
}

function errs(text: string | Uint8Array, knownRules: readonly string[] | undefined = KNOWN): ConfigError[] {
  const r = parseRepoConfig(text, knownRules ? { knownRules } : {});
  if (r.ok) throw new Error(`expected errors, got ${JSON.stringify(r.config)}`);
  return r.errors;
}

/** The single error of a config, with its line asserted by the caller. */
function one(text: string | Uint8Array): ConfigError {
  const e = errs(text);
  expect(e).toHaveLength(1);
  return e[0]!;
}

describe("config/repo-config: valid files", () => {
  it("is at .github/carryover.yml", () => {
    expect(CONFIG_PATH).toBe(".github/carryover.yml");
  });

  it.each([
    ["empty", ""],
    ["only whitespace", "  \n\n"],
    ["only comments", "# nothing configured yet\n# really\n"],
    ["a BOM", "\uFEFF"],
    ["an explicit empty document", "---\n...\n"],
  ])("%s → defaults", (_name, text) => {
    expect(ok(text)).toEqual(DEFAULT_CONFIG);
  });

  it("parses the documented example into the camelCase config with lines", () => {
    const c = ok(EXAMPLE_CONFIG);
    expect(c).toEqual({
      enabled: true,
      failOn: "error",
      policy: { modelsInherit: "strict", inferTraining: true },
      weights: { globs: ["**/*.weights", "checkpoints/**"] },
      ignore: ["third_party/**", "docs/legacy/**"],
      datasets: [{ name: "ms1mv2", role: "training", line: 11 }],
      rules: { "retracted-dataset": "warning" },
      waivers: [
        {
          rule: "noncommercial-not-carried-over",
          dataset: "imagenet-1k",
          reason: "Counsel reviewed; weights are research-only in practice",
          expires: "2027-06-30",
          line: 16,
        },
      ],
      steward: ["ms-celeb-1m"],
    });
    // The example's line numbers are the ones a person sees in the file.
    const lines = EXAMPLE_CONFIG.split("\n");
    expect(lines[11 - 1]).toContain("- name: ms1mv2");
    expect(lines[16 - 1]).toContain("- rule: noncommercial-not-carried-over");
  });

  it("fills defaults key by key and treats an empty key as its default", () => {
    const c = ok("fail-on: warning\nrules:\npolicy:\n  models-inherit: off\ndatasets:\n  - name: Glint360K\n");
    expect(c.failOn).toBe("warning");
    expect(c.rules).toEqual({});
    expect(c.policy.modelsInherit).toBe("off");
    expect(c.datasets).toEqual([{ name: "Glint360K", role: "training", line: 6 }]);
    expect(c.enabled).toBe(true);
  });

  it("keeps CRLF line numbers right", () => {
    const c = ok("enabled: false\r\n\r\nwaivers:\r\n  - rule: retracted-dataset\r\n    reason: known\r\n");
    expect(c.enabled).toBe(false);
    expect(c.waivers[0]?.line).toBe(4);
  });

  it("does not check rule ids when no list is given", () => {
    const r = parseRepoConfig("rules:\n  some-future-rule: off\n");
    expect(r.ok && r.config.rules).toEqual({ "some-future-rule": "off" });
  });

  it("accepts UTF-8 bytes and non-ASCII text", () => {
    const c = ok(new TextEncoder().encode("waivers:\n  - rule: retracted-dataset\n    reason: \"Geprüft — 审查\"\n"));
    expect(c.waivers[0]?.reason).toBe("Geprüft — 审查");
  });

  it("returns a fresh copy of the defaults each time", () => {
    const a = ok("");
    a.ignore.push("x");
    expect(ok("").ignore).toEqual([]);
    expect(Object.isFrozen(DEFAULT_CONFIG)).toBe(true);
  });
});

describe("config/repo-config: errors carry the exact line", () => {
  it("unknown top-level key with a did-you-mean", () => {
    const e = one("enabled: true\nfail_on: warning\n");
    expect(e).toMatchObject({ line: 2, column: 1, text: "fail_on: warning" });
    expect(e.message).toMatch(/unknown key 'fail_on' \(did you mean 'fail-on'\?\)/);
  });

  it("unknown nested key with a did-you-mean", () => {
    const e = one("policy:\n  models_inherit: warn\n");
    expect(e).toMatchObject({ line: 2, column: 3 });
    expect(e.message).toContain("did you mean 'models-inherit'?");
  });

  it("unknown key far from any option gets no suggestion", () => {
    const e = one("colour: blue\n");
    expect(e.line).toBe(1);
    expect(e.message).toBe("unknown key 'colour'");
  });

  it("value outside its enum", () => {
    const e = one("enabled: true\n\nfail-on: fatal\n");
    expect(e).toMatchObject({ line: 3, column: 10, text: "fail-on: fatal" });
    expect(e.message).toContain("must be one of error, warning, info, never");
  });

  it("wrong type: yes is not a YAML 1.2 boolean", () => {
    const e = one("enabled: yes\n");
    expect(e.line).toBe(1);
    expect(e.message).toBe('enabled: must be true or false, not "yes"');
  });

  it("a string where a list is expected", () => {
    const e = one("weights:\n  globs: checkpoints/**\n");
    expect(e.line).toBe(2);
    expect(e.message).toContain("weights.globs: must be a list");
  });

  it("bad rule severity, with a near miss", () => {
    const e = one("rules:\n  retracted-dataset: warn\n");
    expect(e.line).toBe(2);
    expect(e.message).toContain("did you mean 'warning'?");
  });

  it("unknown rule id under rules, with a near miss", () => {
    const e = one("fail-on: info\nrules:\n  retracted-datasets: off\n");
    expect(e).toMatchObject({ line: 3, column: 3 });
    expect(e.message).toBe("rules: unknown rule 'retracted-datasets' (did you mean 'retracted-dataset'?)");
  });

  it("unknown rule id in a waiver", () => {
    const e = one("waivers:\n  - reason: fine\n    rule: no-such-rule\n");
    expect(e.line).toBe(3);
    expect(e.message).toContain("waivers[0].rule: unknown rule 'no-such-rule'");
  });

  it("two waivers without reasons give two errors at their lines", () => {
    const e = errs("waivers:\n  - rule: retracted-dataset\n    dataset: ms-celeb-1m\n  - rule: retracted-dataset\n    dataset: ms1mv2\n");
    expect(e.map((x) => [x.line, x.message])).toEqual([
      [2, "waivers[0]: missing required key 'reason'"],
      [4, "waivers[1]: missing required key 'reason'"],
    ]);
  });

  it("blank reason", () => {
    const e = one('waivers:\n  - rule: retracted-dataset\n    reason: "   "\n');
    expect(e.line).toBe(3);
    expect(e.message).toBe("waivers[0].reason: a waiver needs a reason");
  });

  it.each([
    ["2027-02-30", "a calendar date"],
    ["2027-6-30", "a calendar date"],
    ["30/06/2027", "a calendar date"],
  ])("bad date %s", (date, msg) => {
    const e = one(`waivers:\n  - rule: retracted-dataset\n    reason: ok\n    expires: ${date}\n`);
    expect(e.line).toBe(4);
    expect(e.message).toContain(msg);
  });

  it("a number where a date is expected", () => {
    const e = one("waivers:\n  - rule: retracted-dataset\n    reason: ok\n    expires: 2027\n");
    expect(e.line).toBe(4);
    expect(e.message).toBe("waivers[0].expires: must be a date written YYYY-MM-DD, not 2027");
  });

  it("declared dataset with a bad role and a missing name", () => {
    const e = errs("datasets:\n  - name: ms1mv2\n    role: finetune\n  - role: training\n");
    expect(e.map((x) => x.line)).toEqual([3, 4]);
    expect(e[0]?.message).toContain("datasets[0].role: must be one of training, evaluation");
    expect(e[1]?.message).toBe("datasets[1]: missing required key 'name'");
  });

  it("reports every problem at once, sorted by line", () => {
    const e = errs("fail-on: always\nenable: true\nrules:\n  retracted-dataset: loud\n");
    expect(e.map((x) => x.line)).toEqual([1, 2, 4]);
  });

  it("a top-level list", () => {
    const e = one("- enabled: true\n- fail-on: error\n");
    expect(e.line).toBe(1);
    expect(e.message).toMatch(/must be a mapping.*not a list/);
  });

  it("a top-level scalar", () => {
    expect(one("just some text\n").message).toMatch(/not a string/);
  });

  it("YAML syntax error keeps its line", () => {
    const e = one("enabled: true\nignore: [\"a\", \"b\"\nfail-on: error\n");
    expect(e.line).toBeGreaterThanOrEqual(2);
    expect(e.message).toMatch(/^YAML syntax/);
  });

  it("tabs used for indentation", () => {
    const e = one("policy:\n\tmodels-inherit: warn\n");
    expect(e.line).toBe(2);
    expect(e.message).toContain("indent with spaces, not tabs");
  });

  it("duplicate keys", () => {
    const e = one("fail-on: error\nenabled: true\nfail-on: never\n");
    expect(e.line).toBe(3);
    expect(e.message).toContain("appears twice");
  });

  it("several documents", () => {
    const e = one("enabled: true\n---\nenabled: false\n");
    expect(e.line).toBe(2);
    expect(e.message).toContain("single YAML document");
  });

  it("billion laughs is refused without expanding", () => {
    const levels = ["a: &a [x, x, x, x, x, x, x, x, x, x]"];
    for (let i = 1; i < 9; i++) {
      const prev = String.fromCharCode(96 + i);
      const cur = String.fromCharCode(97 + i);
      levels.push(`${cur}: &${cur} [${Array(10).fill(`*${prev}`).join(", ")}]`);
    }
    const t0 = performance.now();
    const e = one(`${levels.join("\n")}\n`);
    expect(performance.now() - t0).toBeLessThan(2000);
    expect(e.line).toBe(2);
    expect(e.message).toContain("too many aliases");
  });

  it.each([
    ["flow brackets", `ignore: ${"[".repeat(5000)}${"]".repeat(5000)}\n`, 1, "brackets more than 64 levels"],
    ["indentation", `ignore:\n${Array.from({ length: 600 }, (_, i) => `${" ".repeat(i + 1)}- `).join("\n")}x\n`, 256, "indented more than 256 columns"],
    ["compact sequences", `ignore:\n${"- ".repeat(5000)}x\n`, 2, "indented more than 256 columns"],
  ])("nesting too deep for the parser's stack (%s) is refused up front", (_name, text, line, msg) => {
    // Without the guard the YAML parser overflows the stack near a thousand levels.
    const e = one(text);
    expect(e.line).toBe(line);
    expect(e.message).toContain(msg);
  });

  it("brackets inside quotes and comments do not count as nesting", () => {
    const deep = "[".repeat(100);
    const c = ok(`# ${deep}\nwaivers:\n  - rule: retracted-dataset\n    reason: "${deep}"\n    dataset: '${deep}'\n`);
    expect(c.waivers[0]?.reason).toBe(deep);
  });

  it("invalid UTF-8 bytes, at their line", () => {
    const bytes = new Uint8Array([...new TextEncoder().encode("enabled: true\nignore:\n  - \"caf"), 0xe9, ...new TextEncoder().encode('"\n')]);
    const e = one(bytes);
    expect(e.line).toBe(3);
    expect(e.message).toContain("not valid UTF-8");
  });

  it("NUL bytes", () => {
    expect(one("enabled: true\nfail-on: error\0\n").line).toBe(2);
  });

  it("a rule id that is not kebab-case", () => {
    const r = parseRepoConfig("rules:\n  Retracted_Dataset: off\n");
    expect(r.ok ? [] : r.errors.map((e) => [e.line, e.message])).toEqual([
      [2, "rules: 'Retracted_Dataset' is not a rule id (rule ids are kebab-case, e.g. retracted-dataset)"],
    ]);
    // With the known rules, one error per item, with the suggestion.
    const e = one("rules:\n  Retracted_Dataset: off\n");
    expect(e.message).toBe("rules: unknown rule 'Retracted_Dataset' (did you mean 'retracted-dataset'?)");
  });

  it("__proto__ is refused, not silently dropped", () => {
    for (const text of ["rules:\n  __proto__: error\n", "rules:\n  __proto__:\n    polluted: error\n"]) {
      const r = parseRepoConfig(text);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.errors[0]).toMatchObject({ line: 2, message: "rules: '__proto__' is not a rule id" });
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(one("__proto__: {enabled: false}\n").message).toBe("unknown key '__proto__'");
  });

  it("YAML 1.1 timestamps are read as the date written", () => {
    const c = ok("%YAML 1.1\n---\nwaivers:\n  - rule: retracted-dataset\n    reason: reviewed\n    expires: 2027-06-30\n");
    expect(c.waivers[0]?.expires).toBe("2027-06-30");
    const e = one("%YAML 1.1\n---\nwaivers:\n  - rule: retracted-dataset\n    reason: reviewed\n    expires: 2027-06-30 10:00:00\n");
    expect(e.line).toBe(6);
    expect(e.message).toContain("calendar date");
  });

  it("tagged values of the wrong kind", () => {
    expect(one("enabled: !!binary aGVsbG8=\n").message).toBe("enabled: must be true or false, not binary data");
    expect(one("ignore: !!set {a, b}\n").message).toBe("ignore: must be a list, not a set");
  });

  it("an oversized file", () => {
    const e = one(`# ${"x".repeat(MAX_CONFIG_CHARS)}\n`);
    expect(e.message).toContain("limit");
  });
});

describe("config/repo-config: steward", () => {
  const ids = loadRegistry()
    .all()
    .map((d) => d.id);
  const parse = (text: string) => parseRepoConfig(text, { knownRules: KNOWN, knownDatasets: ids });

  it("takes registry ids, de-duplicated in file order", () => {
    const r = parse("fail-on: warning\nsteward:\n  - ms-celeb-1m\n  - laion-5b\n  - ms-celeb-1m\n");
    expect(r.ok && r.config.steward).toEqual(["ms-celeb-1m", "laion-5b"]);
    expect(ok("").steward).toEqual([]);
  });

  it("an id not in the registry is an error at its line, with the id it was probably meant to be", () => {
    const r = parse("enabled: true\nsteward:\n  - ms-celeb-1m\n  - MS1MV2\n  - not-a-dataset\n");
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toEqual([
      { message: "steward[1]: unknown dataset 'MS1MV2' (did you mean 'ms1mv2'?); use a registry id (see docs/registry.md)", line: 4, column: 5, text: "  - MS1MV2" },
      { message: "steward[2]: unknown dataset 'not-a-dataset'; use a registry id (see docs/registry.md)", line: 5, column: 5, text: "  - not-a-dataset" },
    ]);
  });

  it("shape errors are located too; ids are not checked without a registry", () => {
    expect(errs("steward: ms-celeb-1m\n")).toEqual([{ message: 'steward: must be a list, not "ms-celeb-1m"', line: 1, column: 10, text: "steward: ms-celeb-1m" }]);
    expect(errs("steward:\n  - ''\n")[0]).toMatchObject({ line: 2, message: "steward[0]: must not be empty" });
    expect(ok("steward: [someday-dataset]\n").steward).toEqual(["someday-dataset"]);
  });

  it("the pipeline checks steward ids against the registry it scans with", async () => {
    const src = new MemorySource("memory", [{ path: ".github/carryover.yml", size: 30, type: "file" }], new Map([[".github/carryover.yml", "steward:\n  - laion5b\n"]]));
    const r = await scanSource(src, { today: "2026-11-23" });
    const f = r.findings.find((x) => x.rule === "config-invalid");
    expect(f?.message).toBe(".github/carryover.yml:2:5: steward[0]: unknown dataset 'laion5b' (did you mean 'laion-5b'?); use a registry id (see docs/registry.md)");
  });
});

describe("config/repo-config: waivers", () => {
  const config = ok(
    "waivers:\n  - rule: retracted-dataset\n    dataset: ms-celeb-1m\n    reason: reviewed\n    expires: 2026-06-30\n  - rule: noncommercial-not-carried-over\n    reason: research-only in practice\n",
  );

  it("match on rule and dataset or origin", () => {
    expect(findWaiver(config.waivers, { rule: "retracted-dataset", dataset: "ms1mv2", origin: "ms-celeb-1m" })?.line).toBe(2);
    expect(findWaiver(config.waivers, { rule: "retracted-dataset", dataset: "cifar-10", origin: "tiny-images" })).toBeNull();
    expect(findWaiver(config.waivers, { rule: "noncommercial-not-carried-over", dataset: "ffhq", origin: "ffhq" })?.line).toBe(6);
  });

  it("expire the day after `expires` (UTC)", () => {
    const w = config.waivers[0]!;
    expect(isWaiverExpired(w, new Date("2026-06-30T23:59:59Z"))).toBe(false);
    expect(isWaiverExpired(w, new Date("2026-07-01T00:00:00Z"))).toBe(true);
    expect(isWaiverExpired(config.waivers[1]!, new Date("2999-01-01T00:00:00Z"))).toBe(false);
  });
});

describe("config/repo-config: suggestions", () => {
  it("suggest only close candidates", () => {
    expect(suggest("Fail-On", ["fail-on", "enabled"])).toBe(" (did you mean 'fail-on'?)");
    expect(suggest("waiver", ["waivers", "weights"])).toBe(" (did you mean 'waivers'?)");
    expect(suggest("ignore", ["rules", "enabled"])).toBe("");
  });
});

describe("config/repo-config: hostile input never throws", () => {
  const check = (input: string | Uint8Array): void => {
    const r = parseRepoConfig(input, { knownRules: KNOWN });
    if (r.ok) {
      expect(typeof r.config.enabled).toBe("boolean");
    } else {
      expect(r.errors.length).toBeGreaterThan(0);
      for (const e of r.errors) {
        expect(e.line).toBeGreaterThanOrEqual(1);
        expect(e.column).toBeGreaterThanOrEqual(1);
        expect(typeof e.message).toBe("string");
      }
    }
  };

  it("arbitrary strings", () => {
    fc.assert(fc.property(fc.string({ unit: "binary", maxLength: 400 }), (s) => check(s)), { numRuns: 400 });
  });

  it("arbitrary bytes", () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 300 }), (b) => check(b)), { numRuns: 300 });
  });

  it("YAML-ish text built from config tokens", () => {
    const token = fc.constantFrom("enabled", "fail-on", "policy", "rules", "waivers", "datasets", "ignore", "weights", "globs", "reason", "rule", "expires", "- ", ": ", "\n", "  ", "\t", "&a ", "*a", "[", "]", "{", "}", "'", '"', "#", "---", "2027-06-30", "true", "off", "!!binary ", "? ", "|", ">");
    fc.assert(fc.property(fc.array(token, { maxLength: 60 }), (parts) => check(parts.join(""))), { numRuns: 500 });
  });

  it("arbitrary YAML-ish objects, serialised", () => {
    const leaf = fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null), fc.constantFrom("error", "warning", "off", "2027-06-30", "training"));
    const key = fc.oneof(fc.constantFrom("enabled", "fail-on", "policy", "models-inherit", "rules", "retracted-dataset", "waivers", "rule", "reason", "expires", "dataset", "datasets", "name", "role", "ignore", "weights", "globs", "__proto__", "constructor", "toString"), fc.string());
    const { tree } = fc.letrec((tie) => ({
      tree: fc.oneof({ depthSize: "small", withCrossShrink: true }, leaf, fc.array(tie("tree"), { maxLength: 4 }), fc.dictionary(key, tie("tree"), { maxKeys: 5 })),
    }));
    fc.assert(
      fc.property(tree, (obj) => {
        check(stringify(obj));
      }),
      { numRuns: 400 },
    );
  });

  it("well-formed configs round-trip through the schema", () => {
    const cfg = fc.record(
      {
        enabled: fc.boolean(),
        "fail-on": fc.constantFrom("error", "warning", "info", "never"),
        ignore: fc.array(fc.string({ minLength: 1 }), { maxLength: 3 }),
        rules: fc.dictionary(fc.constantFrom(...KNOWN), fc.constantFrom("error", "warning", "info", "off")),
        waivers: fc.array(
          fc.record({ rule: fc.constantFrom(...KNOWN), reason: fc.string({ minLength: 1 }).filter((s) => s.trim() !== "") }),
          { maxLength: 3 },
        ),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(cfg, (c) => {
        const r = parseRepoConfig(stringify(c), { knownRules: KNOWN });
        expect(r.ok).toBe(true);
        if (!r.ok) return;
        if (c["fail-on"] !== undefined) expect(r.config.failOn).toBe(c["fail-on"]);
        if (c.ignore !== undefined) expect(r.config.ignore).toEqual(c.ignore);
        expect(r.config.waivers.length).toBe(c.waivers?.length ?? 0);
      }),
      { numRuns: 300 },
    );
  });
});
