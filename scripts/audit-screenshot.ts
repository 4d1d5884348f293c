/**
 * docs/audit-report.png (`npm run docs:audit-screenshot`): scans the 26 real repositories of the
 * development corpus (../shared/corpus, real files from real public repos) with the real pipeline,
 * renders the HTML audit report and photographs it in Debian's Chromium at 1400px wide.
 *
 * Only the PNG is written to docs/: the corpus-derived HTML goes to a temporary directory and is
 * deleted (pass --keep-html PATH to keep a copy outside the repository). Needs /usr/bin/chromium;
 * never downloads a browser.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { chromium } from "playwright-core";
import { parse } from "yaml";
import type { AuditedRepository, AuditReport } from "../src/audit/types.js";
import { scanSource, TOOL_VERSION } from "../src/core/pipeline.js";
import { packageRoot } from "../src/core/paths.js";
import { loadRegistry } from "../src/resolve/registry.js";
import { auditHtml } from "../src/report/audit/html.js";
import { CORPUS_DIR, corpusAvailable, corpusRepos, loadCorpusEntry } from "../test/helpers/corpus.js";

const CHROMIUM = "/usr/bin/chromium";
const OUT = path.join(packageRoot(), "docs", "audit-report.png");
const WIDTH = 1400;

/** Content hash of the dataset registry's files (what `AuditReport.registryVersion` names). */
function registryHash(): string {
  const dir = path.join(packageRoot(), "rules", "datasets");
  const h = createHash("sha256");
  for (const f of readdirSync(dir).filter((f) => f.endsWith(".yml")).sort()) h.update(f).update("\0").update(readFileSync(path.join(dir, f))).update("\0");
  return h.digest("hex").slice(0, 16);
}

async function buildReport(): Promise<AuditReport> {
  const registry = loadRegistry();
  const repositories: AuditedRepository[] = [];
  for (const name of corpusRepos()) {
    const entry = loadCorpusEntry(name);
    const src = parse(readFileSync(path.join(CORPUS_DIR, name, "SOURCE.yaml"), "utf8")) as { repo: string; url?: string; commit: string };
    try {
      const result = await scanSource(entry.source, { registry, repository: src.repo, today: "2026-11-23" });
      repositories.push({ repository: src.repo, private: false, htmlUrl: src.url ?? `https://github.com/${src.repo}`, ref: "HEAD", sha: src.commit, status: "scanned", result });
    } catch (e) {
      repositories.push({ repository: src.repo, private: false, htmlUrl: src.url ?? `https://github.com/${src.repo}`, ref: "HEAD", sha: src.commit, status: "failed", error: (e as Error).message });
    }
  }
  return {
    schemaVersion: 1,
    tool: { name: "carryover", version: TOOL_VERSION },
    target: "corpus:26-public-model-repositories",
    generatedAt: "2026-11-23T09:00:00.000Z",
    registryVersion: registryHash(),
    repositories,
    privateOmitted: 0,
  };
}

async function main(): Promise<void> {
  if (!corpusAvailable) throw new Error(`the corpus is missing: expected it at ${CORPUS_DIR}`);
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: install Debian's chromium package (apt-get install -y chromium)`);
  const report = await buildReport();
  const html = auditHtml(report);
  const keep = process.argv.indexOf("--keep-html");
  if (keep > 0 && process.argv[keep + 1]) writeFileSync(process.argv[keep + 1]!, html);

  const dir = mkdtempSync(path.join(tmpdir(), "carryover-audit-shot-"));
  const context = await chromium.launchPersistentContext(path.join(dir, "profile"), {
    executablePath: CHROMIUM,
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--hide-scrollbars", "--font-render-hinting=none"],
    viewport: { width: WIDTH, height: 1000 },
    deviceScaleFactor: 1,
  });
  try {
    const file = path.join(dir, "audit.html");
    writeFileSync(file, html);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(pathToFileURL(file).href);
    if (errors.length > 0) throw new Error(`the page raised errors: ${errors.join("; ")}`);
    // From the top to the end of the first lineage card: the summary, the dropped-most panels, the
    // table (which scrolls inside its frame) and one dataset's lineage graph with its users.
    const card = await page.locator("details.dataset").first().boundingBox();
    if (!card) throw new Error("the page has no dataset card");
    const scrollY = await page.evaluate(() => (globalThis as unknown as { scrollY: number }).scrollY);
    const height = Math.ceil(card.y + scrollY + card.height + 20);
    await page.screenshot({ path: OUT, fullPage: true, clip: { x: 0, y: 0, width: WIDTH, height }, animations: "disabled" });
    console.log(`wrote ${path.relative(process.cwd(), OUT)} (${WIDTH}×${height}) from ${report.repositories.length} repositories, ${report.repositories.reduce((n, r) => n + (r.result?.findings.length ?? 0), 0)} findings`);
  } finally {
    await context.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
