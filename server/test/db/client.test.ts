import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPrisma, isUniqueViolation, Prisma, Role, uniqueViolationConstraint, type PrismaClient } from "../../src/db/client.ts";
import { createTestDatabase, type TestDatabase } from "../support/database.ts";

describe("Prisma through createPrisma on MariaDB", () => {
  let db: TestDatabase;
  let prisma: PrismaClient;
  beforeAll(async () => {
    db = await createTestDatabase("client");
    prisma = createPrisma(db.url);
  });
  afterAll(async () => {
    await prisma?.$disconnect();
    await db?.drop();
  });

  it("creates and reads a reader and a loan", async () => {
    const reader = await prisma.reader.create({
      data: { telegramId: 9_007_199_254_740_993n, name: "Олена", username: "olena", languageCode: "uk" },
    });
    expect(reader.role).toBe(Role.READER);
    expect(reader.telegramId).toBe(9_007_199_254_740_993n); // beyond Number.MAX_SAFE_INTEGER: a real BIGINT
    expect(reader.createdAt).toBeInstanceOf(Date);
    expect(reader.updatedAt).toBeInstanceOf(Date);

    const loan = await prisma.loan.create({ data: { bookId: "B-001", openBookId: "B-001", readerId: reader.id } });
    const found = await prisma.reader.findUnique({ where: { telegramId: reader.telegramId }, include: { loans: true } });
    expect(found?.name).toBe("Олена");
    expect(found?.loans.map((l) => l.id)).toEqual([loan.id]);
    expect(found?.loans[0]?.confirmedAt).toBeNull();
  });

  it("refuses a second open loan of the same book, and allows one once the first is closed", async () => {
    const reader = await prisma.reader.create({ data: { telegramId: 1001n, name: "Taras" } });
    const other = await prisma.reader.create({ data: { telegramId: 1002n, name: "Iryna" } });
    const first = await prisma.loan.create({ data: { bookId: "B-042", openBookId: "B-042", readerId: reader.id } });

    const err = await prisma.loan
      .create({ data: { bookId: "B-042", openBookId: "B-042", readerId: other.id } })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Prisma.PrismaClientKnownRequestError);
    expect((err as Prisma.PrismaClientKnownRequestError).code).toBe("P2002");
    expect(isUniqueViolation(err)).toBe(true);
    expect(isUniqueViolation(err, "Loan_openBookId_key")).toBe(true);
    expect(isUniqueViolation(err, "Reader_telegramId_key")).toBe(false);
    expect(uniqueViolationConstraint(err)).toBe("Loan_openBookId_key");

    await prisma.loan.update({ where: { id: first.id }, data: { openBookId: null, confirmedAt: new Date() } });
    const second = await prisma.loan.create({ data: { bookId: "B-042", openBookId: "B-042", readerId: other.id } });
    expect(second.openBookId).toBe("B-042");
    // Closed loans do not collide with each other: NULLs are distinct in a unique index.
    await prisma.loan.update({ where: { id: second.id }, data: { openBookId: null } });
    expect(await prisma.loan.count({ where: { bookId: "B-042", openBookId: null } })).toBe(2);
  });

  it("names the index of other unique violations, and is false for other errors", async () => {
    await prisma.reader.create({ data: { telegramId: 2001n, name: "A" } });
    const dup = await prisma.reader.create({ data: { telegramId: 2001n, name: "B" } }).catch((e: unknown) => e);
    expect(isUniqueViolation(dup, "Reader_telegramId_key")).toBe(true);
    expect(isUniqueViolation(dup, "Loan_openBookId_key")).toBe(false);

    // A foreign-key violation (P2003) is not a unique violation.
    const fk = await prisma.loan.create({ data: { bookId: "B-9", readerId: 999_999 } }).catch((e: unknown) => e);
    expect((fk as { code?: string }).code).toBe("P2003");
    expect(isUniqueViolation(fk)).toBe(false);
    expect(isUniqueViolation(new Error("boom"))).toBe(false);
    expect(isUniqueViolation(null)).toBe(false);
  });

  it("rolls back an interactive transaction", async () => {
    const before = await prisma.apiToken.count();
    await expect(
      prisma.$transaction(async (tx) => {
        await tx.apiToken.create({ data: { name: "bot", tokenHash: "a".repeat(64), role: Role.BOT } });
        await tx.apiToken.create({ data: { name: "bot", tokenHash: "b".repeat(64), role: Role.BOT } });
      }),
    ).rejects.toSatisfy((e: unknown) => isUniqueViolation(e, "ApiToken_name_key"));
    expect(await prisma.apiToken.count()).toBe(before);
  });

  it("sends its statements as plain queries: nothing is prepared, and a BIGINT stays exact", async () => {
    // One connection, so its session counters are the client's own (the server is shared with other users).
    const url = new URL(db.url);
    url.searchParams.set("connectionLimit", "1");
    const single = createPrisma(url.toString());
    try {
      const prepared = async () => {
        const [row] = await single.$queryRaw<Array<{ Value: string }>>`SHOW SESSION STATUS LIKE 'Com_stmt_prepare'`;
        return Number(row!.Value);
      };
      const before = await prepared();
      const telegramId = 9_007_199_254_740_995n;
      const reader = await single.reader.create({ data: { telegramId, name: "O'Brien \\ «Олена»" } });
      await single.$transaction(async (tx) => {
        await tx.$queryRaw`SELECT id FROM \`Reader\` WHERE id = ${reader.id} FOR UPDATE`;
        await tx.loan.create({ data: { bookId: "B-777", openBookId: "B-777", readerId: reader.id } });
      });
      const found = await single.reader.findUnique({ where: { telegramId }, include: { loans: true } });
      expect(found?.telegramId).toBe(telegramId);
      expect(found?.name).toBe("O'Brien \\ «Олена»");
      expect(found?.loans.map((l) => l.bookId)).toEqual(["B-777"]);
      expect(await prepared()).toBe(before);
    } finally {
      await single.$disconnect();
    }
  });

  it("has no column whose values plain queries could round (what the binary protocol is for)", () => {
    const schema = readFileSync(new URL("../../../prisma/schema.prisma", import.meta.url), "utf8");
    const fieldTypes = [...schema.matchAll(/^\s+\w+\s+(\w+)[?[\]]*(?:\s|$)/gm)].map((m) => m[1]);
    expect(fieldTypes).toContain("BigInt");
    expect(fieldTypes.filter((type) => type === "Decimal" || type === "Float")).toEqual([]);
  });
});
