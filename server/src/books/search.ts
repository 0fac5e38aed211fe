/**
 * Case- and accent-insensitive matching for Ukrainian and Latin text: "ЇЖАК" finds "їжак" and "іжак",
 * "Les Miserables" finds "Les Misérables", and any apostrophe finds any other (’ ʼ ' `).
 */
export function normaliseForSearch(text: string): string {
  return text
    // Soft hyphens and zero-width characters hide inside words copied from documents: "Кобза\u00ADр" is "Кобзар".
    .replace(/[\u00AD\u200B-\u200D\u2060\uFEFF]/g, "")
    .normalize("NFD")
    .replace(/\p{M}/gu, "") // accents, and the marks that make ї and й from і and и
    .toLowerCase()
    .replace(/[’ʼ`´‘]/g, "'")
    .replace(/ё/g, "е")
    .replace(/\s+/g, " ")
    .trim();
}

/** Every word of the query must appear somewhere in the text. */
export function matches(normalisedText: string, normalisedQuery: string): boolean {
  if (normalisedQuery === "") return true;
  return normalisedQuery.split(" ").every((word) => normalisedText.includes(word));
}
