/**
 * The steward's dashboard: for a dataset its publisher stewards (`steward:` in the repository's
 * `.github/carryover.yml`), one "Derivatives of <dataset>" issue listing the public repositories
 * and Hugging Face models trained on it, or on a dataset derived from it, with their licenses and
 * whether the dataset's terms carried over. Newest first; a derivative found since the last run
 * that drops the terms is called out at the top, and so is one that fixed its license.
 *
 * Verdicts:
 * - a GitHub repository (from an audit): the worst severity of its findings about the dataset
 *   (finding `dataset` or `origin` is the stewarded id), else "carries the terms";
 * - a Hugging Face model (from the injected lister): its license id alone, graded by the same
 *   function the carry-over rules use (src/evaluate/grade.ts) against the dataset's own
 *   non-commercial, research-only, share-alike and no-derivatives terms.
 *
 * Privacy: only public repositories and public models are ever listed; a private model returned by
 * the lister is dropped here, whatever the caller passes.
 */
import { lineagePath } from "../audit/affected.js";
import type { AuditReport } from "../audit/types.js";
import { CONFIG_PATH, DEFAULT_CONFIG } from "../config/defaults.js";
import { severityRank, type Clause, type Severity } from "../core/types.js";
import { normalizeLicenseId } from "../detect/license/expression.js";
import { effectiveWeightsLicense, type WeightsLicense } from "../detect/licenses.js";
import { carries, gradeCarryOver } from "../evaluate/grade.js";
import type { RuleContext } from "../evaluate/rule.js";
import type { Registry } from "../resolve/registry.js";
import { boundedState, cappedList, dashboardMarker, fitToLimit, stateBlock, type DashboardState } from "./dashboard.js";
import { DISCLAIMER, ISSUE_BODY_MAX } from "./summary.js";

/** One Hugging Face model as the HF source lists it for a dataset (`listModels` filtered by `dataset:<id>`). */
export interface HfModelInfo {
  id: string;
  private: boolean;
  /** false, or the gating mode (`"auto"`, `"manual"`; true for older responses). */
  gated: boolean | "auto" | "manual";
  /** The card's `license` (an HF license id such as `cc-by-nc-4.0`, `other`), or null. */
  license: string | null;
  /** ISO 8601. */
  lastModified: string;
  /** HF dataset ids the card declares. */
  datasets: string[];
}

/** The models trained on one HF dataset id (implemented by src/sources/huggingface.ts). */
export type HfModelLister = (hfDatasetId: string) => Promise<HfModelInfo[]>;

export interface StewardSources {
  /** Audits to take GitHub repositories from (private ones are never used). */
  reports: readonly AuditReport[];
  hfModels?: HfModelLister;
}

/** Severity of the worst finding, or `carries` when the terms carried over. */
export type Verdict = Severity | "carries";

export interface Derivative {
  kind: "github" | "huggingface";
  /** `owner/name` or the HF model id. */
  id: string;
  url: string;
  /** The weights license as detected (GitHub) or the card's license id (HF); null when unknown. */
  license: string | null;
  /** The dataset it names first, the stewarded dataset last: `["ms1mv2", "ms-celeb-1m"]`. */
  path: string[];
  verdict: Verdict;
  /** Rule ids (GitHub) or `<clause> not carried` (HF) behind the verdict. */
  reasons: string[];
  /** HF: the model is public but gated. */
  gated?: boolean;
  /** HF: last modified; GitHub: the time of the audit it comes from. ISO 8601. */
  date: string;
}

export interface StewardDerivatives {
  dataset: string;
  derivatives: Derivative[];
  /** HF look-ups that failed: listed on the dashboard, never silently dropped. */
  failures: { hfDataset: string; error: string }[];
}

const CARRIED: readonly Clause[] = ["non-commercial", "research-only", "share-alike", "no-derivatives"];

