import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root, Subscription } from "type-graphql";
import type { Book } from "../catalog/book.ts";
import { Role, type Loan } from "../db/client.ts";
import type { LoanEvent } from "../loans/events.ts";
import type { LendingActor } from "../loans/lending-service.ts";
import type { LibraryStatsReport } from "../loans/loan-queries.ts";
import type { ReaderRecord } from "../auth/readers.ts";
import { isOverdue, LoanState, loanState, localDate } from "../loans/rules.ts";
import type { Transition } from "../loans/transitions.ts";
import { BookType } from "./book-types.ts";
import type { Context } from "./context.ts";
import { checkPageSize, decodeCursor, encodeCursor, pageOf, type Page } from "./connection.ts";
import { refusal } from "./errors.ts";
import { BookPickups, LibraryStats, LoanConnection, LoanEventObject, LoanType, UserType } from "./lending-types.ts";

/**
 * Lending over GraphQL. Thin: who is asking comes from the context, the services do the work and refuse with
 * LendingErrors, which keep their stable codes (graphql/errors.ts maps them). Roles are declared with @Authorized; whether a
 * reader owns the loan is the service's business (it knows the loan).
 */

function actorOf(ctx: Context): LendingActor {
  return { reader: ctx.auth.reader, librarian: ctx.auth.roles.has(Role.LIBRARIAN) };
}

async function transition(ctx: Context, name: Transition, bookId: string, extra?: { photoFileId?: string | null; override?: boolean }): Promise<Loan> {
  const change = await ctx.lending.service.change(name, bookId, actorOf(ctx), extra);
  // A document may change the same book twice (mutations run in order): each answer shows its own result.
  ctx.books.remember(change.book);
  return change.loan;
}

@Resolver(() => LoanType)
export class LoanResolver {
  // --- the five transitions of the seed, and cancel ------------------------------------------------

  @Authorized(Role.READER)
  @Mutation(() => LoanType, { description: "Books an available book for the acting reader (available -> booked)." })
  bookItem(@Ctx() ctx: Context, @Arg("bookId", () => ID) bookId: string): Promise<Loan> {
    return transition(ctx, "bookItem", bookId);
  }

  @Authorized(Role.LIBRARIAN)
  @Mutation(() => LoanType, { description: "A librarian took the book to the pickup point (booked -> delivered)." })
  markAsDelivered(@Ctx() ctx: Context, @Arg("bookId", () => ID) bookId: string): Promise<Loan> {
    return transition(ctx, "markAsDelivered", bookId);
  }

  @Authorized(Role.READER)
  @Mutation(() => LoanType, { description: "The reader who booked it took it (delivered -> picked up); the due date starts." })
  markAsPickedUp(@Ctx() ctx: Context, @Arg("bookId", () => ID) bookId: string): Promise<Loan> {
    return transition(ctx, "markAsPickedUp", bookId);
  }

  @Authorized(Role.READER)
  @Mutation(() => LoanType, { description: "The reader put it back on the shelf (picked up -> returned), with a photo as proof." })
  markAsReturnedByUser(
    @Ctx() ctx: Context,
    @Arg("bookId", () => ID) bookId: string,
    @Arg("photoFileId", () => String, { nullable: true, description: "Telegram file id of a photo of the book back on the shelf." })
    photoFileId: string | null,
  ): Promise<Loan> {
    return transition(ctx, "markAsReturnedByUser", bookId, { photoFileId: photoFileId ?? null });
  }

  @Authorized(Role.LIBRARIAN)
  @Mutation(() => LoanType, { description: "A librarian confirmed the book is back (returned -> available)." })
  confirmBookReturn(@Ctx() ctx: Context, @Arg("bookId", () => ID) bookId: string): Promise<Loan> {
    return transition(ctx, "confirmBookReturn", bookId);
  }

