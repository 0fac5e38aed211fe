/**
 * The `X-Telegram-User` header: Telegram's User object as JSON, sent by the bot for the person it acts for
 * (`{"id":123,"first_name":"Ann","username":"ann","language_code":"uk"}`).
 *
 * HTTP headers are Latin-1: a client should send the JSON ASCII-only (`\u0410\u043d\u043d` for "Анн", what
 * `JSON.stringify(user).replace(/[\u007f-\uffff]/g, ...)` gives); raw UTF-8 bytes are accepted too.
 */

export interface TelegramUser {
  id: bigint;
  firstName: string;
  lastName: string | null;
  username: string | null;
  languageCode: string | null;
}

export class TelegramUserError extends Error {
  override name = "TelegramUserError";
}

const MAX_LENGTH = 2048;
// Reader.telegramId is a signed BIGINT; Telegram's own ids stay far below this.
const MAX_ID = 9_223_372_036_854_775_807n;
// Telegram's limits: first_name 1-64 characters, last_name 0-64, username 5-32 (64 allowed here for bots' tests).
const MAX_NAME = 64;
// Control characters and bidirectional overrides would let a name reorder or hide text on a librarian's screen.
const UNSAFE_CHARACTERS = /[\p{Cc}\u200E\u200F\u202A-\u202E\u2066-\u2069]/gu;
const USERNAME = /^[A-Za-z0-9_]{1,64}$/;
const LANGUAGE = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/;

/** Parses the header (or a connectionParams value), or throws a TelegramUserError saying what is wrong. */
export function parseTelegramUser(input: unknown): TelegramUser {
  let value = input;
  if (typeof value === "string") {
    if (value.length > MAX_LENGTH) throw new TelegramUserError(`X-Telegram-User is longer than ${MAX_LENGTH} characters`);
    try {
      value = JSON.parse(fromLatin1(value));
    } catch {
      throw new TelegramUserError("X-Telegram-User is not JSON: send Telegram's User object, e.g. {\"id\":123,\"first_name\":\"Ann\"}");
    }
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new TelegramUserError("X-Telegram-User must be a JSON object (Telegram's User)");
  }
  const user = value as Record<string, unknown>;
  const id = user.id;
  const idOk =
    (typeof id === "number" && Number.isSafeInteger(id) && id > 0) || (typeof id === "string" && /^[1-9]\d{0,18}$/.test(id));
  if (!idOk || BigInt(id as number | string) > MAX_ID) {
    throw new TelegramUserError("X-Telegram-User: id must be a positive integer (the Telegram user id)");
  }
  if (user.is_bot === true) throw new TelegramUserError("X-Telegram-User: a bot cannot borrow books");
  const firstName = text(user.first_name, "first_name", MAX_NAME, true)!;
  const lastName = text(user.last_name, "last_name", MAX_NAME, false);
  const username = text(user.username, "username", 64, false);
  if (username !== null && !USERNAME.test(username)) throw new TelegramUserError("X-Telegram-User: username may hold only letters, digits and _");
  const languageCode = text(user.language_code, "language_code", 16, false);
  if (languageCode !== null && !LANGUAGE.test(languageCode)) {
    throw new TelegramUserError("X-Telegram-User: language_code must be an IETF language tag such as uk or en-US");
  }
  return { id: BigInt(id as number | string), firstName, lastName, username, languageCode };
}

/** The name kurin shows: first and last name, as Telegram has them. */
export function displayName(user: TelegramUser): string {
  return [user.firstName, user.lastName].filter((part) => part).join(" ");
}

function text(value: unknown, field: string, max: number, required: boolean): string | null {
  if (value === undefined || value === null || value === "") {
    if (required) throw new TelegramUserError(`X-Telegram-User: ${field} is required`);
    return null;
  }
  if (typeof value !== "string") throw new TelegramUserError(`X-Telegram-User: ${field} must be a string`);
  const trimmed = value.replace(UNSAFE_CHARACTERS, "").trim();
  if (required && trimmed === "") throw new TelegramUserError(`X-Telegram-User: ${field} is required`);
  if (trimmed.length > max) throw new TelegramUserError(`X-Telegram-User: ${field} is longer than ${max} characters`);
  return trimmed === "" ? null : trimmed;
}

/** Node hands header values over as Latin-1; a client that sent raw UTF-8 gets its bytes decoded as such. */
function fromLatin1(value: string): string {
  if (!/[\u0080-\u00ff]/.test(value)) return value;
  const decoded = Buffer.from(value, "latin1").toString("utf8");
  return decoded.includes("\ufffd") ? value : decoded;
}
