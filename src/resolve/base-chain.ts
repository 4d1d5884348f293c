/**
 * Following a model card's `base_model` hop by hop. The card names its base models (`base_model`: one id or a
 * list) and how it derives from them (`base_model_relation`: finetune, adapter, merge, quantized: Hugging Face's
 * vocabulary). Each base's own card is read through an injected resolver (the CLI gives one built on the Hugging
 * Face source; the pipeline does no I/O of its own), and what it states flows into the scan:
 *
 * - its license: a base under non-commercial, research-only or use-restricted terms becomes a base-model use, so
 *   the same rules that judge a Llama or RAIL base judge it (a registry-known base keeps its curated entry);
 * - its training data: each `datasets:` id becomes a training mention (`via: "base-model"`) whose evidence points
 *   at the base's card (`hf:org/base/README.md`).
 *
 * Bounded by a depth (default 3) and cycle-safe: a model met again is a link with a note, never a second visit.
 */
import { minimatch } from "minimatch";
import type { BaseModelLink, Clause, DatasetMention, Evidence } from "../core/types.js";
import { parseFrontMatter, stringList } from "../detect/frontmatter.js";
import { detectLicenses, effectiveWeightsLicense } from "../detect/licenses.js";
import { splitLines } from "../sources/text.js";
import type { BaseModel, BaseModelUse } from "./base-models.js";
import { lookupHfDatasetId } from "./normalize.js";
import type { Registry } from "./registry.js";

/** How many hops are followed unless the caller says otherwise. */
export const DEFAULT_BASE_DEPTH = 3;

/** What a resolver returns for one base model id. */
export interface BaseModelCard {
  /** The card's text (the repository's README.md, front matter included). */
  card: string;
  /** License files beside the card (`LICENSE`, `LICENSE.md`, …), path relative to the base repository → text. */
  licenseFiles?: ReadonlyMap<string, string>;
  /** The base's page, cited as the source of its terms. */
  url: string;
}

/**
 * Reads a base model's card by its Hub id. Null when the model does not exist (or cannot be seen); a thrown error
 * (gated, no network) becomes the hop's note.
 */
export type BaseModelResolver = (id: string) => Promise<BaseModelCard | null>;

/** One `base_model` entry of a card. */
export interface CardBase {
  id: string;
  relation: BaseModelLink["relation"];
  evidence: Evidence;
}

const RELATIONS = new Set(["finetune", "adapter", "merge", "quantized"]);
/** A Hub model id (`org/name`); names that are not ids (a local path, prose) are not looked up. */
const HUB_ID = /^[A-Za-z0-9][\w.-]*\/[A-Za-z0-9][\w.-]*$/;

const depthOf = (p: string) => p.split("/").length - 1;
const isCardPath = (p: string) => (depthOf(p) === 0 && /^readme(?:\.md|\.markdown)?$/i.test(p)) || (depthOf(p) <= 1 && /model[-_ ]?card[^/]*\.md$/i.test(p));

/** The `base_model` entries of one card's text (its front matter), with the line that states them. */
export function basesOfCard(text: string, path: string): CardBase[] {
  const fm = parseFrontMatter(text);
  if (!fm.data) return [];
  const ids = stringList(fm.data["base_model"]).filter((id) => HUB_ID.test(id));
  if (!ids.length) return [];
  const rel = stringList(fm.data["base_model_relation"])[0]?.toLowerCase();
  const relation = rel && RELATIONS.has(rel) ? (rel as BaseModelLink["relation"]) : null;
  const line = fm.keyLines.get("base_model") ?? 1;
  const lines = splitLines(text);
  return ids.map((id) => ({ id, relation, evidence: { path, line, text: quoteLine(lines[line - 1], `base_model: ${id}`, id) } }));
}

/** The base models the scanned repository's own model card names (root README or a model card file). */
export function cardBaseModels(texts: ReadonlyMap<string, string>): CardBase[] {
  const out: CardBase[] = [];
  const seen = new Set<string>();
  for (const [path, text] of texts) {
    if (!isCardPath(path)) continue;
    for (const b of basesOfCard(text, path)) {
      if (seen.has(b.id.toLowerCase())) continue;
      seen.add(b.id.toLowerCase());
      out.push(b);
    }
  }
  return out;
}

export interface FollowOptions {
  resolve: BaseModelResolver;
  /** Hops to follow; a base past it is listed with a note, unread. */
  maxDepth?: number;
  /** The scanned model's own Hub id (from `hf:org/name`), so a chain back to it is a cycle; null when unknown. */
  self: string | null;
  /** How the scanned target is named in `of` for a direct base. */
  target: string;
  registry: Registry;
  /** rules/models/base-models.yml: a known base keeps its curated license entry. */
  models: readonly BaseModel[];
}

export interface FollowResult {
  /** Every hop, nearest first (breadth-first). */
  links: BaseModelLink[];
  /** License inheritance for the rules (`ctx.baseModels`), one per restricted base reached. */
  uses: BaseModelUse[];
  /** Training data the bases' cards declare. */
  mentions: DatasetMention[];
}