/** Datasets whose lineage includes `datasetId` (itself first), from the registry. */
function descendants(registry: Registry, datasetId: string): string[] {
  const out = registry
    .all()
    .filter((d) => d.id !== datasetId && registry.resolve(d.id).lineage.some((x) => x.id === datasetId))
    .map((d) => d.id);
  return [datasetId, ...out];
}

/** The registry lineage of `id` as a parents graph (for {@link lineagePath}). */
function registryGraph(registry: Registry, id: string): Record<string, { parents: string[] }> {
  return Object.fromEntries(registry.resolve(id).lineage.map((d) => [d.id, { parents: d.parents.map((p) => p.id) }]));
}

function worst(verdicts: readonly Severity[]): Verdict {
  let w: Severity | null = null;
  for (const s of verdicts) if (w === null || severityRank(s) > severityRank(w)) w = s;
  return w ?? "carries";
}

/** The verdict on a model from its license id alone. */
function hfVerdict(registry: Registry, named: string, datasetId: string, license: string | null, owner: string): { verdict: Verdict; reasons: string[] } {
  const norm = license ? normalizeLicenseId(license) : { spdx: null, clauses: [] as Clause[] };
  const wl: WeightsLicense = { spdx: norm.spdx, clauses: norm.clauses, basis: [], implicit: false, defersUpstream: null, codeOnly: null };
  const resolved = registry.resolve(named);
  // Only the stewarded dataset's own terms: the steward speaks for those, not for a derivative's extra terms.
  const own = { ...resolved, restrictions: resolved.restrictions.filter((r) => r.from === datasetId) };
  // The rules' context with nothing scanned: the grade reads the registry, the policy and the owner only.
  const ctx: RuleContext = {
    weights: [],
    licenses: [],
    weightsLicense: wl,
    training: [],
    mentions: [],
    baseModels: [],
    config: DEFAULT_CONFIG,
    registry,
    texts: new Map(),
    today: "",
    owner,
    configPath: CONFIG_PATH,
  };
  const severities: Severity[] = [];
  const reasons: string[] = [];
  for (const clause of CARRIED) {
    if (carries(wl, clause)) continue;
    const g = gradeCarryOver(own, [clause], ctx);
    if (!g) continue;
    severities.push(g.severity);
    reasons.push(`${clause} not carried`);
  }
  return { verdict: worst(severities), reasons };
}

/**
 * Every public derivative of `datasetId`: (a) public repositories of the audits that publish
 * weights and whose training datasets include it or a dataset whose lineage (as scanned) includes it; (b) public Hugging Face
 * models the lister returns for the HF ids of the dataset and of every registry dataset derived
 * from it. Newest first, then by id. A repository in several audits is taken from the newest.
 */
