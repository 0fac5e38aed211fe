/**
 * A loopback emulator of the Google Sheets API v4 `values` endpoints, backed by CSV, plus the spreadsheet
 * resource and the `spreadsheets.batchUpdate` requests that write values and background colours (spreadsheet.ts).
 *
 * The real client (`sheets({ version: "v4", auth, rootUrl: emulator.url })`) talks to it unchanged. It keeps the
 * behaviour that real sheets show and naive parsers trip over (ranges named by the whole grid, trailing empty cells
 * left out, no `values` key for an empty range, null-keeps / ""-clears on writes, Google's error shapes), lets tests
 * inject faults (latency, 429s, hangs) and edit the sheet "by hand" between a client's read and its write.
 */
import { existsSync, realpathSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import {
  A1ParseError,
  type A1Range,
  formatRange,
  formatRect,
  parseA1,
  resolveRect,
  writeTarget,
  type WriteTarget,
} from "./a1.ts";
import { readCsv, writeCsv } from "./csv.ts";
import { ApiError, faultError, invalidArgument, unauthenticated } from "./errors.ts";
import { type CellOutput, parseDateTimeRender, parseValueRender, renderCell } from "./render.ts";
import { applyEdits, editedRanges, planRequests, spreadsheetResource, type SpreadsheetTabs } from "./spreadsheet.ts";
import { type CellInput, columnsToRows, type Dimension, Tab, type WriteResult } from "./tab.ts";

/** Absolute path of the bundled demo catalogue (tracked in git: never written). */
export const DEMO_CATALOGUE_CSV = fileURLToPath(new URL("../data/demo-catalogue.csv", import.meta.url));

export interface SheetsEmulatorOptions {
  /** CSV file whose rows seed the first tab (header row first). Default: the bundled demo catalogue. */
  csvPath?: string;
  /** Where changes are written back as CSV. If omitted, changes stay in memory only. The tracked demo CSV must never be written. */
  workingCopyPath?: string;
  /** If workingCopyPath exists already, load from it instead of csvPath (so status changes survive restarts). Default true. */
  resumeFromWorkingCopy?: boolean;
  /** Initial rows instead of a CSV (string[][], header row first). */
  rows?: string[][];
  spreadsheetId?: string; // default "demo-catalogue"
  sheetName?: string; // default "Books"
  /** The first tab's numeric id (`gid`), default 0 as in a new spreadsheet; tabs added later get others. */
  sheetId?: number;
  host?: string; // default "127.0.0.1"
  port?: number; // default 0 = a free port
}

export interface EmulatorFaults {
  latencyMs?: number; // added to every request
  /** Fail the next N requests (any endpoint, or only reads / only writes) with this HTTP status (429 -> RESOURCE_EXHAUSTED, 500 -> INTERNAL, 503 UNAVAILABLE, 403 PERMISSION_DENIED) */
  /** The next `count` calls fail with `status`; `retryAfterSeconds` adds a Retry-After header to each. */
  failNext?: { status: number; count: number; only?: "read" | "write"; retryAfterSeconds?: number };
  /** While true, requests (or only reads / writes) hang without answering until faults change or the emulator stops. */
  hang?: boolean | "read" | "write";
}

export interface EmulatorCallCounts {
  get: number;
  batchGet: number;
  update: number;
  batchUpdate: number;
  /** spreadsheets.get (the spreadsheet's tabs and, if asked, cells with their formats): a read. */
  getSpreadsheet: number;
  /** spreadsheets.batchUpdate (values and formats in one request): a write. */
  batchUpdateSpreadsheet: number;
  reads: number;
  writes: number;
  failed: number;
}

type Endpoint = "get" | "batchGet" | "update" | "batchUpdate" | "getSpreadsheet" | "batchUpdateSpreadsheet";
type Kind = "read" | "write";

interface Route {
  endpoint: Endpoint;
  kind: Kind;
  spreadsheetId: string;
  /** values/{range} endpoints: the decoded range. */
  range?: string;
}

interface ValueRange {
  range: string;
  majorDimension: Dimension;
  values?: CellOutput[][];
}

/** A write checked and ready to apply. */
interface PlannedWrite {
  tab: Tab;
  target: WriteTarget;
  requested: string;
  values: CellInput[][];
}

const zeroCalls = (): EmulatorCallCounts => ({
  get: 0,
  batchGet: 0,
  update: 0,
  batchUpdate: 0,
  getSpreadsheet: 0,
  batchUpdateSpreadsheet: 0,
  reads: 0,
  writes: 0,
  failed: 0,
});

const MAX_BODY_BYTES = 10 * 1024 * 1024;

export class SheetsEmulator {
  /** e.g. "http://127.0.0.1:41234/" — pass as rootUrl to the Google client. */
  readonly url: string;
  readonly spreadsheetId: string;
  readonly sheetName: string;
  /** Requests answered (successfully or with an error) per endpoint; `failed` counts the error answers among them. */
  calls: EmulatorCallCounts = zeroCalls();
  /**
   * Called (awaited) after a write request's values are parsed but BEFORE they are applied, with the ranges it
   * writes (e.g. `Books!A5:I5`). A promise that never settles holds the write: never applied, never answered,
   * as Google looks to a process that dies waiting for it.
   */
  beforeWrite?: (ranges: readonly string[]) => void | Promise<void>;

  private readonly tabs: Tab[];
  private faults: EmulatorFaults = {};
  /** Requests hanging on a fault: woken when faults change or the emulator stops. */
  private readonly waiters = new Set<() => void>();
  /** Requests sleeping through a latency: woken when the emulator stops. */
  private readonly stopListeners = new Set<() => void>();
  private stopped = false;

  private constructor(
    private readonly server: Server,
    url: string,
    spreadsheetId: string,
    firstTab: Tab,
    private readonly workingCopyPath: string | undefined,
  ) {
    this.url = url;
    this.spreadsheetId = spreadsheetId;
    this.sheetName = firstTab.name;
    this.tabs = [firstTab];
  }

  static async start(options: SheetsEmulatorOptions = {}): Promise<SheetsEmulator> {
    const workingCopy = options.workingCopyPath === undefined ? undefined : resolve(options.workingCopyPath);
    if (workingCopy !== undefined && sameFile(workingCopy, DEMO_CATALOGUE_CSV)) {
      throw new Error(`workingCopyPath must not be the tracked demo catalogue (${DEMO_CATALOGUE_CSV})`);
    }
    let rows: string[][];
    if (workingCopy !== undefined && (options.resumeFromWorkingCopy ?? true) && existsSync(workingCopy)) {
      rows = readCsv(workingCopy);
    } else if (options.rows !== undefined) {
      rows = options.rows;
    } else {
      rows = readCsv(options.csvPath ?? DEMO_CATALOGUE_CSV);
    }
    const tab = new Tab(options.sheetName ?? "Books", rows, options.sheetId ?? 0);

    const server = createServer();
    const host = options.host ?? "127.0.0.1";
    await new Promise<void>((resolveListen, reject) => {
      server.once("error", reject);
      server.listen(options.port ?? 0, host, () => {
        server.off("error", reject);
        resolveListen();
      });
    });
    const { port } = server.address() as AddressInfo;
    const urlHost = host.includes(":") ? `[${host}]` : host;
    const emulator = new SheetsEmulator(server, `http://${urlHost}:${port}/`, options.spreadsheetId ?? "demo-catalogue", tab, workingCopy);
    server.on("request", (req: IncomingMessage, res: ServerResponse) => void emulator.handle(req, res));
    return emulator;
  }

  /** Zero the counts (in place, so a reference to `calls` taken earlier stays live). */
  resetCalls(): void {
    Object.assign(this.calls, zeroCalls());
  }

  /** Replace the current faults; setFaults({}) clears them. Hanging requests re-check and go on if released. */
  setFaults(faults: EmulatorFaults): void {
    this.faults = { ...faults, ...(faults.failNext ? { failNext: { ...faults.failNext } } : {}) };
    this.wakeAll();
  }

  /** Current rows of a tab (header first), copies. */
  rows(sheetName?: string): string[][] {
    return this.tabNamed(sheetName).copyRows();
  }

  /** Replace the rows of a tab; a tab that does not exist yet is added. */
  setRows(rows: string[][], sheetName?: string): void {
    const name = sheetName ?? this.sheetName;
    const tab = this.findTab(name);
    if (tab !== undefined && tab.name === name) tab.replaceRows(rows);
    else this.tabs.push(new Tab(name, rows, Math.max(...this.tabs.map((t) => t.sheetId)) + 1000 + this.tabs.length));
    this.persist();
  }

  /** Set a cell by book id (column headed `id`) and header name, as a librarian editing by hand would. Throws if not found. */
  setCell(bookId: string, header: string, value: string): void {
    const { row, col } = this.locate(bookId, header, true)!;
    this.primaryTab.setCell(row, col, value);
    this.persist();
  }

  getCell(bookId: string, header: string): string | undefined {
    const at = this.locate(bookId, header, false);
    return at === undefined ? undefined : this.primaryTab.cell(at.row, at.col);
  }

  /** Move the data row at 1-based sheet row `from` to row `to` (header is row 1), shifting the others; fills move with it. */
  moveRow(from: number, to: number): void {
    const rows = this.primaryTab.rows;
    for (const n of [from, to]) {
      if (!Number.isInteger(n) || n < 2 || n > rows.length) {
        throw new RangeError(`moveRow: row ${n} is not a data row (2..${rows.length})`);
      }
    }
    this.primaryTab.moveRow(from, to);
    this.persist();
  }

  /** Background colours of a tab's cells (`#RRGGBB`, null for none), row by row as `rows()` lists values. */
  fills(sheetName?: string): (string | null)[][] {
    const tab = this.tabNamed(sheetName);
    return tab.rows.map((row, r) => Array.from({ length: Math.max(row.length, tab.fills[r]?.length ?? 0) }, (_, c) => tab.fill(r + 1, c + 1) || null));
  }

  /**
   * The background colour of a book's row across the header's columns: `#RRGGBB`, null when unfilled, or
   * `mixed: …` listing the cells' colours when they differ. Throws when the book is not in the first tab.
   */
  rowFill(bookId: string): string | null {
    const { row } = this.locate(bookId, "id", true)!;
    const tab = this.primaryTab;
    const width = trimmedLength(tab.rows[0] ?? []);
    const colours = Array.from({ length: width }, (_, c) => tab.fill(row, c + 1) || "none");
    const distinct = [...new Set(colours)];
    if (distinct.length > 1) return `mixed: ${colours.join(",")}`;
    return distinct[0] === undefined || distinct[0] === "none" ? null : distinct[0];
  }

  /** Give a tab another numeric id, as deleting it and pasting it back as a new tab would (its cells stay). */
  renumberTab(sheetId: number, sheetName?: string): void {
    if (this.tabs.some((tab) => tab.sheetId === sheetId)) throw new Error(`A tab already has the id ${sheetId}`);
    this.tabNamed(sheetName).sheetId = sheetId;
  }

  /** Paint cells by hand (1-based row, columns `fromCol`..`toCol`), as a librarian would; "" takes the fill away. */
  setFill(row: number, fromCol: number, toCol: number, colour: string, sheetName?: string): void {
    const tab = this.tabNamed(sheetName);
    for (let c = fromCol; c <= toCol; c++) tab.setFill(row, c, colour.toUpperCase());
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.wakeAll();
    for (const wake of [...this.stopListeners]) wake();
    const closed = new Promise<void>((resolveClose) => this.server.close(() => resolveClose()));
    this.server.closeAllConnections();
    await closed;
  }

  // ---------------------------------------------------------------------------------------------------------
  // HTTP

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let route: Route | undefined;
    try {
      const url = new URL(req.url ?? "/", "http://emulator");
      const latency = this.faults.latencyMs ?? 0;
      if (latency > 0) await this.sleep(latency);
      route = matchRoute(req.method ?? "GET", url.pathname);
      // Google checks credentials before anything else; any bearer token passes here.
      if (!/^Bearer\s+\S+/i.test(req.headers.authorization ?? "")) throw unauthenticated();
      await this.waitWhileHung(route.kind);
      if (this.stopped) return;
      this.takeInjectedFailure(route.kind);
      if (route.spreadsheetId !== this.spreadsheetId) throw new ApiError(404, "Requested entity was not found.");
      const body = await this.dispatch(route, url.searchParams, req);
      this.count(route, false);
      send(res, 200, body);
    } catch (err) {
      // The client is gone (stopped here, or a process killed mid-request): nobody to answer, nothing unexpected.
      if (res.destroyed) return;
      const apiError = err instanceof ApiError ? err : new ApiError(500, "Internal error encountered.");
      if (!(err instanceof ApiError)) console.error("sheets-emulator: unexpected error", err);
      if (route !== undefined) this.count(route, true);
      send(res, apiError.code, apiError.toJSON(), apiError.retryAfterSeconds);
    }
  }

  private count(route: Route, failed: boolean): void {
    this.calls[route.endpoint]++;
    if (route.kind === "read") this.calls.reads++;
    else this.calls.writes++;
    if (failed) this.calls.failed++;
  }

  private async dispatch(route: Route, query: URLSearchParams, req: IncomingMessage): Promise<object> {
    switch (route.endpoint) {
      case "get":
        return this.readRange(route.range ?? "", query);
      case "batchGet": {
        const ranges = query.getAll("ranges");
        const valueRanges = ranges.map((range) => this.readRange(range, query));
        return valueRanges.length > 0 ? { spreadsheetId: this.spreadsheetId, valueRanges } : { spreadsheetId: this.spreadsheetId };
      }
      case "update": {
        const body = await readJson(req);
        requireInputOption(query.get("valueInputOption"));
        const plan = this.planWrite(body, route.range ?? "", "");
        await this.beforeWrite?.([plan.requested]);
        const result = this.applyWrites([plan])[0]!;
        const response: Record<string, unknown> = { spreadsheetId: this.spreadsheetId, ...omitZeros(result) };
        if (query.get("includeValuesInResponse") === "true") {
          response.updatedData = this.readRange(result.updatedRange, query, "responseValueRenderOption", "responseDateTimeRenderOption");
        }
        return response;
      }
      case "getSpreadsheet":
        return spreadsheetResource(this.asSpreadsheet(), query.getAll("ranges"), query.get("includeGridData") === "true");
      case "batchUpdateSpreadsheet":
        return this.batchUpdateSpreadsheet(await readJson(req));
      case "batchUpdate": {
        const body = await readJson(req);
        requireInputOption(typeof body.valueInputOption === "string" ? body.valueInputOption : null);
        const data = body.data ?? [];
        if (!Array.isArray(data)) throw invalidArgument("Invalid value at 'data': expected a list of ValueRange");
        // Every range is checked before anything is written: one bad range fails the whole batch, as on Google.
        const plans = data.map((item: unknown, i: number) => {
          if (item === null || typeof item !== "object") throw invalidArgument(`Invalid value at 'data[${i}]'`);
          const valueRange = item as Record<string, unknown>;
          if (typeof valueRange.range !== "string") throw invalidArgument(`Invalid data[${i}]: range is required`);
          return this.planWrite(valueRange, valueRange.range, `data[${i}].`);
        });
        await this.beforeWrite?.(plans.map((plan) => plan.requested));
        const results = this.applyWrites(plans);
        const responses = results.map((result) => ({ spreadsheetId: this.spreadsheetId, ...omitZeros(result) }));
        const wantValues = body.includeValuesInResponse === true;
        if (wantValues) {
          const renderQuery = new URLSearchParams();
          if (typeof body.responseValueRenderOption === "string") renderQuery.set("valueRenderOption", body.responseValueRenderOption);
          if (typeof body.responseDateTimeRenderOption === "string") {
            renderQuery.set("dateTimeRenderOption", body.responseDateTimeRenderOption);
          }
          responses.forEach((response, i) => {
            Object.assign(response, { updatedData: this.readRange(results[i]!.updatedRange, renderQuery) });
          });
        }
        const sheetsTouched = new Set(plans.filter((_, i) => results[i]!.updatedCells > 0).map((plan) => plan.tab));
        const sum = (key: keyof Omit<WriteResult, "updatedRange">) => results.reduce((total, r) => total + r[key], 0);
        return {
          spreadsheetId: this.spreadsheetId,
          ...omitZeros({
            totalUpdatedRows: sum("updatedRows"),
            totalUpdatedColumns: sum("updatedColumns"),
            totalUpdatedCells: sum("updatedCells"),
            totalUpdatedSheets: sheetsTouched.size,
          }),
          ...(responses.length > 0 ? { responses } : {}),
        };
      }
    }
  }

  // ---------------------------------------------------------------------------------------------------------
  // The spreadsheet resource

  /** spreadsheets.batchUpdate: every request checked first, then all applied; the spreadsheet after, if asked. */
  private async batchUpdateSpreadsheet(body: Record<string, unknown>): Promise<object> {
    const sheet = this.asSpreadsheet();
    const edits = planRequests(sheet, body);
    const responseRanges = Array.isArray(body.responseRanges) ? body.responseRanges.map(String) : [];
    // Bad response ranges fail the request before anything is written, as a bad request would.
    for (const range of responseRanges) this.resolve(range);
    await this.beforeWrite?.(editedRanges(edits));
    applyEdits(edits);
    if (edits.some((e) => e.tab === this.primaryTab && e.value !== undefined)) this.persist();
    const replies = (body.requests as unknown[]).map(() => ({}));
    if (body.includeSpreadsheetInResponse !== true) return { spreadsheetId: this.spreadsheetId, replies };
    const updatedSpreadsheet = spreadsheetResource(sheet, responseRanges, body.responseIncludeGridData === true);
    return { spreadsheetId: this.spreadsheetId, replies, updatedSpreadsheet };
  }

  private asSpreadsheet(): SpreadsheetTabs {
    return { spreadsheetId: this.spreadsheetId, tabs: this.tabs, resolve: (text) => this.resolve(text) };
  }

  // ---------------------------------------------------------------------------------------------------------
  // Values

  private readRange(
    text: string,
    query: URLSearchParams,
    valueKey = "valueRenderOption",
    dateKey = "dateTimeRenderOption",
  ): ValueRange {
    const dimension = parseDimension(query.get("majorDimension"));
    const valueRender = parseValueRender(query.get(valueKey));
    const dateRender = parseDateTimeRender(query.get(dateKey));
    const { tab, range } = this.resolve(text);
    const rect = resolveRect(range, tab.gridRows, tab.gridCols);
    tab.checkInsideGrid(rect);
    const cells = tab.read(rect, dimension);
    const answer: ValueRange = { range: formatRect(tab.name, rect), majorDimension: dimension };
    if (cells.length > 0) {
      answer.values = valueRender === "FORMATTED_VALUE" ? cells : cells.map((line) => line.map((c) => renderCell(c, valueRender, dateRender)));
    }
    return answer;
  }

  /** Parse and check one ValueRange to write; throws before anything changes. */
  private planWrite(body: Record<string, unknown>, rangeText: string, where: string): PlannedWrite {
    const { tab, range } = this.resolve(rangeText);
    const requested = formatRange(tab.name, range);
    if (typeof body.range === "string" && body.range !== rangeText) {
      const other = this.resolve(body.range);
      if (other.tab !== tab || formatRange(other.tab.name, other.range) !== requested) {
        throw invalidArgument(`Invalid ValueRange range ${body.range} -- must match the requested range ${rangeText}`);
      }
    }
    const dimension = parseDimension(typeof body.majorDimension === "string" ? body.majorDimension : null, `${where}major_dimension`);
    const values = parseValues(body.values, where);
    const rowMajor = dimension === "COLUMNS" ? columnsToRows(values) : values;
    const target = writeTarget(range);
    tab.checkWrite(target, rowMajor, requested);
    return { tab, target, requested, values: rowMajor };
  }

  private applyWrites(plans: PlannedWrite[]): WriteResult[] {
    const results = plans.map((plan) => plan.tab.write(plan.target, plan.values, plan.requested));
    if (plans.some((plan) => plan.tab === this.primaryTab)) this.persist();
    return results;
  }

  /** The tab and area a range names. Unknown tab or bad notation: Google's `Unable to parse range: X`. */
  private resolve(text: string): { tab: Tab; range: A1Range } {
    // A tab whose name reads like a cell ("A1") is meant by its name.
    if (!text.includes("!") && !text.startsWith("'")) {
      const named = this.findTab(text);
      if (named !== undefined) return { tab: named, range: {} };
    }
    let range: A1Range;
    try {
      range = parseA1(text);
    } catch (err) {
      if (err instanceof A1ParseError) throw invalidArgument(err.message);
      throw err;
    }
    const tab = range.sheetName === undefined ? this.tabs[0] : this.findTab(range.sheetName);
    if (tab === undefined) throw invalidArgument(`Unable to parse range: ${text}`);
    return { tab, range };
  }

  /** Exact name first; Google also accepts a tab name in another letter case. */
  private findTab(name: string): Tab | undefined {
    return (
      this.tabs.find((tab) => tab.name === name) ??
      this.tabs.find((tab) => tab.name.toLocaleLowerCase() === name.toLocaleLowerCase())
    );
  }

  private tabNamed(sheetName: string | undefined): Tab {
    const tab = sheetName === undefined ? this.primaryTab : this.findTab(sheetName);
    if (tab === undefined) throw new Error(`No tab named ${sheetName}`);
    return tab;
  }

  private get primaryTab(): Tab {
    return this.tabs[0]!;
  }

  /** Row and column (1-based) of a book's cell; undefined (or a throw, if `strict`) when the book or header is missing. */
  private locate(bookId: string, header: string, strict: boolean): { row: number; col: number } | undefined {
    const tab = this.primaryTab;
    const headers = (tab.rows[0] ?? []).map((h) => h.trim());
    const idCol = headers.indexOf("id") + 1;
    const col = headers.indexOf(header.trim()) + 1;
    const fail = (why: string) => {
      if (strict) throw new Error(why);
      return undefined;
    };
    if (idCol === 0) return fail(`The ${tab.name} tab has no column headed "id"`);
    if (col === 0) return fail(`The ${tab.name} tab has no column headed "${header}"`);
    const wanted = bookId.trim();
    for (let row = 2; row <= tab.rows.length; row++) {
      if (tab.cell(row, idCol).trim() === wanted) return { row, col };
    }
    return fail(`No book with id "${bookId}" in the ${tab.name} tab`);
  }

  private persist(): void {
    if (this.workingCopyPath !== undefined) writeCsv(this.workingCopyPath, this.primaryTab.rows);
  }

  // ---------------------------------------------------------------------------------------------------------
  // Faults

  /** How many requests are held by a `hang` fault right now: a test waits for one to know a call is under way. */
  get hangingRequests(): number {
    return this.waiters.size;
  }

  private isHung(kind: Kind): boolean {
    const { hang } = this.faults;
    return hang === true || hang === kind;
  }

  private async waitWhileHung(kind: Kind): Promise<void> {
    while (!this.stopped && this.isHung(kind)) {
      await new Promise<void>((wake) => this.waiters.add(wake));
    }
  }

  /** A latency: cut short only by stop(), not by a change of faults. */
  private sleep(ms: number): Promise<void> {
    return new Promise<void>((done) => {
      const wake = () => {
        clearTimeout(timer);
        this.stopListeners.delete(wake);
        done();
      };
      const timer = setTimeout(wake, ms);
      this.stopListeners.add(wake);
    });
  }

  private wakeAll(): void {
    const waiting = [...this.waiters];
    this.waiters.clear();
    for (const wake of waiting) wake();
  }

  private takeInjectedFailure(kind: Kind): void {
    const fail = this.faults.failNext;
    if (fail === undefined || fail.count <= 0) return;
    if (fail.only !== undefined && fail.only !== kind) return;
    fail.count--;
    if (fail.count <= 0) delete this.faults.failNext;
    const error = faultError(fail.status, kind);
    if (fail.retryAfterSeconds !== undefined) error.retryAfterSeconds = fail.retryAfterSeconds;
    throw error;
  }
}

