import { z } from "zod";
import { circulationEnv, circulationSettings, type CirculationSettings } from "./config-circulation.ts";
import { databaseEnv, databaseSettings, type DatabaseSettings } from "./config-database.ts";
import { graphqlEnv, graphqlSettings, type GraphQLLimits } from "./config-graphql.ts";
import { sheetLookEnv, type RowHighlight } from "./config-sheet.ts";
import { redisSentinelEnv, sentinelConflict, sentinelSettings, type RedisSettings } from "./config-redis.ts";
import { telegramEnv, telegramSettings, type TelegramSettings } from "./config-telegram.ts";
import { describeIssue, flag, int, isTimeZone, optionalText, text, unset } from "./config-values.ts";

export type { CirculationSettings } from "./config-circulation.ts";
export type { DatabaseSettings } from "./config-database.ts";
export type { GraphQLLimits } from "./config-graphql.ts";
export type { RedisSettings, SentinelSettings } from "./config-redis.ts";
export type { TelegramSettings } from "./config-telegram.ts";

/**
 * Every setting kurin reads, validated once at start-up. Defaults run the whole system on this machine:
 * the embedded Sheets emulator with the demo catalogue, MariaDB and Redis on 127.0.0.1.
 * The same names are documented in .env.example and README.md.
 */

