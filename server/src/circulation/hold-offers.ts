import type { Logger } from "pino";
import { toReaderRecord } from "../auth/readers.ts";
import type { BookService } from "../books/book-service.ts";
import { BookStatus } from "../catalog/book.ts";
import { HoldState, NotificationKind, type Hold, type PrismaClient, type Reader } from "../db/client.ts";
import { KurinError } from "../errors.ts";
import type { LendingService } from "../loans/lending-service.ts";
import type { Outbox } from "../notifications/outbox.ts";
import type { Holds } from "./holds.ts";

/**
 * Giving books to the waiting list (docs/ARCHITECTURE.md, "The waiting list"), on every tick of every
 * instance, from what MySQL and the Sheet say (nothing in memory):
 *
 *  1. READY holds: picked up → FULFILLED; the loan closed without a pickup (the reader or a librarian
 *     cancelled, or a librarian put the book back in the Sheet) → CANCELLED; the pickup window over → the
 *     booking is cancelled as a librarian would (the Sheet written, row-safe) → EXPIRED.
 *  2. A book with waiting readers, no loan and on the shelf: booked for the first in line through the
 *     ordinary bookItem (the Sheet, the librarians told to deliver it), the hold READY with its window, and
 *     the reader told (HOLD_READY, one outbox row per loan). A reader at their loan limit is passed over this
 *     time. Nobody left: the book stays on the shelf.
 *
 * Two instances offering one book at once: the per-book lock and the one-open-loan index let one booking
 * through. A crash between the booking and the hold's update is mended by the next tick (the open loan is
 * the first reader's: the hold becomes READY).
 */

type HoldWithReader = Hold & { reader: Reader };

export interface OfferOutcome {
  offered: number;
  expired: number;
  ended: number;
}

export class HoldOffers {
  constructor(
    private readonly options: {
      prisma: PrismaClient;
      holds: Holds;
      lending: LendingService;
      books: BookService;
      outbox: Outbox;
      pickupHours: number;
      logger: Logger;
    },
  ) {}

  async tick(now: Date): Promise<OfferOutcome> {
    const { expired, ended } = await this.settleReady(now);
    const waiting = await this.options.prisma.hold.findMany({ where: { state: HoldState.WAITING }, select: { bookId: true }, distinct: ["bookId"] });
    let offered = 0;
    for (const { bookId } of waiting) {
      try {
        if (await this.offer(bookId, now)) offered += 1;
      } catch (error) {
        this.options.logger.warn({ bookId, err: (error as Error).message }, "could not give a book to its waiting list; the next tick will retry");
      }
    }
    return { offered, expired, ended };
  }

  private async settleReady(now: Date): Promise<{ expired: number; ended: number }> {
    const { prisma, holds, lending } = this.options;
    const ready = await prisma.hold.findMany({ where: { state: HoldState.READY } });
    const loans = await prisma.loan.findMany({ where: { id: { in: ready.map((h) => h.loanId!) } } });
    let expired = 0;
    let ended = 0;
    for (const hold of ready) {
      const loan = loans.find((l) => l.id === hold.loanId);
      if (loan?.pickedUpAt) {
        if (await holds.end(hold, HoldState.FULFILLED, { state: HoldState.READY })) ended += 1;
      } else if (!loan || loan.openBookId === null) {
        if (await holds.end(hold, HoldState.EXPIRED, { state: HoldState.READY })) ended += 1;
      } else if (hold.expiresAt && now > hold.expiresAt) {
        try {
          await lending.change("cancelBooking", hold.bookId, { reader: null, librarian: true });
          if (await holds.end(hold, HoldState.EXPIRED, { state: HoldState.READY })) expired += 1;
        } catch (error) {
          this.options.logger.warn({ bookId: hold.bookId, err: (error as Error).message }, "could not end a pickup window; the next tick will retry");
        }
      }
    }
    return { expired, ended };
  }

  /** Books `bookId` for the first waiting reader who may take it; whether it was given. */
  private async offer(bookId: string, now: Date): Promise<boolean> {
    const { prisma } = this.options;
    if (await prisma.hold.count({ where: { bookId, state: HoldState.READY } })) return false;
    const queue: HoldWithReader[] = await prisma.hold.findMany({ where: { bookId, state: HoldState.WAITING }, include: { reader: true }, orderBy: { rank: "asc" } });
    const open = await prisma.loan.findUnique({ where: { openBookId: bookId } });
    if (open) {
      // Booked for a reader in line by a tick that stopped before marking the hold: mark it now.
      const theirs = queue.find((h) => h.readerId === open.readerId);
      return theirs && !open.pickedUpAt ? this.ready(theirs, open.id, now) : false;
    }
    const [book] = await this.options.books.loadMany([bookId]);
    if (book?.status !== BookStatus.AVAILABLE) return false;
    for (const hold of queue) {
      try {
        const { loan } = await this.options.lending.change("bookItem", bookId, { reader: toReaderRecord(hold.reader), librarian: false }, { forHold: true });
        return await this.ready(hold, loan.id, now);
      } catch (error) {
        // At their limit (or overdue): the next reader in line gets their chance; this one keeps their place.
        if (error instanceof KurinError && error.code === "LIMIT_REACHED") continue;
        throw error;
      }
    }
    return false;
  }

  private async ready(hold: HoldWithReader, loanId: number, now: Date): Promise<boolean> {
    const expiresAt = new Date(now.getTime() + this.options.pickupHours * 3600 * 1000);
    const { count } = await this.options.prisma.hold.updateMany({
      where: { id: hold.id, state: HoldState.WAITING },
      data: { state: HoldState.READY, loanId, readyAt: now, expiresAt },
    });
    await this.options.outbox.schedule([{ kind: NotificationKind.HOLD_READY, loanId, bookId: hold.bookId, round: 0, recipientId: hold.readerId }]);
    return count === 1;
  }
}
