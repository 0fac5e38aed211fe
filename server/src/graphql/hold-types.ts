import { Field, ID, Int, ObjectType, registerEnumType } from "type-graphql";
import { HoldState } from "../db/client.ts";

/** The waiting list over GraphQL. */

registerEnumType(HoldState, {
  name: "HoldState",
  description: "Where a hold is in the waiting list.",
  valuesConfig: {
    WAITING: { description: "In the queue." },
    READY: { description: "The book is booked for this reader; they pick it up before `expiresAt`." },
    FULFILLED: { description: "The reader picked the book up." },
    EXPIRED: { description: "Not picked up in time (or the booking ended otherwise): the book passed on." },
    CANCELLED: { description: "The reader left the list, or a librarian removed them." },
  },
});

@ObjectType("Hold", { description: "A reader's place in a book's waiting list." })
export class HoldType {
  @Field(() => ID)
  id!: number;

  @Field(() => ID)
  bookId!: string;

  @Field(() => HoldState)
  state!: HoldState;

  @Field(() => Int, { nullable: true, description: "1 for the first in line (WAITING only)." })
  position!: number | null;

  @Field(() => String, { nullable: true, description: "When the book may come, simply estimated from due dates (YYYY-MM-DD; WAITING only)." })
  estimatedOn!: string | null;

  @Field(() => Date, { nullable: true, description: "READY: the end of the pickup window." })
  expiresAt!: Date | null;

  @Field(() => Date)
  createdAt!: Date;
}
