import { graphql } from "./gql/index.ts";

/** The technical page's operations: the cache, its levers, the Sheet's problem rows (part of operations.ts). */

export const CACHE_STATS = graphql(`
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
`);

export const REFRESH_CATALOG = graphql(`
  mutation AdminRefreshCatalog {
    refreshCatalog {
      kind
      books
      changed
    }
  }
`);

export const WARM_CACHE = graphql(`
  mutation AdminWarmCache {
    warmCache {
      kind
      books
      changed
    }
  }
`);

export const INVALIDATE_BOOK = graphql(`
  mutation AdminInvalidateBook($id: ID!) {
    invalidateBook(id: $id)
  }
`);

export const SHEET_PROBLEMS = graphql(`
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
`);

/** The desk's one status line: when the Sheet was last read and how many of its rows have problems. */
export const DESK_SHEET_STATE = graphql(`
  query DeskSheetState {
    sheetProblems {
      readAt
      totalCount
    }
  }
`);
