import { gzipSync } from "node:zlib";
import type { Browser, BrowserContext, Page, Response } from "playwright-core";

/**
 * What the dashboard costs a librarian's browser: the JavaScript each page downloads, counted from the responses
 * Chromium really received. "Transferred" is the body as it came over the wire, as Chromium reports it (kurin
 * sends brotli to browsers that take it, gzip to the others); "gzip" is the decoded body gzipped here at zlib's
 * default level, the unit the budget is written in; "raw" is the decoded body. Shared by the browser test
 * (which asserts the first screen's budget) and `pnpm bench` (which reports every page).
 */

/** Text the chart library writes into the page (its wrapper's class): found in a script only if it carries recharts. */
export const RECHARTS_MARKER = "recharts-wrapper";

export interface ScriptLoad {
  url: string;
  /** Bytes on the wire (the encoded body). */
  transferred: number;
  /** Bytes after decoding. */
  raw: number;
  /** Bytes of the decoded body gzipped (zlib's default level, as the server's gzip). */
  gzip: number;
  /** Content-Encoding of the answer ("" when none). */
  encoding: string;
  /** Whether the script carries the chart library. */
  recharts: boolean;
}

export interface PageWeight {
  path: string;
  scripts: ScriptLoad[];
  transferred: number;
  gzip: number;
  raw: number;
  recharts: boolean;
}

/** Records every script a page receives from now on; `take()` answers those received since the last take. */
export function watchScripts(page: Page): { take(): Promise<ScriptLoad[]> } {
  let pending: Array<Promise<ScriptLoad>> = [];
  page.on("response", (response) => {
    if (response.request().resourceType() === "script") pending.push(scriptLoad(response));
  });
  return {
    async take() {
      const loads = await Promise.all(pending);
      pending = [];
      return loads;
    },
  };
}

async function scriptLoad(response: Response): Promise<ScriptLoad> {
  const body = await response.body();
  const sizes = await response.request().sizes();
  return {
    url: response.url(),
    transferred: sizes.responseBodySize,
    raw: body.length,
    gzip: gzipSync(body).length,
    encoding: (await response.headerValue("content-encoding")) ?? "",
    recharts: body.includes(RECHARTS_MARKER),
  };
}

export function weighed(path: string, scripts: ScriptLoad[]): PageWeight {
  return {
    path,
    scripts,
    transferred: scripts.reduce((sum, s) => sum + s.transferred, 0),
    gzip: scripts.reduce((sum, s) => sum + s.gzip, 0),
    raw: scripts.reduce((sum, s) => sum + s.raw, 0),
    recharts: scripts.some((s) => s.recharts),
  };
}

/**
 * Opens `path` in a fresh browser context (an empty cache, as on a librarian's first visit), signed in with
 * `token`, waits until the page shows `ready` and the network is quiet, and answers what its scripts cost.
 */
export async function weighPage(browser: Browser, origin: string, token: string, tokenKey: string, path: string, ready: string): Promise<PageWeight> {
  const context = await signedInContext(browser, token, tokenKey);
  try {
    const page = await context.newPage();
    const scripts = watchScripts(page);
    await page.goto(`${origin}${path}`);
    await page.locator(ready).first().waitFor({ timeout: 20_000 });
    await page.waitForLoadState("networkidle");
    return weighed(path, await scripts.take());
  } finally {
    await context.close();
  }
}

/** A browser context whose pages start signed in (the token where the dashboard keeps it). */
export async function signedInContext(browser: Browser, token: string, tokenKey: string): Promise<BrowserContext> {
  const context = await browser.newContext({ locale: "uk-UA", timezoneId: "Europe/Kyiv", viewport: { width: 1280, height: 900 } });
  await context.addInitScript(([key, value]) => window.localStorage.setItem(key!, value!), [tokenKey, token]);
  return context;
}

/** Kilobytes as Vite reports them (1 kB = 1,000 bytes). */
export const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;

/** The first screen's budget: 250 kB of gzipped JavaScript. */
export const FIRST_SCREEN_BUDGET = 250_000;
