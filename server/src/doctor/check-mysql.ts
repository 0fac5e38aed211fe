import * as mariadb from "mariadb";
import { connectionConfig, databaseNameFromUrl } from "../db/migrate.ts";
import { migrationStatus, type MigrationStatus } from "../db/migration-status.ts";
import { NO_CONFIGURATION } from "./check-config.ts";
import type { DoctorContext } from "./context.ts";
import { fail, messageOf, ok, skip, warn, type Outcome } from "./outcome.ts";

/**
 * MySQL/MariaDB at DATABASE_URL: the server's version, the database, and its migrations against
 * prisma/migrations (db/migration-status.ts). Read only: `pnpm start` and `pnpm run migrate` create and migrate.
 */

const MIGRATE = "run pnpm run migrate (pnpm start also applies them when it starts)";

export async function checkMysql(ctx: DoctorContext): Promise<Outcome[]> {
  if (!ctx.config) return [skip("MySQL", NO_CONFIGURATION)];
  const url = ctx.config.databaseUrl;
  const database = databaseNameFromUrl(url);
  const server = connectionConfig(url, null);
  const subject = `MySQL ${server.host}:${server.port}/${database}`;
  let conn: mariadb.Connection;
  try {
    conn = await mariadb.createConnection({ connectTimeout: 5000, ...server });
  } catch (error) {
    const denied = (error as mariadb.SqlError).errno === 1045;
    const fix = denied
      ? "put the right user and password in DATABASE_URL (mysql://user:password@host:port/database)"
      : "start MariaDB (or MySQL) there, or set DATABASE_URL to where it runs";
    return [fail(subject, `cannot connect (${messageOf(error, [server.password])})`, fix)];
  }
  try {
    const version = ((await conn.query("SELECT VERSION() AS version")) as Array<{ version: string }>)[0]?.version ?? "?";
    const exists: unknown[] = await conn.query("SELECT 1 FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = BINARY ?", [database]);
    if (exists.length === 0) return [fail(subject, `${version}; the database ${database} does not exist yet`, `create it and apply the migrations: ${MIGRATE}`)];
    await conn.query(`USE \`${database}\``);
    return [judge(subject, version, await migrationStatus(conn))];
  } catch (error) {
    return [fail(subject, `could not be read: ${messageOf(error, [server.password])}`, "check that the user in DATABASE_URL may read that database")];
  } finally {
    await conn.end().catch(() => conn.destroy());
  }
}

function judge(subject: string, version: string, status: MigrationStatus): Outcome {
  const counts = `${status.applied.length} migrations applied`;
  if (status.failed.length > 0) {
    return fail(subject, `${version}; the migration ${status.failed.join(", ")} failed part-way`, "repair the database by hand, then mark it rolled back (README, \"Repository\": migrations) and start kurin again");
  }
  if (status.unknown.length > 0) {
    return fail(subject, `${version}; ${counts}, and ${status.unknown.length} this kurin does not have: ${status.unknown.join(", ")}`, "run the newer kurin that applied them (this one is older than its database)");
  }
  if (status.pending.length > 0) {
    return fail(subject, `${version}; ${counts}, ${status.pending.length} pending: ${status.pending.join(", ")}`, MIGRATE);
  }
  if (status.modified.length > 0) {
    return warn(subject, `${version}; ${counts}, ${status.modified.length} changed since they were applied: ${status.modified.join(", ")}`, "restore those migration.sql files as they were (a change needs a new migration)");
  }
  return ok(subject, `${version}; ${counts}, none pending`);
}
