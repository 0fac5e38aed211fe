import { Field, Int, ObjectType, registerEnumType } from "type-graphql";

// The Sheet's own words are kebab-case (row-mapping.ts); GraphQL enums are upper case.
export enum SheetProblemKind {
  MISSING_ID = "missing-id",
  DUPLICATE_ID = "duplicate-id",
  UNKNOWN_STATUS = "unknown-status",
  BAD_DUE_DATE = "bad-due-date",
  BAD_PAGES = "bad-pages",
  MISSING_COLUMN = "missing-column",
}

registerEnumType(SheetProblemKind, {
  name: "SheetProblemKind",
  description: "What is wrong with a row of the Sheet, and so what kurin did with it.",
  valuesConfig: {
    MISSING_ID: { description: "No id: the row is skipped (often a section heading)." },
    DUPLICATE_ID: { description: "The id of an earlier row: this row is skipped." },
    UNKNOWN_STATUS: { description: "A Status word kurin does not know: the book is served as UNKNOWN." },
    BAD_DUE_DATE: { description: "A due date that is not a date: the book is served without one." },
    BAD_PAGES: { description: "A page count that is not a number: the book is served without one." },
    MISSING_COLUMN: { description: "An optional column was not found by its header: that field is empty for every book." },
  },
});

@ObjectType({ description: "A row of the Sheet kurin could not use as it is." })
export class SheetRowProblem {
  @Field(() => Int, { description: "1-based row number in the Sheet at the time of the read." })
  row!: number;
  @Field(() => String, { nullable: true, description: "The row's book id, when it has one." })
  bookId!: string | null;
  @Field(() => SheetProblemKind)
  kind!: SheetProblemKind;
  @Field(() => String, { nullable: true, description: "The text at fault: the row's first text (no id), the status word, the date, the page count, or the missing column's header." })
  value!: string | null;
  @Field(() => Int, { nullable: true, description: "For DUPLICATE_ID: the row that has the id first." })
  firstRow!: number | null;
  @Field(() => String, { description: "What is wrong, in English, as the server logs it." })
  message!: string;
}

@ObjectType({ description: "What the newest Sheet read (by any instance) found wrong in the catalogue." })
export class SheetProblems {
  @Field(() => Date, { nullable: true, description: "The Sheet read they come from; null before any read." })
  readAt!: Date | null;
  @Field(() => Int, { description: "All the problems of that read." })
  totalCount!: number;
  @Field(() => [SheetRowProblem], { description: "The first 200 of them, in row order." })
  rows!: SheetRowProblem[];
}
