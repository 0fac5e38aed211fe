import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { SheetsEmulator } from "../src/index.ts";
import { batchGet, call, get, smallCatalogue, untilHanging, update, valuesPath } from "./helpers.ts";

let emu: SheetsEmulator;

beforeAll(async () => {
  emu = await SheetsEmulator.start({ rows: smallCatalogue(), spreadsheetId: "1AbC-library_sheet" });
});
afterAll(() => emu.stop());
beforeEach(() => {
  emu.setFaults({});
  emu.resetCalls();
});

const settled = async (promise: Promise<unknown>, ms: number) =>
  Promise.race([promise.then(() => true, () => true), new Promise((r) => setTimeout(() => r(false), ms))]);

describe("errors", () => {
  it("a wrong spreadsheet id is 404 NOT_FOUND", async () => {
    const { status, json } = await call(emu, "GET", valuesPath(emu, "Books", "some-other-sheet"));
    expect(status).toBe(404);
    expect(json).toEqual({ error: { code: 404, message: "Requested entity was not found.", status: "NOT_FOUND" } });
  });

  it("an unknown tab is 400 Unable to parse range", async () => {
    const { status, json } = await get(emu, "Каталог!A1:Z");
    expect(status).toBe(400);
    expect(json).toEqual({ error: { code: 400, message: "Unable to parse range: Каталог!A1:Z", status: "INVALID_ARGUMENT" } });
  });

  it("bad notation is 400 Unable to parse range", async () => {
    expect((await get(emu, "Books!A1:5")).json.error.message).toBe("Unable to parse range: Books!A1:5");
  });

  it("every request needs a bearer token", async () => {
    const { status, json } = await call(emu, "GET", valuesPath(emu, "Books"), { auth: false });
    expect(status).toBe(401);
    expect(json.error.status).toBe("UNAUTHENTICATED");
    expect(json.error.code).toBe(401);
    expect(emu.calls).toMatchObject({ get: 1, reads: 1, failed: 1 });
  });

  it("unknown paths are 404", async () => {
    expect((await call(emu, "GET", "v4/spreadsheets/x")).status).toBe(404);
    expect((await call(emu, "POST", valuesPath(emu, "Books"))).status).toBe(404);
  });
});

describe("faults", () => {
  it("failNext answers 429 RESOURCE_EXHAUSTED for the next N requests, then recovers", async () => {
    emu.setFaults({ failNext: { status: 429, count: 2 } });
    const first = await get(emu, "Books!A1");
    expect(first.status).toBe(429);
    expect(first.json.error.status).toBe("RESOURCE_EXHAUSTED");
    expect(first.json.error.message).toContain("Read requests");
    expect((await update(emu, "Books!E2", { values: [["booked"]] })).json.error.message).toContain("Write requests");
    expect((await get(emu, "Books!A1")).status).toBe(200);
    expect(emu.calls).toMatchObject({ get: 2, update: 1, reads: 2, writes: 1, failed: 2 });
    expect(emu.getCell("1", "Status")).toBe("");
  });

  it("failNext can ask for a wait with Retry-After, as Google does with some 429s", async () => {
    emu.setFaults({ failNext: { status: 429, count: 1, retryAfterSeconds: 45 } });
    const response = await fetch(new URL(valuesPath(emu, "Books!A1"), emu.url), { headers: { authorization: "Bearer test" } });
    expect(response.status).toBe(429);
    expect(response.headers.get("retry-after")).toBe("45");
    expect((await get(emu, "Books!A1")).status).toBe(200);
  });

  it.each([
    [500, "INTERNAL"],
    [503, "UNAVAILABLE"],
    [403, "PERMISSION_DENIED"],
  ])("failNext %i answers %s", async (code, status) => {
    emu.setFaults({ failNext: { status: code, count: 1 } });
    const { json } = await batchGet(emu, ["Books"]);
    expect(json.error).toMatchObject({ code, status });
  });

  it("failNext can target only reads or only writes", async () => {
    emu.setFaults({ failNext: { status: 429, count: 1, only: "write" } });
    expect((await get(emu, "Books!A1")).status).toBe(200);
    expect((await update(emu, "Books!E2", { values: [["booked"]] })).status).toBe(429);
    expect((await update(emu, "Books!E2", { values: [["booked"]] })).status).toBe(200);

    emu.setFaults({ failNext: { status: 503, count: 1, only: "read" } });
    expect((await update(emu, "Books!E2", { values: [[""]] })).status).toBe(200);
    expect((await get(emu, "Books!A1")).status).toBe(503);
    expect((await get(emu, "Books!A1")).status).toBe(200);
  });

  it("hang holds requests until the faults change", async () => {
    emu.setFaults({ hang: true });
    const pending = get(emu, "Books!B2");
    await untilHanging(emu);
    expect(await settled(pending, 150)).toBe(false);
    expect(emu.calls.get).toBe(0);
    emu.setFaults({});
    const { status, json } = await pending;
    expect(status).toBe(200);
    expect(json.values).toEqual([["Кобзар"]]);
    expect(emu.calls.get).toBe(1);
  });

  it("hang can hold only reads or only writes", async () => {
    emu.setFaults({ hang: "write" });
    const write = update(emu, "Books!E2", { values: [["booked"]] });
    await untilHanging(emu);
    expect((await get(emu, "Books!E2")).status).toBe(200);
    expect(await settled(write, 100)).toBe(false);
    emu.setFaults({ hang: "read" }); // the write is released, reads now hang
    expect((await write).status).toBe(200);
    const read = get(emu, "Books!E2");
    await untilHanging(emu);
    expect(await settled(read, 100)).toBe(false);
    emu.setFaults({});
    expect((await read).json.values).toEqual([["booked"]]);
  });

  it("latencyMs delays every answer: a request sent first to the slow emulator answers after one sent later to a fast one", async () => {
    const fast = await SheetsEmulator.start({ rows: smallCatalogue() });
    try {
      emu.setFaults({ latencyMs: 500 });
      const order: string[] = [];
      const slow = get(emu, "Books!A1").then(() => order.push("slow"));
      const quick = get(fast, "Books!A1").then(() => order.push("fast"));
      await Promise.all([slow, quick]);
      expect(order).toEqual(["fast", "slow"]);
    } finally {
      emu.setFaults({});
      await fast.stop();
    }
  });
});

describe("stopping", () => {
  it("stop() ends hanging requests instead of waiting for them", async () => {
    const own = await SheetsEmulator.start({ rows: smallCatalogue() });
    own.setFaults({ hang: true });
    const pending = get(own, "Books");
    await untilHanging(own);
    expect(await settled(pending, 100)).toBe(false);
    await own.stop(); // resolves although the request would hang for ever (the test's timeout is the bound)
    await expect(pending).rejects.toThrow();
  });

  it("stop() cuts a latency short", async () => {
    const own = await SheetsEmulator.start({ rows: smallCatalogue() });
    own.setFaults({ latencyMs: 60_000 });
    const pending = get(own, "Books");
    await new Promise((r) => setTimeout(r, 50));
    await own.stop(); // resolves although the request would hang for ever (the test's timeout is the bound)
    await expect(pending).rejects.toThrow();
  });
});
