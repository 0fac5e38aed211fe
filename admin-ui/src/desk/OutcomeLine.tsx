import type { ReactNode } from "react";
import type { ActionOutcome } from "./useLoanAction.ts";

/** What a desk action did, or why it was refused (an alert), under its buttons; the server's words in the title. */
export function OutcomeLine({ outcome, testId, children }: { outcome: ActionOutcome; testId: string; children?: ReactNode }) {
  if (!outcome) return null;
  return (
    <p className={outcome.ok ? "outcome good" : "outcome bad"} role={outcome.ok ? "status" : "alert"} title={outcome.detail} data-testid={testId}>
      {outcome.text}
      {children}
    </p>
  );
}
