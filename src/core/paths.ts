/**
 * Where the package's data lives (`rules/`), found from the running module by walking up to carryover's
 * package.json. The same answer whether the code runs from `src/` (tsx), `lib/` (tsc) or the `lib/bundle/`
 * single-file build, where paths relative to a module would break.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

let root: string | null = null;

export function packageRoot(): string {
  if (root) return root;
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = path.join(dir, "package.json");
    if (existsSync(pkg)) {
      try {
        if ((JSON.parse(readFileSync(pkg, "utf8")) as { name?: string }).name === "carryover") return (root = dir);
      } catch {
        // an unreadable package.json is not ours; keep walking up
      }
    }
    const up = path.dirname(dir);
    if (up === dir) throw new Error("carryover: cannot find the package root (package.json named carryover) above " + fileURLToPath(import.meta.url));
    dir = up;
  }
}

/** A file URL under the package's `rules/` directory; a trailing slash keeps it a directory URL. */
export function rulesUrl(rel: string): URL {
  const p = path.join(packageRoot(), "rules", rel);
  return pathToFileURL(rel.endsWith("/") ? p + path.sep : p);
}
