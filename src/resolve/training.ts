/**
 * Resolve: from the detectors' dataset mentions to what the rules judge. One training use per dataset (the most
 * specific of a parent and its derivative), withheld only where the repository says its weights are not published;
 * and the lineage snapshot every report and dashboard reads (status, license, parents at scan time).
 */
import type { DatasetMention, LineageNode } from "../core/types.js";
import type { TrainingUse } from "../evaluate/rule.js";
import type { Registry } from "./registry.js";

/** One training use per registry id (a parent named beside its own derivative joins the derivative's use); withheld only when every prose mention says the weights are not published. */
export function trainingUses(mentions: readonly DatasetMention[], registry: Registry): TrainingUse[] {
  const by = new Map<string, DatasetMention[]>();
  for (const m of mentions) {
    if (m.role !== "training" || m.id === null) continue;
    if (!by.has(m.id)) by.set(m.id, []);
    by.get(m.id)!.push(m);
  }
  // A parent named alongside its own derivative ("ImageNet" and "ImageNet-1k") is one use: keep the most specific.
  const ids = [...by.keys()];
  const resolved = new Map(ids.map((id) => [id, registry.resolve(id)] as const));
  // Only through derivation edges: a mixture that contains a named component (GLUE ⊃ QNLI) does not absorb it, or the
  // component's own lineage (QNLI ← SQuAD, share-alike) would be judged as the mixture's, softened to info.
  const derivedFrom = (child: string, ancestor: string, seen = new Set<string>()): boolean => {
    if (seen.has(child)) return false;
    seen.add(child);
    return (registry.get(child)?.parents ?? []).some((p) => p.kind !== "component" && (p.id === ancestor || derivedFrom(p.id, ancestor, seen)));
  };
  const childOf = (id: string) => ids.find((other) => other !== id && resolved.get(other)!.lineage.some((d) => d.id === id) && derivedFrom(other, id));
  const out: TrainingUse[] = [];
  for (const id of ids) {
    const child = childOf(id);
    if (child) {
      by.get(child)!.push(...by.get(id)!);
      continue;
    }
    out.push({ id, resolved: resolved.get(id)!, mentions: by.get(id)!, withheld: false });
  }
  // Withheld only where the repository says so: every prose mention sits in a section that says its weights are not
  // published, and nothing ties the dataset to the weights directly (front matter, the config, a checkpoint name).
  const DIRECT = new Set(["front-matter", "declared", "checkpoint", "base-model"]);
  for (const u of out) {
    const prose = u.mentions.filter((m) => m.via !== "config" && m.via !== "checkpoint");
    u.withheld = prose.length > 0 && prose.every((m) => m.withheld) && !u.mentions.some((m) => DIRECT.has(m.via) || m.linked);
    // The model zoo is the authority on what is published: when every zoo row naming the dataset says its model is
    // not out yet ("To be added"), a news line or an overview sentence does not publish it.
    const rows = u.mentions.filter((m) => m.via === "table");
    if (rows.length > 0 && rows.every((m) => m.withheld) && !u.mentions.some((m) => DIRECT.has(m.via) || m.linked)) u.withheld = true;
  }
  return out.sort((a, b) => a.id.localeCompare(b.id));
}

/** Where an inferred training use may come from: the docs' own prose, tables and headings (not code defaults). */
const INFER_VIA = new Set(["prose", "table", "heading", "script-name"]);

/**
 * The training data a repository implies but never states. Called only when weights are published and no mention
 * says what trained them: a dataset the docs name (prose, a table, a heading, a training script's file name) with an
 * unclear role, neither evaluation nor withheld ("UniAD is trained in two stages" above a nuScenes data-preparation
 * page; "The code can be trained on CASIA-WebFace"), is taken as training data, marked `inferred`; its uses keep the
 * original mentions. Code and config defaults do not count: the sweep found them to be recipes for runs nobody
 * published as often as the published run itself.
 */
export function inferredTrainingUses(mentions: readonly DatasetMention[], registry: Registry): TrainingUse[] {
  const original = new Map<DatasetMention, DatasetMention>();
  for (const m of mentions) {
    if (m.role === "unclear" && m.id !== null && !m.withheld && INFER_VIA.has(m.via)) original.set({ ...m, role: "training" }, m);
  }
  return trainingUses([...original.keys()], registry).map((u) => ({ ...u, inferred: true, mentions: u.mentions.map((m) => original.get(m) ?? m) }));
}

export function lineageOf(mentions: readonly DatasetMention[], registry: Registry): Record<string, LineageNode> {
  const out: Record<string, LineageNode> = {};
  const done = new Set<string>();
  for (const m of mentions) {
    if (!m.id || done.has(m.id)) continue;
    done.add(m.id);
    for (const d of registry.resolve(m.id).lineage) {
      if (out[d.id]) continue;
      out[d.id] = {
        id: d.id,
        name: d.name,
        parents: d.parents.map((p) => p.id),
        status: d.status.state,
        license: d.license.spdx ?? d.license.ref ?? null,
        sources: [...new Set([d.license.source, d.terms.source, ...(d.status.url ? [d.status.url] : [])])],
        ...(d.status.url ? { statusSource: d.status.url } : {}),
      };
    }
  }
  return out;
}
