import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { pino } from "pino";
import { ApiTokens, TOKEN_ROLES, TokenError } from "../auth/tokens.ts";
import { ConfigError, loadConfig } from "../config.ts";
import { createPrisma } from "../db/client.ts";
import { deployMigrations, ensureDatabase } from "../db/migrate.ts";

/**
 * API tokens from the command line (the database of DATABASE_URL, created and migrated if needed):
 *
 *   pnpm run token create --role LIBRARIAN --name anna     prints the new token ALONE on the last line, once
 *   pnpm run token list                                    name, role, created, last used, revoked
 *   pnpm run token revoke anna
 *
 * Only the token's SHA-256 is stored: a lost token cannot be shown again; revoke it and create another.
 * (`pnpm token` alone is pnpm's own, unimplemented, registry command: the `run` is needed.)
 */

const USAGE = `Usage:
  pnpm run token create --role ${TOKEN_ROLES.join("|")} --name NAME
  pnpm run token list
  pnpm run token revoke NAME`;

export class UsageError extends Error {
  override name = "UsageError";
}

export interface TokenCommandOutput {
  out(line: string): void;
}

/** Runs one token command against `databaseUrl`; throws UsageError / TokenError with a message for the user. */
export async function runTokenCommand(args: string[], databaseUrl: string, output: TokenCommandOutput): Promise<void> {
  const [command, ...rest] = args;
  if (command === undefined || command === "help" || command === "--help" || command === "-h") {
    output.out(USAGE);
    return;
  }
  if (!["create", "list", "revoke"].includes(command)) throw new UsageError(`Unknown command "${command}".\n${USAGE}`);

  if (await ensureDatabase(databaseUrl)) output.out("created the database");
  await deployMigrations(databaseUrl, { logger: pino({ level: "warn" }, pino.destination(2)) });
  const prisma = createPrisma(databaseUrl);
  try {
    const tokens = new ApiTokens(prisma);
    switch (command) {
      case "create": {
        const options = parseOptions(rest);
        if (!options.role || !options.name) throw new UsageError(`create needs --role and --name.\n${USAGE}`);
        const { token, record } = await tokens.create(options.name, options.role);
        output.out(`Created ${record.role} token "${record.name}". Keep it secret: it is shown only now.`);
        output.out(token);
        return;
      }
      case "list": {
        const all = await tokens.list();
        if (all.length === 0) {
          output.out("No tokens yet: pnpm run token create --role LIBRARIAN --name NAME");
          return;
        }
        const rows = all.map((t) => [
          t.name,
          t.role,
          t.createdAt.toISOString().slice(0, 16).replace("T", " "),
          t.lastUsedAt ? t.lastUsedAt.toISOString().slice(0, 16).replace("T", " ") : "never",
          t.revokedAt ? `revoked ${t.revokedAt.toISOString().slice(0, 10)}` : "active",
        ]);
        for (const line of table([["NAME", "ROLE", "CREATED (UTC)", "LAST USED (UTC)", "STATE"], ...rows])) output.out(line);
        return;
      }
      case "revoke": {
        const name = rest[0];
        if (!name || rest.length > 1) throw new UsageError(`revoke needs the token's name.\n${USAGE}`);
        if (!(await tokens.revoke(name))) throw new TokenError(`No active token named "${name}" (see pnpm run token list)`);
        output.out(`Revoked "${name}": requests with it are refused from now on (within AUTH_CACHE_SECONDS on running servers).`);
        return;
      }
    }
  } finally {
    await prisma.$disconnect();
  }
}

function parseOptions(args: string[]): Record<string, string> {
  const options: Record<string, string> = {};
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const match = /^--(role|name)(?:=(.*))?$/.exec(arg);
    if (!match) throw new UsageError(`Unexpected argument "${arg}".\n${USAGE}`);
    const value = match[2] ?? args[++i];
    if (value === undefined || value.startsWith("--")) throw new UsageError(`--${match[1]} needs a value.\n${USAGE}`);
    options[match[1]!] = value;
  }
  return options;
}

function table(rows: string[][]): string[] {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  return rows.map((r) => r.map((cell, c) => cell.padEnd(widths[c]!)).join("  ").trimEnd());
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const file of [".env", "../.env"]) if (existsSync(file)) process.loadEnvFile(file);
  try {
    const config = loadConfig();
    await runTokenCommand(process.argv.slice(2), config.databaseUrl, { out: (line) => console.log(line) });
  } catch (error) {
    if (error instanceof UsageError || error instanceof TokenError || error instanceof ConfigError) {
      console.error(error.message);
      process.exit(2);
    }
    console.error(`pnpm run token failed: ${(error as Error).message}`);
    process.exit(1);
  }
}
