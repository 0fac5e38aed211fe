/**
 * The offline equivalent of `prisma migrate deploy` for MySQL/MariaDB.
 *
 * Prisma's migration commands need the Rust schema engine, which cannot be downloaded here, so kurin applies
 * prisma/migrations itself while keeping Prisma Migrate's on-disk format and its `_prisma_migrations` bookkeeping
 * exactly: a connected machine can run `prisma migrate deploy` / `prisma migrate status` against the same
 * database and folder and agree with what this module did.
 *
 * What it does, in Prisma's order:
 *  1. read prisma/migrations/<name>/migration.sql (directories sorted by name) and check migration_lock.toml;
 *  2. take the advisory lock `GET_LOCK('prisma_migrate', 10)` (same name as Prisma, so the two exclude each other);
 *  3. create `_prisma_migrations` if it is missing;
 *  4. refuse to go on if a migration has failed before (finished_at and rolled_back_at both NULL), naming it;
 *  5. warn about applied migrations whose migration.sql changed since (checksum mismatch) or that are missing locally;
 *  6. for every migration not yet applied: insert its row (uuid v4, sha256 checksum, UTC started_at), run the script
 *     as one multi-statement query, increment applied_steps_count and set finished_at; on failure write the error to
 *     `logs`, leave finished_at NULL and stop.
 */
import { createHash, randomUUID } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import * as mariadb from "mariadb";
import { pino, type Logger } from "pino";

/** prisma/migrations at the repository root, resolved from this file (server/src/db/migrate.ts). */
export const DEFAULT_MIGRATIONS_DIR = fileURLToPath(new URL("../../../prisma/migrations", import.meta.url));

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

/** A migration error, with Prisma's error code where there is one (P3009 failed before, P3018 failed now, ...). */
export class MigrationError extends Error {
  override name = "MigrationError";
  constructor(
    readonly code: string,
    message: string,
    readonly migrationName?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export interface LocalMigration {
  name: string;
  script: string;
  checksum: string;
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

/** sha256 of the migration script, lowercase hex: the `checksum` column. */
export function migrationChecksum(script: string): string {
  return createHash("sha256").update(script, "utf8").digest("hex");
}

/**
 * Whether `script` still has the checksum recorded when it was applied. Like Prisma it also accepts the
 * legacy rendering without zero-padding, and line-ending-only differences (a Windows checkout with autocrlf).
 */
export function checksumMatches(script: string, checksum: string): boolean {
  const variants = new Set([script, script.replace(/\r\n/g, "\n"), script.replace(/\r?\n/g, "\r\n")]);
  for (const variant of variants) {
    const digest = createHash("sha256").update(variant, "utf8").digest();
    if (digest.toString("hex") === checksum) return true;
    if ([...digest].map((b) => b.toString(16)).join("") === checksum) return true;
  }
  return false;
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

/** The migrations in `dir`, sorted by folder name as Prisma sorts them. A missing folder has none. */
export async function readMigrations(dir: string): Promise<LocalMigration[]> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw err;
  }
  const names = entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const migrations: LocalMigration[] = [];
  for (const name of names) {
    const file = path.join(dir, name, "migration.sql");
    let script: string;
    try {
      script = await readFile(file, "utf8");
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
      throw new MigrationError(
        "P3015",
        `Could not find the migration file at ${file}. Please delete the directory or restore the migration file.`,
        name,
      );
    }
    migrations.push({ name, script, checksum: migrationChecksum(script) });
  }
  return migrations;
}

async function checkLockFile(dir: string): Promise<void> {
  let text: string;
  try {
    text = await readFile(path.join(dir, "migration_lock.toml"), "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return;
    throw err;
  }
  const provider = /^\s*provider\s*=\s*"([^"]*)"/m.exec(text)?.[1];
  if (provider !== undefined && provider !== "mysql") {
    throw new MigrationError(
      "P3019",
      `The datasource provider \`mysql\` specified in your schema does not match the one specified in the migration_lock.toml, \`${provider}\`. Please remove your current migration directory and start a new migration history with prisma migrate dev. Read more: https://pris.ly/d/migrate-provider-switch`,
    );
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
  const useLock = !process.env.PRISMA_SCHEMA_DISABLE_ADVISORY_LOCK;
  let locked = false;
  try {
    if (useLock) {
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
      locked = true;
    }

    await conn.query(CREATE_MIGRATIONS_TABLE);
    const rows: MigrationRow[] = await conn.query(
      `SELECT id, checksum, finished_at, migration_name, logs, rolled_back_at, started_at, applied_steps_count
         FROM \`${MIGRATIONS_TABLE}\` ORDER BY started_at ASC`,
    );

    const failed = rows.find((r) => r.finished_at === null && r.rolled_back_at === null);
    if (failed) {
      throw new MigrationError(
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

    const appliedNames = new Set(appliedRows.map((r) => r.migration_name));
    const pending = migrations.filter((m) => !appliedNames.has(m.name));
    if (pending.length === 0) {
      logger.info({ database, migrations: migrations.length }, "No pending migrations to apply.");
      return { applied: [] };
    }

    const applied: string[] = [];
    for (const migration of pending) {
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
