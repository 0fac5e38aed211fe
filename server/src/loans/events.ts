import { randomUUID } from "node:crypto";
import { createPubSub } from "@graphql-yoga/subscription";
import type { Redis } from "ioredis";
import type { Logger } from "pino";
import type { ReaderRecord } from "../auth/readers.ts";
import type { Book, BookStatus } from "../catalog/book.ts";
import type { CachedBook } from "../cache/book-cache.ts";
import type { RedisGuard } from "../cache/redis-guard.ts";
import type { Loan } from "../db/client.ts";
import type { Transition } from "./transitions.ts";

/**
 * Loan events: every status change, by a mutation or by a librarian's hand edit in the Sheet, as one typed
 * event. Subscribers on every instance get every event: an event is delivered to this instance's subscribers
 * at once and published on a Redis channel; the other instances (each with its own subscriber connection)
 * hand it to theirs. Without Redis, events reach this instance's subscribers only.
 */

export enum LoanEventType {
  BOOKED = "BOOKED",
  DELIVERED = "DELIVERED",
  PICKED_UP = "PICKED_UP",
  RETURNED = "RETURNED",
  RETURN_CONFIRMED = "RETURN_CONFIRMED",
  CANCELLED = "CANCELLED",
  /** The loan was renewed: a new due date. */
  RENEWED = "RENEWED",
  /** A librarian changed the Status cell by hand. */
  STATUS_EDITED = "STATUS_EDITED",
}

export enum LoanEventSource {
  MUTATION = "MUTATION",
  SHEET_EDIT = "SHEET_EDIT",
}

export const EVENT_OF_TRANSITION: Readonly<Record<Transition, LoanEventType>> = {
  bookItem: LoanEventType.BOOKED,
  markAsDelivered: LoanEventType.DELIVERED,
  markAsPickedUp: LoanEventType.PICKED_UP,
  markAsReturnedByUser: LoanEventType.RETURNED,
  confirmBookReturn: LoanEventType.RETURN_CONFIRMED,
  cancelBooking: LoanEventType.CANCELLED,
  renewLoan: LoanEventType.RENEWED,
};

export interface LoanEvent {
  id: string;
  type: LoanEventType;
  source: LoanEventSource;
  /** ISO time of the change. */
  at: string;
  bookId: string;
  bookTitle: string | null;
  /** The loan concerned; null for a hand edit of a book nobody has. */
  loanId: number | null;
  readerId: number | null;
  /** The loan's reader as at the event (phone included: the API shows it to librarians only). */
  reader: ReaderRecord | null;
  from: BookStatus | null;
  to: BookStatus;
  /** The Status cell as now written. */
  statusRaw: string;
  dueDate: string | null;
  /** A librarian made the change (e.g. cancelled a reader's booking). */
  byLibrarian: boolean;
}

/** The event of a transition made through the API (or finished late by the repairer). */
export function transitionEvent(
  transition: Transition,
  change: { loan: Loan; reader: ReaderRecord | null; before: Book; after: Book; at: Date; byLibrarian: boolean },
): LoanEvent {
  return {
    id: randomUUID(),
    type: EVENT_OF_TRANSITION[transition],
    source: LoanEventSource.MUTATION,
    at: change.at.toISOString(),
    bookId: change.after.id,
    bookTitle: change.after.title,
    loanId: change.loan.id,
    readerId: change.loan.readerId,
    reader: change.reader,
    from: change.before.status,
    to: change.after.status,
    statusRaw: change.after.statusRaw,
    dueDate: change.after.dueDate,
    byLibrarian: change.byLibrarian,
  };
}

/** The event of a librarian's hand edit of the Status column, with the open loan of the book if there is one. */
export function sheetEditEvent(
  edit: { before: CachedBook; after: CachedBook },
  loan: { id: number; readerId: number; reader: ReaderRecord } | undefined,
  now: Date,
): LoanEvent {
  const { before, after } = edit;
  return {
    id: randomUUID(),
    type: LoanEventType.STATUS_EDITED,
    source: LoanEventSource.SHEET_EDIT,
    at: new Date(after.changedAt ?? now.getTime()).toISOString(),
    bookId: after.id,
    bookTitle: after.title,
    loanId: loan?.id ?? null,
    readerId: loan?.readerId ?? null,
    reader: loan?.reader ?? null,
    from: before.status,
    to: after.status,
    statusRaw: after.statusRaw,
    dueDate: after.dueDate,
    byLibrarian: true,
  };
}

interface WireMessage {
  origin: string;
  event: LoanEvent;
}

export interface LoanEventBusOptions {
  /** The instance's Redis connection (for PUBLISH). */
  redis: Redis;
  guard: RedisGuard;
  /** A connection of its own for SUBSCRIBE (a subscribed connection can do nothing else). */
  subscriber: Redis;
  channel: string;
  logger: Logger;
  instanceId?: string;
}

export class LoanEventBus {
  /** Also handed to type-graphql's buildSchema as its PubSub. */
  readonly pubSub = createPubSub<{ loanEvent: [LoanEvent] }>();
  private readonly instanceId: string;
  private publishFailing = false;

  constructor(private readonly options: LoanEventBusOptions) {
    this.instanceId = options.instanceId ?? randomUUID();
  }

  start(): void {
    const { subscriber, channel, logger } = this.options;
    subscriber.on("message", (from: string, text: string) => {
      if (from !== channel) return;
      let message: WireMessage;
      try {
        message = JSON.parse(text) as WireMessage;
      } catch {
        logger.warn({ text: text.slice(0, 100) }, "ignored a malformed message on the loan event channel");
        return;
      }
      if (message.origin === this.instanceId || !message.event) return; // delivered locally already
      const { reader } = message.event;
      // JSON carried the reader's createdAt as text.
      this.pubSub.publish("loanEvent", { ...message.event, reader: reader ? { ...reader, createdAt: new Date(reader.createdAt) } : null });
    });
    // Not awaited: while Redis is down SUBSCRIBE waits in the queue; ioredis re-subscribes after reconnects.
    void this.options.guard.tryRedis(
      () => subscriber.subscribe(channel),
      (error) => logger.debug({ err: (error as Error).message }, "loan event channel not subscribed"),
    );
  }

  /** Delivers an event here at once and to the other instances through Redis. */
  async publish(event: LoanEvent): Promise<void> {
    this.pubSub.publish("loanEvent", event);
    const { redis, guard, channel, logger } = this.options;
    const published = await guard.tryRedis(
      async () => {
        await guard.run(() => redis.publish(channel, JSON.stringify({ origin: this.instanceId, event } satisfies WireMessage)));
        return true;
      },
      (error) => {
        if (!this.publishFailing) logger.warn({ err: (error as Error).message }, "loan events reach this instance's subscribers only: Redis is unavailable");
        return false;
      },
    );
    this.publishFailing = !published;
  }

  /** Every event from now on, from every instance. */
  subscribe(): AsyncIterable<LoanEvent> {
    return this.pubSub.subscribe("loanEvent");
  }

  async stop(): Promise<void> {
    this.options.subscriber.disconnect();
  }
}
