import type { Redis } from "ioredis";
import type { Logger } from "pino";
import type { ChangeMessage } from "../cache/book-cache.ts";
import type { RedisGuard } from "../cache/redis-guard.ts";
import type { BookService } from "./book-service.ts";

/**
 * Keeps this instance's catalogue current without anyone asking:
 * - listens on the change channel, so another instance's mutation or refresh reaches this one at once;
 * - compares versions in Redis every few seconds, in case a message was lost (pub/sub does not queue);
 * - polls the Sheet for librarians' hand edits; the poll is shared: an instance skips it when any
 *   instance read the Sheet within the interval, so the Sheet sees about one read per interval in all.
 */
export class CatalogueWatch {
  private timers: NodeJS.Timeout[] = [];

  constructor(
    private readonly options: {
      books: BookService;
      subscriber: Redis;
      guard: RedisGuard;
      channel: string;
      pollMs: number;
      versionCheckMs: number;
      logger: Logger;
    },
  ) {}

  start(): void {
    const { subscriber, channel, books, logger } = this.options;
    subscriber.on("message", (_channel: string, text: string) => {
      let message: ChangeMessage;
      try {
        message = JSON.parse(text) as ChangeMessage;
      } catch {
        logger.warn({ text: text.slice(0, 100) }, "ignored a malformed message on the change channel");
        return;
      }
      books.applyChangeMessage(message).catch((error) => logger.debug({ err: (error as Error).message }, "could not apply a change message"));
    });
    // Not awaited: while Redis is down the SUBSCRIBE waits in the queue until it is back, and ioredis
    // re-subscribes by itself after every reconnect.
    void this.options.guard.tryRedis(
      () => subscriber.subscribe(channel),
      (error) => logger.debug({ err: (error as Error).message }, "change channel not subscribed"),
    );
    if (this.options.versionCheckMs > 0) this.every(this.options.versionCheckMs, () => books.checkVersion());
    if (this.options.pollMs > 0) this.every(this.options.pollMs, () => this.pollOnce());
  }

  /** Stops hearing the change channel (what a lost connection or message means); timers go on. */
  async unsubscribe(): Promise<void> {
    await this.options.subscriber.unsubscribe(this.options.channel);
  }

  /**
   * One poll of the Sheet for hand edits, skipped when some instance read it within the last 90% of the
   * interval: other instances' polls share this one. Not the whole interval: this instance's own read ends a
   * little after its tick, so the next tick would find it "fresh" and skip, and the Sheet would be read every
   * other interval (60 s for SHEETS_POLL_SECONDS=30).
   */
  pollOnce(): Promise<unknown> {
    return this.options.books.refresh(this.options.pollMs * 0.9);
  }

  async stop(): Promise<void> {
    for (const timer of this.timers) clearInterval(timer);
    this.timers = [];
    this.options.subscriber.disconnect();
  }

  private every(ms: number, task: () => Promise<unknown>): void {
    let running = false;
    const timer = setInterval(() => {
      if (running) return; // a slow Sheet must not pile polls up
      running = true;
      task()
        .catch(() => undefined) // failures are counted and logged once by the refresher
        .finally(() => (running = false));
    }, ms);
    timer.unref();
    this.timers.push(timer);
  }
}
