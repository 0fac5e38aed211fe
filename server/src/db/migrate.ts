/**
 * The offline equivalent of `prisma migrate deploy` for MySQL/MariaDB.
 *
 * Prisma's migration commands need the Rust schema engine, which cannot be downloaded here, so kurin applies
 * prisma/migrations itself while keeping Prisma Migrate's on-disk format and its `_prisma_migrations` bookkeeping
 * exactly: a connected machine can run `prisma migrate deploy` / `prisma migrate status` against the same
 * database and folder and agree with what this module did.
 *
 * What it does, in Prisma's order:
 *  1. read prisma/migrations/<name>/migration.sql (directories sorted by name) and check migration_lock.toml
 *     (db/migration-files.ts);
 *  2. take the advisory lock `GET_LOCK('prisma_migrate', 10)` (same name as Prisma, so the two exclude each other);
 *  3. create `_prisma_migrations` if it is missing;
 *  4. refuse to go on if a migration has failed before (finished_at and rolled_back_at both NULL), naming it;
 *  5. warn about applied migrations whose migration.sql changed since (checksum mismatch) or that are missing locally;
 *  6. for every migration not yet applied: insert its row (uuid v4, sha256 checksum, UTC started_at), run the script
 *     as one multi-statement query, increment applied_steps_count and set finished_at; on failure write the error to
 *     `logs`, leave finished_at NULL and stop.
 */
import { randomUUID } from "node:crypto";
import * as mariadb from "mariadb";
import { pino, type Logger } from "pino";
import { checkLockFile, checksumMatches, DEFAULT_MIGRATIONS_DIR, MigrationError, readMigrations, type LocalMigration } from "./migration-files.ts";

/** The advisory lock Prisma Migrate takes on MySQL; the name is server-wide, not per database. */
const LOCK_NAME = "prisma_migrate";
const LOCK_TIMEOUT_SECONDS = 10;
const MIGRATIONS_TABLE = "_prisma_migrations";
const DATABASE_NAME = /^[A-Za-z0-9_$-]+$/;

/** The table exactly as Prisma Migrate creates it on MySQL. */
const CREATE_MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS \`${MIGRATIONS_TABLE}\` (
    id                      VARCHAR(36) PRIMARY KEY NOT NULL,
    checksum                VARCHAR(64) NOT NULL,
    finished_at             DATETIME(3),
    migration_name          VARCHAR(255) NOT NULL,
    logs                    TEXT,
    rolled_back_at          DATETIME(3),
    started_at              DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    applied_steps_count     INTEGER UNSIGNED NOT NULL DEFAULT 0
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`;

const RESOLVE_HINT =
  "Read more about how to resolve migration issues in a production database: https://pris.ly/d/migrate-resolve";

export interface DeployOptions {
  /** Folder holding `<timestamp>_<name>/migration.sql` and migration_lock.toml. Default: DEFAULT_MIGRATIONS_DIR. */
  migrationsDir?: string;
  logger?: Logger;
}

/** A row of Prisma's `_prisma_migrations` table. */
export interface MigrationRow {
  id: string;
  checksum: string;
  finished_at: string | null;
  migration_name: string;
  logs: string | null;
  rolled_back_at: string | null;
  started_at: string;
  applied_steps_count: number;
}

