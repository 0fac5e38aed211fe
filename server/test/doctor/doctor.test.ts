import { randomBytes } from "node:crypto";
import { SheetsEmulator } from "@kurin/sheets-emulator";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { FakeBotApi } from "../../../bot/test/support/fake-bot-api.ts";
import { DEFAULT_MIGRATIONS_DIR, readMigrations } from "../../src/db/migration-files.ts";
import { createEmptyTestDatabase, createTestDatabase, type TestDatabase } from "../support/database.ts";
import { REDIS_URL } from "../support/kurin.ts";
import { freePort, PrivateRedis } from "../support/redis-server.ts";
import { runDoctorCli } from "./run-doctor.ts";

/**
 * `pnpm run doctor` run as a user runs it, against the real parts: a Sheets emulator, MariaDB, the shared Redis
 * (only read), the loopback Bot API. A sound set-up passes every check; each broken one fails with its line and
 * the thing to do.
 */

// Each test runs the CLI in a child process: seconds each, many more on a busy machine.
const RUN = { timeout: 150_000 };

let emulator: SheetsEmulator;
let db: TestDatabase;
let telegram: FakeBotApi;
let sound: Record<string, string>;
let books: number;

beforeAll(async () => {
  emulator = await SheetsEmulator.start({ spreadsheetId: "doctor-sheet" });
  // The demo catalogue without its section heading, so that every row is usable.
  const rows = emulator.rows();
  emulator.setRows(rows.filter((row, i) => i === 0 || (row[0] ?? "").trim() !== ""));
  books = emulator.rows().length - 1;
  db = await createTestDatabase("doctor");
  telegram = await FakeBotApi.start();
  sound = {
    GOOGLE_SPREADSHEET_ID: emulator.spreadsheetId,
    SHEETS_API_URL: emulator.url,
    DATABASE_URL: db.url,
    REDIS_URL,
    TELEGRAM_BOT_TOKEN: telegram.token,
    TELEGRAM_API_ROOT: telegram.url,
    SHEETS_WEBHOOK_SECRET: randomBytes(24).toString("hex"),
  };
});

afterAll(async () => {
  await telegram?.stop();
  await emulator?.stop();
  await db?.drop();
});

test("a sound set-up passes every check, exit code 0", RUN, async () => {
  const run = await runDoctorCli(sound);
  expect(run.code, run.output).toBe(0);
  const marks = run.output.split("\n").filter((l) => /^[✓✗!-] /.test(l));
  // Every check passes; Google credentials are not used against an emulator (SHEETS_API_URL).
  expect(marks.filter((l) => !l.startsWith("✓"))).toEqual(["- Google credentials: skipped: not used: the Sheets API is at " + emulator.url + " (SHEETS_API_URL)"]);
  const subjects = ["configuration", "spreadsheet", "headers", "status words", "rows", "columns kurin writes", "Redis", "MySQL", "Telegram bot", "Telegram updates", "Apps Script webhook"];
  expect(marks.filter((l) => l.startsWith("✓")).map((l) => subjects.find((s) => l.startsWith(`✓ ${s}`)))).toEqual(subjects);
  expect(run.about("headers")).toMatch(/all 9 found in row 1/);
  const booked = emulator.rows().filter((r) => r[8] === "booked").length;
  expect(run.about("status words")).toContain(`${books} books:`);
  expect(run.about("status words")).toContain(`booked ${booked}`);
  expect(run.about("rows")).toContain(`every row is usable (${books} books)`);
  expect(run.about("MySQL")).toMatch(new RegExp(`${(await readMigrations(DEFAULT_MIGRATIONS_DIR)).length} migrations applied, none pending`));
  expect(run.about("Redis")).toMatch(/Redis \d+\.\d+\.\d+, ping [\d.]+ ms .* maxmemory-policy noeviction/);
  expect(run.about("Telegram bot")).toContain(`@${telegram.botUser.username}`);
  expect(run.about("Telegram updates")).toContain("long polling, no webhook set");
  expect(run.output).toContain("All checks pass (1 skipped).");
  // The write that proves edit access changed nothing.
  expect(emulator.calls.writes).toBeGreaterThan(0);
});

