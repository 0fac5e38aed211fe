import { Link } from "react-router";
import { daysSince, formatDate } from "../format.ts";
import type { DeskLoan } from "../operations.ts";
import { deskTexts } from "../texts.ts";
import { useIsLibrarian } from "../components/useViewer.ts";
import { OutcomeLine } from "./OutcomeLine.tsx";
import { ReaderContact } from "./ReaderContact.tsx";
import { ReturnPhoto } from "./ReturnPhoto.tsx";
import { useLoanAction, type LoanAction } from "./useLoanAction.ts";

export type Queue = "toDeliver" | "waiting" | "returns" | "overdue";

const actions: Record<Queue, LoanAction[]> = { toDeliver: ["deliver", "cancel"], waiting: ["cancel"], returns: ["confirm"], overdue: [] };
const labels: Record<LoanAction, string> = { deliver: deskTexts.deliver, cancel: deskTexts.cancel, confirm: deskTexts.confirm };

/** One loan in one of the day's queues: the book, the reader and how to reach them, the dates that matter, its buttons. */
export function LoanCard({ loan, queue }: { loan: DeskLoan; queue: Queue }) {
  const { act, outcome, running } = useLoanAction(loan);
  const librarian = useIsLibrarian();
  const title = loan.book?.title ?? deskTexts.unknownBook(loan.bookId);
  const late = queue === "overdue" ? daysSince(loan.dueDate) : 0;

  function press(action: LoanAction) {
    if (action === "cancel" && !window.confirm(deskTexts.confirmCancel(title))) return;
    void act(action);
  }

  return (
    <li className={`loan-card queue-${queue}`} data-loan-id={loan.id} data-book-id={loan.bookId}>
      <div className="loan-main">
        <Link className="loan-title" to={`/books/${encodeURIComponent(loan.bookId)}`}>
          {title}
        </Link>
        {loan.book?.author && <span className="muted"> · {loan.book.author}</span>}
        <div className="loan-who">
          <ReaderContact reader={loan.reader} />
        </div>
        <p className="loan-when">{when(loan, queue, late)}</p>
        {queue === "returns" && (loan.returnPhotoFileId ? <ReturnPhoto loanId={loan.id} title={title} /> : <p className="muted small">{deskTexts.noPhoto}</p>)}
      </div>
      {librarian && actions[queue].length > 0 && (
        <div className="loan-actions">
          {actions[queue].map((action) => (
            <button
              key={action}
              type="button"
              className={action === "cancel" ? "button" : "button primary"}
              disabled={running !== null}
              onClick={() => press(action)}
            >
              {running === action ? deskTexts.working : labels[action]}
            </button>
          ))}
        </div>
      )}
      <OutcomeLine outcome={outcome} testId="loan-outcome" />
    </li>
  );
}

function when(loan: DeskLoan, queue: Queue, late: number): string {
  switch (queue) {
    case "toDeliver":
      return deskTexts.bookedSince(formatDate(loan.bookedAt));
    case "waiting":
      return `${deskTexts.waitingDays(daysSince(loan.deliveredAt))} · ${deskTexts.bookedSince(formatDate(loan.bookedAt))}`;
    case "returns":
      return deskTexts.returnedAt(formatDate(loan.returnedAt));
    case "overdue":
      return `${deskTexts.daysLate(late)} · ${deskTexts.due(formatDate(loan.dueDate))}`;
  }
}
