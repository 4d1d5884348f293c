/**
 * Git LFS: pointer files and `.gitattributes` `filter=lfs` declarations.
 * Pointer format: https://github.com/git-lfs/git-lfs/blob/main/docs/spec.md
 */
import { Minimatch } from "minimatch";
import { splitLines } from "../../sources/text.js";

/**
 * Pointer files are tiny; the spec says they "must be less than 1024 bytes".
 * Anything longer is not a pointer, whatever it starts with.
 */
const POINTER_MAX_CHARS = 1024;
/** `version` line: the current spec URL, and the pre-1.0 "hawser" one git-lfs still accepts. */
const VERSION_RE = /^version https:\/\/(?:git-lfs\.github\.com\/spec\/v1|hawser\.github\.com\/spec\/v1)$/;
const OID_RE = /^oid sha256:([0-9a-f]{64})$/;
const SIZE_RE = /^size (\d{1,16})$/;

/**
 * Parse a Git LFS pointer. Returns the object's real size and its oid as
 * `sha256:<64 hex>`, or null when the text is not a pointer (the first line must
 * be the spec's `version` line; `oid` and `size` must both be present).
 */
export function isLfsPointer(text: string): { size: number; oid: string } | null {
  if (text.length > POINTER_MAX_CHARS || !text.startsWith("version ")) return null;
  const lines = splitLines(text.replace(/^\uFEFF/, "")).map((l) => l.trim());
  if (!VERSION_RE.test(lines[0] ?? "")) return null;
  let oid: string | null = null;
  let size: number | null = null;
  for (const line of lines.slice(1)) {
    if (line === "") continue;
    const o = OID_RE.exec(line);
    if (o) {
      oid = `sha256:${o[1]}`;
      continue;
    }
    const s = SIZE_RE.exec(line);
    if (s) {
      size = Number(s[1]);
      continue;
    }
    // Other keys (ext-0-…) are allowed by the spec; anything not `key value` is not a pointer.
    if (!/^[a-z0-9.-]+ \S/.test(line)) return null;
  }
  if (oid === null || size === null || !Number.isSafeInteger(size)) return null;
  return { size, oid };
}

/** The 1-based line of the `size` key in a pointer (for evidence). */
export function pointerSizeLine(text: string): { line: number; text: string } {
  const lines = splitLines(text);
  const i = lines.findIndex((l) => l.startsWith("size "));
  return i < 0 ? { line: 0, text: "" } : { line: i + 1, text: lines[i]!.trim() };
}

/** One `filter=lfs` line of a `.gitattributes` file. */
export interface LfsPattern {
  /** The pattern as written. */
  pattern: string;
  /** Path of the `.gitattributes` file. */
  path: string;
  line: number;
  text: string;
  /** Matches a repo-relative path (pattern semantics of gitattributes, relative to the file's folder). */
  matches: (repoPath: string) => boolean;
}

/**
 * Parse the `filter=lfs` lines of a `.gitattributes` at `path`. Follows
 * gitattributes(5) pattern rules closely enough for weights: a pattern with no
 * slash matches the base name at any depth; one with a slash is anchored to the
 * file's folder; `**` spans folders. Negated (`!`) and macro lines are skipped.
 */
export function parseGitattributes(path: string, text: string): LfsPattern[] {
  const dir = path.includes("/") ? path.slice(0, path.lastIndexOf("/") + 1) : "";
  const out: LfsPattern[] = [];
  const lines = splitLines(text);
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!;
    const line = raw.trim();
    if (line === "" || line.startsWith("#") || line.startsWith("[attr]")) continue;
    const parts = line.split(/\s+/);
    const pattern = parts[0]!;
    if (!parts.slice(1).includes("filter=lfs") || pattern.startsWith("!")) continue;
    let mm: Minimatch;
    try {
      const anchored = pattern.includes("/") && !pattern.endsWith("/");
      const body = pattern.replace(/^\//, "");
      mm = new Minimatch(anchored ? body : body.replace(/\/$/, "/**"), { dot: true, matchBase: !anchored && !body.includes("/"), nocomment: true, nonegate: true });
    } catch {
      continue;
    }
    out.push({
      pattern,
      path,
      line: i + 1,
      text: line.slice(0, 200),
      matches: (repoPath) => {
        if (dir && !repoPath.startsWith(dir)) return false;
        return mm.match(repoPath.slice(dir.length));
      },
    });
  }
  return out;
}
