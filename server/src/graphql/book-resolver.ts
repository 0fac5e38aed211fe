import type { GraphQLResolveInfo } from "graphql";
import { Arg, Ctx, FieldResolver, ID, Info, Int, Query, Resolver, Root } from "type-graphql";
import { BookStatus, type Book } from "../catalog/book.ts";
import type { CachedBook } from "../cache/book-cache.ts";
import { BookConnection, BookType, Category } from "./book-types.ts";
import { checkPageSize, paginate, withNodes, type Page } from "./connection.ts";
import type { Context } from "./context.ts";
import { badInput } from "./errors.ts";
import { selectsAnyOf } from "./selection.ts";

const MAX_SEARCH_LENGTH = 200;

/** Book fields that come from the cache on every request rather than from the listing snapshot. */
const STATUS_FIELDS: ReadonlySet<string> = new Set(["status", "statusRaw", "dueDate", "stale", "asOf"]);

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
    @Info() info: GraphQLResolveInfo,
  ): Promise<Page<CachedBook>> {
    if (search && search.length > MAX_SEARCH_LENGTH) throw badInput(`search is longer than ${MAX_SEARCH_LENGTH} characters`, "search");
    if (category && category.length > MAX_SEARCH_LENGTH) throw badInput(`category is longer than ${MAX_SEARCH_LENGTH} characters`, "category");
    // Validate before doing any work.
    checkPageSize(first);
    if (after) paginate([], first, after);
    const books = await ctx.books.list({ search, status, category });
    const page = paginate(books, first, after);
    // Statuses asked for: load the page's books in one batch now, so 100 status fields answer without waiting.
    return selectsAnyOf(info, STATUS_FIELDS) ? withNodes(page, await ctx.books.loadPage(page.nodes)) : page;
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
  status(@Root() book: CachedBook, @Ctx() ctx: Context): BookStatus | Promise<BookStatus> {
    return ctx.books.current(book, (current) => current.status);
  }

  @FieldResolver(() => String, { description: "The Status cell exactly as written in the Sheet (empty when available)." })
  statusRaw(@Root() book: CachedBook, @Ctx() ctx: Context): string | Promise<string> {
    return ctx.books.current(book, (current) => current.statusRaw);
  }

  @FieldResolver(() => Boolean, { description: "True when the status is older than the cache TTL because the Sheet could not be read." })
  stale(@Root() book: CachedBook, @Ctx() ctx: Context): boolean | Promise<boolean> {
    return ctx.books.current(book, (current) => ctx.books.freshness(current).stale);
  }

  @FieldResolver(() => Date, { description: "Time of the newest information behind the status (a Sheet read or a change written through)." })
  asOf(@Root() book: CachedBook, @Ctx() ctx: Context): Date | Promise<Date> {
    return ctx.books.current(book, (current) => ctx.books.freshness(current).asOf);
  }

  @FieldResolver(() => String, { nullable: true, description: "Due date of the current loan (YYYY-MM-DD)." })
  dueDate(@Root() book: CachedBook, @Ctx() ctx: Context): string | null | Promise<string | null> {
    return ctx.books.current(book, (current) => current.dueDate);
  }
}
