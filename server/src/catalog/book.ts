/** What the library lends, as the catalogue (the Google Sheet) describes it. */

export enum BookStatus {
  AVAILABLE = "AVAILABLE",
  BOOKED = "BOOKED",
  DELIVERED = "DELIVERED",
  PICKED_UP = "PICKED_UP",
  RETURNED = "RETURNED",
  /** A word in the Status column that kurin does not know (a librarian's own note such as "lost"). */
  UNKNOWN = "UNKNOWN",
}

export interface Book {
  id: string;
  title: string;
  author: string | null;
  /** Publisher and year, as written in the Sheet ("Фоліо, 2019"). */
  edition: string | null;
  pages: number | null;
  description: string | null;
  categories: string[];
  /** Due date of the current loan as YYYY-MM-DD, read tolerantly from the Sheet. */
  dueDate: string | null;
  /** The Status cell exactly as written in the Sheet ("" for an available book). */
  statusRaw: string;
  status: BookStatus;
}
