import { Redis } from "ioredis";
import { SheetsEmulator } from "@kurin/sheets-emulator";
import { ApiTokens } from "../../src/auth/tokens.ts";
import { cacheKeys, type CacheKeys } from "../../src/cache/keys.ts";
import { createPrisma, type PrismaClient } from "../../src/db/client.ts";
import { createTestDatabase, type TestDatabase } from "./database.ts";
import { deleteKeys, REDIS_URL, testPrefix, type GraphQLResult } from "./kurin.ts";
import { startKurinProcess, type KurinProcess } from "./kurin-process.ts";
import { asciiJson, telegramUser } from "./lending.ts";

/**
 * One library for kurin processes (support/kurin-process.ts): its own migrated database, Redis key prefix and
 * Sheets emulator (in the test process), tokens made in the database before any kurin runs, and what a test
 * needs to look at the three stores directly. Every process started from it serves the same library, as the
 * instances of one deployment do.
 */

export interface ProcessLibrary {
  emulator: SheetsEmulator;
  prisma: PrismaClient;
  redis: Redis;
  keys: CacheKeys;
  tokens: { librarian: string; bot: string };
  /** A kurin process of this library, with these settings over the library's own. */
  start(env?: Record<string, string>): Promise<KurinProcess>;
  /** GraphQL on `kurin` as reader `n` (through the bot's token) or as a librarian. */
  gql<T = Record<string, unknown>>(kurin: KurinProcess, as: number | "librarian", query: string, variables?: Record<string, unknown>): Promise<GraphQLResult<T>>;
  /**
   * Holds every Sheet write into these books' rows (never applied, never answered); each book's promise resolves
   * once its write arrived. For the books in `landed` the write lands (these cells are set) and only the answer
   * is lost.
   */
  holdWrites(bookIds: readonly string[], landed?: ReadonlyMap<string, Record<string, string>>): Map<string, Promise<void>>;
  /** The Status (or another column's) cell of a book in the Sheet. */
  cell(bookId: string, header?: string): string;
  /** Books on the shelf (Status and due date blank), in sheet order. */
  availableBooks(count: number): string[];
  stop(): Promise<void>;
}

export async function openProcessLibrary(label: string): Promise<ProcessLibrary> {
  const db: TestDatabase = await createTestDatabase(label);
  const prisma = createPrisma(db.url);
  const emulator = await SheetsEmulator.start();
  const prefix = testPrefix(label);
  const redis = new Redis(REDIS_URL);
  const api = new ApiTokens(prisma);
  const tokens = { librarian: (await api.create("librarian", "LIBRARIAN")).token, bot: (await api.create("bot", "BOT")).token };
  const started: KurinProcess[] = [];
  const baseEnv = {
    DATABASE_URL: db.url,
    REDIS_URL,
    REDIS_KEY_PREFIX: prefix,
    GOOGLE_SPREADSHEET_ID: emulator.spreadsheetId,
    SHEETS_API_URL: emulator.url,
    GOOGLE_SHEET_NAME: emulator.sheetName,
    HOST: "127.0.0.1",
    PORT: "0",
    // Timers that would read the Sheet or write messages on their own: off, they are not what these tests watch.
    SHEETS_POLL_SECONDS: "0",
    REMINDER_CHECK_SECONDS: "0",
    // Two cores shared by every test file (see support/kurin.ts).
    REDIS_COMMAND_TIMEOUT_MS: "5000",
  };
  const column = (header: string) => emulator.rows()[0]!.indexOf(header);

  return {
    emulator,
    prisma,
    redis,
    keys: cacheKeys(prefix),
    tokens,
    async start(env = {}) {
      const kurin = await startKurinProcess({ ...baseEnv, ...env });
      started.push(kurin);
      return kurin;
    },
    async gql(kurin, as, query, variables) {
      const headers: Record<string, string> = { "content-type": "application/json" };
      if (as === "librarian") headers.authorization = `Bearer ${tokens.librarian}`;
      else {
        headers.authorization = `Bearer ${tokens.bot}`;
        headers["x-telegram-user"] = asciiJson(telegramUser(as));
      }
      const response = await fetch(`${kurin.url}/graphql`, { method: "POST", headers, body: JSON.stringify({ query, variables }) });
      return (await response.json()) as GraphQLResult<never>;
    },
    holdWrites(bookIds, landed = new Map()) {
      const arrived = new Map<string, () => void>();
      const received = new Map(bookIds.map((bookId) => [bookId, new Promise<void>((resolve) => arrived.set(bookId, resolve))]));
      emulator.beforeWrite = (ranges) => {
        const held = ranges.map((range) => bookInRow(emulator, range)).find((bookId) => bookId !== undefined && received.has(bookId));
        if (held === undefined) return;
        for (const [header, value] of Object.entries(landed.get(held) ?? {})) emulator.setCell(held, header, value);
        arrived.get(held)!();
        // Never applied, never answered: the process that asked dies waiting.
        return new Promise<void>(() => undefined);
      };
      return received;
    },
    cell: (bookId, header = "Status") => emulator.getCell(bookId, header) ?? "",
    availableBooks(count) {
      const [id, status, due] = [column("id"), column("Status"), column("Заброньовано до:")];
      const ids = emulator
        .rows()
        .slice(1)
        .filter((r) => (r[id] ?? "").trim() !== "" && (r[status] ?? "") === "" && (r[due] ?? "") === "")
        .map((r) => r[id]!.trim());
      if (ids.length < count) throw new Error(`only ${ids.length} available books, wanted ${count}`);
      return ids.slice(0, count);
    },
    async stop() {
      for (const kurin of started) await kurin.kill();
      emulator.beforeWrite = undefined;
      await emulator.stop();
      await prisma.$disconnect();
      await db.drop();
      await deleteKeys(prefix);
      redis.disconnect();
    },
  };
}

/** The id in the row a write's range (`Books!A5:I5`) starts at. */
function bookInRow(emulator: SheetsEmulator, range: string): string | undefined {
  const row = /![A-Z]+(\d+)/.exec(range)?.[1];
  if (row === undefined) return undefined;
  const rows = emulator.rows();
  return rows[Number(row) - 1]?.[rows[0]!.indexOf("id")]?.trim();
}

/** Polls `check` until it returns true; false if `timeoutMs` passed first. */
export async function eventually(check: () => Promise<boolean>, timeoutMs: number, everyMs = 200): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
  return check();
}