/** The database named in a mysql:// (or mariadb://) URL, validated before it is ever put into SQL. */
export function databaseNameFromUrl(databaseUrl: string): string {
  const url = parseUrl(databaseUrl);
  const name = decodeURIComponent(url.pathname.replace(/^\//, ""));
  if (name === "") throw new Error("The database URL names no database (expected mysql://user@host:port/database)");
  if (!DATABASE_NAME.test(name) || name.length > 64) {
    throw new Error(`Invalid database name ${JSON.stringify(name)}: use 1-64 letters, digits, _, $ or -`);
  }
  return name;
}

/**
 * mariadb connection options from a mysql:// URL: user, password, host, port, the database (or none), and any
 * query parameters (mariadb option names, as @prisma/adapter-mariadb passes them; "true"/"false"/numbers coerced).
 */
export function connectionConfig(databaseUrl: string, database: string | null): mariadb.ConnectionConfig {
  const url = parseUrl(databaseUrl);
  const config: Record<string, unknown> = {};
  for (const [key, value] of url.searchParams) {
    config[key] = value === "true" ? true : value === "false" ? false : /^\d+$/.test(value) ? Number(value) : value;
  }
  const host = url.hostname.startsWith("[") ? url.hostname.slice(1, -1) : url.hostname;
  return {
    ...config,
    host: decodeURIComponent(host) || "127.0.0.1",
    port: url.port ? Number(url.port) : 3306,
    user: url.username ? decodeURIComponent(url.username) : undefined,
    password: url.password ? decodeURIComponent(url.password) : undefined,
    database: database ?? undefined,
  } as mariadb.ConnectionConfig;
}

/**
 * Creates the database named in the URL when it does not exist (utf8mb4 / utf8mb4_unicode_ci, as Prisma does).
 * Returns true when it created it, false when it was already there.
 */
export async function ensureDatabase(databaseUrl: string): Promise<boolean> {
  const name = databaseNameFromUrl(databaseUrl);
  const conn = await mariadb.createConnection(connectionConfig(databaseUrl, null));
  try {
    const existing: unknown[] = await conn.query(
      "SELECT SCHEMA_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = BINARY ?",
      [name],
    );
    if (existing.length > 0) return false;
    const result: mariadb.UpsertResult = await conn.query(
      `CREATE DATABASE IF NOT EXISTS \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`,
    );
    // A warning (note 1007) means someone else created it between the check and the CREATE.
    return result.warningStatus === 0;
  } finally {
    await conn.end();
  }
}

/**
 * Applies every migration in the migrations folder that the database has not applied yet, keeping Prisma's
 * `_prisma_migrations` bookkeeping. Returns the names of the migrations it applied (empty when up to date).
 * The database must exist (see ensureDatabase).
 */
export async function deployMigrations(
  databaseUrl: string,
  options: DeployOptions = {},
): Promise<{ applied: string[] }> {
  const dir = options.migrationsDir ?? DEFAULT_MIGRATIONS_DIR;
  const logger = options.logger ?? pino({ name: "kurin-migrate" });
  const database = databaseNameFromUrl(databaseUrl);

  await checkLockFile(dir);
  const migrations = await readMigrations(dir);

  const conn = await mariadb.createConnection({
    ...connectionConfig(databaseUrl, database),
    multipleStatements: true,
    dateStrings: true,
  });
  let locked = false;
  try {
    locked = await takeAdvisoryLock(conn);
    const appliedBefore = await appliedMigrations(conn, migrations, logger);
    const pending = migrations.filter((m) => !appliedBefore.has(m.name));
    if (pending.length === 0) {
      logger.info({ database, migrations: migrations.length }, "No pending migrations to apply.");
      return { applied: [] };
    }
    const applied: string[] = [];
    for (const migration of pending) {
      await applyMigration(conn, migration, database, logger);
      applied.push(migration.name);
    }
    logger.info({ database, applied }, `Applied ${applied.length} migration(s).`);
    return { applied };
  } finally {
    try {
      if (locked) await conn.query(`SELECT RELEASE_LOCK('${LOCK_NAME}')`);
      await conn.end();
    } catch {
      conn.destroy(); // the lock goes with the session
    }
  }
}

/** Prisma's advisory lock, unless PRISMA_SCHEMA_DISABLE_ADVISORY_LOCK is set; true when taken. */
async function takeAdvisoryLock(conn: mariadb.Connection): Promise<boolean> {
  if (process.env.PRISMA_SCHEMA_DISABLE_ADVISORY_LOCK) return false;
  const rows: Array<{ locked: number | bigint | null }> = await conn.query(
    `SELECT GET_LOCK('${LOCK_NAME}', ${LOCK_TIMEOUT_SECONDS}) AS locked`,
  );
  if (Number(rows[0]?.locked) !== 1) {
    throw new MigrationError(
      "P1002",
      `Timed out trying to acquire a database advisory lock (SELECT GET_LOCK('${LOCK_NAME}', ${LOCK_TIMEOUT_SECONDS})). ` +
        "Another migration is probably running. Read more at https://pris.ly/d/migrate-advisory-locking",
    );
  }
  return true;
}

/**
 * The names of the migrations the database has applied, after creating Prisma's table if it is missing;
 * refuses to go on after a failed one, and warns about applied ones changed or missing here.
 */
async function appliedMigrations(conn: mariadb.Connection, migrations: LocalMigration[], logger: Logger): Promise<Set<string>> {
  await conn.query(CREATE_MIGRATIONS_TABLE);
  const rows: MigrationRow[] = await conn.query(
    `SELECT id, checksum, finished_at, migration_name, logs, rolled_back_at, started_at, applied_steps_count
       FROM \`${MIGRATIONS_TABLE}\` ORDER BY started_at ASC`,
  );
  const failed = rows.find((r) => r.finished_at === null && r.rolled_back_at === null);
  if (failed) throw failedBefore(failed);

  const appliedRows = rows.filter((r) => r.finished_at !== null && r.rolled_back_at === null);
  const local = new Map(migrations.map((m) => [m.name, m]));
  for (const row of appliedRows) {
    const migration = local.get(row.migration_name);
    if (!migration) {
      logger.warn(
        { migration: row.migration_name },
        `The migration \`${row.migration_name}\` is applied to the database but missing from the local migrations directory`,
      );
    } else if (!checksumMatches(migration.script, row.checksum)) {
      logger.warn(
        { migration: row.migration_name, checksum: row.checksum, localChecksum: migration.checksum },
        `The migration \`${row.migration_name}\` was modified after it was applied`,
      );
    }
  }
  return new Set(appliedRows.map((r) => r.migration_name));
}

function failedBefore(failed: MigrationRow): MigrationError {
  return new MigrationError(
    "P3009",
    `migrate found failed migrations in the target database, new migrations will not be applied. ${RESOLVE_HINT}\n` +
      `The \`${failed.migration_name}\` migration started at ${failed.started_at} UTC failed` +
      (failed.logs ? `\n\n${failed.logs}` : "") +
      `\n\nRepair the database by hand, then mark the migration as rolled back (\`prisma migrate resolve --rolled-back ` +
      `${failed.migration_name}\`, or UPDATE ${MIGRATIONS_TABLE} SET rolled_back_at = UTC_TIMESTAMP(3) WHERE id = '${failed.id}') ` +
      `so that the next deploy applies it again, or as applied if you completed it by hand.`,
    failed.migration_name,
  );
}

/** One migration: its row inserted, its script run, the row finished; on failure the error in `logs`. */
async function applyMigration(conn: mariadb.Connection, migration: LocalMigration, database: string, logger: Logger): Promise<void> {
  const id = randomUUID();
  await conn.query(
    `INSERT INTO \`${MIGRATIONS_TABLE}\` (id, checksum, started_at, migration_name) VALUES (?, ?, ?, ?)`,
    [id, migration.checksum, utcNow(), migration.name],
  );
  logger.info({ database, migration: migration.name }, "Applying migration");
  try {
    await runScript(conn, migration.script);
  } catch (err) {
    const logs = failureLogs(migration.name, err);
    await conn.query(`UPDATE \`${MIGRATIONS_TABLE}\` SET logs = ? WHERE id = ?`, [logs, id]);
    logger.error({ database, migration: migration.name, err }, "Migration failed");
    throw new MigrationError("P3018", logs, migration.name, { cause: err });
  }
  await conn.query(
    `UPDATE \`${MIGRATIONS_TABLE}\` SET applied_steps_count = applied_steps_count + 1 WHERE id = ?`,
    [id],
  );
  await conn.query(`UPDATE \`${MIGRATIONS_TABLE}\` SET finished_at = ? WHERE id = ?`, [utcNow(), id]);
}

/** Runs a whole migration.sql as one multi-statement query, as Prisma does on MySQL. */
async function runScript(conn: mariadb.Connection, script: string): Promise<void> {
  try {
    await conn.query(script);
  } catch (err) {
    // A script of only comments/whitespace (an empty migration) is "Query was empty": nothing to do.
    if ((err as mariadb.SqlError).errno === 1065) return;
    throw err;
  }
}

function failureLogs(migrationName: string, err: unknown): string {
  const sqlError = err as Partial<mariadb.SqlError>;
  const message = sqlError.sqlMessage ?? (err instanceof Error ? err.message : String(err));
  return (
    `A migration failed to apply. New migrations cannot be applied before the error is recovered from. ${RESOLVE_HINT}\n\n` +
    `Migration name: ${migrationName}\n\n` +
    (sqlError.errno !== undefined ? `Database error code: ${sqlError.errno}\n\n` : "") +
    `Database error:\n${message}\n`
  );
}

/** Now as a DATETIME(3) literal in UTC, independent of the server's and the connection's time zone. */
function utcNow(): string {
  return new Date().toISOString().replace("T", " ").replace("Z", "");
}

function parseUrl(databaseUrl: string): URL {
  let url: URL;
  try {
    url = new URL(databaseUrl);
  } catch {
    throw new Error("Invalid database URL (expected mysql://user[:password]@host[:port]/database)");
  }
  if (url.protocol !== "mysql:" && url.protocol !== "mariadb:") {
    throw new Error(`Unsupported database URL scheme ${url.protocol} (expected mysql:// or mariadb://)`);
  }
  return url;
}
