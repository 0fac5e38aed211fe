import type { Redis } from "ioredis";
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from "rate-limiter-flexible";
import type { RedisGuard } from "../cache/redis-guard.ts";
import type { Auth } from "./authenticator.ts";

/**
 * How many changes one reader, and one token, may ask for in a minute, counted across instances in Redis
 * (rate-limiter-flexible), and in this instance's memory while Redis is away. A reader is one Telegram person
 * behind the bot; the bot's token carries every reader at once, so its own limit is wider. Librarians' tokens
 * are counted as tokens.
 */

export interface MutationLimits {
  perReader: number;
  perToken: number;
}

interface Limiters {
  shared: RateLimiterRedis;
  local: RateLimiterMemory;
}

export class MutationLimiter {
  private readonly reader: Limiters;
  private readonly token: Limiters;

  constructor(private readonly options: { redis: Redis; guard: RedisGuard; keyPrefix: string; limits: MutationLimits }) {
    this.reader = this.limiters("reader", options.limits.perReader);
    this.token = this.limiters("token", options.limits.perToken);
  }

  /** Counts one change; the seconds to wait when over a limit, else null. */
  async consume(auth: Auth): Promise<number | null> {
    const waits = await Promise.all([
      auth.reader ? this.take(this.reader, String(auth.reader.id)) : null,
      auth.token ? this.take(this.token, String(auth.token.id)) : null,
    ]);
    const wait = Math.max(...waits.map((w) => w ?? 0));
    return wait > 0 ? wait : null;
  }

  private limiters(kind: string, points: number): Limiters {
    const keyPrefix = `${this.options.keyPrefix}:${kind}`;
    return {
      shared: new RateLimiterRedis({ storeClient: this.options.redis, keyPrefix, points, duration: 60 }),
      local: new RateLimiterMemory({ keyPrefix, points, duration: 60 }),
    };
  }

  private take(limiters: Limiters, key: string): Promise<number | null> {
    return this.options.guard.tryRedis(
      () => waitOf(limiters.shared.consume(key)),
      () => waitOf(limiters.local.consume(key)),
    );
  }
}

/** A refusal is the limiter's answer, not a failure: turn it into the seconds to wait. Errors stay errors. */
async function waitOf(consumed: Promise<RateLimiterRes>): Promise<number | null> {
  try {
    await consumed;
    return null;
  } catch (outcome) {
    if (outcome instanceof RateLimiterRes) return Math.max(1, Math.ceil(outcome.msBeforeNext / 1000));
    throw outcome;
  }
}
