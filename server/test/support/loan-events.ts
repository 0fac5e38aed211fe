import { BookStatus } from "../../src/catalog/book.ts";
import { LoanEventSource, LoanEventType } from "../../src/loans/events.ts";
import type { LendingKurin } from "./lending.ts";
import { waitUntil } from "./wait.ts";

/** The book id of a probe event: not a book; listeners set it aside. */
export const PROBE = "__probe__";

/**
 * A loanEvents subscription is set up asynchronously (the socket, the subscribe message, and on other instances
 * the Redis channel): publishes probe events from `from` until `heard()` says every listener has had one.
 * Waiting a fixed time instead loses the first event on a busy machine.
 */
export async function untilSubscribed(from: LendingKurin, heard: () => boolean): Promise<void> {
  await waitUntil(
    async () => {
      if (heard()) return true;
      await from.kurin.lending.events.publish({
        id: PROBE,
        type: LoanEventType.STATUS_EDITED,
        source: LoanEventSource.SHEET_EDIT,
        at: new Date().toISOString(),
        bookId: PROBE,
        bookTitle: null,
        loanId: null,
        readerId: null,
        reader: null,
        from: null,
        to: BookStatus.AVAILABLE,
        statusRaw: "",
        dueDate: null,
        byLibrarian: true,
      });
      return false;
    },
    "every subscriber to hear a probe event",
    { everyMs: 50 },
  );
}
