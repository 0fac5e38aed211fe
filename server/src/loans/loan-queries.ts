import DataLoader from "dataloader";
import { Prisma, type Loan, type PrismaClient } from "../db/client.ts";
import { LendingError } from "./errors.ts";
import type { ReaderRecord, ReaderService } from "../auth/readers.ts";
import { LoanState } from "./rules.ts";

/**
 * The read side of lending: a reader's loans, librarians' lists, the library's statistics. Per request, loans
 * and readers go through DataLoaders, so any number of readers' loans cost ONE query.
 */

export interface LoanFilter {
  state?: LoanState | null;
  overdue?: boolean | null;
  readerId?: number | null;
  bookId?: string | null;
}

export interface LoanPage {
  totalCount: number;
  nodes: Loan[];
  hasNextPage: boolean;
}

/** How many loans a reader has open now, and how many of those are overdue. */
export interface ReaderLoanCounts {
  open: number;
  overdue: number;
}

export interface LibraryStatsReport {
  days: number;
  since: Date;
  readers: number;
  bookings: number;
  pickups: number;
  returns: number;
  open: number;
  overdue: number;
  waitingForDelivery: number;
  waitingForConfirmation: number;
  topBooks: Array<{ bookId: string; pickups: number }>;
}

export const MAX_LOAN_PAGE = 100;
export const MAX_STATS_DAYS = 3650;

const OPEN = { openBookId: { not: null } } satisfies Prisma.LoanWhereInput;

export function stateWhere(state: LoanState): Prisma.LoanWhereInput {
  switch (state) {
    case LoanState.BOOKED:
      return { ...OPEN, returnedAt: null, pickedUpAt: null, deliveredAt: null };
    case LoanState.DELIVERED:
      return { ...OPEN, returnedAt: null, pickedUpAt: null, deliveredAt: { not: null } };
    case LoanState.PICKED_UP:
      return { ...OPEN, returnedAt: null, pickedUpAt: { not: null } };
    case LoanState.RETURNED:
      return { ...OPEN, returnedAt: { not: null } };
    case LoanState.CLOSED:
      return { confirmedAt: { not: null }, cancelledAt: null };
    case LoanState.CANCELLED:
      return { cancelledAt: { not: null } };
  }
}

export function overdueWhere(now: Date): Prisma.LoanWhereInput {
  return { ...OPEN, pickedUpAt: { not: null }, returnedAt: null, dueAt: { lt: now } };
}

