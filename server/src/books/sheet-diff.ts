import type { Book } from "../catalog/book.ts";
import type { CachedBook, RefreshWrite } from "../cache/book-cache.ts";
import type { BookChange } from "./types.ts";

/**
 * What a fresh Sheet read changes against what was cached: pure, so the refresh writes only what changed
 * and tells hand edits from kurin's own writes.
 */

export interface SheetDiff extends Pick<RefreshWrite, "upserts" | "removals" | "unchanged"> {
  /** Status changes newer than anything a mutation wrote through: the librarians' hand edits. */
  edits: BookChange[];
}

/** `startedAt`: when the read began; an entry written through after it is newer than the read. */
export function diffSheet(previous: ReadonlyMap<string, CachedBook>, read: readonly Book[], startedAt: number): SheetDiff {
  const upserts: SheetDiff["upserts"] = [];
  const unchanged: string[] = [];
  const edits: BookChange[] = [];
  for (const book of read) {
    const before = previous.get(book.id);
    if (before && sameBook(before, book)) {
      unchanged.push(book.id);
      continue;
    }
    const statusChanged = !before || before.statusRaw !== book.statusRaw || before.dueDate !== book.dueDate;
    upserts.push({ book, statusChanged });
    // A change is a hand edit only if it is newer than what a mutation wrote through.
    if (before && statusChanged && (before.changedAt ?? 0) <= startedAt) edits.push({ before, after: book });
  }
  const ids = new Set(read.map((b) => b.id));
  const removals = [...previous.keys()].filter((id) => !ids.has(id));
  for (const id of removals) edits.push({ before: previous.get(id), after: undefined });
  return { upserts, unchanged, removals, edits };
}

const BOOK_FIELDS = ["id", "title", "author", "edition", "pages", "description", "dueDate", "statusRaw", "status"] as const;

/** Equal as the Sheet describes them (a written-through copy carries its changedAt besides). */
function sameBook(cached: CachedBook, fresh: Book): boolean {
  return (
    BOOK_FIELDS.every((field) => cached[field] === fresh[field]) &&
    cached.categories.length === fresh.categories.length &&
    cached.categories.every((c, i) => c === fresh.categories[i])
  );
}