export const envSchema = z.object({
  HOST: text("127.0.0.1"),
  PORT: int(4000, 0, 65535),
  LOG_LEVEL: z.preprocess(unset, z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info")),
  // The built librarians' dashboard to serve at / (default: admin-ui/dist of this repository, when built).
  ADMIN_UI_DIR: optionalText(),

  DATABASE_URL: z.preprocess(
    unset,
    z
      .string()
      .regex(/^(mysql|mariadb):\/\/[^/]+\/[A-Za-z0-9_$-]+(\?.*)?$/, "expected mysql://user[:password]@host:port/database")
      .default("mysql://root@127.0.0.1:3306/kurin"),
  ),

  // The seed's Redis settings; REDIS_URL, when set, takes precedence over host/port/db/password.
  REDIS_URL: z.preprocess(unset, z.string().regex(/^rediss?:\/\//, "expected redis://[:password@]host:port[/db]").optional()),
  REDIS_HOST: text("127.0.0.1"),
  REDIS_PORT: int(6379, 1, 65535),
  REDIS_DB: int(0, 0, 15),
  REDIS_PASSWORD: optionalText(),
  REDIS_CACHE_TTL: int(300, 1, 7 * 24 * 3600),
  REDIS_KEY_PREFIX: z.string().regex(/^[^\s]*$/, "must not contain spaces").default(""),
  REDIS_COMMAND_TIMEOUT_MS: int(500, 10, 60_000),
  // Past REDIS_CACHE_TTL values are stale; they are still served while the Sheet cannot be read, up to this.
  CACHE_GRACE_SECONDS: int(24 * 3600, 0, 30 * 24 * 3600),
  // How often each instance compares its in-memory catalogue with Redis (covers lost pub/sub messages).
  CACHE_VERSION_CHECK_MS: int(2000, 0, 3_600_000),
  REDIS_BREAKER_FAILURES: int(3, 1, 1000),
  REDIS_BREAKER_HALF_OPEN_MS: int(1000, 50, 600_000),
  ...redisSentinelEnv,

  // The Google Sheet. Without a spreadsheet id kurin starts its embedded emulator with the demo catalogue.
  GOOGLE_SPREADSHEET_ID: optionalText(),
  GOOGLE_SHEET_NAME: text("Books"),
  GOOGLE_APPLICATION_CREDENTIALS: optionalText(),
  GOOGLE_SERVICE_ACCOUNT_JSON: optionalText(),
  SHEETS_API_URL: z.preprocess(unset, z.url({ protocol: /^https?$/ }).optional()),
  SHEETS_TIMEOUT_MS: int(10_000, 100, 120_000),
  // Google allows 60 reads a minute; kurin's refreshes stay within this many, over all instances.
  SHEETS_READS_PER_MINUTE: int(50, 1, 10_000),
  // Hand edits in the Sheet are noticed by a poll this often (0 turns it off; the webhook still works).
  SHEETS_POLL_SECONDS: int(30, 0, 86_400),
  // Shared secret of the Apps Script onEdit webhook (POST /webhooks/sheet-edit); without it the webhook is off.
  SHEETS_WEBHOOK_SECRET: z.preprocess(unset, z.string().min(16, "must be at least 16 characters").optional()),
  SHEETS_EMULATOR_DATA: text(".kurin/demo-catalogue.csv"),

  // Sheet column headers (matched by name, trimmed and case-insensitive; order does not matter).
  SHEET_COLUMN_ID: text("id"),
  SHEET_COLUMN_TITLE: text("Назва"),
  SHEET_COLUMN_AUTHOR: text("Автор"),
  SHEET_COLUMN_EDITION: text("Видавництво та рік видання"),
  SHEET_COLUMN_PAGES: text("К-сть с."),
  SHEET_COLUMN_DESCRIPTION: text("Короткий опис"),
  SHEET_COLUMN_DUE_DATE: text("Заброньовано до:"),
  SHEET_COLUMN_CATEGORIES: text("Categories"),
  SHEET_COLUMN_STATUS: text("Status"),

  // Status words in the Status column. Available is an empty cell by default, so this one may be set to "".
  SHEET_STATUS_AVAILABLE: z.string().default(""),
  SHEET_STATUS_BOOKED: text("booked"),
  SHEET_STATUS_DELIVERED: text("delivered"),
  SHEET_STATUS_PICKED_UP: text("picked_up"),
  SHEET_STATUS_RETURNED: text("returned"),
  // The old kurin-bot marked a book on loan as `booked` with a date in the due-date column.
  SHEET_BOOKED_WITH_DUE_DATE_IS_PICKED_UP: flag(true),
  ...sheetLookEnv,

  // Lending rules.
  LOAN_PERIOD_DAYS: int(14, 1, 365),
  LOAN_MAX_OPEN: int(3, 1, 100),
  // The due date written in the Sheet is a date in this time zone.
  LIBRARY_TIME_ZONE: z.preprocess(
    unset,
    z
      .string()
      .default("Europe/Kyiv")
      .refine((zone) => isTimeZone(zone), "must be an IANA time zone such as Europe/Kyiv"),
  ),
  // A status change holds a per-book lock in Redis this long at most (several Sheets calls fit in it).
  LOAN_LOCK_TTL_MS: int(30_000, 1000, 600_000),
  // Status changes a crash left half-done are settled at start-up and this often (0: start-up only) ...
  LOAN_REPAIR_SECONDS: int(30, 0, 86_400),
  // ... once they are this old (a live request is done with its change well before).
  LOAN_REPAIR_AFTER_SECONDS: int(30, 0, 86_400),
  // Verified tokens and readers are remembered this long (a revoked token stops working within it).
  AUTH_CACHE_SECONDS: int(5, 0, 3600),

  // GET /metrics answers only "Authorization: Bearer <this>" when set (empty: open, e.g. behind a firewall).
  METRICS_TOKEN: optionalText(),
  ...databaseEnv,
  ...graphqlEnv,
  ...telegramEnv,
  ...circulationEnv,
});

export type Env = z.infer<typeof envSchema>;

export interface SheetColumns {
  id: string;
  title: string;
  author: string;
  edition: string;
  pages: string;
  description: string;
  dueDate: string;
  categories: string;
  status: string;
}

export interface StatusWords {
  available: string;
  booked: string;
  delivered: string;
  pickedUp: string;
  returned: string;
  bookedWithDueDateIsPickedUp: boolean;
}

export interface SheetsSettings {
  /** Absent: run the embedded emulator with the demo catalogue. */
  spreadsheetId?: string;
  sheetName: string;
  credentialsFile?: string;
  credentialsJson?: string;
  apiUrl?: string;
  timeoutMs: number;
  readsPerMinute: number;
  pollSeconds: number;
  webhookSecret?: string;
  emulatorDataFile: string;
  columns: SheetColumns;
  statusWords: StatusWords;
  highlight: RowHighlight | null;
}

export interface LendingSettings {
  loanPeriodDays: number;
  renewal: CirculationSettings["renewal"];
  maxOpenLoans: number;
  timeZone: string;
  lockTtlMs: number;
  repairIntervalSeconds: number;
  repairAfterSeconds: number;
}

export interface AuthSettings {
  cacheSeconds: number;
  /** Readers with these Telegram ids are made librarians when kurin first sees them. */
  librarianTelegramIds: bigint[];
}

export interface Config {
  host: string;
  port: number;
  adminUiDir?: string;
  /** null: GET /metrics is open. */
  metricsToken: string | null;
  logLevel: Env["LOG_LEVEL"];
  databaseUrl: string;
  database: DatabaseSettings;
  redis: RedisSettings;
  sheets: SheetsSettings;
  lending: LendingSettings;
  auth: AuthSettings;
  telegram: TelegramSettings;
  graphql: GraphQLLimits;
  circulation: CirculationSettings;
}

export class ConfigError extends Error {
  override name = "ConfigError";
}

/** Validates the environment. Throws a ConfigError whose message is one line naming the bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  return toConfig(parseEnv(env));
}

function parseEnv(env: Record<string, string | undefined>): Env {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(`Invalid configuration: ${describeIssue(parsed.error.issues[0]!, env)}`);
  }
  const e = parsed.data;
  const conflict = sentinelConflict(e);
  if (conflict) throw new ConfigError(conflict);
  if (e.GOOGLE_SPREADSHEET_ID && !e.SHEETS_API_URL && !e.GOOGLE_APPLICATION_CREDENTIALS && !e.GOOGLE_SERVICE_ACCOUNT_JSON) {
    throw new ConfigError(
      "Invalid configuration: GOOGLE_APPLICATION_CREDENTIALS: required with GOOGLE_SPREADSHEET_ID (path to a service-account key file, or set GOOGLE_SERVICE_ACCOUNT_JSON)",
    );
  }
  const words = [e.SHEET_STATUS_AVAILABLE, e.SHEET_STATUS_BOOKED, e.SHEET_STATUS_DELIVERED, e.SHEET_STATUS_PICKED_UP, e.SHEET_STATUS_RETURNED].map(
    (w) => w.trim().toLowerCase(),
  );
  const repeated = words.find((w, i) => words.indexOf(w) !== i);
  if (repeated !== undefined) {
    throw new ConfigError(`Invalid configuration: SHEET_STATUS_*: the status word "${repeated}" is used for two statuses`);
  }
  return e;
}

/** The settings of each part, from the validated environment. A new setting gets its variable in envSchema and its place here. */
function toConfig(e: Env): Config {
  return {
    host: e.HOST,
    port: e.PORT,
    adminUiDir: e.ADMIN_UI_DIR,
    metricsToken: e.METRICS_TOKEN ?? null,
    logLevel: e.LOG_LEVEL,
    databaseUrl: e.DATABASE_URL,
    database: databaseSettings(e),
    redis: {
      url: e.REDIS_URL,
      host: e.REDIS_HOST,
      port: e.REDIS_PORT,
      db: e.REDIS_DB,
      password: e.REDIS_PASSWORD,
      sentinel: sentinelSettings(e),
      keyPrefix: e.REDIS_KEY_PREFIX,
      ttlSeconds: e.REDIS_CACHE_TTL,
      graceSeconds: e.CACHE_GRACE_SECONDS,
      versionCheckMs: e.CACHE_VERSION_CHECK_MS,
      commandTimeoutMs: e.REDIS_COMMAND_TIMEOUT_MS,
      breakerFailures: e.REDIS_BREAKER_FAILURES,
      breakerHalfOpenMs: e.REDIS_BREAKER_HALF_OPEN_MS,
    },
    sheets: sheetsSettings(e),
    lending: {
      loanPeriodDays: e.LOAN_PERIOD_DAYS,
      renewal: circulationSettings(e).renewal,
      maxOpenLoans: e.LOAN_MAX_OPEN,
      timeZone: e.LIBRARY_TIME_ZONE,
      lockTtlMs: e.LOAN_LOCK_TTL_MS,
      repairIntervalSeconds: e.LOAN_REPAIR_SECONDS,
      repairAfterSeconds: e.LOAN_REPAIR_AFTER_SECONDS,
    },
    auth: { cacheSeconds: e.AUTH_CACHE_SECONDS, librarianTelegramIds: e.LIBRARIAN_TELEGRAM_IDS },
    telegram: telegramSettings(e),
    graphql: graphqlSettings(e),
    circulation: circulationSettings(e),
  };
}

function sheetsSettings(e: Env): SheetsSettings {
  return {
    spreadsheetId: e.GOOGLE_SPREADSHEET_ID,
    sheetName: e.GOOGLE_SHEET_NAME,
    credentialsFile: e.GOOGLE_APPLICATION_CREDENTIALS,
    credentialsJson: e.GOOGLE_SERVICE_ACCOUNT_JSON,
    apiUrl: e.SHEETS_API_URL,
    timeoutMs: e.SHEETS_TIMEOUT_MS,
    readsPerMinute: e.SHEETS_READS_PER_MINUTE,
    pollSeconds: e.SHEETS_POLL_SECONDS,
    webhookSecret: e.SHEETS_WEBHOOK_SECRET,
    emulatorDataFile: e.SHEETS_EMULATOR_DATA,
    highlight: e.SHEET_HIGHLIGHT_COLOR,
    columns: {
      id: e.SHEET_COLUMN_ID,
      title: e.SHEET_COLUMN_TITLE,
      author: e.SHEET_COLUMN_AUTHOR,
      edition: e.SHEET_COLUMN_EDITION,
      pages: e.SHEET_COLUMN_PAGES,
      description: e.SHEET_COLUMN_DESCRIPTION,
      dueDate: e.SHEET_COLUMN_DUE_DATE,
      categories: e.SHEET_COLUMN_CATEGORIES,
      status: e.SHEET_COLUMN_STATUS,
    },
    statusWords: {
      available: e.SHEET_STATUS_AVAILABLE,
      booked: e.SHEET_STATUS_BOOKED,
      delivered: e.SHEET_STATUS_DELIVERED,
      pickedUp: e.SHEET_STATUS_PICKED_UP,
      returned: e.SHEET_STATUS_RETURNED,
      bookedWithDueDateIsPickedUp: e.SHEET_BOOKED_WITH_DUE_DATE_IS_PICKED_UP,
    },
  };
}
