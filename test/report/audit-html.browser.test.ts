/**
 * The HTML audit report in a real browser: Debian's Chromium (/usr/bin/chromium) driven by
 * playwright-core, one browser for the whole file, the page loaded from a file:// URL. Checks that
 * the page renders, sorts, filters and draws lineage graphs, and that the markup in a hostile
 * repository name and README never executes. Never downloads a browser: without /usr/bin/chromium
 * the suite is skipped, or fails when CI is set (CI installs Chromium, see .ci/run).
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditHtml } from "../../src/report/audit/html.js";
import { buildModel } from "../../src/report/audit/model.js";
import { auditFixture, HOSTILE_REPO } from "./audit/fixtures.js";

/** The browser globals the page callbacks use (the project's TypeScript has no DOM lib). */
interface PageGlobals {
  getComputedStyle(e: unknown): { backgroundColor: string; stroke: string };
  __pwned?: number;
}

const CHROMIUM = "/usr/bin/chromium";
const available = existsSync(CHROMIUM);

if (!available && process.env.CI) {
  describe("report/audit/html in Chromium", () => {
    it("needs Chromium", () => {
      throw new Error(`${CHROMIUM} is missing: CI must install Debian's chromium package (apt-get install -y chromium) for the HTML audit report's browser test`);
    });
  });
}

