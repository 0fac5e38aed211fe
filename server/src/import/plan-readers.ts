import { Role } from "../db/client.ts";
import type { OldUser } from "./old-bot-database.ts";
import { importPhone, type ImportedPhone } from "./phones.ts";

/**
 * Which of the old bot's users become kurin readers, and how (pure). A user imported before (a reader carries
 * their old id) is left alone; a user who already talks to kurin's bot (same Telegram id) keeps their kurin
 * reader, which is marked as theirs and given the old phone if it has none; everyone else is a new reader.
 * The old bot's ADMIN_IDS become librarians; nobody loses the librarian role.
 */

/** A kurin reader as the plan needs to know them. */
export interface KurinReader {
  id: number;
  telegramId: string;
  name: string;
  role: Role;
  phone: string | null;
  kurinBotUserId: number | null;
}

export interface NewReader {
  oldUserId: number;
  telegramId: bigint;
  name: string;
  phone: string | null;
  role: Role;
  createdAt: Date;
}

/** An existing kurin reader marked as an old user's; `phone` when theirs was empty. */
export interface LinkedReader {
  readerId: number;
  oldUserId: number;
  phone?: string;
}

export interface PhoneReport {
  normalised: number;
  fromLocal: number;
  none: number;
  /** Phones kept as written, with whose they are. */
  kept: Array<{ reader: string; phone: string }>;
}

export interface ReaderPlan {
  create: NewReader[];
  link: LinkedReader[];
  /** Existing readers (imported before, or kurin's own) made librarians. */
  promote: Array<{ readerId: number; label: string }>;
  importedBefore: number;
  /** Old users who cannot become readers, with why; their loans are not imported. */
  skipped: Map<number, string>;
  phones: PhoneReport;
  /** Librarians from --admin-ids: made now, or already. */
  librarians: string[];
  /** --admin-ids that are neither an old user nor a kurin reader. */
  unknownAdmins: string[];
  /** How each old user is named in the report. */
  labels: Map<number, string>;
}

const TELEGRAM_ID = /^-?\d{1,19}$/;
const MAX_BIGINT = 2n ** 63n - 1n;

export function label(user: Pick<OldUser, "id" | "name" | "telegramId">): string {
  return `${user.name.trim() || "(no name)"} (telegram ${user.telegramId}, old user ${user.id})`;
}

export function planReaders(users: readonly OldUser[], kurinReaders: readonly KurinReader[], adminIds: readonly string[], now: Date): ReaderPlan {
  const plan: ReaderPlan = {
    create: [],
    link: [],
    promote: [],
    importedBefore: 0,
    skipped: new Map(),
    phones: { normalised: 0, fromLocal: 0, none: 0, kept: [] },
    librarians: [],
    unknownAdmins: [],
    labels: new Map(users.map((u) => [u.id, label(u)])),
  };
  const byOldId = new Map(kurinReaders.filter((r) => r.kurinBotUserId !== null).map((r) => [r.kurinBotUserId!, r]));
  const byTelegramId = new Map(kurinReaders.map((r) => [r.telegramId, r]));
  const admins = new Set(adminIds);
  for (const user of users) {
    const telegramId = user.telegramId.trim();
    const existing = byOldId.get(user.id) ?? byTelegramId.get(telegramId);
    if (existing?.kurinBotUserId === user.id) {
      plan.importedBefore++;
      continue;
    }
    if (existing && existing.kurinBotUserId !== null) {
      plan.skipped.set(user.id, `kurin's reader ${existing.id} with its Telegram id was imported from old user ${existing.kurinBotUserId}`);
      continue;
    }
    if (!TELEGRAM_ID.test(telegramId) || BigInt(telegramId) > MAX_BIGINT || BigInt(telegramId) < -MAX_BIGINT) {
      plan.skipped.set(user.id, `its Telegram id "${user.telegramId}" is not a number`);
      continue;
    }
    const phone = countPhone(plan.phones, importPhone(user.phone), label(user));
    if (existing) {
      plan.link.push({ readerId: existing.id, oldUserId: user.id, ...(existing.phone === null && phone !== null ? { phone } : {}) });
    } else {
      const role = admins.has(telegramId) ? Role.LIBRARIAN : Role.READER;
      // Reader.name holds 191 characters (the old column 255).
      const name = (user.name.trim() || `Читач ${telegramId}`).slice(0, 191);
      plan.create.push({ oldUserId: user.id, telegramId: BigInt(telegramId), name, phone, role, createdAt: user.createdAt ?? now });
      if (role === Role.LIBRARIAN) plan.librarians.push(label(user));
    }
  }
  planAdmins(plan, users, kurinReaders, admins);
  return plan;
}

/** The --admin-ids that are existing readers: made librarians unless they are; the others reported. */
function planAdmins(plan: ReaderPlan, users: readonly OldUser[], kurinReaders: readonly KurinReader[], admins: ReadonlySet<string>): void {
  const created = new Set(plan.create.map((r) => r.telegramId.toString()));
  const byTelegramId = new Map(kurinReaders.map((r) => [r.telegramId, r]));
  const oldByTelegramId = new Map(users.map((u) => [u.telegramId.trim(), u]));
  for (const admin of admins) {
    if (created.has(admin)) continue;
    const reader = byTelegramId.get(admin);
    const old = oldByTelegramId.get(admin);
    if (!reader) {
      plan.unknownAdmins.push(old ? `${admin} (${plan.skipped.get(old.id) ?? "not imported"})` : admin);
      continue;
    }
    const name = old ? label(old) : `${reader.name} (telegram ${admin}, kurin reader ${reader.id})`;
    if (reader.role !== Role.LIBRARIAN) plan.promote.push({ readerId: reader.id, label: name });
    plan.librarians.push(reader.role === Role.LIBRARIAN ? `${name}, a librarian already` : name);
  }
}

function countPhone(report: PhoneReport, phone: ImportedPhone, reader: string): string | null {
  switch (phone.kind) {
    case "none":
      report.none++;
      return null;
    case "normalised":
      report.normalised++;
      if (phone.fromLocal) report.fromLocal++;
      return phone.phone;
    case "kept":
      report.kept.push({ reader, phone: phone.phone });
      return phone.phone;
  }
}
