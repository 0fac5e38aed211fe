import type { HeldLock, RedisLocks } from "../cache/lock.ts";
import type { RedisGuard } from "../cache/redis-guard.ts";

/**
 * A short per-book lock, so one change of a book's status runs at a time across every instance (the Redis
 * lock of cache/lock.ts, expiring by itself if the holder dies). In front of it, this process's own set of books
 * being changed: contention within an instance costs no Redis call, and while Redis is down an instance still
 * changes a book once at a time. The lock is an optimisation and a courtesy, not the guarantee: without Redis
 * the change goes ahead, and the database's unique `openBookId` and conditional updates keep the data right.
 */

export type LockOutcome =
  /** Held across instances ("held"), or only in this process because Redis cannot be asked ("local"). */
  | { kind: "held" | "local"; release: () => Promise<void> }
  /** Another request holds it. */
  | { kind: "busy" };

export class BookLocks {
  private readonly local = new Set<string>();

  constructor(
    private readonly locks: RedisLocks,
    private readonly guard: RedisGuard,
    private readonly keyOf: (bookId: string) => string,
    private readonly ttlMs: number,
  ) {}

  async acquire(bookId: string): Promise<LockOutcome> {
    if (this.local.has(bookId)) return { kind: "busy" };
    this.local.add(bookId);
    const releaseLocal = () => void this.local.delete(bookId);
    const lock: HeldLock | "down" | undefined = await this.guard.tryRedis(() => this.locks.acquire(this.keyOf(bookId), this.ttlMs), () => "down" as const);
    if (lock === "down") return { kind: "local", release: async () => releaseLocal() };
    if (!lock) {
      releaseLocal();
      return { kind: "busy" };
    }
    return {
      kind: "held",
      release: async () => {
        releaseLocal();
        await this.locks.release(lock);
      },
    };
  }
}
