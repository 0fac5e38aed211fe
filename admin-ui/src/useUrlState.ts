import { useEffect, useState } from "react";
import { useSearchParams } from "react-router";

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
 * A list's filters, search and page kept in the URL (`?q=…&status=…&after=…`), so a link or a reload shows
 * the same page. Cursor pages: one `after` parameter per page before this one, the last being this page's.
 * The search box changes the URL once typing pauses; any new filter starts again from the first page.
 */
export function useUrlState() {
  const [params, setParams] = useSearchParams();
  const search = params.get("q") ?? "";
  const cursors = params.getAll("after");
  const [searchInput, setSearchInput] = useState(search);
  const typed = useDebounced(searchInput.trim(), SEARCH_DELAY_MS);

  const change = (update: (next: URLSearchParams) => void, replace = false) => {
    const next = new URLSearchParams(params);
    update(next);
    setParams(next, { replace });
  };
  const setFilter = (key: string, value: string | null, replace = false) =>
    change((next) => {
      if (value) next.set(key, value);
      else next.delete(key);
      next.delete("after");
    }, replace);

  useEffect(() => {
    if (typed !== search) setFilter("q", typed, true);
  }, [typed]); // only typing changes the search here; the URL may change by links meanwhile

  return {
    params,
    search,
    searchInput,
    setSearchInput,
    setFilter,
    cursors,
    after: cursors[cursors.length - 1] ?? null,
    pageNumber: cursors.length + 1,
    setCursors: (list: string[]) =>
      change((next) => {
        next.delete("after");
        for (const cursor of list) next.append("after", cursor);
      }),
  };
}
