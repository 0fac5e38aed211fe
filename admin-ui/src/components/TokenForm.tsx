import { useState } from "react";
import { useSession } from "../session.ts";
import { sessionTexts } from "../texts.ts";

/** A librarian's API token, kept in this browser (localStorage) until "Вийти". */
export function TokenForm() {
  const { store } = useSession();
  const [token, setToken] = useState("");

  return (
    <form
      className="token-form"
      onSubmit={(event) => {
        event.preventDefault();
        store.signIn(token);
      }}
    >
      <label className="field grow">
        <span>{sessionTexts.tokenLabel}</span>
        <input
          type="password"
          name="token"
          autoComplete="off"
          spellCheck={false}
          placeholder={sessionTexts.tokenPlaceholder}
          value={token}
          onChange={(event) => setToken(event.target.value)}
        />
      </label>
      <button type="submit" className="button primary" disabled={!token.trim()}>
        {sessionTexts.signIn}
      </button>
    </form>
  );
}
