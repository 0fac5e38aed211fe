import { LRUCache } from "lru-cache";
import type { Logger } from "pino";
import { Role, type ApiToken } from "../db/client.ts";
import { DatabaseUnavailable, isDatabaseUnavailable } from "../db/database-guard.ts";
import { KurinError } from "../errors.ts";
import type { ReaderRecord, ReaderService } from "./readers.ts";
import { parseTelegramUser, TelegramUserError, type TelegramUser } from "./telegram-user.ts";
import { hashToken, type ApiTokens } from "./tokens.ts";

/**
 * Who is asking. `Authorization: Bearer TOKEN` names a token; a BOT token may add the Telegram user it acts
 * for, and then the request has that reader's rights (and no more), not the bot's.
 *
 *   no token                          public catalogue only (books, book, categories)
 *   LIBRARIAN token                   LIBRARIAN
 *   INTEGRATOR token                  INTEGRATOR (read-only)
 *   BOT token                         BOT (the bot's own calls: events, reminders)
 *   BOT token + X-Telegram-User       READER, plus LIBRARIAN when that reader was made a librarian
 *
 * Verified tokens and readers are kept in memory for a few seconds (AUTH_CACHE_SECONDS), so a request costs
 * no query for them; a revoked token stops working within that time. lastUsedAt is written at most once a
 * minute per token and instance.
 *
 * While the database is away, tokens and readers verified in the last AUTH_OUTAGE_GRACE_SECONDS are honoured
 * as they were (the database cannot revoke anything meanwhile either), so browsing goes on; anyone else is
 * told the database is not answering (UPSTREAM_UNAVAILABLE), not that their token is wrong.
 */

export interface Auth {
  token: { id: number; name: string; role: Role } | null;
  /** The Telegram person acting (BOT token + X-Telegram-User). */
  reader: ReaderRecord | null;
  /** Effective roles, the ones `@Authorized(...)` checks. Empty: anonymous. */
  roles: ReadonlySet<Role>;
}

export const ANONYMOUS: Auth = Object.freeze({ token: null, reader: null, roles: new Set<Role>() });

export type AuthErrorCode = "UNAUTHENTICATED" | "FORBIDDEN" | "BAD_USER_INPUT";

export class AuthError extends KurinError {
  override name = "AuthError";
  constructor(code: AuthErrorCode, message: string) {
    super(code, message);
  }
}

export interface Credentials {
  /** The Authorization header (or connectionParams.authorization). */
  authorization?: string | null;
  /** The X-Telegram-User header, or connectionParams.telegramUser (JSON text or the object). */
  telegramUser?: unknown;
}

export interface AuthenticatorOptions {
  tokens: ApiTokens;
  readers: ReaderService;
  /** How long a verified token or reader is remembered (0: not at all). */
  cacheMs: number;
  /** How long a verified token or reader is honoured while the database cannot be asked (0: not at all). */
  outageGraceMs?: number;
  logger: Logger;
  now?: () => number;
}

const TOUCH_EVERY_MS = 60_000;

export class Authenticator {
  private readonly tokenCache: LRUCache<string, { token: ApiToken | null }> | undefined;
  private readonly readerCache: LRUCache<string, ReaderRecord> | undefined;
  private readonly touched = new Map<number, number>();
  private readonly now: () => number;
  /** Live tokens (by hash) and readers (by Telegram id) as last read from the database, for an outage. */
  private readonly recentTokens: LRUCache<string, ApiToken> | undefined;
  private readonly recentReaders: LRUCache<string, ReaderRecord> | undefined;

  constructor(private readonly options: AuthenticatorOptions) {
    this.now = options.now ?? Date.now;
    if (options.cacheMs > 0) {
      this.tokenCache = new LRUCache({ max: 1000, ttl: options.cacheMs });
      this.readerCache = new LRUCache({ max: 10_000, ttl: options.cacheMs });
    }
    const graceMs = options.outageGraceMs ?? 0;
    if (graceMs > 0) {
      this.recentTokens = new LRUCache({ max: 1000, ttl: graceMs });
      this.recentReaders = new LRUCache({ max: 10_000, ttl: graceMs });
    }
  }

