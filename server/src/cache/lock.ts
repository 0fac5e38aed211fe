import { randomUUID } from "node:crypto";
import type { Redis } from "ioredis";
import type { RedisGuard } from "./redis-guard.ts";

/**
 * A lock in Redis across instances: SET key token NX PX ttl, given back only by its holder (compare-and-delete
 * in one script), expiring by itself if the holder dies. Serves both of kurin's locks: the catalogue refresh
 * (one instance reads the Sheet at a time) and the per-book lock of a status change. Every command goes through
 * the circuit breaker and throws when Redis cannot answer: the caller decides what to do without the lock.
 */

// Gives the lock back only if this holder still has it (it may have expired and been taken by another).
const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end`;

export interface HeldLock {
  key: string;
  token: string;
}

export class RedisLocks {
  /**
   * Locks this process may hold without knowing it: an acquire or release that timed out on kurin's side can
   * still be carried out by Redis once it answers again (a paused Redis works off its queue). They are given back
   * (fenced by their token) before the next lock command, so a Redis pause does not leave books locked for a TTL.
   */
  private readonly unsure = new Map<string, string>(); // token -> key

  constructor(
    private readonly redis: Redis,
    private readonly guard: RedisGuard,
  ) {}

  /** Takes `key` for `ttlMs`; the lock when this caller holds it, undefined when another does. Throws when Redis fails. */
  async acquire(key: string, ttlMs: number): Promise<HeldLock | undefined> {
    await this.releaseUnsure();
    const token = randomUUID();
    try {
      const answer = await this.guard.run(() => this.redis.set(key, token, "PX", ttlMs, "NX"));
      return answer === "OK" ? { key, token } : undefined;
    } catch (error) {
      this.unsure.set(token, key);
      throw error;
    }
  }

  /** Gives a lock back; if Redis cannot answer now, it is given back before the next lock command. */
  async release(lock: HeldLock): Promise<void> {
    await this.guard.tryRedis(() => this.giveBack(lock.key, lock.token), () => void this.unsure.set(lock.token, lock.key));
  }

  private async releaseUnsure(): Promise<void> {
    for (const [token, key] of this.unsure) {
      const gaveBack = await this.guard.tryRedis(async () => (await this.giveBack(key, token), true), () => false);
      if (!gaveBack) return; // still away: try again before the next command
      this.unsure.delete(token);
    }
  }

  private giveBack(key: string, token: string): Promise<unknown> {
    return this.guard.run(() => this.redis.eval(RELEASE, 1, key, token));
  }
}
