import { Field, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { BookStatus } from "../catalog/book.ts";
import { Connection } from "./connection.ts";

// Explicit types in every decorator: tsx and esbuild emit no decorator metadata (docs/ARCHITECTURE.md, "Conventions").

registerEnumType(BookStatus, {
  name: "BookStatus",
  description: "Where a book is in its lending cycle, read from the Status column of the Sheet.",
  valuesConfig: {
    AVAILABLE: { description: "On the shelf (empty Status cell)." },
    BOOKED: { description: "A reader booked it; waiting for a librarian to deliver it to the pickup point." },
    DELIVERED: { description: "Waiting for the reader at the pickup point." },
    PICKED_UP: { description: "With the reader until the due date." },
    RETURNED: { description: "The reader says it is back; waiting for a librarian to confirm." },
    UNKNOWN: { description: "The Status cell holds a word kurin does not know (see statusRaw)." },
  },
});

@ObjectType("Book", { description: "A book in the library's catalogue (one row of the Google Sheet)." })
export class BookType {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  title!: string;

  @Field(() => String, { nullable: true })
  author!: string | null;

  @Field(() => String, { nullable: true, description: "Publisher and year, as written in the Sheet." })
  edition!: string | null;

  @Field(() => Int, { nullable: true })
  pages!: number | null;

  @Field(() => String, { nullable: true })
  description!: string | null;

  @Field(() => [String])
  categories!: string[];

  // status, statusRaw and dueDate are resolved in BookResolver from the cache, per request.
}

@ObjectType({ description: "A category of books with the number of books in it, for browsing." })
export class Category {
  @Field(() => String)
  name!: string;

  @Field(() => Int)
  bookCount!: number;
}

export const BookConnection = Connection(BookType, "Book", "Books matching the filters, on all pages.");
export type BookConnection = InstanceType<typeof BookConnection>;
