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