  @Authorized(Role.READER, Role.LIBRARIAN)
  @Mutation(() => LoanType, { description: "Cancels a booking before pickup (booked or delivered -> available): its reader, or a librarian." })
  cancelBooking(@Ctx() ctx: Context, @Arg("bookId", () => ID) bookId: string): Promise<Loan> {
    return transition(ctx, "cancelBooking", bookId);
  }

  @Authorized(Role.READER, Role.LIBRARIAN)
  @Mutation(() => LoanType, {
    description:
      "Renews a book on loan (picked up): a new due date, written to the Sheet. Its reader may, within the rules (RENEWALS_MAX, " +
      "RENEWAL_GRACE_DAYS, nobody waiting); refused with RENEWAL_REFUSED and `extensions.reason` HELD, OVERDUE or LIMIT. A librarian may.",
  })
  renewLoan(
    @Ctx() ctx: Context,
    @Arg("bookId", () => ID) bookId: string,
    @Arg("override", () => Boolean, { defaultValue: false, description: "A librarian renews regardless of the rules." }) override: boolean,
  ): Promise<Loan> {
    return transition(ctx, "renewLoan", bookId, { override });
  }

  // --- queries -----------------------------------------------------------------------------------

  @Authorized()
  @Query(() => UserType, { nullable: true, description: "The reader acting (a BOT token with X-Telegram-User); null for a token acting for no reader." })
  me(@Ctx() ctx: Context): ReaderRecord | null {
    return ctx.auth.reader;
  }

  @Authorized(Role.LIBRARIAN, Role.BOT)
  @Query(() => LoanConnection, { description: "Loans, newest first; filters combine." })
  async loans(
    @Ctx() ctx: Context,
    @Arg("state", () => LoanState, { nullable: true }) state: LoanState | null,
    @Arg("overdue", () => Boolean, { nullable: true, description: "true: picked up and past the due date; false: all others." }) overdue: boolean | null,
    @Arg("readerId", () => ID, { nullable: true }) readerId: string | null,
    @Arg("bookId", () => ID, { nullable: true }) bookId: string | null,
    @Arg("first", () => Int, { defaultValue: 20, description: "Page size, 1 to 100." }) first: number,
    @Arg("after", () => String, { nullable: true }) after: string | null,
  ): Promise<Page<Loan>> {
    const reader = readerId == null ? null : Number(readerId);
    if (reader !== null && !Number.isSafeInteger(reader)) throw refusal("BAD_USER_INPUT", `readerId "${readerId}" is not a reader id`);
    checkPageSize(first);
    const belowId = after ? decodeCursor("loan", after) : undefined;
    const page = await ctx.lending.queries.page({ state, overdue, readerId: reader, bookId }, first, belowId);
    return pageOf(page.nodes, page.totalCount, page.hasNextPage, (loan) => encodeCursor("loan", loan.id));
  }

  @Authorized(Role.LIBRARIAN, Role.INTEGRATOR)
  @Query(() => LibraryStats, { description: "Readers, pickups, returns, open and overdue loans, queues, and the top 10 books by pickups." })
  libraryStats(
    @Ctx() ctx: Context,
    @Arg("days", () => Int, { defaultValue: 30, description: "The window, in days back from now." }) days: number,
  ): Promise<LibraryStatsReport> {
    return ctx.lending.queries.stats(days);
  }

  // --- a loan's fields ------------------------------------------------------------------------------

  @FieldResolver(() => BookType, { nullable: true, description: "The book, with its current status (null if it left the catalogue)." })
  book(@Root() loan: Loan, @Ctx() ctx: Context): Promise<Book | null> {
    // The per-request DataLoader: every loan's book of a response in ONE Redis round trip.
    return ctx.books.load(loan.bookId);
  }

  @FieldResolver(() => UserType)
  async reader(@Root() loan: Loan, @Ctx() ctx: Context): Promise<ReaderRecord> {
    const reader = await ctx.lending.loans.reader(loan.readerId);
    if (!reader) throw refusal("NOT_FOUND", `Loan ${loan.id} has no reader`);
    return reader;
  }

