/**
 * CycloneDX 1.6 ML-BOM (JSON): the scanned model, the datasets it was trained on with their
 * lineage, licenses and status, and the base models it is built on. Built and serialised with
 * @cyclonedx/cyclonedx-library; the 1.6 fields the library does not model (`modelCard`, a data
 * component's `data`, `evidence.occurrences`) are added to its normalised output before it is
 * written. Only what the scan found or the registry states is written: an unknown license is no
 * license field, not a guess.
 *
 * Shape:
 * - `metadata.component`: the scanned target, type `machine-learning-model`, bom-ref `model`, with
 *   the effective weights license and a `modelCard` whose `modelParameters.datasets` references
 *   each training dataset's data component.
 * - `components`: one `data` component (data[].type `dataset`) per training dataset and per
 *   ancestor of one (bom-ref `dataset:<registry id>`, or `dataset:?<name>` for a name the registry
 *   does not know); one `machine-learning-model` component per base model (`base-model:<id>`).
 * - `dependencies`: model → training datasets and direct base models; dataset → its parents;
 *   base model → its own bases. Lineage is a dependency rather than `pedigree.ancestors`, which
 *   in 1.6 holds whole embedded component copies: an ancestor shared by two datasets (or also
 *   named directly) would appear several times with its status and license repeated, and a
 *   bom-ref must be unique in the BOM. A dependency points at the one component by bom-ref.
 * - Status: every registry dataset carries `carryover:status`; a non-active one also says so in
 *   its description, with the statement it rests on as an `evidence` external reference.
 *   `data[].governance` is not used: 1.6 governance lists custodians, stewards and owners only.
 * - Findings: one `carryover:finding` property each on the model (severity, rule, dataset,
 *   message). No `vulnerabilities`: a license finding is not a vulnerability.
 *
 * The library (~40 ms to load) is required on first use, so other formats do not pay for it.
 */
import { createRequire } from "node:module";
import type * as CDX from "@cyclonedx/cyclonedx-library";
import type { BaseModelLink, DatasetMention, Evidence, LineageNode, ScanResult } from "../core/types.js";
import { effectiveWeightsLicense } from "../detect/licenses.js";
import parseSpdx from "spdx-expression-parse";
import { sortFindings, stripControl } from "./common.js";
import type { ReportOptions } from "./types.js";

type Lib = typeof CDX;
const require = createRequire(import.meta.url);
let lib: Lib | undefined;
const cdx = (): Lib => (lib ??= require("@cyclonedx/cyclonedx-library") as Lib);

/** The bom-ref of the scanned model (`metadata.component`). */
export const MODEL_REF = "model";
/** Property names this format writes (namespace `carryover:`). */
export const PROP = {
  status: "carryover:status",
  inheritedStatus: "carryover:inherited-status",
  datasetId: "carryover:dataset-id",
  unresolved: "carryover:unresolved",
  finding: "carryover:finding",
  weights: "carryover:weights",
  licenseBasis: "carryover:weights-license-basis",
  licenseClauses: "carryover:weights-license-clauses",
  relation: "carryover:base-model-relation",
  depth: "carryover:base-model-depth",
  notFollowed: "carryover:base-model-not-followed",
} as const;

const SERIAL = /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Render the BOM (2-space JSON, trailing newline). Without `timestamp`/`serialNumber` the output is reproducible. */
export function cyclonedx(result: ScanResult, opts: ReportOptions = {}): string {
  if (opts.serialNumber !== undefined && !SERIAL.test(opts.serialNumber)) {
    throw new RangeError(`CycloneDX serialNumber must be a lowercase urn:uuid:…, got '${opts.serialNumber}'`);
  }
  const { bom, extras } = buildBom(result, opts);
  const { Serialize, Spec } = cdx();
  // The library's serializer, with the 1.6 fields it does not model merged into its normalised output.
  class MlBomSerializer extends Serialize.JsonSerializer {
    protected override _normalize(b: CDX.Models.Bom, o?: CDX.Serialize.Types.NormalizerOptions): CDX.Serialize.JSON.Types.Normalized.Bom {
      const n = super._normalize(b, o);
      const all = [...(n.metadata?.component ? [n.metadata.component] : []), ...(n.components ?? [])];
      for (const c of all) {
        const ref = c["bom-ref"];
        const extra = ref === undefined ? undefined : extras.get(ref);
        if (extra) Object.assign(c, extra);
      }
      return n;
    }
  }
  const serializer = new MlBomSerializer(new Serialize.JSON.Normalize.Factory(Spec.Spec1dot6));
  return `${serializer.serialize(bom, { sortLists: true, space: 2 })}\n`;
}

