import type { ReactNode } from "react";
import { useSession } from "../session.ts";
import { sessionTexts } from "../texts.ts";
import { TokenForm } from "./TokenForm.tsx";

/** Its children once a token is set; before that, why a token is needed and the form to give one. */
export function LibrarianOnly({ reason, children }: { reason: string; children: ReactNode }) {
  const { token, notice } = useSession();
  if (token) return <>{children}</>;
  return (
    <div className="panel sign-in" data-reason={notice ?? "needsToken"}>
      <p className={notice ? "notice warn" : "notice"} role={notice ? "alert" : undefined}>
        {notice ? sessionTexts.rejected : reason}
      </p>
      <TokenForm />
      <p className="muted small">{sessionTexts.tokenHint}</p>
    </div>
  );
}