  @FieldResolver(() => LoanState)
  state(@Root() loan: Loan): LoanState {
    return loanState(loan);
  }

  @FieldResolver(() => Boolean, { description: "Picked up and past its due date." })
  overdue(@Root() loan: Loan, @Ctx() ctx: Context): boolean {
    return isOverdue(loan, new Date(ctx.lending.service.now()));
  }

  @FieldResolver(() => String, { nullable: true, description: "The due date as written in the Sheet (YYYY-MM-DD, the library's time zone)." })
  dueDate(@Root() loan: Loan, @Ctx() ctx: Context): string | null {
    return loan.dueAt ? localDate(loan.dueAt, ctx.lending.service.rules.timeZone) : null;
  }
}

@Resolver(() => UserType)
export class ReaderResolver {
  @Authorized()
  @FieldResolver(() => String, { nullable: true, description: "Phone number (E.164), for librarians (and the reader themself) only." })
  phone(@Root() reader: ReaderRecord, @Ctx() ctx: Context): string | null {
    if (ctx.auth.roles.has(Role.LIBRARIAN) || ctx.auth.reader?.id === reader.id) return reader.phone;
    throw refusal("FORBIDDEN", "Readers' phone numbers are for librarians only");
  }

  @Authorized()
  @FieldResolver(() => [LoanType], { description: "The reader's loans, newest first." })
  loans(
    @Root() reader: ReaderRecord,
    @Ctx() ctx: Context,
    @Arg("open", () => Boolean, { nullable: true, description: "true: open loans only; false: closed and cancelled only." }) open: boolean | null,
  ): Promise<Loan[]> {
    return ctx.lending.loans.loansOf(reader.id, open);
  }

  @Authorized(Role.READER)
  @Mutation(() => UserType, { description: "Sets the acting reader's phone number (as shared from Telegram), or removes it with null." })
  async setMyPhone(@Ctx() ctx: Context, @Arg("phone", () => String, { nullable: true }) phone: string | null): Promise<ReaderRecord> {
    return ctx.lending.readers.setPhone(ctx.auth.reader!.id, phone ?? null);
  }

  @Authorized(Role.LIBRARIAN)
  @Mutation(() => UserType, { description: "Makes a reader a librarian (they can then mark deliveries from the bot), or a reader again." })
  async setReaderRole(
    @Ctx() ctx: Context,
    @Arg("readerId", () => ID) readerId: string,
    @Arg("role", () => Role) role: Role,
  ): Promise<ReaderRecord> {
    // Telegram ids are not secret and a BOT token acts for whoever the bot says: a leaked BOT token must not hand
    // out roles, so only a librarian's own token (the dashboard) may.
    if (ctx.auth.token?.role !== Role.LIBRARIAN) {
      throw refusal("FORBIDDEN", "Roles are given from a librarian's own API token (the dashboard), not through the bot");
    }
    const id = Number(readerId);
    if (!Number.isSafeInteger(id)) throw refusal("NOT_FOUND", `There is no reader ${readerId.slice(0, 40)}`);
    return ctx.lending.readers.setRole(id, role);
  }
}

@Resolver(() => BookPickups)
export class StatsResolver {
  @FieldResolver(() => BookType, { nullable: true })
  book(@Root() top: { bookId: string }, @Ctx() ctx: Context): Promise<Book | null> {
    return ctx.books.load(top.bookId);
  }
}

@Resolver(() => LoanEventObject)
export class LoanEventResolver {
  @Authorized(Role.LIBRARIAN, Role.BOT)
  @Subscription(() => LoanEventObject, {
    description: "Every change of a book's status, on every server instance, as it happens (graphql-ws at /graphql).",
    subscribe: ({ context }) => (context as Context).lending.events.subscribe(),
  })
  loanEvents(@Root() event: LoanEvent): LoanEventObject {
    return { ...event, at: new Date(event.at) };
  }
}

export const LENDING_RESOLVERS = [LoanResolver, ReaderResolver, StatsResolver, LoanEventResolver] as const;
