import { Composer } from "telegraf";
import type { InlineKeyboardButton } from "telegraf/types";
import { MyBooks, type OwnLoan } from "../api/operations.ts";
import type { BotContext } from "../context.ts";
import { escapeHtml, type Texts } from "../i18n/index.ts";
import { bookCallback, MY_BOOKS } from "../ui/callbacks.ts";
import { button, shortTitle, show, type View } from "../ui/view.ts";

/**
 * /my: the reader's open loans grouped as the old bot's "my books" showed them (waiting for delivery, ready at the
 * pickup point, on loan with the days left, overdue, returned and waiting for a librarian), each with its buttons.
 */

const GROUPS = ["ready", "waiting", "overdue", "onLoan", "returned"] as const;
type Group = (typeof GROUPS)[number];

const DAY_MS = 24 * 3600 * 1000;

function groupOf(loan: OwnLoan): Group {
  if (loan.state === "DELIVERED") return "ready";
  if (loan.state === "BOOKED") return "waiting";
  if (loan.state === "RETURNED") return "returned";
  return loan.overdue ? "overdue" : "onLoan";
}

export function myBooksView(texts: Texts, loans: readonly OwnLoan[], now: number): View {
  const { t } = texts;
  if (loans.length === 0) return { text: t("myEmpty") };
  const lines = [t("myTitle")];
  const keyboard: InlineKeyboardButton[][] = [];
  for (const group of GROUPS) {
    const members = loans.filter((loan) => groupOf(loan) === group);
    if (members.length === 0) continue;
    lines.push("", `<b>${t(`myGroup_${group}`)}</b>`);
    for (const loan of members) {
      const title = loan.book?.title ?? loan.bookId;
      lines.push(`• ${escapeHtml(title)}${loan.book?.author ? ` — ${escapeHtml(loan.book.author)}` : ""}${dueNote(texts, loan, now)}`);
      keyboard.push(...loanButtons(texts, loan, shortTitle(title)));
    }
  }
  return { text: lines.join("\n"), keyboard };
}

function dueNote(texts: Texts, loan: OwnLoan, now: number): string {
  if (!loan.dueAt || (loan.state !== "PICKED_UP" && loan.state !== "RETURNED")) return "";
  const date = loan.dueDate ? texts.date(loan.dueDate) : texts.date(loan.dueAt);
  if (loan.state === "RETURNED") return "";
  const days = (Date.parse(loan.dueAt) - now) / DAY_MS;
  const count = loan.overdue ? Math.max(1, Math.floor(-days)) : Math.max(0, Math.ceil(days));
  return ` (${date}; ${texts.t(loan.overdue ? "daysOverdue" : "daysLeft", { count })})`;
}

function loanButtons(texts: Texts, loan: OwnLoan, title: string): InlineKeyboardButton[][] {
  const { t } = texts;
  const open = button(`📖 ${title}`, bookCallback("view", loan.bookId));
  switch (loan.state) {
    case "DELIVERED":
      return [[...button(`${t("pickedUpButton")} · ${title}`, bookCallback("pickedUp", loan.bookId))], [...button(`${t("cancelButton")} · ${title}`, bookCallback("cancel", loan.bookId))]];
    case "BOOKED":
      return [[...button(`${t("cancelButton")} · ${title}`, bookCallback("cancel", loan.bookId))]];
    case "PICKED_UP":
      return [[...button(`${t("returnedButton")} · ${title}`, bookCallback("returned", loan.bookId))]];
    default:
      return [open];
  }
}

export function myBooksFeature(now: () => number = Date.now): Composer<BotContext> {
  const feature = new Composer<BotContext>();
  const showMine = async (ctx: BotContext) => {
    const { me } = await ctx.kurin.request(MyBooks, {});
    await show(ctx, myBooksView(ctx.texts, me?.loans ?? [], now()));
  };
  feature.command("my", showMine);
  feature.action(MY_BOOKS, showMine);
  return feature;
}
