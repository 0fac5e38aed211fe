import { createClient, type Client } from "graphql-ws";
import { print } from "@0no-co/graphql.web";
import type { Telegram } from "telegraf";
import WebSocket from "ws";
import type { KurinClient } from "../api/client.ts";
import { AckNotification, LoanEventsWakeUp, TakeNotifications, type Notification } from "../api/notification-operations.ts";
import type { Courier } from "./courier.ts";
import { outgoing } from "./messages.ts";

/**
 * Delivers kurin's outbox. kurin writes a row for each message a person must get, in the same transaction as
 * the loan change; this takes a batch (the rows are leased to this taker for a while, so two bots or two server
 * instances never send one row twice), sends each at Telegram's pace, and acknowledges it: SENT, or BLOCKED
 * for a person who blocked the bot (kurin then writes to them no more). A row whose message failed otherwise
 * is left to its lease and taken again.
 *
 * When to look: at start (whatever piled up while the bot was down), on every loan event (the loanEvents
 * subscription, over graphql-ws: a status change is what makes messages), and every `pollMs` in case an event
 * was missed (kurin restarting, a change settled later by its repairer).
 */

export interface NotifierOptions {
  kurin: KurinClient;
  /** The kurin API token (role BOT), for the subscription. */
  token: string;
  telegram: Telegram;
  courier: Courier;
  pollMs?: number;
  batchSize?: number;
  logError?: (message: string, error: unknown) => void;
}

export class Notifier {
  private draining: Promise<void> | undefined;
  private again = false;
  private stopped = false;
  private timer: NodeJS.Timeout | undefined;
  private subscription: Client | undefined;

  constructor(private readonly options: NotifierOptions) {}

  start(): void {
    const { kurin, token } = this.options;
    this.subscription = createClient({
      url: kurin.url.replace(/^http/, "ws"),
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${token}` },
      lazy: false,
      retryAttempts: Number.MAX_SAFE_INTEGER,
      shouldRetry: () => !this.stopped,
      onNonLazyError: () => undefined,
    });
    this.subscription.subscribe({ query: print(LoanEventsWakeUp) }, { next: () => this.wake(), error: () => undefined, complete: () => undefined });
    this.timer = setInterval(() => this.wake(), this.options.pollMs ?? 30_000);
    this.timer.unref();
    this.wake();
  }

  /** Takes and sends until the outbox is empty; one run at a time (a wake-up during a run makes one more). */
  wake(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    if (this.draining) {
      this.again = true;
      return this.draining;
    }
    this.draining = this.drain().finally(() => {
      this.draining = undefined;
    });
    return this.draining;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    // A client still trying to reach kurin rejects its dispose with the last connection error: nothing to do.
    await Promise.resolve(this.subscription?.dispose()).catch(() => undefined);
    await this.draining?.catch(() => undefined);
  }

  private async drain(): Promise<void> {
    do {
      this.again = false;
      let batch: Notification[];
      try {
        ({ takeNotifications: batch } = await this.options.kurin.request(TakeNotifications, { first: this.options.batchSize ?? 20 }));
      } catch (error) {
        this.options.logError?.("[bot] could not take notifications (will try again):", error);
        return;
      }
      if (batch.length === 0) continue;
      await Promise.all(batch.map((n) => this.deliver(n)));
      if (batch.length === (this.options.batchSize ?? 20)) this.again = true; // a full batch may have more behind it
    } while (this.again && !this.stopped);
  }

  private async deliver(n: Notification): Promise<void> {
    const message = outgoing(n);
    const extra = { parse_mode: "HTML" as const, reply_markup: { inline_keyboard: message.keyboard } };
    try {
      const outcome = await this.options.courier.deliver(message.chatId, () =>
        message.photo
          ? this.options.telegram.sendPhoto(message.chatId, message.photo, { ...extra, caption: message.text })
          : this.options.telegram.sendMessage(message.chatId, message.text, { ...extra, link_preview_options: { is_disabled: true } }),
      );
      await this.options.kurin.request(AckNotification, { id: n.id, claim: n.claim, outcome: outcome === "sent" ? "SENT" : "BLOCKED" });
    } catch (error) {
      this.options.logError?.(`[bot] notification ${n.id} (${n.kind}) not delivered; it will be taken again:`, error);
    }
  }
}
