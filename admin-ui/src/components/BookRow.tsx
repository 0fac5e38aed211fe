import type { Book } from "../graphql.ts";
import { catalogueTexts, statusLabels } from "../texts.ts";

/**
 * One book of the catalogue table. A status older than the cache TTL (the Sheet could not be read) is marked
 * quietly, with the time of the information behind it in the tooltip.
 */
export function BookRow({ book }: { book: Book }) {
  const inSheet = book.statusRaw ? `У таблиці: ${book.statusRaw}` : "У таблиці: порожньо";
  const freshness = book.stale ? catalogueTexts.staleTooltip(book.asOf) : catalogueTexts.asOfTooltip(book.asOf);
  return (
    <tr className={book.stale ? "stale-row" : undefined} data-book-id={book.id}>
      <td className="mono">{book.id}</td>
      <td>{book.title}</td>
      <td>{book.author ?? "—"}</td>
      <td>{book.edition ?? "—"}</td>
      <td>{book.categories.length > 0 ? book.categories.join(", ") : "—"}</td>
      <td className="status-cell" title={`${inSheet}\n${freshness}`}>
        <span className={`status status-${book.status.toLowerCase()}`}>{statusLabels[book.status] ?? book.status}</span>
        {book.stale && (
          <span className="stale-mark" title={freshness}>
            <span className="visually-hidden">{catalogueTexts.staleMark}</span>
          </span>
        )}
      </td>
      <td>{book.dueDate ?? "—"}</td>
    </tr>
  );
}
