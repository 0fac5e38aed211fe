import { SheetsEmulator } from "../../sheets-emulator/src/index.ts";

/**
 * The loopback Sheets API emulator with Google's latency: every call waits 200-500 ms (a fresh uniform draw
 * every 20 ms, which the emulator applies to the requests arriving then). Reads are counted by the emulator.
 */
export class SlowSheets {
  private timer: NodeJS.Timeout | undefined;

  private constructor(readonly emulator: SheetsEmulator) {}

  static async start(rows?: string[][]): Promise<SlowSheets> {
    const emulator = await SheetsEmulator.start(rows ? { rows } : {});
    const sheets = new SlowSheets(emulator);
    sheets.latency(true);
    return sheets;
  }

  /** Google's latency on (200-500 ms) or off (for timing kurin's own share of a refresh). */
  latency(on: boolean): void {
    clearInterval(this.timer);
    this.timer = undefined;
    if (!on) {
      this.emulator.setFaults({});
      return;
    }
    const draw = () => this.emulator.setFaults({ latencyMs: Math.round(200 + Math.random() * 300) });
    draw();
    this.timer = setInterval(draw, 20);
    this.timer.unref();
  }

  /** Sheets reads answered so far (values.get, batchGet and spreadsheets.get). */
  get reads(): number {
    return this.emulator.calls.reads;
  }

  async stop(): Promise<void> {
    this.latency(false);
    await this.emulator.stop();
  }
}

/**
 * A catalogue of `size` books in the demo layout (the old kurin-bot's headers), made by repeating the demo
 * catalogue's books with new ids 1..size; each keeps its template's status and due date, so the mix of
 * available, booked, delivered and lent books is the demo's.
 */
export function catalogueRows(demo: string[][], size: number): string[][] {
  const [header, ...rest] = demo;
  if (!header) throw new Error("the demo catalogue has no header row");
  const idColumn = header.indexOf("id");
  const templates = rest.filter((row) => (row[idColumn] ?? "").trim() !== "");
  const rows = [header];
  for (let i = 0; i < size; i++) {
    const row = [...templates[i % templates.length]!];
    row[idColumn] = String(i + 1);
    rows.push(row);
  }
  return rows;
}
