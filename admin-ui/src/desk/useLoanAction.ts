import { useApolloClient, useMutation } from "@apollo/client/react";
import { useState } from "react";
import { errorSentence, errorMessage } from "../errors.ts";
import { CANCEL_BOOKING, CONFIRM_BOOK_RETURN, MARK_AS_DELIVERED, type DeskLoan } from "../operations.ts";
import { deskTexts } from "../texts.ts";

export type LoanAction = "deliver" | "cancel" | "confirm";

export type ActionOutcome = { ok: boolean; text: string; detail?: string } | null;

const mutations = { deliver: MARK_AS_DELIVERED, cancel: CANCEL_BOOKING, confirm: CONFIRM_BOOK_RETURN } as const;
const done = { deliver: deskTexts.delivered, cancel: deskTexts.cancelled, confirm: deskTexts.confirmed } as const;

/**
 * The desk's three lending actions on one loan. Success or refusal is said on the loan's own card; either way
 * every list on screen is asked again, so the card moves to its new queue (or shows what the Sheet really says).
 */
export function useLoanAction(loan: DeskLoan) {
  const client = useApolloClient();
  const [outcome, setOutcome] = useState<ActionOutcome>(null);
  const [running, setRunning] = useState<LoanAction | null>(null);
  const [deliver] = useMutation(mutations.deliver);
  const [cancel] = useMutation(mutations.cancel);
  const [confirm] = useMutation(mutations.confirm);
  const run = { deliver, cancel, confirm };

  async function act(action: LoanAction): Promise<void> {
    setRunning(action);
    setOutcome(null);
    const title = loan.book?.title ?? loan.bookId;
    try {
      await run[action]({ variables: { bookId: loan.bookId }, refetchQueries: "active", awaitRefetchQueries: true });
      setOutcome({ ok: true, text: done[action](title) });
    } catch (error) {
      setOutcome({ ok: false, text: errorSentence(error), detail: errorMessage(error) });
      // Refused: the lists are read again so the card shows where the book really is.
      await client.refetchQueries({ include: "active" }).catch(() => undefined);
    } finally {
      setRunning(null);
    }
  }

  return { act, outcome, running };
}
