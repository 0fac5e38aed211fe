import { useMutation, useQuery } from "@apollo/client/react";
import { useState } from "react";
import { errorMessage, errorSentence } from "../errors.ts";
import { formatDate, formatDateTime } from "../format.ts";
import { BOOK_HOLDS, MOVE_HOLD, REMOVE_HOLD } from "../operations.ts";
import { deskTexts, holdTexts } from "../texts.ts";
import { ReaderContact } from "./ReaderContact.tsx";
import { OutcomeLine } from "./OutcomeLine.tsx";
import type { ActionOutcome } from "./useLoanAction.ts";

type Hold = import("../gql/graphql.ts").DeskBookHoldsQuery["holds"][number];

/** A book's waiting list: readers in order, each moved up or down or taken out by the librarian. */
export function BookHolds({ bookId }: { bookId: string }) {
  const { data, error } = useQuery(BOOK_HOLDS, { variables: { bookId }, fetchPolicy: "cache-and-network" });
  const [move] = useMutation(MOVE_HOLD);
  const [remove] = useMutation(REMOVE_HOLD);
  const [running, setRunning] = useState(false);
  const [outcome, setOutcome] = useState<ActionOutcome>(null);
  const holds = data?.holds ?? [];
  const waiting = holds.filter((h) => h.state === "WAITING");

  async function run(change: () => Promise<unknown>, done: string): Promise<void> {
    setRunning(true);
    setOutcome(null);
    try {
      // Every list on screen is read again: the queue, and the loan whose renewal the queue decides.
      await change();
      setOutcome({ ok: true, text: done });
    } catch (failure) {
      setOutcome({ ok: false, text: errorSentence(failure), detail: errorMessage(failure) });
    } finally {
      setRunning(false);
    }
  }
  const again = { refetchQueries: "active" as const, awaitRefetchQueries: true };
  const moveTo = (hold: Hold, position: number) => run(() => move({ variables: { holdId: hold.id, position }, ...again }), holdTexts.moved);
  function drop(hold: Hold) {
    if (!window.confirm(holdTexts.confirmRemove(hold.reader.name))) return;
    void run(() => remove({ variables: { holdId: hold.id }, ...again }), holdTexts.removed(hold.reader.name));
  }

  return (
    <section className="panel" aria-labelledby="book-holds">
      <h2 id="book-holds">
        {holdTexts.title} <span className="count-badge">{data ? waiting.length : "…"}</span>
      </h2>
      {error && !data && <p className="error" role="alert">{errorSentence(error)}</p>}
      {!data && !error && <p className="muted">{deskTexts.loading}</p>}
      {data && holds.length === 0 && <p className="muted">{holdTexts.empty}</p>}
      {holds.length > 0 && (
        <ol className="loan-list" data-testid="book-holds">
          {holds.map((hold) => (
            <li key={hold.id} className="loan-card" data-hold-id={hold.id} data-state={hold.state}>
              <div>
                {hold.position !== null && hold.position !== undefined && <span className="hold-position">{holdTexts.position(hold.position)} </span>}
                <ReaderContact reader={hold.reader} />
                <p className="muted small">
                  {hold.state === "WAITING"
                    ? hold.estimatedOn && holdTexts.estimated(formatDate(hold.estimatedOn))
                    : hold.expiresAt
                      ? holdTexts.readyUntil(formatDateTime(hold.expiresAt))
                      : holdTexts.ready}
                </p>
              </div>
              {hold.state === "WAITING" && hold.position != null && (
                <div className="loan-actions">
                  <button type="button" className="button" disabled={running || hold.position === 1} aria-label={holdTexts.upFor(hold.reader.name)} onClick={() => void moveTo(hold, hold.position! - 1)}>
                    {holdTexts.up}
                  </button>
                  <button
                    type="button"
                    className="button"
                    disabled={running || hold.position === waiting.length}
                    aria-label={holdTexts.downFor(hold.reader.name)}
                    onClick={() => void moveTo(hold, hold.position! + 1)}
                  >
                    {holdTexts.down}
                  </button>
                  <button type="button" className="button" disabled={running} aria-label={holdTexts.removeFor(hold.reader.name)} onClick={() => drop(hold)}>
                    {holdTexts.remove}
                  </button>
                </div>
              )}
            </li>
          ))}
        </ol>
      )}
      <OutcomeLine outcome={outcome} testId="holds-outcome" />
    </section>
  );
}
