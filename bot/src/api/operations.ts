import { graphql, type ResultOf } from "./graphql.ts";

/** Every operation the bot sends, typed from the schema (see graphql.ts). */

export const BookFields = graphql(`
  fragment BookFields on Book {
    id
    title
    author
    edition
    pages
    description
    categories
    status
    dueDate
  }
`);

const OwnLoanFields = graphql(`
  fragment OwnLoanFields on Loan {
    id
    bookId
    state
    overdue
    dueAt
    dueDate
    book {
      title
      author
      status
    }
  }
`);

export const LibrarianLoanFields = graphql(`
  fragment LibrarianLoanFields on Loan {
    id
    bookId
    state
    dueDate
    returnPhotoFileId
    book {
      title
      author
      edition
    }
    reader {
      name
      phone
      username
      telegramId
    }
  }
`);

export const Me = graphql(`
  query Me {
    me {
      id
      role
      phone
    }
  }
`);

export const BookCard = graphql(
  `
    query BookCard($id: ID!) {
      book(id: $id) {
        ...BookFields
      }
      me {
        id
        role
        phone
        loans(open: true) {
          bookId
          state
        }
      }
      myHolds {
        bookId
        state
        position
        estimatedOn
      }
    }
  `,
  [BookFields],
);

export const Categories = graphql(`
  query Categories {
    categories {
      name
      bookCount
    }
  }
`);

/** The /books screen in one request: the categories, and the whole catalogue's count for "All books". */
export const CategoryList = graphql(`
  query CategoryList {
    categories {
      name
      bookCount
    }
    all: books(first: 1) {
      totalCount
    }
  }
`);

export const BookPage = graphql(`
  query BookPage($category: String, $search: String, $first: Int!, $after: String) {
    books(category: $category, search: $search, first: $first, after: $after) {
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
        status
      }
    }
  }
`);

/** Moves a cursor forward without fetching books: pages are reached from the start (cursors are opaque). */
export const SkipBooks = graphql(`
  query SkipBooks($category: String, $first: Int!, $after: String) {
    books(category: $category, first: $first, after: $after) {
      pageInfo {
        endCursor
      }
    }
  }
`);

export const MyBooks = graphql(
  `
    query MyBooks {
      me {
        id
        loans(open: true) {
          ...OwnLoanFields
        }
      }
    }
  `,
  [OwnLoanFields],
);

export const SetMyPhone = graphql(`
  mutation SetMyPhone($phone: String) {
    setMyPhone(phone: $phone) {
      id
      phone
    }
  }
`);

/**
 * What a lending step answers with: the loan, its book as it is now, and its reader as the card needs them (role,
 * phone, open loans), so that when the reader acts on their own loan the card after the step needs no second request.
 */
const LoanAfter = graphql(
  `
    fragment LoanAfter on Loan {
      id
      bookId
      state
      dueDate
      book {
        ...BookFields
      }
      reader {
        id
        telegramId
        role
        phone
        loans(open: true) {
          bookId
          state
        }
      }
    }
  `,
  [BookFields],
);

export const BookItem = graphql(`mutation BookItem($bookId: ID!) { bookItem(bookId: $bookId) { ...LoanAfter } }`, [LoanAfter]);
export const CancelBooking = graphql(`mutation CancelBooking($bookId: ID!) { cancelBooking(bookId: $bookId) { ...LoanAfter } }`, [LoanAfter]);
export const MarkAsPickedUp = graphql(`mutation MarkAsPickedUp($bookId: ID!) { markAsPickedUp(bookId: $bookId) { ...LoanAfter } }`, [LoanAfter]);
export const MarkAsReturnedByUser = graphql(
  `mutation MarkAsReturnedByUser($bookId: ID!, $photoFileId: String) { markAsReturnedByUser(bookId: $bookId, photoFileId: $photoFileId) { ...LoanAfter } }`,
  [LoanAfter],
);
export const MarkAsDelivered = graphql(`mutation MarkAsDelivered($bookId: ID!) { markAsDelivered(bookId: $bookId) { ...LoanAfter } }`, [LoanAfter]);
export const RenewLoan = graphql(`mutation RenewLoan($bookId: ID!) { renewLoan(bookId: $bookId) { ...LoanAfter } }`, [LoanAfter]);
export const PlaceHold = graphql(`mutation PlaceHold($bookId: ID!) { placeHold(bookId: $bookId) { position estimatedOn book { title } } }`);
export const CancelHold = graphql(`mutation CancelHold($bookId: ID!) { cancelHold(bookId: $bookId) }`);

/** /history: the reader's loans, newest first, a page at a time. */
export const History = graphql(`
  query History($first: Int!, $after: String) {
    me {
      id
      history(first: $first, after: $after) {
        totalCount
        pageInfo {
          hasNextPage
          endCursor
        }
        nodes {
          id
          bookId
          state
          bookedAt
          dueDate
          book {
            title
          }
        }
      }
    }
  }
`);
export type HistoryPage = NonNullable<ResultOf<typeof History>["me"]>["history"];

export const ConfirmBookReturn = graphql(`mutation ConfirmBookReturn($bookId: ID!) { confirmBookReturn(bookId: $bookId) { ...LoanAfter } }`, [LoanAfter]);

export const PendingWork = graphql(
  `
    query PendingWork($first: Int!) {
      deliveries: loans(state: BOOKED, first: $first) {
        totalCount
        nodes {
          ...LibrarianLoanFields
        }
      }
      returns: loans(state: RETURNED, first: $first) {
        totalCount
        nodes {
          ...LibrarianLoanFields
        }
      }
      overdue: loans(overdue: true, first: $first) {
        totalCount
        nodes {
          ...LibrarianLoanFields
        }
      }
    }
  `,
  [LibrarianLoanFields],
);

export type BookFieldsOf = ResultOf<typeof BookFields>;
export type BookStatus = BookFieldsOf["status"];
export type BookPageOf = ResultOf<typeof BookPage>["books"];
export type CategoryOf = ResultOf<typeof Categories>["categories"][number];
export type OwnLoan = ResultOf<typeof OwnLoanFields>;
export type LoanState = OwnLoan["state"];
export type LibrarianLoan = ResultOf<typeof LibrarianLoanFields>;
export type CardData = ResultOf<typeof BookCard>;
export type LoanAfterOf = ResultOf<typeof LoanAfter>;
export type Role = NonNullable<ResultOf<typeof Me>["me"]>["role"];
