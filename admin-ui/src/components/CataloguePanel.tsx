import { useQuery } from "@apollo/client/react";
import { useEffect, useState } from "react";
import { BOOK_STATUSES, BOOKS, type BookStatus } from "../graphql.ts";
import { statusLabels } from "../texts.ts";
import { BookRow } from "./BookRow.tsx";

export const PAGE_SIZE = 50;
const SEARCH_DELAY_MS = 300;

interface Props {
  category: string | null;
  onClearCategory: () => void;
}

/** Waits until the value has stopped changing for `delay` ms. */
function useDebounced<T>(value: T, delay: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), delay);
    return () => clearTimeout(timer);
  }, [value, delay]);
  return debounced;
}

/** The catalogue: search, status filter and cursor pages of 50 books. */
export function CataloguePanel({ category, onClearCategory }: Props) {
  const [searchInput, setSearchInput] = useState("");
  const [status, setStatus] = useState<BookStatus | "">("");
  const search = useDebounced(searchInput.trim(), SEARCH_DELAY_MS);
  // Cursors of the pages seen so far: the last one is the current page's `after` (null for the first page).
  // They belong to one search/status/category: a new filter starts again from the first page.
  const filterKey = JSON.stringify([search, status, category]);
  const [paging, setPaging] = useState<{ key: string; cursors: (string | null)[] }>({ key: filterKey, cursors: [null] });
  if (paging.key !== filterKey) {
    // Adjusting state while rendering (React's documented pattern): no request is made with a stale cursor.
    setPaging({ key: filterKey, cursors: [null] });
  }
  const cursors = paging.key === filterKey ? paging.cursors : [null];
  const after = cursors[cursors.length - 1] ?? null;
  const setCursors = (next: (string | null)[]) => setPaging({ key: filterKey, cursors: next });

  const { data, previousData, loading, error, refetch } = useQuery(BOOKS, {
    variables: { first: PAGE_SIZE, after, search: search || null, status: status || null, category },
    fetchPolicy: "cache-and-network",
  });
  // While a new page loads, keep showing the previous one (dimmed) instead of an empty table.
  const books = (data ?? previousData)?.books;
  const stale = !data && !!previousData;
  const pageNumber = cursors.length;
  const firstRow = (pageNumber - 1) * PAGE_SIZE;

  return (
    <section className="panel" aria-labelledby="catalogue-title">
      <div className="panel-header">
        <h2 id="catalogue-title">Каталог</h2>
        <button type="button" className="link-button" onClick={() => void refetch()} disabled={loading}>
          Оновити
        </button>
      </div>

      <form className="filters" role="search" onSubmit={(event) => event.preventDefault()}>
        <label className="field grow">
          <span>Пошук</span>
          <input
            type="search"
            value={searchInput}
            placeholder="Назва, автор або опис"
            onChange={(event) => setSearchInput(event.target.value)}
          />
        </label>
        <label className="field">
          <span>Статус</span>
          <select value={status} onChange={(event) => setStatus(event.target.value as BookStatus | "")}>
            <option value="">Усі</option>
            {BOOK_STATUSES.map((value) => (
              <option key={value} value={value}>
                {statusLabels[value]}
              </option>
            ))}
          </select>
        </label>
      </form>

      {category && (
        <p className="active-filter">
          Категорія: <strong>{category}</strong>{" "}
          <button type="button" className="link-button" onClick={onClearCategory}>
            скинути
          </button>
        </p>
      )}

      {error && (
        <p className="error" role="alert">
          Не вдалося завантажити каталог: {error.message}
        </p>
      )}

      <div className={stale ? "table-wrap stale" : "table-wrap"} aria-busy={loading}>
        <table className="catalogue">
          <thead>
            <tr>
              <th scope="col">ID</th>
              <th scope="col">Назва</th>
              <th scope="col">Автор</th>
              <th scope="col">Видання</th>
              <th scope="col">Категорії</th>
              <th scope="col">Статус</th>
              <th scope="col">Повернути до</th>
            </tr>
          </thead>
          <tbody>
            {books?.nodes.map((book) => <BookRow key={book.id} book={book} />)}
            {books && books.nodes.length === 0 && (
              <tr>
                <td colSpan={7} className="empty">
                  Нічого не знайдено
                </td>
              </tr>
            )}
            {!books && loading && (
              <tr>
                <td colSpan={7} className="empty">
                  Завантаження…
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>

      <div className="pager">
        <span className="muted">
          {books
            ? stale
              ? ""
              : books.nodes.length > 0
              ? `Показано ${firstRow + 1}–${firstRow + books.nodes.length} з ${books.totalCount}`
              : `Усього: ${books.totalCount}`
            : ""}
          {loading && books ? " · оновлюю…" : ""}
        </span>
        <span className="pager-buttons">
          <button type="button" onClick={() => setCursors(cursors.slice(0, -1))} disabled={pageNumber <= 1 || loading}>
            ← Попередня
          </button>
          <span className="muted">Сторінка {pageNumber}</span>
          <button
            type="button"
            onClick={() => {
              const next = books?.pageInfo.endCursor;
              if (next) setCursors([...cursors, next]);
            }}
            disabled={!books?.pageInfo.hasNextPage || !books.pageInfo.endCursor || loading}
          >
            Наступна →
          </button>
        </span>
      </div>
    </section>
  );
}
