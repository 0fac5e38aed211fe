import { createHash, randomBytes } from "node:crypto";
import { rmSync } from "node:fs";
import * as mariadb from "mariadb";
import { builtDashboard, launchChromium } from "../../admin-ui/test/support/browser.ts";
import { FIRST_SCREEN_BUDGET, kb, signedInContext, watchScripts, weighed, weighPage, type PageWeight } from "../../admin-ui/test/support/weight.ts";
import { TOKEN_STORAGE_KEY } from "../../admin-ui/src/session.ts";
import { navTexts } from "../../admin-ui/src/texts.ts";
import { connectionConfig } from "../../server/src/db/migrate.ts";
import type { Bench, Row, SectionResult } from "../lib/bench.ts";

/**
 * Section "desk": the JavaScript each page of the librarians' dashboard makes the browser download. The built
 * dashboard, served by a kurin instance (as the other sections start it), opened in headless Chromium (Debian's,
 * through playwright-core) signed in as a librarian, each page in a fresh context (an empty cache: a first visit).
 * Every script response is counted (admin-ui/test/support/weight.ts): its gzip size, the unit of the budget; what
 * crossed the wire (kurin compresses, brotli for Chromium); and its size decoded. Then «Сьогодні» followed by a
 * click on «Технічне»: what opening the technical page adds.
 */

const PAGES: Array<{ path: string; name: string; ready: string }> = [
  { path: "/", name: "«Сьогодні» (first screen)", ready: "section[data-queue] .count-badge" },
  { path: "/readers", name: "«Читачі»", ready: "h1.page-title" },
  { path: "/books", name: "«Книги»", ready: "table.catalogue tbody tr[data-book-id]" },
  { path: "/outside", name: "«Поза kurin»", ready: "h1.page-title" },
  { path: "/technical", name: "«Технічне»", ready: ".recharts-wrapper" },
];

export async function deskWeight(bench: Bench): Promise<SectionResult> {
  const ui = await builtDashboard();
  const token = await librarianToken(bench.db.url);
  const sheets = await bench.sheets();
  const browser = await launchChromium();
  try {
    const kurin = await bench.kurin("kurin-desk", sheets, bench.prefix("desk"), { ADMIN_UI_DIR: ui.dir });
    const weights: PageWeight[] = [];
    for (const page of PAGES) weights.push(await weighPage(browser, kurin.url, token, TOKEN_STORAGE_KEY, page.path, page.ready));
    const opened = await technicalAfterToday(browser, kurin.url, token);
    await bench.stop(kurin);

    const rows: Row[] = PAGES.map((page, i) => {
      const w = weights[i]!;
      const row: Row = { section: "desk", figure: `desk JS: ${page.name}`, value: describe(w) };
      if (page.path !== "/") return row;
      return { ...row, target: `≤ ${FIRST_SCREEN_BUDGET / 1000} kB gzip, no recharts`, met: w.gzip <= FIRST_SCREEN_BUDGET && !w.recharts };
    });
    rows.push({
      section: "desk",
      figure: "desk JS: «Технічне» opened from «Сьогодні»",
      value: `+${describe(opened)}`,
      target: "recharts only now",
      met: opened.recharts && !weights[0]!.recharts,
    });
    const summary = (w: PageWeight) => ({ path: w.path, gzip: w.gzip, transferred: w.transferred, raw: w.raw, recharts: w.recharts, scripts: w.scripts.length });
    return { rows, data: { pages: weights.map(summary), technicalAfterToday: summary(opened), scripts: weights.map((w) => ({ path: w.path, scripts: w.scripts.map(({ url, ...s }) => ({ file: new URL(url).pathname, ...s })) })) } };
  } finally {
    await browser.close();
    await bench.stopSheets(sheets);
    if (ui.temporary) rmSync(ui.dir, { recursive: true, force: true });
  }
}

function describe(w: PageWeight): string {
  return `${kb(w.gzip)} gzip (${kb(w.transferred)} on the wire, ${kb(w.raw)} raw, ${w.scripts.length} files)${w.recharts ? ", recharts" : ""}`;
}

/** «Сьогодні», then the menu's «Технічне»: the scripts the click brings. */
async function technicalAfterToday(browser: Awaited<ReturnType<typeof launchChromium>>, origin: string, token: string): Promise<PageWeight> {
  const context = await signedInContext(browser, token, TOKEN_STORAGE_KEY);
  try {
    const page = await context.newPage();
    const scripts = watchScripts(page);
    await page.goto(origin);
    await page.locator(PAGES[0]!.ready).first().waitFor({ timeout: 20_000 });
    await page.waitForLoadState("networkidle");
    await scripts.take();
    await page.getByRole("link", { name: navTexts.technical }).click();
    await page.locator(".recharts-wrapper").first().waitFor({ timeout: 20_000 });
    await page.waitForLoadState("networkidle");
    return weighed("/ then /technical", await scripts.take());
  } finally {
    await context.close();
  }
}

/** A LIBRARIAN token written with SQL into the run's database (the table of prisma/schema.prisma). */
async function librarianToken(databaseUrl: string): Promise<string> {
  const token = `kurin_${randomBytes(32).toString("base64url")}`;
  const conn = await mariadb.createConnection(connectionConfig(databaseUrl, new URL(databaseUrl).pathname.slice(1)));
  try {
    await conn.query("INSERT INTO `ApiToken` (`name`, `tokenHash`, `role`) VALUES (?, ?, 'LIBRARIAN')", ["bench-librarian", createHash("sha256").update(token, "utf8").digest("hex")]);
  } finally {
    await conn.end();
  }
  return token;
}
