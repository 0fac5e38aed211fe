import { afterAll, describe, expect, it } from "vitest";
import { startTestKurin, type TestKurin } from "../support/kurin.ts";

// A library changes its status words (or column headers) and restarts: the new mapping is served at once, not
// the old one's statuses from Redis until someone presses refresh.

describe("the column mapping and status words the cache was read with", () => {
  const running: TestKurin[] = [];
  afterAll(async () => {
    for (const t of running.reverse()) await t.stop();
  });
  const status = async (t: TestKurin, id: string) =>
    (await t.gql<{ book: { status: string; statusRaw: string } }>(`query($id: ID!) { book(id: $id) { status statusRaw } }`, { id })).data!.book;

  it("a start with other status words reads the Sheet again; a start with the same ones trusts the cache", async () => {
    const first = await startTestKurin("mapping");
    running.push(first);
    first.emulator.setCell("3", "Status", "заброньовано");
    await first.kurin.books.refresh(0);
    expect(await status(first, "3")).toEqual({ status: "UNKNOWN", statusRaw: "заброньовано" });

    // The library now writes Ukrainian words; an instance started with them must not adopt the cached UNKNOWN.
    const words = { SHEET_STATUS_BOOKED: "заброньовано", SHEET_STATUS_DELIVERED: "доставлено" };
    first.emulator.resetCalls();
    const second = await startTestKurin("mapping-b", { sameLibraryAs: first, env: words });
    running.push(second);
    // One read of the catalogue (values.get), besides the start-up's look-up of the tab's id for painting rows.
    expect({ get: first.emulator.calls.get, getSpreadsheet: first.emulator.calls.getSpreadsheet, reads: first.emulator.calls.reads }).toEqual({ get: 1, getSpreadsheet: 1, reads: 2 });
    expect(await status(second, "3")).toEqual({ status: "BOOKED", statusRaw: "заброньовано" });
    expect(second.logs.some((l) => String(l.msg).startsWith("the cache was filled with another column mapping"))).toBe(true);

    // Another start with the same words finds its own fingerprint beside the cache: no read.
    first.emulator.resetCalls();
    const third = await startTestKurin("mapping-c", { sameLibraryAs: first, env: words });
    running.push(third);
    expect({ get: first.emulator.calls.get, getSpreadsheet: first.emulator.calls.getSpreadsheet, reads: first.emulator.calls.reads }).toEqual({ get: 0, getSpreadsheet: 1, reads: 1 });
    expect(await status(third, "3")).toEqual({ status: "BOOKED", statusRaw: "заброньовано" });
  });
});
