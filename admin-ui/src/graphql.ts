import { gql, type TypedDocumentNode } from "@apollo/client";

export const BOOK_STATUSES = ["AVAILABLE", "BOOKED", "DELIVERED", "PICKED_UP", "RETURNED", "UNKNOWN"] as const;
export type BookStatus = (typeof BOOK_STATUSES)[number];

export interface Book {
  id: string;
  title: string;
  author: string | null;
  edition: string | null;
  categories: string[];
  dueDate: string | null;
  status: BookStatus;
  statusRaw: string;
  /** The status is older than the cache TTL: the Sheet could not be read. */
  stale: boolean;
  /** ISO time of the newest information behind the status. */
  asOf: string;
}

export interface BooksData {
  books: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    nodes: Book[];
  };
}

export interface BooksVariables {
  first: number;
  after?: string | null;
  search?: string | null;
  status?: BookStatus | null;
  category?: string | null;
}

export const BOOKS: TypedDocumentNode<BooksData, BooksVariables> = gql`
  query AdminBooks($first: Int!, $after: String, $search: String, $status: BookStatus, $category: String) {
    books(first: $first, after: $after, search: $search, status: $status, category: $category) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
        title
        author
        edition
        categories
        dueDate
        status
        statusRaw
        stale
        asOf
      }
    }
  }
`;

export interface Category {
  name: string;
  bookCount: number;
}

export const CATEGORIES: TypedDocumentNode<{ categories: Category[] }, Record<string, never>> = gql`
  query AdminCategories {
    categories {
      name
      bookCount
    }
  }
`;

/** Per minute, all instances (`CacheStats.series`). */
export interface CacheMinute {
  minute: string;
  hits: number;
  misses: number;
  sheetsReads: number;
}

export interface CacheStats {
  hits: number;
  misses: number;
  hitRate: number;
  staleServes: number;
  refreshes: number;
  averageRefreshMs: number;
  sheetsReadsLastMinute: number;
  sheetsReadBudgetPerMinute: number;
  sheets429: number;
  redisErrors: number;
  /** closed, half-open or open */
  breakerState: string;
  totalKeys: number;
  statusKeys: number;
  infoKeys: number;
  allBooksCached: boolean;
  lastUpdate: string | null;
  partial: boolean;
  series: CacheMinute[];
}

export const CACHE_STATS: TypedDocumentNode<{ cacheStats: CacheStats }, Record<string, never>> = gql`
  query AdminCacheStats {
    cacheStats {
      hits
      misses
      hitRate
      staleServes
      refreshes
      averageRefreshMs
      sheetsReadsLastMinute
      sheetsReadBudgetPerMinute
      sheets429
      redisErrors
      breakerState
      totalKeys
      statusKeys
      infoKeys
      allBooksCached
      lastUpdate
      partial
      series {
        minute
        hits
        misses
        sheetsReads
      }
    }
  }
`;

/** What `refreshCatalog` and `warmCache` did. */
export interface CatalogRefresh {
  /** read, shared or fresh */
  kind: string;
  books: number;
  changed: number;
}

export const REFRESH_CATALOG: TypedDocumentNode<{ refreshCatalog: CatalogRefresh }, Record<string, never>> = gql`
  mutation AdminRefreshCatalog {
    refreshCatalog {
      kind
      books
      changed
    }
  }
`;

export const WARM_CACHE: TypedDocumentNode<{ warmCache: CatalogRefresh }, Record<string, never>> = gql`
  mutation AdminWarmCache {
    warmCache {
      kind
      books
      changed
    }
  }
`;

export const INVALIDATE_BOOK: TypedDocumentNode<{ invalidateBook: boolean }, { id: string }> = gql`
  mutation AdminInvalidateBook($id: ID!) {
    invalidateBook(id: $id)
  }
`;

export type SheetProblemKind = "MISSING_ID" | "DUPLICATE_ID" | "UNKNOWN_STATUS" | "BAD_DUE_DATE" | "BAD_PAGES" | "MISSING_COLUMN";

/** A row of the Sheet kurin could not use as it is. */
export interface SheetRowProblem {
  /** 1-based row number in the Sheet at the time of the read. */
  row: number;
  bookId: string | null;
  kind: SheetProblemKind;
  /** The text at fault (the row's text, the status word, the date, the page count, the missing header). */
  value: string | null;
  /** For DUPLICATE_ID: the row that has the id first. */
  firstRow: number | null;
  /** English, as the server logs it. */
  message: string;
}

export interface SheetProblems {
  /** ISO time of the Sheet read the problems come from; null before any read. */
  readAt: string | null;
  totalCount: number;
  /** The first 200, in row order. */
  rows: SheetRowProblem[];
}

export const SHEET_PROBLEMS: TypedDocumentNode<{ sheetProblems: SheetProblems }, Record<string, never>> = gql`
  query AdminSheetProblems {
    sheetProblems {
      readAt
      totalCount
      rows {
        row
        bookId
        kind
        value
        firstRow
        message
      }
    }
  }
`;
