import { randomBytes } from "node:crypto";
import { Writable } from "node:stream";
import { pino } from "pino";
import { SheetsEmulator, type SheetsEmulatorOptions } from "@kurin/sheets-emulator";
import { connectRedis, redisConnection, type RedisAddress } from "../../src/cache/redis-client.ts";
import { startKurin, type Kurin, type StartOptions } from "../../src/app/start.ts";
import { loadConfig } from "../../src/config.ts";
import { createTestDatabase } from "./database.ts";

/**
 * A whole kurin on real parts for one test file: its own MariaDB database, its own Redis key prefix on the
 * machine's Redis, its own Sheets emulator, listening on a free port.
 */

export interface TestKurin {
  kurin: Kurin;
  emulator: SheetsEmulator;
  prefix: string;
  databaseUrl: string;
  /** Log lines kurin wrote (pino objects). */
  logs: Array<Record<string, unknown>>;
  gql<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<GraphQLResult<T>>;
  stop(): Promise<void>;
}

export interface GraphQLResult<T> {
  data?: T;
  errors?: Array<{ message: string; extensions?: { code?: string; [k: string]: unknown } }>;
}

export const REDIS_URL = process.env.TEST_REDIS_URL ?? "redis://127.0.0.1:6379";

export async function startTestKurin(
  label: string,
  options: {
    emulator?: SheetsEmulatorOptions;
    env?: Record<string, string>;
    warm?: boolean;
    /** Share another test kurin's emulator, database and key prefix: a second instance of the same library. */
    sameLibraryAs?: TestKurin;
    /** How kurin reaches the test database, from its URL (e.g. through a TcpProxy). */
    databaseUrlFor?: (url: string) => string;
    start?: Omit<StartOptions, "warm">;
  } = {},
): Promise<TestKurin> {
  const shared = options.sameLibraryAs;
  const emulator = shared?.emulator ?? (await SheetsEmulator.start(options.emulator ?? {}));
  const db = shared ? { url: shared.databaseUrl, drop: async () => undefined } : await createTestDatabase(label);
  const prefix = shared?.prefix ?? testPrefix(label);
  const logs: Array<Record<string, unknown>> = [];
  const logger = pino(
    { level: "debug" },
    new Writable({
      write(chunk, _enc, done) {
        logs.push(JSON.parse(String(chunk)));
        done();
      },
    }),
  );
  const config = loadConfig({
    DATABASE_URL: options.databaseUrlFor?.(db.url) ?? db.url,
    REDIS_URL,
    REDIS_KEY_PREFIX: prefix,
    GOOGLE_SPREADSHEET_ID: emulator.spreadsheetId,
    SHEETS_API_URL: emulator.url,
    GOOGLE_SHEET_NAME: emulator.sheetName,
    PORT: "0",
    // Background timers off unless a test wants them: tests drive polls and checks themselves.
    SHEETS_POLL_SECONDS: "0",
    CACHE_VERSION_CHECK_MS: "0",
    REMINDER_CHECK_SECONDS: "0",
    // Two cores shared by every test file: a command can wait past the 500 ms default while the machine is
    // busy, and kurin then rightly goes on without Redis, which is not what most tests are about. Tests of a
    // slow or dead Redis set their own.
    REDIS_COMMAND_TIMEOUT_MS: "5000",
    // The same for a new database connection (tests of the database going away set their own).
    DATABASE_ACQUIRE_TIMEOUT_MS: "10000",
    ...options.env,
  });
  let kurin: Kurin;
  try {
    kurin = await startKurin(config, logger, { ...options.start, warm: options.warm ?? true });
  } catch (error) {
    await db.drop();
    if (!shared) await emulator.stop();
    throw error;
  }
  const gql = async <T>(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<GraphQLResult<T>> => {
    const response = await fetch(`${kurin.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as GraphQLResult<T>;
  };
  return {
    kurin,
    emulator,
    prefix,
    databaseUrl: db.url,
    logs,
    gql,
    async stop() {
      await kurin.stop();
      if (shared) return; // the first instance owns the emulator, database and keys
      await emulator.stop();
      await db.drop();
      await deleteKeys(prefix, config.redis);
    },
  };
}

export function testPrefix(label: string): string {
  return `kurin-test:${label}:${randomBytes(4).toString("hex")}:`;
}

/** Removes every key of a test prefix from the test's Redis (never FLUSHDB: other runs share it). */
export async function deleteKeys(prefix: string, address: RedisAddress = { url: REDIS_URL, host: "", port: 0, db: 0 }): Promise<void> {
  const redis = redisConnection(address, { lazyConnect: true, maxRetriesPerRequest: 1, retryStrategy: () => null });
  redis.on("error", () => undefined);
  try {
    if (!(await connectRedis(redis))) return; // Redis is not there (an outage test): nothing to clean
    let cursor = "0";
    do {
      const [next, keys] = await redis.scan(cursor, "MATCH", `${prefix.replace(/[*?[\]]/g, "\\$&")}*`, "COUNT", 1000);
      cursor = next;
      if (keys.length > 0) await redis.del(...keys);
    } while (cursor !== "0");
  } catch {
    // Redis is not there (an outage test): nothing to clean.
  } finally {
    redis.disconnect();
  }
}
