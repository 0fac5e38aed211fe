import { randomUUID } from "node:crypto";
import type { Redis } from "ioredis";
import type { RedisGuard } from "../cache/redis-guard.ts";

/**
 * A short per-book lock in Redis, so one change of a book's status runs at a time across every instance:
 * SET key token NX PX ttl, released only by its holder (compare-and-delete in one script), and expiring by
 * itself if the holder dies. In front of it, this process's own set of books being changed: contention within
 * an instance costs no Redis call, and while Redis is down an instance still changes a book once at a time.
 * The lock is an optimisation and a courtesy, not the guarantee: without Redis the change goes ahead, and the
 * database's unique `openBookId` and conditional updates keep the data right.
 */

const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end`;

export type LockOutcome =
  /** Held across instances ("held"), or only in this process because Redis cannot be asked ("local"). */
  | { kind: "held" | "local"; release: () => Promise<void> }
  /** Another request holds it. */
  | { kind: "busy" };

export class BookLocks {
  constructor(
    private readonly redis: Redis,
    private readonly guard: RedisGuard,
    private readonly keyOf: (bookId: string) => string,
    private readonly ttlMs: number,
  ) {}

  private readonly local = new Set<string>();

  async acquire(bookId: string): Promise<LockOutcome> {
    if (this.local.has(bookId)) return { kind: "busy" };
    this.local.add(bookId);
    const releaseLocal = () => void this.local.delete(bookId);
    const key = this.keyOf(bookId);
    const token = randomUUID();
    let answer: string | null;
    try {
      answer = await this.guard.run(() => this.redis.set(key, token, "PX", this.ttlMs, "NX"));
    } catch {
      return { kind: "local", release: async () => releaseLocal() };
    }
    if (answer !== "OK") {
      releaseLocal();
      return { kind: "busy" };
    }
    return {
      kind: "held",
      release: async () => {
        releaseLocal();
        // A failed release only leaves the lock to expire by itself.
        await this.guard.run(() => this.redis.eval(RELEASE, 1, key, token)).catch(() => undefined);
      },
    };
  }
}
