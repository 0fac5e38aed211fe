import type { Redis } from "ioredis";
import type { Book } from "../catalog/book.ts";
import type { CacheKeys } from "./keys.ts";

/**
 * The books in Redis under the seed's key layout. Every method is ONE round trip: reads use a single
 * command (or a pipeline), and a fill writes the bulk hash and every per-book key in one MULTI, so a
 * reader never sees half a catalogue.
 */
export class BookCache {
  /** Round trips made, for stats and tests that count them. */
  roundTrips = 0;

  constructor(
    private readonly redis: Redis,
    readonly keys: CacheKeys,
    private readonly ttlSeconds: number,
  ) {}

  /** Books by id from `books:all`, undefined where the hash has no entry. */
  async getMany(ids: readonly string[]): Promise<Array<Book | undefined>> {
    if (ids.length === 0) return [];
    this.roundTrips++;
    const values = await this.redis.hmget(this.keys.all, ...ids);
    return values.map((json) => (json == null ? undefined : (JSON.parse(json) as Book)));
  }

  /** The whole bulk cache and how long it has left, or undefined when it is empty or expired. */
  async readAll(): Promise<{ books: Book[]; expiresInMs: number } | undefined> {
    this.roundTrips++;
    const results = await this.redis.multi().hvals(this.keys.all).pttl(this.keys.all).exec();
    const [valuesResult, ttlResult] = results ?? [];
    if (valuesResult?.[0] || ttlResult?.[0]) throw valuesResult?.[0] ?? ttlResult?.[0];
    const values = (valuesResult?.[1] ?? []) as string[];
    const ttl = Number(ttlResult?.[1] ?? -2);
    if (values.length === 0 || ttl <= 0) return undefined;
    return { books: values.map((json) => JSON.parse(json) as Book), expiresInMs: ttl };
  }

  /** Replaces the cached catalogue with a fresh read of the Sheet, in one MULTI. */
  async fill(books: readonly Book[], readAt: Date): Promise<void> {
    this.roundTrips++;
    const tx = this.redis.multi().del(this.keys.all);
    if (books.length > 0) {
      const fields: string[] = [];
      for (const book of books) fields.push(book.id, JSON.stringify(book));
      tx.hset(this.keys.all, ...fields).expire(this.keys.all, this.ttlSeconds);
    }
    for (const book of books) {
      tx.set(this.keys.status(book.id), book.statusRaw, "EX", this.ttlSeconds);
      tx.set(this.keys.info(book.id), JSON.stringify(book), "EX", this.ttlSeconds);
    }
    // The first fill starts the clock; later ones leave it to real status changes.
    tx.set(this.keys.lastUpdate, readAt.toISOString(), "NX");
    await execOrThrow(tx);
  }

  /** Writes one book through after a status change, keeping the bulk hash's remaining lifetime. */
  async putBook(book: Book, changedAt: Date): Promise<void> {
    this.roundTrips++;
    const json = JSON.stringify(book);
    await execOrThrow(
      this.redis
        .multi()
        .hset(this.keys.all, book.id, json)
        .set(this.keys.status(book.id), book.statusRaw, "EX", this.ttlSeconds)
        .set(this.keys.info(book.id), json, "EX", this.ttlSeconds)
        .set(this.keys.lastUpdate, changedAt.toISOString()),
    );
  }

  /** The seed's per-book reads (book:status:{id}, book:info:{id}). */
  async getStatus(bookId: string): Promise<string | null> {
    this.roundTrips++;
    return this.redis.get(this.keys.status(bookId));
  }

  async getInfo(bookId: string): Promise<Book | null> {
    this.roundTrips++;
    const json = await this.redis.get(this.keys.info(bookId));
    return json == null ? null : (JSON.parse(json) as Book);
  }

  async lastUpdate(): Promise<Date | null> {
    this.roundTrips++;
    const value = await this.redis.get(this.keys.lastUpdate);
    return value ? new Date(value) : null;
  }

  async ping(): Promise<void> {
    await this.redis.ping();
  }
}

async function execOrThrow(tx: ReturnType<Redis["multi"]>): Promise<void> {
  const results = await tx.exec();
  if (!results) throw new Error("Redis transaction was discarded");
  const failed = results.find(([error]) => error);
  if (failed) throw failed[0];
}
