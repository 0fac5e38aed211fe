import { errorSentence } from "../errors.ts";
import { useQuery } from "@apollo/client/react";
import { useEffect, useState } from "react";
import { useSearchParams } from "react-router";
import { BOOKS, type BookStatus } from "../operations.ts";
import { statusLabels } from "../texts.ts";
import { BookRow } from "./BookRow.tsx";

export const PAGE_SIZE = 50;
const SEARCH_DELAY_MS = 300;

/** Waits until the value has stopped changing for `delay` ms. */
function useDebounced<T>(value: T, delay: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), delay);
    return () => clearTimeout(timer);
  }, [value, delay]);
  return debounced;
}

/**
 * The catalogue: search, status filter and cursor pages of 50 books. The filters and the page live in the URL
 * (`?q=…&status=…&category=…&after=…`), so a link or a reload shows the same page; the search box waits for
 * typing to pause before it changes the URL.
 */
export function CataloguePanel() {
  const [params, setParams] = useSearchParams();
  const search = params.get("q") ?? "";
  const statusParam = params.get("status") ?? "";
  const status = (statusParam in statusLabels ? statusParam : "") as BookStatus | "";
  const category = params.get("category");
  // Cursors of the pages before this one, then this page's `after`: one `after` parameter each.
  const cursors = params.getAll("after");
  const after = cursors[cursors.length - 1] ?? null;
  const [searchInput, setSearchInput] = useState(search);
  const typed = useDebounced(searchInput.trim(), SEARCH_DELAY_MS);

  const change = (update: (next: URLSearchParams) => void, replace = false) => {
    const next = new URLSearchParams(params);
    update(next);
    setParams(next, { replace });
  };
  const setFilter = (key: string, value: string | null) =>
    change((next) => {
      if (value) next.set(key, value);
      else next.delete(key);
      next.delete("after"); // a new filter starts from the first page
    });
  const setCursors = (list: string[]) =>
    change((next) => {
      next.delete("after");
      for (const cursor of list) next.append("after", cursor);
    });

  useEffect(() => {
    if (typed === search) return;
    const next = new URLSearchParams(params);
    if (typed) next.set("q", typed);
    else next.delete("q");
    next.delete("after");
    setParams(next, { replace: true });
  }, [typed]); // only typing changes the URL here

  const { data, previousData, loading, error, refetch } = useQuery(BOOKS, {
    variables: { first: PAGE_SIZE, after, search: search || null, status: status || null, category: category || null },
    fetchPolicy: "cache-and-network",
  });
  // While a new page loads, keep showing the previous one (dimmed) instead of an empty table.
  const books = (data ?? previousData)?.books;
  const stale = !data && !!previousData;
  const pageNumber = cursors.length + 1;
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
          <select value={status} onChange={(event) => setFilter("status", event.target.value)}>
            <option value="">Усі</option>
            {(Object.keys(statusLabels) as BookStatus[]).map((value) => (
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
          <button type="button" className="link-button" onClick={() => setFilter("category", null)}>
            скинути
          </button>
        </p>
      )}

      {error && (
        <p className="error" role="alert">
          Не вдалося завантажити каталог: {errorSentence(error)}
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
