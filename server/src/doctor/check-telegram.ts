import { NO_CONFIGURATION } from "./check-config.ts";
import type { DoctorContext } from "./context.ts";
import { fail, messageOf, ok, skip, type Outcome } from "./outcome.ts";

/**
 * The Telegram bot's token (getMe) and how updates reach it (getWebhookInfo), through TELEGRAM_API_ROOT when
 * set. kurin's bot polls unless BOT_WEBHOOK_URL is set; a webhook left set while it polls means another program
 * (the old bot, most often) receives this bot's messages.
 */

const TELEGRAM_API = "https://api.telegram.org";
const TOKEN = /^\d+:[A-Za-z0-9_-]+$/;

interface WebhookInfo {
  url: string;
  pending_update_count?: number;
  last_error_date?: number;
  last_error_message?: string;
}

export async function checkTelegram(ctx: DoctorContext): Promise<Outcome[]> {
  if (!ctx.config) return [skip("Telegram bot", NO_CONFIGURATION), skip("Telegram updates", NO_CONFIGURATION)];
  const { botToken, apiRoot, timeoutMs } = ctx.config.telegram;
  if (!botToken) {
    const why = "TELEGRAM_BOT_TOKEN is not set, so the bot is off (set it to the token from @BotFather to run the bot with the server)";
    return [skip("Telegram bot", why), skip("Telegram updates", "no bot")];
  }
  const fixToken = "copy the token again from @BotFather (/mybots → your bot → API Token) into TELEGRAM_BOT_TOKEN";
  if (!TOKEN.test(botToken.trim())) return [fail("Telegram bot", "TELEGRAM_BOT_TOKEN does not look like a token (123456789:AA…)", fixToken), skip("Telegram updates", "no valid token")];
  const call = botApi((apiRoot ?? TELEGRAM_API).replace(/\/+$/, ""), botToken.trim(), timeoutMs);
  const me = await call<{ username?: string; id: number }>("getMe");
  if (!me.ok) {
    const refused = me.status === 401 || me.status === 404;
    const summary = refused ? `Telegram refused the token (${me.status} ${me.reason})` : `Telegram did not answer getMe: ${me.reason}`;
    const fix = refused ? fixToken : `check that this machine reaches ${apiRoot ?? TELEGRAM_API} (TELEGRAM_API_ROOT)`;
    return [fail("Telegram bot", summary, fix), skip("Telegram updates", "getMe failed")];
  }
  const bot = ok("Telegram bot", `@${me.result.username ?? "?"} (id ${me.result.id})`);
  return [bot, await webhook(call, ctx.env.BOT_WEBHOOK_URL || undefined)];
}

async function webhook(call: ReturnType<typeof botApi>, wanted: string | undefined): Promise<Outcome> {
  const subject = "Telegram updates";
  const info = await call<WebhookInfo>("getWebhookInfo");
  if (!info.ok) return fail(subject, `getWebhookInfo failed: ${info.reason}`, "run the doctor again; if it persists, check the network");
  const { url, pending_update_count: pending = 0, last_error_message: lastError, last_error_date: errorAt } = info.result;
  const waiting = `${pending} update${pending === 1 ? "" : "s"} waiting`;
  if (!wanted) {
    if (url) {
      return fail(subject, `a webhook is set (${url}) while kurin polls: Telegram sends this bot's messages there, not to kurin (${waiting})`, "stop the program behind that address (the old bot?); kurin's bot removes the webhook when it starts polling");
    }
    return ok(subject, `long polling, no webhook set (${waiting})`);
  }
  if (url !== wanted) {
    return fail(subject, `BOT_WEBHOOK_URL is ${wanted}, but Telegram has ${url ? `a webhook at ${url}` : "no webhook"}`, "start kurin: its bot sets the webhook to BOT_WEBHOOK_URL when it starts; make sure nothing else sets another");
  }
  if (lastError) {
    const when = errorAt ? ` at ${new Date(errorAt * 1000).toISOString()}` : "";
    return fail(subject, `webhook ${url}: Telegram's last delivery failed${when}: ${lastError} (${waiting})`, `make ${url} reach kurin's bot over https (BOT_WEBHOOK_PORT behind your proxy), then watch this line clear`);
  }
  return ok(subject, `webhook ${url}, no delivery errors (${waiting})`);
}

type Answer<T> = { ok: true; result: T } | { ok: false; status?: number; reason: string };

/** One Bot API call; the token never appears in what it returns. */
function botApi(root: string, token: string, timeoutMs: number) {
  return async <T>(method: string): Promise<Answer<T>> => {
    let response: Response;
    try {
      response = await fetch(`${root}/bot${token}/${method}`, { method: "POST", signal: AbortSignal.timeout(timeoutMs) });
    } catch (error) {
      return { ok: false, reason: messageOf(error, [token]) };
    }
    const body = (await response.json().catch(() => null)) as { ok?: boolean; result?: T; description?: string } | null;
    if (body?.ok && body.result !== undefined) return { ok: true, result: body.result };
    return { ok: false, status: response.status, reason: body?.description ?? `HTTP ${response.status}` };
  };
}
