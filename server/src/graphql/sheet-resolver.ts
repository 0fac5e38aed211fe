import { Authorized, Ctx, Query, Resolver } from "type-graphql";
import { Role } from "../db/client.ts";
import type { Context } from "./context.ts";
import { SheetProblems, type SheetProblemKind } from "./sheet-types.ts";

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
        kind: p.kind as SheetProblemKind,
        value: p.value ?? null,
        firstRow: p.firstRow ?? null,
        message: p.message,
      })),
    };
  }
}