// -----------------------------------------------------------------------------------------------------------
// Request parsing

/**
 * Paths as googleapis sends them. The range is one URL-encoded path segment (`Books%21A1%3AZ`); the raw path is
 * split before decoding so an encoded "/" inside a tab name stays part of the range.
 */
function matchRoute(method: string, rawPath: string): Route {
  const segments = rawPath.split("/");
  const notFound = () => new ApiError(404, `Method not found: ${method} ${rawPath}`);
  if (segments[0] === "" && segments.length === 4 && segments[1] === "v4" && segments[2] === "spreadsheets") {
    // The spreadsheet itself: GET /v4/spreadsheets/{id}, POST /v4/spreadsheets/{id}:batchUpdate.
    const [id, verb] = (segments[3] ?? "").split(":") as [string, string | undefined];
    if (method === "GET" && verb === undefined) return { endpoint: "getSpreadsheet", kind: "read", spreadsheetId: decode(id) };
    if (method === "POST" && verb === "batchUpdate") return { endpoint: "batchUpdateSpreadsheet", kind: "write", spreadsheetId: decode(id) };
  }
  if (segments[0] !== "" || segments[1] !== "v4" || segments[2] !== "spreadsheets" || segments.length < 5) throw notFound();
  const spreadsheetId = decode(segments[3] ?? "");
  const rest = segments.slice(4);
  if (rest.length === 1) {
    if (rest[0] === "values:batchGet" && method === "GET") return { endpoint: "batchGet", kind: "read", spreadsheetId };
    if (rest[0] === "values:batchUpdate" && method === "POST") return { endpoint: "batchUpdate", kind: "write", spreadsheetId };
    throw notFound();
  }
  if (rest[0] !== "values" || rest.length < 2) throw notFound();
  const range = decode(rest.slice(1).join("/"));
  if (method === "GET") return { endpoint: "get", kind: "read", spreadsheetId, range };
  if (method === "PUT") return { endpoint: "update", kind: "write", spreadsheetId, range };
  throw notFound();
}

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw invalidArgument(`Invalid path segment: ${segment}`);
  }
}

