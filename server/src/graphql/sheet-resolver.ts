import { Authorized, Ctx, Query, Resolver } from "type-graphql";
import type { RowProblem } from "../catalog/row-mapping.ts";
import { Role } from "../db/client.ts";
import type { Context } from "./context.ts";
import { SheetProblemKind, SheetProblems } from "./sheet-types.ts";

// Every kind the Sheet mapping reports, with its GraphQL value: a kind added there fails to compile here.
const KINDS: Record<RowProblem["kind"], SheetProblemKind> = {
  "missing-id": SheetProblemKind.MISSING_ID,
  "duplicate-id": SheetProblemKind.DUPLICATE_ID,
  "unknown-status": SheetProblemKind.UNKNOWN_STATUS,
  "bad-due-date": SheetProblemKind.BAD_DUE_DATE,
  "bad-pages": SheetProblemKind.BAD_PAGES,
  "missing-column": SheetProblemKind.MISSING_COLUMN,
};

/** The Sheet as librarians edit it: which rows kurin could not use, so they can be put right. */
@Resolver()
export class SheetResolver {
  @Authorized(Role.LIBRARIAN, Role.INTEGRATOR)
  @Query(() => SheetProblems, { description: "Rows of the Sheet kurin skipped or served in part at its newest read." })
  async sheetProblems(@Ctx() ctx: Context): Promise<SheetProblems> {
    const report = await ctx.operations.books.sheetProblems();
    return {
      readAt: report.readAt === null ? null : new Date(report.readAt),
      totalCount: report.totalCount,
      rows: report.rows.map((p) => ({
        row: p.row,
        bookId: p.bookId ?? null,
        kind: KINDS[p.kind],
        value: p.value ?? null,
        firstRow: p.firstRow ?? null,
        message: p.message,
      })),
    };
  }
}
