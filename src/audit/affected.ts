/**
 * What a registry update means for an audited organisation: which datasets changed in a way that
 * can hurt derivatives (a retraction, a deprecation, new restrictions, a new license, a new
 * statement about trained models), and exactly which audited repositories train on one of them,
 * directly or through a dataset derived from it. Pure: two registries and a report in, lists out.
 */
import type { AuditReport, AuditedRepository } from "./types.js";
import type { Clause, Evidence, LineageNode } from "../core/types.js";
import type { Dataset, Registry, StatusLink } from "../resolve/registry.js";

export type DatasetState = StatusLink["state"];

/** The ways a dataset entry can change that matter to what was trained on it. */
export type ChangeKind = "status" | "clauses" | "license" | "models";

/** One dataset whose registry entry changed in a way that matters, with what it says now. */
export interface RegistryChange {
  id: string;
  name: string;
  /** What changed, in this order: status, clauses, license, models. Never empty. */
  kinds: ChangeKind[];
  /** Set when the dataset's own status became retracted, deprecated or defunct (or moved between them). */
  status?: { from: DatasetState; to: DatasetState };
  /** Restrictions the dataset's own terms state now and did not before. */
  clausesAdded: Clause[];
  /** Set when the license (`ref`, else `spdx`) changed. */
  license?: { from: string | null; to: string | null };
  /** Set when what the terms say about trained models changed: `says restriction` before and after. */
  models?: { from: string; to: string };
  /** The new statement: the status statement for a status change, else the models quote or the license quote. */
  statement: string;
  /** The URL that states it. */
  source: string;
}

/** How one audited repository derives from one changed dataset. */
export interface Derivation {
  /** The changed dataset. */
  change: string;
  /** The dataset the repository names (a registry id). */
  dataset: string;
  /** `dataset` first, the changed dataset last: `["ms1mv2", "ms-celeb-1m"]`; one element when it names it directly. */
  path: string[];
  /** Where the repository names `dataset` for training (its first such mention). */
  evidence: Evidence;
}

export interface AffectedRepository {
  repository: string;
  private: boolean;
  htmlUrl?: string;
  /** One per (changed dataset, named dataset), shortest path, sorted by change then dataset. */
  derivations: Derivation[];
}

/** The dataset's license as one label: its LicenseRef when it has one, else its SPDX expression. */
function licenseLabel(d: Dataset): string | null {
  return d.license.ref ?? d.license.spdx;
}

/** The restrictions the dataset's own terms state (not inherited ones: ancestors change on their own). */
function ownClauses(registry: Registry, id: string): Set<Clause> {
  return new Set(registry.resolve(id).restrictions.filter((r) => r.from === id).map((r) => r.clause));
}

function modelsLabel(d: Dataset): string {
  return `${d.terms.models.says ? "says" : "silent"} ${d.terms.models.restriction}`;
}

/**
 * Datasets of `after` whose own entry changed, compared with `before`, in ways that can make a
 * derivative's license wrong: status became (or moved to another) retracted / deprecated / defunct,
 * restrictions were added, the license changed, or the statement about trained models changed.
 * Relaxations alone (a clause removed, a dataset reinstated) are not reported. Datasets new in
 * `after` are not changes: nothing resolved to them before. Sorted by id.
 */
export function registryChanges(before: Registry, after: Registry): RegistryChange[] {
  const out: RegistryChange[] = [];
  for (const d of after.all()) {
    const old = before.get(d.id);
    if (!old) continue;
    const kinds: ChangeKind[] = [];
    const change: Omit<RegistryChange, "kinds" | "statement" | "source"> = { id: d.id, name: d.name, clausesAdded: [] };
    if (d.status.state !== old.status.state && d.status.state !== "active") {
      kinds.push("status");
      change.status = { from: old.status.state, to: d.status.state };
    }
    const was = ownClauses(before, d.id);
    change.clausesAdded = [...ownClauses(after, d.id)].filter((c) => !was.has(c));
    if (change.clausesAdded.length) kinds.push("clauses");
    if (licenseLabel(d) !== licenseLabel(old)) {
      kinds.push("license");
      change.license = { from: licenseLabel(old), to: licenseLabel(d) };
    }
    if (modelsLabel(d) !== modelsLabel(old)) {
      kinds.push("models");
      change.models = { from: modelsLabel(old), to: modelsLabel(d) };
    }
    if (!kinds.length) continue;
    out.push({ ...change, kinds, ...statementOf(d, kinds) });
  }
  return out;
}

