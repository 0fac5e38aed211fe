import { actionTexts } from "../texts.ts";

export type Outcome = { ok: boolean; text: string };

/** Beside an action's button: "working", then what it did or why it failed. */
export function ActionOutcome({ busy, outcome, testId }: { busy: boolean; outcome: Outcome | undefined; testId: string }) {
  if (busy) return <span className="action-outcome muted">{actionTexts.working}</span>;
  if (!outcome) return null;
  return (
    <span className={outcome.ok ? "action-outcome" : "action-outcome bad-text"} role="status" data-testid={testId}>
      {outcome.text}
    </span>
  );
}
