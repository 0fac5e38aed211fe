/**
 * Schema drift guard: after the migrations are applied, the live tables must be exactly what Prisma Migrate would
 * create for the data model of the generated client. Adding a field to prisma/schema.prisma (and running
 * `pnpm generate`) without writing a migration makes this test fail, and so does a migration that diverges.
 */
import * as mariadb from "mariadb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectionConfig } from "../../src/db/migrate.ts";
import { createTestDatabase, type TestDatabase } from "../support/database.ts";
import { expectedShape, liveShape, modelConsistency, type DatabaseShape } from "./schema-shape.ts";

const MIGRATIONS_TABLE = "_prisma_migrations";

function withoutMigrationsTable(shape: DatabaseShape): DatabaseShape {
  return Object.fromEntries(Object.entries(shape).filter(([name]) => name !== MIGRATIONS_TABLE));
}

describe("schema drift guard", () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase("drift");
  });
  afterAll(async () => {
    await db?.drop();
  });

  it("reads the generated client's model consistently (inlineSchema agrees with runtimeDataModel)", () => {
    expect(modelConsistency()).toEqual([]);
    const expected = expectedShape();
    expect(Object.keys(expected).sort()).toEqual(["ApiToken", "Hold", "Loan", "Notification", "Reader", "SheetWrite"]);
    // A few anchors so a broken reader cannot pass by producing nothing.
    expect(expected.Reader?.columns.telegramId).toEqual({ type: "bigint", nullable: false, default: null, extra: "" });
    expect(expected.Loan?.indexes.Loan_openBookId_key).toEqual({ unique: true, columns: ["openBookId"] });
    expect(expected.Loan?.foreignKeys.Loan_readerId_fkey?.referencedTable).toBe("Reader");
  });

  it("live tables, columns, nullability, defaults, indexes and foreign keys match the generated client", async () => {
    const live = await liveShape(db.url);
    expect(withoutMigrationsTable(live)).toEqual(expectedShape());
  });

  it("has Prisma's _prisma_migrations table", async () => {
    const live = await liveShape(db.url);
    expect(live[MIGRATIONS_TABLE]).toEqual({
      collation: "utf8mb4_unicode_ci",
      columns: {
        id: { type: "varchar(36)", nullable: false, default: null, extra: "" },
        checksum: { type: "varchar(64)", nullable: false, default: null, extra: "" },
        finished_at: { type: "datetime(3)", nullable: true, default: null, extra: "" },
        migration_name: { type: "varchar(255)", nullable: false, default: null, extra: "" },
        logs: { type: "text", nullable: true, default: null, extra: "" },
        rolled_back_at: { type: "datetime(3)", nullable: true, default: null, extra: "" },
        started_at: { type: "datetime(3)", nullable: false, default: "current_timestamp(3)", extra: "" },
        applied_steps_count: { type: "int unsigned", nullable: false, default: "0", extra: "" },
      },
      indexes: { PRIMARY: { unique: true, columns: ["id"] } },
      foreignKeys: {},
    });
  });

  it("notices drift in either direction", async () => {
    // A field in the model that no migration created:
    const expected = expectedShape();
    expected.Reader!.columns.nickname = { type: "varchar(191)", nullable: true, default: null, extra: "" };
    const live = withoutMigrationsTable(await liveShape(db.url));
    expect(live).not.toEqual(expected);

    // A change made to the database that the model does not know about:
    const conn = await mariadb.createConnection(connectionConfig(db.url, db.name));
    try {
      await conn.query("ALTER TABLE `Loan` MODIFY `openBookId` VARCHAR(64) NOT NULL DEFAULT ''");
      await conn.query("ALTER TABLE `ApiToken` DROP INDEX `ApiToken_tokenHash_key`");
    } finally {
      await conn.end();
    }
    const changed = withoutMigrationsTable(await liveShape(db.url));
    expect(changed).not.toEqual(expectedShape());
    expect(changed.Loan?.columns.openBookId?.nullable).toBe(false);
    expect(changed.ApiToken?.indexes.ApiToken_tokenHash_key).toBeUndefined();
  });
});