/** Fields of a normalised component the library does not produce, keyed by bom-ref. */
type Extras = Map<string, Record<string, unknown>>;

function buildBom(result: ScanResult, opts: ReportOptions): { bom: CDX.Models.Bom; extras: Extras } {
  const { Models, Enums } = cdx();
  const extras: Extras = new Map();
  const version = opts.toolVersion ?? result.tool.version;
  const bom = new Models.Bom({ ...(opts.serialNumber ? { serialNumber: opts.serialNumber } : {}) });
  if (opts.timestamp) bom.metadata.timestamp = opts.timestamp;
  bom.metadata.tools.components.add(new Models.Component(Enums.ComponentType.Application, "carryover", { version }));

  // The model.
  const model = new Models.Component(Enums.ComponentType.MachineLearningModel, clean(result.target), { bomRef: MODEL_REF });
  bom.metadata.component = model;
  const wl = effectiveWeightsLicense(result.licenses);
  const ack = wl.implicit ? Enums.LicenseAcknowledgement.Concluded : Enums.LicenseAcknowledgement.Declared;
  for (const l of licensesOf(wl.spdx, ack)) model.licenses.add(l);
  for (const h of wl.basis) model.properties.add(new Models.Property(PROP.licenseBasis, `${h.scope} ${where(h.source)}`));
  if (!wl.spdx && wl.clauses.length) model.properties.add(new Models.Property(PROP.licenseClauses, wl.clauses.join(", ")));
  for (const ref of targetRefs(result.target)) model.externalReferences.add(ref);
  for (const w of result.weights) {
    const url = w.kind === "link" ? httpUrl(w.ref) : null;
    if (url) {
      model.externalReferences.add(new Models.ExternalReference(url, Enums.ExternalReferenceType.Distribution, { comment: `weights${w.host ? ` (${w.host})` : ""}` }));
    } else {
      model.properties.add(new Models.Property(PROP.weights, clean(`${w.kind} ${w.ref}`)));
    }
  }
  for (const f of sortFindings(result.findings)) {
    model.properties.add(new Models.Property(PROP.finding, clean(`${f.severity} ${f.rule}${f.dataset ? ` (${f.dataset})` : ""}: ${f.message}`)));
  }

  // Datasets: those named for training (and not withheld), then their ancestors.
  const datasets = new Map<string, CDX.Models.Component>();
  const mentionsOf = new Map<string, DatasetMention[]>();
  const training = new Set<string>();
  for (const m of result.datasets) {
    const ref = m.id !== null ? `dataset:${m.id}` : `dataset:?${clean(m.name)}`;
    if (!mentionsOf.has(ref)) mentionsOf.set(ref, []);
    mentionsOf.get(ref)!.push(m);
    if (m.role === "training" && !m.withheld) training.add(ref);
  }
  const nodeOf = (id: string): LineageNode | undefined => (Object.hasOwn(result.lineage, id) ? result.lineage[id] : undefined);
  const addDataset = (ref: string, id: string | null, asWritten: string): CDX.Models.Component => {
    const existing = datasets.get(ref);
    if (existing) return existing;
    const node = id !== null ? nodeOf(id) : undefined;
    const name = clean(node?.name ?? asWritten);
    const c = new Models.Component(Enums.ComponentType.Data, name, { bomRef: ref });
    datasets.set(ref, c);
    bom.components.add(c);
    extras.set(ref, { data: [{ type: "dataset", name }], ...occurrences(mentionsOf.get(ref) ?? []) });
    if (id === null) {
      c.properties.add(new Models.Property(PROP.unresolved, "not in the carryover registry; its terms were not checked"));
      return c;
    }
    c.properties.add(new Models.Property(PROP.datasetId, id));
    if (!node) return c;
    for (const l of licensesOf(node.license, Enums.LicenseAcknowledgement.Declared)) c.licenses.add(l);
    c.properties.add(new Models.Property(PROP.status, node.status));
    if (node.status !== "active") {
      c.description = `${cap(node.status)} (carryover registry${node.statusSource ? `; statement: ${node.statusSource}` : ""}).`;
    }
    for (const source of node.sources) {
      const url = httpUrl(source);
      if (!url || source === node.statusSource) continue;
      c.externalReferences.add(new Models.ExternalReference(url, Enums.ExternalReferenceType.License, { comment: "dataset license or terms (carryover registry source)" }));
    }
    const statusUrl = node.statusSource ? httpUrl(node.statusSource) : null;
    if (statusUrl) {
      c.externalReferences.add(new Models.ExternalReference(statusUrl, Enums.ExternalReferenceType.Evidence, { comment: `dataset status: ${node.status}` }));
    }
    for (const p of node.parents) c.dependencies.add(addDataset(`dataset:${p}`, p, p).bomRef);
    // A derivative of a retracted dataset is active in its own right: say what it inherits, for readers that do not walk the graph.
    for (const a of ancestorsOf(id, result.lineage)) {
      if (a.status !== "active") c.properties.add(new Models.Property(PROP.inheritedStatus, `${a.status} (${a.id})`));
    }
    return c;
  };
  for (const ref of training) {
    const m = mentionsOf.get(ref)![0]!;
    model.dependencies.add(addDataset(ref, m.id, m.name).bomRef);
  }
  if (training.size) {
    extras.set(MODEL_REF, { modelCard: { modelParameters: { datasets: [...training].sort().map((ref) => ({ ref })) } } });
  }

  // Base models, nearest first; `of` names the child (the target for a direct base).
  const bases = new Map<string, CDX.Models.Component>();
  const links = result.baseModels ?? [];
  for (const b of links) {
    const ref = `base-model:${clean(b.id)}`;
    if (bases.has(ref)) continue;
    const c = new Models.Component(Enums.ComponentType.MachineLearningModel, clean(b.id), { bomRef: ref });
    bases.set(ref, c);
    bom.components.add(c);
    for (const l of licensesOf(b.license, Enums.LicenseAcknowledgement.Declared)) c.licenses.add(l);
    if (b.relation) c.properties.add(new Models.Property(PROP.relation, b.relation));
    c.properties.add(new Models.Property(PROP.depth, String(b.depth)));
    if (!b.followed) c.properties.add(new Models.Property(PROP.notFollowed, clean(b.note ?? "its card was not read")));
    if (/^[A-Za-z0-9][\w.-]*\/[\w.-]+$/.test(b.id)) {
      c.externalReferences.add(new Models.ExternalReference(`https://huggingface.co/${b.id}`, Enums.ExternalReferenceType.ModelCard));
    }
    extras.set(ref, { ...baseModelCard(b, datasets), ...occurrences(links.filter((x) => x.id === b.id)) });
  }
  for (const b of links) {
    const child = b.depth <= 1 ? model : bases.get(`base-model:${clean(b.of)}`);
    child?.dependencies.add(bases.get(`base-model:${clean(b.id)}`)!.bomRef);
  }
  return { bom, extras };
}

