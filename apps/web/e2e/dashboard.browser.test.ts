// The dashboard in a real browser (Debian's chromium through playwright-core): submit an article through the
// form, watch its job complete, and see the server-rendered counts change.
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type BrowserContext, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { baseUrl, getStats, ingest, waitForJob } from "./api.ts";
import { artifactsDir } from "./paths.ts";

const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

const BELGOROD_SHELLING =
  "Ukrainian forces shelled the town of Shebekino in Russia's Belgorod Oblast on 14 September 2025, " +
  "the regional governor Vyacheslav Gladkov said, adding that a power substation was damaged.";

let context: BrowserContext;
let userDataDir: string;
const pageErrors: string[] = [];

beforeAll(async () => {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`no chromium at ${CHROMIUM_PATH}: apt-get install -y chromium, or set CHROMIUM_PATH`);
  }
  userDataDir = await mkdtemp(join(tmpdir(), "frontline-chromium-"));
  // launchPersistentContext owns --user-data-dir, so the fresh profile is passed here, not in args.
  context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    args: CHROMIUM_ARGS,
    headless: true,
    viewport: { width: 1280, height: 900 },
  });
});

afterAll(async () => {
  await context?.close();
  if (userDataDir) await rm(userDataDir, { recursive: true, force: true });
});

const count = async (page: Page, testId: string) => Number(await page.getByTestId(testId).textContent());

function watchForErrors(page: Page) {
  page.on("pageerror", (err) => pageErrors.push(`pageerror: ${err.message}`));
  page.on("console", (msg) => {
    if (msg.type() === "error") pageErrors.push(`console: ${msg.text()}`);
  });
}

describe("dashboard", () => {
  it("ingests an article through the form and shows the new counts", async () => {
    const page = await context.newPage();
    watchForErrors(page);
    await page.goto(`${baseUrl()}/`);
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent()).toBe("Frontline");
    const articlesBefore = await count(page, "total-articles");
    const eventsBefore = await count(page, "total-events");

    await page.getByLabel("Article text").fill(BELGOROD_SHELLING);
    await page.getByLabel(/^Title/).fill("Shelling in Belgorod Oblast");
    await page.getByLabel(/^Published/).fill("2025-09-15");
    await page.getByRole("button", { name: "Ingest" }).click();

    const jobState = page.getByTestId("job-state");
    await jobState.filter({ hasText: /^(completed|failed)$/ }).waitFor({ timeout: 45_000 });
    expect(await jobState.textContent()).toBe("completed");

    // router.refresh() re-renders the server component with the new counts.
    await expect.poll(() => count(page, "total-articles"), { timeout: 10_000 }).toBe(articlesBefore + 1);
    expect(await count(page, "total-events")).toBeGreaterThan(eventsBefore);
    await expect
      .poll(() => page.getByTestId("by-region").locator('tr[data-key="RU-BEL"]').count(), { timeout: 5_000 })
      .toBe(1);

    await page.screenshot({ path: join(artifactsDir, "dashboard.png"), fullPage: true });
    // Includes CSP violations, which Chromium reports as console errors.
    expect(pageErrors).toEqual([]);
  });

  it("shows field errors from the API next to the form", async () => {
    const page = await context.newPage();
    await page.goto(`${baseUrl()}/`);
    await page.getByLabel("Article text").fill("Shelling near Kupiansk.");
    // Pasted text with a date the API refuses: typed straight into the field's value, bypassing the picker.
    await page.getByLabel(/^Published/).evaluate((el) => {
      (el as HTMLInputElement).type = "text";
      (el as HTMLInputElement).value = "2025-02-30";
    });
    await page.getByRole("button", { name: "Ingest" }).click();
    await expect.poll(() => page.getByLabel(/^Published/).getAttribute("aria-invalid")).toBe("true");
    expect(await page.getByRole("status").textContent()).toContain("invalid ingest request");
  });
});

