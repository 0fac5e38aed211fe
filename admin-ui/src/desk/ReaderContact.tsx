import { Link } from "react-router";
import type { DeskLoan } from "../operations.ts";
import { deskTexts } from "../texts.ts";

/** A reader's name (to their page), phone as a tel: link and @username to Telegram. */
export function ReaderContact({ reader }: { reader: DeskLoan["reader"] }) {
  return (
    <span className="reader-contact">
      <Link to={`/readers/${reader.id}`} className="reader-name">
        {reader.name}
      </Link>
      {reader.phone ? (
        <a className="phone" href={`tel:${reader.phone}`} data-testid="phone">
          {reader.phone}
        </a>
      ) : (
        <span className="muted">{deskTexts.noPhone}</span>
      )}
      {reader.username && (
        <a className="username" href={`https://t.me/${reader.username}`} rel="noreferrer" target="_blank">
          @{reader.username}
        </a>
      )}
    </span>
  );
}
