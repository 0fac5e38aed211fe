import i18next, { type TFunction } from "i18next";
import { en } from "./en.ts";
import { uk } from "./uk.ts";

/**
 * The bot's texts in Ukrainian and English, through i18next: plural forms come from the language's own rules
 * (Intl.PluralRules: 1 книжка, 2 книжки, 5 книжок, 21 книжка), never from string concatenation. Messages are
 * sent as Telegram HTML, so interpolated values are escaped for it (and only the three characters it needs).
 */

export type Language = "uk" | "en";
type PluralBase<K> = K extends `${infer Base}_one` ? Base : never;
/** A text's key; a plural text by its base name (`books`, with `count`). */
export type TextKey = keyof typeof en | PluralBase<keyof typeof en>;

export interface Texts {
  language: Language;
  /** The locale dates are written in (the person's own when Intl knows it, e.g. en-US). */
  locale: string;
  t(key: TextKey, values?: Record<string, unknown>): string;
  /** A date (YYYY-MM-DD or an ISO instant) as the person's locale writes it. */
  date(value: string): string;
}

const instance = i18next.createInstance();
// Resources are inline and initAsync is off: init is done when it returns.
void instance.init({
  resources: { uk: { translation: uk }, en: { translation: en } },
  fallbackLng: "uk",
  supportedLngs: ["uk", "en"],
  initAsync: false,
  returnNull: false,
  interpolation: { escape: escapeHtml },
});

/** Ukrainian for anything but English (the library's language). */
export function languageOf(languageCode: string | undefined | null): Language {
  return languageCode?.toLowerCase().startsWith("en") ? "en" : "uk";
}

const cache = new Map<string, Texts>();

export function textsFor(languageCode: string | undefined | null): Texts {
  const key = languageCode ?? "";
  let texts = cache.get(key);
  if (!texts) {
    texts = makeTexts(languageOf(languageCode), languageCode);
    cache.set(key, texts);
  }
  return texts;
}

function makeTexts(language: Language, languageCode: string | undefined | null): Texts {
  // Keys are checked by TextKey; i18next's own key typing would need a global declaration instead.
  const fixed = instance.getFixedT(language) as TFunction as unknown as (key: string, values?: Record<string, unknown>) => string;
  const locale = localeFor(language, languageCode);
  const dateFormat = new Intl.DateTimeFormat(locale, { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
  return {
    language,
    locale,
    t: (key, values) => fixed(key, values),
    date: (value) => {
      // A plain date is a day in the library's calendar: shown as that day, whatever the time zone.
      const at = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T00:00:00Z`) : new Date(value);
      return Number.isNaN(at.getTime()) ? value : dateFormat.format(at);
    },
  };
}

function localeFor(language: Language, languageCode: string | undefined | null): string {
  if (languageCode && languageOf(languageCode) === language) {
    try {
      const [supported] = Intl.DateTimeFormat.supportedLocalesOf([languageCode]);
      if (supported) return supported;
    } catch {
      // Not a locale Intl can parse: the language's own below.
    }
  }
  return language === "en" ? "en-GB" : "uk-UA";
}

/** Telegram's HTML needs only &, < and > escaped. */
export function escapeHtml(value: unknown): string {
  return String(value).replace(/[&<>]/g, (c) => (c === "&" ? "&amp;" : c === "<" ? "&lt;" : "&gt;"));
}
