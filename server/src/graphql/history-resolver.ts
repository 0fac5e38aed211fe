import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Resolver, Root } from "type-graphql";
import type { ReaderRecord } from "../auth/readers.ts";
import type { Book } from "../catalog/book.ts";
import { Role, type Loan } from "../db/client.ts";
import { BookType } from "./book-types.ts";
import type { Context } from "./context.ts";
import { checkPageSize, decodeCursor, encodeCursor, pageOf, type Page } from "./connection.ts";
import { refusal } from "./errors.ts";
import { LoanConnection, UserType } from "./lending-types.ts";

/**
 * History: a reader's loans and a book's loans, newest first, as connections (the bot's /history, the
 * dashboard's reader and book pages); and forgetReader (`reader(id)` itself is the desk's, graphql/desk-resolver.ts). Thin: LoanQueries pages, Privacy forgets.
 */

const FIRST = { defaultValue: 10, description: "Page size, 1 to 100." };
const AFTER = { nullable: true, description: "endCursor of the page before." };

async function loanPage(ctx: Context, filter: { readerId?: number; bookId?: string }, first: number, after: string | null): Promise<Page<Loan>> {
  checkPageSize(first);
  const belowId = after ? decodeCursor("loan", after) : undefined;
  const page = await ctx.lending.queries.page({ state: null, overdue: null, readerId: filter.readerId ?? null, bookId: filter.bookId ?? null }, first, belowId);
  return pageOf(page.nodes, page.totalCount, page.hasNextPage, (loan) => encodeCursor("loan", loan.id));
}

@Resolver(() => UserType)
export class ReaderHistoryResolver {
  @Authorized()
  @FieldResolver(() => LoanConnection, { description: "The reader's loans, newest first (the reader themself and librarians). Loans past LOAN_HISTORY_DAYS are no one's." })
  history(
    @Root() reader: ReaderRecord,
    @Ctx() ctx: Context,
    @Arg("first", () => Int, FIRST) first: number,
    @Arg("after", () => String, AFTER) after: string | null,
  ): Promise<Page<Loan>> {
    if (!ctx.auth.roles.has(Role.LIBRARIAN) && ctx.auth.reader?.id !== reader.id) throw refusal("FORBIDDEN", "A reader's history is for them and librarians only");
    return loanPage(ctx, { readerId: reader.id }, first, after);
  }

  @Authorized(Role.LIBRARIAN)
  @Mutation(() => UserType, {
    description:
      "Removes a reader's personal data on their request: name, username, phone, language, Telegram id and shelf photos. Their " +
      "loans stay, anonymous, so counts stay right. Refused (CONFLICT) while they have a book booked or on loan.",
  })
  forgetReader(@Ctx() ctx: Context, @Arg("readerId", () => ID) readerId: string): Promise<ReaderRecord> {
    // Like roles: a leaked BOT token acting as a librarian must not erase readers.
    if (ctx.auth.token?.role !== Role.LIBRARIAN) throw refusal("FORBIDDEN", "Readers are forgotten from a librarian's own API token (the dashboard)");
    const id = Number(readerId);
    if (!Number.isSafeInteger(id)) throw refusal("NOT_FOUND", `There is no reader ${readerId.slice(0, 40)}`);
    return ctx.privacy.forget(id, new Date(ctx.lending.service.now()));
  }
}

@Resolver(() => BookType)
export class BookHistoryResolver {
  @Authorized(Role.LIBRARIAN)
  @FieldResolver(() => LoanConnection, { description: "The book's loans, newest first (librarians)." })
  history(
    @Root() book: Book,
    @Ctx() ctx: Context,
    @Arg("first", () => Int, FIRST) first: number,
    @Arg("after", () => String, AFTER) after: string | null,
  ): Promise<Page<Loan>> {
    return loanPage(ctx, { bookId: book.id }, first, after);
  }
}
