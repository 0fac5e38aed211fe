import * as mariadb from "mariadb";
import { Role, type PrismaClient } from "../db/client.ts";
import { connectionConfig, databaseNameFromUrl } from "../db/migrate.ts";
import type { NewLoan } from "./plan-loans.ts";
import type { KurinReader, ReaderPlan } from "./plan-readers.ts";

/**
 * kurin's side of the import: what is there already (readers and loans carrying an old id, readers with an old
 * user's Telegram id, open loans of the old loans' books), and writing the plan in ONE transaction, so that a
 * failure anywhere leaves nothing imported and a second run starts from the same place.
 */

export interface KurinState {
  readers: KurinReader[];
  importedLoanIds: Set<number>;
  /** Open loans: book id -> loan id. */
  openLoans: Map<string, number>;
}

export const EMPTY_STATE: KurinState = { readers: [], importedLoanIds: new Set(), openLoans: new Map() };

/** Loans written per INSERT (MySQL takes at most 65,535 placeholders in one statement). */
const LOANS_PER_INSERT = 1000;
/** A library's whole history in one transaction: far longer than Prisma's 5 s default. */
const TRANSACTION_TIMEOUT_MS = 10 * 60 * 1000;

/**
 * Whether kurin's database exists with this version's tables (the import's markers). A dry run reads a
 * database that is not ready as an empty one rather than create or migrate it.
 */
export async function kurinDatabaseReady(databaseUrl: string): Promise<boolean> {
  const conn = await mariadb.createConnection({ connectTimeout: 10_000, ...connectionConfig(databaseUrl, null) });
  try {
    const rows: unknown[] = await conn.query(
      "SELECT 1 FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = 'Loan' AND COLUMN_NAME = 'kurinBotLoanId'",
      [databaseNameFromUrl(databaseUrl)],
    );
    return rows.length > 0;
  } finally {
    await conn.end().catch(() => conn.destroy());
  }
}

export async function readKurinState(prisma: PrismaClient, telegramIds: readonly bigint[], bookIds: readonly string[]): Promise<KurinState> {
  const [readers, imported, open] = await Promise.all([
    prisma.reader.findMany({
      where: { OR: [{ kurinBotUserId: { not: null } }, { telegramId: { in: [...telegramIds] } }] },
      select: { id: true, telegramId: true, name: true, role: true, phone: true, kurinBotUserId: true },
    }),
    prisma.loan.findMany({ where: { kurinBotLoanId: { not: null } }, select: { kurinBotLoanId: true } }),
    prisma.loan.findMany({ where: { openBookId: { in: [...bookIds] } }, select: { id: true, openBookId: true } }),
  ]);
  return {
    readers: readers.map((r) => ({ ...r, telegramId: r.telegramId.toString() })),
    importedLoanIds: new Set(imported.map((l) => l.kurinBotLoanId!)),
    openLoans: new Map(open.map((l) => [l.openBookId!, l.id])),
  };
}

/** Writes the readers, then the loans attributed to them, in one transaction. */
export async function writePlan(prisma: PrismaClient, readers: ReaderPlan, loans: readonly NewLoan[]): Promise<void> {
  await prisma.$transaction(
    async (tx) => {
      if (readers.create.length > 0) {
        await tx.reader.createMany({
          data: readers.create.map((r) => ({ telegramId: r.telegramId, name: r.name, phone: r.phone, role: r.role, createdAt: r.createdAt, kurinBotUserId: r.oldUserId })),
        });
      }
      for (const link of readers.link) {
        await tx.reader.update({ where: { id: link.readerId }, data: { kurinBotUserId: link.oldUserId, ...(link.phone ? { phone: link.phone } : {}) } });
      }
      for (const { readerId } of readers.promote) await tx.reader.update({ where: { id: readerId }, data: { role: Role.LIBRARIAN } });
      const oldUserIds = [...new Set(loans.map((l) => l.oldUserId))];
      const owners = await tx.reader.findMany({ where: { kurinBotUserId: { in: oldUserIds } }, select: { id: true, kurinBotUserId: true } });
      const readerOf = new Map(owners.map((r) => [r.kurinBotUserId!, r.id]));
      for (let i = 0; i < loans.length; i += LOANS_PER_INSERT) {
        await tx.loan.createMany({ data: loans.slice(i, i + LOANS_PER_INSERT).map((loan) => loanRow(loan, readerOf)) });
      }
    },
    { timeout: TRANSACTION_TIMEOUT_MS, maxWait: 30_000 },
  );
}

function loanRow(loan: NewLoan, readerOf: ReadonlyMap<number, number>) {
  const readerId = readerOf.get(loan.oldUserId);
  // The plan only keeps loans of readers it imports or imported before: a miss is a bug, and rolls back.
  if (readerId === undefined) throw new Error(`No reader for old user ${loan.oldUserId} (old loan ${loan.oldLoanId})`);
  const open = loan.kind !== "closed";
  return {
    bookId: loan.bookId,
    readerId,
    openBookId: open ? loan.bookId : null,
    bookedAt: loan.bookedAt,
    deliveredAt: loan.deliveredAt,
    pickedUpAt: loan.pickedUpAt,
    dueAt: loan.dueAt,
    returnedAt: loan.returnedAt,
    confirmedAt: loan.confirmedAt,
    kurinBotLoanId: loan.oldLoanId,
  };
}
