import { Arg, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from "type-graphql";
import { BookStatus, type Book } from "../catalog/book.ts";
import { BookConnection, BookType, Category } from "./book-types.ts";
import { paginate } from "./connection.ts";
import type { Context } from "./context.ts";
import { badInput } from "./errors.ts";

const MAX_SEARCH_LENGTH = 200;

/** Thin: arguments in, services called, shapes out. */
@Resolver(() => BookType)
export class BookResolver {
  @Query(() => BookConnection, { description: "The catalogue, page by page; filters combine." })
  async books(
    @Ctx() ctx: Context,
    @Arg("first", () => Int, { defaultValue: 10, description: "Page size, 1 to 100." }) first: number,
    @Arg("after", () => String, { nullable: true }) after: string | null,
    @Arg("search", () => String, { nullable: true, description: "Words in the title or author; case and accents ignored." })
    search: string | null,
    @Arg("status", () => BookStatus, { nullable: true }) status: BookStatus | null,
    @Arg("category", () => String, { nullable: true }) category: string | null,
  ): Promise<BookConnection> {
    if (search && search.length > MAX_SEARCH_LENGTH) throw badInput(`search is longer than ${MAX_SEARCH_LENGTH} characters`, "search");
    if (category && category.length > MAX_SEARCH_LENGTH) throw badInput(`category is longer than ${MAX_SEARCH_LENGTH} characters`, "category");
    paginate([], first, after); // validate before doing any work
    const books = await ctx.books.list({ search, status, category });
    return paginate(books, first, after);
  }

  @Query(() => BookType, { nullable: true, description: "One book, or null when the catalogue has no such id." })
  book(@Ctx() ctx: Context, @Arg("id", () => ID) id: string): Promise<Book | null> {
    if (id.length > 64) return Promise.resolve(null);
    return ctx.books.load(id);
  }

  @Query(() => [Category], { description: "Categories with their number of books, for browsing." })
  categories(@Ctx() ctx: Context): Promise<Category[]> {
    return ctx.books.categories();
  }

  // Status fields come from the per-request DataLoader: one Redis round trip for every book of a response.

  @FieldResolver(() => BookStatus)
  async status(@Root() book: Book, @Ctx() ctx: Context): Promise<BookStatus> {
    return ((await ctx.books.load(book.id)) ?? book).status;
  }

  @FieldResolver(() => String, { description: "The Status cell exactly as written in the Sheet (empty when available)." })
  async statusRaw(@Root() book: Book, @Ctx() ctx: Context): Promise<string> {
    return ((await ctx.books.load(book.id)) ?? book).statusRaw;
  }

  @FieldResolver(() => Boolean, { description: "True when the status is older than the cache TTL because the Sheet could not be read." })
  async stale(@Root() book: Book, @Ctx() ctx: Context): Promise<boolean> {
    return ctx.books.freshness((await ctx.books.load(book.id)) ?? book).stale;
  }

  @FieldResolver(() => Date, { description: "Time of the newest information behind the status (a Sheet read or a change written through)." })
  async asOf(@Root() book: Book, @Ctx() ctx: Context): Promise<Date> {
    return ctx.books.freshness((await ctx.books.load(book.id)) ?? book).asOf;
  }

  @FieldResolver(() => String, { nullable: true, description: "Due date of the current loan (YYYY-MM-DD)." })
  async dueDate(@Root() book: Book, @Ctx() ctx: Context): Promise<string | null> {
    return ((await ctx.books.load(book.id)) ?? book).dueDate;
  }
}
