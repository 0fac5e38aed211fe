import { createHmac, timingSafeEqual } from "node:crypto";
import type { Request, Response } from "express";
import { LRUCache } from "lru-cache";
import type { Redis } from "ioredis";
import type { RedisGuard } from "../cache/redis-guard.ts";
import type { BookService } from "./book-service.ts";

/**
 * POST /webhooks/sheet-edit: the Google Apps Script onEdit trigger (scripts/apps-script/kurin-onedit.gs)
 * calls it when a librarian edits the sheet, so the change is served at once instead of at the next poll.
 *
 * The request is signed: `X-Kurin-Timestamp` (ms) and `X-Kurin-Signature: sha256=<hex HMAC-SHA256 of
 * "<timestamp>.<body>" with SHEETS_WEBHOOK_SECRET>`. A request older than five minutes, or one seen before
 * (replayed), is refused; seen signatures are kept in memory and in Redis (all instances). One accepted while
 * Redis was away is written there as soon as Redis answers again, so it cannot be replayed to another instance.
 *
 * Edits come in bursts (a librarian pasting a column fires one request per cell): requests that arrive within
 * COALESCE_MS of a read share one more read after it, so a burst costs two Sheets reads, not one per request,
 * and every edit is still read (the trailing read starts after the last of them arrived).
 */

const MAX_SKEW_MS = 5 * 60_000;
const COALESCE_MS = 3000;

export type WebhookRejection = "unsigned" | "bad-signature" | "expired" | "replayed";

export interface SheetWebhookOptions {
  secret: string;
  books: BookService;
  redis: Redis;
  nonceKey: (nonce: string) => string;
  guard: RedisGuard;
  onRejected: (reason: WebhookRejection) => void;
  now?: () => number;
}

export function createSheetWebhook(options: SheetWebhookOptions) {
  const now = options.now ?? Date.now;
  const seenHere = new LRUCache<string, true>({ max: 10_000, ttl: 2 * MAX_SKEW_MS });

  // Signatures accepted while Redis was away, to be written there once it answers.
  const notInRedis = new Set<string>();
  const remember = (signature: string) => options.redis.set(options.nonceKey(signature), "1", "PX", 2 * MAX_SKEW_MS, "NX");
  // Seen by this instance (memory), or by any instance (Redis).
  const firstSighting = async (signature: string): Promise<boolean> => {
    if (seenHere.has(signature)) return false;
    seenHere.set(signature, true);
    return options.guard.tryRedis(
      async () => {
        for (const earlier of notInRedis) await options.guard.run(() => remember(earlier));
        notInRedis.clear();
        return (await options.guard.run(() => remember(signature))) === "OK";
      },
      () => (notInRedis.add(signature), true),
    );
  };
  const read = coalesced(COALESCE_MS, () => options.books.refresh(0));

  return async (req: Request, res: Response): Promise<void> => {
    const reject = (status: number, reason: WebhookRejection, message: string) => {
      options.onRejected(reason);
      res.status(status).json({ error: message });
    };
    const body: Buffer = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const timestamp = req.get("x-kurin-timestamp") ?? "";
    const signature = /^sha256=([0-9a-f]{64})$/.exec(req.get("x-kurin-signature") ?? "")?.[1];
    if (!signature || !/^\d{10,16}$/.test(timestamp)) return reject(401, "unsigned", "missing X-Kurin-Timestamp or X-Kurin-Signature");
    const expected = createHmac("sha256", options.secret).update(`${timestamp}.`).update(body).digest();
    if (!timingSafeEqual(expected, Buffer.from(signature, "hex"))) return reject(401, "bad-signature", "signature does not match");
    if (Math.abs(now() - Number(timestamp)) > MAX_SKEW_MS) return reject(401, "expired", "timestamp is more than five minutes off");
    if (!(await firstSighting(signature))) return reject(409, "replayed", "this request was already received");

    try {
      const outcome = await read();
      res.json({ ok: true, outcome });
    } catch (error) {
      // Accepted, but the Sheet could not be read now: the poll will catch the edit.
      res.status(202).json({ ok: false, error: (error as Error).message });
    }
  };
}

/**
 * At most one run per `windowMs`: a call within the window of the last run joins one trailing run at the
 * window's end (calls during a run wait for the next one, which sees what changed meanwhile). Real time: this
 * paces requests to Google, whatever clock the rest of kurin is given.
 */
export function coalesced<T>(windowMs: number, run: () => Promise<T>): () => Promise<T> {
  let lastStart = -Infinity;
  let next: Promise<T> | undefined;
  return () => {
    next ??= new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, lastStart + windowMs - Date.now()))).then(() => {
      next = undefined;
      lastStart = Date.now();
      return run();
    });
    return next;
  };
}

/** What the Apps Script computes; exported for tests and for anyone writing another sender. */
export function signWebhook(secret: string, timestamp: number, body: string): string {
  return `sha256=${createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex")}`;
}
