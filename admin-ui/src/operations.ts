import { graphql } from "./gql/index.ts";

/**
 * Every GraphQL operation of the dashboard. Their types are generated from server/schema.graphql (`pnpm codegen`,
 * also run by `pnpm typecheck`), so nothing here restates a server type.
 */
export * from "./operations-catalogue.ts";
export * from "./operations-technical.ts";

/** A loan as the desk shows it: the book, the reader with their phone, and every date. */
export const DESK_LOAN = graphql(`
  fragment DeskLoan on Loan {
    id
    bookId
    state
    overdue
    bookedAt
    deliveredAt
    pickedUpAt
    dueAt
    dueDate
    returnedAt
    returnPhotoFileId
    confirmedAt
    cancelledAt
    book {
      id
      title
      author
      status
    }
    reader {
      id
      name
      username
      phone
    }
  }
`);

/**
 * "Сьогодні": one queue of loans. The four queues are four requests: together they would pass the server's
 * limit on the cost of one query.
 */
export const DESK_QUEUE = graphql(`
  query DeskQueue($state: LoanState, $overdue: Boolean, $first: Int!) {
    loans(state: $state, overdue: $overdue, first: $first) {
      totalCount
      nodes {
        ...DeskLoan
      }
    }
  }
`);

/** This month in figures. */
export const DESK_MONTH = graphql(`
  query DeskMonth($days: Int!) {
    libraryStats(days: $days) {
      since
      readers
      bookings
      pickups
      returns
      open
      overdue
      topBooks {
        bookId
        pickups
        book {
          title
          author
        }
      }
    }
  }
`);

export const MARK_AS_DELIVERED = graphql(`
  mutation DeskMarkAsDelivered($bookId: ID!) {
    markAsDelivered(bookId: $bookId) {
      ...DeskLoan
    }
  }
`);

export const CONFIRM_BOOK_RETURN = graphql(`
  mutation DeskConfirmBookReturn($bookId: ID!) {
    confirmBookReturn(bookId: $bookId) {
      ...DeskLoan
    }
  }
`);

export const CANCEL_BOOKING = graphql(`
  mutation DeskCancelBooking($bookId: ID!) {
    cancelBooking(bookId: $bookId) {
      ...DeskLoan
    }
  }
`);

/** Every status change, as it happens (graphql-ws). */
export const LOAN_EVENTS = graphql(`
  subscription DeskLoanEvents {
    loanEvents {
      id
      type
      source
      at
      bookId
      bookTitle
      loanId
      from
      to
      byLibrarian
      reader {
        id
        name
        username
      }
    }
  }
`);

/** One reader's loans, newest first (open and closed). */
export const READER_LOANS = graphql(`
  query DeskReaderLoans($readerId: ID!, $after: String) {
    loans(readerId: $readerId, first: 50, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        ...DeskLoan
      }
    }
  }
`);

/** A book and its loans, newest first. */
export const BOOK_PAGE = graphql(`
  query DeskBook($id: ID!) {
    book(id: $id) {
      id
      title
      author
      edition
      pages
      description
      categories
      status
      statusRaw
      dueDate
      stale
      asOf
    }
  }
`);

export const BOOK_LOANS = graphql(`
  query DeskBookLoans($bookId: ID!) {
    loans(bookId: $bookId, first: 50) {
      totalCount
      nodes {
        ...DeskLoan
      }
    }
  }
`);

// Shorter names for the generated types the components use.
export type { BookStatus, LoanState, LoanEventType, Role, SheetProblemKind } from "./gql/graphql.ts";
export type Book = import("./gql/graphql.ts").CatalogueBookFragment;
export type DeskLoan = import("./gql/graphql.ts").DeskLoanFragment;
export type CacheStats = import("./gql/graphql.ts").AdminCacheStatsQuery["cacheStats"];
export type CacheMinute = CacheStats["series"][number];
export type CatalogRefresh = import("./gql/graphql.ts").AdminRefreshCatalogMutation["refreshCatalog"];
export type SheetRowProblem = import("./gql/graphql.ts").AdminSheetProblemsQuery["sheetProblems"]["rows"][number];
export type LoanEvent = import("./gql/graphql.ts").DeskLoanEventsSubscription["loanEvents"];

/** Who the signed-in token is: its name and role, for the header and for which buttons to show. */
export const VIEWER = graphql(`
  query DeskViewer {
    viewer {
      name
      role
    }
  }
`);

/** The bot's username, for the deep links of the QR codes; null while no bot is configured. */
export const LIBRARY = graphql(`
  query DeskLibrary {
    library {
      botUsername
    }
  }
`);

/** Readers by name, @username or phone, with how many books each has now and how many are overdue. */
export const READERS = graphql(`
  query DeskReaders($search: String, $first: Int!, $after: String) {
    readers(search: $search, first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
        name
        username
        phone
        openLoanCount
        overdueLoanCount
      }
    }
  }
`);

/** One reader, whether or not they ever borrowed. */
export const READER = graphql(`
  query DeskReader($id: ID!) {
    reader(id: $id) {
      id
      name
      username
      phone
    }
  }
`);

/** The Sheet and kurin disagreeing: books lent outside kurin, and kurin's open loans the Sheet does not show. */
export const LENDING_DRIFT = graphql(`
  query DeskLendingDrift {
    lendingDrift {
      outside {
        id
        title
        author
        status
        statusRaw
        dueDate
      }
      unmatched {
        ...DeskLoan
        book {
          id
          status
          statusRaw
        }
      }
    }
  }
`);

export const RETURN_TO_SHELF = graphql(`
  mutation DeskReturnToShelf($bookId: ID!) {
    returnToShelf(bookId: $bookId) {
      id
      status
      statusRaw
      dueDate
    }
  }
`);

/** A book's waiting list: the reader it is kept for (READY) first, then the queue in order. */
export const BOOK_HOLDS = graphql(`
  query DeskBookHolds($bookId: ID!) {
    holds(bookId: $bookId) {
      id
      state
      position
      estimatedOn
      expiresAt
      reader {
        id
        name
        username
        phone
      }
    }
  }
`);

export const MOVE_HOLD = graphql(`
  mutation DeskMoveHold($holdId: ID!, $position: Int!) {
    moveHold(holdId: $holdId, position: $position) {
      id
      position
    }
  }
`);

export const REMOVE_HOLD = graphql(`
  mutation DeskRemoveHold($holdId: ID!) {
    removeHold(holdId: $holdId)
  }
`);

/** Renews a book on loan; `override` skips the library's rules (a librarian's choice, asked for after a refusal). */
export const RENEW_LOAN = graphql(`
  mutation DeskRenewLoan($bookId: ID!, $override: Boolean!) {
    renewLoan(bookId: $bookId, override: $override) {
      ...DeskLoan
    }
  }
`);
