import { Arg, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from "type-graphql";
import { toReaderRecord, type ReaderRecord } from "../auth/readers.ts";
import type { Book } from "../catalog/book.ts";
import type { HoldView } from "../circulation/holds.ts";
import { Role } from "../db/client.ts";
import { BookType } from "./book-types.ts";
import type { Context } from "./context.ts";
import { refusal } from "./errors.ts";
import { HoldType } from "./hold-types.ts";
import { UserType } from "./lending-types.ts";

/**
 * The waiting list: readers join and leave it and see their place; librarians see, reorder and remove.
 * Thin: circulation/holds.ts does the work; giving a returned book to the first in line happens on the
 * scheduler's tick (circulation/hold-offers.ts).
 */

function holdId(id: string): number {
  const n = Number(id);
  if (!Number.isSafeInteger(n)) throw refusal("NOT_FOUND", `There is no hold ${id.slice(0, 40)}`);
  return n;
}

@Resolver(() => HoldType)
export class HoldResolver {
  @Authorized(Role.READER)
  @Mutation(() => HoldType, { description: "Joins the waiting list of a book that is not on the shelf; the hold with its position." })
  placeHold(@Ctx() ctx: Context, @Arg("bookId", () => ID) bookId: string): Promise<HoldView> {
    return ctx.holds.place(ctx.auth.reader!, bookId);
  }

  @Authorized(Role.READER)
  @Mutation(() => Boolean, { description: "Leaves the waiting list of a book." })
  cancelHold(@Ctx() ctx: Context, @Arg("bookId", () => ID) bookId: string): Promise<boolean> {
    return ctx.holds.cancel(ctx.auth.reader!, bookId);
  }

  @Authorized(Role.READER)
  @Query(() => [HoldType], { description: "The acting reader's holds (waiting or ready), with positions and estimates." })
  myHolds(@Ctx() ctx: Context): Promise<HoldView[]> {
    return ctx.holds.ofReader(ctx.auth.reader!.id);
  }

  @Authorized(Role.LIBRARIAN)
  @Query(() => [HoldType], { description: "A book's waiting list: the reader it is booked for (READY) first, then the queue in order." })
  holds(@Ctx() ctx: Context, @Arg("bookId", () => ID) bookId: string): Promise<HoldView[]> {
    return ctx.holds.queue(bookId);
  }

  @Authorized(Role.LIBRARIAN)
  @Mutation(() => [HoldType], { description: "Moves a waiting hold to `position` (1: first) in its book's queue; the queue after." })
  moveHold(@Ctx() ctx: Context, @Arg("holdId", () => ID) id: string, @Arg("position", () => Int) position: number): Promise<HoldView[]> {
    return ctx.holds.move(holdId(id), position);
  }

  @Authorized(Role.LIBRARIAN)
  @Mutation(() => Boolean, { description: "Removes a waiting hold from its book's queue." })
  removeHold(@Ctx() ctx: Context, @Arg("holdId", () => ID) id: string): Promise<boolean> {
    return ctx.holds.remove(holdId(id));
  }

  @FieldResolver(() => UserType)
  reader(@Root() hold: HoldView): ReaderRecord {
    return toReaderRecord(hold.reader);
  }

  @FieldResolver(() => BookType, { nullable: true })
  book(@Root() hold: HoldView, @Ctx() ctx: Context): Promise<Book | null> {
    return ctx.books.load(hold.bookId);
  }
}
