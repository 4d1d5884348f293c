/**
 * The app's org audit: one job per installation (scheduled, on installation, or after a registry
 * change) that audits the repositories the installation covers through the scan queue (the same
 * `audit` jobs as `carryover audit --installation ID --publish`: check run and tracking issue on
 * each scanned commit), keeps the report in the Backend's key/value store, and then refreshes the
 * dashboards:
 *
 * - the org dashboard issue (dashboard.ts) in the account's `.github` repository, or
 *   CARRYOVER_DASHBOARD_REPO (`owner/name`, or `name` in the installation's account); a
 *   repository the installation does not cover is logged and skipped. A public dashboard
 *   repository lists public repositories only (renderOrgDashboard states how many it left out);
 * - one "Derivatives of <dataset>" issue per `steward:` id of each audited repository's
 *   `.github/carryover.yml`, in that repository (steward.ts): public derivatives only, from the
 *   installation's report and the Hugging Face Hub (a failed Hub look-up is listed, never fatal).
 *
 * A re-audit after a registry change (`only`) scans just the repositories named and merges them
 * into the stored report. Dashboards are written under the Backend's repository lock, read and
 * rewritten in one step, so two replicas never create a second issue.
 */
import { lineageChanges, type LineageAffected } from "../audit/affected.js";
import { auditScope } from "../audit/scope.js";
import type { AuditReport } from "../audit/types.js";
import type { ScanJobData } from "../queue/jobs.js";
import type { CompletionStore, JobQueue, KeyValueStore, Processor, RepoLock } from "../queue/types.js";
import type { Registry } from "../resolve/registry.js";
import { describeError, type AppOctokit } from "./check-run.js";
import { orgDashboardHasNews, orgDashboardMarker, orgDashboardTitle, parseState, pickDashboardIssue, renderOrgDashboard, upsertDashboardIssue, type DashboardAction, type Lock } from "./dashboard.js";
import { renderStewardDashboard, stewardDerivatives, stewardHasNews, stewardMarker, stewardTitle, type HfModelLister, type StewardDerivatives } from "./steward.js";

/** One org audit job (plain JSON: it may travel through Redis). */
export interface OrgAuditJob {
  installationId: number;
  /** The installation's account login (from the payload or `GET /app/installations`); else the listed repositories' owner. */
  account?: string;
  /** What log lines call the job ("scheduled audit", "installation audit", "registry re-audit"). */
  label: string;
  /** Re-audit only these repositories (`owner/name`) and merge them into the stored report. */
  only?: string[];
}

export interface OrgAuditOutcome {
  /** Repositories audited by this job (all, or `only`). */
  audited: number;
  dashboard?: { repository: string; action: DashboardAction; number: number } | { repository: string; skipped: string };
  stewards: { repository: string; dataset: string; action?: DashboardAction; number?: number; error?: string }[];
}

