import type { RequestHandler } from "express";
import type { Auth, Credentials } from "../auth/authenticator.ts";
import { Role } from "../db/client.ts";
import { TelegramUnavailableError, type TelegramFiles } from "./telegram-files.ts";

/**
 * GET /photos/returns/:loanId — the photo a reader sent of a returned book on the shelf, for librarians. kurin
 * fetches it from Telegram with the bot's token (the browser never sees the token). Refusals are JSON with a
 * stable `extensions.code` the dashboard turns into a sentence: UNAUTHENTICATED, FORBIDDEN, NOT_FOUND (no such loan),
 * NO_PHOTO (the reader sent none), NO_BOT (no TELEGRAM_BOT_TOKEN), UPSTREAM_UNAVAILABLE (Telegram failed).
 */

export interface ReturnPhotoRouteOptions {
  /** Who is asking; throws for a token the server does not know. */
  authenticate(credentials: Credentials): Promise<Auth>;
  /** The loan's photo file id: undefined for no such loan, null for a loan without a photo. */
  photoOf(loanId: number): Promise<string | null | undefined>;
  files: TelegramFiles;
}

export function returnPhotoRoute(options: ReturnPhotoRouteOptions): RequestHandler<{ loanId: string }> {
  return async (req, res) => {
    // The same JSON shape as every other answer of kurin outside GraphQL (app/http-errors.ts).
    const refuse = (status: number, code: string, message: string) => void res.status(status).json({ errors: [{ message, extensions: { code } }] });
    let auth: Auth;
    try {
      auth = await options.authenticate({ authorization: req.header("authorization") ?? null });
    } catch {
      return refuse(401, "UNAUTHENTICATED", "Unknown or revoked token");
    }
    if (!auth.roles.has(Role.LIBRARIAN)) return refuse(auth.token ? 403 : 401, auth.token ? "FORBIDDEN" : "UNAUTHENTICATED", "Return photos are for librarians only");
    const loanId = Number(req.params.loanId);
    if (!Number.isSafeInteger(loanId) || loanId < 1) return refuse(404, "NOT_FOUND", `There is no loan ${req.params.loanId.slice(0, 40)}`);
    const fileId = await options.photoOf(loanId);
    if (fileId === undefined) return refuse(404, "NOT_FOUND", `There is no loan ${loanId}`);
    if (fileId === null) return refuse(404, "NO_PHOTO", `The reader sent no photo with loan ${loanId}`);
    if (!options.files.configured) return refuse(503, "NO_BOT", "No Telegram bot is configured (TELEGRAM_BOT_TOKEN), so the photo cannot be fetched");
    try {
      const photo = await options.files.download(fileId);
      res.setHeader("cache-control", "private, max-age=3600");
      res.type(photo.contentType).send(photo.body);
    } catch (error) {
      if (!(error instanceof TelegramUnavailableError)) throw error;
      refuse(502, "UPSTREAM_UNAVAILABLE", error.message);
    }
  };
}
