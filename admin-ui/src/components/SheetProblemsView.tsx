import { NetworkStatus } from "@apollo/client";
import { useQuery } from "@apollo/client/react";
import { authProblem, errorMessage } from "../errors.ts";
import { SHEET_PROBLEMS, type SheetRowProblem } from "../operations.ts";
import { sheetProblemTexts } from "../texts.ts";

// The report changes only when some instance reads the Sheet; asking for it is one Redis GET.
const POLL_MS = 30_000;

const kinds: Partial<Record<string, (detail: string | null) => string>> = sheetProblemTexts.kinds;

/** What the sentence names: the earlier row of a repeated id, otherwise the text at fault. */
function detail(problem: SheetRowProblem): string | null {
  if (problem.kind === "DUPLICATE_ID") return problem.firstRow === null ? null : String(problem.firstRow);
  return problem.value || null;
}

/** A kind this dashboard does not know yet is told in the server's own words. */
function describe(problem: SheetRowProblem): string {
  return kinds[problem.kind]?.(detail(problem)) ?? problem.message;
}

/** `sheetProblems`: each row with what is wrong and what kurin did, polled and refetched after a catalogue read. */
export function SheetProblemsView() {
  const { data, previousData, error, networkStatus, refetch } = useQuery(SHEET_PROBLEMS, {
    pollInterval: POLL_MS,
    fetchPolicy: "network-only",
    notifyOnNetworkStatusChange: true,
  });
  const report = (data ?? previousData)?.sheetProblems;
  const busy = networkStatus !== NetworkStatus.ready && networkStatus !== NetworkStatus.error;

  if (authProblem(error) === "FORBIDDEN") {
    return (
      <section className="panel sheet-problems" aria-labelledby="sheet-problems-title" data-state="forbidden">
        <h2 id="sheet-problems-title">{sheetProblemTexts.title}</h2>
        <p className="notice warn" role="alert">
          {sheetProblemTexts.forbidden}
        </p>
      </section>
    );
  }

  const state = !report ? "loading" : report.readAt === null ? "never-read" : report.totalCount === 0 ? "none" : "problems";
  return (
    <section className="panel sheet-problems" aria-labelledby="sheet-problems-title" aria-busy={busy} data-state={state}>
      <div className="panel-header">
        <h2 id="sheet-problems-title">{sheetProblemTexts.title}</h2>
        <button type="button" className="link-button" onClick={() => void refetch().catch(() => undefined)} disabled={busy}>
          {sheetProblemTexts.refresh}
        </button>
      </div>
      {error && (
        <p className="error" role="alert">
          {sheetProblemTexts.loadFailed} {errorMessage(error)}
        </p>
      )}
      {!report && !error && <p className="muted">{sheetProblemTexts.loading}</p>}
      {report && report.readAt === null && <p className="muted">{sheetProblemTexts.neverRead}</p>}
      {report && report.readAt !== null && (
        <>
          <p className="problems-summary" data-testid="sheet-problems-summary">
            {report.totalCount === 0 ? (
              <span className="good-text">{sheetProblemTexts.none}</span>
            ) : (
              <strong>{sheetProblemTexts.count(report.totalCount)}</strong>
            )}
            {report.totalCount > report.rows.length && <span className="muted"> · {sheetProblemTexts.shownFirst(report.rows.length)}</span>}
            <span className="muted"> · {sheetProblemTexts.readAt(report.readAt)}</span>
          </p>
          {report.rows.length > 0 && (
            <>
              <div className="problems-wrap" tabIndex={0} role="region" aria-label={sheetProblemTexts.title}>
                <table className="problems cards-on-phone">
                  <thead>
                    <tr>
                      <th scope="col">{sheetProblemTexts.row}</th>
                      <th scope="col">{sheetProblemTexts.bookId}</th>
                      <th scope="col">{sheetProblemTexts.what}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {report.rows.map((problem, i) => (
                      <tr key={`${problem.row}:${problem.kind}:${i}`} data-row={problem.row} data-kind={problem.kind}>
                        <td className="problem-row" data-label={sheetProblemTexts.row}>{problem.row}</td>
                        <td className="mono" data-label={sheetProblemTexts.bookId}>{problem.bookId ?? <span className="muted">—</span>}</td>
                        <td title={problem.message} data-label={sheetProblemTexts.what}>{describe(problem)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <p className="muted small">{sheetProblemTexts.hint}</p>
            </>
          )}
        </>
      )}
    </section>
  );
}