export async function stewardDerivatives(datasetId: string, registry: Registry, sources: StewardSources): Promise<StewardDerivatives> {
  if (!registry.get(datasetId)) throw new Error(`unknown dataset id '${datasetId}'`);
  const byId = new Map<string, Derivative>();

  const reports = [...sources.reports].sort((a, b) => (a.generatedAt < b.generatedAt ? 1 : -1));
  for (const report of reports) {
    for (const repo of report.repositories) {
      if (repo.private || repo.status !== "scanned" || !repo.result || byId.has(`github:${repo.repository}`)) continue;
      const r = repo.result;
      // A derivative ships weights (files, LFS, download links, Hub refs); a repository that only trains is not one.
      if (r.weights.length === 0) continue;
      let path: string[] | null = null;
      for (const m of r.datasets) {
        if (m.role !== "training" || m.id === null) continue;
        const p = lineagePath(r.lineage, m.id, datasetId);
        if (p && (!path || p.length < path.length)) path = p;
      }
      if (!path) continue;
      const about = r.findings.filter((f) => f.dataset === datasetId || f.origin === datasetId);
      byId.set(`github:${repo.repository}`, {
        kind: "github",
        id: repo.repository,
        url: repo.htmlUrl ?? `https://github.com/${repo.repository}`,
        license: effectiveWeightsLicense(r.licenses).spdx,
        path,
        verdict: worst(about.map((f) => f.severity)),
        reasons: [...new Set(about.map((f) => f.rule))].sort(),
        date: report.generatedAt,
      });
    }
  }

  const failures: StewardDerivatives["failures"] = [];
  if (sources.hfModels) {
    for (const named of descendants(registry, datasetId)) {
      const path = lineagePath(registryGraph(registry, named), named, datasetId);
      if (!path) continue;
      for (const hfId of registry.get(named)!.hf) {
        let models: HfModelInfo[];
        try {
          models = await sources.hfModels(hfId);
        } catch (e) {
          failures.push({ hfDataset: hfId, error: e instanceof Error ? e.message : String(e) });
          continue;
        }
        for (const m of models) {
          if (m.private !== false || byId.has(`hf:${m.id}`)) continue;
          const { verdict, reasons } = hfVerdict(registry, named, datasetId, m.license, m.id.split("/")[0] ?? "");
          byId.set(`hf:${m.id}`, {
            kind: "huggingface",
            id: m.id,
            url: `https://huggingface.co/${m.id}`,
            license: m.license,
            path,
            verdict,
            reasons,
            gated: m.gated !== false,
            date: m.lastModified,
          });
        }
      }
    }
  }
  const derivatives = [...byId.values()].sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { dataset: datasetId, derivatives, failures };
}

// ---------------------------------------------------------------------------------------
// Rendering

export function stewardMarker(datasetId: string): string {
  return dashboardMarker(`steward:${datasetId}`);
}

export function stewardTitle(datasetId: string, registry?: Registry): string {
  return `Derivatives of ${registry?.get(datasetId)?.name ?? datasetId}`;
}

const stateKey = (d: Derivative): string => `${d.kind === "github" ? "gh" : "hf"}:${d.id}`;
const stateValue = (d: Derivative): string => `${d.verdict}|${d.license ?? ""}`;
const drops = (v: Verdict): boolean => v === "error" || v === "warning";

function verdictCell(d: Derivative): string {
  const why = d.reasons.length ? `: ${d.reasons.join(", ")}` : "";
  if (d.verdict === "carries") return "carries the terms";
  if (d.verdict === "error") return `**error**${why}`;
  if (d.verdict === "warning") return `warning${why}`;
  return `note${why}`;
}

function nameCell(d: Derivative): string {
  return `[${d.id}](${d.url})${d.kind === "huggingface" ? ` (HF model${d.gated ? ", gated" : ""})` : ""}`;
}

const cell = (s: string): string => s.replace(/\|/g, "\\|").replace(/[\r\n]+/g, " ");

export interface StewardRenderOptions {
  registry?: Registry;
  /** Registry version for the state block. */
  registryVersion?: string;
  maxLength?: number;
}

/** What changed against the previous state: new derivatives that drop the terms, and derivatives that fixed their license. */
export function stewardNews(derivatives: readonly Derivative[], previous: DashboardState | null): { newDrops: Derivative[]; fixed: { d: Derivative; before: string }[] } {
  if (!previous) return { newDrops: [], fixed: [] };
  const newDrops: Derivative[] = [];
  const fixed: { d: Derivative; before: string }[] = [];
  for (const d of derivatives) {
    const before = previous.entries[stateKey(d)];
    if (before === undefined) {
      if (drops(d.verdict) && previous.omitted === 0) newDrops.push(d);
      continue;
    }
    const [verdict = "", license = ""] = before.split("|");
    if (drops(verdict as Verdict) && !drops(d.verdict)) fixed.push({ d, before: license });
  }
  return { newDrops, fixed };
}

/** True when there is a new derivative that drops the terms (the caller reopens a closed dashboard). */
export function stewardHasNews(derivatives: readonly Derivative[], previous: DashboardState | null): boolean {
  return stewardNews(derivatives, previous).newDrops.length > 0;
}

