import { Link } from "react-router";
import { formatDate } from "../format.ts";
import type { DeskLoan } from "../operations.ts";
import { deskTexts, loanStateLabels, readerTexts } from "../texts.ts";
import { ReaderContact } from "./ReaderContact.tsx";

/**
 * Loans as a table (cards on a narrow screen), newest first. On a reader's page each row names the book; on a
 * book's page, the reader.
 */
export function LoanHistory({ loans, show, testId }: { loans: DeskLoan[]; show: "book" | "reader"; testId: string }) {
  return (
    <div className="table-wrap">
      <table className="cards-on-phone loans" data-testid={testId}>
        <thead>
          <tr>
            <th scope="col">{show === "book" ? readerTexts.book : readerTexts.name}</th>
            <th scope="col">{readerTexts.state}</th>
            <th scope="col">{readerTexts.booked}</th>
            <th scope="col">{readerTexts.pickedUp}</th>
            <th scope="col">{readerTexts.due}</th>
            <th scope="col">{readerTexts.returned}</th>
          </tr>
        </thead>
        <tbody>
          {loans.map((loan) => (
            <tr key={loan.id} data-loan-id={loan.id} data-state={loan.state} className={loan.overdue ? "overdue-row" : undefined}>
              <td data-label={show === "book" ? readerTexts.book : readerTexts.name}>
                {show === "book" ? (
                  <Link to={`/books/${encodeURIComponent(loan.bookId)}`}>{loan.book?.title ?? deskTexts.unknownBook(loan.bookId)}</Link>
                ) : (
                  <ReaderContact reader={loan.reader} />
                )}
              </td>
              <td data-label={readerTexts.state}>
                {loanStateLabels[loan.state]}
                {loan.overdue && <strong className="late"> · {readerTexts.overdue.toLowerCase()}</strong>}
              </td>
              <td data-label={readerTexts.booked}>{formatDate(loan.bookedAt)}</td>
              <td data-label={readerTexts.pickedUp}>{formatDate(loan.pickedUpAt)}</td>
              <td data-label={readerTexts.due}>{formatDate(loan.dueDate)}</td>
              <td data-label={readerTexts.returned}>{formatDate(loan.confirmedAt ?? loan.returnedAt ?? loan.cancelledAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Booked to returned-not-confirmed: the loans still open. */
export function isOpen(loan: DeskLoan): boolean {
  return loan.state !== "CLOSED" && loan.state !== "CANCELLED";
}
