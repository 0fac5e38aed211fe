import { Arg, Authorized, Ctx, ID, Mutation, Query, Resolver } from "type-graphql";
import { Role } from "../db/client.ts";
import type { CacheStatsReport } from "../observability/cache-stats.ts";
import { CacheStats, CatalogRefresh } from "./cache-types.ts";
import type { Context } from "./context.ts";

/** Operators' view of the cache: stats (librarians, integrators), and three levers for librarians. */
@Resolver()
export class CacheResolver {
  @Authorized(Role.LIBRARIAN, Role.INTEGRATOR)
  @Query(() => CacheStats, { description: "Hit rate, Sheets quota use, Redis health; summed over all instances." })
  cacheStats(@Ctx() ctx: Context): Promise<CacheStatsReport> {
    return ctx.operations.stats.report();
  }

  @Authorized(Role.LIBRARIAN)
  @Mutation(() => CatalogRefresh, { description: "Reads the Sheet now (within the Sheets budget) and updates the cache." })
  async refreshCatalog(@Ctx() ctx: Context): Promise<CatalogRefresh> {
    return refreshed(ctx, 0);
  }

  @Authorized(Role.LIBRARIAN)
  @Mutation(() => CatalogRefresh, { description: "Fills the cache unless it is fresh; a cold cache reads the Sheet once." })
  async warmCache(@Ctx() ctx: Context): Promise<CatalogRefresh> {
    return refreshed(ctx, ctx.operations.ttlMs);
  }

  @Authorized(Role.LIBRARIAN)
  @Mutation(() => Boolean, { description: "Forgets one book in Redis; false for an id the catalogue does not have." })
  invalidateBook(@Ctx() ctx: Context, @Arg("id", () => ID) id: string): Promise<boolean> {
    return ctx.operations.books.invalidate(id);
  }
}

/** A refusal (RATE_LIMITED, with its reason) tells the librarian that waiting a little is the answer. */
async function refreshed(ctx: Context, maxAgeMs: number): Promise<CatalogRefresh> {
  const outcome = await ctx.operations.books.refreshNow(maxAgeMs);
  return { kind: outcome.kind, books: outcome.books, changed: outcome.kind === "read" ? outcome.changed : 0 };
}
