/**
 * Well-known pre-trained checkpoints (rules/models/checkpoints.yml): a repository that starts its weights from
 * torchvision's ImageNet ResNet-50, a Swin-22K backbone or an OpenCLIP LAION-2B encoder carries that data in its
 * weights' lineage even when it never names the data. This detector finds those checkpoints in the texts carryover
 * reads and reports the data that trained them as training mentions (`via: "known-checkpoint"`), naming the
 * checkpoint and the source that says what trained it. Pure once the list is loaded.
 */
import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { rulesUrl } from "../core/paths.js";
import type { DatasetMention } from "../core/types.js";
import { splitLines } from "../sources/text.js";
import { isCodeFile, isRecipeFile } from "./code-paths.js";
import { quote } from "./datasets.js";
import { MODEL_CODE_DIRS } from "./weights/paths.js";

export interface KnownCheckpoint {
  id: string;
  name: string;
  /** Registry ids of the data that trained it. */
  datasets: string[];
  /** Case-insensitive regular expressions over one line. */
  patterns: string[];
  /** Verbatim from `source` (verified), or `note`: a paraphrase. */
  quote?: string;
  note?: string;
  source: string;
  verified: boolean;
}

interface Compiled {
  cp: KnownCheckpoint;
  re: RegExp;
}

function check(x: unknown, i: number): KnownCheckpoint {
  const o = x as Record<string, unknown>;
  const fail = (m: string): never => {
    throw new Error(`rules/models/checkpoints.yml entry ${i + 1}${typeof o?.["id"] === "string" ? ` (${o["id"]})` : ""}: ${m}`);
  };
  if (!o || typeof o !== "object") fail("must be a mapping");
  for (const k of ["id", "name", "source"]) if (typeof o[k] !== "string" || !(o[k]).trim()) fail(`${k} must be a non-empty string`);
  for (const k of ["datasets", "patterns"]) if (!Array.isArray(o[k]) || (o[k] as unknown[]).length === 0 || !(o[k] as unknown[]).every((v) => typeof v === "string")) fail(`${k} must be a non-empty list of strings`);
  if (!/^https?:\/\/\S+$/.test(o["source"] as string)) fail("source must be an http(s) URL");
  if (typeof o["verified"] !== "boolean") fail("verified must be true or false");
  if (o["verified"] === true && typeof o["quote"] !== "string") fail("a verified entry quotes its source (quote)");
  if (typeof o["quote"] !== "string" && typeof o["note"] !== "string") fail("needs a quote or a note");
  for (const p of o["patterns"] as string[]) {
    try {
      new RegExp(p, "i");
    } catch (e) {
      fail(`pattern ${JSON.stringify(p)} is not a regular expression: ${(e as Error).message}`);
    }
  }
  const extra = Object.keys(o).filter((k) => !["id", "name", "datasets", "patterns", "quote", "note", "source", "verified"].includes(k));
  if (extra.length) fail(`unknown key${extra.length > 1 ? "s" : ""} ${extra.join(", ")}`);
  return o as unknown as KnownCheckpoint;
}

let cache: KnownCheckpoint[] | null = null;
/** The bundled list (cached), or the one at `file` (not cached: tests pass their own). */
export function loadKnownCheckpoints(file?: URL): KnownCheckpoint[] {
  if (!file && cache) return cache;
  const data: unknown = parse(readFileSync(file ?? rulesUrl("models/checkpoints.yml"), "utf8"));
  if (!Array.isArray(data)) throw new Error("rules/models/checkpoints.yml must be a list");
  const list = data.map(check);
  const ids = new Set<string>();
  for (const c of list) {
    if (ids.has(c.id)) throw new Error(`rules/models/checkpoints.yml: duplicate id ${c.id}`);
    ids.add(c.id);
  }
  if (!file) cache = list;
  return list;
}

const compiledFor = new WeakMap<KnownCheckpoint[], Compiled[]>();
function compiled(list: KnownCheckpoint[]): Compiled[] {
  let c = compiledFor.get(list);
  if (!c) {
    c = list.map((cp) => ({ cp, re: new RegExp(cp.patterns.map((p) => `(?:${p})`).join("|"), "i") }));
    compiledFor.set(list, c);
  }
  return c;
}

/** Lines longer than this are minified data, not statements. */
const MAX_LINE = 4_000;
/** Evidence lines kept per checkpoint and file. */
const PER_FILE = 2;

/**
 * One training mention per dataset a known checkpoint was trained on, at each of the first lines (per file) that
 * name the checkpoint. `isKnownId` is the registry check: ids the registry does not know are skipped.
 * `foreignCodeDirs`: folders (trailing slash) whose code is another project's (a nested folder with its own license,
 * ControlNet's `annotator/mlsd/`): its backbone is that project's choice, not these weights'.
 */
export function detectKnownCheckpoints(
  texts: ReadonlyMap<string, string>,
  isKnownId: (id: string) => boolean,
  opts: { foreignCodeDirs?: readonly string[]; list?: KnownCheckpoint[] } = {},
): DatasetMention[] {
  const out: DatasetMention[] = [];
  const cs = compiled(opts.list ?? loadKnownCheckpoints());
  const foreign = opts.foreignCodeDirs ?? [];
  for (const [path, text] of texts) {
    if (isCodeFile(path)) {
      // A training script's backbone choice is a recipe (`classify/train.py` of a repository that publishes no
      // classifier), as its dataset defaults are: model definitions, loaders, configs and docs speak for the weights.
      if (isRecipeFile(path) && !path.split("/").slice(0, -1).some((d) => MODEL_CODE_DIRS.has(d.toLowerCase()))) continue;
      if (foreign.some((d) => path.startsWith(d))) continue;
    }
    // One pass over the whole text per checkpoint family first: most files name none, and their lines are not split.
    const here = cs.filter(({ re }) => re.test(text));
    if (here.length === 0) continue;
    const per = new Map<string, number>();
    const lines = splitLines(text);
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i]!;
      if (line.length > MAX_LINE) continue;
      for (const { cp, re } of here) {
        const m = re.exec(line);
        if (!m) continue;
        const n = per.get(cp.id) ?? 0;
        if (n >= PER_FILE) continue;
        per.set(cp.id, n + 1);
        for (const id of cp.datasets) {
          if (!isKnownId(id)) continue;
          out.push({
            name: `${cp.name} (${m[0]})`,
            id,
            role: "training",
            via: "known-checkpoint",
            evidence: { path, line: i + 1, text: quote(line) },
            checkpoint: { id: cp.id, name: cp.name, source: cp.source },
          });
        }
      }
    }
  }
  return out;
}
