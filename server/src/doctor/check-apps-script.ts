import { NO_CONFIGURATION } from "./check-config.ts";
import type { DoctorContext } from "./context.ts";
import { fail, ok, skip, type Outcome } from "./outcome.ts";

/**
 * The Apps Script onEdit webhook's shared secret (SHEETS_WEBHOOK_SECRET, scripts/apps-script/kurin-onedit.gs).
 * Without it the webhook is off and hand edits are seen at the next poll; with the poll off too, never.
 */

// config.ts refuses fewer than 16 characters; a secret of few distinct characters is guessable all the same.
const DISTINCT_CHARACTERS = 8;
const GENERATE = "openssl rand -hex 32";

export async function checkAppsScript(ctx: DoctorContext): Promise<Outcome[]> {
  const subject = "Apps Script webhook";
  if (!ctx.config) return [skip(subject, NO_CONFIGURATION)];
  const { webhookSecret, pollSeconds } = ctx.config.sheets;
  if (!webhookSecret) {
    if (pollSeconds === 0) {
      return [fail(subject, "SHEETS_WEBHOOK_SECRET is not set and SHEETS_POLL_SECONDS=0: librarians' hand edits would never be seen", `set SHEETS_WEBHOOK_SECRET (${GENERATE}) and install scripts/apps-script/kurin-onedit.gs, or set SHEETS_POLL_SECONDS=30`)];
    }
    return [skip(subject, `SHEETS_WEBHOOK_SECRET is not set, so the webhook is off; hand edits are seen at the next poll (every ${pollSeconds} s)`)];
  }
  if (new Set(webhookSecret).size < DISTINCT_CHARACTERS) {
    return [fail(subject, `SHEETS_WEBHOOK_SECRET has only ${new Set(webhookSecret).size} different characters: easy to guess`, `set it to a random value (${GENERATE}), and the same in the script's KURIN_WEBHOOK_SECRET property`)];
  }
  return [ok(subject, `secret set (${webhookSecret.length} characters); the script's KURIN_WEBHOOK_SECRET property must hold the same value`)];
}
