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
  constructor(
    private readonly redis: Redis,
    private readonly guard: RedisGuard,
  ) {}

  /** Takes `key` for `ttlMs`; the lock when this caller holds it, undefined when another does. Throws when Redis fails. */
  async acquire(key: string, ttlMs: number): Promise<HeldLock | undefined> {
    const token = randomUUID();
    const answer = await this.guard.run(() => this.redis.set(key, token, "PX", ttlMs, "NX"));
    return answer === "OK" ? { key, token } : undefined;
  }

  /** Gives a lock back; a failure only leaves it to expire by itself. */
  async release(lock: HeldLock): Promise<void> {
    await this.guard.tryRedis(() => this.guard.run(() => this.redis.eval(RELEASE, 1, lock.key, lock.token)), () => undefined);
  }
}
