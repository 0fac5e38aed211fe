/**
 * What one check of `pnpm run doctor` found: a verdict, one line of what it saw and, when something is wrong,
 * the one thing to do. A warning is printed but does not fail the run (rows a librarian should put right, say).
 */

export type Verdict = "ok" | "warn" | "fail" | "skip";

export interface Outcome {
  verdict: Verdict;
  /** What was checked, e.g. "Redis 127.0.0.1:6379/0". */
  subject: string;
  /** What was found, in one line. */
  summary: string;
  /** Further lines (rows at fault, variables at fault), indented under the summary. */
  details?: string[];
  /** The one thing to do (for a failure or a warning). */
  fix?: string;
}

export const ok = (subject: string, summary: string, details?: string[]): Outcome => ({ verdict: "ok", subject, summary, details });
export const warn = (subject: string, summary: string, fix: string, details?: string[]): Outcome => ({ verdict: "warn", subject, summary, fix, details });
export const fail = (subject: string, summary: string, fix: string, details?: string[]): Outcome => ({ verdict: "fail", subject, summary, fix, details });
export const skip = (subject: string, why: string): Outcome => ({ verdict: "skip", subject, summary: `skipped: ${why}` });

const MARK: Record<Verdict, string> = { ok: "✓", warn: "!", fail: "✗", skip: "-" };

/** The lines a terminal shows for one outcome. */
export function formatOutcome(outcome: Outcome): string[] {
  const lines = [`${MARK[outcome.verdict]} ${outcome.subject}: ${outcome.summary}`];
  for (const detail of outcome.details ?? []) lines.push(`    ${detail}`);
  if (outcome.fix && outcome.verdict !== "ok") lines.push(`  → ${outcome.fix}`);
  return lines;
}

/** The closing line, and the exit code: 0 only when nothing failed. */
export function verdictOf(outcomes: Outcome[]): { exitCode: number; line: string } {
  const count = (v: Verdict) => outcomes.filter((o) => o.verdict === v).length;
  const [failed, warned, skipped] = [count("fail"), count("warn"), count("skip")];
  const notes = [warned ? `${warned} warning${warned > 1 ? "s" : ""}` : "", skipped ? `${skipped} skipped` : ""].filter(Boolean).join(", ");
  const tail = notes ? ` (${notes})` : "";
  if (failed === 0) return { exitCode: 0, line: `All checks pass${tail}.` };
  return { exitCode: 1, line: `${failed} check${failed > 1 ? "s" : ""} failed${tail}: do what each → says, then run pnpm run doctor again.` };
}

/** An error's message without secrets the caller names (a token inside a URL, say). */
export function messageOf(error: unknown, secrets: Array<string | undefined> = []): string {
  let text = error instanceof Error ? error.message : String(error);
  const cause = error instanceof Error ? (error.cause as { code?: string; message?: string } | undefined) : undefined;
  if (cause?.message && !text.includes(cause.message)) text = `${text} (${cause.message})`;
  for (const secret of secrets) if (secret) text = text.split(secret).join("***");
  return text;
}