interface Log {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface OrgAuditDeps {
  /** The installation's client, rate-limited like the scan jobs'. */
  octokitFor(installationId: number): Promise<AppOctokit>;
  queue: JobQueue<ScanJobData>;
  store: CompletionStore;
  lock: RepoLock;
  kv: KeyValueStore;
  registry(): Promise<Registry>;
  /** The app's bot login, `<slug>[bot]` (undefined: any Bot-authored dashboard counts). */
  botLogin(): Promise<string | undefined>;
  toolVersion: string;
  /** CARRYOVER_DASHBOARD_REPO. */
  dashboardRepo?: string;
  /** Hub models per HF dataset id (see {@link hfModelLister}); absent: GitHub derivatives only. */
  hfModels?: HfModelLister;
  log: Log;
  attempts?: number;
  pollMs?: number;
  now?: () => Date;
}

// ---------------------------------------------------------------------------------------
// The stored report

const REPORT_KEY = (installationId: number) => `audit-report/installation:${installationId}`;
const INDEX_KEY = "audit-report/installations";
/** The RepoLock key that serialises updates of the index. */
export const INDEX_LOCK = "kv:audit-report-index";

/** The last report of an installation, or undefined (none, or unreadable: then a full audit makes a new one). */
export async function loadReport(kv: KeyValueStore, installationId: number): Promise<AuditReport | undefined> {
  const text = await kv.get(REPORT_KEY(installationId));
  if (!text) return undefined;
  try {
    const r = JSON.parse(text) as AuditReport;
    return r.schemaVersion === 1 && Array.isArray(r.repositories) ? r : undefined;
  } catch {
    return undefined;
  }
}

/** Installations with a stored report, with their accounts. */
export async function reportedInstallations(kv: KeyValueStore): Promise<{ id: number; account?: string }[]> {
  try {
    const v = JSON.parse((await kv.get(INDEX_KEY)) ?? "[]") as unknown;
    return Array.isArray(v) ? v.filter((x): x is { id: number; account?: string } => typeof x?.id === "number") : [];
  } catch {
    return [];
  }
}

/** Store an installation's report and add it to the index of reported installations. */
export async function saveReport(kv: KeyValueStore, installationId: number, account: string | undefined, report: AuditReport): Promise<void> {
  await kv.set(REPORT_KEY(installationId), JSON.stringify(report));
  const index = await reportedInstallations(kv);
  if (!index.some((i) => i.id === installationId)) await kv.set(INDEX_KEY, JSON.stringify([...index, { id: installationId, ...(account ? { account } : {}) }]));
}

/** Drop an installation's stored report (the app was uninstalled): no registry re-audit is queued for it again. */
export async function forgetInstallation(kv: KeyValueStore, installationId: number): Promise<boolean> {
  const index = await reportedInstallations(kv);
  if (!index.some((i) => i.id === installationId)) return false;
  await kv.set(INDEX_KEY, JSON.stringify(index.filter((i) => i.id !== installationId)));
  await kv.set(REPORT_KEY(installationId), "");
  return true;
}

/** `previous` with the repositories of `fresh` replaced (and those no longer listed dropped). */
function merge(previous: AuditReport, fresh: AuditReport, listed: ReadonlySet<string>): AuditReport {
  const byName = new Map(fresh.repositories.map((r) => [r.repository, r]));
  const repositories = previous.repositories.filter((r) => listed.has(r.repository)).map((r) => byName.get(r.repository) ?? r);
  return { ...previous, generatedAt: fresh.generatedAt, registryVersion: fresh.registryVersion, tool: fresh.tool, repositories };
}

// ---------------------------------------------------------------------------------------
// Registry changes

/**
 * The repositories of the installation's stored report whose scanned lineage the registry now
 * describes differently (see {@link lineageChanges}); empty when the report was made with this
 * registry version, or when there is no report.
 */
export async function registryReaudit(kv: KeyValueStore, installationId: number, registry: Registry): Promise<{ report?: AuditReport; affected: LineageAffected[] }> {
  const report = await loadReport(kv, installationId);
  if (!report || report.registryVersion === registry.version) return { ...(report ? { report } : {}), affected: [] };
  return { report, affected: lineageChanges(report, registry) };
}

// ---------------------------------------------------------------------------------------
// The job

/** `CARRYOVER_DASHBOARD_REPO` (`owner/name` or `name`) → the repository, default `<account>/.github`. */
export function dashboardRepository(setting: string | undefined, account: string): { owner: string; repo: string } {
  const v = setting?.trim();
  if (!v) return { owner: account, repo: ".github" };
  const [a, b] = v.split("/");
  return b !== undefined ? { owner: a!, repo: b } : { owner: account, repo: a! };
}

/** The org audit. Throws only when the audit itself cannot run (listing failed); dashboard failures are logged and returned. */
export async function runOrgAudit(deps: OrgAuditDeps, job: OrgAuditJob): Promise<OrgAuditOutcome> {
  const registry = await deps.registry();
  const octokit = await deps.octokitFor(job.installationId);
  const previous = job.only ? await loadReport(deps.kv, job.installationId) : undefined;
  // Without a stored report there is nothing to merge into: audit everything.
  const only = job.only && previous ? new Set(job.only) : undefined;
  const { report: fresh, listed } = await auditScope({
    lister: octokit,
    scope: { installation: job.installationId },
    ...(only ? { only } : {}),
    // Private repositories get their tracking issues; the dashboard decides what it may show.
    includePrivate: true,
    publish: true,
    registryVersion: registry.version,
    toolVersion: deps.toolVersion,
    queue: deps.queue,
    store: deps.store,
    ...(deps.attempts !== undefined ? { attempts: deps.attempts } : {}),
    ...(deps.pollMs !== undefined ? { pollMs: deps.pollMs } : {}),
    ...(deps.now ? { now: deps.now } : {}),
  });
  const report = previous && only ? merge(previous, fresh, new Set(listed.map((r) => r.fullName))) : fresh;
  const account = job.account ?? listed[0]?.owner;
  // The index of reported installations is read-modified-written: one replica at a time.
  await deps.lock.withLock(INDEX_LOCK, () => saveReport(deps.kv, job.installationId, account, report));
  const failed = fresh.repositories.filter((r) => r.status === "failed").length;
  deps.log.info({ installation: job.installationId, audited: fresh.repositories.length, failed, registry: registry.version }, `${job.label}: audited`);

  const creator = await deps.botLogin().catch(() => undefined);
  const lock: Lock = (key, fn) => deps.lock.withLock(key, fn);
  const out: OrgAuditOutcome = { audited: fresh.repositories.length, stewards: [] };

  // The org dashboard.
  if (account) {
    const where = dashboardRepository(deps.dashboardRepo, account);
    const full = `${where.owner}/${where.repo}`;
    const repo = listed.find((r) => r.fullName.toLowerCase() === full.toLowerCase());
    if (!repo) {
      deps.log.warn({ installation: job.installationId, repo: full }, "dashboard repository not covered by the installation; no org dashboard");
      out.dashboard = { repository: full, skipped: "not covered by the installation" };
    } else {
      const publicAudience = !repo.private;
      // The dashboard speaks of the account (`org:<account>`), whichever installation id audits it.
      const view: AuditReport = { ...report, target: `github:${account}` };
      try {
        const res = await upsertDashboardIssue(octokit, {
          owner: repo.owner,
          repo: repo.name,
          title: orgDashboardTitle(view),
          marker: orgDashboardMarker(view),
          ...(creator ? { creator } : {}),
          lock,
          body: (existing) => {
            const prev = parseState(existing);
            return { body: renderOrgDashboard(view, { publicAudience, previous: prev }), reopen: orgDashboardHasNews(view, { publicAudience, previous: prev }) };
          },
        });
        out.dashboard = { repository: repo.fullName, ...res };
        deps.log.info({ installation: job.installationId, repo: repo.fullName, issue: res.number, action: res.action }, "org dashboard");
      } catch (e) {
        deps.log.error({ installation: job.installationId, repo: repo.fullName, err: describeError(e) }, "org dashboard could not be published");
        out.dashboard = { repository: repo.fullName, skipped: describeError(e) };
      }
    }
  }

  // Steward dashboards: each scanned repository's `steward:` ids, from the whole (merged) report.
  const found = new Map<string, Promise<StewardDerivatives>>();
  for (const r of report.repositories) {
    const ids = r.status === "scanned" ? (r.result?.config?.steward ?? []) : [];
    const [owner = "", name = ""] = r.repository.split("/");
    for (const dataset of ids) {
      if (!registry.get(dataset)) {
        deps.log.warn({ repo: r.repository, dataset }, "steward: not a registry dataset id; no dashboard");
        out.stewards.push({ repository: r.repository, dataset, error: "unknown dataset id" });
        continue;
      }
      try {
        let f = found.get(dataset);
        if (!f) found.set(dataset, (f = stewardDerivatives(dataset, registry, { reports: [report], ...(deps.hfModels ? { hfModels: deps.hfModels } : {}) })));
        const derivatives = await f;
        const res = await upsertDashboardIssue(octokit, {
          owner,
          repo: name,
          title: stewardTitle(dataset, registry),
          marker: stewardMarker(dataset),
          ...(creator ? { creator } : {}),
          lock,
          body: (existing) => {
            const prev = parseState(existing);
            return { body: renderStewardDashboard(dataset, derivatives, prev, { registry, registryVersion: registry.version }), reopen: stewardHasNews(derivatives.derivatives, prev) };
          },
        });
        out.stewards.push({ repository: r.repository, dataset, ...res });
        deps.log.info({ repo: r.repository, dataset, issue: res.number, action: res.action, derivatives: derivatives.derivatives.length, failures: derivatives.failures.length }, "steward dashboard");
      } catch (e) {
        deps.log.error({ repo: r.repository, dataset, err: describeError(e) }, "steward dashboard could not be published");
        out.stewards.push({ repository: r.repository, dataset, error: describeError(e) });
      }
    }
  }
  return out;
}

/**
 * The processor of org audit jobs. Idempotent like the scan jobs: a job whose completion is
 * recorded (same id: same installation and time bucket, or the same registry version) returns it.
 */
export function orgAuditProcessor(deps: OrgAuditDeps): Processor<OrgAuditJob, OrgAuditOutcome> {
  return async (job, ctx) => {
    const prior = await deps.store.get(ctx.id);
    if (prior !== undefined) return JSON.parse(prior) as OrgAuditOutcome;
    const out = await runOrgAudit(deps, job);
    await deps.store.record(ctx.id, JSON.stringify(out));
    return out;
  };
}

/** Hugging Face models per HF dataset id from HF_ENDPOINT / HF_TOKEN (`findModelsByDataset`); the Hub client loads on first use. */
export function hfModelLister(env: NodeJS.ProcessEnv): HfModelLister {
  return async (hfDatasetId) => {
    const [{ findModelsByDataset }, hf] = await Promise.all([import("../sources/hf-search.js"), import("../sources/huggingface.js")]);
    const token = hf.hfToken(env);
    return findModelsByDataset(hfDatasetId, { hubUrl: hf.hfHubUrl(env), ...(token ? { token } : {}) });
  };
}

/** The app's bot login, `<slug>[bot]`, from `GET /app` (App JWT), asked once; a failure is logged and asked again next time. */
export function appBotLogin(appClient: () => Promise<AppOctokit>, log: Log): () => Promise<string | undefined> {
  let bot: Promise<string | undefined> | undefined;
  return () =>
    (bot ??= (async () => {
      const { data } = await (await appClient()).request("GET /app");
      return data && typeof data === "object" && "slug" in data && typeof data.slug === "string" ? `${data.slug}[bot]` : undefined;
    })().catch((e: unknown) => {
      bot = undefined;
      log.warn({ err: describeError(e) }, "GET /app failed; dashboards match any bot's issue");
      return undefined;
    }));
}

/** The app's installations that are not suspended (`GET /app/installations`, App JWT, 100 per page). */
export async function appInstallations(appClient: AppOctokit): Promise<{ id: number; account?: string }[]> {
  const list = (await appClient.paginate("GET /app/installations", { per_page: 100 })) as { id: number; account?: { login?: string } | null; suspended_at?: string | null }[];
  return list.filter((i) => !i.suspended_at).map((i) => ({ id: i.id, ...(i.account?.login ? { account: i.account.login } : {}) }));
}

/** The registry version in the state block of the account's org dashboard (null: no dashboard, or no state). One issue list request. */
export async function dashboardStateRegistry(octokit: AppOctokit, account: string, setting: string | undefined, creator: string | undefined): Promise<string | null> {
  const { owner, repo } = dashboardRepository(setting, account);
  const list = (await octokit.paginate(octokit.rest.issues.listForRepo, { owner, repo, state: "all", per_page: 100, ...(creator ? { creator } : {}) })) as { number: number; state: string; body?: string | null }[];
  const issue = pickDashboardIssue(list, orgDashboardMarker({ target: `github:${account}` }), creator);
  return parseState(issue?.body)?.registry ?? null;
}
