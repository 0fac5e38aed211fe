import { Field, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { BookStatus } from "../catalog/book.ts";
import { Role } from "../db/client.ts";
import { LoanEventSource, LoanEventType } from "../loans/events.ts";
import { LoanState } from "../loans/rules.ts";
import { Connection } from "./connection.ts";

// Explicit types in every decorator: tsx and esbuild emit no decorator metadata (docs/ARCHITECTURE.md, "Conventions").

registerEnumType(Role, {
  name: "Role",
  description: "What a token, or a reader, may do.",
  valuesConfig: {
    READER: { description: "A Telegram reader, acting through the bot's token." },
    LIBRARIAN: { description: "A librarian: a dashboard token, or a Telegram reader made librarian." },
    INTEGRATOR: { description: "Read-only API access for other software." },
    BOT: { description: "The Telegram bot's service token; with X-Telegram-User it acts for that reader." },
  },
});

registerEnumType(LoanState, {
  name: "LoanState",
  description: "Where a loan is, read from its dates.",
  valuesConfig: {
    BOOKED: { description: "Booked; waiting for a librarian to take the book to the pickup point." },
    DELIVERED: { description: "At the pickup point, waiting for the reader." },
    PICKED_UP: { description: "With the reader until the due date." },
    RETURNED: { description: "The reader put it back; waiting for a librarian's confirmation." },
    CLOSED: { description: "A librarian confirmed the return." },
    CANCELLED: { description: "Cancelled before pickup." },
  },
});

registerEnumType(LoanEventType, {
  name: "LoanEventType",
  valuesConfig: {
    BOOKED: { description: "bookItem" },
    DELIVERED: { description: "markAsDelivered" },
    PICKED_UP: { description: "markAsPickedUp" },
    RETURNED: { description: "markAsReturnedByUser" },
    RETURN_CONFIRMED: { description: "confirmBookReturn" },
    CANCELLED: { description: "cancelBooking" },
    RENEWED: { description: "renewLoan: a new due date." },
    STATUS_EDITED: { description: "A librarian changed the Status cell in the Sheet by hand." },
  },
});

registerEnumType(LoanEventSource, {
  name: "LoanEventSource",
  valuesConfig: {
    MUTATION: { description: "A change made through the API." },
    SHEET_EDIT: { description: "A hand edit found in the Sheet." },
  },
});

@ObjectType("User", { description: "A reader: a Telegram user who borrows books (librarians may be readers too)." })
export class UserType {
  @Field(() => ID)
  id!: number;

  @Field(() => String, { description: "Telegram user id." })
  telegramId!: string;

  @Field(() => String, { description: "First and last name, as on Telegram." })
  name!: string;

  @Field(() => String, { nullable: true })
  username!: string | null;

  @Field(() => String, { nullable: true, description: "Telegram's language_code (uk, en, ...)." })
  languageCode!: string | null;

  @Field(() => Role, { description: "READER, or LIBRARIAN for a reader made librarian." })
  role!: Role;

  @Field(() => Date)
  createdAt!: Date;

  // phone and loans are resolved in ReaderResolver.
}

@ObjectType("Loan", { description: "One reader's borrowing of one book, from booking to the confirmed return." })
export class LoanType {
  @Field(() => ID)
  id!: number;

  @Field(() => ID)
  bookId!: string;

  @Field(() => Date)
  bookedAt!: Date;

  @Field(() => Date, { nullable: true })
  deliveredAt!: Date | null;

  @Field(() => Date, { nullable: true })
  pickedUpAt!: Date | null;

  @Field(() => Date, { nullable: true, description: "When the book is due (set at pickup)." })
  dueAt!: Date | null;

  @Field(() => Date, { nullable: true })
  returnedAt!: Date | null;

  @Field(() => String, { nullable: true, description: "Telegram file id of the photo of the book back on the shelf." })
  returnPhotoFileId!: string | null;

  @Field(() => Date, { nullable: true })
  confirmedAt!: Date | null;

  @Field(() => Date, { nullable: true })
  cancelledAt!: Date | null;

  // state, overdue, dueDate, book and reader are resolved in LoanResolver.
}

export const LoanConnection = Connection(LoanType, "Loan", "Loans matching the filters, on all pages.");
export type LoanConnection = InstanceType<typeof LoanConnection>;

@ObjectType({ description: "A book and how often it was picked up in the window." })
export class BookPickups {
  @Field(() => ID)
  bookId!: string;

  @Field(() => Int)
  pickups!: number;

  // book is resolved in StatsResolver.
}

@ObjectType({ description: "The library in numbers: counts over the last `days` days, and now." })
export class LibraryStats {
  @Field(() => Int)
  days!: number;

  @Field(() => Date, { description: "Start of the window." })
  since!: Date;

  @Field(() => Int, { description: "Readers known to kurin." })
  readers!: number;

  @Field(() => Int, { description: "Bookings made in the window." })
  bookings!: number;

  @Field(() => Int, { description: "Books picked up in the window." })
  pickups!: number;

  @Field(() => Int, { description: "Books handed back in the window." })
  returns!: number;

  @Field(() => Int, { description: "Open loans now (booked to returned-not-confirmed)." })
  open!: number;

  @Field(() => Int, { description: "Picked-up books past their due date now." })
  overdue!: number;

  @Field(() => Int, { description: "Booked books waiting to be taken to the pickup point." })
  waitingForDelivery!: number;

  @Field(() => Int, { description: "Returns waiting for a librarian's confirmation." })
  waitingForConfirmation!: number;

  @Field(() => [BookPickups], { description: "The ten books picked up most in the window." })
  topBooks!: BookPickups[];
}

@ObjectType("LoanEvent", { description: "A change of a book's status: a lending mutation, or a hand edit in the Sheet." })
export class LoanEventObject {
  @Field(() => ID)
  id!: string;

  @Field(() => LoanEventType)
  type!: LoanEventType;

  @Field(() => LoanEventSource)
  source!: LoanEventSource;

  @Field(() => Date)
  at!: Date;

  @Field(() => ID)
  bookId!: string;

  @Field(() => String, { nullable: true })
  bookTitle!: string | null;

  @Field(() => ID, { nullable: true })
  loanId!: number | null;

  @Field(() => ID, { nullable: true })
  readerId!: number | null;

  @Field(() => UserType, { nullable: true, description: "The loan's reader as at the event (phone: librarians only)." })
  reader!: UserType | null;

  @Field(() => BookStatus, { nullable: true })
  from!: BookStatus | null;

  @Field(() => BookStatus)
  to!: BookStatus;

  @Field(() => String, { description: "The Status cell as now written." })
  statusRaw!: string;

  @Field(() => String, { nullable: true, description: "Due date (YYYY-MM-DD) in the Sheet after the change." })
  dueDate!: string | null;

  @Field(() => Boolean, { description: "A librarian made the change." })
  byLibrarian!: boolean;
}
