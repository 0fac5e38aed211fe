// zod/mini: the same validation as zod's chained API, in about a fifth of the heap (the bot is kept small).
import * as z from "zod/mini";

/**
 * The bot's settings, validated once at start-up. A bad or missing value becomes a ConfigError whose message is
 * ONE line naming the variable (main.ts prints it and exits). `pnpm start` of the server passes the same names.
 */

// An empty variable means "not set" (docker compose and .env files write FOO= for unset values).
const unset = <T extends z.ZodMiniType>(schema: T) => z.pipe(z.transform((v: unknown) => (v === "" ? undefined : v)), schema);
const httpUrl = () => z.url({ protocol: /^https?$/, error: "expected an http(s) URL" });
const flag = z.pipe(
  z.enum(["true", "false", "1", "0", "yes", "no"], { error: "expected true or false" }),
  z.transform((v) => ["true", "1", "yes"].includes(v)),
);

const envSchema = z.object({
  TELEGRAM_BOT_TOKEN: unset(
    z.string({ error: "is required (the token @BotFather gave you)" }).check(z.trim(), z.regex(/^\d+:[A-Za-z0-9_-]+$/, "expected a token like 123456789:AA... from @BotFather")),
  ),
  KURIN_API_URL: unset(z._default(httpUrl(), "http://127.0.0.1:4000/graphql")),
  KURIN_API_TOKEN: unset(z.string({ error: "is required: a kurin API token with role BOT (pnpm run token create --role BOT --name telegram-bot)" }).check(z.trim(), z.minLength(1))),
  // Another Bot API server, e.g. a loopback fake in tests or a self-hosted telegram-bot-api.
  TELEGRAM_API_ROOT: unset(z.optional(httpUrl())),
  // Webhook mode: Telegram posts updates to this public URL; long polling when unset.
  BOT_WEBHOOK_URL: unset(z.optional(z.url({ protocol: /^https$/, error: "expected an https URL (Telegram posts only to https)" }))),
  BOT_WEBHOOK_SECRET: unset(z.optional(z.string().check(z.regex(/^[A-Za-z0-9_-]{1,256}$/, "1-256 letters, digits, _ or -")))),
  BOT_WEBHOOK_PORT: unset(z._default(z.coerce.number().check(z.refine(Number.isInteger, "expected a whole number"), z.minimum(1), z.maximum(65535)), 8443)),
  BOT_WEBHOOK_HOST: unset(z._default(z.string(), "0.0.0.0")),
  BOT_REQUIRE_PHONE: unset(z._default(flag, true)),
  LIBRARY_RULES_TEXT: unset(z.optional(z.string())),
});

export interface BotConfig {
  telegramToken: string;
  apiUrl: string;
  apiToken: string;
  telegramApiRoot?: string;
  webhook?: { url: string; secret?: string; port: number; host: string };
  requirePhone: boolean;
  rulesText?: string;
}

export class ConfigError extends Error {
  override name = "ConfigError";
}

/** Secrets are never echoed back in error messages. */
const SECRET = new Set(["TELEGRAM_BOT_TOKEN", "KURIN_API_TOKEN", "BOT_WEBHOOK_SECRET"]);

export function loadConfig(env: Record<string, string | undefined> = process.env): BotConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const variable = String(issue.path[0] ?? "environment");
    const given = env[variable];
    const shown = SECRET.has(variable) || given === undefined || given === "" ? "" : ` (got "${given}")`;
    throw new ConfigError(`Invalid configuration: ${variable}: ${issue.message}${shown}`);
  }
  const e = parsed.data;
  return {
    telegramToken: e.TELEGRAM_BOT_TOKEN,
    apiUrl: e.KURIN_API_URL,
    apiToken: e.KURIN_API_TOKEN,
    telegramApiRoot: e.TELEGRAM_API_ROOT,
    webhook: e.BOT_WEBHOOK_URL ? { url: e.BOT_WEBHOOK_URL, secret: e.BOT_WEBHOOK_SECRET, port: e.BOT_WEBHOOK_PORT, host: e.BOT_WEBHOOK_HOST } : undefined,
    requirePhone: e.BOT_REQUIRE_PHONE,
    rulesText: e.LIBRARY_RULES_TEXT,
  };
}
