import { createHash } from "node:crypto";
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Writable } from "node:stream";
import * as mariadb from "mariadb";
import { pino, type Logger } from "pino";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { connectionConfig, databaseNameFromUrl, deployMigrations, ensureDatabase, type MigrationRow } from "../../src/db/migrate.ts";
import { DEFAULT_MIGRATIONS_DIR, MigrationError, readMigrations } from "../../src/db/migration-files.ts";
import { createEmptyTestDatabase, testDatabaseUrl, withServerConnection, type TestDatabase } from "../support/database.ts";
import { waitUntil } from "../support/wait.ts";

type Row = MigrationRow;

/** A pino logger whose records the test can read. */
function capturingLogger(): { logger: Logger; records: Array<{ level: number; msg: string; migration?: string }> } {
  const records: Array<{ level: number; msg: string; migration?: string }> = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      for (const line of chunk.toString().split("\n").filter(Boolean)) records.push(JSON.parse(line));
      callback();
    },
  });
  return { logger: pino({ level: "debug" }, stream), records };
}

const silent = pino({ level: "silent" });

async function query<T>(db: TestDatabase, sql: string, values?: unknown[]): Promise<T> {
  const conn = await mariadb.createConnection({ ...connectionConfig(db.url, db.name), dateStrings: true });
  try {
    return (await conn.query(sql, values)) as T;
  } finally {
    await conn.end();
  }
}

const rows = (db: TestDatabase) => query<Row[]>(db, "SELECT * FROM _prisma_migrations ORDER BY started_at, migration_name");

async function tempMigrations(migrations: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "kurin-migrations-"));
  await writeFile(path.join(dir, "migration_lock.toml"), 'provider = "mysql"\n');
  for (const [name, sql] of Object.entries(migrations)) {
    await mkdir(path.join(dir, name));
    await writeFile(path.join(dir, name, "migration.sql"), sql);
  }
  return dir;
}

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!().catch(() => undefined);
});

async function emptyDb(label: string): Promise<TestDatabase> {
  const db = await createEmptyTestDatabase(label);
  cleanups.push(() => db.drop());
  return db;
}

