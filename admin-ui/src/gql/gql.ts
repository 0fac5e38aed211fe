/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  query AdminBooks($first: Int!, $after: String, $search: String, $status: BookStatus, $category: String) {\n    books(first: $first, after: $after, search: $search, status: $status, category: $category) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        ...CatalogueBook\n      }\n    }\n  }\n": typeof types.AdminBooksDocument,
    "\n  fragment CatalogueBook on Book {\n    id\n    title\n    author\n    edition\n    categories\n    dueDate\n    status\n    statusRaw\n    stale\n    asOf\n  }\n": typeof types.CatalogueBookFragmentDoc,
    "\n  query AdminCategories {\n    categories {\n      name\n      bookCount\n    }\n  }\n": typeof types.AdminCategoriesDocument,
    "\n  query DeskCategoryBooks($category: String!, $after: String) {\n    books(category: $category, first: 100, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        id\n        title\n        author\n      }\n    }\n  }\n": typeof types.DeskCategoryBooksDocument,
    "\n  query AdminCacheStats {\n    cacheStats {\n      hits\n      misses\n      hitRate\n      staleServes\n      refreshes\n      averageRefreshMs\n      sheetsReadsLastMinute\n      sheetsReadBudgetPerMinute\n      sheets429\n      redisErrors\n      breakerState\n      totalKeys\n      statusKeys\n      infoKeys\n      allBooksCached\n      lastUpdate\n      partial\n      series {\n        minute\n        hits\n        misses\n        sheetsReads\n      }\n    }\n  }\n": typeof types.AdminCacheStatsDocument,
    "\n  mutation AdminRefreshCatalog {\n    refreshCatalog {\n      kind\n      books\n      changed\n    }\n  }\n": typeof types.AdminRefreshCatalogDocument,
    "\n  mutation AdminWarmCache {\n    warmCache {\n      kind\n      books\n      changed\n    }\n  }\n": typeof types.AdminWarmCacheDocument,
    "\n  mutation AdminInvalidateBook($id: ID!) {\n    invalidateBook(id: $id)\n  }\n": typeof types.AdminInvalidateBookDocument,
    "\n  query AdminSheetProblems {\n    sheetProblems {\n      readAt\n      totalCount\n      rows {\n        row\n        bookId\n        kind\n        value\n        firstRow\n        message\n      }\n    }\n  }\n": typeof types.AdminSheetProblemsDocument,
    "\n  query DeskSheetState {\n    sheetProblems {\n      readAt\n      totalCount\n    }\n  }\n": typeof types.DeskSheetStateDocument,
    "\n  fragment DeskLoan on Loan {\n    id\n    bookId\n    state\n    overdue\n    bookedAt\n    deliveredAt\n    pickedUpAt\n    dueAt\n    dueDate\n    returnedAt\n    returnPhotoFileId\n    confirmedAt\n    cancelledAt\n    book {\n      id\n      title\n      author\n      status\n    }\n    reader {\n      id\n      name\n      username\n      phone\n    }\n  }\n": typeof types.DeskLoanFragmentDoc,
    "\n  query DeskQueue($state: LoanState, $overdue: Boolean, $first: Int!) {\n    loans(state: $state, overdue: $overdue, first: $first) {\n      totalCount\n      nodes {\n        ...DeskLoan\n      }\n    }\n  }\n": typeof types.DeskQueueDocument,
    "\n  query DeskMonth($days: Int!) {\n    libraryStats(days: $days) {\n      since\n      readers\n      bookings\n      pickups\n      returns\n      open\n      overdue\n      topBooks {\n        bookId\n        pickups\n        book {\n          title\n          author\n        }\n      }\n    }\n  }\n": typeof types.DeskMonthDocument,
    "\n  mutation DeskMarkAsDelivered($bookId: ID!) {\n    markAsDelivered(bookId: $bookId) {\n      ...DeskLoan\n    }\n  }\n": typeof types.DeskMarkAsDeliveredDocument,
    "\n  mutation DeskConfirmBookReturn($bookId: ID!) {\n    confirmBookReturn(bookId: $bookId) {\n      ...DeskLoan\n    }\n  }\n": typeof types.DeskConfirmBookReturnDocument,
    "\n  mutation DeskCancelBooking($bookId: ID!) {\n    cancelBooking(bookId: $bookId) {\n      ...DeskLoan\n    }\n  }\n": typeof types.DeskCancelBookingDocument,
    "\n  subscription DeskLoanEvents {\n    loanEvents {\n      id\n      type\n      source\n      at\n      bookId\n      bookTitle\n      loanId\n      from\n      to\n      byLibrarian\n      reader {\n        id\n        name\n        username\n      }\n    }\n  }\n": typeof types.DeskLoanEventsDocument,
    "\n  query DeskReaderLoans($readerId: ID!, $after: String) {\n    loans(readerId: $readerId, first: 50, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        ...DeskLoan\n      }\n    }\n  }\n": typeof types.DeskReaderLoansDocument,
    "\n  query DeskBook($id: ID!) {\n    book(id: $id) {\n      id\n      title\n      author\n      edition\n      pages\n      description\n      categories\n      status\n      statusRaw\n      dueDate\n      stale\n      asOf\n    }\n  }\n": typeof types.DeskBookDocument,
    "\n  query DeskBookLoans($bookId: ID!) {\n    loans(bookId: $bookId, first: 50) {\n      totalCount\n      nodes {\n        ...DeskLoan\n      }\n    }\n  }\n": typeof types.DeskBookLoansDocument,
    "\n  query DeskViewer {\n    viewer {\n      name\n      role\n    }\n  }\n": typeof types.DeskViewerDocument,
    "\n  query DeskLibrary {\n    library {\n      botUsername\n    }\n  }\n": typeof types.DeskLibraryDocument,
    "\n  query DeskReaders($search: String, $first: Int!, $after: String) {\n    readers(search: $search, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        id\n        name\n        username\n        phone\n        openLoanCount\n        overdueLoanCount\n      }\n    }\n  }\n": typeof types.DeskReadersDocument,
    "\n  query DeskReader($id: ID!) {\n    reader(id: $id) {\n      id\n      name\n      username\n      phone\n    }\n  }\n": typeof types.DeskReaderDocument,
    "\n  query DeskLendingDrift {\n    lendingDrift {\n      outside {\n        id\n        title\n        author\n        status\n        statusRaw\n        dueDate\n      }\n      unmatched {\n        ...DeskLoan\n        book {\n          id\n          status\n          statusRaw\n        }\n      }\n    }\n  }\n": typeof types.DeskLendingDriftDocument,
    "\n  mutation DeskReturnToShelf($bookId: ID!) {\n    returnToShelf(bookId: $bookId) {\n      id\n      status\n      statusRaw\n      dueDate\n    }\n  }\n": typeof types.DeskReturnToShelfDocument,
    "\n  query DeskBookHolds($bookId: ID!) {\n    holds(bookId: $bookId) {\n      id\n      state\n      position\n      estimatedOn\n      expiresAt\n      reader {\n        id\n        name\n        username\n        phone\n      }\n    }\n  }\n": typeof types.DeskBookHoldsDocument,
    "\n  mutation DeskMoveHold($holdId: ID!, $position: Int!) {\n    moveHold(holdId: $holdId, position: $position) {\n      id\n      position\n    }\n  }\n": typeof types.DeskMoveHoldDocument,
    "\n  mutation DeskRemoveHold($holdId: ID!) {\n    removeHold(holdId: $holdId)\n  }\n": typeof types.DeskRemoveHoldDocument,
    "\n  mutation DeskRenewLoan($bookId: ID!, $override: Boolean!) {\n    renewLoan(bookId: $bookId, override: $override) {\n      ...DeskLoan\n    }\n  }\n": typeof types.DeskRenewLoanDocument,
};
const documents: Documents = {
    "\n  query AdminBooks($first: Int!, $after: String, $search: String, $status: BookStatus, $category: String) {\n    books(first: $first, after: $after, search: $search, status: $status, category: $category) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        ...CatalogueBook\n      }\n    }\n  }\n": types.AdminBooksDocument,
    "\n  fragment CatalogueBook on Book {\n    id\n    title\n    author\n    edition\n    categories\n    dueDate\n    status\n    statusRaw\n    stale\n    asOf\n  }\n": types.CatalogueBookFragmentDoc,
    "\n  query AdminCategories {\n    categories {\n      name\n      bookCount\n    }\n  }\n": types.AdminCategoriesDocument,
    "\n  query DeskCategoryBooks($category: String!, $after: String) {\n    books(category: $category, first: 100, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        id\n        title\n        author\n      }\n    }\n  }\n": types.DeskCategoryBooksDocument,
    "\n  query AdminCacheStats {\n    cacheStats {\n      hits\n      misses\n      hitRate\n      staleServes\n      refreshes\n      averageRefreshMs\n      sheetsReadsLastMinute\n      sheetsReadBudgetPerMinute\n      sheets429\n      redisErrors\n      breakerState\n      totalKeys\n      statusKeys\n      infoKeys\n      allBooksCached\n      lastUpdate\n      partial\n      series {\n        minute\n        hits\n        misses\n        sheetsReads\n      }\n    }\n  }\n": types.AdminCacheStatsDocument,
    "\n  mutation AdminRefreshCatalog {\n    refreshCatalog {\n      kind\n      books\n      changed\n    }\n  }\n": types.AdminRefreshCatalogDocument,
    "\n  mutation AdminWarmCache {\n    warmCache {\n      kind\n      books\n      changed\n    }\n  }\n": types.AdminWarmCacheDocument,
    "\n  mutation AdminInvalidateBook($id: ID!) {\n    invalidateBook(id: $id)\n  }\n": types.AdminInvalidateBookDocument,
    "\n  query AdminSheetProblems {\n    sheetProblems {\n      readAt\n      totalCount\n      rows {\n        row\n        bookId\n        kind\n        value\n        firstRow\n        message\n      }\n    }\n  }\n": types.AdminSheetProblemsDocument,
    "\n  query DeskSheetState {\n    sheetProblems {\n      readAt\n      totalCount\n    }\n  }\n": types.DeskSheetStateDocument,
    "\n  fragment DeskLoan on Loan {\n    id\n    bookId\n    state\n    overdue\n    bookedAt\n    deliveredAt\n    pickedUpAt\n    dueAt\n    dueDate\n    returnedAt\n    returnPhotoFileId\n    confirmedAt\n    cancelledAt\n    book {\n      id\n      title\n      author\n      status\n    }\n    reader {\n      id\n      name\n      username\n      phone\n    }\n  }\n": types.DeskLoanFragmentDoc,
    "\n  query DeskQueue($state: LoanState, $overdue: Boolean, $first: Int!) {\n    loans(state: $state, overdue: $overdue, first: $first) {\n      totalCount\n      nodes {\n        ...DeskLoan\n      }\n    }\n  }\n": types.DeskQueueDocument,
    "\n  query DeskMonth($days: Int!) {\n    libraryStats(days: $days) {\n      since\n      readers\n      bookings\n      pickups\n      returns\n      open\n      overdue\n      topBooks {\n        bookId\n        pickups\n        book {\n          title\n          author\n        }\n      }\n    }\n  }\n": types.DeskMonthDocument,
    "\n  mutation DeskMarkAsDelivered($bookId: ID!) {\n    markAsDelivered(bookId: $bookId) {\n      ...DeskLoan\n    }\n  }\n": types.DeskMarkAsDeliveredDocument,
    "\n  mutation DeskConfirmBookReturn($bookId: ID!) {\n    confirmBookReturn(bookId: $bookId) {\n      ...DeskLoan\n    }\n  }\n": types.DeskConfirmBookReturnDocument,
    "\n  mutation DeskCancelBooking($bookId: ID!) {\n    cancelBooking(bookId: $bookId) {\n      ...DeskLoan\n    }\n  }\n": types.DeskCancelBookingDocument,
    "\n  subscription DeskLoanEvents {\n    loanEvents {\n      id\n      type\n      source\n      at\n      bookId\n      bookTitle\n      loanId\n      from\n      to\n      byLibrarian\n      reader {\n        id\n        name\n        username\n      }\n    }\n  }\n": types.DeskLoanEventsDocument,
    "\n  query DeskReaderLoans($readerId: ID!, $after: String) {\n    loans(readerId: $readerId, first: 50, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        ...DeskLoan\n      }\n    }\n  }\n": types.DeskReaderLoansDocument,
    "\n  query DeskBook($id: ID!) {\n    book(id: $id) {\n      id\n      title\n      author\n      edition\n      pages\n      description\n      categories\n      status\n      statusRaw\n      dueDate\n      stale\n      asOf\n    }\n  }\n": types.DeskBookDocument,
    "\n  query DeskBookLoans($bookId: ID!) {\n    loans(bookId: $bookId, first: 50) {\n      totalCount\n      nodes {\n        ...DeskLoan\n      }\n    }\n  }\n": types.DeskBookLoansDocument,
    "\n  query DeskViewer {\n    viewer {\n      name\n      role\n    }\n  }\n": types.DeskViewerDocument,
    "\n  query DeskLibrary {\n    library {\n      botUsername\n    }\n  }\n": types.DeskLibraryDocument,
    "\n  query DeskReaders($search: String, $first: Int!, $after: String) {\n    readers(search: $search, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        id\n        name\n        username\n        phone\n        openLoanCount\n        overdueLoanCount\n      }\n    }\n  }\n": types.DeskReadersDocument,
    "\n  query DeskReader($id: ID!) {\n    reader(id: $id) {\n      id\n      name\n      username\n      phone\n    }\n  }\n": types.DeskReaderDocument,
    "\n  query DeskLendingDrift {\n    lendingDrift {\n      outside {\n        id\n        title\n        author\n        status\n        statusRaw\n        dueDate\n      }\n      unmatched {\n        ...DeskLoan\n        book {\n          id\n          status\n          statusRaw\n        }\n      }\n    }\n  }\n": types.DeskLendingDriftDocument,
    "\n  mutation DeskReturnToShelf($bookId: ID!) {\n    returnToShelf(bookId: $bookId) {\n      id\n      status\n      statusRaw\n      dueDate\n    }\n  }\n": types.DeskReturnToShelfDocument,
    "\n  query DeskBookHolds($bookId: ID!) {\n    holds(bookId: $bookId) {\n      id\n      state\n      position\n      estimatedOn\n      expiresAt\n      reader {\n        id\n        name\n        username\n        phone\n      }\n    }\n  }\n": types.DeskBookHoldsDocument,
    "\n  mutation DeskMoveHold($holdId: ID!, $position: Int!) {\n    moveHold(holdId: $holdId, position: $position) {\n      id\n      position\n    }\n  }\n": types.DeskMoveHoldDocument,
    "\n  mutation DeskRemoveHold($holdId: ID!) {\n    removeHold(holdId: $holdId)\n  }\n": types.DeskRemoveHoldDocument,
    "\n  mutation DeskRenewLoan($bookId: ID!, $override: Boolean!) {\n    renewLoan(bookId: $bookId, override: $override) {\n      ...DeskLoan\n    }\n  }\n": types.DeskRenewLoanDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminBooks($first: Int!, $after: String, $search: String, $status: BookStatus, $category: String) {\n    books(first: $first, after: $after, search: $search, status: $status, category: $category) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        ...CatalogueBook\n      }\n    }\n  }\n"): (typeof documents)["\n  query AdminBooks($first: Int!, $after: String, $search: String, $status: BookStatus, $category: String) {\n    books(first: $first, after: $after, search: $search, status: $status, category: $category) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        ...CatalogueBook\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment CatalogueBook on Book {\n    id\n    title\n    author\n    edition\n    categories\n    dueDate\n    status\n    statusRaw\n    stale\n    asOf\n  }\n"): (typeof documents)["\n  fragment CatalogueBook on Book {\n    id\n    title\n    author\n    edition\n    categories\n    dueDate\n    status\n    statusRaw\n    stale\n    asOf\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminCategories {\n    categories {\n      name\n      bookCount\n    }\n  }\n"): (typeof documents)["\n  query AdminCategories {\n    categories {\n      name\n      bookCount\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DeskCategoryBooks($category: String!, $after: String) {\n    books(category: $category, first: 100, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        id\n        title\n        author\n      }\n    }\n  }\n"): (typeof documents)["\n  query DeskCategoryBooks($category: String!, $after: String) {\n    books(category: $category, first: 100, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        id\n        title\n        author\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminCacheStats {\n    cacheStats {\n      hits\n      misses\n      hitRate\n      staleServes\n      refreshes\n      averageRefreshMs\n      sheetsReadsLastMinute\n      sheetsReadBudgetPerMinute\n      sheets429\n      redisErrors\n      breakerState\n      totalKeys\n      statusKeys\n      infoKeys\n      allBooksCached\n      lastUpdate\n      partial\n      series {\n        minute\n        hits\n        misses\n        sheetsReads\n      }\n    }\n  }\n"): (typeof documents)["\n  query AdminCacheStats {\n    cacheStats {\n      hits\n      misses\n      hitRate\n      staleServes\n      refreshes\n      averageRefreshMs\n      sheetsReadsLastMinute\n      sheetsReadBudgetPerMinute\n      sheets429\n      redisErrors\n      breakerState\n      totalKeys\n      statusKeys\n      infoKeys\n      allBooksCached\n      lastUpdate\n      partial\n      series {\n        minute\n        hits\n        misses\n        sheetsReads\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AdminRefreshCatalog {\n    refreshCatalog {\n      kind\n      books\n      changed\n    }\n  }\n"): (typeof documents)["\n  mutation AdminRefreshCatalog {\n    refreshCatalog {\n      kind\n      books\n      changed\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AdminWarmCache {\n    warmCache {\n      kind\n      books\n      changed\n    }\n  }\n"): (typeof documents)["\n  mutation AdminWarmCache {\n    warmCache {\n      kind\n      books\n      changed\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AdminInvalidateBook($id: ID!) {\n    invalidateBook(id: $id)\n  }\n"): (typeof documents)["\n  mutation AdminInvalidateBook($id: ID!) {\n    invalidateBook(id: $id)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AdminSheetProblems {\n    sheetProblems {\n      readAt\n      totalCount\n      rows {\n        row\n        bookId\n        kind\n        value\n        firstRow\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  query AdminSheetProblems {\n    sheetProblems {\n      readAt\n      totalCount\n      rows {\n        row\n        bookId\n        kind\n        value\n        firstRow\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DeskSheetState {\n    sheetProblems {\n      readAt\n      totalCount\n    }\n  }\n"): (typeof documents)["\n  query DeskSheetState {\n    sheetProblems {\n      readAt\n      totalCount\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment DeskLoan on Loan {\n    id\n    bookId\n    state\n    overdue\n    bookedAt\n    deliveredAt\n    pickedUpAt\n    dueAt\n    dueDate\n    returnedAt\n    returnPhotoFileId\n    confirmedAt\n    cancelledAt\n    book {\n      id\n      title\n      author\n      status\n    }\n    reader {\n      id\n      name\n      username\n      phone\n    }\n  }\n"): (typeof documents)["\n  fragment DeskLoan on Loan {\n    id\n    bookId\n    state\n    overdue\n    bookedAt\n    deliveredAt\n    pickedUpAt\n    dueAt\n    dueDate\n    returnedAt\n    returnPhotoFileId\n    confirmedAt\n    cancelledAt\n    book {\n      id\n      title\n      author\n      status\n    }\n    reader {\n      id\n      name\n      username\n      phone\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DeskQueue($state: LoanState, $overdue: Boolean, $first: Int!) {\n    loans(state: $state, overdue: $overdue, first: $first) {\n      totalCount\n      nodes {\n        ...DeskLoan\n      }\n    }\n  }\n"): (typeof documents)["\n  query DeskQueue($state: LoanState, $overdue: Boolean, $first: Int!) {\n    loans(state: $state, overdue: $overdue, first: $first) {\n      totalCount\n      nodes {\n        ...DeskLoan\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DeskMonth($days: Int!) {\n    libraryStats(days: $days) {\n      since\n      readers\n      bookings\n      pickups\n      returns\n      open\n      overdue\n      topBooks {\n        bookId\n        pickups\n        book {\n          title\n          author\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query DeskMonth($days: Int!) {\n    libraryStats(days: $days) {\n      since\n      readers\n      bookings\n      pickups\n      returns\n      open\n      overdue\n      topBooks {\n        bookId\n        pickups\n        book {\n          title\n          author\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeskMarkAsDelivered($bookId: ID!) {\n    markAsDelivered(bookId: $bookId) {\n      ...DeskLoan\n    }\n  }\n"): (typeof documents)["\n  mutation DeskMarkAsDelivered($bookId: ID!) {\n    markAsDelivered(bookId: $bookId) {\n      ...DeskLoan\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeskConfirmBookReturn($bookId: ID!) {\n    confirmBookReturn(bookId: $bookId) {\n      ...DeskLoan\n    }\n  }\n"): (typeof documents)["\n  mutation DeskConfirmBookReturn($bookId: ID!) {\n    confirmBookReturn(bookId: $bookId) {\n      ...DeskLoan\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeskCancelBooking($bookId: ID!) {\n    cancelBooking(bookId: $bookId) {\n      ...DeskLoan\n    }\n  }\n"): (typeof documents)["\n  mutation DeskCancelBooking($bookId: ID!) {\n    cancelBooking(bookId: $bookId) {\n      ...DeskLoan\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription DeskLoanEvents {\n    loanEvents {\n      id\n      type\n      source\n      at\n      bookId\n      bookTitle\n      loanId\n      from\n      to\n      byLibrarian\n      reader {\n        id\n        name\n        username\n      }\n    }\n  }\n"): (typeof documents)["\n  subscription DeskLoanEvents {\n    loanEvents {\n      id\n      type\n      source\n      at\n      bookId\n      bookTitle\n      loanId\n      from\n      to\n      byLibrarian\n      reader {\n        id\n        name\n        username\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DeskReaderLoans($readerId: ID!, $after: String) {\n    loans(readerId: $readerId, first: 50, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        ...DeskLoan\n      }\n    }\n  }\n"): (typeof documents)["\n  query DeskReaderLoans($readerId: ID!, $after: String) {\n    loans(readerId: $readerId, first: 50, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        ...DeskLoan\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DeskBook($id: ID!) {\n    book(id: $id) {\n      id\n      title\n      author\n      edition\n      pages\n      description\n      categories\n      status\n      statusRaw\n      dueDate\n      stale\n      asOf\n    }\n  }\n"): (typeof documents)["\n  query DeskBook($id: ID!) {\n    book(id: $id) {\n      id\n      title\n      author\n      edition\n      pages\n      description\n      categories\n      status\n      statusRaw\n      dueDate\n      stale\n      asOf\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DeskBookLoans($bookId: ID!) {\n    loans(bookId: $bookId, first: 50) {\n      totalCount\n      nodes {\n        ...DeskLoan\n      }\n    }\n  }\n"): (typeof documents)["\n  query DeskBookLoans($bookId: ID!) {\n    loans(bookId: $bookId, first: 50) {\n      totalCount\n      nodes {\n        ...DeskLoan\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DeskViewer {\n    viewer {\n      name\n      role\n    }\n  }\n"): (typeof documents)["\n  query DeskViewer {\n    viewer {\n      name\n      role\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DeskLibrary {\n    library {\n      botUsername\n    }\n  }\n"): (typeof documents)["\n  query DeskLibrary {\n    library {\n      botUsername\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DeskReaders($search: String, $first: Int!, $after: String) {\n    readers(search: $search, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        id\n        name\n        username\n        phone\n        openLoanCount\n        overdueLoanCount\n      }\n    }\n  }\n"): (typeof documents)["\n  query DeskReaders($search: String, $first: Int!, $after: String) {\n    readers(search: $search, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      nodes {\n        id\n        name\n        username\n        phone\n        openLoanCount\n        overdueLoanCount\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DeskReader($id: ID!) {\n    reader(id: $id) {\n      id\n      name\n      username\n      phone\n    }\n  }\n"): (typeof documents)["\n  query DeskReader($id: ID!) {\n    reader(id: $id) {\n      id\n      name\n      username\n      phone\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DeskLendingDrift {\n    lendingDrift {\n      outside {\n        id\n        title\n        author\n        status\n        statusRaw\n        dueDate\n      }\n      unmatched {\n        ...DeskLoan\n        book {\n          id\n          status\n          statusRaw\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query DeskLendingDrift {\n    lendingDrift {\n      outside {\n        id\n        title\n        author\n        status\n        statusRaw\n        dueDate\n      }\n      unmatched {\n        ...DeskLoan\n        book {\n          id\n          status\n          statusRaw\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeskReturnToShelf($bookId: ID!) {\n    returnToShelf(bookId: $bookId) {\n      id\n      status\n      statusRaw\n      dueDate\n    }\n  }\n"): (typeof documents)["\n  mutation DeskReturnToShelf($bookId: ID!) {\n    returnToShelf(bookId: $bookId) {\n      id\n      status\n      statusRaw\n      dueDate\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DeskBookHolds($bookId: ID!) {\n    holds(bookId: $bookId) {\n      id\n      state\n      position\n      estimatedOn\n      expiresAt\n      reader {\n        id\n        name\n        username\n        phone\n      }\n    }\n  }\n"): (typeof documents)["\n  query DeskBookHolds($bookId: ID!) {\n    holds(bookId: $bookId) {\n      id\n      state\n      position\n      estimatedOn\n      expiresAt\n      reader {\n        id\n        name\n        username\n        phone\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeskMoveHold($holdId: ID!, $position: Int!) {\n    moveHold(holdId: $holdId, position: $position) {\n      id\n      position\n    }\n  }\n"): (typeof documents)["\n  mutation DeskMoveHold($holdId: ID!, $position: Int!) {\n    moveHold(holdId: $holdId, position: $position) {\n      id\n      position\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeskRemoveHold($holdId: ID!) {\n    removeHold(holdId: $holdId)\n  }\n"): (typeof documents)["\n  mutation DeskRemoveHold($holdId: ID!) {\n    removeHold(holdId: $holdId)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeskRenewLoan($bookId: ID!, $override: Boolean!) {\n    renewLoan(bookId: $bookId, override: $override) {\n      ...DeskLoan\n    }\n  }\n"): (typeof documents)["\n  mutation DeskRenewLoan($bookId: ID!, $override: Boolean!) {\n    renewLoan(bookId: $bookId, override: $override) {\n      ...DeskLoan\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;