/**
 * The migrations folder in Prisma Migrate's layout: `<timestamp>_<name>/migration.sql` and migration_lock.toml,
 * with Prisma's checksums. db/migrate.ts applies them.
 */
import { createHash } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** prisma/migrations at the repository root, resolved from this file (server/src/db/migrate.ts). */
export const DEFAULT_MIGRATIONS_DIR = fileURLToPath(new URL("../../../prisma/migrations", import.meta.url));

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

export async function checkLockFile(dir: string): Promise<void> {
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