/**
 * The "Derivatives of <dataset>" issue body: marker, call-outs (new derivatives that drop the
 * terms, derivatives that fixed their license, compared with `previous`), summary, the table
 * newest first, failed look-ups, the state block. Within `maxLength` ("and N more" when capped).
 */
export function renderStewardDashboard(datasetId: string, found: StewardDerivatives, previous: DashboardState | null, opts: StewardRenderOptions = {}): string {
  const list = found.derivatives;
  const name = opts.registry?.get(datasetId)?.name ?? datasetId;
  const { newDrops, fixed } = stewardNews(list, previous);
  const count = (v: (d: Derivative) => boolean) => list.filter(v).length;
  // Drops first in the state, so that a capped state keeps what the call-outs compare against.
  const ordered = [...list].sort((a, b) => Number(drops(b.verdict)) - Number(drops(a.verdict)));
  const state = boundedState(opts.registryVersion ?? previous?.registry ?? "", ordered.map((d) => [stateKey(d), stateValue(d)] as [string, string]));

  const render = (cap: number): string => {
    const out: string[] = [stewardMarker(datasetId), "", `# ${stewardTitle(datasetId, opts.registry)}`, ""];
    out.push(
      `Public repositories and Hugging Face models trained on ${name} (\`${datasetId}\`), or on a dataset derived from it, and whether its terms carried over to the license they ship under. carryover rewrites this issue on every audit; see [docs/stewards.md](https://github.com/carryover-dev/carryover/blob/main/docs/stewards.md) for how verdicts are reached.`,
      "",
    );
    if (newDrops.length) {
      out.push(`> [!WARNING]`, `> **${newDrops.length} new ${newDrops.length === 1 ? "derivative drops" : "derivatives drop"} the terms** since the last run:`, ">");
      out.push(...cappedList(newDrops, cap, (d) => `> - ${nameCell(d)}: license \`${d.license ?? "unknown"}\`, ${verdictCell(d)}`, (n) => `> - … and ${n} more`), "");
    }
    if (fixed.length) {
      out.push("**Fixed since the last run** (the terms now carry over):", "");
      out.push(...cappedList(fixed, cap, ({ d, before }) => `- ${nameCell(d)}: license \`${before || "unknown"}\` → \`${d.license ?? "unknown"}\``, (n) => `- … and ${n} more`), "");
    }
    out.push(
      "## Summary",
      "",
      `- ${list.length} public derivatives: ${count((d) => d.kind === "github")} GitHub repositories, ${count((d) => d.kind === "huggingface")} Hugging Face models`,
      `- ${count((d) => d.verdict === "error")} drop the terms, ${count((d) => d.verdict === "warning")} may drop them, ${count((d) => d.verdict === "carries" || d.verdict === "info")} carry them (or only have notes)`,
      "",
      "## Derivatives (newest first)",
      "",
    );
    if (!list.length) out.push("None found.", "");
    else {
      out.push("| Derivative | License | Trained on | Verdict | Date |", "| --- | --- | --- | --- | --- |");
      out.push(
        ...cappedList(
          list,
          cap,
          (d) => `| ${nameCell(d)} | \`${cell(d.license ?? "unknown")}\` | ${d.path.map((p) => `\`${p}\``).join(" → ")} | ${verdictCell(d)} | ${d.date.slice(0, 10)} |`,
          (n) => `| … and ${n} more | | | | |`,
        ),
        "",
      );
    }
    if (found.failures.length) {
      out.push("## Look-ups that failed", "", ...cappedList(found.failures, cap, (f) => `- Hugging Face models of \`${f.hfDataset}\`: ${cell(f.error).slice(0, 200)}`, (n) => `- … and ${n} more`), "");
    }
    out.push(DISCLAIMER, "", stateBlock(state), "");
    return out.join("\n");
  };
  return fitToLimit(render, opts.maxLength ?? ISSUE_BODY_MAX);
}