describe.skipIf(!available)("report/audit/html in Chromium", () => {
  let dir: string;
  let context: BrowserContext;
  let url: string;
  let rowCount: number;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), "carryover-audit-html-"));
    const report = await auditFixture();
    rowCount = buildModel(report).rows.length;
    const file = path.join(dir, "audit.html");
    writeFileSync(file, auditHtml(report));
    url = pathToFileURL(file).href;
    context = await chromium.launchPersistentContext(path.join(dir, "profile"), {
      executablePath: CHROMIUM,
      headless: true,
      args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
      viewport: { width: 1400, height: 900 },
    });
  }, 60_000);

  afterAll(async () => {
    await context?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** A fresh page with every error, dialog, console error and request recorded. */
  async function open(): Promise<{ page: Page; errors: string[]; dialogs: string[]; requests: string[] }> {
    const page = await context.newPage();
    const errors: string[] = [];
    const dialogs: string[] = [];
    const requests: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    page.on("console", (m) => {
      if (m.type() === "error") errors.push(m.text());
    });
    page.on("dialog", (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    page.on("request", (r) => {
      if (r.url() !== url) requests.push(r.url());
    });
    await page.goto(url);
    return { page, errors, dialogs, requests };
  }

  const visibleRepos = (page: Page) => page.$$eval("#audit-table tbody tr:not([hidden]) th a.repo", (as) => as.map((a) => a.textContent));

  it("renders every row, with its own style and script applied under the CSP, and nothing fetched", async () => {
    const { page, errors, requests } = await open();
    expect(await page.locator("#audit-table tbody tr").count()).toBe(rowCount);
    expect(await page.locator("#audit-table tbody tr:visible").count()).toBe(rowCount);
    // The script ran (it rewrites the count) and the stylesheet applied (the header's colour).
    await expect.poll(() => page.textContent("#filter-count")).toBe(`Showing ${rowCount} of ${rowCount} rows`);
    expect(await page.$eval("header.top", (h) => (globalThis as unknown as PageGlobals).getComputedStyle(h).backgroundColor)).toBe("rgb(17, 24, 39)");
    expect(await page.locator(".cards .card").count()).toBeGreaterThanOrEqual(5);
    expect(errors).toEqual([]);
    expect(requests).toEqual([]);
    await page.close();
  });

  it("sorts when a column header is clicked, and says so in aria-sort", async () => {
    const { page } = await open();
    const repoHeader = page.locator('th[data-key="repository"]');
    await repoHeader.locator("button").click();
    expect(await repoHeader.getAttribute("aria-sort")).toBe("ascending");
    const asc = await visibleRepos(page);
    expect(asc).toEqual([...asc].sort((a, b) => new Intl.Collator("en", { numeric: true, sensitivity: "base" }).compare(a ?? "", b ?? "")));
    expect(asc[0]).toBe(HOSTILE_REPO); // `"` sorts before letters
    await repoHeader.locator("button").click();
    expect(await repoHeader.getAttribute("aria-sort")).toBe("descending");
    expect(await visibleRepos(page)).toEqual([...asc].reverse());

    // Severity sorts by rank, worst first on the first click; the other header goes back to none.
    const sev = page.locator('th[data-key="sevRank"]');
    await sev.locator("button").click();
    expect(await sev.getAttribute("aria-sort")).toBe("descending");
    expect(await repoHeader.getAttribute("aria-sort")).toBe("none");
    const badges = await page.$$eval("#audit-table tbody tr td:nth-child(2) .badge", (b) => b.map((x) => x.textContent));
    expect(badges).toEqual(["error", "error", "warning", "warning", "no findings", "no findings", "failed"]);

    // Numeric: findings per repository, from the keyboard.
    const n = page.locator('th[data-key="findings"] button');
    await n.focus();
    await page.keyboard.press("Enter");
    const counts = await page.$$eval("#audit-table tbody tr td.num", (c) => c.map((x) => Number(x.textContent)));
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    expect(counts[0]).toBe(2);
    await page.close();
  });

  it("filters by text, severity and rule, hiding the other rows", async () => {
    const { page } = await open();
    await page.fill("#filter-text", "imagenet");
    expect(await visibleRepos(page)).toEqual(["acme/imagenet-resnet"]);
    expect(await page.textContent("#filter-count")).toBe(`Showing 1 of ${rowCount} rows`);
    // The search reads the quoted evidence too.
    await page.fill("#filter-text", "ArcFace R100");
    expect(await visibleRepos(page)).toEqual(["acme/face-zoo", "acme/face-zoo"]);
    await page.fill("#filter-text", "");
    await page.selectOption("#filter-severity", "warning");
    expect(await page.locator("#audit-table tbody tr:visible").count()).toBe(2);
    expect(await page.$$eval("#audit-table tbody tr:not([hidden]) .badge", (b) => b.map((x) => x.textContent))).toEqual(["warning", "warning"]);
    await page.selectOption("#filter-severity", "failed");
    expect(await visibleRepos(page)).toEqual(["acme/broken-model"]);
    await page.selectOption("#filter-severity", "");
    await page.selectOption("#filter-rule", "noncommercial-not-carried-over");
    expect((await visibleRepos(page)).sort()).toEqual([HOSTILE_REPO, "acme/face-zoo"].sort());
    await page.fill("#filter-text", "no such text");
    expect(await page.locator("#audit-table tbody tr:visible").count()).toBe(0);
    expect(await page.isVisible("#filter-none")).toBe(true);
    // Labelled controls.
    expect(await page.getByLabel("Search").count()).toBe(1);
    expect(await page.getByLabel("Severity").count()).toBe(1);
    expect(await page.getByLabel("Rule").count()).toBe(1);
    await page.close();
  });

  it("shows MS1MV2's lineage: an SVG with MS-Celeb-1M marked retracted and an edge to MS1MV2", async () => {
    const { page } = await open();
    // Follow the dataset link from the table to its lineage card.
    await page.locator('#audit-table a.plain[href^="#ds-"]').first().click();
    const card = page.locator("details.dataset", { has: page.locator('g.node.focus[data-id="ms1mv2"]') });
    await expect.poll(() => card.count()).toBe(1);
    const parent = card.locator('svg.lineage g.node[data-id="ms-celeb-1m"]');
    expect(await parent.isVisible()).toBe(true);
    expect(await parent.getAttribute("data-status")).toBe("retracted");
    expect(await parent.textContent()).toContain("RETRACTED");
    expect(await parent.locator("rect").evaluate((r) => (globalThis as unknown as PageGlobals).getComputedStyle(r).stroke)).toBe("rgb(198, 40, 40)");
    expect(await card.locator('path.edge[data-from="ms-celeb-1m"][data-to="ms1mv2"]').count()).toBe(1);
    // The parent is drawn left of the child, inside the SVG's box.
    const pb = (await parent.boundingBox())!;
    const cb = (await card.locator('g.node[data-id="ms1mv2"]').boundingBox())!;
    const sb = (await card.locator("svg.lineage").boundingBox())!;
    expect(pb.x + pb.width).toBeLessThan(cb.x);
    expect(cb.x + cb.width).toBeLessThanOrEqual(sb.x + sb.width + 0.5);
    // Every node's text fits inside its box.
    const overflow = await card.locator("svg.lineage g.node").evaluateAll((gs) =>
      gs.filter((g) => [...g.querySelectorAll("text")].some((t) => (t as unknown as { getComputedTextLength(): number }).getComputedTextLength() + 10 > Number(g.querySelector("rect")!.getAttribute("width")))).map((g) => g.getAttribute("data-id")),
    );
    expect(overflow).toEqual([]);
    expect(await card.locator(".users").textContent()).toContain("acme/face-zoo");
    await page.close();
  });

  it("never runs markup from a hostile repository name or README", async () => {
    const { page, errors, dialogs } = await open();
    await page.locator('th[data-key="repository"] button').click();
    await page.locator("details.dataset summary").first().click();
    expect(dialogs).toEqual([]);
    expect(errors).toEqual([]);
    expect(await page.evaluate(() => (globalThis as unknown as PageGlobals).__pwned)).toBeUndefined();
    expect(await page.locator("img").count()).toBe(0);
    expect(await page.locator("script").count()).toBe(2);
    // The markup is there, as text.
    const first = page.locator("#audit-table tbody tr").first();
    expect(await first.locator("th a.repo").textContent()).toBe(HOSTILE_REPO);
    expect(await first.locator("blockquote.quote").textContent()).toContain('<script>window.__pwned = (window.__pwned || 0) + 1; alert("xss")</script>');
    await page.close();
  });
});
