import { Link } from "react-router";
import { formatCount, formatDate } from "../format.ts";
import type { DeskMonthQuery } from "../gql/graphql.ts";
import { deskTexts } from "../texts.ts";

type Stats = DeskMonthQuery["libraryStats"];
const figures = ["bookings", "pickups", "returns", "readers", "open", "overdue"] as const;

/** This month in numbers (`libraryStats` over the days since the 1st) and its most borrowed books. */
export function MonthFigures({ stats }: { stats: Stats }) {
  return (
    <section className="panel" aria-labelledby="month-title">
      <h2 id="month-title">
        {deskTexts.month} <span className="muted small-inline">{deskTexts.monthSince(formatDate(stats.since))}</span>
      </h2>
      <dl className="figures">
        {figures.map((key) => (
          <div key={key} className="figure" data-figure={key}>
            <dt>{deskTexts.figures[key]}</dt>
            <dd>{formatCount(stats[key])}</dd>
          </div>
        ))}
      </dl>
      <h3>{deskTexts.topBooks}</h3>
      {stats.topBooks.length === 0 ? (
        <p className="muted">{deskTexts.noTopBooks}</p>
      ) : (
        <ol className="top-books">
          {stats.topBooks.map((top) => (
            <li key={top.bookId}>
              <Link to={`/books/${encodeURIComponent(top.bookId)}`}>{top.book?.title ?? top.bookId}</Link>{" "}
              <span className="muted">{deskTexts.pickupsOf(top.pickups)}</span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

/** Days from the 1st of this month to today, both counted: the window of "this month". */
export function daysOfThisMonth(now: Date = new Date()): number {
  return now.getDate();
}
