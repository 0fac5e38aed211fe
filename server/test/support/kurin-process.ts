import { spawn, type ChildProcess } from "node:child_process";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";

/**
 * kurin as its own operating-system process, started as `pnpm start` starts the server (`tsx src/main.ts` in
 * production mode) with the environment a test gives it, so a test can kill it for real (SIGKILL: no
 * `finally`, no shutdown hook) and start another. Node is run with tsx as an import hook rather than through
 * the tsx command, which would run kurin in a grandchild that a SIGKILL of its parent leaves running. The
 * "kurin-source" condition resolves the workspace's packages to their sources, as `pnpm dev` does.
 */

const SERVER_DIR = fileURLToPath(new URL("../../", import.meta.url));

/** Processes still running: killed if the test process exits first, so none outlives the test run. */
const running = new Set<ChildProcess>();
process.once("exit", () => {
  for (const child of running) child.kill("SIGKILL");
});

export interface KurinProcess {
  /** http://host:port, as the process logged it once it listened. */
  url: string;
  pid: number;
  /** How long it took from spawn to listening (this machine's speed right now). */
  startupMs: number;
  /** Its log lines so far (pino objects; lines that are not JSON as `{ text }`). */
  logs: Array<Record<string, unknown>>;
  /** Kills it with `signal` and waits until it is gone. */
  kill(signal?: NodeJS.Signals): Promise<void>;
}

export async function startKurinProcess(env: Record<string, string>, timeoutMs = 120_000): Promise<KurinProcess> {
  const spawnedAt = Date.now();
  const child = spawn(process.execPath, ["--conditions=kurin-source", "--import", "tsx", "src/main.ts"], {
    cwd: SERVER_DIR,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", NODE_ENV: "production", LOG_LEVEL: "info", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  running.add(child);
  const logs: Array<Record<string, unknown>> = [];
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve(void running.delete(child))));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error(`kurin did not start within ${timeoutMs} ms`)), timeoutMs);
    const fail = (error: Error) => {
      clearTimeout(timer);
      child.kill("SIGKILL");
      reject(new Error(`${error.message}; its output:\n${logs.map((line) => JSON.stringify(line)).join("\n")}`));
    };
    for (const stream of [child.stdout, child.stderr]) {
      createInterface({ input: stream! }).on("line", (line) => {
        const entry = parseLine(line);
        logs.push(entry);
        const serving = /kurin is serving GraphQL at (\S+)\/graphql/.exec(String(entry.msg ?? ""));
        if (serving) {
          clearTimeout(timer);
          resolve(serving[1]!);
        }
      });
    }
    child.once("exit", (code, signal) => fail(new Error(`kurin exited before it listened (${signal ?? `code ${code}`})`)));
  });
  return { url, pid: child.pid!, startupMs: Date.now() - spawnedAt, logs, kill: (signal = "SIGKILL") => killAndWait(child, exited, signal) };
}

async function killAndWait(child: ChildProcess, exited: Promise<void>, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) child.kill(signal);
  await exited;
}

function parseLine(line: string): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(line);
    if (parsed !== null && typeof parsed === "object") return parsed as Record<string, unknown>;
  } catch {
    // not a log line of pino's: kept as text
  }
  return { text: line };
}