async function tempDir(migrations: Record<string, string>): Promise<string> {
  const dir = await tempMigrations(migrations);
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

describe("the repository's migrations", () => {
  it("are in Prisma Migrate's layout: migration_lock.toml for mysql and <timestamp>_<name>/migration.sql", async () => {
    const lock = await readFile(path.join(DEFAULT_MIGRATIONS_DIR, "migration_lock.toml"), "utf8");
    expect(lock).toMatch(/^provider = "mysql"$/m);
    const migrations = await readMigrations(DEFAULT_MIGRATIONS_DIR);
    expect(migrations.length).toBeGreaterThan(0);
    for (const m of migrations) expect(m.name).toMatch(/^\d{14}_[a-z0-9_]+$/);
    expect(migrations[0]!.name).toMatch(/_init$/);
  });
});

describe("deployMigrations", () => {
  it("applies the migrations once, keeps Prisma's bookkeeping, and is idempotent", async () => {
    const db = await emptyDb("deploy");
    const before = Date.now();
    const first = await deployMigrations(db.url, { logger: silent });
    const local = await readMigrations(DEFAULT_MIGRATIONS_DIR);
    expect(first.applied).toEqual(local.map((m) => m.name));

    const recorded = await rows(db);
    expect(recorded.map((r) => r.migration_name)).toEqual(local.map((m) => m.name));
    for (const row of recorded) {
      const script = await readFile(path.join(DEFAULT_MIGRATIONS_DIR, row.migration_name, "migration.sql"), "utf8");
      expect(row.checksum).toBe(createHash("sha256").update(script).digest("hex"));
      expect(row.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(row.applied_steps_count).toBe(1);
      expect(row.logs).toBeNull();
      expect(row.rolled_back_at).toBeNull();
      expect(row.finished_at).not.toBeNull();
      // started_at and finished_at are UTC, with milliseconds.
      const started = Date.parse(`${row.started_at.replace(" ", "T")}Z`);
      const finished = Date.parse(`${row.finished_at!.replace(" ", "T")}Z`);
      expect(row.started_at).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}$/);
      expect(started).toBeGreaterThanOrEqual(before - 1000);
      expect(started).toBeLessThanOrEqual(Date.now() + 1000);
      expect(finished).toBeGreaterThanOrEqual(started);
    }

    const second = await deployMigrations(db.url, { logger: silent });
    expect(second.applied).toEqual([]);
    expect(await rows(db)).toEqual(recorded);
  });

  it("applies only the new migrations on a later run", async () => {
    const db = await emptyDb("later");
    const dir = await tempDir({ "20260101000000_one": "CREATE TABLE `One` (`id` INTEGER NOT NULL, PRIMARY KEY (`id`));\n" });
    expect((await deployMigrations(db.url, { migrationsDir: dir, logger: silent })).applied).toEqual(["20260101000000_one"]);
    await mkdir(path.join(dir, "20260102000000_two"));
    await writeFile(
      path.join(dir, "20260102000000_two", "migration.sql"),
      "-- AlterTable\nALTER TABLE `One` ADD COLUMN `two` INTEGER NULL;\n\n-- CreateTable\nCREATE TABLE `Two` (`id` INTEGER NOT NULL, PRIMARY KEY (`id`));\n",
    );
    expect((await deployMigrations(db.url, { migrationsDir: dir, logger: silent })).applied).toEqual(["20260102000000_two"]);
    expect((await rows(db)).map((r) => [r.migration_name, r.applied_steps_count])).toEqual([
      ["20260101000000_one", 1],
      ["20260102000000_two", 1],
    ]);
  });

  it("applies once when two deploys run at the same time (advisory lock)", async () => {
    const db = await emptyDb("concurrent");
    // A slow first migration makes the two runs overlap for certain.
    const dir = await tempDir({
      "20260101000000_slow": "DO SLEEP(1);\nCREATE TABLE `Slow` (`id` INTEGER NOT NULL, PRIMARY KEY (`id`));\n",
      "20260102000000_next": "CREATE TABLE `Next` (`id` INTEGER NOT NULL, PRIMARY KEY (`id`));\n",
    });
    const [a, b] = await Promise.all([
      deployMigrations(db.url, { migrationsDir: dir, logger: silent }),
      deployMigrations(db.url, { migrationsDir: dir, logger: silent }),
    ]);
    expect([...a.applied, ...b.applied].sort()).toEqual(["20260101000000_slow", "20260102000000_next"]);
    expect([a.applied.length, b.applied.length].sort()).toEqual([0, 2]);
    const recorded = await rows(db);
    expect(recorded.map((r) => r.migration_name)).toEqual(["20260101000000_slow", "20260102000000_next"]);
    expect(recorded.every((r) => r.finished_at !== null)).toBe(true);
  });

  it("waits for GET_LOCK('prisma_migrate') held by another session (e.g. prisma migrate deploy)", async () => {
    const db = await emptyDb("lock");
    const holder = await mariadb.createConnection(connectionConfig(db.url, null));
    try {
      const [{ locked }] = await holder.query("SELECT GET_LOCK('prisma_migrate', 10) AS locked");
      expect(Number(locked)).toBe(1);
      let done = false;
      const deploying = deployMigrations(db.url, { logger: silent }).finally(() => {
        done = true;
      });
      // The deploy's session is waiting in GET_LOCK: only now does "not done" say that it waits for the lock.
      const waiting = () =>
        query<unknown[]>(db, "SELECT ID FROM information_schema.PROCESSLIST WHERE DB = ? AND INFO LIKE 'SELECT GET_LOCK(%'", [db.name]);
      await waitUntil(async () => done || (await waiting()).length === 1, "the deploy to ask for the lock");
      expect(done).toBe(false);
      expect(await query<unknown[]>(db, "SHOW TABLES")).toEqual([]);
      await holder.query("SELECT RELEASE_LOCK('prisma_migrate')");
      expect((await deploying).applied.length).toBeGreaterThan(0);
    } finally {
      await holder.end();
    }
  });

  it("records a failed migration (logs, finished_at NULL), stops, and refuses later runs naming it", async () => {
    const db = await emptyDb("failing");
    const dir = await tempDir({
      "20260101000000_good": "CREATE TABLE `Good` (`id` INTEGER NOT NULL, PRIMARY KEY (`id`));\n",
      "20260102000000_broken": "CREATE TABLE `Half` (`id` INTEGER NOT NULL, PRIMARY KEY (`id`));\nCREATE TABLEX `Broken` (`id` INTEGER);\n",
      "20260103000000_after": "CREATE TABLE `After` (`id` INTEGER NOT NULL, PRIMARY KEY (`id`));\n",
    });
    const error = await deployMigrations(db.url, { migrationsDir: dir, logger: silent }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MigrationError);
    expect((error as MigrationError).code).toBe("P3018");
    expect((error as MigrationError).migrationName).toBe("20260102000000_broken");
    expect((error as Error).message).toContain("Migration name: 20260102000000_broken");

    const recorded = await rows(db);
    expect(recorded.map((r) => r.migration_name)).toEqual(["20260101000000_good", "20260102000000_broken"]);
    const broken = recorded[1]!;
    expect(broken.finished_at).toBeNull();
    expect(broken.rolled_back_at).toBeNull();
    expect(broken.applied_steps_count).toBe(0);
    expect(broken.logs).toContain("Migration name: 20260102000000_broken");
    expect(broken.logs).toContain("Database error code: 1064");
    expect(broken.logs).toMatch(/TABLEX/);
    // MySQL DDL is not transactional: the statement before the broken one stays, the next migration never ran.
    const tables = (await query<Array<Record<string, string>>>(db, "SHOW TABLES")).map((r) => Object.values(r)[0]).sort();
    expect(tables).toEqual(["Good", "Half", "_prisma_migrations"]);

    const refused = await deployMigrations(db.url, { migrationsDir: dir, logger: silent }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(MigrationError);
    expect((refused as MigrationError).code).toBe("P3009");
    expect((refused as Error).message).toMatch(/failed migrations in the target database/);
    expect((refused as Error).message).toContain("The `20260102000000_broken` migration started at");
    expect((await rows(db)).length).toBe(2);

    // Prisma's way out: fix things, mark the failed row rolled back, deploy again.
    await query(db, "DROP TABLE `Half`");
    await query(db, "UPDATE _prisma_migrations SET rolled_back_at = UTC_TIMESTAMP(3) WHERE id = ?", [broken.id]);
    await writeFile(
      path.join(dir, "20260102000000_broken", "migration.sql"),
      "CREATE TABLE `Half` (`id` INTEGER NOT NULL, PRIMARY KEY (`id`));\n",
    );
    const resumed = await deployMigrations(db.url, { migrationsDir: dir, logger: silent });
    expect(resumed.applied).toEqual(["20260102000000_broken", "20260103000000_after"]);
    expect((await rows(db)).length).toBe(4);
  });

  it("warns, as Prisma does, when an applied migration's file was changed afterwards", async () => {
    const db = await emptyDb("checksum");
    const dir = await tempDir({});
    await cp(DEFAULT_MIGRATIONS_DIR, dir, { recursive: true });
    const [first] = await readMigrations(dir);
    await deployMigrations(db.url, { migrationsDir: dir, logger: silent });

    const file = path.join(dir, first!.name, "migration.sql");
    await writeFile(file, `${await readFile(file, "utf8")}\n-- edited after it was applied\n`);
    const { logger, records } = capturingLogger();
    expect((await deployMigrations(db.url, { migrationsDir: dir, logger })).applied).toEqual([]);
    const warnings = records.filter((r) => r.level === 40);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.migration).toBe(first!.name);
    expect(warnings[0]!.msg).toMatch(/was modified after it was applied/);

    // The same file with Windows line endings is not a modification.
    await writeFile(file, first!.script.replace(/\n/g, "\r\n"));
    const again = capturingLogger();
    await deployMigrations(db.url, { migrationsDir: dir, logger: again.logger });
    expect(again.records.filter((r) => r.level === 40)).toEqual([]);
  });

  it("treats a comment-only migration as applied, like an empty Prisma migration", async () => {
    const db = await emptyDb("empty");
    const dir = await tempDir({ "20260101000000_empty": "-- This is an empty migration." });
    expect((await deployMigrations(db.url, { migrationsDir: dir, logger: silent })).applied).toEqual([
      "20260101000000_empty",
    ]);
    expect((await rows(db))[0]).toMatchObject({ applied_steps_count: 1, logs: null });
  });

  it("refuses a migrations folder locked to another provider, and a folder without migration.sql", async () => {
    const db = await emptyDb("lockfile");
    const dir = await tempDir({ "20260101000000_x": "SELECT 1;" });
    await writeFile(path.join(dir, "migration_lock.toml"), 'provider = "postgresql"\n');
    await expect(deployMigrations(db.url, { migrationsDir: dir, logger: silent })).rejects.toMatchObject({
      code: "P3019",
    });
    await writeFile(path.join(dir, "migration_lock.toml"), 'provider = "mysql"\n');
    await mkdir(path.join(dir, "20260102000000_nofile"));
    await expect(deployMigrations(db.url, { migrationsDir: dir, logger: silent })).rejects.toMatchObject({
      code: "P3015",
    });
  });
});

