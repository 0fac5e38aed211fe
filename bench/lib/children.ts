import { fork, type ChildProcess } from "node:child_process";
import { closeSync, mkdirSync, openSync, readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { startScript } from "./started.ts";

/**
 * Server processes under test. Each kurin instance and each baseline runs in its own Node process, so it has
 * a core's worth of CPU to itself as far as the machine allows, and its memory (RSS) is its own. The parent
 * talks to it over IPC: where it listens, its stats, a timed refresh, stop.
 */

const REGISTER = fileURLToPath(new URL("../register.mjs", import.meta.url));
const RESULTS = fileURLToPath(new URL("../results/", import.meta.url));
/** USER_HZ: Linux reports CPU times in 1/100 s on every common platform. */
const CLOCK_TICKS = 100;

export interface ChildOptions {
  /** a file in bench/servers */
  script: string;
  /** a name for its log file and profile */
  name: string;
  env: Record<string, string>;
  /** write V8 CPU profiles to bench/results/profiles/<name>/ when it stops */
  cpuProfile?: boolean;
}

export class ServerProcess {
  private nextId = 0;
  private readonly waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();

  private constructor(
    readonly name: string,
    readonly url: string,
    private readonly child: ChildProcess,
  ) {
    child.on("message", (message: { id?: number; ok?: boolean; value?: unknown; error?: string }) => {
      const pending = message.id === undefined ? undefined : this.waiting.get(message.id);
      if (!pending) return;
      this.waiting.delete(message.id!);
      if (message.ok) pending.resolve(message.value);
      else pending.reject(new Error(`${this.name}: ${message.error}`));
    });
    child.on("exit", () => {
      for (const pending of this.waiting.values()) pending.reject(new Error(`${this.name} exited`));
      this.waiting.clear();
    });
  }

  static async start(options: ChildOptions): Promise<ServerProcess> {
    mkdirSync(`${RESULTS}logs`, { recursive: true });
    const logFile = `${RESULTS}logs/${options.name}.log`;
    const log = openSync(logFile, "w");
    // --expose-gc: the parent may ask for a collection before reading the heap (stats with { gc: true }).
    // kurin itself runs compiled, with the node flags and malloc setting of its start script; the baselines
    // run their sources through tsx.
    const kurin = options.script === "kurin.ts" ? compiledKurin() : undefined;
    const execArgv = ["--expose-gc", ...(kurin ? kurin.flags : ["--import", REGISTER])];
    // One folder per instance: Node writes a profile per thread (the module-hooks thread has its own).
    if (options.cpuProfile) execArgv.unshift("--cpu-prof", `--cpu-prof-dir=${RESULTS}profiles/${options.name}`);
    const child = fork(kurin?.file ?? fileURLToPath(new URL(`../servers/${options.script}`, import.meta.url)), [], {
      execArgv,
      // A clean environment: nothing from the caller's shell or .env reaches the server under test. Every
      // server, kurin and baselines alike, runs with NODE_ENV=production, as the Docker image does.
      env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", TMPDIR: process.env.TMPDIR ?? "/tmp", NODE_ENV: "production", ...kurin?.env, ...options.env },
      stdio: ["ignore", log, log, "ipc"],
    });
    closeSync(log);
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${options.name} did not start in 60 s (log: ${logFile})`)), 60_000);
      child.once("message", (message: { ready?: boolean; url?: string; error?: string }) => {
        clearTimeout(timer);
        if (message.ready && message.url) resolve(message.url);
        else reject(new Error(`${options.name} failed to start: ${message.error}`));
      });
      child.once("exit", (code) => {
        clearTimeout(timer);
        reject(new Error(`${options.name} exited at start (code ${code}); log: ${logFile}\n${tail(logFile)}`));
      });
    });
    return new ServerProcess(options.name, url, child);
  }

  get pid(): number {
    return this.child.pid!;
  }

  call<T>(command: string, argument?: unknown): Promise<T> {
    const id = ++this.nextId;
    return new Promise<T>((resolve, reject) => {
      this.waiting.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.child.send({ id, command, argument });
    });
  }

  /** CPU time the process has used so far, all threads, user + system (ms; the kernel counts in 10 ms ticks). */
  cpuMs(): number {
    const stat = readFileSync(`/proc/${this.pid}/stat`, "utf8");
    // Fields after the command name (which may hold spaces): state is field 3, utime 14, stime 15.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
  }

  /** Resident memory of the process as the kernel counts it (bytes). */
  rss(): number {
    const status = readFileSync(`/proc/${this.pid}/status`, "utf8");
    const kb = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
    return kb ? Number(kb[1]) * 1024 : NaN;
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    const exited = new Promise((resolve) => this.child.once("exit", resolve));
    this.call("stop").catch(() => undefined);
    const timer = setTimeout(() => this.child.kill("SIGKILL"), 15_000);
    await exited;
    clearTimeout(timer);
  }
}

const SERVER_DIST = fileURLToPath(new URL("../../server/dist", import.meta.url));
const REPO = fileURLToPath(new URL("../../", import.meta.url));
let harness: { file: string; flags: string[]; env: Record<string, string> } | undefined;

/**
 * servers/kurin.ts and servers/ipc.ts as JavaScript (types stripped: the server they start is already compiled),
 * in results/harness/, and how server/package.json's start script runs node: its flags and MALLOC_ARENA_MAX.
 */
function compiledKurin(): { file: string; flags: string[]; env: Record<string, string> } {
  if (harness) return harness;
  const out = `${RESULTS}harness/`;
  mkdirSync(out, { recursive: true });
  for (const name of ["kurin", "ipc"]) {
    const source = readFileSync(new URL(`../servers/${name}.ts`, import.meta.url), "utf8");
    const { outputText } = ts.transpileModule(source, {
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2023, rewriteRelativeImportExtensions: true, verbatimModuleSyntax: false },
    });
    writeFileSync(`${out}${name}.js`, outputText);
  }
  const script = startScript(REPO, "server");
  const flags = (/\bnode((?:\s+--\S+)*)\s+dist\/main\.js/.exec(script)?.[1] ?? "").trim().split(/\s+/).filter(Boolean);
  const arenas = /MALLOC_ARENA_MAX=\$\{MALLOC_ARENA_MAX:-(\d+)\}/.exec(script)?.[1];
  harness = { file: `${out}kurin.js`, flags, env: { KURIN_SERVER_DIST: SERVER_DIST, ...(arenas ? { MALLOC_ARENA_MAX: arenas } : {}) } };
  return harness;
}

function tail(file: string): string {
  try {
    return readFileSync(file, "utf8").split("\n").slice(-15).join("\n");
  } catch {
    return "";
  }
}
