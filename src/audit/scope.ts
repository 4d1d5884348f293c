/**
 * One audit of a scope (an organisation, or everything an App installation covers): list its
 * repositories, then {@link runAudit} them through the queue. Shared by `carryover audit` and the
 * app's scheduled org audit (src/publish/org-audit.ts), so both enqueue the same jobs.
 */
import { listRepositories, resolveHeads, type ListClient, type ListedRepository } from "./list.js";
import { runAudit, type AuditRunOptions } from "./run.js";
import type { AuditReport } from "./types.js";

export interface ScopeAuditOptions extends Omit<AuditRunOptions, "repositories" | "heads" | "target"> {
  /** The client that lists (the installation's, or the token's). */
  lister: ListClient;
  scope: { org: string } | { installation: number };
  /** Audit only these repositories (`owner/name`) of the listing. */
  only?: ReadonlySet<string>;
}

/** The scope's report target: `github:ORG` or `installation:ID`. */
export const scopeTarget = (scope: ScopeAuditOptions["scope"]): string => ("org" in scope ? `github:${scope.org}` : `installation:${scope.installation}`);

/** List, then audit. Returns the report and the whole listing (before `only` and the private filter). */
export async function auditScope(o: ScopeAuditOptions): Promise<{ report: AuditReport; listed: ListedRepository[] }> {
  const { lister, scope, only, ...run } = o;
  const listed = await listRepositories(lister, "org" in scope ? { org: scope.org } : { installation: true });
  const repositories = only ? listed.filter((r) => only.has(r.fullName)) : listed;
  const report = await runAudit({
    ...run,
    target: scopeTarget(scope),
    repositories,
    heads: (repos) => resolveHeads(lister, repos),
    ...("installation" in scope ? { installationId: scope.installation } : {}),
  });
  return { report, listed };
}
