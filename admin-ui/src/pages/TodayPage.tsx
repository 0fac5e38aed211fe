import { useQuery } from "@apollo/client/react";
import { LibrarianOnly } from "../components/LibrarianOnly.tsx";
import { LoanCard, type Queue } from "../desk/LoanCard.tsx";
import { daysOfThisMonth, MonthFigures } from "../desk/MonthFigures.tsx";
import { StatusLine } from "../desk/StatusLine.tsx";
import { errorSentence } from "../errors.ts";
import type { DeskQueueQueryVariables } from "../gql/graphql.ts";
import { DESK_MONTH, DESK_QUEUE } from "../operations.ts";
import { deskTexts, summaryTexts } from "../texts.ts";
import { usePageTitle } from "../usePageTitle.ts";

const QUEUE_SIZE = 50;

const queues: Array<{ key: Queue; title: string; hint?: string; filter: Omit<DeskQueueQueryVariables, "first"> }> = [
  { key: "toDeliver", title: deskTexts.toDeliver, hint: deskTexts.toDeliverHint, filter: { state: "BOOKED" } },
  { key: "waiting", title: deskTexts.waiting, filter: { state: "DELIVERED" } },
  { key: "returns", title: deskTexts.returns, hint: deskTexts.returnsHint, filter: { state: "RETURNED" } },
  { key: "overdue", title: deskTexts.overdue, filter: { overdue: true } },
];

/** The first screen: the state of the Sheet in one line, the day's four queues, this month in figures. */
export function TodayPage() {
  usePageTitle(deskTexts.title);
  return (
    <>
      <h1 className="page-title">{deskTexts.title}</h1>
      <StatusLine />
      <LibrarianOnly reason={deskTexts.needsSignIn}>
        <MorningSummary />
        <div className="desk">
          <div className="queues">
            {queues.map((q) => (
              <QueueSection key={q.key} queue={q.key} title={q.title} hint={q.hint} filter={q.filter} />
            ))}
          </div>
          <Month />
        </div>
      </LibrarianOnly>
    </>
  );
}

function QueueSection({ queue, title, hint, filter }: { queue: Queue; title: string; hint?: string; filter: Omit<DeskQueueQueryVariables, "first"> }) {
  const { data, previousData, error } = useQuery(DESK_QUEUE, { variables: { ...filter, first: QUEUE_SIZE }, fetchPolicy: "cache-and-network" });
  const loans = (data ?? previousData)?.loans;
  const id = `queue-${queue}`;
  return (
    <section className="panel queue" aria-labelledby={id} data-queue={queue}>
      <h2 id={id}>
        {title} <span className="count-badge">{loans?.totalCount ?? "…"}</span>
      </h2>
      {error && !loans && (
        <p className="error" role="alert">
          {errorSentence(error)}
        </p>
      )}
      {!loans && !error && <p className="muted">{deskTexts.loading}</p>}
      {loans && loans.nodes.length === 0 && <p className="muted">{deskTexts.empty}</p>}
      {loans && loans.nodes.length > 0 && (
        <>
          {hint && <p className="muted small">{hint}</p>}
          <ul className="loan-list">
            {loans.nodes.map((loan) => (
              <LoanCard key={loan.id} loan={loan} queue={queue} />
            ))}
          </ul>
          {loans.totalCount > loans.nodes.length && <p className="muted small">{deskTexts.more(loans.nodes.length, loans.totalCount)}</p>}
        </>
      )}
    </section>
  );
}

/** The day in one line: how many loans are overdue (the overdue queue's own query, so no second request). */
function MorningSummary() {
  const { data } = useQuery(DESK_QUEUE, { variables: { overdue: true, first: QUEUE_SIZE }, fetchPolicy: "cache-first" });
  if (!data) return null;
  return (
    <p className="notice" data-testid="morning-summary">
      <strong>{summaryTexts.title}.</strong> {summaryTexts.overdue(data.loans.totalCount)}
    </p>
  );
}

function Month() {
  const { data, error } = useQuery(DESK_MONTH, { variables: { days: daysOfThisMonth() }, fetchPolicy: "cache-and-network" });
  if (error && !data) return <p className="error" role="alert">{errorSentence(error)}</p>;
  return data ? <MonthFigures stats={data.libraryStats} /> : null;
}
