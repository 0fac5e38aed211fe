import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";

/**
 * kurin as `pnpm start` runs it (src/main.ts under tsx), in a child process of the test, so a test can kill it
 * for real (SIGKILL: no `finally`, no stop step, nothing written on the way out). The environment is the
 * child's whole configuration; its log (pino JSON on stdout) is kept for the test.
 */

const SERVER_DIR = fileURLToPath(new URL("../../", import.meta.url));
const READY = /kurin is serving GraphQL at (http:\/\/\S+)\/graphql/;

export interface ChildKurin {
  /** http://host:port, as the child logged it. */
  url: string;
  pid: number;
  /** Everything the child wrote, stdout and stderr. */
  output: string[];
  /** Sends `signal` (SIGKILL by default) and resolves once the process is gone. */
  kill(signal?: NodeJS.Signals): Promise<void>;
}

export async function startChildKurin(env: Record<string, string>, options: { readyWithinMs?: number } = {}): Promise<ChildKurin> {
  const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
    cwd: SERVER_DIR,
    // Only what a shell would give it, and the test's settings: nothing of the test runner's own environment.
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const output: string[] = [];
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error(`kurin did not start within ${options.readyWithinMs ?? 60_000} ms:\n${output.join("")}`)), options.readyWithinMs ?? 60_000);
    const fail = (error: Error) => {
      clearTimeout(timer);
      child.kill("SIGKILL");
      reject(error);
    };
    const read = (chunk: Buffer) => {
      output.push(chunk.toString());
      const ready = READY.exec(output.join(""));
      if (ready) {
        clearTimeout(timer);
        resolve(ready[1]!);
      }
    };
    child.stdout!.on("data", read);
    child.stderr!.on("data", read);
    child.once("exit", (code, signal) => fail(new Error(`kurin exited (${signal ?? code}) before it was ready:\n${output.join("")}`)));
  });
  return { url, pid: child.pid!, output, kill: (signal) => kill(child, signal ?? "SIGKILL") };
}

async function kill(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  await new Promise<void>((resolve) => {
    child.once("exit", () => resolve());
    child.kill(signal);
  });
}
