import { connect, type Socket } from "node:net";
import { REDIS_URL } from "./kurin.ts";

/**
 * Every command the Redis server executes on keys of one prefix, seen through MONITOR on a plain RESP2 socket
 * (an observer outside kurin). A raw socket, not ioredis: ioredis 6's monitor mode can trip over a HELLO
 * another client sends while it starts ("Command queue state error").
 */
export class MonitorLog {
  readonly commands: string[][] = [];
  private socket?: Socket;
  private buffer = "";
  private markers = 0;
  private waiting?: { marker: string; done: () => void };

  constructor(private readonly prefix: string) {}

  async start(): Promise<void> {
    const url = new URL(REDIS_URL);
    const socket = connect(Number(url.port || 6379), url.hostname);
    this.socket = socket;
    socket.setEncoding("latin1");
    await new Promise<void>((resolve, reject) => {
      socket.once("error", reject);
      socket.once("connect", () => resolve());
    });
    socket.on("data", (chunk: string) => this.receive(chunk));
    socket.write("MONITOR\r\n");
    await this.settle();
    this.commands.length = 0;
  }

  /** Waits until MONITOR has shown everything executed so far (its output is asynchronous). */
  async settle(): Promise<void> {
    const marker = `${this.prefix}settle:${++this.markers}`;
    const seen = new Promise<void>((done) => (this.waiting = { marker, done }));
    const probe = connect(Number(new URL(REDIS_URL).port || 6379), new URL(REDIS_URL).hostname);
    probe.write(`ECHO ${marker}\r\n`);
    await seen;
    probe.destroy();
  }

  stop(): void {
    this.socket?.destroy();
  }

  private receive(chunk: string): void {
    this.buffer += chunk;
    let end: number;
    while ((end = this.buffer.indexOf("\r\n")) >= 0) {
      const line = this.buffer.slice(0, end);
      this.buffer = this.buffer.slice(end + 2);
      if (!line.startsWith("+") || line === "+OK") continue;
      const args = parseMonitorArgs(line);
      const waiting = this.waiting;
      if (waiting && args[0]?.toLowerCase() === "echo" && args[1] === waiting.marker) {
        waiting.done();
        continue;
      }
      if (args.some((a) => a.startsWith(this.prefix))) this.commands.push(args);
    }
  }
}

/** `+1700000000.123 [0 127.0.0.1:5555] "hmget" "k" "1"` -> ["hmget", "k", "1"] (sdscatrepr escapes undone). */
function parseMonitorArgs(line: string): string[] {
  const args: string[] = [];
  const start = line.indexOf("] ");
  const text = line.slice(start + 2);
  for (const match of text.matchAll(/"((?:[^"\\]|\\.)*)"/g)) {
    const bytes: number[] = [];
    const raw = match[1]!;
    for (let i = 0; i < raw.length; i++) {
      const c = raw[i]!;
      if (c !== "\\") {
        bytes.push(c.charCodeAt(0));
        continue;
      }
      const next = raw[++i]!;
      if (next === "x") {
        bytes.push(parseInt(raw.slice(i + 1, i + 3), 16));
        i += 2;
      } else bytes.push(({ n: 10, r: 13, t: 9, a: 7, b: 8 } as Record<string, number>)[next] ?? next.charCodeAt(0));
    }
    args.push(Buffer.from(bytes).toString("utf8"));
  }
  return args;
}
