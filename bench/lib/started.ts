import { spawn, type ChildProcess } from "node:child_process";
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { sleep } from "./bench.ts";

/**
 * A process started by a package's own `start` script (server/package.json, bot/package.json), as production
 * starts it: `sh -c <script>` in the package's folder, its own process group, a clean environment. Unlike the
 * IPC children (children.ts) nothing is added to it, so its start-up time and memory are what a library gets.
 */

const RESULTS = fileURLToPath(new URL("../results/", import.meta.url));
const CLOCK_TICKS = 100;

export class StartedProcess {
  private constructor(
    readonly name: string,
    private readonly child: ChildProcess,
    /** when spawn was called (performance.now()) */
    readonly spawnedAt: number,
    readonly logFile: string,
  ) {}

  /** Runs `package`'s start script from the repository at `root` (this checkout, or one built for comparison). */
  static start(name: string, root: string, pkg: "server" | "bot", env: Record<string, string>): StartedProcess {
    const script = startScript(root, pkg);
    mkdirSync(`${RESULTS}logs`, { recursive: true });
    const logFile = `${RESULTS}logs/${name}.log`;
    const log = openSync(logFile, "w");
    const spawnedAt = performance.now();
    const child = spawn("sh", ["-c", script], {
      cwd: join(root, pkg),
      detached: true,
      env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", TMPDIR: process.env.TMPDIR ?? "/tmp", ...env },
      stdio: ["ignore", log, log],
    });
    closeSync(log);
    return new StartedProcess(name, child, spawnedAt, logFile);
  }

  get exited(): boolean {
    return this.child.exitCode !== null || this.child.signalCode !== null;
  }

  /**
   * Polls `url`/health every 20 ms until it answers "ok"; answers the time from spawn (ms) and the CPU the
   * process tree had used by then.
   */
  async healthy(url: string, timeoutMs = 120_000): Promise<{ ms: number; cpuMs: number }> {
    while (performance.now() - this.spawnedAt < timeoutMs) {
      if (this.exited) throw new Error(`${this.name} exited at start; log: ${this.logFile}\n${tail(this.logFile)}`);
      const ok = await fetch(`${url}/health`)
        .then(async (r) => ((await r.json()) as { status?: string }).status === "ok")
        .catch(() => false);
      if (ok) return { ms: performance.now() - this.spawnedAt, cpuMs: this.cpuMs() };
      await sleep(20);
    }
    throw new Error(`${this.name}: /health not ok within ${timeoutMs / 1000} s; log: ${this.logFile}\n${tail(this.logFile)}`);
  }

  /** Waits until the log has a line matching `pattern`. */
  async logged(pattern: RegExp, timeoutMs = 60_000): Promise<void> {
    const started = performance.now();
    while (!pattern.test(readFileSync(this.logFile, "utf8"))) {
      if (this.exited) throw new Error(`${this.name} exited; log: ${this.logFile}\n${tail(this.logFile)}`);
      if (performance.now() - started > timeoutMs) throw new Error(`${this.name} did not log ${pattern} in ${timeoutMs / 1000} s`);
      await sleep(50);
    }
  }

  /** The processes of the tree: the shell and what it started (node; under tsx, tsx's own node as well). */
  pids(): number[] {
    const found = [this.child.pid!];
    for (let i = 0; i < found.length; i++) found.push(...childrenOf(found[i]!));
    return found.filter((pid) => existsSync(`/proc/${pid}`));
  }

  /** Resident memory of the whole tree, as the kernel counts it (bytes): what the machine pays for it. */
  rss(): number {
    return this.pids().reduce((sum, pid) => sum + statusKb(pid, "VmRSS") * 1024, 0);
  }

  /** CPU time of the tree so far (ms), user + system. */
  cpuMs(): number {
    return this.pids().reduce((sum, pid) => {
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
        const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
        return sum + ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
      } catch {
        return sum;
      }
    }, 0);
  }

  async stop(): Promise<void> {
    if (this.exited) return;
    const exited = new Promise((resolve) => this.child.once("exit", resolve));
    process.kill(-this.child.pid!, "SIGTERM");
    const timer = setTimeout(() => process.kill(-this.child.pid!, "SIGKILL"), 15_000);
    await exited;
    clearTimeout(timer);
    // The shell may exit before node has: wait for the group to be gone.
    for (let i = 0; i < 300 && this.pids().length > 0; i++) await sleep(50);
  }
}

/** The package's `start` script in that checkout. */
export function startScript(root: string, pkg: string): string {
  const json = JSON.parse(readFileSync(join(root, pkg, "package.json"), "utf8")) as { scripts?: Record<string, string> };
  const script = json.scripts?.start;
  if (!script) throw new Error(`${root}/${pkg}/package.json has no start script`);
  return script;
}

function childrenOf(pid: number): number[] {
  const children: number[] = [];
  for (const task of safeReaddir(`/proc/${pid}/task`)) {
    try {
      children.push(...readFileSync(`/proc/${pid}/task/${task}/children`, "utf8").trim().split(/\s+/).filter(Boolean).map(Number));
    } catch {
      // the task ended meanwhile
    }
  }
  return children;
}

function safeReaddir(path: string): string[] {
  try {
    return readdirSync(path);
  } catch {
    return [];
  }
}

function statusKb(pid: number, field: string): number {
  try {
    const match = new RegExp(`^${field}:\\s+(\\d+)\\s+kB`, "m").exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return match ? Number(match[1]) : 0;
  } catch {
    return 0;
  }
}

function tail(file: string): string {
  try {
    return readFileSync(file, "utf8").split("\n").slice(-15).join("\n");
  } catch {
    return "";
  }
}
