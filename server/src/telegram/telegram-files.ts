import type { TelegramSettings } from "../config.ts";

/**
 * Files and the bot's name from the Telegram Bot API, with the bot's token: the photo a reader sent of a book
 * back on the shelf (getFile, then the file's download URL) and the bot's username (getMe) for deep links.
 * The token never leaves the server: the dashboard asks kurin, kurin asks Telegram.
 */

export interface TelegramFile {
  contentType: string;
  body: Buffer;
}

/** Telegram did not answer, or answered with an error: nothing to show now. */
export class TelegramUnavailableError extends Error {
  override name = "TelegramUnavailableError";
}

/** The Bot API's largest file a bot may download (20 MB); a shelf photo is far smaller. */
const MAX_FILE_BYTES = 20 * 1024 * 1024;

/** Where the Bot API is when TELEGRAM_API_ROOT names no other server. */
const TELEGRAM_API = "https://api.telegram.org";

export class TelegramFiles {
  private username: Promise<string | null> | null = null;

  constructor(private readonly settings: Pick<TelegramSettings, "botToken" | "apiRoot" | "botUsername" | "timeoutMs">) {}

  /** A token is configured: photos can be fetched. */
  get configured(): boolean {
    return Boolean(this.settings.botToken);
  }

  /** The bot's @username without the @, or null when it cannot be known (no token, Telegram unreachable). */
  botUsername(): Promise<string | null> {
    if (this.settings.botUsername) return Promise.resolve(this.settings.botUsername);
    if (!this.settings.botToken) return Promise.resolve(null);
    // Asked once per process; a failure is forgotten so the next request asks again.
    this.username ??= this.call<{ username?: string }>("getMe", {}).then(
      (me) => me.username ?? null,
      () => {
        this.username = null;
        return null;
      },
    );
    return this.username;
  }

  /** A file the bot received, by its file_id. */
  async download(fileId: string): Promise<TelegramFile> {
    const file = await this.call<{ file_path?: string; file_size?: number }>("getFile", { file_id: fileId });
    if (!file.file_path) throw new TelegramUnavailableError(`Telegram gave no file_path for file ${fileId.slice(0, 40)}`);
    if ((file.file_size ?? 0) > MAX_FILE_BYTES) throw new TelegramUnavailableError(`File ${fileId.slice(0, 40)} is too large to download`);
    const response = await this.fetch(`${this.root()}/file/bot${this.settings.botToken}/${file.file_path}`);
    if (!response.ok) throw new TelegramUnavailableError(`Telegram answered HTTP ${response.status} for a file download`);
    return { contentType: response.headers.get("content-type") ?? "image/jpeg", body: Buffer.from(await response.arrayBuffer()) };
  }

  private async call<T>(method: string, params: Record<string, string>): Promise<T> {
    if (!this.settings.botToken) throw new TelegramUnavailableError("No bot token configured");
    const response = await this.fetch(`${this.root()}/bot${this.settings.botToken}/${method}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(params),
    });
    const body = (await response.json().catch(() => null)) as { ok?: boolean; result?: T; description?: string } | null;
    if (!body?.ok || body.result === undefined) {
      throw new TelegramUnavailableError(`Telegram ${method} failed: ${body?.description ?? `HTTP ${response.status}`}`);
    }
    return body.result;
  }

  private async fetch(url: string, init: RequestInit = {}): Promise<Response> {
    try {
      return await fetch(url, { ...init, signal: AbortSignal.timeout(this.settings.timeoutMs) });
    } catch (error) {
      throw new TelegramUnavailableError(`Telegram did not answer: ${(error as Error).message}`);
    }
  }

  private root(): string {
    return (this.settings.apiRoot ?? TELEGRAM_API).replace(/\/+$/, "");
  }
}