/** The statement a change rests on and its URL, most specific first. */
function statementOf(d: Dataset, kinds: readonly ChangeKind[]): { statement: string; source: string } {
  const fallback = d.sources[0]!.url;
  if (kinds.includes("status")) {
    return { statement: d.status.statement ?? `${d.name} is now ${d.status.state}.`, source: d.status.url ?? fallback };
  }
  const m = d.terms.models;
  if (kinds.includes("models") && m.quote) return { statement: m.quote, source: m.source ?? d.terms.source };
  if (kinds.includes("license")) return { statement: d.license.quote, source: d.license.source };
  return { statement: d.license.quote, source: d.terms.source };
}

/** Shortest path from `from` to `to` over `parents` in a scan's lineage graph, or null. */
export function lineagePath(lineage: Readonly<Record<string, Pick<LineageNode, "parents">>>, from: string, to: string): string[] | null {
  if (from === to) return [from];
  const prev = new Map<string, string>([[from, ""]]);
  const queue = [from];
  for (let i = 0; i < queue.length; i++) {
    const id = queue[i]!;
    for (const p of lineage[id]?.parents ?? []) {
      if (prev.has(p)) continue;
      prev.set(p, id);
      if (p === to) {
        const path = [p];
        for (let c = id; c !== ""; c = prev.get(c)!) path.unshift(c);
        return path;
      }
      queue.push(p);
    }
  }
  return null;
}

/**
 * The audited repositories that train on a changed dataset, directly or through a dataset whose
 * lineage (as the scan recorded it in `result.lineage`) includes it. A dataset named only for
 * evaluation, or with an unclear role, is not a derivation: the pipeline's rules treat only
 * training mentions as carrying terms, and so does this. Failed and skipped repositories have no
 * result and are never listed (the dashboard lists them as failed). Sorted by repository.
 */
export function affectedRepositories(changes: readonly RegistryChange[], report: AuditReport): AffectedRepository[] {
  const changed = [...new Set(changes.map((c) => c.id))].sort();
  const out: AffectedRepository[] = [];
  for (const repo of report.repositories) {
    const derivations = derivationsOf(repo, changed);
    if (!derivations.length) continue;
    const a: AffectedRepository = { repository: repo.repository, private: repo.private, derivations };
    if (repo.htmlUrl !== undefined) a.htmlUrl = repo.htmlUrl;
    out.push(a);
  }
  return out.sort((a, b) => (a.repository < b.repository ? -1 : a.repository > b.repository ? 1 : 0));
}

