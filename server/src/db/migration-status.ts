/**
 * Which migrations a database has applied, against the migrations folder, without changing anything: the
 * read-only half of db/migrate.ts (`pnpm run doctor` reports it; `deployMigrations` acts on it).
 */
import type * as mariadb from "mariadb";
import { checksumMatches, DEFAULT_MIGRATIONS_DIR, readMigrations } from "./migration-files.ts";

export interface MigrationStatus {
  /** Applied and present in the folder. */
  applied: string[];
  /** In the folder, not applied yet. */
  pending: string[];
  /** Started and not finished (nor rolled back): deploying is blocked until it is resolved. */
  failed: string[];
  /** Applied to the database but not in the folder (a newer kurin ran against it). */
  unknown: string[];
  /** Applied, but their migration.sql changed since. */
  modified: string[];
}

/** The status of the database `conn` is connected to (its default database). */
export async function migrationStatus(conn: mariadb.Connection, dir = DEFAULT_MIGRATIONS_DIR): Promise<MigrationStatus> {
  const local = await readMigrations(dir);
  const table: unknown[] = await conn.query(
    "SELECT 1 FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = '_prisma_migrations'",
  );
  const rows: Array<{ migration_name: string; checksum: string; finished_at: unknown; rolled_back_at: unknown }> =
    table.length === 0 ? [] : await conn.query("SELECT migration_name, checksum, finished_at, rolled_back_at FROM `_prisma_migrations`");
  const done = rows.filter((r) => r.finished_at !== null && r.rolled_back_at === null);
  const doneNames = new Set(done.map((r) => r.migration_name));
  const localByName = new Map(local.map((m) => [m.name, m]));
  return {
    applied: local.filter((m) => doneNames.has(m.name)).map((m) => m.name),
    pending: local.filter((m) => !doneNames.has(m.name)).map((m) => m.name),
    failed: rows.filter((r) => r.finished_at === null && r.rolled_back_at === null).map((r) => r.migration_name),
    unknown: done.filter((r) => !localByName.has(r.migration_name)).map((r) => r.migration_name),
    modified: done.filter((r) => localByName.has(r.migration_name) && !checksumMatches(localByName.get(r.migration_name)!.script, r.checksum)).map((r) => r.migration_name),
  };
}
