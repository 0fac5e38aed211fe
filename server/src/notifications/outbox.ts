import { randomUUID } from "node:crypto";
import { NotificationKind, NotificationState, Prisma, Role, type Loan, type Notification, type PrismaClient, type Reader } from "../db/client.ts";
import type { InTransaction, LoanChangeInTransaction } from "../loans/loan-writes.ts";
import type { Transition } from "../loans/transitions.ts";

/**
 * The durable outbox of messages the bot delivers (docs/ARCHITECTURE.md, "Notifications"). A loan change writes
 * its rows in its OWN transaction (`record`), one per recipient, unique per (change, recipient): a retried
 * mutation or a second server instance cannot make two. A row is deliverable once its change reached the Sheet
 * (its SheetWrite is DONE): a change that was undone never tells anyone anything.
 *
 * The bot `take`s rows: they are leased to it for `leaseMs` under a claim only it knows, so two bots, or two
 * takes through two server instances, never get the same row at once. It `ack`s each: SENT, or BLOCKED (the
 * person blocked the bot: they are marked, and get no rows until they write to the bot again). A row not
 * acknowledged within its lease (the bot crashed) is taken again.
 */

export { NotificationKind, NotificationState };
type Tx = Prisma.TransactionClient;

/** Who a kind of message is for. */
export type Audience = "librarians" | "reader";

export const AUDIENCE: Readonly<Record<NotificationKind, Audience>> = {
  [NotificationKind.BOOKED]: "librarians",
  [NotificationKind.DELIVERED]: "reader",
  [NotificationKind.RETURNED]: "librarians",
  [NotificationKind.RETURN_CONFIRMED]: "reader",
  [NotificationKind.CANCELLED]: "reader",
  [NotificationKind.DUE_SOON]: "reader",
  [NotificationKind.DUE_TODAY]: "reader",
  [NotificationKind.OVERDUE]: "reader",
  [NotificationKind.OVERDUE_SUMMARY]: "librarians",
  [NotificationKind.HOLD_READY]: "reader",
};

/** Kinds written by the scheduler (circulation/), not by a loan change; all but HOLD_READY wait out quiet hours. */
export const SCHEDULED_KINDS: readonly NotificationKind[] = [
  NotificationKind.DUE_SOON,
  NotificationKind.DUE_TODAY,
  NotificationKind.OVERDUE,
  NotificationKind.OVERDUE_SUMMARY,
  NotificationKind.HOLD_READY,
];

/** A scheduled message: unique per (kind, loan, round, recipient), so writing it twice writes it once. */
export interface ScheduledNotification {
  kind: NotificationKind;
  /** 0 for a message about no one loan (the summary). */
  loanId: number;
  bookId: string;
  round: number;
  recipientId: number;
}

/**
 * The message each transition leaves, if any: bookings and returns to librarians; delivered, return confirmed
 * and a librarian's cancel to the reader (a reader cancelling their own booking needs no message about it).
 */
const KIND_OF: Readonly<Record<Transition, NotificationKind | null>> = {
  bookItem: NotificationKind.BOOKED,
  markAsDelivered: NotificationKind.DELIVERED,
  markAsPickedUp: null,
  markAsReturnedByUser: NotificationKind.RETURNED,
  confirmBookReturn: NotificationKind.RETURN_CONFIRMED,
  cancelBooking: NotificationKind.CANCELLED,
  // A reader renews in the bot and sees the answer there; the new due date needs no message.
  renewLoan: null,
};

export function notificationOf(change: Pick<LoanChangeInTransaction, "transition" | "ownership">): NotificationKind | null {
  if (change.transition === "cancelBooking" && change.ownership === "own") return null;
  return KIND_OF[change.transition];
}

export interface OutboxOptions {
  /** How long a taken row is the taker's before it may be taken again. */
  leaseMs: number;
  now?: () => number;
  /** Told of a person marked as having blocked the bot (auth forgets its remembered copy of them). */
  blocked?: (telegramId: string) => void;
  /** Quiet hours: scheduled kinds are not taken while this says so (held until it does not). */
  quiet?: (at: Date) => boolean;
}