export class LoanQueries {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly now: () => number = Date.now,
  ) {}

  /** Every loan of each reader, newest first: ONE query for all of them. */
  async loansOfReaders(readerIds: readonly number[], options: { openOnly?: boolean } = {}): Promise<Loan[][]> {
    const where: Prisma.LoanWhereInput = { readerId: { in: [...new Set(readerIds)] }, ...(options.openOnly ? { openBookId: { not: null } } : {}) };
    const loans = await this.prisma.loan.findMany({ where, orderBy: { id: "desc" } });
    const byReader = new Map<number, Loan[]>();
    for (const loan of loans) {
      const list = byReader.get(loan.readerId);
      if (list) list.push(loan);
      else byReader.set(loan.readerId, [loan]);
    }
    return readerIds.map((id) => byReader.get(id) ?? []);
  }

  /** Librarians' list, newest first, filters combined; `belowId`: continue after the loan with this id. */
  async page(filter: LoanFilter, first: number, belowId?: number): Promise<LoanPage> {
    if (!Number.isInteger(first) || first < 1 || first > MAX_LOAN_PAGE) {
      throw new LendingError("BAD_USER_INPUT", `first must be between 1 and ${MAX_LOAN_PAGE}, got ${first}`);
    }
    const conditions: Prisma.LoanWhereInput[] = [];
    if (filter.state) conditions.push(stateWhere(filter.state));
    if (filter.overdue === true) conditions.push(overdueWhere(new Date(this.now())));
    if (filter.overdue === false) conditions.push({ NOT: overdueWhere(new Date(this.now())) });
    if (filter.readerId != null) conditions.push({ readerId: filter.readerId });
    if (filter.bookId != null) conditions.push({ bookId: filter.bookId });
    const where: Prisma.LoanWhereInput = { AND: conditions };
    const [totalCount, rows] = await Promise.all([
      this.prisma.loan.count({ where }),
      this.prisma.loan.findMany({ where: belowId !== undefined ? { AND: [where, { id: { lt: belowId } }] } : where, orderBy: { id: "desc" }, take: first + 1 }),
    ]);
    return { totalCount, nodes: rows.slice(0, first), hasNextPage: rows.length > first };
  }

  /** The photo file id a loan's return came with: undefined for no such loan, null for none sent. */
  async returnPhotoOf(loanId: number): Promise<string | null | undefined> {
    const loan = await this.prisma.loan.findUnique({ where: { id: loanId }, select: { returnPhotoFileId: true } });
    return loan ? loan.returnPhotoFileId : undefined;
  }

  /** Each reader's open and overdue loans now: two grouped counts for all of them. */
  async countsOfReaders(readerIds: readonly number[]): Promise<ReaderLoanCounts[]> {
    const ids = [...new Set(readerIds)];
    const count = (where: Prisma.LoanWhereInput) =>
      this.prisma.loan.groupBy({ by: ["readerId"], where: { AND: [{ readerId: { in: ids } }, where] }, _count: { _all: true } });
    const [open, overdue] = await Promise.all([count(OPEN), count(overdueWhere(new Date(this.now())))]);
    const openBy = new Map(open.map((row) => [row.readerId, row._count._all]));
    const overdueBy = new Map(overdue.map((row) => [row.readerId, row._count._all]));
    return readerIds.map((id) => ({ open: openBy.get(id) ?? 0, overdue: overdueBy.get(id) ?? 0 }));
  }

  /** Counts over the last `days` days and now, and the ten books picked up most in that window: two queries. */
  async stats(days: number): Promise<LibraryStatsReport> {
    if (!Number.isInteger(days) || days < 1 || days > MAX_STATS_DAYS) {
      throw new LendingError("BAD_USER_INPUT", `days must be between 1 and ${MAX_STATS_DAYS}, got ${days}`);
    }
    const now = new Date(this.now());
    const since = new Date(now.getTime() - days * 24 * 3600 * 1000);
    const [counts, top] = await Promise.all([
      this.prisma.$queryRaw<Array<Record<string, bigint | number | null>>>`
        SELECT
          (SELECT COUNT(*) FROM \`Reader\`) AS readers,
          COUNT(CASE WHEN bookedAt >= ${since} THEN 1 END) AS bookings,
          COUNT(CASE WHEN pickedUpAt >= ${since} THEN 1 END) AS pickups,
          COUNT(CASE WHEN returnedAt >= ${since} THEN 1 END) AS returns,
          COUNT(openBookId) AS open,
          COUNT(CASE WHEN openBookId IS NOT NULL AND pickedUpAt IS NOT NULL AND returnedAt IS NULL AND dueAt < ${now} THEN 1 END) AS overdue,
          COUNT(CASE WHEN openBookId IS NOT NULL AND deliveredAt IS NULL AND pickedUpAt IS NULL AND returnedAt IS NULL THEN 1 END) AS waitingForDelivery,
          COUNT(CASE WHEN openBookId IS NOT NULL AND returnedAt IS NOT NULL THEN 1 END) AS waitingForConfirmation
        FROM \`Loan\``,
      this.prisma.loan.groupBy({
        by: ["bookId"],
        where: { pickedUpAt: { gte: since } },
        _count: { bookId: true },
        orderBy: [{ _count: { bookId: "desc" } }, { bookId: "asc" }],
        take: 10,
      }),
    ]);
    const row = counts[0] ?? {};
    const n = (key: string) => Number(row[key] ?? 0);
    return {
      days,
      since,
      readers: n("readers"),
      bookings: n("bookings"),
      pickups: n("pickups"),
      returns: n("returns"),
      open: n("open"),
      overdue: n("overdue"),
      waitingForDelivery: n("waitingForDelivery"),
      waitingForConfirmation: n("waitingForConfirmation"),
      topBooks: top.map((t) => ({ bookId: t.bookId, pickups: t._count.bookId })),
    };
  }
}

/** Per request: loans by reader and readers by id, batched and memoised. */
export class RequestLoans {
  private readonly loansByReader: DataLoader<number, Loan[]>;
  /** Open loans only: what the bot asks for on every card, without a long-time reader's whole history. */
  private readonly openLoansByReader: DataLoader<number, Loan[]>;
  private readonly readersById: DataLoader<number, ReaderRecord | null>;
  private readonly countsByReader: DataLoader<number, ReaderLoanCounts>;

  constructor(queries: LoanQueries, readers: ReaderService) {
    this.loansByReader = new DataLoader((ids) => queries.loansOfReaders(ids));
    this.openLoansByReader = new DataLoader((ids) => queries.loansOfReaders(ids, { openOnly: true }));
    this.readersById = new DataLoader((ids) => readers.byIds(ids));
    this.countsByReader = new DataLoader((ids) => queries.countsOfReaders(ids));
  }

  /** A reader's open and overdue loans: one pair of counts for every reader of a response. */
  countsOf(readerId: number): Promise<ReaderLoanCounts> {
    return this.countsByReader.load(readerId);
  }

  async loansOf(readerId: number, open?: boolean | null): Promise<Loan[]> {
    if (open === true) return this.openLoansByReader.load(readerId);
    const loans = await this.loansByReader.load(readerId);
    if (open === false) return loans.filter((loan) => loan.openBookId === null);
    return loans;
  }

  reader(id: number): Promise<ReaderRecord | null> {
    return this.readersById.load(id);
  }

  /** A reader known already (the one acting): saves a query. */
  primeReader(reader: ReaderRecord): void {
    this.readersById.prime(reader.id, reader);
  }
}
