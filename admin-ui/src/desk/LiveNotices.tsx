import { useApolloClient, useSubscription } from "@apollo/client/react";
import { useEffect, useRef, useState } from "react";
import { LOAN_EVENTS, type LoanEvent } from "../operations.ts";
import { useIsLibrarian } from "../components/useViewer.ts";
import { liveTexts } from "../texts.ts";

const NOTICE_MS = 10_000;
const MAX_NOTICES = 3;
// Several events of one moment (a booking's Sheet write and its hand-edit echo) cost one refetch.
const REFETCH_DELAY_MS = 250;

interface Notice {
  id: string;
  text: string;
}

/**
 * `loanEvents` while a librarian is signed in: each change of a book's status, from anywhere (the bot, another
 * librarian, a hand edit in the Sheet), asks every list on screen again and says what happened in a small notice.
 */
export function LiveNotices() {
  // loanEvents is for librarians (an integrator's socket would be refused).
  const librarian = useIsLibrarian();
  const client = useApolloClient();
  const [notices, setNotices] = useState<Notice[]>([]);
  const refetch = useRef<ReturnType<typeof setTimeout> | null>(null);

  const { error } = useSubscription(LOAN_EVENTS, {
    skip: !librarian,
    onData: ({ data }) => {
      const event = data.data?.loanEvents;
      if (!event) return;
      setNotices((shown) => [...shown, { id: event.id, text: describe(event) }].slice(-MAX_NOTICES));
      if (refetch.current) clearTimeout(refetch.current);
      refetch.current = setTimeout(() => void client.refetchQueries({ include: "active" }).catch(() => undefined), REFETCH_DELAY_MS);
    },
  });

  useEffect(() => {
    if (notices.length === 0) return;
    const timer = setTimeout(() => setNotices((shown) => shown.slice(1)), NOTICE_MS);
    return () => clearTimeout(timer);
  }, [notices]);

  return (
    <div className="live-notices" role="status" aria-live="polite" aria-label={liveTexts.region}>
      {librarian && error && <p className="live-notice warn">{liveTexts.offline}</p>}
      {notices.map((notice) => (
        <p key={notice.id} className="live-notice" data-testid="live-notice">
          <span>{notice.text}</span>
          <button type="button" className="link-button" onClick={() => setNotices((shown) => shown.filter((n) => n.id !== notice.id))}>
            {liveTexts.close}
          </button>
        </p>
      ))}
    </div>
  );
}

function describe(event: LoanEvent): string {
  const who = event.reader ? ` (${event.reader.name}${event.reader.username ? `, @${event.reader.username}` : ""})` : "";
  return liveTexts.events[event.type](event.bookTitle ?? event.bookId, who);
}
