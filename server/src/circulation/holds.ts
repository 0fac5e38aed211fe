import type { ReaderRecord } from "../auth/readers.ts";
import type { BookService } from "../books/book-service.ts";
import { BookStatus } from "../catalog/book.ts";
import type { CirculationSettings } from "../config.ts";
import { HoldState, isUniqueViolation, type Hold, type PrismaClient, type Reader } from "../db/client.ts";
import { LendingError } from "../loans/errors.ts";
import { localDate } from "../loans/rules.ts";

/**
 * The waiting list (docs/ARCHITECTURE.md, "The waiting list"): readers' holds on books that are out, in order.
 * This owns the Hold table: joining and leaving, the queue as librarians see and reorder it, a reader's
 * position and estimate. Giving a returned book to the first in line is circulation/hold-offers.ts.
 */

export { HoldState };
const DAY_MS = 24 * 3600 * 1000;
const ACTIVE: HoldState[] = [HoldState.WAITING, HoldState.READY];

/** A hold as shown: with its place in the queue (WAITING only) and when the book may come (a simple estimate). */
export type HoldView = Hold & { reader: Reader; position: number | null; estimatedOn: string | null };

export class Holds {
  private readonly now: () => number;

  constructor(
    private readonly options: {
      prisma: PrismaClient;
      books: BookService;
      settings: CirculationSettings["holds"];
      loanPeriodDays: number;
      timeZone: string;
      now?: () => number;
    },
  ) {
    this.now = options.now ?? Date.now;
  }

  /** Readers waiting for a book (READY holds have theirs): a renewal is refused, and bookings kept for them. */
  waiting(bookId: string): Promise<number> {
    return this.options.prisma.hold.count({ where: { bookId, state: HoldState.WAITING } });
  }

  async place(reader: ReaderRecord, bookId: string): Promise<HoldView> {
    const { prisma, settings } = this.options;
    const [book] = await this.options.books.loadMany([bookId]);
    if (!book) throw new LendingError("NOT_FOUND", `There is no book "${bookId.slice(0, 80)}" in the catalogue`);
    const open = await prisma.loan.findUnique({ where: { openBookId: bookId } });
    if (open?.readerId === reader.id) throw new LendingError("CONFLICT", `You have "${book.title}" already: no need to wait for it`);
    const queue = await prisma.hold.findMany({ where: { bookId, state: { in: ACTIVE } }, orderBy: { rank: "asc" } });
    if (!open && book.status === BookStatus.AVAILABLE && queue.length === 0) {
      throw new LendingError("INVALID_TRANSITION", `"${book.title}" is on the shelf: book it instead of waiting`);
    }
    if (!open && book.status === BookStatus.UNKNOWN) {
      throw new LendingError("INVALID_TRANSITION", `"${book.title}" is marked in the Sheet with a status kurin does not know (lost?): ask a librarian`);
    }
    if (queue.some((h) => h.readerId === reader.id)) throw new LendingError("CONFLICT", `You are in the waiting list for "${book.title}" already`);
    const mine = await prisma.hold.count({ where: { readerId: reader.id, state: { in: ACTIVE } } });
    if (mine >= settings.max) throw new LendingError("LIMIT_REACHED", `You are waiting for ${mine} books; the library allows ${settings.max} at a time`);
    try {
      const rank = (queue.at(-1)?.rank ?? 0) + 1;
      await prisma.hold.create({ data: { bookId, readerId: reader.id, rank, activeKey: activeKey(bookId, reader.id) } });
    } catch (error) {
      // The same reader joining twice at once: the database keeps one.
      if (isUniqueViolation(error, "Hold_activeKey_key")) throw new LendingError("CONFLICT", `You are in the waiting list for "${book.title}" already`);
      throw error;
    }
    return (await this.ofReader(reader.id)).find((h) => h.bookId === bookId)!;
  }

  /** The reader leaves the list. A book already booked for them is cancelled as a booking (cancelBooking). */
  async cancel(reader: ReaderRecord, bookId: string): Promise<boolean> {
    const hold = await this.options.prisma.hold.findUnique({ where: { activeKey: activeKey(bookId, reader.id) } });
    if (!hold) throw new LendingError("NOT_FOUND", `You are not in the waiting list for book ${bookId.slice(0, 80)}`);
    return this.end(hold, HoldState.CANCELLED);
  }

