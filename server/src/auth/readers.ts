import { isUniqueViolation, Role, type PrismaClient, type Reader } from "../db/client.ts";
import { KurinError } from "../errors.ts";
import { displayName, type TelegramUser } from "./telegram-user.ts";

/**
 * Readers: the Telegram people who borrow books. A reader is created the first time the bot acts for them,
 * and their name, username and language follow what Telegram says. Their phone number is theirs to give
 * (the bot asks them to share their contact); only librarians see it.
 */

/**
 * A reader as the rest of kurin sees them (the Telegram id as a string: it does not fit GraphQL's Int). Loan
 * events carry it too; on the event channel `createdAt` travels as ISO text and is revived on arrival.
 */
export interface ReaderRecord {
  id: number;
  telegramId: string;
  name: string;
  username: string | null;
  languageCode: string | null;
  phone: string | null;
  role: Role;
  createdAt: Date;
}

/** Roles a reader may have: a Telegram librarian is a reader with the LIBRARIAN role. */
export const READER_ROLES = [Role.READER, Role.LIBRARIAN] as const;

export function toReaderRecord(reader: Reader): ReaderRecord {
  return {
    id: reader.id,
    telegramId: reader.telegramId.toString(),
    name: reader.name,
    username: reader.username,
    languageCode: reader.languageCode,
    phone: reader.phone,
    role: reader.role,
    createdAt: reader.createdAt,
  };
}

/** At most this many readers are listed for one search (the dashboard pages through them). */
const MAX_LISTED_READERS = 5000;

export class ReaderService {
  private readonly librarians: ReadonlySet<bigint>;

  /**
   * @param changed told of every reader changed here (their role or phone), e.g. to forget a remembered copy
   * @param librarianTelegramIds LIBRARIAN_TELEGRAM_IDS: made librarians when first seen (and kept so)
   */
  constructor(
    private readonly prisma: PrismaClient,
    private readonly changed: (reader: ReaderRecord) => void = () => undefined,
    librarianTelegramIds: readonly bigint[] = [],
  ) {
    this.librarians = new Set(librarianTelegramIds);
  }

  /**
   * The reader for a Telegram user: created on first sight, profile brought up to date when it changed. A
   * person acting through the bot is talking to it again, so a "blocked the bot" mark is lifted.
   */
  async fromTelegram(user: TelegramUser): Promise<ReaderRecord> {
    const profile = { name: displayName(user), username: user.username, languageCode: user.languageCode };
    const listed = this.librarians.has(user.id);
    const existing = await this.prisma.reader.findUnique({ where: { telegramId: user.id } });
    if (existing) {
      const promote = listed && existing.role === Role.READER;
      const changed =
        existing.name !== profile.name || existing.username !== profile.username || existing.languageCode !== profile.languageCode;
      if (!changed && !promote && existing.botBlockedAt === null) return toReaderRecord(existing);
      const data = { ...profile, botBlockedAt: null, ...(promote ? { role: Role.LIBRARIAN } : {}) };
      return toReaderRecord(await this.prisma.reader.update({ where: { id: existing.id }, data }));
    }
    try {
      return toReaderRecord(await this.prisma.reader.create({ data: { telegramId: user.id, ...profile, ...(listed ? { role: Role.LIBRARIAN } : {}) } }));
    } catch (error) {
      // Two first requests of one person at once: the other one created them.
      if (!isUniqueViolation(error, "Reader_telegramId_key")) throw error;
      return toReaderRecord(await this.prisma.reader.findUniqueOrThrow({ where: { telegramId: user.id } }));
    }
  }

  /** Readers by id, in the order asked (null for unknown ids): ONE query. */
  async byIds(ids: readonly number[]): Promise<Array<ReaderRecord | null>> {
    const readers = await this.prisma.reader.findMany({ where: { id: { in: [...new Set(ids)] } } });
    const byId = new Map(readers.map((r) => [r.id, toReaderRecord(r)]));
    return ids.map((id) => byId.get(id) ?? null);
  }

  /**
   * Readers whose name, username or phone contains `text` (every reader when it is empty), by name. The
   * database's collation makes it case-insensitive; a leading @ is a username's, and a phone matches
   * without its spaces and dashes. A library has hundreds of readers, so the list is paged in memory.
   */
  async search(text: string): Promise<ReaderRecord[]> {
    const words = text.trim().replace(/^@/, "");
    const digits = words.replace(/[\s().-]/g, "");
    const where = words
      ? { OR: [{ name: { contains: words } }, { username: { contains: words } }, ...(digits ? [{ phone: { contains: digits } }] : [])] }
      : {};
    const readers = await this.prisma.reader.findMany({ where, orderBy: [{ name: "asc" }, { id: "asc" }], take: MAX_LISTED_READERS });
    return readers.map(toReaderRecord);
  }

  /** Sets (or, with null, forgets) a reader's phone number; returns the reader. */
  async setPhone(readerId: number, phone: string | null): Promise<ReaderRecord> {
    const normalised = phone === null || phone.trim() === "" ? null : normalisePhone(phone);
    return this.tell(toReaderRecord(await this.prisma.reader.update({ where: { id: readerId }, data: { phone: normalised } })));
  }

  /** Makes a reader a librarian, or a reader again. */
  async setRole(readerId: number, role: Role): Promise<ReaderRecord> {
    if (!(READER_ROLES as readonly Role[]).includes(role)) {
      throw new KurinError("BAD_USER_INPUT", `A reader's role is READER or LIBRARIAN, not ${role}`);
    }
    const { count } = await this.prisma.reader.updateMany({ where: { id: readerId }, data: { role } });
    if (count === 0) throw new KurinError("NOT_FOUND", `There is no reader ${readerId}`);
    return this.tell(toReaderRecord(await this.prisma.reader.findUniqueOrThrow({ where: { id: readerId } })));
  }

  private tell(reader: ReaderRecord): ReaderRecord {
    this.changed(reader);
    return reader;
  }
}

/**
 * A phone number as Telegram shares it ("380501234567", "+380 50 123-45-67") in E.164 form: "+" and 7 to 15
 * digits. Anything else is refused with a message the bot can show.
 */
export function normalisePhone(phone: string): string {
  const compact = phone.trim().replace(/[\s().-]/g, "");
  if (!/^\+?\d{7,15}$/.test(compact)) {
    throw new KurinError("BAD_USER_INPUT", `"${phone.slice(0, 40)}" is not a phone number: use the international form, e.g. +380501234567`);
  }
  return compact.startsWith("+") ? compact : `+${compact}`;
}
