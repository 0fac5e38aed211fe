/**
 * The Prisma client for kurin's MySQL/MariaDB database, through the MariaDB driver adapter (Prisma 7 needs no
 * engine binary at runtime). Import Prisma types from here, not from ./generated, so the rest of the server has
 * one place to look.
 */
import { PrismaMariaDb } from "@prisma/adapter-mariadb";
import { PrismaClient } from "./generated/client.ts";

export { HoldState, NotificationKind, NotificationState, Prisma, PrismaClient, Role } from "./generated/client.ts";
export type { ApiToken, Hold, Loan, Notification, Reader } from "./generated/client.ts";

/** Prisma's driver adapter: what a PrismaClient is made with (`new PrismaClient({ adapter })`). */
export type DatabaseAdapter = PrismaMariaDb;

/**
 * The driver adapter for the database at `databaseUrl` (mysql://user[:password]@host[:port]/database), its pool
 * waiting at most `acquireTimeoutMs` for a connection (the driver's default, 10 s, outlasts any caller's patience).
 *
 * Statements go as plain queries (the driver's text protocol, its values escaped by the driver), not as prepared
 * statements: the adapter keeps no prepared statement (its cache is off, since the driver's cache leaks them), so
 * each statement would cost a PREPARE round trip, then EXECUTE, then CLOSE — twice the waits of a query, and a
 * loan change runs a dozen statements. What the binary protocol guards against (large DECIMAL values losing
 * precision) kurin's schema does not have: its numbers are INTs and the BIGINT Telegram ids, which stay exact.
 */
export function databaseAdapter(databaseUrl: string, options: { acquireTimeoutMs?: number } = {}): DatabaseAdapter {
  const url = new URL(databaseUrl);
  if (options.acquireTimeoutMs !== undefined && !url.searchParams.has("acquireTimeout")) url.searchParams.set("acquireTimeout", String(options.acquireTimeoutMs));
  return new PrismaMariaDb(url.toString(), { useTextProtocol: true });
}

/** A client for the database at `databaseUrl`. Connects lazily. */
export function createPrisma(databaseUrl: string, options: { acquireTimeoutMs?: number } = {}): PrismaClient {
  return new PrismaClient({ adapter: databaseAdapter(databaseUrl, options) });
}

/**
 * The name of the unique index a P2002 error was raised for. With driver adapters Prisma 7 leaves `meta.target`
 * out and puts the index under `meta.driverAdapterError.cause.constraint.index`; older shapes are read too.
 */
export function uniqueViolationConstraint(err: unknown): string | undefined {
  if (!isP2002(err)) return undefined;
  const meta = (err as { meta?: Record<string, unknown> }).meta;
  const cause = (meta?.driverAdapterError as { cause?: { constraint?: unknown } } | undefined)?.cause;
  const constraint = cause?.constraint;
  if (typeof constraint === "string") return stripTable(constraint);
  if (constraint && typeof constraint === "object" && typeof (constraint as { index?: unknown }).index === "string") {
    return stripTable((constraint as { index: string }).index);
  }
  if (typeof meta?.target === "string") return stripTable(meta.target);
  return undefined;
}

/**
 * Whether `err` is Prisma's unique-constraint violation (P2002), optionally for one index
 * (e.g. `isUniqueViolation(err, "Loan_openBookId_key")`).
 */
export function isUniqueViolation(err: unknown, constraint?: string): boolean {
  if (!isP2002(err)) return false;
  return constraint === undefined || uniqueViolationConstraint(err) === constraint;
}

function isP2002(err: unknown): boolean {
  return typeof err === "object" && err !== null && (err as { code?: unknown }).code === "P2002";
}

// MySQL 8 reports `Table.index`; MariaDB reports just the index.
function stripTable(name: string): string {
  return name.includes(".") ? name.slice(name.lastIndexOf(".") + 1) : name;
}