describe("ensureDatabase", () => {
  const name = `kurin_test_ensure_${Math.random().toString(16).slice(2, 10)}`;
  const url = testDatabaseUrl(name);
  beforeAll(async () => {
    // Precondition: it does not exist yet (random name).
    const existing = await withServerConnection(url, (c) =>
      c.query("SELECT SCHEMA_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?", [name]),
    );
    expect(existing).toEqual([]);
  });
  afterAll(async () => {
    await withServerConnection(url, (c) => c.query(`DROP DATABASE IF EXISTS \`${name}\``));
  });

  it("creates a missing database with utf8mb4_unicode_ci and returns false once it exists", async () => {
    expect(await ensureDatabase(url)).toBe(true);
    const [schema] = await withServerConnection(url, (c) =>
      c.query(
        "SELECT DEFAULT_CHARACTER_SET_NAME AS charset, DEFAULT_COLLATION_NAME AS collation FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?",
        [name],
      ),
    );
    expect(schema).toEqual({ charset: "utf8mb4", collation: "utf8mb4_unicode_ci" });
    expect(await ensureDatabase(url)).toBe(false);
  });

  it("rejects a bad or missing database name before any SQL", async () => {
    for (const bad of [
      "mysql://root@127.0.0.1:3306/bad%60name",
      "mysql://root@127.0.0.1:3306/x;DROP%20DATABASE%20mysql",
      "mysql://root@127.0.0.1:3306/sp%20ace",
      `mysql://root@127.0.0.1:3306/${"a".repeat(65)}`,
      "mysql://root@127.0.0.1:3306/",
    ]) {
      await expect(ensureDatabase(bad)).rejects.toThrow(/database name|names no database/);
    }
    await expect(ensureDatabase("postgres://root@127.0.0.1/x")).rejects.toThrow(/scheme/);
    expect(databaseNameFromUrl("mysql://u:p%40ss@db.example:3307/kurin-prod_1?connectTimeout=5000")).toBe("kurin-prod_1");
  });
});
