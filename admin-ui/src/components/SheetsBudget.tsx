import { cacheTexts } from "../texts.ts";

/** Sheets reads in the sliding minute against the budget all instances share, as a bar. */
export function SheetsBudget({ reads, budget }: { reads: number; budget: number }) {
  const share = budget > 0 ? Math.min(reads / budget, 1) : 0;
  const level = share >= 0.9 ? "bad" : share >= 0.7 ? "warn" : "good";
  return (
    <div className="summary-card">
      <div className="summary-label">{cacheTexts.sheetsBudget}</div>
      <div className="summary-value" data-testid="sheets-budget">
        {cacheTexts.sheetsBudgetOf(reads, budget)}
      </div>
      <div
        className="bar"
        role="meter"
        aria-label={cacheTexts.sheetsBudget}
        aria-valuemin={0}
        aria-valuemax={budget}
        aria-valuenow={reads}
      >
        <div className={`bar-fill ${level}`} style={{ width: `${share * 100}%` }} />
      </div>
    </div>
  );
}
