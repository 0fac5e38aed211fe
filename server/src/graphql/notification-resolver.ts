import { Arg, Authorized, Ctx, ID, Int, Mutation, Resolver } from "type-graphql";
import { Role } from "../db/client.ts";
import { timeFormat } from "../circulation/library-clock.ts";
import { ROUNDS_PER_RENEWAL } from "../circulation/reminder-rules.ts";
import { localDate } from "../loans/rules.ts";
import type { TakenNotification } from "../notifications/outbox.ts";
import type { Book } from "../catalog/book.ts";
import type { Context } from "./context.ts";
import { badInput } from "./errors.ts";
import { NotificationObject, NotificationOutcome } from "./notification-types.ts";

/**
 * The outbox for the bot (its own BOT token, acting for no reader): take messages to send, then say how each
 * went. Thin: the Outbox leases, records and marks; this adds the book's title from the catalogue.
 */
@Resolver(() => NotificationObject)
export class NotificationResolver {
  @Authorized(Role.BOT)
  @Mutation(() => [NotificationObject], {
    description: "Takes up to `first` messages to send, oldest first; each is this taker's until acknowledged or its lease ends.",
  })
  async takeNotifications(@Ctx() ctx: Context, @Arg("first", () => Int, { defaultValue: 20, description: "1 to 100." }) first: number): Promise<NotificationObject[]> {
    if (!Number.isInteger(first) || first < 1 || first > 100) throw badInput(`first must be between 1 and 100, got ${first}`, "first");
    const taken = await ctx.notifications.take(first);
    const ids = [...new Set(taken.flatMap((n) => [n.bookId, ...n.overdue.map((l) => l.bookId)]).filter((id) => id !== ""))];
    const books = new Map(ids.map((id, i) => [id, i]));
    const loaded = await Promise.all(ids.map((id) => ctx.books.load(id)));
    const bookOf = (id: string) => loaded[books.get(id) ?? -1] ?? null;
    return taken.map((n) => toObject(n, bookOf, ctx.lending.service.rules.timeZone));
  }

  @Authorized(Role.BOT)
  @Mutation(() => Boolean, { description: "How a taken message went; false when the claim is not (or no longer) its holder's." })
  ackNotification(
    @Ctx() ctx: Context,
    @Arg("id", () => ID) id: string,
    @Arg("claim", () => String) claim: string,
    @Arg("outcome", () => NotificationOutcome) outcome: NotificationOutcome,
  ): Promise<boolean> {
    const row = Number(id);
    if (!Number.isSafeInteger(row)) return Promise.resolve(false);
    return ctx.notifications.ack(row, claim, outcome);
  }
}

function localDateTime(at: Date, timeZone: string): string {
  const time = timeFormat(timeZone).format(at);
  return `${localDate(at, timeZone)} ${time}`;
}

function toObject(n: TakenNotification, bookOf: (id: string) => Book | null, timeZone: string): NotificationObject {
  const forLibrarians = n.kind === "BOOKED" || n.kind === "RETURNED";
  const book = bookOf(n.bookId);
  return {
    id: String(n.id),
    claim: n.claim,
    kind: n.kind,
    bookId: n.bookId,
    recipientTelegramId: n.recipient.telegramId.toString(),
    recipientLanguage: n.recipient.languageCode,
    bookTitle: book?.title ?? null,
    bookAuthor: book?.author ?? null,
    readerName: n.reader?.name ?? "",
    readerUsername: n.reader?.username ?? null,
    // A reader's phone goes to librarians only.
    readerPhone: forLibrarians ? (n.reader?.phone ?? null) : null,
    photoFileId: n.kind === "RETURNED" ? n.photoFileId : null,
    dueDate: n.dueAt ? localDate(n.dueAt, timeZone) : null,
    pickupBy: n.pickupBy,
    pickupByLocal: n.pickupBy ? localDateTime(n.pickupBy, timeZone) : null,
    overdueRound: n.kind === "OVERDUE" && n.round !== null ? n.round % ROUNDS_PER_RENEWAL : null,
    // The summary goes to librarians: it carries the readers' phones.
    overdue: n.overdue.map((loan) => ({
      bookId: loan.bookId,
      bookTitle: bookOf(loan.bookId)?.title ?? null,
      readerName: loan.reader.name,
      readerUsername: loan.reader.username,
      readerPhone: loan.reader.phone,
      dueDate: localDate(loan.dueAt!, timeZone),
    })),
  };
}
