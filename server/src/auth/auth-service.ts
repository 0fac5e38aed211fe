import type { Logger } from "pino";
import type { AuthSettings } from "../config.ts";
import type { PrismaClient } from "../db/client.ts";
import { Authenticator } from "./authenticator.ts";
import { ReaderService } from "./readers.ts";
import { ApiTokens } from "./tokens.ts";

/**
 * Who may ask kurin what: readers (Telegram people), API tokens, and the authenticator that turns a request's
 * credentials into an Auth. Built once in the wiring; a reader changed here is forgotten by the authenticator
 * at once, so their next request sees the new role or phone.
 */
export class AuthService {
  readonly tokens: ApiTokens;
  readonly readers: ReaderService;
  readonly authenticator: Authenticator;

  constructor(deps: { prisma: PrismaClient; settings: AuthSettings; outageGraceSeconds?: number; logger: Logger; now?: () => number }) {
    this.tokens = new ApiTokens(deps.prisma);
    this.readers = new ReaderService(deps.prisma, (reader) => this.authenticator.forgetReader(reader.telegramId), deps.settings.librarianTelegramIds);
    this.authenticator = new Authenticator({
      tokens: this.tokens,
      readers: this.readers,
      cacheMs: deps.settings.cacheSeconds * 1000,
      outageGraceMs: (deps.outageGraceSeconds ?? 0) * 1000,
      logger: deps.logger,
      now: deps.now,
    });
  }
}
