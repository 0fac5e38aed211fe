import { z } from "zod";

/**
 * The bot's settings, validated once at start-up. A bad or missing value becomes a ConfigError whose message is
 * ONE line naming the variable (main.ts prints it and exits).
 */

// An empty variable means "not set" (docker compose and .env files write FOO= for unset values).
const unset = (v: unknown) => (v === "" ? undefined : v);
const httpUrl = z.url({ protocol: /^https?$/, error: "expected an http(s) URL" });

const envSchema = z.object({
  BOT_TOKEN: z.preprocess(
    unset,
    z
      .string({ error: "is required (the token @BotFather gave you)" })
      .trim()
      .regex(/^\d+:[A-Za-z0-9_-]+$/, "expected a token like 123456789:AA... from @BotFather"),
  ),
  KURIN_API_URL: z.preprocess(unset, httpUrl.default("http://127.0.0.1:4000/graphql")),
  // Another Bot API server, e.g. a loopback fake in tests or a self-hosted telegram-bot-api.
  TELEGRAM_API_ROOT: z.preprocess(unset, httpUrl.optional()),
});

export interface BotConfig {
  token: string;
  apiUrl: string;
  telegramApiRoot?: string;
}

export class ConfigError extends Error {
  override name = "ConfigError";
}

/** Secrets are never echoed back in error messages. */
const SECRET = new Set(["BOT_TOKEN"]);

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
  return { token: e.BOT_TOKEN, apiUrl: e.KURIN_API_URL, telegramApiRoot: e.TELEGRAM_API_ROOT };
}
