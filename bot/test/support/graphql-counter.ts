import { createServer, request, type IncomingMessage, type Server } from "node:http";
import { connect, type Socket } from "node:net";
import type { AddressInfo } from "node:net";

/**
 * A loopback HTTP relay in front of a kurin server that counts the GraphQL requests passing through it, per
 * Telegram person (the X-Telegram-User the bot sends when it acts for someone). Everything is forwarded as it is,
 * WebSocket upgrades (the notifier's graphql-ws subscription) included, so the bot behind it works as in
 * production. Written here rather than taken from a proxy library: it is a few lines of node:http, and what it
 * must do besides relaying (read one header of each POST) is the whole point.
 */
export class GraphQLCounter {
  /** POST /graphql requests made for each Telegram user id; "" for requests made for no one (the outbox). */
  private readonly counts = new Map<string, number>();
  private server!: Server;
  private readonly sockets = new Set<Socket>();

  private constructor(private readonly target: URL) {}

  /** Relays to `targetUrl` (kurin's origin, e.g. http://127.0.0.1:4000). */
  static async start(targetUrl: string): Promise<GraphQLCounter> {
    const counter = new GraphQLCounter(new URL(targetUrl));
    counter.server = createServer((req, res) => {
      counter.count(req);
      const upstream = request({ host: counter.target.hostname, port: counter.target.port, method: req.method, path: req.url, headers: req.headers }, (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      });
      upstream.on("error", () => res.destroy());
      req.pipe(upstream);
    });
    counter.server.on("upgrade", (req: IncomingMessage, socket: Socket, head: Buffer) => counter.relayUpgrade(req, socket, head));
    counter.server.on("connection", (socket: Socket) => {
      counter.sockets.add(socket);
      socket.on("close", () => counter.sockets.delete(socket));
    });
    await new Promise<void>((resolve) => counter.server.listen(0, "127.0.0.1", resolve));
    return counter;
  }

  /** The relay's origin: give `${url}/graphql` to the bot as KURIN_API_URL. */
  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** GraphQL requests so far made for this Telegram user. */
  requestsFor(telegramId: number): number {
    return this.counts.get(String(telegramId)) ?? 0;
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private count(req: IncomingMessage): void {
    if (req.method !== "POST" || !req.url?.startsWith("/graphql")) return;
    const header = req.headers["x-telegram-user"];
    let person = "";
    if (typeof header === "string") {
      try {
        person = String((JSON.parse(header) as { id?: unknown }).id ?? "");
      } catch {
        person = "?"; // not JSON: kurin refuses it, and it is still a request
      }
    }
    this.counts.set(person, (this.counts.get(person) ?? 0) + 1);
  }

  /** A WebSocket upgrade: the raw bytes both ways, once the head of the request has been replayed. */
  private relayUpgrade(req: IncomingMessage, socket: Socket, head: Buffer): void {
    const upstream = connect(Number(this.target.port), this.target.hostname, () => {
      const lines = [`${req.method} ${req.url} HTTP/${req.httpVersion}`];
      for (let i = 0; i < req.rawHeaders.length; i += 2) lines.push(`${req.rawHeaders[i]}: ${req.rawHeaders[i + 1]}`);
      upstream.write(`${lines.join("\r\n")}\r\n\r\n`);
      if (head.length > 0) upstream.write(head);
      upstream.pipe(socket);
      socket.pipe(upstream);
    });
    this.sockets.add(upstream);
    upstream.on("close", () => this.sockets.delete(upstream));
    const end = () => {
      socket.destroy();
      upstream.destroy();
    };
    upstream.on("error", end);
    socket.on("error", end);
  }
}
