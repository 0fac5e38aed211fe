import { graphql } from "./gql/index.ts";

/** The catalogue's operations: lists of books, one book, categories (part of operations.ts). */

export const BOOKS = graphql(`
  query AdminBooks($first: Int!, $after: String, $search: String, $status: BookStatus, $category: String) {
    books(first: $first, after: $after, search: $search, status: $status, category: $category) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        ...CatalogueBook
      }
    }
  }
`);

export const CATALOGUE_BOOK = graphql(`
  fragment CatalogueBook on Book {
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
`);

export const CATEGORIES = graphql(`
  query AdminCategories {
    categories {
      name
      bookCount
    }
  }
`);

/** The books of one category, for the printable sheet of QR codes. */
export const CATEGORY_BOOKS = graphql(`
  query DeskCategoryBooks($category: String!, $after: String) {
    books(category: $category, first: 100, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
        title
        author
      }
    }
  }
`);
