import { useMutation } from "@apollo/client/react";
import { useState } from "react";
import { errorMessage, errorSentence, renewalRefusal } from "../errors.ts";
import { formatDate } from "../format.ts";
import { RENEW_LOAN, type DeskLoan } from "../operations.ts";
import { deskTexts, renewTexts } from "../texts.ts";
import { OutcomeLine } from "./OutcomeLine.tsx";
import type { ActionOutcome } from "./useLoanAction.ts";

/**
 * «Продовжити» for a book on loan. The library's rules are asked first, so the librarian hears why a reader
 * would be refused (someone waits, too late, too many times); only then may they renew regardless.
 */
export function RenewLoan({ loan }: { loan: DeskLoan }) {
  const [renew] = useMutation(RENEW_LOAN);
  const [running, setRunning] = useState(false);
  const [outcome, setOutcome] = useState<ActionOutcome>(null);
  const [refused, setRefused] = useState(false);

  async function press(override: boolean): Promise<void> {
    setRunning(true);
    setOutcome(null);
    try {
      const result = await renew({ variables: { bookId: loan.bookId, override }, refetchQueries: "active", awaitRefetchQueries: true });
      setRefused(false);
      setOutcome({ ok: true, text: renewTexts.renewed(formatDate(result.data?.renewLoan.dueDate)) });
    } catch (error) {
      const reason = renewalRefusal(error);
      setRefused(reason !== null);
      const text = reason ? renewTexts.refused[reason] : errorSentence(error);
      setOutcome({ ok: false, text, detail: errorMessage(error) });
    } finally {
      setRunning(false);
    }
  }

  return (
    <div className="renew" data-testid="renew">
      <div className="loan-actions">
        <button type="button" className="button primary" disabled={running} onClick={() => void press(false)}>
          {running ? deskTexts.working : renewTexts.renew}
        </button>
        {refused && (
          <button type="button" className="button" disabled={running} onClick={() => void press(true)}>
            {renewTexts.renewAnyway}
          </button>
        )}
      </div>
      <OutcomeLine outcome={outcome} testId="renew-outcome">
        {refused && ` ${renewTexts.overrideHint}`}
      </OutcomeLine>
    </div>
  );
}
