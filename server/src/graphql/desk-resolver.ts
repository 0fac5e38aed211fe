import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from "type-graphql";
import type { ReaderRecord } from "../auth/readers.ts";
import type { Book } from "../catalog/book.ts";
import { Role } from "../db/client.ts";
import type { DriftReport } from "../loans/drift.ts";
import { BookType } from "./book-types.ts";
import { paginate, type Page } from "./connection.ts";
import type { Context } from "./context.ts";
import { badInput, refusal } from "./errors.ts";
import { UserType } from "./lending-types.ts";
import { LendingDriftType, LibraryType, ReaderConnection, ViewerType } from "./desk-types.ts";

/**
 * What the librarians' desk asks beyond lending itself: who is signed in, the bot's name for QR codes,
 * readers with their open and overdue loans, and the books the Sheet and kurin disagree about. Thin, as
 * every resolver: the services do the work.
 */

const MAX_SEARCH_LENGTH = 200;

@Resolver()
export class DeskResolver {
  @Authorized()
  @Query(() => ViewerType, { nullable: true, description: "The token of this request: its name and role; null for a bot acting for a reader." })
  viewer(@Ctx() ctx: Context): ViewerType | null {
    const token = ctx.auth.token;
    return token && !ctx.auth.reader ? { name: token.name, role: token.role } : null;
  }

  @Query(() => LibraryType, { description: "Facts about this library's kurin that clients need (the bot's username)." })
  async library(@Ctx() ctx: Context): Promise<LibraryType> {
    return { botUsername: await ctx.telegram.botUsername() };
  }

  @Authorized(Role.LIBRARIAN)
  @Query(() => ReaderConnection, { description: "Readers by name, page by page; search matches the name, @username or phone." })
  async readers(
    @Ctx() ctx: Context,
    @Arg("search", () => String, { nullable: true, description: "Part of the name, the username (with or without @) or the phone." }) search: string | null,
    @Arg("first", () => Int, { defaultValue: 20, description: "Page size, 1 to 100." }) first: number,
    @Arg("after", () => String, { nullable: true }) after: string | null,
  ): Promise<Page<ReaderRecord>> {
    if (search && search.length > MAX_SEARCH_LENGTH) throw badInput(`search is longer than ${MAX_SEARCH_LENGTH} characters`, "search");
    return paginate(await ctx.lending.readers.search(search ?? ""), first, after);
  }

  @Authorized(Role.LIBRARIAN)
  @Query(() => UserType, { nullable: true, description: "One reader, or null when there is no such reader." })
  reader(@Ctx() ctx: Context, @Arg("id", () => ID) id: string): Promise<ReaderRecord | null> {
    const readerId = Number(id);
    if (!Number.isSafeInteger(readerId)) return Promise.resolve(null);
    return ctx.lending.loans.reader(readerId);
  }

  @Authorized(Role.LIBRARIAN, Role.INTEGRATOR)
  @Query(() => LendingDriftType, { description: "Books lent outside kurin, and kurin's open loans the Sheet does not show." })
  lendingDrift(@Ctx() ctx: Context): Promise<DriftReport> {
    return ctx.lending.drift.find();
  }

  @Authorized(Role.LIBRARIAN)
  @Mutation(() => BookType, {
    description: "A book lent outside kurin is back on the shelf: clears its Status and due date in the Sheet. Refused for a book kurin lent itself.",
  })
  async returnToShelf(@Ctx() ctx: Context, @Arg("bookId", () => ID) bookId: string): Promise<Book> {
    if (bookId.trim() === "" || bookId.length > 64) throw refusal("NOT_FOUND", `There is no book "${bookId.slice(0, 80)}"`);
    const book = await ctx.lending.drift.returnToShelf(bookId);
    ctx.books.forget(bookId);
    return book;
  }
}

@Resolver(() => UserType)
export class ReaderCountsResolver {
  @Authorized(Role.LIBRARIAN)
  @FieldResolver(() => Int, { description: "Loans open now (booked to returned-not-confirmed); librarians only." })
  async openLoanCount(@Root() reader: ReaderRecord, @Ctx() ctx: Context): Promise<number> {
    return (await ctx.lending.loans.countsOf(reader.id)).open;
  }

  @Authorized(Role.LIBRARIAN)
  @FieldResolver(() => Int, { description: "Picked-up books past their due date now; librarians only." })
  async overdueLoanCount(@Root() reader: ReaderRecord, @Ctx() ctx: Context): Promise<number> {
    return (await ctx.lending.loans.countsOf(reader.id)).overdue;
  }
}

export const DESK_RESOLVERS = [DeskResolver, ReaderCountsResolver] as const;
