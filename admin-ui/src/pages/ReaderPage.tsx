import { useQuery } from "@apollo/client/react";
import { Link, useParams } from "react-router";
import { LibrarianOnly } from "../components/LibrarianOnly.tsx";
import { isOpen, LoanHistory } from "../desk/LoanHistory.tsx";
import { ReaderContact } from "../desk/ReaderContact.tsx";
import { errorSentence } from "../errors.ts";
import { READER, READER_LOANS } from "../operations.ts";
import { deskTexts, readerTexts } from "../texts.ts";
import { usePageTitle } from "../usePageTitle.ts";

/** One reader: how to reach them, the books they have now, and every loan they ever had. */
export function ReaderPage() {
  const { id = "" } = useParams();
  return (
    <>
      <p>
        <Link to="/readers">{readerTexts.back}</Link>
      </p>
      <LibrarianOnly reason={deskTexts.needsSignIn}>
        <ReaderLoans readerId={id} />
      </LibrarianOnly>
    </>
  );
}

function ReaderLoans({ readerId }: { readerId: string }) {
  const who = useQuery(READER, { variables: { id: readerId }, fetchPolicy: "cache-and-network" });
  const { data, error } = useQuery(READER_LOANS, { variables: { readerId }, fetchPolicy: "cache-and-network" });
  const loans = data?.loans.nodes ?? [];
  const reader = who.data?.reader;
  usePageTitle(reader ? readerTexts.page(reader.name) : readerTexts.title);
  const failed = who.error ?? error;
  if (failed && !(who.data && data)) return <p className="error" role="alert">{errorSentence(failed)}</p>;
  if (!who.data || !data) return <p className="muted">{deskTexts.loading}</p>;
  if (!reader) return <p className="notice">{readerTexts.notFound}</p>;
  const open = loans.filter(isOpen);
  return (
    <>
      <h1 className="page-title">{readerTexts.page(reader.name)}</h1>
      <p className="reader-card">
        <ReaderContact reader={reader} />
      </p>
      <section className="panel" aria-labelledby="reader-open">
        <h2 id="reader-open">{readerTexts.openLoans}</h2>
        {open.length === 0 ? <p className="muted">{readerTexts.noOpen}</p> : <LoanHistory loans={open} show="book" testId="reader-open" />}
      </section>
      <section className="panel" aria-labelledby="reader-history">
        <h2 id="reader-history">
          {readerTexts.history} <span className="count-badge">{data?.loans.totalCount ?? 0}</span>
        </h2>
        {loans.length === 0 ? <p className="muted">{readerTexts.noHistory}</p> : <LoanHistory loans={loans} show="book" testId="reader-history" />}
      </section>
    </>
  );
}
