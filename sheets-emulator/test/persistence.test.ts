import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DEMO_CATALOGUE_CSV, SheetsEmulator } from "../src/index.ts";
import { get, smallCatalogue, update } from "./helpers.ts";

let dir: string;
const running: SheetsEmulator[] = [];
const start = async (...args: Parameters<typeof SheetsEmulator.start>) => {
  const emu = await SheetsEmulator.start(...args);
  running.push(emu);
  return emu;
};
const sha256 = (path: string) => createHash("sha256").update(readFileSync(path)).digest("hex");
const readRows = (path: string) => parse(readFileSync(path, "utf8"), { relax_column_count: true }) as string[][];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "sheets-emulator-"));
});
afterEach(async () => {
  await Promise.all(running.splice(0).map((emu) => emu.stop()));
  rmSync(dir, { recursive: true, force: true });
});

describe("working copy", () => {
  it("writes changes to the working copy and never touches the tracked demo CSV", async () => {
    const before = sha256(DEMO_CATALOGUE_CSV);
    const workingCopy = join(dir, "nested", "deeper", "catalogue.csv");
    const emu = await start({ workingCopyPath: workingCopy });
    const id = emu.rows()[1]![0]!;
    const row = emu.rows().findIndex((r) => r[0] === id) + 1;
    await update(emu, `Books!I${row}`, { values: [["booked"]] });
    emu.setCell(id, "Заброньовано до:", "09.12.2026");
    emu.moveRow(2, 3);
    await emu.stop();

    expect(sha256(DEMO_CATALOGUE_CSV)).toBe(before);
    expect(existsSync(workingCopy)).toBe(true);
    const saved = readRows(workingCopy);
    expect(saved).toEqual(emu.rows());
    const book = saved.find((r) => r[0] === id)!;
    expect(book[8]).toBe("booked");
    expect(book[6]).toBe("09.12.2026");
  });

  it("keeps changes in memory only when no working copy is given", async () => {
    const csv = join(dir, "seed.csv");
    writeFileSync(csv, "id,Назва,Status\n1,Кобзар,\n");
    const before = sha256(csv);
    const emu = await start({ csvPath: csv });
    await update(emu, "Books!C2", { values: [["booked"]] });
    expect(emu.getCell("1", "Status")).toBe("booked");
    expect(sha256(csv)).toBe(before);
  });

  it("resumes from an existing working copy, so status changes survive a restart", async () => {
    const workingCopy = join(dir, "catalogue.csv");
    const first = await start({ rows: smallCatalogue(), workingCopyPath: workingCopy });
    await update(first, "Books!E2", { values: [["booked"]] });
    await first.stop();

    const second = await start({ rows: smallCatalogue(), workingCopyPath: workingCopy });
    expect(second.getCell("1", "Status")).toBe("booked");
    expect((await get(second, "Books!E2")).json.values).toEqual([["booked"]]);

    const fresh = await start({ rows: smallCatalogue(), workingCopyPath: workingCopy, resumeFromWorkingCopy: false });
    expect(fresh.getCell("1", "Status")).toBe("");
  });

  it("writes a rectangular CSV with quotes where needed", async () => {
    const workingCopy = join(dir, "catalogue.csv");
    const emu = await start({ rows: [["id", "Назва"], ["1", "Кобзар"]], workingCopyPath: workingCopy });
    await update(emu, "Books!C2", { values: [['Фоліо, 2019 — "нове" видання']] });
    const text = readFileSync(workingCopy, "utf8");
    expect(text).toBe('id,Назва,\n1,Кобзар,"Фоліо, 2019 — ""нове"" видання"\n');
  });

  it("refuses the tracked demo CSV as a working copy", async () => {
    await expect(SheetsEmulator.start({ workingCopyPath: DEMO_CATALOGUE_CSV })).rejects.toThrow(/must not be the tracked demo catalogue/);
  });

  it("concurrent writes all reach the working copy", async () => {
    const workingCopy = join(dir, "catalogue.csv");
    const rows = [["id", "Status"], ...Array.from({ length: 40 }, (_, i) => [String(i + 1), ""])];
    const emu = await start({ rows, workingCopyPath: workingCopy });
    emu.beforeWrite = () => new Promise((r) => setTimeout(r, Math.random() * 20));
    await Promise.all(rows.slice(1).map((_, i) => update(emu, `Books!B${i + 2}`, { values: [["booked"]] })));
    const saved = readRows(workingCopy);
    expect(saved.slice(1).every((r) => r[1] === "booked")).toBe(true);
    expect(saved).toHaveLength(41);
  });
});