/** Every registry ancestor of `id`, nearest first, each once. */
function ancestorsOf(id: string, lineage: Record<string, LineageNode>): LineageNode[] {
  const out: LineageNode[] = [];
  const seen = new Set([id]);
  const queue: string[] = [id];
  for (let i = 0; i < queue.length; i++) {
    const node = Object.hasOwn(lineage, queue[i]!) ? lineage[queue[i]!] : undefined;
    for (const p of node?.parents ?? []) {
      if (seen.has(p)) continue;
      seen.add(p);
      queue.push(p);
      if (Object.hasOwn(lineage, p)) out.push(lineage[p]!);
    }
  }
  return out;
}

/** A base model's declared datasets: a reference when the BOM has that data component, else inline by name. */
function baseModelCard(b: BaseModelLink, datasets: ReadonlyMap<string, unknown>): Record<string, unknown> {
  if (b.datasets.length === 0) return {};
  const items = [...new Set(b.datasets.map(clean))].sort().map((d) => (datasets.has(`dataset:${d}`) ? { ref: `dataset:${d}` } : { type: "dataset", name: d }));
  return { modelCard: { modelParameters: { datasets: items } } };
}

/** `evidence.occurrences`: where the scanned files name the component (line 0 = the file as a whole). */
function occurrences(items: readonly { evidence: Evidence }[]): Record<string, unknown> {
  const seen = new Set<string>();
  const out: { location: string; line?: number }[] = [];
  for (const { evidence: e } of items) {
    const key = `${e.path}\u0000${e.line}`;
    if (!e.path || seen.has(key)) continue;
    seen.add(key);
    out.push({ location: clean(e.path), ...(e.line > 0 ? { line: e.line } : {}) });
  }
  out.sort((a, b) => (a.location < b.location ? -1 : a.location > b.location ? 1 : (a.line ?? 0) - (b.line ?? 0)));
  return out.length ? { evidence: { occurrences: out } } : {};
}

