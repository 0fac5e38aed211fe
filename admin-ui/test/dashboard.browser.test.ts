import { rmSync } from "node:fs";
import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestKurin, type TestKurin } from "../../server/test/support/kurin.ts";
import { TOKEN_STORAGE_KEY } from "../src/session.ts";
import { actionTexts, sessionTexts, sheetProblemTexts, statusLabels } from "../src/texts.ts";
import { builtDashboard, launchChromium, newPage, screenshot as saveScreenshot } from "./support/browser.ts";

/**
 * The catalogue ("Книги") and the technical page as a librarian uses them: the built admin UI served by a whole
 * kurin (real MariaDB, Redis and Sheets emulator), in Debian's headless Chromium. Each test signs in (or out) as
 * it needs and puts back what it changes, so any one passes alone and in any order.
 */

const TTL_SECONDS = 300;

interface CacheStatsAnswer {
  cacheStats: { hitRate: number; hits: number; misses: number; breakerState: string };
}

interface SheetProblemsAnswer {
  sheetProblems: { readAt: string | null; totalCount: number; rows: Array<{ row: number; bookId: string | null; kind: string; message: string }> };
}

describe("the librarians' dashboard in Chromium", () => {
  let t: TestKurin;
  let browser: Browser;
  let page: Page;
  let builtInto: string | undefined;
  // kurin's clock runs with the real one; the stale test moves it past the TTL.
  let clockOffsetMs = 0;

  beforeAll(async () => {
    const ui = await builtDashboard();
    builtInto = ui.temporary ? ui.dir : undefined;
    t = await startTestKurin("dashboard", {
      env: { ADMIN_UI_DIR: ui.dir, REDIS_CACHE_TTL: String(TTL_SECONDS) },
      start: { now: () => Date.now() + clockOffsetMs },
    });
    browser = await launchChromium();
    page = await newPage(browser, { width: 1400, height: 1000 });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await t?.stop();
    if (builtInto) rmSync(builtInto, { recursive: true, force: true });
  });

  /** GraphQL as another client would ask it, with a token when given. */
  async function api<T>(query: string, token?: string): Promise<T> {
    const response = await fetch(`${t.kurin.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query }),
    });
    const body = (await response.json()) as { data?: T; errors?: unknown[] };
    expect(body.errors).toBeUndefined();
    return body.data!;
  }

  /** Waits for any refresh a request started in the background, so Sheets counts are read after it. */
  async function settle(): Promise<void> {
    await t.kurin.books.refresh(TTL_SECONDS * 1000).catch(() => undefined);
  }

  /** What the librarian sees, kept with the test's artifacts. */
  async function screenshot(name: string, at?: Locator): Promise<void> {
    await at?.scrollIntoViewIfNeeded();
    await saveScreenshot(page, `dashboard-${name}`);
  }

  /** The browser keeps this token (null: none), as the sign-in does; then the page is opened again. */
  async function signedInWith(token: string | null, open: () => Promise<unknown>): Promise<void> {
    await open();
    await page.evaluate(([key, value]) => (value === null ? localStorage.removeItem(key!) : localStorage.setItem(key!, value)), [TOKEN_STORAGE_KEY, token] as const);
    await open();
  }

  const books = () => page.goto(`${t.kurin.url}/books`);
  const technical = () => page.goto(`${t.kurin.url}/technical`);

  const rows = () => page.locator("table.catalogue tbody tr[data-book-id]");
  const pager = () => page.locator(".pager > .muted");
  const cachePanel = () => page.locator("section.cache-panel");
  const problemsPanel = () => page.locator("section.sheet-problems");

  it("lists the catalogue with Ukrainian status labels, and search narrows it", async () => {
    const all = await api<{ books: { totalCount: number } }>(`{ books { totalCount } }`);
    await books();
    await pager().filter({ hasText: `Показано 1–50 з ${all.books.totalCount}` }).waitFor();
    expect(await rows().count()).toBe(50);

    const labels = await page.locator("table.catalogue tbody .status").allTextContents();
    expect(labels).toHaveLength(50);
    expect(labels.every((label) => Object.values(statusLabels).includes(label))).toBe(true);
    expect(labels).toContain(statusLabels.AVAILABLE);

    const found = await api<{ books: { totalCount: number; nodes: Array<{ id: string }> } }>(
      `{ books(first: 50, search: "шевченко") { totalCount nodes { id } } }`,
    );
    expect(found.books.totalCount).toBeGreaterThan(0);
    expect(found.books.totalCount).toBeLessThan(all.books.totalCount);
    await page.getByRole("searchbox").fill("Шевченко");
    await pager().filter({ hasText: `з ${found.books.totalCount}` }).waitFor();
    expect(await rows().evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-book-id")))).toEqual(found.books.nodes.map((b) => b.id));
    // every word in the title or the author
    const titlesAndAuthors = await rows().evaluateAll((trs) => trs.map((tr) => `${tr.children[1]?.textContent} ${tr.children[2]?.textContent}`));
    expect(titlesAndAuthors.every((text) => /шевченк/i.test(text))).toBe(true);
  });

  it("asks for a token in the cache panel, and forgets one the server refuses while the catalogue keeps working", async () => {
    await signedInWith(null, technical);
    await cachePanel().locator('.sign-in[data-reason="needsToken"]').waitFor();
    await expect(cachePanel().textContent()).resolves.toContain(sessionTexts.needsToken);
    expect(await cachePanel().getByTestId("hit-rate").count()).toBe(0);
    expect(await problemsPanel().count()).toBe(0); // the cache panel's sign-in is the one prompt

    // A revoked or mistyped token kept in the browser: the catalogue is asked again without it.
    await page.evaluate(([key]) => localStorage.setItem(key!, "kurin_not-a-token-anyone-issued"), [TOKEN_STORAGE_KEY]);
    await page.reload();
    await cachePanel().locator('.sign-in[data-reason="rejected"]').waitFor();
    await expect(cachePanel().textContent()).resolves.toContain(sessionTexts.rejected);
    await screenshot("token-refused");
    await books();
    await pager().filter({ hasText: "Показано 1–50" }).waitFor();
    expect(await page.evaluate(([key]) => localStorage.getItem(key!), [TOKEN_STORAGE_KEY])).toBeNull();
  });

  it("with a librarian token shows the cache: the hit rate cacheStats gives, a closed breaker, and the operator's actions", { timeout: 120_000 }, async () => {
    const { token } = await t.kurin.auth.tokens.create("dashboard-librarian", "LIBRARIAN");
    await signedInWith(null, books);
    await pager().filter({ hasText: "Показано 1–50" }).waitFor();
    const firstBook = await rows().first().getAttribute("data-book-id");
    await technical();

    await cachePanel().getByLabel(sessionTexts.tokenLabel).fill(token);
    await cachePanel().getByRole("button", { name: sessionTexts.signIn }).click();
    await cachePanel().getByTestId("hit-rate").waitFor();
    await page.getByRole("button", { name: sessionTexts.signOut }).waitFor();
    expect(await page.evaluate(([key]) => localStorage.getItem(key!), [TOKEN_STORAGE_KEY])).toBe(token);

    // "Забути книгу": the next read of that book misses, so the hit rate is not a trivial 100 %.
    await cachePanel().getByLabel(actionTexts.bookId).fill(firstBook!);
    await cachePanel().getByRole("button", { name: actionTexts.invalidateBook }).click();
    await cachePanel().getByTestId("invalidate-outcome").filter({ hasText: actionTexts.forgotten(firstBook!) }).waitFor();
    await cachePanel().getByLabel(actionTexts.bookId).fill("no-such-book");
    await cachePanel().getByRole("button", { name: actionTexts.invalidateBook }).click();
    await cachePanel().getByTestId("invalidate-outcome").filter({ hasText: actionTexts.unknownBook("no-such-book") }).waitFor();
    const booksAnswered = page.waitForResponse((response) => response.request().postData()?.includes("AdminBooks") ?? false);
    await books(); // the catalogue reads its first page again
    await booksAnswered;
    await settle();
    await technical();

    // The panel, refreshed, shows what the API says (nothing reads books meanwhile).
    const { cacheStats } = await api<CacheStatsAnswer>(`{ cacheStats { hitRate hits misses breakerState } }`, token);
    expect(cacheStats.misses).toBeGreaterThan(0);
    expect(cacheStats.hitRate).toBeGreaterThan(0);
    expect(cacheStats.hitRate).toBeLessThan(1);
    await cachePanel().locator(".panel-header").getByRole("button", { name: "Оновити" }).click();
    const hitRate = cachePanel().locator(`[data-testid="hit-rate"][data-value="${cacheStats.hitRate}"]`);
    await hitRate.waitFor();
    const shown = Number((await hitRate.textContent())!.replace(/[^\d,]/g, "").replace(",", "."));
    expect(Math.abs(shown - cacheStats.hitRate * 100)).toBeLessThanOrEqual(0.05 + 1e-9);
    expect(cacheStats.breakerState).toBe("closed");
    const breaker = cachePanel().getByTestId("breaker");
    expect(await breaker.getAttribute("data-state")).toBe("closed");
    expect(await breaker.textContent()).toContain("closed");
    expect(await breaker.getAttribute("class")).toContain("good");
    await cachePanel().getByTestId("cache-chart").locator(".recharts-surface").first().waitFor();

    // The chart is no keyboard trap: Tab from the panel's first button reaches the actions below the chart.
    await cachePanel().locator(".panel-header").getByRole("button", { name: "Оновити" }).focus();
    const refreshCatalog = cachePanel().getByRole("button", { name: actionTexts.refreshCatalog });
    let tabs = 0;
    while (!(await refreshCatalog.evaluate((button) => button === document.activeElement)) && tabs < 30) {
      await page.keyboard.press("Tab");
      tabs++;
    }
    expect(tabs).toBeLessThan(30);

    // "Оновити каталог": exactly one more read of the Sheet.
    const readsBefore = t.emulator.calls.reads;
    await cachePanel().getByRole("button", { name: actionTexts.refreshCatalog }).click();
    await cachePanel().getByTestId("refresh-outcome").filter({ hasText: "Таблицю прочитано" }).waitFor();
    await settle();
    expect(t.emulator.calls.reads).toBe(readsBefore + 1);
    await screenshot("signed-in");

    // Pressed again with this minute's Sheets budget spent: told so in words, and nothing is read.
    let spent = 0;
    while ((await t.kurin.quota.tryAcquire()) === undefined) spent++;
    expect(spent).toBeLessThanOrEqual(50);
    await cachePanel().getByRole("button", { name: actionTexts.refreshCatalog }).click();
    await cachePanel().getByTestId("refresh-outcome").filter({ hasText: actionTexts.refused.budget }).waitFor();
    expect(t.emulator.calls.reads).toBe(readsBefore + 1);
    await t.kurin.redis.del(`${t.prefix}kurin:sheets:reads`); // the budget back for the tests after this one
  });

  it("lists the Sheet's rows kurin could not use: a section heading without an id, then a status word it does not know", async () => {
    const { token } = await t.kurin.auth.tokens.create("dashboard-problems", "LIBRARIAN");
    await signedInWith(token, technical);
    const before = await api<SheetProblemsAnswer>(`{ sheetProblems { readAt totalCount rows { row bookId kind message } } }`, token!);
    const heading = problemsPanel().locator('tr[data-row="291"][data-kind="MISSING_ID"]');
    await heading.waitFor();
    expect(await heading.locator("td").allTextContents()).toEqual(["291", "—", sheetProblemTexts.kinds.MISSING_ID("Нові надходження 2025:")]);
    expect(await heading.locator("td[title]").getAttribute("title")).toBe(before.sheetProblems.rows.find((p) => p.row === 291)!.message);
    const summary = problemsPanel().getByTestId("sheet-problems-summary");
    expect(await summary.textContent()).toContain(sheetProblemTexts.count(before.sheetProblems.totalCount));
    const readAt = await page.evaluate((iso) => `${new Intl.DateTimeFormat("uk-UA", { day: "2-digit", month: "2-digit", year: "numeric" }).format(new Date(iso))} ${new Date(iso).toLocaleTimeString("uk-UA")}`, before.sheetProblems.readAt!);
    expect(await summary.textContent()).toContain(readAt); // the time of the read, as the browser writes it
    expect(await problemsPanel().locator("tbody tr").count()).toBe(before.sheetProblems.rows.length);

    // A librarian types a word kurin does not know into the first book's Status; "Оновити каталог" reads it.
    const first = await api<{ books: { nodes: Array<{ id: string }> } }>(`{ books(first: 1) { nodes { id } } }`);
    const bookId = first.books.nodes[0]!.id;
    const status = t.emulator.getCell(bookId, "Status")!;
    t.emulator.setCell(bookId, "Status", "загублена");
    try {
      await cachePanel().getByRole("button", { name: actionTexts.refreshCatalog }).click();
      await cachePanel().getByTestId("refresh-outcome").filter({ hasText: "Таблицю прочитано" }).waitFor();
      const after = await api<SheetProblemsAnswer>(`{ sheetProblems { readAt totalCount rows { row bookId kind message } } }`, token!);
      const lost = after.sheetProblems.rows.find((p) => p.kind === "UNKNOWN_STATUS" && p.bookId === bookId);
      expect(lost).toBeDefined();
      const shown = problemsPanel().locator(`tr[data-row="${lost!.row}"][data-kind="UNKNOWN_STATUS"]`);
      await shown.waitFor();
      expect(await shown.locator("td").allTextContents()).toEqual([String(lost!.row), bookId, sheetProblemTexts.kinds.UNKNOWN_STATUS("загублена")]);
      expect(await shown.locator("td[title]").getAttribute("title")).toBe(lost!.message);
      await summary.filter({ hasText: sheetProblemTexts.count(before.sheetProblems.totalCount + 1) }).waitFor();
      await screenshot("sheet-problems", problemsPanel());
      // ...and the catalogue serves that book as the panel says
      await books();
      await rows().first().locator(".status").filter({ hasText: statusLabels.UNKNOWN }).waitFor();
      await technical();
    } finally {
      // The Sheet as it was, read again, for the tests after this one.
      t.emulator.setCell(bookId, "Status", status);
      await t.kurin.books.refresh(0);
      await settle();
    }
    await problemsPanel().locator(".panel-header").getByRole("button", { name: sheetProblemTexts.refresh }).click();
    await problemsPanel().locator('tr[data-kind="UNKNOWN_STATUS"]').waitFor({ state: "detached" });
    await summary.filter({ hasText: sheetProblemTexts.count(before.sheetProblems.totalCount) }).waitFor();
    await books();
    await rows().first().locator(".status").filter({ hasNotText: statusLabels.UNKNOWN }).waitFor();
    await settle();
    await technical();
  });

  it("shows an integrator no buttons of a librarian, and a bot token that the cache and the Sheet's problems are not for it", async () => {
    await signedInWith(null, technical);
    await cachePanel().locator('.sign-in[data-reason="needsToken"]').waitFor();

    const integrator = await t.kurin.auth.tokens.create("dashboard-integrator", "INTEGRATOR");
    await cachePanel().getByLabel(sessionTexts.tokenLabel).fill(integrator.token);
    await cachePanel().getByRole("button", { name: sessionTexts.signIn }).click();
    await cachePanel().getByTestId("hit-rate").waitFor(); // read-only access to the stats
    await problemsPanel().locator('tr[data-row="291"]').waitFor(); // and to the Sheet's problems
    // The header says who is signed in and as what; the buttons an integrator may not use are not there.
    await page.getByTestId("session").filter({ hasText: sessionTexts.signedInAs("dashboard-integrator", "INTEGRATOR") }).waitFor();
    await cachePanel().getByText(sessionTexts.actionsForLibrarians).waitFor();
    expect(await cachePanel().getByRole("button", { name: actionTexts.refreshCatalog }).count()).toBe(0);
    expect(await cachePanel().getByRole("button", { name: actionTexts.warmCache }).count()).toBe(0);

    await page.getByRole("button", { name: sessionTexts.signOut }).click();
    const bot = await t.kurin.auth.tokens.create("dashboard-bot", "BOT");
    await cachePanel().getByLabel(sessionTexts.tokenLabel).fill(bot.token);
    await cachePanel().getByRole("button", { name: sessionTexts.signIn }).click();
    await cachePanel().locator('.sign-in[data-reason="forbidden"]').waitFor();
    await expect(cachePanel().textContent()).resolves.toContain(sessionTexts.forbidden);
    await problemsPanel().locator('[role="alert"]').filter({ hasText: sheetProblemTexts.forbidden }).waitFor();
    expect(await problemsPanel().locator("tbody tr").count()).toBe(0);
    // a valid token without the role is kept: the librarian may still want to sign out or switch
    expect(await page.evaluate(([key]) => localStorage.getItem(key!), [TOKEN_STORAGE_KEY])).toBe(bot.token);
    await screenshot("forbidden");
  });

  it("marks a status the Sheet could not confirm within the TTL, with its time in the tooltip", async () => {
    t.emulator.setFaults({ failNext: { status: 503, count: 1_000_000, only: "read" } });
    clockOffsetMs += (TTL_SECONDS + 60) * 1000;
    try {
      await books();
      const staleRows = page.locator("table.catalogue tbody tr.stale-row");
      await staleRows.first().waitFor();
      expect(await staleRows.count()).toBe(50);
      const answer = await api<{ books: { nodes: Array<{ stale: boolean; asOf: string }> } }>(`{ books(first: 1) { nodes { stale asOf } } }`);
      expect(answer.books.nodes[0]!.stale).toBe(true);
      const tooltip = await staleRows.first().locator("td[title]").getAttribute("title");
      const asOf = await page.evaluate((iso) => `${new Intl.DateTimeFormat("uk-UA", { day: "2-digit", month: "2-digit", year: "numeric" }).format(new Date(iso))} ${new Date(iso).toLocaleTimeString("uk-UA")}`, answer.books.nodes[0]!.asOf);
      expect(tooltip).toContain(asOf);
      await screenshot("stale", staleRows.nth(12));
    } finally {
      // The Sheet answering and the clock back, the catalogue read again, for the tests after this one.
      t.emulator.setFaults({});
      clockOffsetMs -= (TTL_SECONDS + 60) * 1000;
      await t.kurin.books.refresh(0).catch(() => undefined);
    }
  });
});
