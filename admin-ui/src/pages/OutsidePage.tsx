import { useMutation, useQuery } from "@apollo/client/react";
import { useState } from "react";
import { Link } from "react-router";
import { LibrarianOnly } from "../components/LibrarianOnly.tsx";
import { useIsLibrarian } from "../components/useViewer.ts";
import { ReaderContact } from "../desk/ReaderContact.tsx";
import { errorMessage, errorSentence } from "../errors.ts";
import { daysSince, formatDate } from "../format.ts";
import type { DeskLendingDriftQuery } from "../gql/graphql.ts";
import { LENDING_DRIFT, RETURN_TO_SHELF } from "../operations.ts";
import { deskTexts, loanStateLabels, navTexts, outsideTexts, statusLabels } from "../texts.ts";
import { usePageTitle } from "../usePageTitle.ts";

type Drift = DeskLendingDriftQuery["lendingDrift"];

/**
 * Where the Sheet and kurin disagree. Books the Sheet shows as lent with no open loan in kurin (the old bot, or
 * a hand edit): a librarian puts them back on the shelf once they are, or leaves them. And the reverse: loans
 * kurin has open whose row in the Sheet says something else.
 */
export function OutsidePage() {
  usePageTitle(navTexts.outside);
  return (
    <>
      <h1 className="page-title">{navTexts.outside}</h1>
      <p className="muted">{outsideTexts.intro}</p>
      <LibrarianOnly reason={deskTexts.needsSignIn}>
        <DriftLists />
      </LibrarianOnly>
    </>
  );
}

function DriftLists() {
  const { data, error } = useQuery(LENDING_DRIFT, { fetchPolicy: "cache-and-network" });
  if (error && !data) return <p className="error" role="alert">{errorSentence(error)}</p>;
  if (!data) return <p className="muted">{deskTexts.loading}</p>;
  const { outside, unmatched } = data.lendingDrift;
  return (
    <>
      <section className="panel" aria-labelledby="outside-books" data-testid="outside">
        <h2 id="outside-books">
          {outsideTexts.outside} <span className="count-badge">{outside.length}</span>
        </h2>
        <p className="muted small">{outsideTexts.outsideHint}</p>
        {outside.length === 0 ? (
          <p className="muted">{outsideTexts.noneOutside}</p>
        ) : (
          <ul className="loan-list">
            {outside.map((book) => (
              <OutsideBook key={book.id} book={book} />
            ))}
          </ul>
        )}
      </section>
      <section className="panel" aria-labelledby="unmatched-loans" data-testid="unmatched">
        <h2 id="unmatched-loans">
          {outsideTexts.unmatched} <span className="count-badge">{unmatched.length}</span>
        </h2>
        <p className="muted small">{outsideTexts.unmatchedHint}</p>
        {unmatched.length === 0 ? (
          <p className="muted">{outsideTexts.noneUnmatched}</p>
        ) : (
          <ul className="loan-list">
            {unmatched.map((loan) => (
              <li key={loan.id} className="loan-card" data-book-id={loan.bookId}>
                <Link className="loan-title" to={`/books/${encodeURIComponent(loan.bookId)}`}>
                  {loan.book?.title ?? deskTexts.unknownBook(loan.bookId)}
                </Link>
                <div className="loan-who">
                  <ReaderContact reader={loan.reader} />
                </div>
                <p className="loan-when">
                  {outsideTexts.disagree(loanStateLabels[loan.state], loan.book ? statusLabels[loan.book.status] : outsideTexts.notInSheet)}
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}

function OutsideBook({ book }: { book: Drift["outside"][number] }) {
  const librarian = useIsLibrarian();
  const [returnToShelf, { loading }] = useMutation(RETURN_TO_SHELF, { refetchQueries: "active", awaitRefetchQueries: true });
  const [outcome, setOutcome] = useState<{ text: string; detail: string } | null>(null);
  const late = book.dueDate ? daysSince(book.dueDate) : 0;

  async function close() {
    if (!window.confirm(outsideTexts.confirmClose(book.title))) return;
    setOutcome(null);
    try {
      await returnToShelf({ variables: { bookId: book.id } });
    } catch (error) {
      setOutcome({ text: errorSentence(error), detail: errorMessage(error) });
    }
  }

  return (
    <li className="loan-card" data-book-id={book.id}>
      <Link className="loan-title" to={`/books/${encodeURIComponent(book.id)}`}>
        {book.title}
      </Link>
      {book.author && <span className="muted"> · {book.author}</span>}
      <p className="loan-when">
        {statusLabels[book.status]}
        {book.dueDate && ` · ${deskTexts.due(formatDate(book.dueDate))}`}
        {late > 0 && <strong className="late"> · {deskTexts.daysLate(late)}</strong>}
      </p>
      {librarian && (
        <div className="loan-actions">
          <button type="button" className="button primary" disabled={loading} onClick={() => void close()}>
            {loading ? deskTexts.working : outsideTexts.close}
          </button>
        </div>
      )}
      {outcome && (
        <p className="outcome bad" role="alert" title={outcome.detail} data-testid="loan-outcome">
          {outcome.text}
        </p>
      )}
    </li>
  );
}
