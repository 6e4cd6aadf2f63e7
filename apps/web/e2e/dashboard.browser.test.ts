// The dashboard in a real browser (Debian's chromium through playwright-core): submit an article through the
// form, watch its job complete, and see the server-rendered counts change.
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type BrowserContext, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { baseUrl } from "./api.ts";
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