describe("dashboard views", () => {
  it("filters by clicking a region on the map, and clears it again", async () => {
    const page = await context.newPage();
    watchForErrors(page);
    await page.goto(`${baseUrl()}/`);
    const belgorod = (await getStats()).byRegion.find((r) => r.code === "RU-BEL");
    expect(belgorod?.events, "the first test ingested a Belgorod article").toBeGreaterThan(0);
    await page.screenshot({ path: join(artifactsDir, "dashboard-map.png"), fullPage: true });

    const region = page.locator('[data-testid="region-map"] a[data-code="RU-BEL"] path');
    await region.hover();
    await expect.poll(() => page.getByTestId("map-hover").textContent()).toContain("Belgorod Oblast");
    await region.click();
    await page.waitForURL(/region=RU-BEL/);
    await expect.poll(() => count(page, "total-events"), { timeout: 10_000 }).toBe(belgorod!.events);
    // Every region row left is Belgorod: the filter applies to the charts and tables too.
    const regionRows = await page
      .getByTestId("by-region")
      .locator("tbody tr")
      .evaluateAll((rows) => rows.map((r) => r.getAttribute("data-key")));
    expect(regionRows).toEqual(["RU-BEL"]);
    expect(await page.getByLabel("Region", { exact: true }).inputValue()).toBe("RU-BEL");
    await page.screenshot({ path: join(artifactsDir, "dashboard-filtered.png"), fullPage: true });

    // Clicking the selected region again clears the filter.
    await page.locator('[data-testid="region-map"] a[data-code="RU-BEL"] path').click();
    await page.waitForURL((url) => !url.search.includes("region="));
    expect(pageErrors).toEqual([]);
  });

  it("drills down from a count to the events and from an event to its evidence", async () => {
    const page = await context.newPage();
    watchForErrors(page);
    await page.goto(`${baseUrl()}/?region=RU-BEL`);
    await page.getByTestId("by-region").locator('tr[data-key="RU-BEL"] a').click();
    await page.waitForURL(/\/events\?.*region=RU-BEL/);
    const rows = page.getByTestId("events-table").locator("tbody tr");
    expect(await rows.count()).toBe((await getStats("?region=RU-BEL&count=mentions")).totals.events);
    await page.screenshot({ path: join(artifactsDir, "events.png"), fullPage: true });

    // Sorting is a link too: by confidence, ascending.
    await page.getByRole("link", { name: /^Confidence/ }).click();
    await page.waitForURL(/sort=confidence/);
    await page.getByRole("link", { name: /^Confidence/ }).click();
    await page.waitForURL(/order=asc/);

    const link = page.getByTestId("evidence-link").first();
    const shown = (await link.textContent())!.replace(/…$/, "");
    await link.click();
    await page.waitForURL(/\/articles\/[0-9a-f-]+#event-/);
    const evidence = page.locator(
      `mark.evidence[id="${new URL(page.url()).hash.slice(1)}"], mark.evidence:has(span[id="${new URL(page.url()).hash.slice(1)}"])`,
    );
    await expect.poll(() => evidence.count()).toBe(1);
    expect(await evidence.textContent()).toContain(shown);
    // Places and actors the enricher recognised are marked.
    expect(await page.locator("mark.place").count()).toBeGreaterThan(0);
    expect(await page.locator("mark.actor").count()).toBeGreaterThan(0);
    await page.screenshot({ path: join(artifactsDir, "article.png"), fullPage: true });
    expect(pageErrors).toEqual([]);
  });

  it("drills down from an event to every report of its incident, across outlets", async () => {
    // Two outlets' own words for one strike: one incident, two articles.
    const reports = [
      {
        source: "Incident e2e: Outlet One",
        text: "Russian drones struck a grain terminal in the port of Izmail in Odesa Oblast on 2 October 2025, the regional governor said.",
      },
      {
        source: "Incident e2e: Outlet Two",
        text: "A grain terminal in Izmail, Odesa Oblast, was hit by Russian drones on 2 October 2025, according to Ukraine's infrastructure ministry.",
      },
    ];
    const accepted = [];
    for (const report of reports) accepted.push(await ingest({ ...report, publishedAt: "2025-10-02" }));
    for (const a of accepted) expect((await waitForJob(a.jobId)).state).toBe("completed");

    const page = await context.newPage();
    watchForErrors(page);
    await page.goto(`${baseUrl()}/articles/${accepted[0]!.articleId}`);
    const link = page.getByTestId("incident-link").filter({ hasText: "also in 1 other article" }).first();
    await link.click();
    await page.waitForURL(/\/incidents\/[0-9a-f-]+$/);
    expect(await count(page, "incident-articles")).toBe(2);
    const sources = page.getByTestId("incident-sources").locator("tbody");
    for (const report of reports) expect(await sources.textContent()).toContain(report.source);
    await page.screenshot({ path: join(artifactsDir, "incident.png"), fullPage: true });

    // Each report links back to its article, at the evidence.
    await sources.locator(`tr[data-article="${accepted[1]!.articleId}"] a`).first().click();
    await page.waitForURL(new RegExp(`/articles/${accepted[1]!.articleId}#event-`));
    expect(pageErrors).toEqual([]);
  });

  it("exports the filtered view as CSV", async () => {
    const page = await context.newPage();
    watchForErrors(page);
    await page.goto(`${baseUrl()}/?region=RU-BEL`);
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByTestId("export").getByRole("link", { name: "CSV", exact: true }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^frontline-events-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = await readFile((await download.path())!, "utf8");
    const lines = csv.trimEnd().split("\r\n");
    expect(lines[0]).toMatch(/^id,date,/);
    expect(lines).toHaveLength((await getStats("?region=RU-BEL&count=mentions")).totals.events + 1);
    for (const line of lines.slice(1)) expect(line).toContain("RU-BEL");
  });

  it("counts incidents by default and toggles to mentions and back", async () => {
    const page = await context.newPage();
    watchForErrors(page);
    await page.goto(`${baseUrl()}/`);
    const incidents = await getStats();
    const mentions = await getStats("?count=mentions");
    expect(incidents.totals.events).toBeLessThanOrEqual(mentions.totals.events);
    const toggle = page.getByRole("navigation", { name: "Count incidents or mentions" });
    expect(await toggle.getByRole("link", { name: "Incidents" }).getAttribute("aria-current")).toBe("true");
    expect(await count(page, "total-events")).toBe(incidents.totals.events);
    expect(await page.getByTestId("by-region").locator("thead").textContent()).toContain("Incidents");

    await toggle.getByRole("link", { name: "Mentions" }).click();
    await page.waitForURL(/count=mentions/);
    await expect.poll(() => count(page, "total-events")).toBe(mentions.totals.events);
    expect(await page.getByTestId("by-region").locator("thead").textContent()).toContain("Mentions");
    await page.screenshot({ path: join(artifactsDir, "dashboard-mentions.png"), fullPage: true });

    await page
      .getByRole("navigation", { name: "Count incidents or mentions" })
      .getByRole("link", { name: "Incidents" })
      .click();
    await page.waitForURL((url) => !url.search.includes("count="));
    await expect.poll(() => count(page, "total-events")).toBe(incidents.totals.events);
    expect(pageErrors).toEqual([]);
  });

  it("submits an article on the queue page and shows its job complete, live", async () => {
    const page = await context.newPage();
    watchForErrors(page);
    await page.goto(`${baseUrl()}/queue`);
    await page
      .getByLabel("Article text")
      .fill(
        "Russian drones struck an energy facility in Chernihiv Oblast on 3 October 2025, the regional governor said.",
      );
    await page.getByLabel(/^Source/).fill("Queue browser test");
    await page.getByRole("button", { name: "Ingest" }).click();
    const job = page.getByTestId("recent-jobs").locator("li", { hasText: "Queue browser test" });
    await expect.poll(() => job.getAttribute("data-state"), { timeout: 45_000 }).toBe("completed");
    await page.screenshot({ path: join(artifactsDir, "queue.png"), fullPage: true });
    expect(pageErrors).toEqual([]);
  });

  it("runs no script from an article's text", async () => {
    const accepted = await ingest({
      source: "Browser escape test",
      text: 'Shelling in Kherson on 2 July 2025. <script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2">',
    });
    expect((await waitForJob(accepted.jobId)).state).toBe("completed");
    const page = await context.newPage();
    await page.goto(`${baseUrl()}/articles/${accepted.articleId}`);
    expect(await page.getByTestId("article-text").textContent()).toContain("<script>window.__pwned = 1</script>");
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  });

  it("fits a phone screen, and the API reference renders", async () => {
    const page = await context.newPage();
    watchForErrors(page);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${baseUrl()}/`);
    await page.getByTestId("region-map").waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: join(artifactsDir, "dashboard-phone.png"), fullPage: true });

    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`${baseUrl()}/api-docs`);
    await page.getByRole("heading", { name: /GET \/api\/events/ }).waitFor();
    await page.screenshot({ path: join(artifactsDir, "api-docs.png") });
    expect(pageErrors).toEqual([]);
  });
});
