import { normalisePhone } from "../auth/readers.ts";
import { KurinError } from "../errors.ts";

/**
 * The old bot stored phone numbers as given, never checked (KURIN_BOT_FLOWS.md §1): usually Telegram's
 * "380671234567", sometimes typed by hand. They are normalised as `setMyPhone` does (E.164: "+" and digits),
 * after one step setMyPhone does not take: a Ukrainian number in the local form (`067 123 45 67`, or the old
 * long-distance `8 067 …`) is given the country code, because the library is in Ukraine. What still cannot be
 * read as a number is kept as written (a librarian can still read it) and reported.
 */

export type ImportedPhone =
  | { kind: "none" }
  | { kind: "normalised"; phone: string; fromLocal: boolean }
  | { kind: "kept"; phone: string };

const UKRAINE_LOCAL = /^0\d{9}$/;
const UKRAINE_OLD_TRUNK = /^80\d{9}$/;

export function importPhone(raw: string | null): ImportedPhone {
  const written = (raw ?? "").trim();
  if (written === "") return { kind: "none" };
  const compact = written.replace(/[\s().-]/g, "");
  const local = UKRAINE_LOCAL.test(compact) ? `+38${compact}` : UKRAINE_OLD_TRUNK.test(compact) ? `+3${compact}` : null;
  try {
    return { kind: "normalised", phone: normalisePhone(local ?? written), fromLocal: local !== null };
  } catch (error) {
    if (!(error instanceof KurinError)) throw error;
    return { kind: "kept", phone: written };
  }
}
