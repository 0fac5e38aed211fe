import { useQuery } from "@apollo/client/react";
import { LIBRARY } from "../operations.ts";

/** The bot's deep link to a book (`https://t.me/<bot>?start=book_<id>`), or null while the server names no bot. */
export function useBotLink(): ((bookId: string) => string) | null {
  const { data } = useQuery(LIBRARY, { fetchPolicy: "cache-first" });
  const bot = data?.library.botUsername;
  return bot ? (bookId) => `https://t.me/${bot}?start=book_${bookId}` : null;
}