/** A row taken for delivery, with the people it speaks of. */
export interface TakenNotification extends Notification {
  claim: string;
  recipient: Reader;
  /** The loan's reader (for librarians' messages: who booked or returned). */
  reader: Reader | null;
  photoFileId: string | null;
  dueAt: Date | null;
  /** HOLD_READY: the end of the pickup window. */
  pickupBy: Date | null;
  /** OVERDUE_SUMMARY: the loans overdue as the summary is taken, oldest due first. */
  overdue: Array<Loan & { reader: Reader }>;
}

export class Outbox {
  private readonly now: () => number;

  constructor(
    private readonly prisma: PrismaClient,
    private readonly options: OutboxOptions,
  ) {
    this.now = options.now ?? Date.now;
  }

  /** The step every loan change runs in its transaction (loans/loan-writes.ts): its messages, if any. */
  readonly inTransaction: InTransaction = async (tx, change) => {
    const kind = notificationOf(change);
    if (kind) await this.record(tx, kind, { sheetWriteId: change.sheetWrite.id, loanId: change.loan.id, bookId: change.bookId, readerId: change.loan.readerId });
  };

  /** Inside the loan change's transaction: a row per recipient of `kind` (blocked people get none). */
  async record(tx: Tx, kind: NotificationKind, change: { sheetWriteId: number; loanId: number; bookId: string; readerId: number }): Promise<number> {
    const recipients =
      AUDIENCE[kind] === "reader"
        ? await tx.reader.findMany({ where: { id: change.readerId, botBlockedAt: null }, select: { id: true } })
        : await tx.reader.findMany({ where: { role: Role.LIBRARIAN, botBlockedAt: null }, select: { id: true } });
    if (recipients.length === 0) return 0;
    const { count } = await tx.notification.createMany({
      data: recipients.map((r) => ({ kind, sheetWriteId: change.sheetWriteId, loanId: change.loanId, bookId: change.bookId, recipientId: r.id })),
      skipDuplicates: true,
    });
    return count;
  }

  /** Scheduled messages (circulation/): each written at most once, whoever writes it how often. */
  async schedule(rows: readonly ScheduledNotification[]): Promise<number> {
    if (rows.length === 0) return 0;
    const { count } = await this.prisma.notification.createMany({ data: [...rows], skipDuplicates: true });
    return count;
  }

  /**
   * Reminders whose reason went away before they were sent: the loan was returned, closed or renewed (a
   * renewal's reminders have a higher round). Marked SKIPPED; `take` never hands them out meanwhile either.
   */
  async skipStaleReminders(): Promise<number> {
    return this.prisma.$executeRaw`
      UPDATE \`Notification\` n LEFT JOIN \`Loan\` l ON l.\`id\` = n.\`loanId\` SET n.\`state\` = 'SKIPPED'
      WHERE n.\`state\` = 'PENDING' AND n.\`kind\` IN ('DUE_SOON', 'DUE_TODAY', 'OVERDUE')
        AND (l.\`id\` IS NULL OR l.\`openBookId\` IS NULL OR l.\`returnedAt\` IS NOT NULL OR n.\`round\` < l.\`renewals\` * 100)`;
  }

  /** Loans picked up, not handed back, past their due date at `now`: the librarians' summary. */
  overdueLoans(now: Date): Promise<Array<Loan & { reader: Reader }>> {
    return this.prisma.loan.findMany({
      where: { openBookId: { not: null }, pickedUpAt: { not: null }, returnedAt: null, dueAt: { lt: now } },
      include: { reader: true },
      orderBy: [{ dueAt: "asc" }, { id: "asc" }],
    });
  }

  /** Messages not yet delivered (quiet hours' reminders included) and when the oldest was written: for /metrics. */
  async backlog(): Promise<{ pending: number; oldest: Date | null }> {
    const found = await this.prisma.notification.aggregate({ where: { state: NotificationState.PENDING }, _count: { _all: true }, _min: { createdAt: true } });
    return { pending: found._count._all, oldest: found._min.createdAt };
  }

