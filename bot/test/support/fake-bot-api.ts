import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { InlineKeyboardMarkup, Message, Update, User } from "telegraf/types";

/**
 * A loopback Telegram Bot API server for tests: the real Telegraf talks to it over HTTP (TELEGRAM_API_ROOT).
 * It records every call, keeps each chat's messages (with edits) so tests can read what a person sees and
 * press its buttons, hands injected updates to getUpdates (long polling), and can answer a call with 429 and
 * retry_after, or 403 for a person who blocked the bot. It also keeps the files people sent (getFile and the
 * download the server makes for a return's photo). The bot's and the server's tests both use this one.
 */

export interface ApiCall {
  method: string;
  params: Record<string, unknown>;
  at: number;
  /** What was answered: ok, or the error code. */
  answer: "ok" | number;
}

export interface ChatMessage {
  message_id: number;
  chat_id: number;
  text?: string;
  caption?: string;
  photo?: string;
  reply_markup?: InlineKeyboardMarkup | Record<string, unknown>;
  /** Sent by the bot (or, false, by the person). */
  fromBot: boolean;
  entities?: Array<{ type: string; offset: number; length: number; url?: string }>;
}

interface Fault {
  method: string;
  chatId?: number;
  error_code: number;
  description: string;
  parameters?: { retry_after?: number };
}

const BOT_USER: User = { id: 4242, is_bot: true, first_name: "Kurin", username: "kurin_test_bot" };

export class FakeBotApi {
  readonly token = "123456:TEST-token_for-kurin";
  readonly botUser = BOT_USER;
  readonly calls: ApiCall[] = [];
  /** Button presses injected so far. */
  pressCount = 0;
  private server!: Server;
  private nextUpdateId = 1;
  private nextMessageId = 1;
  private queue: Update[] = [];
  private waiters: Array<() => void> = [];
  private readonly messages = new Map<number, ChatMessage[]>();
  private readonly faults: Fault[] = [];
  private readonly blocked = new Set<number>();
  /** Highest offset a getUpdates asked with: every update below it has been handled by the bot. */
  private confirmedOffset = 0;
  private webhook: { url: string; secret?: string } | undefined;
  /** Files people sent, by file_id: the bot only ever gets the id, Telegram keeps the bytes. */
  private readonly files = new Map<string, { path: string; body: Buffer; contentType: string }>();
  /** File paths downloaded (GET /file/bot<token>/<path>), in order. */
  readonly downloads: string[] = [];
  private webhookError: { last_error_date: number; last_error_message: string } | undefined;

  static async start(): Promise<FakeBotApi> {
    const fake = new FakeBotApi();
    fake.server = createServer((req, res) => void fake.handle(req, res));
    await new Promise<void>((resolve) => fake.server.listen(0, "127.0.0.1", resolve));
    return fake;
  }

  /** TELEGRAM_API_ROOT for the bot. */
  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** The bot's @username, without the @. */
  get username(): string {
    return BOT_USER.username!;
  }

  get webhookInfo() {
    return this.webhook;
  }

  /** Telegram could not deliver to the webhook: getWebhookInfo reports it, as after a failed POST. */
  webhookDeliveryFailed(message: string): void {
    this.webhookError = { last_error_date: now(), last_error_message: message };
  }