  /** A librarian removes a hold from its queue. */
  async remove(holdId: number): Promise<boolean> {
    const hold = await this.options.prisma.hold.findUnique({ where: { id: holdId } });
    if (!hold || !ACTIVE.includes(hold.state)) throw new LendingError("NOT_FOUND", `There is no hold ${holdId} in a waiting list`);
    return this.end(hold, HoldState.CANCELLED);
  }

  /** Ends an active hold (the state it ends in); false when it had ended meanwhile. */
  async end(hold: Hold, state: HoldState, where: { state?: HoldState } = {}): Promise<boolean> {
    if (hold.state === HoldState.READY && state === HoldState.CANCELLED) {
      throw new LendingError("INVALID_TRANSITION", `Book ${hold.bookId} is booked for this reader already: cancel the booking instead`);
    }
    const { count } = await this.options.prisma.hold.updateMany({
      where: { id: hold.id, state: where.state ?? { in: ACTIVE } },
      data: { state, activeKey: null },
    });
    return count === 1;
  }

  /** A librarian moves a waiting hold to `position` (1: first) in its book's queue; the queue after. */
  async move(holdId: number, position: number): Promise<HoldView[]> {
    const { prisma } = this.options;
    const hold = await prisma.hold.findUnique({ where: { id: holdId } });
    if (!hold || hold.state !== HoldState.WAITING) throw new LendingError("NOT_FOUND", `There is no waiting hold ${holdId}`);
    const waiting = await prisma.hold.findMany({ where: { bookId: hold.bookId, state: HoldState.WAITING }, orderBy: { rank: "asc" } });
    if (!Number.isInteger(position) || position < 1 || position > waiting.length) {
      throw new LendingError("BAD_USER_INPUT", `position must be between 1 and ${waiting.length}, got ${position}`);
    }
    const order = waiting.filter((h) => h.id !== holdId);
    order.splice(position - 1, 0, hold);
    await prisma.$transaction(order.map((h, i) => prisma.hold.update({ where: { id: h.id }, data: { rank: i + 1 } })));
    return this.queue(hold.bookId);
  }

  /** A book's active holds: the one it is booked for (READY) first, then the waiting ones in order. */
  async queue(bookId: string): Promise<HoldView[]> {
    const holds = await this.options.prisma.hold.findMany({ where: { bookId, state: { in: ACTIVE } }, include: { reader: true }, orderBy: [{ state: "desc" }, { rank: "asc" }] });
    return this.withPositions(holds);
  }

  /** A reader's active holds, with their positions and estimates. */
  async ofReader(readerId: number): Promise<HoldView[]> {
    const { prisma } = this.options;
    const mine = await prisma.hold.findMany({ where: { readerId, state: { in: ACTIVE } }, orderBy: { id: "asc" } });
    const queues = await Promise.all(mine.map((h) => this.queue(h.bookId)));
    return mine.map((h, i) => queues[i]!.find((q) => q.id === h.id)!).filter(Boolean);
  }

  /**
   * Positions count WAITING holds; the estimate is simple, as promised to readers: the current loan's due date
   * (or a loan period from now while the book is booked and not yet picked up), plus a loan period for each
   * reader ahead.
   */
  private async withPositions(holds: Array<Hold & { reader: Reader }>): Promise<HoldView[]> {
    if (holds.length === 0) return [];
    const { prisma, loanPeriodDays, timeZone } = this.options;
    const open = await prisma.loan.findUnique({ where: { openBookId: holds[0]!.bookId } });
    const now = this.now();
    const base = open?.dueAt?.getTime() ?? now + (open ? loanPeriodDays * DAY_MS : 0);
    let position = 0;
    return holds.map((hold) => {
      if (hold.state !== HoldState.WAITING) return { ...hold, position: null, estimatedOn: null };
      position += 1;
      const at = new Date(Math.max(base, now) + (position - 1) * loanPeriodDays * DAY_MS);
      return { ...hold, position, estimatedOn: localDate(at, timeZone) };
    });
  }
}

export function activeKey(bookId: string, readerId: number): string {
  return `${bookId}:${readerId}`;
}
