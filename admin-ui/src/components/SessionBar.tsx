import { useSession } from "../session.ts";
import { sessionTexts } from "../texts.ts";

/** In the header while a token is set: a way to sign out. */
export function SessionBar() {
  const { token, store } = useSession();
  if (!token) return null;
  return (
    <div className="session-bar">
      <span>{sessionTexts.signedIn}</span>
      <button type="button" className="button on-accent" onClick={() => store.signOut()}>
        {sessionTexts.signOut}
      </button>
    </div>
  );
}
