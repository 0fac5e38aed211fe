import { describe, expect, it } from "vitest";
import type { LibrarianLoan } from "../src/api/operations.ts";
import { pendingView } from "../src/features/librarian.ts";
import { textsFor } from "../src/i18n/index.ts";

function loan(bookId: string, state: LibrarianLoan["state"], extra: Partial<LibrarianLoan> = {}): LibrarianLoan {
  return {
    id: bookId,
    bookId,
    state,
    dueDate: null,
    returnPhotoFileId: null,
    book: { title: `Book <${bookId}>`, author: "A & B", edition: null },
    reader: { name: "Olena K", phone: "+380501234567", username: "olena", telegramId: "42" },
    ...extra,
  };
}

describe("/pending", () => {
  it("lists deliveries and returns with their buttons, and overdue loans with the reader's name, phone, @username and due date", () => {
    const queue = (nodes: LibrarianLoan[]) => ({ totalCount: nodes.length, nodes });
    const view = pendingView(textsFor("uk"), {
      deliveries: queue([loan("1", "BOOKED"), loan("2", "BOOKED", { reader: { name: "Ihor", phone: null, username: null, telegramId: "43" } })]),
      returns: queue([loan("3", "RETURNED", { returnPhotoFileId: "photo" })]),
      overdue: queue([loan("4", "PICKED_UP", { dueDate: "2026-11-20" })]),
    });
    expect(view.text).toContain("Доставити на пункт видачі: 2 книжки");
    expect(view.text).toContain("Підтвердити повернення: 1 книжка");
    expect(view.text).toContain("Прострочені: 1 книжка");
    expect(view.text).toContain("<b>Book &lt;4&gt;</b> — A &amp; B (Повернути до: 20 листопада 2026 р.)\n   Olena K, +380501234567, @olena");
    expect(view.text).toContain("Ihor, телефон не вказано");
    expect(view.keyboard!.flat().map((b) => ("callback_data" in b ? b.callback_data : ""))).toEqual(["d:1", "d:2", "f:3"]);
    const empty = pendingView(textsFor("en"), { deliveries: queue([]), returns: queue([]), overdue: queue([]) });
    expect(empty.text).toContain("All done");
  });
});