  /** Leases up to `first` deliverable rows to a new claim; the rows, oldest first. */
  async take(first: number): Promise<TakenNotification[]> {
    const claim = randomUUID();
    const now = new Date(this.now());
    const until = new Date(now.getTime() + this.options.leaseMs);
    const quiet = this.options.quiet?.(now) ?? false;
    // The inner SELECT picks candidates without locking; the UPDATE re-checks each row's lease under its row
    // lock, so of two takes racing for a row exactly one gets it. (MariaDB has no LIMIT in an IN subquery, hence
    // the derived table.) A change's row waits for its Sheet write; a reminder for its loan still to be out
    // (not returned, not renewed since) and, in quiet hours, for the morning.
    const claimed = await this.prisma.$executeRaw`
      UPDATE \`Notification\` SET \`claim\` = ${claim}, \`claimedUntil\` = ${until}, \`attempts\` = \`attempts\` + 1
      WHERE \`id\` IN (
        SELECT \`id\` FROM (
          SELECT n.\`id\` FROM \`Notification\` n
            LEFT JOIN \`SheetWrite\` w ON w.\`id\` = n.\`sheetWriteId\`
            LEFT JOIN \`Loan\` l ON l.\`id\` = n.\`loanId\`
          WHERE n.\`state\` = 'PENDING' AND (n.\`claimedUntil\` IS NULL OR n.\`claimedUntil\` < ${now})
            AND (n.\`sheetWriteId\` IS NULL OR w.\`state\` = 'DONE')
            AND (n.\`kind\` NOT IN ('DUE_SOON', 'DUE_TODAY', 'OVERDUE', 'OVERDUE_SUMMARY') OR ${quiet ? 1 : 0} = 0)
            AND (n.\`kind\` NOT IN ('DUE_SOON', 'DUE_TODAY', 'OVERDUE')
              OR (l.\`openBookId\` IS NOT NULL AND l.\`returnedAt\` IS NULL AND n.\`round\` >= l.\`renewals\` * 100))
          ORDER BY n.\`id\` LIMIT ${first}
        ) AS candidates
      )
      AND \`state\` = 'PENDING' AND (\`claimedUntil\` IS NULL OR \`claimedUntil\` < ${now})`;
    // Nothing claimed (the bot looks on every loan event, most of which leave no message): no row can hold this claim.
    if (claimed === 0) return [];
    const rows = await this.prisma.notification.findMany({ where: { claim }, include: { recipient: true }, orderBy: { id: "asc" } });
    if (rows.length === 0) return [];
    const loans = await this.prisma.loan.findMany({ where: { id: { in: rows.map((r) => r.loanId) } }, include: { reader: true } });
    const loanById = new Map(loans.map((l) => [l.id, l]));
    const overdue = rows.some((r) => r.kind === NotificationKind.OVERDUE_SUMMARY) ? await this.overdueLoans(now) : [];
    const ready = rows.filter((r) => r.kind === NotificationKind.HOLD_READY).map((r) => r.loanId);
    const holds = ready.length > 0 ? await this.prisma.hold.findMany({ where: { loanId: { in: ready } } }) : [];
    return rows.map((row) => {
      const loan = loanById.get(row.loanId);
      const summary = row.kind === NotificationKind.OVERDUE_SUMMARY ? overdue : [];
      const pickupBy = row.kind === NotificationKind.HOLD_READY ? (holds.find((h) => h.loanId === row.loanId)?.expiresAt ?? null) : null;
      return { ...row, claim, reader: loan?.reader ?? null, photoFileId: loan?.returnPhotoFileId ?? null, dueAt: loan?.dueAt ?? null, overdue: summary, pickupBy };
    });
  }

  /** How a taken row went; false when the claim is not (or no longer) this row's. */
  async ack(id: number, claim: string, outcome: "SENT" | "BLOCKED"): Promise<boolean> {
    const now = new Date(this.now());
    const row = await this.prisma.notification.findUnique({ where: { id } });
    if (!row || row.claim !== claim || row.state !== NotificationState.PENDING) return false;
    if (outcome === "SENT") {
      const { count } = await this.prisma.notification.updateMany({ where: { id, claim, state: NotificationState.PENDING }, data: { state: NotificationState.SENT, sentAt: now } });
      return count === 1;
    }
    // Blocked: this person gets nothing more (their other rows included) until they write to the bot again.
    const [reader] = await this.prisma.$transaction([
      this.prisma.reader.update({ where: { id: row.recipientId }, data: { botBlockedAt: now } }),
      this.prisma.notification.updateMany({ where: { recipientId: row.recipientId, state: NotificationState.PENDING }, data: { state: NotificationState.BLOCKED } }),
    ]);
    // Their next message to the bot must reach fromTelegram, which lifts the mark.
    this.options.blocked?.(reader.telegramId.toString());
    return true;
  }
}
