import { createClient, type Client } from "graphql-ws";
import WebSocket from "ws";
import type { SheetsEmulatorOptions } from "@kurin/sheets-emulator";
import { ApiTokens } from "../../src/auth/tokens.ts";
import { PrismaClient } from "../../src/db/generated/client.ts";
import { startTestKurin, type GraphQLResult, type TestKurin } from "./kurin.ts";
export { MonitorLog } from "./redis-monitor.ts";

/**
 * A test kurin for lending: tokens for each role, a GraphQL client acting as anyone, the SQL kurin ran (from
 * Prisma's query events), and graphql-ws subscriptions. `sameLibraryAs` starts a second instance of the same
 * library (database, Redis prefix, Sheet), sharing the first one's tokens.
 */

export interface TelegramUserJson {
  id: number;
  first_name: string;
  last_name?: string;
  username?: string;
  language_code?: string;
}

export interface Who {
  token?: string;
  /** X-Telegram-User: an object (sent as ASCII-only JSON) or the raw header text. */
  telegramUser?: TelegramUserJson | string;
}

export interface LendingKurin extends TestKurin {
  tokens: { librarian: string; bot: string; integrator: string };
  /** SQL statements run by this instance's Prisma client, in order. */
  sql: string[];
  as(who: Who): { gql<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>): Promise<GraphQLResult<T> & { status: number }> };
  /** The bot acting for Telegram user `n` (created on first sight). */
  reader(n: number, extra?: Partial<TelegramUserJson>): ReturnType<LendingKurin["as"]>;
  librarian(): ReturnType<LendingKurin["as"]>;
  /** A graphql-ws client on this instance. */
  ws(connectionParams: Record<string, unknown>): Client;
}

export function telegramUser(n: number, extra: Partial<TelegramUserJson> = {}): TelegramUserJson {
  return { id: 700_000 + n, first_name: `Reader`, last_name: `${n}`, username: `reader_${n}`, language_code: "uk", ...extra };
}