/** Clauses of a base's license that a derived model must carry (attribution alone is not judged here). */
const INHERITED: readonly Clause[] = ["non-commercial", "research-only", "use-restrictions", "share-alike", "no-derivatives", "no-redistribution"];

interface Hop extends CardBase {
  of: string;
  depth: number;
  /** Ids from the scanned model to this one, this one last. */
  path: string[];
}

/** Walk the chain breadth-first from the target's own bases. Never throws: a failed read is a note on its hop. */
export async function followBaseModels(direct: readonly CardBase[], opts: FollowOptions): Promise<FollowResult> {
  const maxDepth = opts.maxDepth ?? DEFAULT_BASE_DEPTH;
  const links: BaseModelLink[] = [];
  const uses: BaseModelUse[] = [];
  const mentions: DatasetMention[] = [];
  const key = (id: string) => id.toLowerCase();
  const visited = new Set<string>(opts.self ? [key(opts.self)] : []);
  const queue: Hop[] = direct.map((b) => ({ ...b, of: opts.target, depth: 1, path: [b.id] }));
  const usedModels = new Set<string>();

  for (let hop = queue.shift(); hop; hop = queue.shift()) {
    const link: BaseModelLink = { id: hop.id, relation: hop.relation, of: hop.of, depth: hop.depth, license: null, datasets: [], evidence: hop.evidence, followed: false };
    links.push(link);
    const ancestors = hop.path.slice(0, -1).map(key);
    if ((opts.self && key(hop.id) === key(opts.self)) || ancestors.includes(key(hop.id))) {
      link.note = `cycle: ${hop.id} is already in this chain (${[opts.self ?? opts.target, ...hop.path].join(" → ")}); not followed again`;
      continue;
    }
    if (visited.has(key(hop.id))) {
      link.note = `already followed as a base of another model`;
      continue;
    }
    if (hop.depth > maxDepth) {
      link.note = `depth limit (${maxDepth}) reached; not read`;
      continue;
    }
    visited.add(key(hop.id));
    let card: BaseModelCard | null;
    try {
      card = await opts.resolve(hop.id);
    } catch (e) {
      link.note = `not read: ${oneLine(e instanceof Error ? e.message : String(e))}`;
      continue;
    }
    if (!card) {
      link.note = "not found on the Hub (missing, or private)";
      continue;
    }
    link.followed = true;
    const cardPath = `hf:${hop.id}/README.md`;

    // License: the card's `license` field and the license files, read the way the scan reads its own target.
    const texts = new Map<string, string>([["README.md", card.card], ...(card.licenseFiles ?? new Map())]);
    const wl = effectiveWeightsLicense(detectLicenses({ texts, weights: [] }));
    const basis = wl.basis[0];
    link.license = wl.spdx ?? (basis?.name ?? null);
    const licenseEvidence = basis ? { ...basis.source, path: `hf:${hop.id}/${basis.source.path}` } : undefined;
    const known = opts.models.find((m) => m.hf.some((g) => minimatch(hop.id, g, { nocase: true })));
    const chain = hop.path;
    if (known) {
      // The curated entry states the license's terms better than its card's one-word id.
      if (!usedModels.has(known.id)) {
        usedModels.add(known.id);
        uses.push({ model: known, name: hop.id, via: "base_model", evidence: hop.evidence, chain, ...(licenseEvidence ? { licenseEvidence } : {}) });
      }
    } else {
      const clauses = wl.clauses.filter((c) => INHERITED.includes(c));
      if (clauses.length && basis) {
        const model: BaseModel = {
          id: `hf:${hop.id}`,
          name: hop.id,
          hf: [hop.id],
          aliases: [],
          license: wl.spdx ?? basis.name ?? "its license",
          clauses,
          quote: basis.source.text,
          source: card.url,
          verified: false,
        };
        uses.push({ model, name: hop.id, via: "base_model", evidence: hop.evidence, chain, ...(licenseEvidence ? { licenseEvidence } : {}) });
      }
    }

    // Training data the base declares.
    const fm = parseFrontMatter(card.card);
    if (fm.data) {
      const line = fm.keyLines.get("datasets") ?? 1;
      for (const name of stringList(fm.data["datasets"])) {
        const r = lookupHfDatasetId(opts.registry, name);
        const id = r?.dataset.id ?? null;
        link.datasets.push(id ?? name);
        mentions.push({ name, id, role: "training", via: "base-model", evidence: { path: cardPath, line, text: `datasets: ${name} (declared by base model ${chain.join(" → ")})` } });
      }
    }
    for (const b of basesOfCard(card.card, cardPath)) queue.push({ ...b, of: hop.id, depth: hop.depth + 1, path: [...hop.path, b.id] });
  }
  return { links, uses, mentions };
}

/** The card's own line when it names the id (a scalar `base_model: x`), else a line that says the same. */
function quoteLine(line: string | undefined, fallback: string, id: string): string {
  const t = (line ?? "").trim();
  return t.includes(id) ? t.slice(0, 240) : fallback;
}

const oneLine = (s: string) => s.replace(/\s+/g, " ").trim().slice(0, 240);
