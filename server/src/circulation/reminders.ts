import type { Logger } from "pino";
import type { CirculationSettings } from "../config.ts";
import { NotificationKind, Role, type PrismaClient } from "../db/client.ts";
import type { Outbox, ScheduledNotification } from "../notifications/outbox.ts";
import { dayNumber, isQuiet, localMinutes } from "./library-clock.ts";
import type { HoldOffers, OfferOutcome } from "./hold-offers.ts";
import type { Privacy } from "./privacy.ts";
import { reminderDue } from "./reminder-rules.ts";

/**
 * The reminder scheduler (docs/ARCHITECTURE.md, "Reminders"). Every instance runs it; none keeps anything in
 * memory. Each `tick` reads the loans on loan from MySQL, names the reminder each is due for now
 * (circulation/reminder-rules.ts) and asks the outbox to write it: the outbox's unique (kind, loan, round,
 * recipient) makes a row exist once, however many instances tick and however often they restart. The bot
 * delivers the rows like any other message.
 *
 * Quiet hours: nothing is written in them (a reminder is named when the morning comes, for the stage the loan
 * is in then), and the outbox does not hand scheduled rows out in them. Once a day, from LIBRARIAN_SUMMARY_TIME,
 * librarians get the summary of what is overdue (round = the date, so once a day).
 */

export interface TickOutcome {
  /** Rows written now (0 when another instance or an earlier tick already wrote them). */
  written: number;
  /** Pending reminders of loans returned or renewed meanwhile, marked SKIPPED. */
  skipped: number;
  /** Loans past LOAN_HISTORY_DAYS given to the anonymous reader. */
  anonymized: number;
  /** The waiting list: books given to the first in line, pickup windows ended. */
  offers: OfferOutcome;
  quiet: boolean;
}

export class ReminderScheduler {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;

  constructor(
    private readonly options: {
      prisma: PrismaClient;
      outbox: Outbox;
      privacy: Privacy;
      /** The waiting list's offers ride on the same tick. */
      offers?: HoldOffers;
      settings: CirculationSettings;
      logger: Logger;
      now: () => number;
    },
  ) {}

  /** Ticks every REMINDER_CHECK_SECONDS (0: only when asked), the first one now. */
  start(): void {
    const seconds = this.options.settings.checkSeconds;
    if (seconds === 0) return;
    const run = () => {
      // One tick at a time in this instance; a slow one is not stacked on.
      this.running ??= this.tick()
        .catch((error) => this.options.logger.warn({ err: (error as Error).message }, "reminder check failed; the next one will retry"))
        .finally(() => (this.running = undefined));
    };
    this.timer = setInterval(run, seconds * 1000);
    this.timer.unref();
    run();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  async tick(): Promise<TickOutcome> {
    const { outbox, settings } = this.options;
    const now = new Date(this.options.now());
    const skipped = await outbox.skipStaleReminders();
    // The history's time limit rides on the same tick: one timer, every instance, nothing in memory.
    const anonymized = await this.options.privacy.purgeHistory(now);
    const offers = (await this.options.offers?.tick(now)) ?? { offered: 0, expired: 0, ended: 0 };
    if (isQuiet(now, settings)) return { written: 0, skipped, anonymized, offers, quiet: true };
    const written = (await outbox.schedule(await this.reminders(now))) + (await outbox.schedule(await this.summaries(now)));
    if (written > 0) this.options.logger.info({ written }, "reminders written to the outbox");
    return { written, skipped, anonymized, offers, quiet: false };
  }

  /** The reminder each loan on loan is due for now, to its reader (unless they blocked the bot). */
  private async reminders(now: Date): Promise<ScheduledNotification[]> {
    const loans = await this.options.prisma.loan.findMany({
      where: { openBookId: { not: null }, pickedUpAt: { not: null }, returnedAt: null, dueAt: { not: null }, reader: { botBlockedAt: null } },
      select: { id: true, bookId: true, readerId: true, dueAt: true, renewals: true },
    });
    return loans.flatMap((loan) => {
      const due = reminderDue({ dueAt: loan.dueAt!, renewals: loan.renewals }, now, this.options.settings);
      return due ? [{ kind: NotificationKind[due.kind], loanId: loan.id, bookId: loan.bookId, round: due.round, recipientId: loan.readerId }] : [];
    });
  }

  /** From the summary time on, one summary a day to each librarian, when anything is overdue. */
  private async summaries(now: Date): Promise<ScheduledNotification[]> {
    const { prisma, outbox, settings } = this.options;
    if (localMinutes(now, settings.timeZone) < settings.summaryAt) return [];
    if ((await outbox.overdueLoans(now)).length === 0) return [];
    const librarians = await prisma.reader.findMany({ where: { role: Role.LIBRARIAN, botBlockedAt: null }, select: { id: true } });
    const round = dayNumber(now, settings.timeZone);
    return librarians.map((l) => ({ kind: NotificationKind.OVERDUE_SUMMARY, loanId: 0, bookId: "", round, recipientId: l.id }));
  }
}
