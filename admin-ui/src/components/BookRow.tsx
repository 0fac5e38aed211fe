import { Link } from "react-router";
import { formatDate } from "../format.ts";
import type { Book } from "../operations.ts";
import { catalogueTexts, statusLabels } from "../texts.ts";

/**
 * One book of the catalogue table (a card on a narrow screen: each cell carries its column's name). A status
 * older than the cache TTL (the Sheet could not be read) is marked quietly, with the time in the tooltip.
 */
const columns = catalogueTexts.columns;

export function BookRow({ book }: { book: Book }) {
  const freshness = book.stale ? catalogueTexts.staleTooltip(book.asOf) : catalogueTexts.asOfTooltip(book.asOf);
  return (
    <tr className={book.stale ? "stale-row" : undefined} data-book-id={book.id}>
      <td className="mono" data-label={columns.id}>{book.id}</td>
      <td data-label={columns.title}>
        <Link to={`/books/${encodeURIComponent(book.id)}`}>{book.title}</Link>
      </td>
      <td data-label={columns.author}>{book.author ?? "—"}</td>
      <td data-label={columns.edition}>{book.edition ?? "—"}</td>
      <td data-label={columns.categories}>{book.categories.length > 0 ? book.categories.join(", ") : "—"}</td>
      <td className="status-cell" data-label={columns.status} title={freshness}>
        <span className={`status status-${book.status.toLowerCase()}`}>{statusLabels[book.status] ?? book.status}</span>
        {book.stale && (
          <span className="stale-mark" title={freshness}>
            <span className="visually-hidden">{catalogueTexts.staleMark}</span>
          </span>
        )}
      </td>
      <td data-label={columns.due}>{formatDate(book.dueDate)}</td>
    </tr>
  );
}
