import { Field, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { NotificationKind } from "../db/client.ts";

/** The outbox over GraphQL: what the bot takes, sends and acknowledges. */

registerEnumType(NotificationKind, {
  name: "NotificationKind",
  description: "What a message tells, and so who gets it.",
  valuesConfig: {
    BOOKED: { description: "To librarians: a reader booked a book; take it to the pickup point." },
    DELIVERED: { description: "To the reader: the book waits at the pickup point." },
    RETURNED: { description: "To librarians: a reader put the book back (with the shelf photo); confirm it." },
    RETURN_CONFIRMED: { description: "To the reader: a librarian confirmed the return." },
    CANCELLED: { description: "To the reader: a librarian cancelled their booking." },
    DUE_SOON: { description: "To the reader: the book is due in a few days (REMINDER_DUE_SOON_DAYS)." },
    DUE_TODAY: { description: "To the reader: the book is due today." },
    OVERDUE: { description: "To the reader: the book is overdue; `round` says which reminder this is." },
    OVERDUE_SUMMARY: { description: "To librarians: the morning summary of overdue loans, in `overdue`." },
    HOLD_READY: { description: "To the reader: the book they waited for is booked for them; pick it up by `pickupBy`." },
  },
});

export enum NotificationOutcome {
  SENT = "SENT",
  BLOCKED = "BLOCKED",
}

registerEnumType(NotificationOutcome, {
  name: "NotificationOutcome",
  description: "How the delivery of a message went.",
  valuesConfig: {
    SENT: { description: "Telegram took the message." },
    BLOCKED: { description: "Telegram answered 403: the person blocked the bot; kurin writes to them no more until they write to it." },
  },
});

@ObjectType("OverdueLoan", { description: "A loan past its due date, as the librarians' summary lists it." })
export class OverdueLoanObject {
  @Field(() => ID)
  bookId!: string;

  @Field(() => String, { nullable: true, description: "null when the book left the catalogue." })
  bookTitle!: string | null;

  @Field(() => String)
  readerName!: string;

  @Field(() => String, { nullable: true })
  readerUsername!: string | null;

  @Field(() => String, { nullable: true })
  readerPhone!: string | null;

  @Field(() => String, { description: "YYYY-MM-DD in the library's time zone." })
  dueDate!: string;
}

@ObjectType("Notification", { description: "A message a person must get from the bot, taken from kurin's outbox." })
export class NotificationObject {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { description: "Proves this taker holds the message: hand it back with ackNotification." })
  claim!: string;

  @Field(() => NotificationKind)
  kind!: NotificationKind;

  @Field(() => ID)
  bookId!: string;

  @Field(() => String, { description: "Telegram user id of the recipient (their private chat with the bot)." })
  recipientTelegramId!: string;

  @Field(() => String, { nullable: true, description: "The recipient's Telegram language_code." })
  recipientLanguage!: string | null;

  @Field(() => String, { nullable: true, description: "null when the book left the catalogue." })
  bookTitle!: string | null;

  @Field(() => String, { nullable: true })
  bookAuthor!: string | null;

  @Field(() => String, { description: "The loan's reader: who booked or returned the book." })
  readerName!: string;

  @Field(() => String, { nullable: true })
  readerUsername!: string | null;

  @Field(() => String, { nullable: true, description: "The loan's reader's phone: in librarians' messages only." })
  readerPhone!: string | null;

  @Field(() => String, { nullable: true, description: "RETURNED: Telegram file id of the photo of the book back on the shelf." })
  photoFileId!: string | null;

  @Field(() => String, { nullable: true, description: "Due date of the loan (YYYY-MM-DD), once picked up." })
  dueDate!: string | null;

  @Field(() => Int, { nullable: true, description: "OVERDUE: which overdue reminder of this loan (1, 2, ...); else null." })
  overdueRound!: number | null;

  @Field(() => Date, { nullable: true, description: "HOLD_READY: the end of the pickup window." })
  pickupBy!: Date | null;

  @Field(() => String, { nullable: true, description: "HOLD_READY: the end of the pickup window in the library's time zone, YYYY-MM-DD HH:MM." })
  pickupByLocal!: string | null;

  @Field(() => [OverdueLoanObject], { description: "OVERDUE_SUMMARY: what is overdue now, oldest due first; else empty." })
  overdue!: OverdueLoanObject[];
}
