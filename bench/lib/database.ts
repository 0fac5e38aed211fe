import { randomBytes } from "node:crypto";
import * as mariadb from "mariadb";
import { pino } from "pino";
import { connectionConfig, deployMigrations } from "../../server/src/db/migrate.ts";

/**
 * The run's own MariaDB/MySQL database, `kurin_bench_<random>`, migrated, and dropped at the end. The server is
 * BENCH_DATABASE_URL (a mysql:// URL; its database part is ignored), by default mysql://root@127.0.0.1:3306.
 */
export interface BenchDatabase {
  url: string;
  name: string;
  drop(): Promise<void>;
}

export async function createBenchDatabase(): Promise<BenchDatabase> {
  const name = `kurin_bench_${randomBytes(5).toString("hex")}`;
  const url = new URL(process.env.BENCH_DATABASE_URL || "mysql://root@127.0.0.1:3306/");
  url.pathname = `/${name}`;
  const withServer = async (sql: string) => {
    const conn = await mariadb.createConnection(connectionConfig(url.toString(), null));
    try {
      await conn.query(sql);
    } finally {
      await conn.end();
    }
  };
  // No IF NOT EXISTS: a name collision must fail rather than adopt (and later drop) someone else's database.
  await withServer(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  let dropped = false;
  const drop = async () => {
    if (dropped) return;
    dropped = true;
    await withServer(`DROP DATABASE IF EXISTS \`${name}\``);
  };
  try {
    await deployMigrations(url.toString(), { logger: pino({ level: "silent" }) });
  } catch (error) {
    await drop();
    throw error;
  }
  return { url: url.toString(), name, drop };
}
