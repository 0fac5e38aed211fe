import { useMutation } from "@apollo/client/react";
import { useState } from "react";
import { authProblem, errorSentence, refreshRefusal } from "../errors.ts";
import { INVALIDATE_BOOK, REFRESH_CATALOG, WARM_CACHE } from "../operations.ts";
import { actionTexts, sessionTexts } from "../texts.ts";
import { ActionOutcome, type Outcome } from "./ActionOutcome.tsx";

type Action = "refresh" | "warm" | "invalidate";

/** What a failed action says: a missing role or a refused read in words, anything else as the server put it. */
function failure(error: unknown): Outcome {
  if (authProblem(error) === "FORBIDDEN") return { ok: false, text: sessionTexts.actionForbidden };
  const refusal = refreshRefusal(error);
  if (refusal) return { ok: false, text: actionTexts.refused[refusal] };
  return { ok: false, text: actionTexts.failed(errorSentence(error)) };
}

/** The operator's three levers: read the Sheet now, warm the cache, forget one book. Each shows what it did. */
export function CacheActions() {
  // After an action the stats show its effect; after a read, so do the catalogue and the Sheet's problems.
  const afterRead = ["AdminCacheStats", "AdminBooks", "AdminSheetProblems"];
  const [refreshCatalog, refreshing] = useMutation(REFRESH_CATALOG, { refetchQueries: afterRead });
  const [warmCache, warming] = useMutation(WARM_CACHE, { refetchQueries: afterRead });
  const [invalidateBook, invalidating] = useMutation(INVALIDATE_BOOK, { refetchQueries: ["AdminCacheStats"] });
  const [bookId, setBookId] = useState("");
  const [outcomes, setOutcomes] = useState<Partial<Record<Action, Outcome>>>({});
  const show = (action: Action, outcome: Outcome) => setOutcomes((current) => ({ ...current, [action]: outcome }));

  async function run(action: Action, work: () => Promise<string>) {
    try {
      show(action, { ok: true, text: await work() });
    } catch (error) {
      show(action, failure(error));
    }
  }

  const refresh = () =>
    run("refresh", async () => {
      const { data } = await refreshCatalog();
      return data ? actionTexts.refreshed(data.refreshCatalog) : "";
    });
  const warm = () =>
    run("warm", async () => {
      const { data } = await warmCache();
      return data ? actionTexts.refreshed(data.warmCache) : "";
    });
  const forget = () => {
    const id = bookId.trim();
    if (!id) return;
    void run("invalidate", async () => {
      const { data } = await invalidateBook({ variables: { id } });
      return data?.invalidateBook ? actionTexts.forgotten(id) : actionTexts.unknownBook(id);
    });
  };

  return (
    <div className="cache-actions">
      <h3>{actionTexts.title}</h3>
      <div className="action">
        <button type="button" className="button" disabled={refreshing.loading} onClick={() => void refresh()}>
          {actionTexts.refreshCatalog}
        </button>
        <ActionOutcome busy={refreshing.loading} outcome={outcomes.refresh} testId="refresh-outcome" />
        <p className="muted small action-hint">{actionTexts.refreshCatalogHint}</p>
      </div>
      <div className="action">
        <button type="button" className="button" disabled={warming.loading} onClick={() => void warm()}>
          {actionTexts.warmCache}
        </button>
        <ActionOutcome busy={warming.loading} outcome={outcomes.warm} testId="warm-outcome" />
        <p className="muted small action-hint">{actionTexts.warmCacheHint}</p>
      </div>
      <form
        className="action"
        onSubmit={(event) => {
          event.preventDefault();
          forget();
        }}
      >
        <input
          className="book-id"
          aria-label={actionTexts.bookId}
          placeholder={actionTexts.bookId}
          value={bookId}
          onChange={(event) => setBookId(event.target.value)}
        />
        <button type="submit" className="button" disabled={invalidating.loading || !bookId.trim()}>
          {actionTexts.invalidateBook}
        </button>
        <ActionOutcome busy={invalidating.loading} outcome={outcomes.invalidate} testId="invalidate-outcome" />
        <p className="muted small action-hint">{actionTexts.invalidateBookHint}</p>
      </form>
    </div>
  );
}
