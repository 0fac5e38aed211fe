import { Field, ObjectType } from "type-graphql";
import { Role } from "../db/client.ts";
import { BookType } from "./book-types.ts";
import { Connection } from "./connection.ts";
import { LoanType, UserType } from "./lending-types.ts";

// Explicit types in every decorator: tsx and esbuild emit no decorator metadata (TOOLCHAIN.md).

@ObjectType("Viewer", { description: "The token a request is made with: its name and role (the dashboard's header)." })
export class ViewerType {
  @Field(() => String, { description: "The token's name, as given when it was created." })
  name!: string;

  @Field(() => Role)
  role!: Role;
}

@ObjectType("Library", { description: "Facts about this library's kurin that clients need." })
export class LibraryType {
  @Field(() => String, {
    nullable: true,
    description: "The Telegram bot's username (no @), for deep links such as https://t.me/<bot>?start=book_<id>; null when no bot is configured.",
  })
  botUsername!: string | null;
}

export const ReaderConnection = Connection(UserType, "Reader", "Readers matching the search, on all pages.");

@ObjectType("LendingDrift", { description: "Where the Sheet and kurin disagree about who has a book." })
export class LendingDriftType {
  @Field(() => [BookType], {
    description: "Books the Sheet shows booked, delivered, on loan or returned, with no open loan in kurin (lent by the old bot or by hand).",
  })
  outside!: BookType[];

  @Field(() => [LoanType], { description: "Open loans in kurin whose row in the Sheet shows another status, or no row." })
  unmatched!: LoanType[];
}
