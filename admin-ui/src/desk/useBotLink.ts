/** The bot's deep link to a book (`https://t.me/<bot>?start=book_<id>`), or null while the server names no bot. */
export function useBotLink(): ((bookId: string) => string) | null {
  return null;
}
