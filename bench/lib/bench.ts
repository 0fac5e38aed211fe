import { randomBytes } from "node:crypto";
import { ServerProcess } from "./children.ts";
import type { BenchDatabase } from "./database.ts";
import type { PrivateRedis } from "./redis-server.ts";
import { SlowSheets } from "./sheets.ts";

/** Knobs, from the environment (see bench/README.md). The defaults are what the issue asks for. */
export interface BenchOptions {
  /** seconds of each measured load run */
  seconds: number;
  /** interleaved rounds of each comparison */
  rounds: number;
  /** seconds of the sustained-load Sheets count (section 3) */
  sustainSeconds: number;
  /** requests/s of the sustained load, over all instances */
  rate: number;
  /** write V8 CPU profiles of the kurin instances to bench/results/profiles */
  profile: boolean;
  /** which sections to run */
  sections: Set<string>;
}

export function benchOptions(env: NodeJS.ProcessEnv = process.env): BenchOptions {
  const number = (name: string, fallback: number) => {
    const value = env[name];
    if (value === undefined || value === "") return fallback;
    const parsed = Number(value);
    if (!Number.isFinite(parsed) || parsed <= 0) throw new Error(`${name} must be a positive number, got "${value}"`);
    return parsed;
  };
  return {
    seconds: number("BENCH_SECONDS", 3),
    rounds: Math.round(number("BENCH_ROUNDS", 5)),
    sustainSeconds: number("BENCH_SUSTAIN_SECONDS", 60),
    rate: number("BENCH_RATE", 2000),
    profile: env.BENCH_PROFILE === "1",
    sections: new Set((env.BENCH_SECTIONS || "1,2,3,4,5,6,7").split(",").map((s) => s.trim())),
  };
}

/** One line of the printed table. */
export interface Row {
  section: string;
  figure: string;
  value: string;
  target?: string;
  /** whether the target is met; undefined when there is no target */
  met?: boolean;
}

export interface SectionResult {
  rows: Row[];
  data: Record<string, unknown>;
}

/**
 * What every section starts from: the private Redis, the run's database, and helpers that start kurin instances
 * and baselines wired to them, each library under its own key prefix. Everything started is stopped by stopAll().
 */
export class Bench {
  readonly runId = randomBytes(4).toString("hex");
  private readonly processes = new Set<ServerProcess>();
  private readonly emulators = new Set<SlowSheets>();

  constructor(
    readonly options: BenchOptions,
    readonly redis: PrivateRedis,
    readonly db: BenchDatabase,
    /** the demo catalogue's rows (header first) */
    readonly demoRows: string[][],
  ) {}

  /** A key prefix of this run, for one library. */
  prefix(label: string): string {
    return `kurin-bench:${this.runId}:${label}:`;
  }

  /** A Sheets emulator with Google's latency, holding `rows` (default: the demo catalogue). */
  async sheets(rows: string[][] = this.demoRows): Promise<SlowSheets> {
    const sheets = await SlowSheets.start(rows);
    this.emulators.add(sheets);
    return sheets;
  }

  /** kurin's own environment variables for an instance of the library at `prefix` reading `sheets`. */
  env(sheets: SlowSheets, prefix: string, extra: Record<string, string> = {}): Record<string, string> {
    return {
      DATABASE_URL: this.db.url,
      REDIS_URL: this.redis.url,
      REDIS_KEY_PREFIX: prefix,
      GOOGLE_SPREADSHEET_ID: sheets.emulator.spreadsheetId,
      SHEETS_API_URL: sheets.emulator.url,
      GOOGLE_SHEET_NAME: sheets.emulator.sheetName,
      HOST: "127.0.0.1",
      PORT: "0",
      LOG_LEVEL: "warn",
      ...extra,
    };
  }

  async kurin(name: string, sheets: SlowSheets, prefix: string, extra: Record<string, string> = {}): Promise<ServerProcess> {
    return this.track(
      await ServerProcess.start({ script: "kurin.ts", name, env: this.env(sheets, prefix, extra), cpuProfile: this.options.profile }),
    );
  }

  async baseline(
    mode: "constants" | "per-key" | "no-cache",
    name: string,
    sheets: SlowSheets,
    prefix: string,
    extra: Record<string, string> = {},
  ): Promise<ServerProcess> {
    return this.track(await ServerProcess.start({ script: "baseline.ts", name, env: this.env(sheets, prefix, { ...extra, BENCH_BASELINE: mode }) }));
  }

  async stop(...processes: ServerProcess[]): Promise<void> {
    await Promise.all(processes.map((p) => p.stop()));
    for (const p of processes) this.processes.delete(p);
  }

  async stopSheets(sheets: SlowSheets): Promise<void> {
    await sheets.stop();
    this.emulators.delete(sheets);
  }

  async stopAll(): Promise<void> {
    await this.stop(...this.processes);
    for (const sheets of this.emulators) await sheets.stop();
    this.emulators.clear();
  }

  private track(process: ServerProcess): ServerProcess {
    this.processes.add(process);
    return process;
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

// Formatting for the table.
export const x = (ratio: number, digits = 2) => (Number.isFinite(ratio) ? `${ratio.toFixed(digits)}x` : "n/a");
export const perSecond = (rps: number) => `${Math.round(rps)}/s`;
export const ms = (value: number) => (Number.isFinite(value) ? `${value < 10 ? value.toFixed(1) : Math.round(value)} ms` : "n/a");
export const mb = (bytes: number) => `${Math.round(bytes / 1e6)} MB`;
