import { useQuery } from "@apollo/client/react";
import { QRCodeCanvas } from "qrcode.react";
import { Link, useParams } from "react-router";
import { LibrarianOnly } from "../components/LibrarianOnly.tsx";
import { BookHolds } from "../desk/BookHolds.tsx";
import { isOpen, LoanHistory } from "../desk/LoanHistory.tsx";
import { ReaderContact } from "../desk/ReaderContact.tsx";
import { RenewLoan } from "../desk/RenewLoan.tsx";
import { useBotLink } from "../desk/useBotLink.ts";
import { errorSentence } from "../errors.ts";
import { formatDate } from "../format.ts";
import { BOOK_LOANS, BOOK_PAGE } from "../operations.ts";
import { bookTexts, deskTexts, statusLabels } from "../texts.ts";
import { usePageTitle } from "../usePageTitle.ts";

/** One book: what the Sheet says, who has it now, every loan of it, and its QR code for the shelf. */
export function BookPage() {
  const { id = "" } = useParams();
  const { data, error, loading } = useQuery(BOOK_PAGE, { variables: { id }, fetchPolicy: "cache-and-network" });
  const book = data?.book;
  usePageTitle(book?.title ?? bookTexts.title);

  return (
    <>
      <p>
        <Link to="/books">{bookTexts.back}</Link>
      </p>
      {error && !data && <p className="error" role="alert">{errorSentence(error)}</p>}
      {!data && loading && <p className="muted">{deskTexts.loading}</p>}
      {data && !book && <p className="notice">{bookTexts.notFound}</p>}
      {book && (
        <>
          <h1 className="page-title">{book.title}</h1>
          <div className="book-page">
            <dl className="book-facts">
              <dt>{bookTexts.author}</dt>
              <dd>{book.author ?? "—"}</dd>
              <dt>{bookTexts.edition}</dt>
              <dd>{book.edition ?? "—"}</dd>
              <dt>{bookTexts.pages}</dt>
              <dd>{book.pages ?? "—"}</dd>
              <dt>{bookTexts.categories}</dt>
              <dd>{book.categories.join(", ") || "—"}</dd>
              <dt>{bookTexts.status}</dt>
              <dd>
                <span className={`status status-${book.status.toLowerCase()}`}>{statusLabels[book.status]}</span>
              </dd>
              <dt>{bookTexts.due}</dt>
              <dd>{formatDate(book.dueDate)}</dd>
            </dl>
            <BookQr bookId={book.id} title={book.title} />
          </div>
          {book.description && <p className="book-description">{book.description}</p>}
          <LibrarianOnly reason={deskTexts.needsSignIn}>
            <BookLoans bookId={book.id} />
          </LibrarianOnly>
        </>
      )}
    </>
  );
}

function BookQr({ bookId, title }: { bookId: string; title: string }) {
  const link = useBotLink();
  return (
    <figure className="book-qr">
      <figcaption>
        <h2>{bookTexts.qr}</h2>
      </figcaption>
      {link ? (
        <>
          <QRCodeCanvas value={link(bookId)} size={200} marginSize={4} title={`${bookTexts.qr}: ${title}`} data-testid="book-qr" role="img" aria-label={`${bookTexts.qr}: ${title}`} />
          <p className="small mono break">{link(bookId)}</p>
          <p className="muted small">{bookTexts.qrHint}</p>
          <button type="button" className="button" onClick={() => window.print()}>
            {bookTexts.print}
          </button>
        </>
      ) : (
        <p className="notice small">{bookTexts.qrNoBot}</p>
      )}
    </figure>
  );
}

function BookLoans({ bookId }: { bookId: string }) {
  const { data, error } = useQuery(BOOK_LOANS, { variables: { bookId }, fetchPolicy: "cache-and-network" });
  if (error && !data) return <p className="error" role="alert">{errorSentence(error)}</p>;
  if (!data) return <p className="muted">{deskTexts.loading}</p>;
  const loans = data.loans.nodes;
  const current = loans.find(isOpen);
  return (
    <>
      <section className="panel" aria-labelledby="book-holder">
        <h2 id="book-holder">{bookTexts.whoHasIt}</h2>
        {current ? (
          <>
            <p data-testid="book-holder">
              <ReaderContact reader={current.reader} />
              {current.state === "PICKED_UP" && <span className="muted"> · {deskTexts.due(formatDate(current.dueDate))}</span>}
            </p>
            {current.state === "PICKED_UP" && <RenewLoan loan={current} />}
          </>
        ) : (
          <p className="muted">{bookTexts.onShelf}</p>
        )}
      </section>
      <BookHolds bookId={bookId} />
      <section className="panel" aria-labelledby="book-history">
        <h2 id="book-history">
          {bookTexts.history} <span className="count-badge">{data.loans.totalCount}</span>
        </h2>
        {loans.length === 0 ? <p className="muted">{bookTexts.noHistory}</p> : <LoanHistory loans={loans} show="reader" testId="book-history" />}
      </section>
    </>
  );
}
