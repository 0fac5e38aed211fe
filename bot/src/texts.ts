import type { Book, BookStatus, Category } from "./api.ts";

/** Every text a reader sees, in Ukrainian, in one place. */

export const statusWords: Record<BookStatus, string> = {
  AVAILABLE: "є на полиці",
  BOOKED: "заброньована",
  DELIVERED: "чекає на видачу",
  PICKED_UP: "на руках",
  RETURNED: "повернена, чекає підтвердження",
  UNKNOWN: "статус невідомий",
};

export const texts = {
  start: [
    "Вітаємо у громадській бібліотеці! 📚",
    "",
    "Тут можна знайти паперову книжку з нашого каталогу й дізнатися, чи вона зараз є на полиці.",
    "",
    "• Напишіть назву книжки або прізвище автора — я покажу, що знайшлося.",
    "• /categories — усі категорії й скільки в кожній книжок.",
    "",
    "Бронювання книжок через бота з'явиться незабаром.",
  ].join("\n"),

  categoriesTitle: "Категорії каталогу:",
  noCategories: "Каталог поки що порожній.",
  notFound: "Нічого не знайдено",
  emptyQuery: "Напишіть назву книжки або прізвище автора, і я пошукаю в каталозі.",
  queryTooLong: (max: number) => `Запит задовгий: напишіть до ${max} символів.`,
  unknownCommand: "Не знаю такої команди. Спробуйте /start або просто напишіть назву книжки.",
  error: "Вибачте, щось пішло не так. Спробуйте, будь ласка, трохи пізніше.",

  foundCount: (shown: number, total: number) =>
    total > shown ? `Знайдено книжок: ${total}. Ось перші ${shown}:` : `Знайдено книжок: ${total}.`,
  bookLine: (book: Book) => {
    const author = book.author?.trim() ? ` — ${book.author.trim()}` : "";
    return `«${book.title}»${author} (${statusWords[book.status] ?? statusWords.UNKNOWN})`;
  },
  categoryLine: (category: Category) => `• ${category.name} — ${category.bookCount}`,
} as const;

/** Commands shown in Telegram's menu. */
export const commandMenu = [
  { command: "start", description: "Що вміє цей бот" },
  { command: "categories", description: "Категорії книжок" },
] as const;
