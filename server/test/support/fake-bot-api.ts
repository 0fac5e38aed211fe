import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A loopback stand-in for the Telegram Bot API's file side: getMe, getFile and the file download, for one bot
 * token. Files are registered by file_id; every call is recorded, so tests can count what kurin asked.
 */
export class FakeBotApi {
  readonly calls: string[] = [];
  private readonly files = new Map<string, { path: string; body: Buffer; contentType: string }>();

  private constructor(
    private readonly server: Server,
    readonly url: string,
    readonly token: string,
    readonly username: string,
  ) {}

  static async start(options: { token?: string; username?: string } = {}): Promise<FakeBotApi> {
    const token = options.token ?? "123456:TEST-token";
    const username = options.username ?? "kurin_test_bot";
    const holder: { api?: FakeBotApi } = {};
    const server = createServer((req, res) => holder.api!.handle(req.method ?? "GET", req.url ?? "/", res));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const api = new FakeBotApi(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`, token, username);
    holder.api = api;
    return api;
  }

  /** A photo a reader sent: the bot receives its file_id, Telegram keeps the bytes. */
  addFile(fileId: string, body: Buffer, contentType = "image/png"): void {
    this.files.set(fileId, { path: `photos/file_${this.files.size + 1}.png`, body, contentType });
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private handle(method: string, url: string, res: import("node:http").ServerResponse): void {
    const path = new URL(url, this.url).pathname;
    this.calls.push(path.replace(this.token, "TOKEN"));
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(body));
    };
    if (path === `/bot${this.token}/getMe`) {
      return json(200, { ok: true, result: { id: 1, is_bot: true, first_name: "kurin", username: this.username } });
    }
    if (path === `/bot${this.token}/getFile`) {
      // The body is JSON; the file_id is read from it below.
      return void readBody(res.req).then((text) => {
        const fileId = (JSON.parse(text || "{}") as { file_id?: string }).file_id ?? "";
        const file = this.files.get(fileId);
        if (!file) return json(400, { ok: false, error_code: 400, description: "Bad Request: invalid file_id" });
        json(200, { ok: true, result: { file_id: fileId, file_unique_id: fileId.slice(-8), file_size: file.body.length, file_path: file.path } });
      });
    }
    const file = [...this.files.values()].find((f) => path === `/file/bot${this.token}/${f.path}`);
    if (method === "GET" && file) {
      res.writeHead(200, { "content-type": file.contentType, "content-length": file.body.length });
      return void res.end(file.body);
    }
    json(404, { ok: false, error_code: 404, description: "Not Found" });
  }
}

function readBody(req: import("node:http").IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => resolve(Buffer.concat(chunks).toString()));
    req.on("error", reject);
  });
}
