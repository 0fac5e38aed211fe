import type { InlineKeyboardButton } from "telegraf/types";
import type { BookPageOf, CategoryOf } from "../api/operations.ts";
import { escapeHtml, type Texts } from "../i18n/index.ts";
import { ALL_BOOKS, bookCallback, CATEGORIES, categoryCallback, categoryKey, NOTHING } from "./callbacks.ts";
import { button, rows, type View } from "./view.ts";

/** Lists of books: the categories, a category's page, search results. */

export const PAGE_SIZE = 10;

export function categoriesView(texts: Texts, categories: readonly CategoryOf[], total: number, note?: string): View {
  const { t } = texts;
  if (categories.length === 0 && total === 0) return { text: t("noCategories") };
  const buttons = categories.map((c) => ({ text: t("categoryButton", { name: c.name, count: c.bookCount, interpolation: { escapeValue: false } }), callback_data: categoryCallback(categoryKey(c.name), 0) }));
  const keyboard = [...rows(buttons, 2), [{ text: t("allBooksButton", { count: total }), callback_data: categoryCallback(ALL_BOOKS, 0) }]];
  return { text: note ? `${escapeHtml(note)}\n\n${t("categoriesTitle")}` : t("categoriesTitle"), keyboard };
}

/** Numbered lines with an availability mark, and one numbered button per book opening its card. */
function bookLines(texts: Texts, books: BookPageOf["nodes"], firstNumber: number): { lines: string[]; buttons: InlineKeyboardButton[] } {
  const { t } = texts;
  const lines = books.map((book, i) => {
    const mark = book.status === "AVAILABLE" ? t("markAvailable") : t("markUnavailable");
    const author = book.author ? ` — ${escapeHtml(book.author)}` : "";
    const edition = book.edition ? `, <i>${escapeHtml(book.edition)}</i>` : "";
    return `${firstNumber + i}. ${mark} <b>${escapeHtml(book.title)}</b>${author}${edition}`;
  });
  const buttons = books.flatMap((book, i) => button(`${firstNumber + i} ${book.status === "AVAILABLE" ? t("markAvailable") : t("markUnavailable")}`, bookCallback("view", book.id)));
  return { lines, buttons };
}

export function categoryPageView(texts: Texts, category: { name: string | null; key: string }, page: number, books: BookPageOf): View {
  const { t } = texts;
  if (books.totalCount === 0) return { text: t("emptyCategory"), keyboard: [[{ text: t("backToCategoriesButton"), callback_data: CATEGORIES }]] };
  const pages = Math.ceil(books.totalCount / PAGE_SIZE);
  const from = page * PAGE_SIZE + 1;
  const { lines, buttons } = bookLines(texts, books.nodes, from);
  const header = t("pageHeader", { category: category.name ?? t("allBooks"), from, to: from + books.nodes.length - 1, count: books.totalCount });
  const nav: InlineKeyboardButton[] = [];
  if (page > 0) nav.push({ text: t("prevButton"), callback_data: categoryCallback(category.key, page - 1) });
  nav.push({ text: t("pageIndicator", { page: page + 1, pages }), callback_data: NOTHING });
  if (page + 1 < pages) nav.push({ text: t("nextButton"), callback_data: categoryCallback(category.key, page + 1, books.pageInfo.endCursor) });
  return {
    text: [header, "", ...lines, "", `<i>${t("legend")}</i>`].join("\n"),
    keyboard: [...rows(buttons, 5), nav, [{ text: t("backToCategoriesButton"), callback_data: CATEGORIES }]],
  };
}

export function searchView(texts: Texts, books: BookPageOf): View {
  const { t } = texts;
  if (books.nodes.length === 0) return { text: t("notFound") };
  const { lines, buttons } = bookLines(texts, books.nodes, 1);
  const header = [t("searchFound", { count: books.totalCount })];
  if (books.totalCount > books.nodes.length) header.push(t("searchShowing", { shown: books.nodes.length }));
  return { text: [header.join(". "), "", ...lines].join("\n"), keyboard: rows(buttons, 5) };
}
