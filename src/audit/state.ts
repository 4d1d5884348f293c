/**
 * `--state FILE`: an audit's finished repositories, one JSON line each
 * (`{"key":"owner/repo@sha#registryVersion","repository":{…}}`), appended as each completes, so
 * an interrupted audit resumes where it stopped and a rerun skips what is done. A repository
 * whose default branch moved, or a registry that changed, has a new key and is scanned again.
 */
import { appendFileSync, existsSync, readFileSync } from "node:fs";
import type { AuditedRepository } from "./types.js";

export interface AuditState {
  get(key: string): AuditedRepository | undefined;
  put(key: string, repository: AuditedRepository): void;
}

export class MemoryAuditState implements AuditState {
  readonly entries = new Map<string, AuditedRepository>();
  get(key: string) {
    return this.entries.get(key);
  }
  put(key: string, repository: AuditedRepository) {
    this.entries.set(key, repository);
  }
}

export class FileAuditState implements AuditState {
  private readonly entries = new Map<string, AuditedRepository>();
  /** Lines that could not be read (a line cut short by a crash): ignored, their repositories rescanned. */
  readonly badLines: number = 0;

  constructor(private readonly file: string) {
    if (!existsSync(file)) return;
    let bad = 0;
    const text = readFileSync(file, "utf8");
    // A crash mid-write leaves a last line without its newline: end it, so the next line stands alone.
    if (text.length > 0 && !text.endsWith("\n")) appendFileSync(file, "\n");
    for (const line of text.split("\n")) {
      if (!line.trim()) continue;
      try {
        const { key, repository } = JSON.parse(line) as { key?: unknown; repository?: AuditedRepository };
        if (typeof key === "string" && repository && typeof repository.repository === "string") this.entries.set(key, repository);
        else bad++;
      } catch {
        bad++;
      }
    }
    this.badLines = bad;
  }

  get size(): number {
    return this.entries.size;
  }
  get(key: string) {
    return this.entries.get(key);
  }
  put(key: string, repository: AuditedRepository) {
    this.entries.set(key, repository);
    appendFileSync(this.file, `${JSON.stringify({ key, repository })}\n`);
  }
}
