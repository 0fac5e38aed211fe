import type { EventEmitter } from "node:events";
import type { Logger } from "pino";
import { MAX_REPORTED_PROBLEMS, type BookCache, type CachedBook, type SheetProblemsReport } from "../cache/book-cache.ts";
import type { HeldLock, RedisLocks } from "../cache/lock.ts";
import type { CatalogueRead, SheetCatalogue } from "../catalog/sheet-catalogue.ts";
import { SheetsCallError } from "../catalog/sheets-errors.ts";
import type { SheetsQuota } from "./quota.ts";
import { diffSheet } from "./sheet-diff.ts";
import { CatalogueSnapshot } from "./snapshot.ts";
import { RefreshRefused, type BookEvents, type Precondition, type RefreshOutcome } from "./types.ts";

/**
 * Reading the Sheet into the cache: one read at a time in this process (single flight) and across instances
 * (the refresh lock; the others wait for the result and adopt it), within the Sheets budget and backoff. A read
 * is diffed against what Redis holds and only the changes are written, in one script; hand edits found on the
 * way are announced. BookService decides WHEN to refresh; this is HOW.
 */

export interface RefresherOptions {
  catalogue: SheetCatalogue;
  cache: BookCache;
  locks: RedisLocks;
  quota: SheetsQuota;
  logger: Logger;
  /** How long the refresh lock is held at most (longer than one Sheets call). */
  lockTtlMs: number;
  /** How long an instance waits for another's refresh before serving what it has. */
  lockWaitMs: number;
  now: () => number;
  instanceId: string;
  /** Where the read side's events go (BookService). */
  events: EventEmitter<BookEvents>;
  /** The snapshot this instance serves, owned by BookService. */
  snapshot: { get(): CatalogueSnapshot | undefined; set(snapshot: CatalogueSnapshot): void };
}

export class Refresher {
  private refreshing: Promise<RefreshOutcome> | undefined;
  private lastRefreshProblem: string | undefined;
  /** What this instance's own last Sheet read found wrong: shown when Redis cannot tell. */
  private ownProblems: SheetProblemsReport = { readAt: null, totalCount: 0, rows: [] };
  /** The problem rows last written to the log (undefined: none logged yet). */
  private loggedProblems: string | undefined;

  constructor(private readonly options: RefresherOptions) {}

  /**
   * Reads the Sheet unless the shared cache was filled within `maxAgeMs` (then it adopts that), under the
   * cross-instance lock and the Sheets budget. Concurrent callers in this process share one refresh.
   */
  refresh(maxAgeMs = 0, needed?: Precondition): Promise<RefreshOutcome> {
    this.refreshing ??= this.refreshOnce(maxAgeMs, needed).finally(() => (this.refreshing = undefined));
    return this.refreshing;
  }

  /** Takes the catalogue Redis holds into the snapshot; false when Redis has none or cannot answer. */
  async adopt(): Promise<boolean> {
    const { cache, snapshot } = this.options;
    const cached = await cache.guard.tryRedis(() => cache.readAll(), () => undefined);
    if (!cached) return false;
    snapshot.set(new CatalogueSnapshot(cached.books, cached.readAt, cached.lastUpdate));
    return true;
  }

  /** Rows of the newest Sheet read (by any instance) that kurin could not use as they are, for librarians. */
  async sheetProblems(): Promise<SheetProblemsReport> {
    const { cache } = this.options;
    const shared = await cache.guard.tryRedis(() => cache.sheetProblems(), () => undefined);
    if (shared && (shared.readAt ?? 0) >= (this.ownProblems.readAt ?? 0)) return shared;
    return this.ownProblems;
  }

  private async refreshOnce(maxAgeMs: number, needed?: Precondition): Promise<RefreshOutcome> {
    const { cache, quota, events } = this.options;
    let lock: HeldLock | undefined;
    try {
      if (cache.guard.available()) {
        const taken = await this.takeRefreshLock(maxAgeMs, needed);
        lock = taken.lock;
        if (taken.outcome) return taken.outcome;
      }
      const refusal = await quota.tryAcquire();
      if (refusal) {
        events.emit("refreshRefused", refusal);
        throw new RefreshRefused(refusal);
      }
      return await this.readSheet();
    } catch (error) {
      if (!(error instanceof RefreshRefused)) events.emit("refreshFailed", error as Error);
      this.noteProblem(error as Error);
      throw error;
    } finally {
      if (lock) await this.options.locks.release(lock);
    }
  }

  /**
   * One instance reads the Sheet at a time. The others wait for its result and adopt it; if it does not
   * come in time, an instance with something to serve serves it (busy), one with nothing reads itself.
   * Without Redis there is no lock: this process's single flight is all there is.
   */
  private async takeRefreshLock(maxAgeMs: number, needed?: Precondition): Promise<{ lock?: HeldLock; outcome?: RefreshOutcome }> {
    const { cache, locks, lockTtlMs, events, snapshot } = this.options;
    let lock: HeldLock | undefined;
    const underLock = async (): Promise<{ lock?: HeldLock; outcome?: RefreshOutcome }> => {
      lock = await locks.acquire(cache.keys.refreshLock, lockTtlMs);
      if (lock) {
        // Re-check under the lock: another instance may have refreshed just before.
        const outcome = (await this.adoptIfFresh(maxAgeMs)) ?? (needed && !(await needed()) ? await this.adoptLatest() : undefined);
        return { lock, outcome };
      }
      const outcome = await this.waitForOtherRefresh();
      if (outcome) return { outcome };
      if (snapshot.get()) {
        events.emit("refreshRefused", "busy");
        throw new RefreshRefused("busy");
      }
      return {};
    };
    return cache.guard.tryRedis(underLock, (error) => {
      if (error instanceof RefreshRefused) throw error;
      return { lock }; // Redis failed mid-way: go on alone (giving back the lock if it was taken)
    });
  }

