/**
 * Base models whose licenses flow down to fine-tunes (rules/models/base-models.yml):
 * from a model card's `base_model:` or from prose ("delta weights on top of LLaMA").
 */
import { readFileSync } from "node:fs";
import { minimatch } from "minimatch";
import { parse } from "yaml";
import type { Clause, Evidence } from "../core/types.js";
import { CLAUSES } from "../core/types.js";
import { splitLines } from "../sources/text.js";
import { parseFrontMatter, stringList } from "../detect/frontmatter.js";
import { rulesUrl } from "../core/paths.js";

/** One entry of rules/models/base-models.yml. */
export interface BaseModel {
  id: string;
  name: string;
  /** Hugging Face model id globs (minimatch). */
  hf: string[];
  /** Names as prose writes them (matched case-sensitively). */
  aliases: string[];
  license: string;
  clauses: Clause[];
  quote: string;
  source: string;
  verified: boolean;
  /** Notices the license asks a derivative to show ("Built with Llama"), each found by a pattern over the lower-cased docs. */
  notices?: { name: string; pattern: string }[];
}

const KEYS = ["id", "name", "hf", "aliases", "license", "clauses", "quote", "source", "verified", "notices"] as const;

/**
 * Checks one entry's shape. Hand-written rather than a zod schema so that a scan does not load zod (a third of
 * the CLI's start-up); the file is small and also checked by its test.
 */
export function checkBaseModel(v: unknown, i: number): BaseModel {
  const fail = (why: string): never => {
    throw new Error(`rules/models/base-models.yml entry ${i + 1}: ${why}`);
  };
  if (!v || typeof v !== "object" || Array.isArray(v)) fail("not a mapping");
  const o = v as Record<string, unknown>;
  for (const k of Object.keys(o)) if (!(KEYS as readonly string[]).includes(k)) fail(`unknown key ${k}`);
  for (const k of ["id", "name", "license", "quote", "source"] as const) if (typeof o[k] !== "string" || !o[k]) fail(`${k} must be a non-empty string`);
  for (const k of ["hf", "aliases"] as const) if (!Array.isArray(o[k]) || !(o[k] as unknown[]).every((x) => typeof x === "string" && x)) fail(`${k} must be a list of strings`);
  if (!Array.isArray(o["clauses"]) || !(o["clauses"] as unknown[]).every((c) => (CLAUSES as readonly unknown[]).includes(c))) fail(`clauses must be among ${CLAUSES.join(", ")}`);
  if (typeof o["verified"] !== "boolean") fail("verified must be true or false");
  if (o["notices"] !== undefined) {
    if (!Array.isArray(o["notices"])) fail("notices must be a list");
    for (const n of o["notices"] as unknown[]) {
      const e = n as Record<string, unknown>;
      if (!e || typeof e.name !== "string" || typeof e.pattern !== "string" || Object.keys(e).some((k) => k !== "name" && k !== "pattern")) fail("each notice needs exactly a name and a pattern");
      try {
        new RegExp(e.pattern as string, "m");
      } catch (err) {
        fail(`notice pattern ${JSON.stringify(e.pattern)} is not a valid regular expression: ${(err as Error).message}`);
      }
    }
  }
  if (!/^https?:\/\/\S+$/.test(o["source"] as string)) fail("source must be an http(s) URL");
  return o as unknown as BaseModel;
}

export interface BaseModelUse {
  model: BaseModel;
  /** As written (HF id or name). */
  name: string;
  via: "base_model" | "prose";
  /** Where the link is stated: the target's own line for a direct base, the previous base's card for a deeper hop. */
  evidence: Evidence;
  /** Reached by following cards (resolve/base-chain.ts): the ids from the target's direct base to this one. */
  chain?: string[];
  /** The base card's (or license file's) line that states its license, for a followed base. */
  licenseEvidence?: Evidence;
}

/** How a finding names a base model: its name and, for a followed chain, the hops that lead to it. */
export function describeBaseUse(b: BaseModelUse): string {
  if (b.chain && b.chain.length > 1) return `${b.model.name} (base model of a base model: ${b.chain.join(" → ")})`;
  return b.model.name === b.name ? b.name : `${b.model.name} (${b.name})`;
}

let cache: BaseModel[] | null = null;
export function loadBaseModels(file: URL = rulesUrl("models/base-models.yml")): BaseModel[] {
  if (cache) return cache;
  const data: unknown = parse(readFileSync(file, "utf8"));
  if (!Array.isArray(data)) throw new Error("rules/models/base-models.yml must be a list");
  cache = data.map(checkBaseModel);
  return cache;
}