function parseDimension(value: string | null, field = "major_dimension"): Dimension {
  if (value === null || value === "ROWS" || value === "DIMENSION_UNSPECIFIED") return "ROWS";
  if (value === "COLUMNS") return "COLUMNS";
  throw invalidArgument(`Invalid value at '${field}' (type.googleapis.com/google.apps.sheets.v4.Dimension), "${value}"`);
}

function requireInputOption(value: string | null): void {
  if (value === null || value === "" || value === "INPUT_VALUE_OPTION_UNSPECIFIED") {
    throw invalidArgument("'valueInputOption' is required but not specified");
  }
  if (value !== "RAW" && value !== "USER_ENTERED") {
    throw invalidArgument(
      `Invalid value at 'value_input_option' (type.googleapis.com/google.apps.sheets.v4.ValueInputOption), "${value}"`,
    );
  }
}

/** JSON values to cell strings: strings as they are, numbers and booleans as a sheet shows them, null kept as null. */
function parseValues(raw: unknown, where: string): CellInput[][] {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) throw invalidArgument(`Invalid value at '${where}values': expected a list of lists`);
  return raw.map((line: unknown, i: number) => {
    if (line === null) return [];
    if (!Array.isArray(line)) throw invalidArgument(`Invalid value at '${where}values[${i}]': expected a list`);
    return line.map((cell: unknown, j: number): CellInput => {
      if (cell === null) return null;
      if (typeof cell === "string") return cell;
      if (typeof cell === "number" && Number.isFinite(cell)) return String(cell);
      if (typeof cell === "boolean") return cell ? "TRUE" : "FALSE";
      throw invalidArgument(`Invalid values[${i}][${j}]: ${JSON.stringify(cell)}`);
    });
  });
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new ApiError(413, "Request payload size exceeds the limit.");
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString("utf8");
  if (text.trim() === "") return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw invalidArgument("Invalid JSON payload received.");
  }
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
    throw invalidArgument("Invalid JSON payload received. Expected an object.");
  }
  return parsed as Record<string, unknown>;
}

/** Google leaves fields at their default (0) out of its JSON answers. */
function omitZeros<T extends object>(fields: T): Partial<T> {
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== 0)) as Partial<T>;
}

function send(res: ServerResponse, status: number, body: object, retryAfterSeconds?: number): void {
  if (res.destroyed || res.headersSent) return;
  const text = JSON.stringify(body);
  const headers: Record<string, string | number> = {
    "content-type": "application/json; charset=UTF-8",
    "content-length": Buffer.byteLength(text),
  };
  if (status === 401) headers["www-authenticate"] = 'Bearer realm="https://accounts.google.com/"';
  if (retryAfterSeconds !== undefined) headers["retry-after"] = String(retryAfterSeconds);
  res.writeHead(status, headers);
  res.end(text);
}

function trimmedLength(line: readonly string[]): number {
  let end = line.length;
  while (end > 0 && (line[end - 1] ?? "").trim() === "") end--;
  return end;
}

function sameFile(a: string, b: string): boolean {
  if (resolve(a) === resolve(b)) return true;
  try {
    return existsSync(a) && existsSync(b) && realpathSync(a) === realpathSync(b);
  } catch {
    return false;
  }
}