function derivationsOf(repo: AuditedRepository, changed: readonly string[]): Derivation[] {
  const result = repo.status === "scanned" ? repo.result : undefined;
  if (!result) return [];
  // First training mention per registry id, in document order.
  const named = new Map<string, Evidence>();
  for (const m of result.datasets) if (m.role === "training" && m.id !== null && !named.has(m.id)) named.set(m.id, m.evidence);
  const out: Derivation[] = [];
  for (const change of changed) {
    for (const [dataset, evidence] of [...named].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const path = lineagePath(result.lineage, dataset, change);
      if (path) out.push({ change, dataset, path, evidence });
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// What changed since a report was made, from the report alone

/** How a dataset's entry differs from the snapshot a scan recorded in `result.lineage`. */
export type LineageChangeKind = "status" | "license" | "parents" | "removed";

/** One dataset a repository trains on (directly or through its lineage) whose entry differs now. */
export interface LineageChange {
  /** The dataset whose entry changed. */
  dataset: string;
  /** The training mention it is reached from, then down to `dataset`: `["celeba-hq", "celeba"]`. */
  path: string[];
  kinds: LineageChangeKind[];
  /** As the scan recorded it, and as the registry says now (null when the dataset left the registry). */
  before: Pick<LineageNode, "status" | "license" | "parents">;
  now: Pick<LineageNode, "status" | "license" | "parents"> | null;
  /** The new statement (the status statement for a status change, else the license quote) and its URL. */
  statement: string;
  source: string;
}

export interface LineageAffected {
  repository: string;
  private: boolean;
  htmlUrl?: string;
  /** Sorted by dataset; one per changed dataset (the shortest path to it). */
  changes: LineageChange[];
}

const sameList = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && [...a].sort().every((x, i) => x === [...b].sort()[i]);

/**
 * The repositories of `report` whose scanned lineage has changed in `registry`: for each scanned
 * repository, every dataset reachable from one of its training mentions through the lineage the
 * scan recorded (`result.lineage`, the old registry's snapshot: the old registry itself is not
 * available at run time) is compared with the registry now: status, license, parents. A dataset
 * removed from the registry is a change (`removed`). Reinstatements count: a re-scan then clears the
 * finding. Failed, skipped and evaluation-only repositories are never listed. Sorted by repository.
 */
export function lineageChanges(report: AuditReport, registry: Registry): LineageAffected[] {
  const out: LineageAffected[] = [];
  for (const repo of report.repositories) {
    const result = repo.status === "scanned" ? repo.result : undefined;
    if (!result) continue;
    const training = [...new Set(result.datasets.filter((m) => m.role === "training" && m.id !== null).map((m) => m.id!))].sort();
    const byDataset = new Map<string, LineageChange>();
    for (const named of training) {
      // Breadth-first from the mention over the recorded parents: the shortest path to each node.
      const seen = new Map<string, string[]>([[named, [named]]]);
      const queue = [named];
      for (let i = 0; i < queue.length; i++) {
        const id = queue[i]!;
        const node = result.lineage[id];
        if (!node) continue;
        const path = seen.get(id)!;
        const change = compareNode(node, registry, path);
        const prior = byDataset.get(id);
        if (change && (!prior || prior.path.length > path.length)) byDataset.set(id, change);
        for (const p of node.parents) {
          if (seen.has(p)) continue;
          seen.set(p, [...path, p]);
          queue.push(p);
        }
      }
    }
    if (!byDataset.size) continue;
    const a: LineageAffected = { repository: repo.repository, private: repo.private, changes: [...byDataset.values()].sort((x, y) => (x.dataset < y.dataset ? -1 : 1)) };
    if (repo.htmlUrl !== undefined) a.htmlUrl = repo.htmlUrl;
    out.push(a);
  }
  return out.sort((a, b) => (a.repository < b.repository ? -1 : a.repository > b.repository ? 1 : 0));
}

function compareNode(node: LineageNode, registry: Registry, path: string[]): LineageChange | null {
  const before = { status: node.status, license: node.license, parents: node.parents };
  const d = registry.get(node.id);
  if (!d) return { dataset: node.id, path, kinds: ["removed"], before, now: null, statement: `${node.name} is no longer in the dataset registry.`, source: node.sources[0] ?? "" };
  // The same label the pipeline records (src/resolve/training.ts lineageOf).
  const now = { status: d.status.state, license: d.license.spdx ?? d.license.ref ?? null, parents: d.parents.map((p) => p.id) };
  const kinds: LineageChangeKind[] = [];
  if (now.status !== before.status) kinds.push("status");
  if (now.license !== before.license) kinds.push("license");
  if (!sameList(now.parents, before.parents)) kinds.push("parents");
  if (!kinds.length) return null;
  const { statement, source } = kinds.includes("status")
    ? { statement: d.status.statement ?? `${d.name} is now ${d.status.state}.`, source: d.status.url ?? d.sources[0]!.url }
    : kinds.includes("license")
      ? { statement: d.license.quote, source: d.license.source }
      : { statement: `${d.name} now derives from ${now.parents.length ? now.parents.join(", ") : "no other dataset"}.`, source: d.sources[0]!.url };
  return { dataset: node.id, path, kinds, before, now, statement, source };
}
