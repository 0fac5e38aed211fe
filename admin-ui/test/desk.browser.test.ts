import { rmSync } from "node:fs";
import jsQR from "jsqr";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakeBotApi } from "../../bot/test/support/fake-bot-api.ts";
import { availableBooks, lendBook, MUTATIONS, startLendingKurin, telegramUser, type LendingKurin } from "../../server/test/support/lending.ts";
import { TOKEN_STORAGE_KEY } from "../src/session.ts";
import { formatDate } from "../src/format.ts";
import { deskTexts, errorTexts, holdTexts, liveTexts, loanStateLabels, navTexts, outsideTexts, renewTexts, sessionTexts, summaryTexts } from "../src/texts.ts";
import { builtDashboard, DESKTOP, launchChromium, newPage, PHONE, screenshot, seriousViolations, sidewaysOverflow, smallTouchTargets } from "./support/browser.ts";

/**
 * "Сьогодні" and the reader's page as a librarian uses them: the built admin UI served by a whole kurin (real
 * MariaDB, Redis and Sheets emulator) in headless Chromium, with readers acting through the API as the bot does.
 */

const DAY_MS = 86_400_000;
const PHOTO_ID = "AgACAgIAAxkBAAIBZ2shelf-photo";

describe("the librarians' desk in Chromium", () => {
  let t: LendingKurin;
  let browser: Browser;
  let page: Page;
  let builtInto: string | undefined;
  // kurin's clock: the real one moved by this much (the overdue test lends a book 20 days ago).
  let clockOffsetMs = 0;
  let books: string[];
  let telegram: FakeBotApi;
  const cspViolations: string[] = [];

  beforeAll(async () => {
    const ui = await builtDashboard();
    builtInto = ui.temporary ? ui.dir : undefined;
    telegram = await FakeBotApi.start();
    t = await startLendingKurin("desk", {
      env: { ADMIN_UI_DIR: ui.dir, TELEGRAM_BOT_TOKEN: telegram.token, TELEGRAM_API_ROOT: telegram.url },
      now: () => Date.now() + clockOffsetMs,
    });
    books = availableBooks(t, 7);
    browser = await launchChromium();
    page = await newPage(browser);
    // The server's Content-Security-Policy must not block anything the desk does (the shelf photo's blob: URL,
    // graphql-ws, the QR codes): every page reports what the browser blocked.
    await page.exposeFunction("reportCspViolation", (text: string) => cspViolations.push(text));
    await page.addInitScript(() =>
      document.addEventListener("securitypolicyviolation", (event) => {
        (window as unknown as { reportCspViolation(text: string): void }).reportCspViolation(`${event.violatedDirective} ${event.blockedURI}`);
      }),
    );
    await page.goto(t.kurin.url);
    await page.evaluate(([key, token]) => localStorage.setItem(key!, token!), [TOKEN_STORAGE_KEY, t.tokens.librarian]);
    // The reader's shelf photo, as Telegram keeps it: a 48 x 32 PNG.
    telegram.addFile(PHOTO_ID, await page.screenshot({ clip: { x: 0, y: 0, width: 48, height: 32 } }));
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await t?.stop();
    await telegram?.stop();
    if (builtInto) rmSync(builtInto, { recursive: true, force: true });
  });

  const queue = (name: string) => page.locator(`section[data-queue="${name}"]`);
  const card = (name: string, bookId: string) => queue(name).locator(`li[data-book-id="${bookId}"]`);

  async function ok<T>(result: Promise<{ data?: T; errors?: unknown[] }>): Promise<T> {
    const answer = await result;
    expect(answer.errors).toBeUndefined();
    return answer.data!;
  }

  /** Opens "Сьогодні" and waits until its loanEvents subscription has been sent to the server. */
  async function openDesk(): Promise<void> {
    const subscribed = new Promise<void>((resolve) => {
      page.on("websocket", (socket) =>
        socket.on("framesent", (frame) => {
          if (String(frame.payload).includes('"subscribe"') && String(frame.payload).includes("DeskLoanEvents")) resolve();
        }),
      );
    });
    await page.goto(t.kurin.url);
    await queue("toDeliver").waitFor();
    await subscribed;
  }

  async function title(bookId: string): Promise<string> {
    const { book } = await ok(t.librarian().gql<{ book: { title: string } }>(`query($id: ID!) { book(id: $id) { title } }`, { id: bookId }));
    return book.title;
  }

  it("starts with a skip link to the page's content, and signs in from the header, saying who and as what", async () => {
    await page.goto(t.kurin.url);
    await page.getByRole("button", { name: sessionTexts.signOut }).click();
    await page.reload(); // the keyboard starts from the top of a page just opened
    await page.locator("header summary").waitFor();
    await page.keyboard.press("Tab");
    const skip = page.getByRole("link", { name: navTexts.skip });
    expect(await skip.evaluate((link) => link === document.activeElement)).toBe(true);
    await page.keyboard.press("Enter");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("main");

    const header = page.locator("header");
    await header.locator("summary", { hasText: sessionTexts.signIn }).click();
    await header.getByLabel(sessionTexts.tokenLabel).fill(t.tokens.librarian);
    await header.getByRole("button", { name: sessionTexts.signIn }).click();
    await page.getByTestId("session").filter({ hasText: sessionTexts.signedInAs("librarian", "LIBRARIAN") }).waitFor();
    await queue("toDeliver").waitFor();
  });

  it("shows a booking made through the API without a reload, with the reader's phone and @username, and a notice", async () => {
    await ok(t.reader(1).gql(`mutation { setMyPhone(phone: "+380501112233") { id } }`));
    await openDesk();
    await page.getByTestId("session").filter({ hasText: sessionTexts.signedInAs("librarian", "LIBRARIAN") }).waitFor();
    await page.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));

    await ok(t.reader(1).gql(MUTATIONS.bookItem, { bookId: books[0] }));
    const booked = card("toDeliver", books[0]!);
    await booked.waitFor();
    expect(await booked.locator('a[href^="tel:"]').getAttribute("href")).toBe("tel:+380501112233");
    expect(await booked.textContent()).toContain(`@${telegramUser(1).username}`);
    expect(await booked.getByRole("button", { name: deskTexts.deliver }).count()).toBe(1);
    const notice = page.getByTestId("live-notice").filter({ hasText: liveTexts.events.BOOKED(await title(books[0]!), "") });
    await notice.first().waitFor();
    expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
  });

  it("«Доставлено» writes «delivered» into the Sheet's Status cell and moves the card to «waiting for the reader»", async () => {
    expect(t.emulator.getCell(books[0]!, "Status")).toBe("booked");
    await card("toDeliver", books[0]!).getByRole("button", { name: deskTexts.deliver }).click();
    await card("waiting", books[0]!).waitFor();
    await card("toDeliver", books[0]!).waitFor({ state: "detached" });
    expect(t.emulator.getCell(books[0]!, "Status")).toBe("delivered");
    const { loans } = await ok(t.librarian().gql<{ loans: { nodes: Array<{ state: string }> } }>(`query($b: ID!) { loans(bookId: $b) { nodes { state } } }`, { b: books[0] }));
    expect(loans.nodes.map((l) => l.state)).toEqual(["DELIVERED"]);
    expect(await card("waiting", books[0]!).textContent()).toContain(deskTexts.waitingDays(0));
  });

  it("says in Ukrainian why «Доставлено» was refused when the Sheet says otherwise, and changes nothing", async () => {
    await ok(t.reader(2).gql(MUTATIONS.bookItem, { bookId: books[1] }));
    await card("toDeliver", books[1]!).waitFor();
    // A librarian marked the book returned in the Sheet by hand; kurin has not read it yet.
    t.emulator.setCell(books[1]!, "Status", "returned");
    try {
      await card("toDeliver", books[1]!).getByRole("button", { name: deskTexts.deliver }).click();
      const outcome = card("toDeliver", books[1]!).getByTestId("loan-outcome");
      await outcome.waitFor();
      expect(await outcome.textContent()).toBe(errorTexts.codes.INVALID_TRANSITION);
      expect(await outcome.getAttribute("role")).toBe("alert");
      expect(t.emulator.getCell(books[1]!, "Status")).toBe("returned");
    } finally {
      t.emulator.setCell(books[1]!, "Status", "booked");
    }
  });

  it("«Скасувати» asks first, then puts the booked book back on the shelf and takes its card away", async () => {
    const booked = card("toDeliver", books[1]!);
    let asked = "";
    page.once("dialog", (dialog) => {
      asked = dialog.message();
      void dialog.accept();
    });
    await booked.getByRole("button", { name: deskTexts.cancel }).click();
    await booked.waitFor({ state: "detached" });
    expect(asked).toBe(deskTexts.confirmCancel(await title(books[1]!)));
    expect(t.emulator.getCell(books[1]!, "Status")).toBe("");
    const { loans } = await ok(t.librarian().gql<{ loans: { nodes: Array<{ state: string }> } }>(`query($b: ID!) { loans(bookId: $b) { nodes { state } } }`, { b: books[1] }));
    expect(loans.nodes.map((l) => l.state)).toEqual(["CANCELLED"]);
  });

  it("shows a librarian's hand edit in the Sheet as it is read, without a reload: the booking put back on the shelf leaves", async () => {
    await ok(t.reader(5).gql(MUTATIONS.bookItem, { bookId: books[6] }));
    const booked = card("toDeliver", books[6]!);
    await booked.waitFor();
    t.emulator.setCell(books[6]!, "Status", ""); // back on the shelf, by hand
    await t.kurin.books.refresh(0); // kurin reads the Sheet (the poll, the webhook or "Перечитати" do the same)
    await booked.waitFor({ state: "detached" });
    await page.getByTestId("live-notice").filter({ hasText: liveTexts.events.STATUS_EDITED(await title(books[6]!)) }).first().waitFor();
    const { loans } = await ok(t.librarian().gql<{ loans: { nodes: Array<{ state: string }> } }>(`query($b: ID!) { loans(bookId: $b) { nodes { state } } }`, { b: books[6] }));
    expect(loans.nodes.map((l) => l.state)).toEqual(["CANCELLED"]);
  });

  it("confirms from the desk a return the reader made with a photo: the card leaves, the Sheet's row is on the shelf", async () => {
    const reader = t.reader(3);
    await ok(reader.gql(MUTATIONS.bookItem, { bookId: books[2] }));
    await ok(t.librarian().gql(MUTATIONS.markAsDelivered, { bookId: books[2] }));
    await ok(reader.gql(MUTATIONS.markAsPickedUp, { bookId: books[2] }));
    await ok(reader.gql(MUTATIONS.markAsReturnedByUser, { bookId: books[2], photo: PHOTO_ID }));
    const returned = card("returns", books[2]!);
    await returned.waitFor();
    // The photo, fetched by kurin from Telegram with the bot's token, as Telegram keeps it.
    const photo = returned.getByTestId("return-photo");
    await photo.waitFor();
    await expect.poll(() => photo.evaluate((img: HTMLImageElement) => [img.complete, img.naturalWidth, img.naturalHeight])).toEqual([true, 48, 32]);

    await returned.getByRole("button", { name: deskTexts.confirm }).click();
    await returned.waitFor({ state: "detached" });
    expect(t.emulator.getCell(books[2]!, "Status")).toBe("");
    const { loans } = await ok(t.librarian().gql<{ loans: { nodes: Array<{ state: string }> } }>(`query($b: ID!) { loans(bookId: $b) { nodes { state } } }`, { b: books[2] }));
    expect(loans.nodes.map((l) => l.state)).toEqual(["CLOSED"]);
  });

  it("marks a loan picked up 20 days ago as overdue, with its days late and the reader's phone", async () => {
    const reader = t.reader(4);
    await ok(reader.gql(`mutation { setMyPhone(phone: "+380671234567") { id } }`));
    clockOffsetMs = -20 * DAY_MS;
    try {
      await ok(reader.gql(MUTATIONS.bookItem, { bookId: books[3] }));
      await ok(t.librarian().gql(MUTATIONS.markAsDelivered, { bookId: books[3] }));
      await ok(reader.gql(MUTATIONS.markAsPickedUp, { bookId: books[3] }));
    } finally {
      clockOffsetMs = 0;
    }
    const { loans } = await ok(
      t.librarian().gql<{ loans: { nodes: Array<{ dueDate: string; overdue: boolean }> } }>(`query($b: ID!) { loans(bookId: $b) { nodes { dueDate overdue } } }`, {
        b: books[3],
      }),
    );
    expect(loans.nodes[0]!.overdue).toBe(true);
    const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Kyiv" }).format(new Date());
    const late = Math.round((Date.parse(today) - Date.parse(loans.nodes[0]!.dueDate)) / DAY_MS);
    expect(late).toBeGreaterThan(0);

    await page.reload();
    const overdue = card("overdue", books[3]!);
    await overdue.waitFor();
    expect(await overdue.textContent()).toContain(deskTexts.daysLate(late));
    expect(await overdue.locator('a[href^="tel:"]').getAttribute("href")).toBe("tel:+380671234567");
    expect(await queue("overdue").locator("li").count()).toBe(1);
    expect(await page.getByTestId("morning-summary").textContent()).toContain(summaryTexts.overdue(1));
  });

  it("shows a reader's page with the book they have now and their whole history", async () => {
    const { loans } = await ok(
      t.librarian().gql<{ loans: { nodes: Array<{ reader: { id: string; name: string } }> } }>(`query($b: ID!) { loans(bookId: $b) { nodes { reader { id name } } } }`, {
        b: books[2],
      }),
    );
    const reader = loans.nodes[0]!.reader;
    // Reader 3 has had one loan (closed); a second, open now, joins it.
    await ok(t.reader(3).gql(MUTATIONS.bookItem, { bookId: books[4] }));
    await page.goto(`${t.kurin.url}/readers/${reader.id}`);
    const history = page.getByTestId("reader-history");
    await history.waitFor();
    expect(await page.locator("h1").textContent()).toContain(reader.name);
    expect(await history.locator("tbody tr").evaluateAll((rows) => rows.map((r) => r.getAttribute("data-state")))).toEqual(["BOOKED", "CLOSED"]);
    expect(await history.locator(`tr[data-state="CLOSED"]`).textContent()).toContain(loanStateLabels.CLOSED);
    expect(await page.getByTestId("reader-open").locator("tbody tr").count()).toBe(1);
  });

  it("finds a reader by @username in the readers list, with their open and overdue loans, phone and page", async () => {
    await page.goto(`${t.kurin.url}/readers`);
    await page.getByTestId("readers").locator("tbody tr").first().waitFor();
    await page.getByRole("searchbox").fill("@reader_4");
    const rows = page.getByTestId("readers").locator("tbody tr");
    await expect.poll(() => rows.count()).toBe(1);
    expect(new URL(page.url()).searchParams.get("q")).toBe("@reader_4");
    expect(await rows.locator("td").allTextContents()).toEqual(["Reader 4", "@reader_4", "+380671234567", "1", "1"]);
    await rows.getByRole("link", { name: "Reader 4" }).click();
    await page.getByTestId("reader-open").locator(`tr[data-state="PICKED_UP"]`).waitFor();
    // The search is in the URL: back to the list shows it still narrowed.
    await page.goBack();
    await expect.poll(() => rows.count()).toBe(1);
  });

  it("lists a book lent outside kurin with its due date, and puts it back on the shelf", async () => {
    const { lendingDrift } = await ok(t.librarian().gql<{ lendingDrift: { outside: Array<{ id: string; title: string; dueDate: string | null }> } }>(`{ lendingDrift { outside { id title dueDate } } }`));
    const lent = lendingDrift.outside.find((b) => b.dueDate !== null)!;
    await page.goto(`${t.kurin.url}/outside`);
    const shown = page.getByTestId("outside").locator(`li[data-book-id="${lent.id}"]`);
    await shown.waitFor();
    expect(await page.getByTestId("outside").locator("li").count()).toBe(lendingDrift.outside.length);
    expect(await shown.textContent()).toContain(deskTexts.due(lent.dueDate!.split("-").reverse().join(".")));
    page.once("dialog", (dialog) => void dialog.accept());
    await shown.getByRole("button", { name: outsideTexts.close }).click();
    await shown.waitFor({ state: "detached" });
    expect(t.emulator.getCell(lent.id, "Status")).toBe("");
    expect(t.emulator.getCell(lent.id, "Заброньовано до:")).toBe("");
    expect(await page.getByTestId("outside").locator("li").count()).toBe(lendingDrift.outside.length - 1);
  });

  it("draws a book's QR code that decodes to the bot's deep link, and a category's printable sheet of them", async () => {
    await page.goto(`${t.kurin.url}/books/${encodeURIComponent(books[5]!)}`);
    const canvas = page.getByTestId("book-qr");
    await canvas.waitFor();
    const image = await canvas.evaluate((c: HTMLCanvasElement) => {
      const pixels = c.getContext("2d")!.getImageData(0, 0, c.width, c.height);
      return { width: c.width, height: c.height, data: Array.from(pixels.data) };
    });
    const decoded = jsQR(Uint8ClampedArray.from(image.data), image.width, image.height);
    expect(decoded?.data).toBe(`https://t.me/${telegram.username}?start=book_${books[5]}`);

    const { book } = await ok(t.librarian().gql<{ book: { categories: string[] } }>(`query($id: ID!) { book(id: $id) { categories } }`, { id: books[5] }));
    const category = book.categories[0]!;
    const { books: inCategory } = await ok(t.librarian().gql<{ books: { totalCount: number } }>(`query($c: String) { books(category: $c) { totalCount } }`, { c: category }));
    await page.goto(`${t.kurin.url}/books/qr?category=${encodeURIComponent(category)}`);
    await page.getByTestId("qr-sheet").waitFor();
    expect(await page.getByTestId("qr-sheet").locator("li svg").count()).toBe(inCategory.totalCount);
  });

  it("shows a book's waiting list in order, moves a reader up, takes readers out, and renews the loan once nobody waits", async () => {
    const book = books[6]!;
    await lendBook(t, 6, book);
    const placeHold = `mutation($bookId: ID!) { placeHold(bookId: $bookId) { id position } }`;
    await ok(t.reader(7).gql(placeHold, { bookId: book }));
    await ok(t.reader(8).gql(placeHold, { bookId: book }));
    const dueBefore = await loanDue(book);

    await page.goto(`${t.kurin.url}/books/${encodeURIComponent(book)}`);
    const holds = page.getByTestId("book-holds").locator("li");
    const order = () => holds.locator(".reader-name").allTextContents();
    await expect.poll(order).toEqual(["Reader 7", "Reader 8"]);
    expect(await holds.locator(".hold-position").allTextContents()).toEqual(["1. ", "2. "]);

    await page.getByRole("button", { name: holdTexts.upFor("Reader 8") }).click();
    await expect.poll(order).toEqual(["Reader 8", "Reader 7"]);
    const { holds: queued } = await ok(t.librarian().gql<{ holds: Array<{ position: number; reader: { name: string } }> }>(`query($b: ID!) { holds(bookId: $b) { position reader { name } } }`, { b: book }));
    expect(queued.map((h) => `${h.position} ${h.reader.name}`)).toEqual(["1 Reader 8", "2 Reader 7"]);

    // Someone waits: the rules refuse, in Ukrainian, and the due date stays.
    const renew = page.getByTestId("renew");
    await renew.getByRole("button", { name: renewTexts.renew, exact: true }).click();
    await renew.getByTestId("renew-outcome").filter({ hasText: renewTexts.refused.HELD }).waitFor();
    expect(await loanDue(book)).toBe(dueBefore);

    for (const name of ["Reader 7", "Reader 8"]) {
      page.once("dialog", (dialog) => void dialog.accept());
      await page.getByRole("button", { name: holdTexts.removeFor(name) }).click();
      await page.getByTestId("holds-outcome").filter({ hasText: holdTexts.removed(name) }).waitFor();
    }
    await page.getByText(holdTexts.empty).waitFor();
    expect(await holds.count()).toBe(0);

    await renew.getByRole("button", { name: renewTexts.renew, exact: true }).click();
    const renewed = renew.locator('[data-testid="renew-outcome"].good');
    await renewed.waitFor();
    const dueAfter = await loanDue(book);
    expect(await renewed.textContent()).toBe(renewTexts.renewed(formatDate(dueAfter)));
    expect(Date.parse(dueAfter)).toBeGreaterThan(Date.parse(dueBefore));
    expect(t.emulator.getCell(book, "Заброньовано до:")).toBe(dueAfter);
  });

  async function loanDue(bookId: string): Promise<string> {
    const { loans } = await ok(t.librarian().gql<{ loans: { nodes: Array<{ dueDate: string }> } }>(`query($b: ID!) { loans(bookId: $b, first: 1) { nodes { dueDate } } }`, { b: bookId }));
    return loans.nodes[0]!.dueDate;
  }

  it("fits a 375 px phone without sideways scrolling and passes axe-core with no serious or critical violation, on every page", async () => {
    const { loans } = await ok(t.librarian().gql<{ loans: { nodes: Array<{ reader: { id: string } }> } }>(`query($b: ID!) { loans(bookId: $b) { nodes { reader { id } } } }`, { b: books[2] }));
    const { categories } = await ok(t.librarian().gql<{ categories: Array<{ name: string }> }>(`{ categories { name } }`));
    const pages: Array<[string, string, string]> = [
      ["today", "/", 'section[data-queue="overdue"] li'],
      ["readers", "/readers", "h1"],
      ["reader", `/readers/${loans.nodes[0]!.reader.id}`, '[data-testid="reader-history"]'],
      ["books", "/books", "table.catalogue tbody tr[data-book-id]"],
      ["book", `/books/${encodeURIComponent(books[3]!)}`, '[data-testid="book-history"]'],
      ["qr-sheet", `/books/qr?category=${encodeURIComponent(categories[0]!.name)}`, "h1"],
      ["outside", "/outside", "h1"],
      ["technical", "/technical", '[data-testid="hit-rate"]'],
    ];
    // The book page with a waiting list and a renewal button: a reader waits for the overdue book.
    await ok(t.reader(9).gql(`mutation($bookId: ID!) { placeHold(bookId: $bookId) { id } }`, { bookId: books[3] }));
    const phone = await newPage(browser, PHONE);
    await phone.goto(t.kurin.url);
    await phone.evaluate(([key, token]) => localStorage.setItem(key!, token!), [TOKEN_STORAGE_KEY, t.tokens.librarian]);
    await page.setViewportSize(DESKTOP);
    const problems: string[] = [];
    for (const [name, path, ready] of pages) {
      for (const [width, p] of [["desktop", page], ["phone", phone]] as const) {
        await p.goto(`${t.kurin.url}${path}`);
        await p.locator(ready).first().waitFor();
        await screenshot(p, `desk-${name}-${width}`);
        if (width === "phone") {
          const overflow = await sidewaysOverflow(p);
          if (overflow > 0) problems.push(`${path} at 375 px: ${overflow} px too wide`);
          for (const small of await smallTouchTargets(p)) problems.push(`${path} at 375 px: ${small}`);
        }
        for (const violation of await seriousViolations(p)) problems.push(`${path} (${width}): ${violation}`);
      }
    }
    await phone.context().close();
    expect(problems).toEqual([]);
  }, 120_000);

  it("the server's security headers block nothing the desk does on any of the pages above", () => {
    expect(cspViolations).toEqual([]);
  });
});
