/**
 * Vendored projects: a copy of another project inside the tree (mmdetection3d inside a BEV repository, fast-reid
 * inside a tracker). Their docs and configs publish their upstream's weights and name their upstream's data, so the
 * weights and dataset detectors do not read them as this repository's statements.
 */

/** Names of folders that hold other projects' code. */
const VENDOR_DIR = /^(?:third[_-]?party|3rdparty|vendor|vendored|external|externals|research_projects|submodules?)$/i;
const LICENSE_FILE = /^(?:licen[cs]e|copying)(?:\.[a-z]+)?$/i;
/** Files a project keeps at its root and a folder of weights or docs does not. */
const PROJECT_FILE = /^(?:changelog|changes|history|install|contributing|getting_started)(?:\.[a-z]+)?$|^\.gitignore$|^requirements(?:[-_.][\w-]+)?\.txt$|^makefile$/i;

/**
 * Nested folders (with a trailing slash) that hold a license file of their own (`annotator/mlsd/LICENSE`): code there
 * is another project's, even when it is not a whole vendored copy.
 */
export function licensedSubfolders(files: readonly { path: string }[]): string[] {
  const out = new Set<string>();
  for (const f of files) {
    const slash = f.path.lastIndexOf("/");
    if (slash > 0 && LICENSE_FILE.test(f.path.slice(slash + 1))) out.add(f.path.slice(0, slash + 1));
  }
  return [...out].sort();
}

/**
 * Folders (with a trailing slash) that are a vendored copy of another project: a folder named for vendored code, or a
 * nested folder that is an installable project of its own (its own LICENSE next to a setup.py or pyproject.toml)
 * whose LICENSE names another copyright holder than the root's (a sub-package of the repository itself carries the
 * root's copyright line). One pass over the listing.
 */
export function vendoredDirs(files: readonly { path: string; type: string }[], texts: ReadonlyMap<string, string>): string[] {
  const marks = new Map<string, { license?: string; setup: boolean; markers: number }>();
  const out = new Set<string>();
  let rootLicense: string | undefined;
  for (const f of files) {
    const segs = f.path.split("/");
    for (let k = 0; k < segs.length - 1; k++) if (VENDOR_DIR.test(segs[k]!)) out.add(`${segs.slice(0, k + 1).join("/")}/`);
    const base = segs[segs.length - 1]!;
    const lic = LICENSE_FILE.test(base);
    if (segs.length < 2) {
      if (lic) rootLicense ??= f.path;
      continue;
    }
    const setup = base === "setup.py" || base === "pyproject.toml" || base === "setup.cfg";
    const marker = PROJECT_FILE.test(base);
    if (!lic && !setup && !marker) continue;
    const dir = `${segs.slice(0, -1).join("/")}/`;
    const m = marks.get(dir) ?? { setup: false, markers: 0 };
    if (lic) m.license ??= f.path;
    if (setup) m.setup = true;
    if (marker) m.markers++;
    marks.set(dir, m);
  }
  const holder = (p: string | undefined) => (p ? /^.*copyright.*$/im.exec(texts.get(p) ?? "")?.[0].replace(/\s+/g, " ").trim().toLowerCase() : undefined);
  const rootHolder = holder(rootLicense);
  for (const [dir, m] of marks) {
    // An installable package, or a project's own housekeeping files (a change log, install notes, a .gitignore):
    // a weights folder with its own LICENSE and README has neither.
    if (!m.license || !(m.setup || m.markers >= 2)) continue;
    const h = holder(m.license);
    if (rootHolder && h && h === rootHolder) continue;
    out.add(dir);
  }
  // Keep the outermost folder of nested matches.
  return [...out].filter((d) => ![...out].some((o) => o !== d && d.startsWith(o))).sort();
}