  async authenticate(credentials: Credentials): Promise<Auth> {
    const header = credentials.authorization?.trim();
    const hasTelegramUser = credentials.telegramUser !== undefined && credentials.telegramUser !== null && credentials.telegramUser !== "";
    if (!header) {
      if (hasTelegramUser) throw new AuthError("UNAUTHENTICATED", "X-Telegram-User needs a BOT token in the Authorization header");
      return ANONYMOUS;
    }
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) throw new AuthError("UNAUTHENTICATED", 'The Authorization header must be "Bearer <token>"');
    const token = await this.verify(match[1]!);
    if (!token) throw new AuthError("UNAUTHENTICATED", "Unknown or revoked token");
    this.touch(token);
    const tokenInfo = { id: token.id, name: token.name, role: token.role };

    if (!hasTelegramUser) return { token: tokenInfo, reader: null, roles: new Set([token.role]) };
    if (token.role !== Role.BOT) {
      throw new AuthError("FORBIDDEN", `Only a BOT token may act for a Telegram user (X-Telegram-User); this token is ${token.role}`);
    }
    let user: TelegramUser;
    try {
      user = parseTelegramUser(credentials.telegramUser);
    } catch (error) {
      if (error instanceof TelegramUserError) throw new AuthError("BAD_USER_INPUT", error.message);
      throw error;
    }
    const reader = await this.reader(user);
    const roles = new Set<Role>([Role.READER]);
    if (reader.role === Role.LIBRARIAN) roles.add(Role.LIBRARIAN);
    return { token: tokenInfo, reader, roles };
  }

  /** Forgets a reader kept in memory (after their role or phone changed here). */
  forgetReader(telegramId: string): void {
    for (const [key, reader] of this.readerCache?.entries() ?? []) if (reader.telegramId === telegramId) this.readerCache!.delete(key);
    this.recentReaders?.delete(telegramId);
  }

  private async verify(secret: string): Promise<ApiToken | null> {
    const key = hashToken(secret);
    const cached = this.tokenCache?.get(key);
    if (cached) return cached.token;
    const { value: token, fresh } = await this.duringOutage(() => this.options.tokens.find(secret), () => this.recentTokens?.get(key), "your token");
    this.tokenCache?.set(key, { token });
    // The grace counts from the database's last word, not from the last use.
    if (fresh && token) this.recentTokens?.set(key, token);
    else if (fresh) this.recentTokens?.delete(key);
    return token;
  }

  private async reader(user: TelegramUser): Promise<ReaderRecord> {
    // Keyed by the whole profile: a new name or username goes to the database at once.
    const key = `${user.id}\u0000${user.firstName}\u0000${user.lastName ?? ""}\u0000${user.username ?? ""}\u0000${user.languageCode ?? ""}`;
    const cached = this.readerCache?.get(key);
    if (cached) return cached;
    // During an outage a reader is known by their id alone: a new name waits until the database is back.
    const telegramId = user.id.toString();
    const { value: reader, fresh } = await this.duringOutage(() => this.options.readers.fromTelegram(user), () => this.recentReaders?.get(telegramId), "who you are");
    this.readerCache?.set(key, reader);
    if (fresh) this.recentReaders?.set(telegramId, reader);
    return reader;
  }

  /** `ask` the database; if it is not answering, what it said last (within the grace), or a clear refusal. */
  private async duringOutage<T>(ask: () => Promise<T>, remembered: () => T | undefined, what: string): Promise<{ value: T; fresh: boolean }> {
    try {
      return { value: await ask(), fresh: true };
    } catch (error) {
      if (!isDatabaseUnavailable(error)) throw error;
      const known = remembered();
      if (known !== undefined) return { value: known, fresh: false };
      throw new DatabaseUnavailable(`The library's database is not answering, so ${what} cannot be checked now; try again in a minute`, error);
    }
  }

  private touch(token: ApiToken): void {
    const now = this.now();
    const last = this.touched.get(token.id) ?? token.lastUsedAt?.getTime() ?? 0;
    if (now - last < TOUCH_EVERY_MS) return;
    this.touched.set(token.id, now);
    this.options.tokens
      .touch(token.id, new Date(now))
      .catch((error) => this.options.logger.debug({ err: (error as Error).message, token: token.name }, "could not record a token's use"));
  }
}
