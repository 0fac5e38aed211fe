import "reflect-metadata";
import { buildSchema } from "type-graphql";
import { BookStatus, type Book } from "../../server/src/catalog/book.ts";
import { cacheKeys } from "../../server/src/cache/keys.ts";
import { connectRedis, createRedis } from "../../server/src/cache/redis-client.ts";
import { SheetCatalogue } from "../../server/src/catalog/sheet-catalogue.ts";
import { createSheetsClient } from "../../server/src/catalog/sheets-client.ts";
import { StatusVocabulary } from "../../server/src/catalog/status-words.ts";
import { loadConfig, type Config } from "../../server/src/config.ts";
import { createLogger } from "../../server/src/logger.ts";
import { BaselineResolver, byId, type BaselineContext, type BookSource } from "./baseline-resolver.ts";
import { kurinArmor, serveGraphQL } from "./graphql-http.ts";
import { failStart, serveParent } from "./ipc.ts";

/**
 * A baseline server (BENCH_BASELINE):
 *   constants  the ceiling: the same stack with resolvers returning constants;
 *   per-key    the seed's cache-aside: one Redis GET of book:status:{id} per book, the Sheet on a miss;
 *   no-cache   every request reads the Sheet.
 * Configured with kurin's own environment variables (Redis, key prefix, Sheets address, TTL).
 */

/** The ceiling: 304 books made up at start, every status AVAILABLE, answered without a promise. */
function constants(): BookSource {
  const books: Book[] = Array.from({ length: 304 }, (_, i) => ({
    id: String(i + 1),
    title: `Книга ${i + 1}`,
    author: null,
    edition: null,
    pages: null,
    description: null,
    categories: [],
    dueDate: null,
    statusRaw: "",
    status: BookStatus.AVAILABLE,
  }));
  return { list: () => books, status: (book) => book.status };
}

/**
 * The seed's BookStatusCache.get_book_status as a GraphQL resolver would naturally call it: each Book.status is
 * `GET book:status:{id}`; on a miss the whole Sheet is read and every book:status key set with the TTL (cache-aside,
 * no single flight, as in the seed). The book list is kept in memory as kurin keeps it (re-read once per TTL), so
 * only the status lookup differs from kurin. The GETs of one response are issued concurrently (ioredis writes them
 * back to back), the most favourable form of this design.
 */
async function perKey(config: Config, catalogue: SheetCatalogue): Promise<{ source: BookSource; stop: () => Promise<void> }> {
  const logger = createLogger(config.logLevel);
  const redis = createRedis(config.redis, logger);
  await connectRedis(redis);
  const keys = cacheKeys(config.redis.keyPrefix);
  const ttl = config.redis.ttlSeconds;

  // The book list (titles, order): in memory, one shared read per TTL.
  let list: { books: Book[]; expiresAt: number } | undefined;
  let listing: Promise<Book[]> | undefined;
  const readList = async (): Promise<Book[]> => {
    const books = byId((await catalogue.readAll()).books);
    list = { books, expiresAt: Date.now() + ttl * 1000 };
    return books;
  };

  // The status cache-aside: a miss reads the Sheet and sets every book's key.
  const populate = async (): Promise<Book[]> => {
    const books = (await catalogue.readAll()).books;
    const pipeline = redis.pipeline();
    for (const book of books) pipeline.set(keys.status(book.id), book.statusRaw, "EX", ttl);
    await pipeline.exec();
    return books;
  };
  await readList();
  await populate();

  const source: BookSource = {
    list: () => {
      if (list && Date.now() < list.expiresAt) return list.books;
      listing ??= readList().finally(() => (listing = undefined));
      return listing;
    },
    status: async (book) => {
      const raw = await redis.get(keys.status(book.id));
      if (raw !== null) return catalogue.vocabulary.toStatus(raw, book.dueDate !== null);
      const fresh = await populate();
      return (fresh.find((b) => b.id === book.id) ?? book).status;
    },
  };
  return { source, stop: async () => redis.disconnect() };
}

/** No cache: every request reads the whole Sheet (one values.get) and answers from that read. */
function noCache(catalogue: SheetCatalogue): BookSource {
  return {
    list: async () => byId((await catalogue.readAll()).books),
    status: (book) => book.status,
  };
}

try {
  const config = loadConfig(process.env);
  const mode = process.env.BENCH_BASELINE;
  const catalogue = new SheetCatalogue({
    client: createSheetsClient(config.sheets, config.sheets.apiUrl),
    spreadsheetId: config.sheets.spreadsheetId ?? "",
    sheetName: config.sheets.sheetName,
    columns: config.sheets.columns,
    vocabulary: new StatusVocabulary(config.sheets.statusWords),
  });
  let source: BookSource;
  let stopSource = async () => {};
  if (mode === "constants") source = constants();
  else if (mode === "no-cache") source = noCache(catalogue);
  else if (mode === "per-key") ({ source, stop: stopSource } = await perKey(config, catalogue));
  else throw new Error(`BENCH_BASELINE must be constants, per-key or no-cache, not ${mode}`);

  const schema = await buildSchema({ resolvers: [BaselineResolver], validate: false });
  const context: BaselineContext = { source };
  const server = await serveGraphQL(schema, () => context, await kurinArmor(config));
  serveParent(server.url, { stats: () => ({ memory: process.memoryUsage() }) }, async () => {
    await server.stop();
    await stopSource();
  });
} catch (error) {
  failStart(error);
}
