import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../src/config.ts";

describe("configuration", () => {
  it("runs on embedded defaults with an empty environment", () => {
    const config = loadConfig({});
    expect(config.port).toBe(4000);
    expect(config.databaseUrl).toBe("mysql://root@127.0.0.1:3306/kurin");
    expect(config.redis).toMatchObject({ host: "127.0.0.1", port: 6379, db: 0, ttlSeconds: 300, keyPrefix: "" });
    expect(config.sheets.spreadsheetId).toBeUndefined();
    expect(config.sheets.sheetName).toBe("Books");
    expect(config.sheets.columns).toEqual({
      id: "id",
      title: "Назва",
      author: "Автор",
      edition: "Видавництво та рік видання",
      pages: "К-сть с.",
      description: "Короткий опис",
      dueDate: "Заброньовано до:",
      categories: "Categories",
      status: "Status",
    });
    expect(config.sheets.statusWords).toEqual({
      available: "",
      booked: "booked",
      delivered: "delivered",
      pickedUp: "picked_up",
      returned: "returned",
      bookedWithDueDateIsPickedUp: true,
    });
  });

  it("treats empty variables as unset and reads the seed's Redis settings", () => {
    const config = loadConfig({ PORT: "", REDIS_HOST: "cache.lan", REDIS_PORT: "6380", REDIS_DB: "2", REDIS_PASSWORD: "s3cret", REDIS_CACHE_TTL: "60" });
    expect(config.port).toBe(4000);
    expect(config.circulation).toMatchObject({ dueSoonDays: 2, overdueEveryDays: 3, overdueTimes: 5, quietStart: 21 * 60, quietEnd: 9 * 60, summaryAt: 9 * 60 });
    expect(config.redis).toMatchObject({ host: "cache.lan", port: 6380, db: 2, password: "s3cret", ttlSeconds: 60 });
  });

  it.each([
    [{ PORT: "abc" }, /^Invalid configuration: PORT: .*\(got "abc"\)$/],
    [{ REDIS_PORT: "70000" }, /^Invalid configuration: REDIS_PORT: /],
    [{ REDIS_CACHE_TTL: "0" }, /^Invalid configuration: REDIS_CACHE_TTL: /],
    [{ REDIS_URL: "localhost:6379" }, /^Invalid configuration: REDIS_URL: expected redis:\/\//],
    [{ DATABASE_URL: "postgres://x/y" }, /^Invalid configuration: DATABASE_URL: expected mysql:\/\//],
    [{ SHEET_BOOKED_WITH_DUE_DATE_IS_PICKED_UP: "maybe" }, /^Invalid configuration: SHEET_BOOKED_WITH_DUE_DATE_IS_PICKED_UP: /],
    [{ GOOGLE_SPREADSHEET_ID: "abc" }, /^Invalid configuration: GOOGLE_APPLICATION_CREDENTIALS: required with GOOGLE_SPREADSHEET_ID/],
    [{ SHEET_STATUS_RETURNED: "booked" }, /^Invalid configuration: SHEET_STATUS_\*: the status word "booked" is used for two statuses$/],
    [{ QUIET_HOURS_START: "9pm" }, /^Invalid configuration: QUIET_HOURS_START: expected a time of day as HH:MM, e\.g\. 21:00 \(got "9pm"\)$/],
    [{ LIBRARIAN_SUMMARY_TIME: "24:00" }, /^Invalid configuration: LIBRARIAN_SUMMARY_TIME: expected a time of day as HH:MM/],
    [{ REMINDER_OVERDUE_EVERY_DAYS: "0" }, /^Invalid configuration: REMINDER_OVERDUE_EVERY_DAYS: /],
    [{ TELEGRAM_BOT_USERNAME: "a b" }, /^Invalid configuration: TELEGRAM_BOT_USERNAME: expected the bot's @username \(got "a b"\)$/],
  ])("rejects %o with one line naming the variable", (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });

  it("reads what the server needs of the Telegram bot: no bot by default, a username without its @", () => {
    expect(loadConfig({}).telegram).toMatchObject({ botToken: undefined, apiRoot: undefined, botUsername: undefined, timeoutMs: 10_000 });
    const config = loadConfig({ TELEGRAM_BOT_TOKEN: "123456:ABC-def_1", TELEGRAM_BOT_USERNAME: "@kurin_library_bot", TELEGRAM_API_ROOT: "http://127.0.0.1:9" });
    expect(config.telegram).toMatchObject({ botToken: "123456:ABC-def_1", botUsername: "kurin_library_bot", apiRoot: "http://127.0.0.1:9" });
  });

  it("never echoes a URL or password back (they carry credentials)", () => {
    const error = (() => {
      try {
        loadConfig({ REDIS_URL: "nope://user:secret@host" });
      } catch (e) {
        return e as Error;
      }
    })();
    expect(error?.message).toMatch(/^Invalid configuration: REDIS_URL: /);
    expect(error?.message).not.toContain("secret");
  });

  it("stops `pnpm start` with exactly one line on stderr naming the bad variable", () => {
    const main = fileURLToPath(new URL("../src/main.ts", import.meta.url));
    const result = spawnSync(process.execPath, ["--conditions=kurin-source", "--import", "tsx", main], {
      env: { PATH: process.env.PATH, PORT: "not-a-port" },
      encoding: "utf8",
      cwd: fileURLToPath(new URL("..", import.meta.url)),
      timeout: 30_000,
    });
    expect(result.status).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr.trim().split("\n")).toEqual([expect.stringMatching(/^Invalid configuration: PORT: .*"not-a-port"/)]);
  });
});
