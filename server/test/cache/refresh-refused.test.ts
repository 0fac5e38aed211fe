import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiTokens } from "../../src/auth/tokens.ts";
import { startTestKurin, type TestKurin } from "../support/kurin.ts";

// A librarian pressing "refresh" more often than the Sheets budget allows is told why, with its own code.

describe("a refresh the Sheets budget refuses", () => {
  let t: TestKurin;
  let librarian: Record<string, string>;
  beforeAll(async () => {
    // One read a minute, and the warm start has spent it.
    t = await startTestKurin("refused", { env: { SHEETS_READS_PER_MINUTE: "1" } });
    librarian = { authorization: `Bearer ${(await new ApiTokens(t.kurin.prisma).create("olena", "LIBRARIAN")).token}` };
  });
  afterAll(async () => {
    await t?.stop();
  });

  it("answers RATE_LIMITED with the reason, reads nothing, and keeps serving the catalogue", async () => {
    t.emulator.resetCalls();
    const result = await t.gql(`mutation { refreshCatalog { kind } }`, undefined, librarian);
    expect(result.errors).toHaveLength(1);
    expect(result.errors![0]!.extensions).toMatchObject({ code: "RATE_LIMITED", reason: "budget" });
    expect(result.errors![0]!.message).toBe("The Sheet was not read now: the Sheets read budget for this minute is spent");
    expect(t.emulator.calls.reads).toBe(0);

    const books = await t.gql<{ books: { totalCount: number } }>(`{ books(first: 1) { totalCount nodes { status } } }`);
    expect(books.errors).toBeUndefined();
    expect(books.data!.books.totalCount).toBe(304);
  });

  it("still answers warmCache from the fresh cache without asking for a read", async () => {
    const result = await t.gql<{ warmCache: { kind: string } }>(`mutation { warmCache { kind } }`, undefined, librarian);
    expect(result.errors).toBeUndefined();
    expect(result.data!.warmCache.kind).toBe("fresh");
  });
});
