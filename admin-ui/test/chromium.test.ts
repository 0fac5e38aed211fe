import { expect, test } from "vitest";
import { CHROMIUM_INSTALL, launchChromium } from "./support/browser.ts";

/** A machine without Chromium is told how to get it, instead of a stack trace about a missing executable. */
test("without Chromium the browser tests fail with the command that installs it", async () => {
  const missing = "/nonexistent/kurin-test/chromium";
  await expect(launchChromium(missing)).rejects.toThrow(
    `The browser tests need Chromium, and there is none at ${missing}. Install it with: ${CHROMIUM_INSTALL} (Debian, Ubuntu), or set CHROMIUM_PATH to a Chromium or Chrome binary.`,
  );
});