/**
 * A license value as CycloneDX license choices: an SPDX id as `license.id`; a valid compound
 * SPDX expression as `expression`; a LicenseRef, a Hugging Face id or any other value as
 * `license.name`; nothing for null.
 */
export function licensesOf(value: string | null, acknowledgement?: CDX.Enums.LicenseAcknowledgement): CDX.Models.License[] {
  if (!value?.trim()) return [];
  const { Models, SPDX } = cdx();
  const v = clean(value.trim());
  let l: CDX.Models.License;
  if (SPDX.isSupportedSpdxId(v)) l = new Models.SpdxLicense(v);
  else if (/\s(AND|OR|WITH)\s/.test(v) && isSpdxExpression(v)) l = new Models.LicenseExpression(v);
  else l = new Models.NamedLicense(v);
  if (acknowledgement) l.acknowledgement = acknowledgement;
  return [l];
}

function isSpdxExpression(v: string): boolean {
  try {
    parseSpdx(v);
    return true;
  } catch {
    return false;
  }
}

/** Repository links derivable from the target string itself. */
function targetRefs(target: string): CDX.Models.ExternalReference[] {
  const { Models, Enums } = cdx();
  const gh = /^github:([A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+)(?:@.*)?$/.exec(target);
  if (gh) return [new Models.ExternalReference(`https://github.com/${gh[1]}`, Enums.ExternalReferenceType.VCS)];
  const hf = /^hf:([A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+)(?:@.*)?$/.exec(target);
  if (hf) return [new Models.ExternalReference(`https://huggingface.co/${hf[1]}`, Enums.ExternalReferenceType.ModelCard)];
  return [];
}

/**
 * An http(s) URL as an RFC 3986 URI, or null: text from a README is not trusted to be one. The WHATWG
 * serialisation still lets through characters RFC 3986 forbids (`|`, `^`, `` ` ``, a `%` without two hex digits).
 */
function httpUrl(s: string): string | null {
  let u: URL;
  try {
    u = new URL(s);
  } catch {
    return null;
  }
  if (u.protocol !== "http:" && u.protocol !== "https:") return null;
  return u.href
    .replace(/%(?![0-9A-Fa-f]{2})/g, "%25")
    .replace(/[^A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=%]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}`);
}

const where = (e: Evidence): string => clean(e.line > 0 ? `${e.path}:${e.line}` : e.path);
const cap = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);
/** Scanned text without control characters, and without lone surrogates (a BOM is UTF-8). */
const clean = (s: string): string => stripControl(s).replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, "\uFFFD");
