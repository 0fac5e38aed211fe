import { sessionTexts } from "../texts.ts";
import { TokenForm } from "./TokenForm.tsx";

export type SignInReason = "needsToken" | "rejected" | "forbidden";

const messages: Record<SignInReason, string> = {
  needsToken: sessionTexts.needsToken,
  rejected: sessionTexts.rejected,
  forbidden: sessionTexts.forbidden,
};

/** What a panel that needs a librarian shows instead: why, and the token form. */
export function SignInPrompt({ reason }: { reason: SignInReason }) {
  return (
    <div className="sign-in" data-reason={reason}>
      <p className={reason === "needsToken" ? "notice" : "notice warn"} role={reason === "needsToken" ? undefined : "alert"}>
        {messages[reason]}
      </p>
      <TokenForm />
      <p className="muted small">{sessionTexts.tokenHint}</p>
    </div>
  );
}
