/** The command menu Telegram shows, per language (Ukrainian for everyone else). */
export const COMMANDS = {
  uk: [
    { command: "books", description: "Категорії книжок" },
    { command: "my", description: "Мої книжки" },
    { command: "history", description: "Історія моїх книжок" },
    { command: "pending", description: "Черги бібліотекаря" },
    { command: "help", description: "Як це працює" },
  ],
  en: [
    { command: "books", description: "Book categories" },
    { command: "my", description: "My books" },
    { command: "history", description: "My reading history" },
    { command: "pending", description: "Librarian queues" },
    { command: "help", description: "How it works" },
  ],
} as const;
