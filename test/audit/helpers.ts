/**
 * AuditReports built from real scans: each repository is a MemorySource run through the real
 * pipeline (scanSource), wrapped the way the audit runner wraps it.
 */
import { scanSource } from "../../src/core/pipeline.js";
import type { AuditReport, AuditedRepository } from "../../src/audit/types.js";
import type { Registry } from "../../src/resolve/registry.js";
import { MemorySource } from "../../src/sources/memory.js";
import { MIT, memoryRepo } from "../helpers/rule-tester.js";

export { MIT };

/** A MemorySource for `github:owner/name@main` with these files (a number is a size: an unread binary). */
export function repoSource(fullName: string, files: Record<string, string | number>): MemorySource {
  return memoryRepo(files, `github:${fullName}@main`);
}

export interface RepoSpec {
  name: string;
  private?: boolean;
  files?: Record<string, string | number>;
  /** A failed scan with this error instead of files. */
  error?: string;
  /** Scan this source instead of `files`. */
  source?: MemorySource;
}

/** Scan every spec with the real pipeline and wrap the results as an AuditReport of `github:ORG`. */
export async function auditOf(org: string, specs: readonly RepoSpec[], registry?: Registry): Promise<AuditReport> {
  const repositories: AuditedRepository[] = [];
  for (const s of specs) {
    const repository = s.name.includes("/") ? s.name : `${org}/${s.name}`;
    const base = { repository, private: s.private ?? false, htmlUrl: `https://github.com/${repository}`, ref: "main", sha: "0".repeat(40) };
    if (s.error) {
      repositories.push({ ...base, status: "failed", error: s.error });
      continue;
    }
    const source = s.source ?? repoSource(repository, s.files ?? {});
    const result = await scanSource(source, { today: "2026-11-23", ...(registry ? { registry } : {}) });
    repositories.push({ ...base, status: "scanned", result });
  }
  return {
    schemaVersion: 1,
    tool: { name: "carryover", version: "0.1.0" },
    target: `github:${org}`,
    generatedAt: "2026-11-23T08:00:00.000Z",
    registryVersion: "test",
    repositories,
    privateOmitted: 0,
  };
}

export const WEIGHTS_FILE = { "checkpoints/model.pth": 98_000_000 } as const;