  async stop(): Promise<void> {
    this.wake();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  // --- faults -------------------------------------------------------------------------------------------

  /** The next call of `method` (to `chatId`, if given) answers 429 Too Many Requests with retry_after. */
  tooManyRequests(method: string, retryAfterSeconds: number, chatId?: number): void {
    this.faults.push({ method, chatId, error_code: 429, description: `Too Many Requests: retry after ${retryAfterSeconds}`, parameters: { retry_after: retryAfterSeconds } });
  }

  /** Every later message to this chat answers 403, as Telegram does for a person who blocked the bot. */
  block(chatId: number): void {
    this.blocked.add(chatId);
  }

  /** A photo a person sent: its file_id can be asked with getFile and the file downloaded. */
  addFile(fileId: string, body: Buffer, contentType = "image/png"): void {
    this.files.set(fileId, { path: `photos/file_${this.files.size + 1}.png`, body, contentType });
  }

  // --- what people do -----------------------------------------------------------------------------------

  /** A person writes `text` in their private chat with the bot (a leading /command is marked as one). */
  text(from: User, text: string, extra: Partial<Message.TextMessage> = {}): number {
    const command = /^\/\S+/.exec(text);
    const entities = command ? [{ type: "bot_command" as const, offset: 0, length: command[0].length }] : undefined;
    return this.message(from, { text, ...(entities ? { entities } : {}), ...extra });
  }

  /** A person sends a message of any kind (contact, photo, ...). */
  message(from: User, content: Record<string, unknown>): number {
    const message = { message_id: this.nextMessageId++, date: now(), chat: { id: from.id, type: "private", first_name: from.first_name }, from, ...content };
    this.store({ message_id: message.message_id, chat_id: from.id, text: content.text as string | undefined, fromBot: false });
    return this.inject({ message } as unknown as Omit<Update, "update_id">);
  }

  /** A person presses the button with this data on the newest message of their chat that has it. */
  press(from: User, data: string): number {
    const message = this.messagesTo(from.id)
      .toReversed()
      .find((m) => this.buttonsOf(m).some((b) => b.callback_data === data));
    if (!message) throw new Error(`chat ${from.id} has no button "${data}"; buttons: ${this.buttonsIn(from.id).join(", ")}`);
    return this.pressOn(from, message, data);
  }

  /** Presses `data` on a given message (an old one: a stale button). */
  pressOn(from: User, message: ChatMessage, data: string): number {
    this.pressCount++;
    const shown = { message_id: message.message_id, date: now(), chat: { id: message.chat_id, type: "private" }, from: BOT_USER, text: message.text, caption: message.caption, ...(message.photo ? { photo: [{ file_id: message.photo, file_unique_id: "u", width: 1, height: 1 }] } : {}), reply_markup: message.reply_markup };
    return this.inject({ callback_query: { id: `cq${this.nextUpdateId}`, from, chat_instance: String(from.id), message: shown, data } } as unknown as Omit<Update, "update_id">);
  }

  inject(update: Omit<Update, "update_id">): number {
    const full = { update_id: this.nextUpdateId++, ...update } as Update;
    this.queue.push(full);
    this.wake();
    return full.update_id;
  }

  /** Resolves once the bot has handled the update (its next getUpdates asks past it). */
  async handled(updateId: number, timeoutMs = 20_000): Promise<void> {
    await waitUntil(() => this.confirmedOffset > updateId, timeoutMs, `update ${updateId} to be handled`);
  }

  // --- what the bot did ---------------------------------------------------------------------------------

  /** Messages in a chat as the person sees them now (edits applied), oldest first. */
  messagesTo(chatId: number): ChatMessage[] {
    return (this.messages.get(chatId) ?? []).filter((m) => m.fromBot);
  }

  last(chatId: number): ChatMessage {
    const message = this.messagesTo(chatId).at(-1);
    if (!message) throw new Error(`nothing was sent to chat ${chatId}`);
    return message;
  }

  /** Every callback_data of the buttons now in a chat. */
  buttonsIn(chatId: number): string[] {
    return this.messagesTo(chatId).flatMap((m) => this.buttonsOf(m).map((b) => b.callback_data ?? ""));
  }

  buttonsOf(message: ChatMessage): Array<{ text: string; callback_data?: string }> {
    const keyboard = (message.reply_markup as InlineKeyboardMarkup | undefined)?.inline_keyboard ?? [];
    return keyboard.flat() as Array<{ text: string; callback_data?: string }>;
  }

  callsOf(method: string): ApiCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  // --- the Bot API --------------------------------------------------------------------------------------

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method === "GET" && req.url?.startsWith("/file/")) return this.download(req.url, res);
    const match = /^\/bot([^/]+)\/(\w+)$/.exec(req.url ?? "");
    const body = await readBody(req);
    if (!match) return reply(res, 404, { ok: false, error_code: 404, description: "Not Found" });
    // Telegram answers a well-formed token it does not know with 401.
    if (match[1] !== this.token) return reply(res, 401, { ok: false, error_code: 401, description: "Unauthorized" });
    const method = match[2]!;
    const params = (body === "" ? {} : JSON.parse(body)) as Record<string, unknown>;
    if (method === "getUpdates") return this.getUpdates(params, req, res);
    const call: ApiCall = { method, params, at: Date.now(), answer: "ok" };
    this.calls.push(call);
    const chatId = typeof params.chat_id === "number" ? params.chat_id : Number(params.chat_id);
    const fault = this.faults.findIndex((f) => f.method === method && (f.chatId === undefined || f.chatId === chatId));
    if (fault >= 0) {
      const [f] = this.faults.splice(fault, 1);
      call.answer = f!.error_code;
      return reply(res, f!.error_code, { ok: false, error_code: f!.error_code, description: f!.description, parameters: f!.parameters });
    }
    if (method === "getFile" && !this.files.has(String(params.file_id))) {
      call.answer = 400;
      return reply(res, 400, { ok: false, error_code: 400, description: "Bad Request: invalid file_id" });
    }
    if (this.blocked.has(chatId) && /^send/.test(method)) {
      call.answer = 403;
      return reply(res, 403, { ok: false, error_code: 403, description: "Forbidden: bot was blocked by the user" });
    }
    return reply(res, 200, { ok: true, result: this.answer(method, params, chatId) });
  }

  private answer(method: string, params: Record<string, unknown>, chatId: number): unknown {
    switch (method) {
      case "getMe":
        return BOT_USER;
      case "sendMessage":
      case "sendPhoto": {
        const stored = this.store({
          message_id: this.nextMessageId++,
          chat_id: chatId,
          text: params.text as string | undefined,
          caption: params.caption as string | undefined,
          photo: params.photo as string | undefined,
          reply_markup: params.reply_markup as ChatMessage["reply_markup"],
          entities: params.text ? linkEntities(params.text as string) : undefined,
          fromBot: true,
        });
        return { message_id: stored.message_id, date: now(), chat: { id: chatId, type: "private" }, from: BOT_USER, text: stored.text, entities: stored.entities };
      }
      case "editMessageText":
      case "editMessageReplyMarkup":
      case "editMessageCaption": {
        const message = (this.messages.get(chatId) ?? []).find((m) => m.message_id === params.message_id);
        if (!message) return true;
        if (method === "editMessageText") {
          message.text = params.text as string;
          message.entities = linkEntities(message.text);
        }
        if (method === "editMessageCaption") message.caption = params.caption as string;
        message.reply_markup = params.reply_markup as ChatMessage["reply_markup"];
        return { message_id: message.message_id, date: now(), chat: { id: chatId, type: "private" }, text: message.text };
      }
      case "getFile": {
        const fileId = String(params.file_id);
        const file = this.files.get(fileId)!;
        return { file_id: fileId, file_unique_id: fileId.slice(-8), file_size: file.body.length, file_path: file.path };
      }
      case "setWebhook":
        this.webhook = { url: params.url as string, secret: params.secret_token as string | undefined };
        return true;
      case "deleteWebhook":
        this.webhook = undefined;
        this.webhookError = undefined;
        return true;
      case "getWebhookInfo":
        return { url: this.webhook?.url ?? "", has_custom_certificate: false, pending_update_count: this.queue.length, ...this.webhookError };
      default:
        // answerCallbackQuery, setMyCommands, ...: recorded, and fine.
        return true;
    }
  }

  /** A file's bytes, as api.telegram.org/file/bot<token>/<file_path> serves them. */
  private download(url: string, res: ServerResponse): void {
    const file = [...this.files.values()].find((f) => url === `/file/bot${this.token}/${f.path}`);
    if (!file) return reply(res, 404, { ok: false, error_code: 404, description: "Not Found" });
    this.downloads.push(file.path);
    res.writeHead(200, { "content-type": file.contentType, "content-length": file.body.length });
    res.end(file.body);
  }

  private getUpdates(params: Record<string, unknown>, req: IncomingMessage, res: ServerResponse): void {
    const offset = Number(params.offset ?? 0);
    this.confirmedOffset = Math.max(this.confirmedOffset, offset);
    this.queue = this.queue.filter((u) => u.update_id >= offset);
    const deliver = () => {
      const updates = this.queue.filter((u) => u.update_id >= offset);
      reply(res, 200, { ok: true, result: updates });
    };
    if (this.queue.length > 0) return deliver();
    // Long polling: answer when an update comes, or empty after the bot's timeout (capped: tests stop bots).
    const timer = setTimeout(done, Math.min(Number(params.timeout ?? 0), 5) * 1000);
    const waiter = () => done();
    this.waiters.push(waiter);
    req.on("close", () => {
      clearTimeout(timer);
      this.waiters = this.waiters.filter((w) => w !== waiter);
    });
    function done() {
      clearTimeout(timer);
      if (!res.writableEnded) deliver();
    }
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const waiter of waiters) waiter();
  }

  private store(message: ChatMessage): ChatMessage {
    const chat = this.messages.get(message.chat_id) ?? [];
    chat.push(message);
    this.messages.set(message.chat_id, chat);
    return message;
  }
}

