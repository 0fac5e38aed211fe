import { rmSync } from "node:fs";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLendingKurin, type LendingKurin } from "../../server/test/support/lending.ts";
import { TOKEN_STORAGE_KEY } from "../src/session.ts";
import { navTexts } from "../src/texts.ts";
import { builtDashboard, launchChromium } from "./support/browser.ts";
import { FIRST_SCREEN_BUDGET, signedInContext, watchScripts, weighed, weighPage } from "./support/weight.ts";

/**
 * What the dashboard makes a librarian's browser download: the built admin UI served by a whole kurin, in
 * headless Chromium, counting the bytes of every script response. «Сьогодні» fits the budget; the chart library
 * and the technical page come only when the technical page is opened. (`pnpm bench` reports every page.)
 */

describe("the dashboard's JavaScript in Chromium", () => {
  let t: LendingKurin;
  let browser: Browser;
  let builtInto: string | undefined;

  beforeAll(async () => {
    const ui = await builtDashboard();
    builtInto = ui.temporary ? ui.dir : undefined;
    t = await startLendingKurin("weight", { env: { ADMIN_UI_DIR: ui.dir } });
    browser = await launchChromium();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await t?.stop();
    if (builtInto) rmSync(builtInto, { recursive: true, force: true });
  });

  it(`«Сьогодні» after sign-in downloads at most ${FIRST_SCREEN_BUDGET / 1000} kB of gzipped JavaScript, without the chart library`, async () => {
    const today = await weighPage(browser, t.kurin.url, t.tokens.librarian, TOKEN_STORAGE_KEY, "/", "section[data-queue] .count-badge");
    expect(today.scripts.length).toBeGreaterThan(0);
    // Every script came compressed (brotli, as Chromium asks for it).
    expect(today.scripts.filter((s) => s.encoding !== "br" && s.encoding !== "gzip").map((s) => s.url)).toEqual([]);
    expect(today.gzip).toBeLessThanOrEqual(FIRST_SCREEN_BUDGET);
    expect(today.transferred).toBeLessThanOrEqual(FIRST_SCREEN_BUDGET);
    expect(today.transferred).toBeLessThan(today.raw / 2);
    expect(today.recharts).toBe(false);
  });

  it("the chart library and the technical page's code arrive only when «Технічне» is opened", async () => {
    const context = await signedInContext(browser, t.tokens.librarian, TOKEN_STORAGE_KEY);
    try {
      const page = await context.newPage();
      const scripts = watchScripts(page);
      await page.goto(t.kurin.url);
      await page.locator("section[data-queue] .count-badge").first().waitFor();
      await page.waitForLoadState("networkidle");
      const first = weighed("/", await scripts.take());

      await page.getByRole("link", { name: navTexts.technical }).click();
      await page.getByTestId("cache-chart").waitFor({ timeout: 20_000 });
      await page.locator(".recharts-wrapper").first().waitFor({ timeout: 20_000 });
      await page.waitForLoadState("networkidle");
      const opened = weighed("/technical", await scripts.take());

      expect(first.recharts).toBe(false);
      expect(opened.recharts).toBe(true);
      // The technical page's own chunk and the chart's: new scripts, none of them fetched again.
      expect(opened.scripts.length).toBeGreaterThanOrEqual(2);
      const firstUrls = new Set(first.scripts.map((s) => s.url));
      expect(opened.scripts.filter((s) => firstUrls.has(s.url))).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it("the catalogue page does not load the chart library either", async () => {
    const books = await weighPage(browser, t.kurin.url, t.tokens.librarian, TOKEN_STORAGE_KEY, "/books", "table.catalogue tbody tr[data-book-id]");
    expect(books.scripts.length).toBeGreaterThan(0);
    expect(books.recharts).toBe(false);
  });
});