// A set-up that breaks a part (an emulator with faults, a Bot API with a webhook) has that part to itself.
// One run at a time: each is a whole process, and side by side they took longer on a 2-core machine.
describe("a broken set-up fails with its line and what to do", () => {
  test("a wrong spreadsheet id", RUN, async () => {
    const run = await runDoctorCli({ ...sound, GOOGLE_SPREADSHEET_ID: "no-such-sheet" });
    expect(run.code).toBe(1);
    expect(run.about("spreadsheet")).toMatch(/^✗ spreadsheet: Spreadsheet not found \(404\)/);
    expect(run.about("spreadsheet")).toContain("→ set GOOGLE_SPREADSHEET_ID to the id in the sheet's address");
    expect(run.about("headers")).toMatch(/^- headers: skipped/);
  });

  test("a missing header", RUN, async () => {
    const rows = emulator.rows();
    const author = rows[0]!.indexOf("Автор");
    const sheet = await SheetsEmulator.start({ rows: rows.map((r) => r.filter((_, i) => i !== author)), spreadsheetId: "no-author" });
    try {
      const run = await runDoctorCli({ ...sound, GOOGLE_SPREADSHEET_ID: sheet.spreadsheetId, SHEETS_API_URL: sheet.url });
      expect(run.code).toBe(1);
      expect(run.about("headers")).toMatch(/^✗ headers: 1 of 9 not found in row 1: "Автор"/);
      expect(run.about("headers")).toContain('→ add a column headed "Автор" to the header row');
      expect(run.about("columns kurin writes")).toMatch(/^✓/);
    } finally {
      await sheet.stop();
    }
  });

  test("Redis down", RUN, async () => {
    const port = await freePort();
    const run = await runDoctorCli({ ...sound, REDIS_URL: `redis://127.0.0.1:${port}` });
    expect(run.code).toBe(1);
    expect(run.about("Redis")).toMatch(new RegExp(`^✗ Redis redis://127.0.0.1:${port}: does not answer \\(.*ECONNREFUSED`));
    expect(run.about("Redis")).toContain("→ start Redis there (redis-server), or set REDIS_URL");
  });

  test("a Redis that would evict the catalogue (maxmemory-policy allkeys-lru)", RUN, async () => {
    const redis = await PrivateRedis.start();
    const client = new Redis(redis.url);
    try {
      await client.config("SET", "maxmemory-policy", "allkeys-lru");
      const run = await runDoctorCli({ ...sound, REDIS_URL: redis.url });
      expect(run.code).toBe(1);
      expect(run.about("Redis")).toMatch(/^✗ Redis .*maxmemory-policy allkeys-lru .*would evict the catalogue/);
      expect(run.about("Redis")).toContain("→ redis-cli CONFIG SET maxmemory-policy noeviction");
    } finally {
      client.disconnect();
      await redis.stop();
    }
  });

  test("a bad Telegram token (the Bot API answers 401)", RUN, async () => {
    const run = await runDoctorCli({ ...sound, TELEGRAM_BOT_TOKEN: "123456:not-this-bots-token" });
    expect(run.code).toBe(1);
    expect(run.about("Telegram bot")).toMatch(/^✗ Telegram bot: Telegram refused the token \(401 Unauthorized\)/);
    expect(run.about("Telegram bot")).toContain("→ copy the token again from @BotFather");
    expect(run.output).not.toContain("not-this-bots-token");
  });

  test("a webhook left set while kurin polls, and a webhook whose deliveries fail", { timeout: 300_000 }, async () => {
    const bot = await FakeBotApi.start();
    const env = { ...sound, TELEGRAM_BOT_TOKEN: bot.token, TELEGRAM_API_ROOT: bot.url };
    try {
      await fetch(`${bot.url}/bot${bot.token}/setWebhook`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ url: "https://old-bot.example.org/hook" }) });
      const polling = await runDoctorCli(env);
      expect(polling.code).toBe(1);
      expect(polling.about("Telegram updates")).toMatch(/^✗ Telegram updates: a webhook is set \(https:\/\/old-bot.example.org\/hook\) while kurin polls/);
      bot.webhookDeliveryFailed("Connection refused");
      const hooked = await runDoctorCli({ ...env, BOT_WEBHOOK_URL: "https://old-bot.example.org/hook" });
      expect(hooked.code).toBe(1);
      expect(hooked.about("Telegram updates")).toMatch(/Telegram's last delivery failed at .*: Connection refused/);
    } finally {
      await bot.stop();
    }
  });

  test("pending migrations (a fresh database)", RUN, async () => {
    const fresh = await createEmptyTestDatabase("doctor_fresh");
    try {
      const run = await runDoctorCli({ ...sound, DATABASE_URL: fresh.url });
      const all = (await readMigrations(DEFAULT_MIGRATIONS_DIR)).map((m) => m.name);
      expect(run.code).toBe(1);
      expect(run.about("MySQL")).toContain(`0 migrations applied, ${all.length} pending: ${all.join(", ")}`);
      expect(run.about("MySQL")).toContain("→ run pnpm run migrate");
    } finally {
      await fresh.drop();
    }
  });

  test("a sheet kurin may only read, hand edits never seen, a database that refuses the user", RUN, async () => {
    const sheet = await SheetsEmulator.start({ rows: emulator.rows(), spreadsheetId: "read-only" });
    sheet.setFaults({ failNext: { status: 403, count: 1, only: "write" } });
    try {
      const env = { GOOGLE_SPREADSHEET_ID: sheet.spreadsheetId, SHEETS_API_URL: sheet.url, SHEETS_WEBHOOK_SECRET: "", SHEETS_POLL_SECONDS: "0" };
      const run = await runDoctorCli({ ...sound, ...env, DATABASE_URL: "mysql://kurin_nobody:wrong@127.0.0.1:3306/kurin" });
      expect(run.code).toBe(1);
      expect(run.about("spreadsheet")).toMatch(/^✓/);
      expect(run.about("columns kurin writes")).toMatch(/^✗ columns kurin writes: the sheet refused an edit: Google Sheets refused access \(403\)/);
      expect(run.about("columns kurin writes")).toContain("→ share the sheet with the service account's e-mail as an EDITOR");
      expect(run.about("Apps Script webhook")).toMatch(/^✗ .*SHEETS_POLL_SECONDS=0: librarians' hand edits would never be seen/);
      expect(run.about("MySQL")).toMatch(/^✗ MySQL 127.0.0.1:3306\/kurin: cannot connect \(.*Access denied/);
      expect(run.about("MySQL")).toContain("→ put the right user and password in DATABASE_URL");
      expect(run.output).not.toContain(":wrong@");
    } finally {
      await sheet.stop();
    }
  });

  test("a missing key file and a guessable Apps Script secret", RUN, async () => {
    const run = await runDoctorCli({ ...sound, SHEETS_API_URL: "", GOOGLE_APPLICATION_CREDENTIALS: "/nonexistent/kurin-key.json", SHEETS_WEBHOOK_SECRET: "abababababababab" });
    expect(run.code).toBe(1);
    expect(run.about("Google credentials")).toMatch(/^✗ Google credentials: GOOGLE_APPLICATION_CREDENTIALS: cannot read \/nonexistent\/kurin-key.json \(ENOENT\)/);
    expect(run.about("spreadsheet")).toBe("- spreadsheet: skipped: no usable Google credentials");
    expect(run.about("Apps Script webhook")).toMatch(/^✗ Apps Script webhook: SHEETS_WEBHOOK_SECRET has only 2 different characters/);
  });

  test("no tab of that name", RUN, async () => {
    const run = await runDoctorCli({ ...sound, GOOGLE_SHEET_NAME: "Каталог" });
    expect(run.code).toBe(1);
    expect(run.about("spreadsheet")).toMatch(/^✗ spreadsheet: Google Sheets rejected the request \(400\): is there a tab named "Каталог"\?/);
    expect(run.about("spreadsheet")).toContain('→ name the tab "Каталог" in the sheet, or set GOOGLE_SHEET_NAME');
  });

  test("bad variables: each one named, the checks that need them skipped", RUN, async () => {
    const run = await runDoctorCli({ ...sound, REDIS_PORT: "six", LIBRARY_TIME_ZONE: "Europe/Atlantis" });
    expect(run.code).toBe(1);
    expect(run.about("configuration")).toMatch(/^✗ configuration: 2 variables are not valid/);
    expect(run.about("configuration")).toContain('REDIS_PORT: Invalid input: expected number, received NaN (got "six")');
    expect(run.about("configuration")).toContain('LIBRARY_TIME_ZONE: must be an IANA time zone such as Europe/Kyiv (got "Europe/Atlantis")');
    expect(run.about("Redis")).toBe("- Redis: skipped: the configuration is not valid (see above)");
  });
});

test("with no configuration at all it checks the embedded demo catalogue pnpm start would serve", RUN, async () => {
  const run = await runDoctorCli({});
  expect(run.about("configuration")).toContain("nothing is set, so kurin runs on its embedded defaults");
  expect(run.about("Google credentials")).toContain("not used: the embedded demo catalogue needs none");
  expect(run.about("spreadsheet")).toMatch(/^✓ spreadsheet: the embedded demo catalogue \(no GOOGLE_SPREADSHEET_ID\), the bundled demo catalogue/);
  expect(run.about("headers")).toMatch(/^✓ headers: all 9 found/);
  // The demo catalogue keeps the real library's section heading: a warning, not a failure.
  expect(run.about("rows")).toContain('! rows: 1 row kurin skips or cannot read');
  expect(run.about("rows")).toContain('"Нові надходження 2025:"');
  expect(run.about("Telegram bot")).toContain("skipped: TELEGRAM_BOT_TOKEN is not set");
});
