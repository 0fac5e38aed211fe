import { Arg, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from "type-graphql";
import type { Book, BookStatus as Status } from "../../server/src/catalog/book.ts";
import { BookStatus } from "../../server/src/catalog/book.ts";
import { BookConnection, BookType } from "../../server/src/graphql/book-types.ts";
import { paginate } from "../../server/src/graphql/connection.ts";

/**
 * The baselines' GraphQL: kurin's own types (server/src/graphql/book-types.ts) and the same `books`, `book` and
 * `Book.status` fields, answered from a BookSource. Only the source differs between baselines: constants,
 * per-key Redis GETs, or the Sheet on every request. A source may answer synchronously, and then no promise is made.
 */

export interface BookSource {
  /** every book, in kurin's listing order (by id) */
  list(): Book[] | Promise<Book[]>;
  status(book: Book): Status | Promise<Status>;
}

export interface BaselineContext {
  source: BookSource;
}

@Resolver(() => BookType)
export class BaselineResolver {
  @Query(() => BookConnection)
  books(
    @Ctx() ctx: BaselineContext,
    @Arg("first", () => Int, { defaultValue: 10 }) first: number,
    @Arg("after", () => String, { nullable: true }) after: string | null,
  ): BookConnection | Promise<BookConnection> {
    const books = ctx.source.list();
    return books instanceof Promise ? books.then((all) => paginate(all, first, after)) : paginate(books, first, after);
  }

  @Query(() => BookType, { nullable: true })
  async book(@Ctx() ctx: BaselineContext, @Arg("id", () => ID) id: string): Promise<Book | null> {
    return (await ctx.source.list()).find((book) => book.id === id) ?? null;
  }

  @FieldResolver(() => BookStatus)
  status(@Root() book: Book, @Ctx() ctx: BaselineContext): Status | Promise<Status> {
    return ctx.source.status(book);
  }
}

const collator = new Intl.Collator("uk", { numeric: true });

/** kurin's listing order (server/src/books/book-service.ts), so every server answers with the same page. */
export function byId(books: Book[]): Book[] {
  return [...books].sort((a, b) => collator.compare(a.id, b.id));
}
