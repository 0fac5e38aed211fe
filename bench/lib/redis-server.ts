import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Redis } from "ioredis";
import { freePort } from "./ports.ts";

/**
 * A private redis-server on a free loopback port, for this run only: nothing else talks to it, so the
 * `INFO commandstats` deltas are kurin's own, and it can be killed for the outage section without touching the
 * machine's shared Redis. Nothing is kept on disk.
 */
export class PrivateRedis {
  private process: ChildProcess | undefined;
  private readonly dir = mkdtempSync(join(tmpdir(), "kurin-bench-redis-"));
  /** A connection for INFO and the raw HMGET floor; reconnects by itself after a restart. */
  readonly client: Redis;

  private constructor(readonly port: number) {
    this.client = new Redis({ host: "127.0.0.1", port, lazyConnect: true, maxRetriesPerRequest: 1, retryStrategy: () => 100 });
    this.client.on("error", () => undefined); // expected while the server is down on purpose
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  static async start(): Promise<PrivateRedis> {
    const redis = new PrivateRedis(await freePort());
    await redis.launch();
    await redis.client.connect();
    return redis;
  }

  get pid(): number | undefined {
    return this.process?.pid;
  }

  /** Starts redis-server (again, after kill()) on the same port and waits until it answers. */
  async launch(): Promise<void> {
    const child = spawn(
      "redis-server",
      ["--port", String(this.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", this.dir, "--logfile", ""],
      { stdio: "ignore" },
    );
    const failed = new Promise<never>((_, reject) => {
      child.once("error", (error) => reject(new Error(`could not start redis-server (is it installed?): ${error.message}`)));
      child.once("exit", (code) => reject(new Error(`redis-server exited at start (code ${code})`)));
    });
    failed.catch(() => undefined);
    this.process = child;
    for (let attempt = 0; ; attempt++) {
      const probe = new Redis({ host: "127.0.0.1", port: this.port, lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
      probe.on("error", () => undefined);
      try {
        await Promise.race([probe.connect().then(() => probe.ping()), failed]);
        return;
      } catch (error) {
        if (attempt > 100 || child.exitCode !== null) throw error;
        await new Promise((resolve) => setTimeout(resolve, 50));
      } finally {
        probe.disconnect();
      }
    }
  }

  /** Kills the server the way a crash would (SIGKILL) and waits until it is gone. */
  async kill(): Promise<void> {
    const child = this.process;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const gone = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGKILL");
    await gone;
  }

  /** Numbers from INFO (commandstats and stats sections). */
  async info(): Promise<RedisInfo> {
    const text = await this.client.info("everything");
    const commands: Record<string, number> = {};
    let readsProcessed = 0;
    for (const line of text.split(/\r?\n/)) {
      const command = /^cmdstat_([^:]+):calls=(\d+)/.exec(line);
      if (command) commands[command[1]!] = Number(command[2]);
      const reads = /^total_reads_processed:(\d+)/.exec(line);
      if (reads) readsProcessed = Number(reads[1]);
    }
    return { commands, readsProcessed };
  }

  async stop(): Promise<void> {
    this.client.disconnect();
    const child = this.process;
    if (child && child.exitCode === null && child.signalCode === null) {
      const gone = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await gone;
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}

export interface RedisInfo {
  /** calls per command name (lower case), since the server started */
  commands: Record<string, number>;
  /** read events on client sockets: with one request at a time, one per round trip */
  readsProcessed: number;
}

/** What happened between two INFO snapshots, leaving out the INFO calls that took them. */
export function infoDelta(before: RedisInfo, after: RedisInfo): RedisInfo {
  const commands: Record<string, number> = {};
  for (const [name, calls] of Object.entries(after.commands)) {
    const delta = calls - (before.commands[name] ?? 0);
    if (name !== "info" && delta > 0) commands[name] = delta;
  }
  // The INFO that took `after` was itself one read event.
  return { commands, readsProcessed: after.readsProcessed - before.readsProcessed - 1 };
}
