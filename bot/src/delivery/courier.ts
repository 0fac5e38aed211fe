import Bottleneck from "bottleneck";
import { TelegramError } from "telegraf";

/**
 * Sends messages within Telegram's limits: about one a second in a chat and 30 a second in all, the way
 * grammY's throttler does it, with bottleneck (a limiter per chat, chained to one for the whole bot). A 429
 * is retried after its retry_after; a 403 (the person blocked the bot, or deleted their account) is reported
 * as "blocked", never retried.
 */

export type Delivery = "sent" | "blocked";

export interface CourierOptions {
  /** Least time between two messages to one chat (default 1000 ms). */
  chatIntervalMs?: number;
  /** Messages a second over all chats (default 30). */
  perSecond?: number;
  /** Retries of one message after 429s and network failures (default 5). */
  retries?: number;
}

export class Courier {
  private readonly all: Bottleneck;
  private readonly chats: Bottleneck.Group;

  constructor(options: CourierOptions = {}) {
    const perSecond = options.perSecond ?? 30;
    const retries = options.retries ?? 5;
    this.all = new Bottleneck({ reservoir: perSecond, reservoirRefreshAmount: perSecond, reservoirRefreshInterval: 1000 });
    this.chats = new Bottleneck.Group({ maxConcurrent: 1, minTime: options.chatIntervalMs ?? 1000 });
    this.chats.on("created", (limiter: Bottleneck) => {
      limiter.chain(this.all);
      limiter.on("failed", (error: unknown, info: Bottleneck.EventInfoRetryable) => (info.retryCount < retries ? retryDelayMs(error, info.retryCount) : undefined));
    });
  }

  /** Sends one message to `chatId` when its turn comes; "blocked" when the person cannot be written to. */
  async deliver(chatId: number | string, send: () => Promise<unknown>): Promise<Delivery> {
    try {
      await this.chats.key(String(chatId)).schedule(send);
      return "sent";
    } catch (error) {
      if (error instanceof TelegramError && error.code === 403) return "blocked";
      throw error;
    }
  }

  async stop(): Promise<void> {
    await Promise.all(this.chats.limiters().map(({ limiter }) => limiter.stop({ dropWaitingJobs: true }).catch(() => undefined)));
    await this.all.stop({ dropWaitingJobs: true }).catch(() => undefined);
  }
}

/** How long to wait before sending again, or undefined: do not retry. */
export function retryDelayMs(error: unknown, retryCount: number): number | undefined {
  if (error instanceof TelegramError) {
    if (error.code === 429) return (error.parameters?.retry_after ?? 1) * 1000;
    if (error.code >= 500) return 1000 * 2 ** retryCount;
    return undefined; // 400 (chat not found, bad markup), 403: sending again changes nothing
  }
  // No answer at all (a network failure): Telegram may be back in a moment.
  return 1000 * 2 ** retryCount;
}
