/**
 * A fresh, migrated MariaDB database for one test file:
 *
 *   const db = await createTestDatabase("loans");   // kurin_test_loans_<random>, migrations applied
 *   const prisma = createPrisma(db.url);
 *   ...
 *   await prisma.$disconnect();
 *   await db.drop();
 *
 * The server is TEST_DATABASE_URL (a mysql:// URL; its database part is ignored), by default
 * mysql://root@127.0.0.1:3306. Only the database created here is ever dropped.
 */
import { randomBytes } from "node:crypto";
import * as mariadb from "mariadb";
import { pino } from "pino";
import { connectionConfig, deployMigrations } from "../../src/db/migrate.ts";

export interface TestDatabase {
  /** mysql:// URL of the new database, for createPrisma / deployMigrations. */
  url: string;
  name: string;
  /** Drops the database (idempotent). Disconnect Prisma clients first. */
  drop(): Promise<void>;
}

const DEFAULT_SERVER_URL = "mysql://root@127.0.0.1:3306/";

/** The test server's URL with `name` as its database. */
export function testDatabaseUrl(name: string): string {
  const url = new URL(process.env.TEST_DATABASE_URL || DEFAULT_SERVER_URL);
  url.pathname = `/${name}`;
  // The driver gives up on a socket after 1 s by default; on a busy 2-core machine running several test files
  // (MariaDB included) that is not enough, and the failure says nothing about kurin.
  if (!url.searchParams.has("connectTimeout")) url.searchParams.set("connectTimeout", "10000");
  return url.toString();
}

/** Creates an empty database `kurin_test_<label>_<random>` without applying migrations. */
export async function createEmptyTestDatabase(label: string): Promise<TestDatabase> {
  const safeLabel = label.toLowerCase().replace(/[^a-z0-9_]+/g, "_").replace(/^_+|_+$/g, "").slice(0, 32) || "db";
  const name = `kurin_test_${safeLabel}_${randomBytes(5).toString("hex")}`;
  const url = testDatabaseUrl(name);
  // No IF NOT EXISTS: a name collision must fail rather than adopt (and later drop) someone else's database.
  await withServerConnection(url, (conn) =>
    conn.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`),
  );
  let dropped = false;
  return {
    url,
    name,
    async drop() {
      if (dropped) return;
      dropped = true;
      await withServerConnection(url, (conn) => conn.query(`DROP DATABASE IF EXISTS \`${name}\``));
    },
  };
}

/** Creates `kurin_test_<label>_<random>` and applies prisma/migrations to it. */
export async function createTestDatabase(label: string): Promise<TestDatabase> {
  const db = await createEmptyTestDatabase(label);
  try {
    await deployMigrations(db.url, { logger: pino({ level: process.env.TEST_MIGRATE_LOG_LEVEL || "silent" }) });
  } catch (err) {
    await db.drop().catch(() => undefined);
    throw err;
  }
  return db;
}

/** Runs `fn` on a connection to the server of `url` (no default database). */
export async function withServerConnection<T>(url: string, fn: (conn: mariadb.Connection) => Promise<T>): Promise<T> {
  const conn = await mariadb.createConnection(connectionConfig(url, null));
  try {
    return await fn(conn);
  } finally {
    await conn.end();
  }
}