/** The entities Telegram would report for the HTML links of a text (what a reply's reply_to_message carries). */
function linkEntities(html: string): ChatMessage["entities"] {
  return [...html.matchAll(/<a href="([^"]+)">/g)].map((m) => ({ type: "text_link", offset: 0, length: 1, url: m[1]! }));
}

function reply(res: ServerResponse, status: number, body: unknown): void {
  if (res.writableEnded) return;
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function now(): number {
  return Math.floor(Date.now() / 1000);
}

export async function waitUntil(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

let nextPerson = 1;
/** A Telegram person, new for each call (ids far from the bot's). */
export function person(languageCode = "uk", extra: Partial<User> = {}): User {
  const n = nextPerson++;
  return { id: 910_000 + n * 7 + Math.floor(Math.random() * 1000) * 10_000, is_bot: false, first_name: `Reader${n}`, last_name: "Test", username: `reader_t${n}`, language_code: languageCode, ...extra };
}

/** A person's photo sent as a reply to one of the bot's messages (a return's proof, answering its prompt). */
export function photoReply(fake: FakeBotApi, from: User, to: ChatMessage | undefined, fileId: string): number {
  const photo = [
    { file_id: `${fileId}_small`, file_unique_id: `${fileId}s`, width: 90, height: 90 },
    { file_id: fileId, file_unique_id: `${fileId}l`, width: 1280, height: 960 },
  ];
  const replyTo = to ? { message_id: to.message_id, date: now(), chat: { id: from.id, type: "private" }, from: fake.botUser, text: to.text, entities: to.entities } : undefined;
  return fake.message(from, { photo, ...(replyTo ? { reply_to_message: replyTo } : {}) });
}
