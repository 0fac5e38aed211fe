import type { ReaderRecord } from "../auth/readers.ts";
import { toReaderRecord } from "../auth/readers.ts";
import { HoldState, NotificationState, Role, type PrismaClient } from "../db/client.ts";
import { KurinError } from "../errors.ts";

/**
 * Readers' personal data, kept no longer than needed (docs/ARCHITECTURE.md, "History and privacy"). Loans are
 * never deleted: the counts per book and the library's statistics stay right. What goes is who:
 *
 * - `forget(readerId)` (a librarian's forgetReader, on the reader's request): the reader's row keeps its id and
 *   loses its name, username, phone, language and Telegram id (replaced by -id, which no Telegram user has: if
 *   the person writes to the bot again they are a new reader); their shelf photos, undelivered messages and places in waiting lists go.
 * - `purgeHistory(now)` (LOAN_HISTORY_DAYS): loans closed longer ago are given to the anonymous reader (as
 *   Koha's AnonymousPatron), so readers' histories hold only the recent past.
 */

/** The anonymous reader's Telegram id: 0 is no Telegram user's. */
const ANONYMOUS_TELEGRAM_ID = 0n;
const DAY_MS = 24 * 3600 * 1000;

export class Privacy {
  constructor(
    private readonly options: {
      prisma: PrismaClient;
      historyDays: number;
      /** Told of a reader forgotten (auth drops its remembered copy, by their old Telegram id). */
      forgotten?: (telegramId: string) => void;
    },
  ) {}

  async forget(readerId: number, now: Date): Promise<ReaderRecord> {
    const { prisma } = this.options;
    const reader = await prisma.reader.findUnique({ where: { id: readerId } });
    if (!reader || reader.telegramId === ANONYMOUS_TELEGRAM_ID) throw new KurinError("NOT_FOUND", `There is no reader ${readerId}`);
    const open = await prisma.loan.count({ where: { readerId, openBookId: { not: null } } });
    if (open > 0) {
      throw new KurinError("CONFLICT", `Reader ${readerId} has ${open} book(s) booked or on loan: close those loans first, then forget the reader`);
    }
    const [forgotten] = await prisma.$transaction([
      prisma.reader.update({
        where: { id: readerId },
        data: { telegramId: -BigInt(readerId), name: "", username: null, phone: null, languageCode: null, role: Role.READER, forgottenAt: now },
      }),
      prisma.loan.updateMany({ where: { readerId }, data: { returnPhotoFileId: null } }),
      prisma.notification.updateMany({ where: { recipientId: readerId, state: NotificationState.PENDING }, data: { state: NotificationState.SKIPPED } }),
      // Their places in waiting lists go too (a READY hold has an open loan, refused above).
      prisma.hold.updateMany({ where: { readerId, state: HoldState.WAITING }, data: { state: HoldState.CANCELLED, activeKey: null } }),
    ]);
    this.options.forgotten?.(reader.telegramId.toString());
    return toReaderRecord(forgotten);
  }

  /** Loans closed more than LOAN_HISTORY_DAYS ago, given to the anonymous reader; how many. */
  async purgeHistory(now: Date): Promise<number> {
    const { prisma, historyDays } = this.options;
    if (historyDays === 0) return 0;
    const before = new Date(now.getTime() - historyDays * DAY_MS);
    const anonymous = await prisma.reader.upsert({
      where: { telegramId: ANONYMOUS_TELEGRAM_ID },
      create: { telegramId: ANONYMOUS_TELEGRAM_ID, name: "", forgottenAt: now },
      update: {},
    });
    const { count } = await prisma.loan.updateMany({
      where: { readerId: { not: anonymous.id }, openBookId: null, OR: [{ confirmedAt: { lt: before } }, { cancelledAt: { lt: before } }] },
      data: { readerId: anonymous.id, returnPhotoFileId: null },
    });
    return count;
  }
}