  private async readSheet(): Promise<RefreshOutcome> {
    const { cache, quota, events, snapshot, now } = this.options;
    const started = now();
    let read: CatalogueRead;
    try {
      read = await this.options.catalogue.readAll();
    } catch (error) {
      if (error instanceof SheetsCallError) quota.failed(error);
      throw error;
    }
    quota.succeeded();
    const readAt = now();
    const problems = this.keepProblems(read, readAt);

    // Diff against what Redis holds (or, without Redis, against the snapshot) and write only what changed.
    const fromRedis = await cache.guard.tryRedis(
      async () => new Map(Object.entries(await cache.entries()).map(([id, json]) => [id, JSON.parse(json) as CachedBook])),
      () => undefined,
    );
    const previous = fromRedis ?? new Map(snapshot.get()?.byId ?? []);
    const diff = diffSheet(previous, read.books, started);

    let books = read.books as CachedBook[];
    // The snapshot remembers books:status:last_update as Redis has it after the write, for the version check.
    let lastUpdate: string | null = new Date(readAt).toISOString();
    if (fromRedis) {
      const write = { readStartedAt: started, readAt, upserts: diff.upserts, removals: diff.removals, unchanged: diff.unchanged, problems };
      const applied = await cache.guard.tryRedis(
        () => cache.applyRefresh(write, this.options.instanceId),
        (error) => void this.options.logger.debug({ err: (error as Error).message }, "could not write the refresh to Redis"),
      );
      if (applied) {
        lastUpdate = applied.lastUpdate;
        // Entries written through during the read were kept by the script; serve them too.
        books = read.books.map((b) => {
          const before = previous.get(b.id);
          return before && (before.changedAt ?? 0) > started ? before : b;
        });
      }
    }
    snapshot.set(new CatalogueSnapshot(books, readAt, lastUpdate));
    this.lastRefreshProblem = undefined;
    if (previous.size > 0 && diff.edits.length > 0) events.emit("sheetEdits", diff.edits);
    const outcome: RefreshOutcome = { kind: "read", books: books.length, changed: diff.upserts.length + diff.removals.length, durationMs: now() - started };
    events.emit("refresh", outcome);
    return outcome;
  }

  /** The read's problem rows: logged, kept for this instance, and written to Redis with the refresh. */
  private keepProblems(read: CatalogueRead, readAt: number): SheetProblemsReport {
    // Logged when they change, not at every read: a big sheet's odd rows would otherwise fill the log each minute.
    const messages = read.problems.map((p) => p.message);
    const fingerprint = messages.join("\n");
    if (fingerprint !== this.loggedProblems) {
      if (messages.length > 0) this.options.logger.warn({ problems: messages }, `the Sheet has ${messages.length} row(s) kurin could not use as they are`);
      else if (this.loggedProblems !== undefined) this.options.logger.info("the Sheet's problem rows are all fixed");
      this.loggedProblems = fingerprint;
    }
    this.ownProblems = {
      readAt,
      totalCount: read.problems.length,
      rows: [...read.problems].sort((a, b) => a.row - b.row).slice(0, MAX_REPORTED_PROBLEMS),
    };
    return this.ownProblems;
  }

  /** Another instance holds the lock: wait (bounded) for its result in Redis, then adopt it. */
  private async waitForOtherRefresh(): Promise<RefreshOutcome | undefined> {
    const { cache, lockWaitMs, snapshot, events } = this.options;
    const since = snapshot.get()?.readAt ?? 0;
    // Real time, not options.now(): this waits for another process, whatever clock this one is given.
    const deadline = Date.now() + lockWaitMs;
    while (Date.now() < deadline) {
      await sleep(25);
      const { readAt } = await cache.versions();
      if (readAt !== null && readAt > since && (await this.adopt())) {
        const outcome: RefreshOutcome = { kind: "shared", books: snapshot.get()!.books.length };
        events.emit("refresh", outcome);
        return outcome;
      }
    }
    return undefined;
  }

  private async adoptIfFresh(maxAgeMs: number): Promise<RefreshOutcome | undefined> {
    if (maxAgeMs <= 0) return undefined;
    const { readAt } = await this.options.cache.versions();
    if (readAt === null || this.options.now() - readAt >= maxAgeMs) return undefined;
    return this.adoptLatest(readAt);
  }

  /** What Redis holds is what was wanted: take it if it is newer than the snapshot, and read nothing. */
  private async adoptLatest(knownReadAt?: number): Promise<RefreshOutcome> {
    const readAt = knownReadAt ?? (await this.options.cache.versions()).readAt;
    const current = this.options.snapshot.get();
    if (readAt !== null && (!current || readAt > current.readAt)) await this.adopt();
    return { kind: "fresh", books: this.options.snapshot.get()?.books.length ?? 0 };
  }

  private noteProblem(error: Error): void {
    const problem = error.message;
    if (problem !== this.lastRefreshProblem) {
      this.options.logger.warn({ err: problem }, "could not refresh the catalogue from the Sheet; serving cached values");
      this.lastRefreshProblem = problem;
    }
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
