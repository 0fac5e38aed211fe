import * as mariadb from "mariadb";
import { connectionConfig } from "../db/migrate.ts";

/**
 * The old kurin-bot's MySQL database, read only. Its schema (the bot's Alembic migration 001):
 *
 *   users            id, name varchar(255), phone varchar(20), telegram_id varchar(50) unique, created_at
 *   user_statistics  id, user_id -> users.id, book_id int, date_booked, expiry_date (both set at pickup),
 *                    returned bool, returned_at
 *
 * The bot wrote naive `datetime.now()` values in a container without TZ, that is UTC: they are read as UTC.
 */

export interface OldUser {
  id: number;
  name: string;
  phone: string | null;
  telegramId: string;
  createdAt: Date | null;
}

export interface OldLoan {
  id: number;
  userId: number;
  bookId: number;
  /** The pickup time (NULL while the book was only booked or delivered). */
  pickedUpAt: Date | null;
  dueAt: Date | null;
  returned: boolean;
  returnedAt: Date | null;
}

export interface OldBotData {
  users: OldUser[];
  loans: OldLoan[];
}

/** The old database cannot be used: its message says why, for the person running the import. */
export class OldDatabaseError extends Error {
  override name = "OldDatabaseError";
}

const REQUIRED_COLUMNS: Record<string, string[]> = {
  users: ["id", "name", "phone", "telegram_id", "created_at"],
  user_statistics: ["id", "user_id", "book_id", "date_booked", "expiry_date", "returned", "returned_at"],
};

/** A URL to show: the password left out. */
export function describeUrl(url: URL): string {
  const shown = new URL(url.toString());
  if (shown.password) shown.password = "***";
  return shown.toString();
}

/**
 * The old database's URL as the operator may paste it: mysql://, mariadb://, or the old bot's own
 * DATABASE_URL form mysql+pymysql://.
 */
export function parseOldDatabaseUrl(text: string): URL {
  const normalised = text.trim().replace(/^mysql\+\w+:\/\//, "mysql://");
  let url: URL;
  try {
    url = new URL(normalised);
  } catch {
    throw new OldDatabaseError(`--from "${text}" is not a URL: expected mysql://user:password@host:3306/kurin_bot`);
  }
  if (url.protocol !== "mysql:" && url.protocol !== "mariadb:") {
    throw new OldDatabaseError(`--from must be a mysql:// URL (the old bot's DATABASE_URL), not ${url.protocol}//…`);
  }
  if (!url.hostname) throw new OldDatabaseError(`--from ${describeUrl(url)} names no host`);
  if (url.pathname.replace(/^\//, "") === "") {
    throw new OldDatabaseError(`--from ${describeUrl(url)} names no database: add it, e.g. mysql://kurin_user@host:3306/kurin_bot`);
  }
  return url;
}

/** Reads every user and every loan of the old bot, after checking that both tables have the expected columns. */
export async function readOldBot(url: URL): Promise<OldBotData> {
  const database = decodeURIComponent(url.pathname.replace(/^\//, ""));
  const config = connectionConfig(url.toString(), database);
  let conn: mariadb.Connection;
  try {
    conn = await mariadb.createConnection({ connectTimeout: 10_000, ...config, dateStrings: true });
  } catch (error) {
    throw new OldDatabaseError(`Cannot open the old bot's database ${describeUrl(url)}: ${(error as Error).message}`);
  }
  try {
    await checkTables(conn, database);
    const users: Array<Record<string, unknown>> = await conn.query("SELECT id, name, phone, telegram_id, created_at FROM users ORDER BY id");
    const loans: Array<Record<string, unknown>> = await conn.query(
      "SELECT id, user_id, book_id, date_booked, expiry_date, returned, returned_at FROM user_statistics ORDER BY id",
    );
    return { users: users.map(toUser), loans: loans.map(toLoan) };
  } finally {
    await conn.end().catch(() => conn.destroy());
  }
}

async function checkTables(conn: mariadb.Connection, database: string): Promise<void> {
  const rows: Array<{ table: string; column: string }> = await conn.query(
    "SELECT TABLE_NAME AS `table`, COLUMN_NAME AS `column` FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ? AND TABLE_NAME IN ('users', 'user_statistics')",
    [database],
  );
  for (const [table, columns] of Object.entries(REQUIRED_COLUMNS)) {
    const present = new Set(rows.filter((r) => r.table === table).map((r) => r.column));
    if (present.size === 0) {
      throw new OldDatabaseError(`The database ${database} has no table "${table}": is it the old kurin-bot's database (its DATABASE_URL)?`);
    }
    const missing = columns.filter((c) => !present.has(c));
    if (missing.length > 0) throw new OldDatabaseError(`The table ${database}.${table} lacks the column(s) ${missing.join(", ")}: it is not the old kurin-bot's schema`);
  }
}

function toUser(row: Record<string, unknown>): OldUser {
  return {
    id: Number(row.id),
    name: String(row.name ?? ""),
    phone: row.phone === null || row.phone === undefined ? null : String(row.phone),
    telegramId: String(row.telegram_id ?? ""),
    createdAt: utc(row.created_at),
  };
}

function toLoan(row: Record<string, unknown>): OldLoan {
  return {
    id: Number(row.id),
    userId: Number(row.user_id),
    bookId: Number(row.book_id),
    pickedUpAt: utc(row.date_booked),
    dueAt: utc(row.expiry_date),
    // SQLAlchemy's Boolean is TINYINT(1); a NULL (never set) is an open loan, as the bot's queries treated it.
    returned: Number(row.returned ?? 0) !== 0,
    returnedAt: utc(row.returned_at),
  };
}

/** A naive DATETIME text ("2025-06-01 10:15:00[.123]") as the UTC instant the old bot meant. */
function utc(value: unknown): Date | null {
  if (value === null || value === undefined || value === "") return null;
  const text = String(value);
  // MySQL's zero date (a DATETIME written without a value in a lax sql_mode) means no date.
  if (text.startsWith("0000-00-00")) return null;
  const date = new Date(`${text.replace(" ", "T")}Z`);
  return Number.isNaN(date.getTime()) ? null : date;
}
