import { createRequire } from "node:module";
import type { Writable } from "node:stream";
import { pino, type Logger } from "pino";

export type { Logger };

/**
 * kurin's log: JSON lines for machines (a file, docker logs, a collector), readable coloured lines for a
 * person at a terminal. pino-pretty is loaded only for a terminal, so a server in production never loads it.
 */

export type LogFormat = "pretty" | "json";

/** Pretty for a terminal (stdout is a TTY), JSON for everything else. */
export function logFormat(isTTY: boolean | undefined): LogFormat {
  return isTTY ? "pretty" : "json";
}

export interface LoggerOptions {
  /** Whether stdout is a terminal; by default, asked of process.stdout. */
  isTTY?: boolean;
  /** Where the lines go (default: stdout). */
  destination?: Writable;
}

export function createLogger(level: string, options: LoggerOptions = {}): Logger {
  const settings = { level, base: { service: "kurin" } };
  const format = logFormat(options.isTTY ?? process.stdout.isTTY);
  if (format === "json") return options.destination ? pino(settings, options.destination) : pino(settings);
  const pretty = createRequire(import.meta.url)("pino-pretty") as typeof import("pino-pretty");
  const stream = pretty({
    colorize: options.destination === undefined,
    translateTime: "SYS:HH:MM:ss.l",
    ignore: "pid,hostname,service",
    sync: true,
    destination: options.destination ?? 1,
  });
  return pino(settings, stream);
}
