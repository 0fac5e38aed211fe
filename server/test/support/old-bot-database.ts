/**
 * A database of the old kurin-bot for import tests: its exact schema (the bot's Alembic migration 001, as
 * SQLAlchemy creates it on MySQL) in a database of its own, `kurin_test_oldbot_<random>`, dropped afterwards.
 */
import * as mariadb from "mariadb";
import { connectionConfig } from "../../src/db/migrate.ts";
import { createEmptyTestDatabase, type TestDatabase } from "./database.ts";

const SCHEMA = [
  `CREATE TABLE users (
    id INTEGER NOT NULL AUTO_INCREMENT,
    name VARCHAR(255) NOT NULL,
    phone VARCHAR(20) NOT NULL,
    telegram_id VARCHAR(50) NOT NULL,
    created_at DATETIME,
    PRIMARY KEY (id),
    UNIQUE (telegram_id)
  )`,
  `CREATE TABLE user_statistics (
    id INTEGER NOT NULL AUTO_INCREMENT,
    user_id INTEGER NOT NULL,
    book_id INTEGER NOT NULL,
    date_booked DATETIME,
    expiry_date DATETIME,
    returned BOOL,
    returned_at DATETIME,
    PRIMARY KEY (id),
    FOREIGN KEY(user_id) REFERENCES users (id)
  )`,
  "CREATE INDEX idx_user_statistics_user_id ON user_statistics (user_id)",
  "CREATE INDEX idx_user_statistics_book_id ON user_statistics (book_id)",
  "CREATE INDEX idx_user_statistics_date_booked ON user_statistics (date_booked)",
  "CREATE INDEX idx_user_statistics_expiry_date ON user_statistics (expiry_date)",
  "CREATE INDEX idx_user_statistics_returned ON user_statistics (returned)",
];

export interface OldUserRow {
  id: number;
  name: string;
  phone: string;
  telegram_id: string;
  created_at: Date;
}

export interface OldLoanRow {
  id: number;
  user_id: number;
  book_id: number;
  date_booked: Date | null;
  expiry_date: Date | null;
  returned: boolean;
  returned_at: Date | null;
}

export interface OldBotDatabase extends TestDatabase {
  /** Runs SQL on it (test setup). */
  query(sql: string, values?: unknown[]): Promise<unknown>;
}

/** Creates the old bot's database; with `schema: false` an empty one (for "missing tables"). */
export async function createOldBotDatabase(users: OldUserRow[], loans: OldLoanRow[], options: { schema?: boolean } = {}): Promise<OldBotDatabase> {
  const db = await createEmptyTestDatabase("oldbot");
  const query = async (sql: string, values?: unknown[]) => {
    const conn = await mariadb.createConnection({ ...connectionConfig(db.url, db.name), timezone: "Z" });
    try {
      return await conn.query(sql, values);
    } finally {
      await conn.end();
    }
  };
  if (options.schema !== false) {
    for (const statement of SCHEMA) await query(statement);
    for (const u of users) await query("INSERT INTO users (id, name, phone, telegram_id, created_at) VALUES (?, ?, ?, ?, ?)", [u.id, u.name, u.phone, u.telegram_id, naive(u.created_at)]);
    for (const l of loans) {
      await query("INSERT INTO user_statistics (id, user_id, book_id, date_booked, expiry_date, returned, returned_at) VALUES (?, ?, ?, ?, ?, ?, ?)", [
        l.id,
        l.user_id,
        l.book_id,
        naive(l.date_booked),
        naive(l.expiry_date),
        l.returned,
        naive(l.returned_at),
      ]);
    }
  }
  return { ...db, query };
}

/** The naive UTC text the old bot's `datetime.now()` wrote (its container had no TZ). */
function naive(at: Date | null): string | null {
  return at ? at.toISOString().slice(0, 19).replace("T", " ") : null;
}
