import { pagerTexts } from "../texts.ts";

interface Props {
  /** What this page shows, once answered: its rows, of how many, from which (0-based). */
  shown: { count: number; total: number; first: number } | null;
  loading: boolean;
  pageNumber: number;
  onPrevious: () => void;
  /** The next page's cursor, or null on the last page. */
  next: string | null | undefined;
  onNext: (cursor: string) => void;
}

/** "Показано 51–100 з 312", and the previous and next pages. */
export function Pager({ shown, loading, pageNumber, onPrevious, next, onNext }: Props) {
  return (
    <div className="pager">
      <span className="muted">
        {shown ? (shown.count > 0 ? pagerTexts.shown(shown.first + 1, shown.first + shown.count, shown.total) : pagerTexts.total(shown.total)) : ""}
        {loading && shown ? pagerTexts.updating : ""}
      </span>
      <span className="pager-buttons">
        <button type="button" onClick={onPrevious} disabled={pageNumber <= 1 || loading}>
          {pagerTexts.previous}
        </button>
        <span className="muted">{pagerTexts.page(pageNumber)}</span>
        <button type="button" onClick={() => next && onNext(next)} disabled={!next || loading}>
          {pagerTexts.next}
        </button>
      </span>
    </div>
  );
}

interface ListPagerProps {
  /** The page as answered (undefined while the first answer, or a new filter's, is on its way). */
  list: { totalCount: number; nodes: readonly unknown[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } | undefined;
  loading: boolean;
  pageSize: number;
  /** The list's cursors in the URL (useUrlState). */
  url: { cursors: string[]; pageNumber: number; setCursors: (cursors: string[]) => void };
}

/** The Pager of a cursor list whose pages live in the URL. */
export function ListPager({ list, loading, pageSize, url }: ListPagerProps) {
  return (
    <Pager
      shown={list ? { count: list.nodes.length, total: list.totalCount, first: (url.pageNumber - 1) * pageSize } : null}
      loading={loading}
      pageNumber={url.pageNumber}
      onPrevious={() => url.setCursors(url.cursors.slice(0, -1))}
      next={list?.pageInfo.hasNextPage ? list.pageInfo.endCursor : null}
      onNext={(cursor) => url.setCursors([...url.cursors, cursor])}
    />
  );
}
