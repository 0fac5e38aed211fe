import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiTokens } from "../../src/auth/tokens.ts";
import { startTestKurin, type TestKurin } from "../support/kurin.ts";
import { PrivateRedis } from "../support/redis-server.ts";

// Librarians fix the Sheet by hand, so they must see which rows kurin could not use, whichever instance read it.

interface Problems {
  sheetProblems: {
    readAt: string | null;
    totalCount: number;
    rows: Array<{ row: number; bookId: string | null; kind: string; value: string | null; firstRow: number | null; message: string }>;
  };
}

const QUERY = `{ sheetProblems { readAt totalCount rows { row bookId kind value firstRow message } } }`;

describe("rows of the Sheet kurin could not use", () => {
  let a: TestKurin;
  let b: TestKurin;
  const as: Record<string, Record<string, string>> = {};
  let demo: string[][];

  beforeAll(async () => {
    a = await startTestKurin("problems");
    b = await startTestKurin("problems-b", { sameLibraryAs: a, warm: false });
    const tokens = new ApiTokens(a.kurin.prisma);
    for (const role of ["LIBRARIAN", "INTEGRATOR", "BOT"]) {
      as[role] = { authorization: `Bearer ${(await tokens.create(`${role.toLowerCase()}-problems`, role)).token}` };
    }
    demo = a.emulator.rows();
  });
  afterAll(async () => {
    await b?.stop();
    await a?.stop();
  });

  it("lists the demo's one heading row for librarians and integrators, from any instance", async () => {
    for (const [t, role] of [[a, "LIBRARIAN"], [b, "INTEGRATOR"]] as const) {
      const result = await t.gql<Problems>(QUERY, undefined, as[role]);
      expect(result.errors).toBeUndefined();
      expect(result.data!.sheetProblems.totalCount).toBe(1);
      expect(result.data!.sheetProblems.rows).toEqual([
        {
          row: 291,
          bookId: null,
          kind: "MISSING_ID",
          value: "Нові надходження 2025:",
          firstRow: null,
          message: 'Row 291 has no id and was skipped ("Нові надходження 2025:")',
        },
      ]);
      expect(Date.parse(result.data!.sheetProblems.readAt!)).toBe(a.kurin.books.catalogueFreshness().readAt!.getTime());
    }
  });

  it("is refused to readers' bots and to anyone without a token", async () => {
    expect((await a.gql(QUERY)).errors![0]!.extensions!.code).toBe("UNAUTHENTICATED");
    expect((await a.gql(QUERY, undefined, as.BOT)).errors![0]!.extensions!.code).toBe("FORBIDDEN");
  });

  it("shows every kind of problem a hand-edited Sheet has after the next read, and none once it is put right", async () => {
    const header = demo[0]!;
    const col = (name: string) => header.indexOf(name);
    const rows = demo.map((r) => [...r]);
    const book = (id: string) => rows.find((r) => r[col("id")] === id)!;
    book("3")[col("Status")] = "загублена";
    book("4")[col("Заброньовано до:")] = "колись";
    book("5")[col("К-сть с.")] = "багато";
    rows.splice(10, 0, [...book("6")]); // row 11 repeats book 6 of row 7
    a.emulator.setRows(rows);

    await a.kurin.books.refresh(0);
    const result = await b.gql<Problems>(QUERY, undefined, as.LIBRARIAN);
    expect(result.errors).toBeUndefined();
    const found = result.data!.sheetProblems.rows.map(({ row, bookId, kind, value, firstRow }) => ({ row, bookId, kind, value, firstRow }));
    expect(found).toEqual([
      { row: 4, bookId: "3", kind: "UNKNOWN_STATUS", value: "загублена", firstRow: null },
      { row: 5, bookId: "4", kind: "BAD_DUE_DATE", value: "колись", firstRow: null },
      { row: 6, bookId: "5", kind: "BAD_PAGES", value: "багато", firstRow: null },
      { row: 11, bookId: "6", kind: "DUPLICATE_ID", value: null, firstRow: 7 },
      { row: 292, bookId: null, kind: "MISSING_ID", value: "Нові надходження 2025:", firstRow: null },
    ]);
    expect(result.data!.sheetProblems.totalCount).toBe(5);

    a.emulator.setRows(demo.filter((r, i) => i === 0 || (r[col("id")] ?? "").trim() !== ""));
    await a.kurin.books.refresh(0);
    const clean = await b.gql<Problems>(QUERY, undefined, as.LIBRARIAN);
    expect(clean.data!.sheetProblems).toMatchObject({ totalCount: 0, rows: [] });
    a.emulator.setRows(demo);
    await a.kurin.books.refresh(0);
  });

  it("reports a missing optional column once, on the header row", async () => {
    const header = demo[0]!;
    const pages = header.indexOf("К-сть с.");
    a.emulator.setRows(demo.map((r) => r.filter((_, i) => i !== pages)));
    await a.kurin.books.refresh(0);
    const result = await a.gql<Problems>(QUERY, undefined, as.LIBRARIAN);
    expect(result.data!.sheetProblems.rows[0]).toMatchObject({ row: 1, bookId: null, kind: "MISSING_COLUMN", value: "К-сть с." });
    // once: one problem for the column, none for each book's empty page count
    expect(result.data!.sheetProblems.rows.filter((r) => r.kind === "MISSING_COLUMN")).toHaveLength(1);
    expect(result.data!.sheetProblems.rows.filter((r) => r.kind === "BAD_PAGES")).toEqual([]);
    expect(result.data!.sheetProblems.rows[0]!.message).toContain("К-сть с.");
    a.emulator.setRows(demo);
    await a.kurin.books.refresh(0);
  });
});

describe("rows of the Sheet kurin could not use, with Redis down", () => {
  let redis: PrivateRedis;
  let t: TestKurin;
  let librarian: Record<string, string>;
  beforeAll(async () => {
    redis = await PrivateRedis.start();
    t = await startTestKurin("problems-down", { env: { REDIS_URL: redis.url, REDIS_COMMAND_TIMEOUT_MS: "200" } });
    librarian = { authorization: `Bearer ${(await new ApiTokens(t.kurin.prisma).create("olena", "LIBRARIAN")).token}` };
  });
  afterAll(async () => {
    await t?.stop();
    await redis?.stop();
  });

  it("answers with this instance's own last read", async () => {
    await redis.kill();
    const result = await t.gql<Problems>(QUERY, undefined, librarian);
    expect(result.errors).toBeUndefined();
    expect(result.data!.sheetProblems).toMatchObject({ totalCount: 1, rows: [{ row: 291, kind: "MISSING_ID" }] });
  });
});
