import { connect, createServer, type Server, type Socket } from "node:net";

/**
 * Counts the SQL statements an instance sends, from outside it: a loopback TCP proxy in front of MariaDB/MySQL
 * that reads the client side of the protocol. Every command starts a packet with sequence number 0; its first
 * byte says which (COM_QUERY 0x03, COM_STMT_EXECUTE 0x17, COM_STMT_BULK_EXECUTE 0xfa are statements run;
 * COM_STMT_PREPARE 0x16 is counted apart). The bench database has no TLS on loopback, so the stream is readable.
 * Other users of the shared database server do not show up here, unlike in its global status counters.
 */
export class SqlCounter {
  statements = 0;
  prepares = 0;
  private readonly sockets = new Set<Socket>();

  private constructor(
    private readonly server: Server,
    readonly port: number,
  ) {}

  static async start(target: { host: string; port: number }): Promise<SqlCounter> {
    const server = createServer();
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(0, "127.0.0.1", () => resolve());
    });
    const address = server.address();
    const counter = new SqlCounter(server, typeof address === "object" && address ? address.port : 0);
    server.on("connection", (client) => counter.relay(client, target));
    return counter;
  }

  /** The same mysql:// URL, through this proxy. */
  url(databaseUrl: string): string {
    const url = new URL(databaseUrl);
    url.hostname = "127.0.0.1";
    url.port = String(this.port);
    return url.toString();
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private relay(client: Socket, target: { host: string; port: number }): void {
    const upstream = connect(target.port, target.host);
    // No Nagle: a proxy that holds small packets back adds 40 ms (delayed ACK) to a query.
    client.setNoDelay(true);
    upstream.setNoDelay(true);
    this.sockets.add(client).add(upstream);
    let rest: Buffer = Buffer.alloc(0);
    client.on("data", (chunk: Buffer) => {
      upstream.write(chunk);
      rest = this.scan(rest.length > 0 ? Buffer.concat([rest, chunk]) : chunk);
    });
    upstream.pipe(client);
    const close = () => {
      client.destroy();
      upstream.destroy();
      this.sockets.delete(client);
      this.sockets.delete(upstream);
    };
    for (const socket of [client, upstream]) {
      socket.on("error", close);
      socket.on("close", close);
    }
  }

  /** Counts the complete packets in `data`; answers the incomplete rest. */
  private scan(data: Buffer): Buffer {
    let offset = 0;
    while (data.length - offset >= 4) {
      const length = data.readUIntLE(offset, 3);
      if (data.length - offset < 4 + length) break;
      if (data[offset + 3] === 0 && length > 0) {
        const command = data[offset + 4];
        if (command === 0x03 || command === 0x17 || command === 0xfa) this.statements++;
        else if (command === 0x16) this.prepares++;
      }
      offset += 4 + length;
    }
    return data.subarray(offset);
  }
}