/** Phrases that make a model name a base model: fine-tuned from, on top of, delta, adapter, quantised. */
const BASE_CUE = /\b(?:fine-?tun(?:ed|ing)\s+(?:from|of|on top of)|finetuned\s+(?:from|of)|on top of|based on|built (?:on|upon)|derived from|delta (?:weights|of|over|to)|weight diff|initiali[sz]ed (?:from|with)|base model|adapter|LoRA|quanti[sz]ed|merge[ds]? of)\b/i;

const CUE_HINT = /tun|top of|based|built|derived|delta|diff|initiali|base|adapter|lora|quanti|merge|model_name/i;
const BASE_KEY = /\b(?:base_model|model_name_or_path|pretrained_model_name_or_path|base_model_name)\b/;
const HF_ID = /\b[A-Za-z0-9][\w.-]*\/[A-Za-z0-9][\w.-]*\b/g;

const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

const matchers = new WeakMap<BaseModel[], { aliasList: { a: string; m: BaseModel }[]; aliasRe: RegExp }>();
/** The alias list and its one alternation regex, built once per model list. */
function aliasMatcher(models: BaseModel[]) {
  let m = matchers.get(models);
  if (!m) {
    const aliasList = models.flatMap((x) => x.aliases.map((a) => ({ a, m: x }))).sort((x, y) => y.a.length - x.a.length);
    // Case-sensitive: "LLaMA" (v1) and "Llama 2" are spelled differently, and "Llama" alone names no version.
    const aliasRe = new RegExp(`(?<![\\w-])(${aliasList.map((x) => esc(x.a)).join("|")})(?![\\w-]|\\.\\d)`, "g");
    m = { aliasList, aliasRe };
    matchers.set(models, m);
  }
  return m;
}

export function detectBaseModels(texts: ReadonlyMap<string, string>, models = loadBaseModels()): BaseModelUse[] {
  const out: BaseModelUse[] = [];
  const seen = new Set<string>();
  const { aliasList, aliasRe } = aliasMatcher(models);
  for (const [path, text] of texts) {
    if (!/\.(md|markdown|txt|rst)$/i.test(path) && !/(^|\/)readme$/i.test(path)) continue;
    // A base model is declared by the repository's own README or model card, not by docs deep in the tree
    // (Open-Assistant's 94 dataset READMEs name models they compare against).
    if (path.split("/").length > 2 && !/model[-_ ]?card|modelcard/i.test(path)) continue;
    const fm = parseFrontMatter(text);
    if (fm.data) {
      const line = fm.keyLines.get("base_model") ?? 1;
      for (const name of stringList(fm.data["base_model"])) {
        const m = models.find((b) => b.hf.some((g) => minimatch(name, g, { nocase: true })));
        if (m && !seen.has(m.id)) {
          seen.add(m.id);
          out.push({ model: m, name, via: "base_model", evidence: { path, line, text: `base_model: ${name}` } });
        }
      }
    }
    const lines = splitLines(text);
    for (let i = fm.bodyOffset; i < lines.length; i++) {
      const line = lines[i]!;
      if (line.length > 5_000) continue;
      // A Hugging Face id of a known base model as an argument or next to a cue (`--base_model 'decapoda-research/llama-7b-hf'`).
      // Cheap pre-test: most lines name no base model and carry none of the cue words.
      if (!CUE_HINT.test(line)) continue;
      if (BASE_CUE.test(line) || BASE_KEY.test(line)) {
        for (const m of line.matchAll(HF_ID)) {
          const model = models.find((b) => b.hf.some((g) => minimatch(m[0], g, { nocase: true })));
          if (model && !seen.has(model.id)) {
            seen.add(model.id);
            out.push({ model, name: m[0], via: BASE_KEY.test(line) ? "base_model" : "prose", evidence: { path, line: i + 1, text: line.trim().slice(0, 240) } });
          }
        }
      }
      if (!BASE_CUE.test(line)) continue;
      aliasRe.lastIndex = 0;
      for (let mm = aliasRe.exec(line); mm; mm = aliasRe.exec(line)) {
        const hit = aliasList.find((x) => x.a === mm[1]!);
        if (!hit || seen.has(hit.m.id)) continue;
        seen.add(hit.m.id);
        out.push({ model: hit.m, name: mm[1]!, via: "prose", evidence: { path, line: i + 1, text: line.trim().slice(0, 240) } });
      }
    }
  }
  return out;
}
