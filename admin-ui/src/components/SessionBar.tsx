import { useRef } from "react";
import { useSession } from "../session.ts";
import { sessionTexts } from "../texts.ts";
import { TokenForm } from "./TokenForm.tsx";
import { useViewer } from "./useViewer.ts";

/**
 * In the header: who is signed in and as what, with "Вийти"; or "Увійти", which opens the token form. A token the
 * server refused is said here too, once.
 */
export function SessionBar() {
  const { token, notice, store } = useSession();
  const viewer = useViewer();
  const details = useRef<HTMLDetailsElement>(null);

  if (token) {
    return (
      <div className="session-bar" data-testid="session">
        <span>{viewer ? sessionTexts.signedInAs(viewer.name, viewer.role) : sessionTexts.signedIn}</span>
        <button type="button" className="button on-accent" onClick={() => store.signOut()}>
          {sessionTexts.signOut}
        </button>
      </div>
    );
  }
  return (
    <div className="session-bar" data-testid="session">
      {notice === "rejected" && (
        <span className="on-accent-warn" role="alert">
          {sessionTexts.rejectedShort}
        </span>
      )}
      <details className="sign-in-menu" ref={details}>
        <summary className="button on-accent">{sessionTexts.signIn}</summary>
        <div className="sign-in-popover">
          <TokenForm />
          <p className="muted small">{sessionTexts.tokenHint}</p>
        </div>
      </details>
    </div>
  );
}
