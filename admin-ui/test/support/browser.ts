import AxeBuilder from "@axe-core/playwright";
import { execFile } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { chromium, type Browser, type Page } from "playwright-core";

/**
 * What the dashboard's browser tests share: the built admin UI, ONE Debian Chromium per test file (the machine
 * is small), screenshots kept in admin-ui/test/artifacts/, and the two checks every page must pass (no sideways
 * scrolling on a phone, no serious or critical axe-core violation).
 */

/** Debian's Chromium, or the browser CHROMIUM_PATH names. */
export const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
export const CHROMIUM_INSTALL = "sudo apt-get install -y chromium";
const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];
const ADMIN_UI = fileURLToPath(new URL("../..", import.meta.url));
export const ARTIFACTS = process.env.DASHBOARD_SCREENSHOTS ?? join(ADMIN_UI, "test", "artifacts");

export const DESKTOP = { width: 1280, height: 900 };
export const PHONE = { width: 375, height: 740 };

export async function launchChromium(executablePath = CHROMIUM): Promise<Browser> {
  // Said before playwright's own "executable doesn't exist", which suggests a download that cannot work here.
  if (!existsSync(executablePath)) {
    throw new Error(
      `The browser tests need Chromium, and there is none at ${executablePath}. Install it with: ${CHROMIUM_INSTALL} ` +
        "(Debian, Ubuntu), or set CHROMIUM_PATH to a Chromium or Chrome binary.",
    );
  }
  return chromium.launch({ executablePath, args: CHROMIUM_ARGS });
}

/** A page as a Kyiv librarian's browser would be. */
export async function newPage(browser: Browser, viewport = DESKTOP): Promise<Page> {
  const context = await browser.newContext({ locale: "uk-UA", timezoneId: "Europe/Kyiv", viewport });
  return context.newPage();
}

/** The whole page as the librarian sees it, into the artifacts folder. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const path = join(ARTIFACTS, `kurin-${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** How far the page is wider than the window (0 when nothing scrolls sideways). */
export async function sidewaysOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}

/**
 * Controls smaller than 44 x 44 px (buttons, fields, the menu, the sign-in toggle, links standing alone in a
 * card or list), as "tag «text» W x H" lines. Links inside running text are exempt, as WCAG 2.5.8 allows.
 */
export async function smallTouchTargets(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const targets = document.querySelectorAll<HTMLElement>("button, select, input, summary, nav a, .reader-contact a, .loan-actions > *, td > a");
    const small: string[] = [];
    for (const element of targets) {
      const box = element.getBoundingClientRect();
      if (box.width === 0 || box.height === 0) continue; // not shown
      // Half a pixel of slack: layout rounds a 44 px box to 43.99 now and then.
      if (box.height < 43.5 || box.width < 43.5) small.push(`${element.tagName.toLowerCase()} «${element.textContent?.trim().slice(0, 30)}» ${Math.round(box.width)} x ${Math.round(box.height)}`);
    }
    return small;
  });
}

/** axe-core's serious and critical violations (WCAG 2.x A and AA rules), as "rule: target" lines. */
export async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]).analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(" ")} — ${n.failureSummary ?? ""}`));
}

/**
 * The built dashboard: admin-ui/dist when it is newer than every source, otherwise a fresh build in a
 * temporary folder (the checkout's dist is left to `pnpm start`).
 */
export async function builtDashboard(): Promise<{ dir: string; temporary: boolean }> {
  const dist = join(ADMIN_UI, "dist");
  const index = join(dist, "index.html");
  const sources = [join(ADMIN_UI, "src"), join(ADMIN_UI, "index.html"), join(ADMIN_UI, "vite.config.ts"), join(ADMIN_UI, "package.json")];
  if (existsSync(index) && statSync(index).mtimeMs > Math.max(...sources.map(newestChange))) return { dir: dist, temporary: false };
  const dir = mkdtempSync(join(tmpdir(), "kurin-admin-ui-"));
  const vite = join(ADMIN_UI, "node_modules", "vite", "bin", "vite.js");
  // A production build, as `pnpm start` makes it (vitest's NODE_ENV=test would give React's development build).
  await promisify(execFile)(process.execPath, [vite, "build", "--outDir", dir, "--emptyOutDir", "--logLevel", "warn"], {
    cwd: ADMIN_UI,
    env: { ...process.env, NODE_ENV: "production" },
  });
  return { dir, temporary: true };
}

function newestChange(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newestChange(join(path, name))));
}
