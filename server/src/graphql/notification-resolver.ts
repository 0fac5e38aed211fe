import { Arg, Authorized, Ctx, ID, Int, Mutation, Resolver } from "type-graphql";
import { Role } from "../db/client.ts";
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
    const books = await Promise.all(taken.map((n) => ctx.books.load(n.bookId)));
    return taken.map((n, i) => toObject(n, books[i] ?? null, ctx.lending.service.rules.timeZone));
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

function toObject(n: TakenNotification, book: Book | null, timeZone: string): NotificationObject {
  const forLibrarians = n.kind === "BOOKED" || n.kind === "RETURNED";
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
  };
}