/** JSON with every non-ASCII character escaped: what a bot must send in an HTTP header. */
export function asciiJson(value: unknown): string {
  return JSON.stringify(value).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

export async function startLendingKurin(
  label: string,
  options: {
    env?: Record<string, string>;
    emulator?: SheetsEmulatorOptions;
    sameLibraryAs?: LendingKurin;
    warm?: boolean;
    now?: () => number;
    databaseUrlFor?: (url: string) => string;
  } = {},
): Promise<LendingKurin> {
  const sql: string[] = [];
  const t = await startTestKurin(label, {
    emulator: options.emulator,
    sameLibraryAs: options.sameLibraryAs,
    warm: options.warm,
    databaseUrlFor: options.databaseUrlFor,
    env: { LOAN_REPAIR_SECONDS: "0", ...options.env },
    start: {
      statsFlushMs: 0, // no background stats writes in Redis: tests count Redis commands
      now: options.now,
      createPrisma: (adapter) => {
        const prisma = new PrismaClient({ adapter, log: [{ emit: "event", level: "query" }] });
        prisma.$on("query", (event) => sql.push(event.query));
        return prisma;
      },
    },
  });
  let tokens = options.sameLibraryAs?.tokens;
  if (!tokens) {
    const api = new ApiTokens(t.kurin.prisma);
    tokens = {
      librarian: (await api.create("librarian", "LIBRARIAN")).token,
      bot: (await api.create("bot", "BOT")).token,
      integrator: (await api.create("integrator", "INTEGRATOR")).token,
    };
  }
  const as = (who: Who) => ({
    async gql<T>(query: string, variables?: Record<string, unknown>): Promise<GraphQLResult<T> & { status: number }> {
      const headers: Record<string, string> = { "content-type": "application/json" };
      if (who.token) headers.authorization = `Bearer ${who.token}`;
      if (who.telegramUser !== undefined) {
        headers["x-telegram-user"] = typeof who.telegramUser === "string" ? who.telegramUser : asciiJson(who.telegramUser);
      }
      const response = await fetch(`${t.kurin.url}/graphql`, { method: "POST", headers, body: JSON.stringify({ query, variables }) });
      return { ...((await response.json()) as GraphQLResult<T>), status: response.status };
    },
  });
  const clients: Client[] = [];
  const k: LendingKurin = {
    ...t,
    tokens,
    sql,
    as,
    reader: (n, extra) => as({ token: tokens.bot, telegramUser: telegramUser(n, extra) }),
    librarian: () => as({ token: tokens.librarian }),
    ws(connectionParams) {
      const client = createClient({
        url: `${t.kurin.url.replace(/^http/, "ws")}/graphql`,
        webSocketImpl: WebSocket,
        connectionParams,
        retryAttempts: 0,
        lazy: false,
        onNonLazyError: () => undefined, // a refused connection is what some tests expect

      });
      clients.push(client);
      return client;
    },
    async stop() {
      for (const client of clients) await client.dispose();
      await t.stop();
    },
  };
  return k;
}

/** Status-changing mutations by name, returning the loan and its book's status. */
export const MUTATIONS = {
  bookItem: `mutation($bookId: ID!) { bookItem(bookId: $bookId) { id state bookId book { status statusRaw dueDate } } }`,
  markAsDelivered: `mutation($bookId: ID!) { markAsDelivered(bookId: $bookId) { id state bookId book { status statusRaw dueDate } } }`,
  markAsPickedUp: `mutation($bookId: ID!) { markAsPickedUp(bookId: $bookId) { id state bookId dueAt dueDate book { status statusRaw dueDate } } }`,
  markAsReturnedByUser: `mutation($bookId: ID!, $photo: String) { markAsReturnedByUser(bookId: $bookId, photoFileId: $photo) { id state bookId returnPhotoFileId book { status statusRaw dueDate } } }`,
  confirmBookReturn: `mutation($bookId: ID!) { confirmBookReturn(bookId: $bookId) { id state bookId book { status statusRaw dueDate } } }`,
  cancelBooking: `mutation($bookId: ID!) { cancelBooking(bookId: $bookId) { id state bookId book { status statusRaw dueDate } } }`,
  renewLoan: `mutation($bookId: ID!) { renewLoan(bookId: $bookId) { id state bookId dueAt dueDate book { status statusRaw dueDate } } }`,
} as const;

export type MutationName = keyof typeof MUTATIONS;

export interface LoanResult {
  id: string;
  state: string;
  bookId: string;
  dueAt?: string | null;
  dueDate?: string | null;
  returnPhotoFileId?: string | null;
  book: { status: string; statusRaw: string; dueDate: string | null } | null;
}

/** Reader `n` books `bookId`, a librarian delivers it, the reader picks it up: a book on loan, each step checked. */
export async function lendBook(k: LendingKurin, n: number, bookId: string): Promise<void> {
  for (const [who, mutation] of [
    [k.reader(n), MUTATIONS.bookItem],
    [k.librarian(), MUTATIONS.markAsDelivered],
    [k.reader(n), MUTATIONS.markAsPickedUp],
  ] as const) {
    const result = await who.gql(mutation, { bookId });
    if (result.errors) throw new Error(`${mutation.slice(0, 40)}: ${JSON.stringify(result.errors)}`);
  }
}

/** Ids of books the Sheet has on the shelf (empty Status, no due date), in sheet order. */
export function availableBooks(t: TestKurin, count: number): string[] {
  const rows = t.emulator.rows();
  const header = rows[0]!;
  const id = header.indexOf("id");
  const status = header.indexOf("Status");
  const due = header.indexOf("Заброньовано до:");
  const ids = rows
    .slice(1)
    .filter((r) => (r[id] ?? "").trim() !== "" && (r[status] ?? "").trim() === "" && (r[due] ?? "").trim() === "")
    .map((r) => r[id]!.trim());
  if (ids.length < count) throw new Error(`only ${ids.length} available books, wanted ${count}`);
  return ids.slice(0, count);
}

export function codes(result: GraphQLResult<unknown>): Array<string | undefined> {
  return (result.errors ?? []).map((e) => e.extensions?.code);
}
