import { errorSentence } from "../errors.ts";
import { useQuery } from "@apollo/client/react";
import { BOOKS, type BookStatus } from "../operations.ts";
import { catalogueTexts, statusLabels } from "../texts.ts";
import { useUrlState } from "../useUrlState.ts";
import { BookRow } from "./BookRow.tsx";
import { ListPager } from "./Pager.tsx";

export const PAGE_SIZE = 50;

/**
 * The catalogue: search, status filter and cursor pages of 50 books, all of them in the URL (`useUrlState`).
 */
export function CataloguePanel() {
  const url = useUrlState();
  const { params, search, searchInput, setSearchInput, setFilter, after } = url;
  const statusParam = params.get("status") ?? "";
  const status = (statusParam in statusLabels ? statusParam : "") as BookStatus | "";
  const category = params.get("category");

  const { data, previousData, loading, error, refetch } = useQuery(BOOKS, {
    variables: { first: PAGE_SIZE, after, search: search || null, status: status || null, category: category || null },
    fetchPolicy: "cache-and-network",
  });
  // While a new page loads, keep showing the previous one (dimmed) instead of an empty table.
  const books = (data ?? previousData)?.books;
  const stale = !data && !!previousData;

  return (
    <section className="panel" aria-labelledby="catalogue-title">
      <div className="panel-header">
        <h2 id="catalogue-title">{catalogueTexts.title}</h2>
        <button type="button" className="link-button" onClick={() => void refetch()} disabled={loading}>
          {catalogueTexts.refresh}
        </button>
      </div>

      <form className="filters" role="search" onSubmit={(event) => event.preventDefault()}>
        <label className="field grow">
          <span>{catalogueTexts.search}</span>
          <input
            type="search"
            value={searchInput}
            placeholder={catalogueTexts.searchPlaceholder}
            onChange={(event) => setSearchInput(event.target.value)}
          />
        </label>
        <label className="field">
          <span>{catalogueTexts.status}</span>
          <select value={status} onChange={(event) => setFilter("status", event.target.value)}>
            <option value="">{catalogueTexts.allStatuses}</option>
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
          {catalogueTexts.category} <strong>{category}</strong>{" "}
          <button type="button" className="link-button" onClick={() => setFilter("category", null)}>
            {catalogueTexts.clearCategory}
          </button>
        </p>
      )}

      {error && (
        <p className="error" role="alert">
          {catalogueTexts.loadFailed} {errorSentence(error)}
        </p>
      )}

      <div className={stale ? "table-wrap stale" : "table-wrap"} aria-busy={loading}>
        <table className="catalogue">
          <thead>
            <tr>
              <th scope="col">{catalogueTexts.columns.id}</th>
              <th scope="col">{catalogueTexts.columns.title}</th>
              <th scope="col">{catalogueTexts.columns.author}</th>
              <th scope="col">{catalogueTexts.columns.edition}</th>
              <th scope="col">{catalogueTexts.columns.categories}</th>
              <th scope="col">{catalogueTexts.columns.status}</th>
              <th scope="col">{catalogueTexts.columns.due}</th>
            </tr>
          </thead>
          <tbody>
            {books?.nodes.map((book) => <BookRow key={book.id} book={book} />)}
            {books && books.nodes.length === 0 && (
              <tr>
                <td colSpan={7} className="empty">
                  {catalogueTexts.nothingFound}
                </td>
              </tr>
            )}
            {!books && loading && (
              <tr>
                <td colSpan={7} className="empty">
                  {catalogueTexts.loading}
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>

      <ListPager list={stale ? undefined : books} loading={loading} pageSize={PAGE_SIZE} url={url} />
    </section>
  );
}
