import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Redis } from "ioredis";
import { freePort } from "./redis-server.ts";

/**
 * A Redis primary, one replica and three sentinels of the test's own, on free loopback ports (never the
 * machine's shared Redis), with short Sentinel timeouts so a failover takes seconds. There is no separate
 * redis-sentinel binary here: `redis-server <conf> --sentinel` is the same program in Sentinel mode.
 * Each sentinel rewrites its own conf file, so the files live in a temporary folder of their own.
 */

export const SENTINEL_NAME = "kurin";

interface Node {
  port: number;
  process: ChildProcess;
}

export class SentinelRedis {
  private readonly dir = mkdtempSync(join(tmpdir(), "kurin-sentinel-"));
  private readonly nodes: Node[] = [];
  primaryPort = 0;
  replicaPort = 0;
  sentinelPorts: number[] = [];

  private constructor() {}

  /** Starts the primary, its replica and three sentinels, and waits until the sentinels know each other and the replica. */
  static async start(options: { downAfterMs?: number; failoverTimeoutMs?: number } = {}): Promise<SentinelRedis> {
    const set = new SentinelRedis();
    try {
      await set.startAll(options.downAfterMs ?? 1000, options.failoverTimeoutMs ?? 2000);
    } catch (error) {
      await set.stop();
      throw error;
    }
    return set;
  }

  /** For REDIS_SENTINELS. */
  get sentinels(): string {
    return this.sentinelPorts.map((port) => `127.0.0.1:${port}`).join(",");
  }

  private async startAll(downAfterMs: number, failoverTimeoutMs: number): Promise<void> {
    this.primaryPort = await freePort();
    this.replicaPort = await freePort();
    await this.server(this.primaryPort, []);
    await this.server(this.replicaPort, ["--replicaof", "127.0.0.1", String(this.primaryPort)]);
    for (let i = 0; i < 3; i++) {
      const port = await freePort();
      const conf = join(this.dir, `sentinel-${port}.conf`);
      writeFileSync(
        conf,
        [
          `port ${port}`,
          "bind 127.0.0.1",
          `dir ${this.dir}`,
          `sentinel monitor ${SENTINEL_NAME} 127.0.0.1 ${this.primaryPort} 2`,
          `sentinel down-after-milliseconds ${SENTINEL_NAME} ${downAfterMs}`,
          `sentinel failover-timeout ${SENTINEL_NAME} ${failoverTimeoutMs}`,
          `sentinel parallel-syncs ${SENTINEL_NAME} 1`,
          "",
        ].join("\n"),
      );
      this.nodes.push({ port, process: spawn("redis-server", [conf, "--sentinel"], { stdio: "ignore" }) });
      this.sentinelPorts.push(port);
      await answers(port);
    }
    // A failover needs the replica in sync, and a quorum of sentinels that have found each other and the replica.
    await until(async () => (await info(this.replicaPort, "replication")).includes("master_link_status:up"), 10_000, "the replica to sync");
    await until(
      async () => {
        for (const port of this.sentinelPorts) {
          const sentinel = client(port);
          try {
            const [others, replicas] = await Promise.all([
              sentinel.call("SENTINEL", "SENTINELS", SENTINEL_NAME) as Promise<unknown[]>,
              sentinel.call("SENTINEL", "REPLICAS", SENTINEL_NAME) as Promise<unknown[]>,
            ]);
            if (others.length < 2 || replicas.length < 1) return false;
          } finally {
            sentinel.disconnect();
          }
        }
        return true;
      },
      20_000,
      "the sentinels to find each other and the replica",
    );
  }

  private async server(port: number, extra: string[]): Promise<void> {
    const args = ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", this.dir, ...extra];
    this.nodes.push({ port, process: spawn("redis-server", args, { stdio: "ignore" }) });
    await answers(port);
  }

  /** The primary's port as the sentinels report it now. */
  async primaryNow(): Promise<number | undefined> {
    const sentinel = client(this.sentinelPorts[0]!);
    try {
      const answer = (await sentinel.call("SENTINEL", "GET-MASTER-ADDR-BY-NAME", SENTINEL_NAME)) as [string, string] | null;
      return answer ? Number(answer[1]) : undefined;
    } finally {
      sentinel.disconnect();
    }
  }

  /** A plain connection to one of the servers (for the test's own looks at keys). */
  connect(port: number): Redis {
    return client(port);
  }

  /** Kills the server on `port` without warning (SIGKILL). */
  async kill(port: number): Promise<void> {
    const node = this.nodes.find((n) => n.port === port);
    const child = node?.process;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once("exit", () => resolve());
      child.kill("SIGKILL");
    });
  }

  async stop(): Promise<void> {
    for (const node of this.nodes) await this.kill(node.port);
    rmSync(this.dir, { recursive: true, force: true });
  }
}

function client(port: number): Redis {
  const redis = new Redis({ host: "127.0.0.1", port, lazyConnect: false, retryStrategy: () => null, maxRetriesPerRequest: 0 });
  redis.on("error", () => undefined);
  return redis;
}

async function info(port: number, section: string): Promise<string> {
  const redis = client(port);
  try {
    return await redis.info(section);
  } catch {
    return "";
  } finally {
    redis.disconnect();
  }
}

async function answers(port: number): Promise<void> {
  await until(async () => (await info(port, "server")).includes("redis_version"), 10_000, `redis-server on ${port} to answer`);
}

/** Polls (bounded) until `check` holds. */
export async function until(check: () => Promise<boolean>, timeoutMs: number, what: string, state?: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      if (await check()) return;
    } catch {
      // not yet
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${state ? `: ${state()}` : ""}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
