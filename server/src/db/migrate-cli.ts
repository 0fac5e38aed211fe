/**
 * Applies prisma/migrations to DATABASE_URL, the offline `prisma migrate deploy`:
 *
 *   pnpm run migrate      (or: DATABASE_URL=mysql://... tsx server/src/db/migrate-cli.ts [--migrations-dir DIR])
 *
 * Creates the database first when it is missing (as `prisma migrate deploy` does). Prints the migrations it
 * applied; exits 1 with the reason when a migration fails or an earlier failure blocks deploying.
 */
import { existsSync } from "node:fs";
import { pino } from "pino";
import { deployMigrations, ensureDatabase, databaseNameFromUrl } from "./migrate.ts";
import { DEFAULT_MIGRATIONS_DIR } from "./migration-files.ts";

const DEFAULT_DATABASE_URL = "mysql://root@127.0.0.1:3306/kurin";

// `pnpm run migrate` reads the same .env files as `pnpm start`.
for (const file of [".env", "../.env"]) if (existsSync(file)) process.loadEnvFile(file);

async function main(argv: string[]): Promise<number> {
  if (argv.includes("--help") || argv.includes("-h")) {
    console.log(
      "Usage: DATABASE_URL=mysql://user[:password]@host[:port]/database tsx server/src/db/migrate-cli.ts [--migrations-dir DIR]\n" +
        `Applies the pending migrations of ${DEFAULT_MIGRATIONS_DIR} (or DIR), keeping Prisma's _prisma_migrations table.`,
    );
    return 0;
  }
  const dirIndex = argv.indexOf("--migrations-dir");
  const migrationsDir = dirIndex >= 0 ? argv[dirIndex + 1] : undefined;
  if (dirIndex >= 0 && !migrationsDir) {
    console.error("--migrations-dir needs a folder");
    return 2;
  }

  const databaseUrl = process.env.DATABASE_URL || DEFAULT_DATABASE_URL;
  const database = databaseNameFromUrl(databaseUrl);
  const logger = pino({ name: "kurin-migrate", level: process.env.LOG_LEVEL || "warn" });

  if (await ensureDatabase(databaseUrl)) console.log(`Created database ${database}`);
  const { applied } = await deployMigrations(databaseUrl, { migrationsDir, logger });
  if (applied.length === 0) {
    console.log(`Database ${database} is up to date: no pending migrations.`);
  } else {
    console.log(`Applied ${applied.length} migration(s) to ${database}:`);
    for (const name of applied) console.log(`  ${name}`);
  }
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
