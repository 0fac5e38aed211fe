import { rmSync } from "node:fs";
import jsQR from "jsqr";
import type { Browser, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { FakeBotApi } from "../../bot/test/support/fake-bot-api.ts";
import { availableBooks, lendBook, MUTATIONS, startLendingKurin, telegramUser, type LendingKurin } from "../../server/test/support/lending.ts";
import { TOKEN_STORAGE_KEY } from "../src/session.ts";
import { formatDate } from "../src/format.ts";
import { deskTexts, errorTexts, holdTexts, liveTexts, loanStateLabels, navTexts, outsideTexts, renewTexts, sessionTexts, summaryTexts } from "../src/texts.ts";
import { builtDashboard, DESKTOP, launchChromium, newPage, PHONE, screenshot, seriousViolations, sidewaysOverflow, smallTouchTargets } from "./support/browser.ts";

/**
 * "Сьогодні" and the reader's page as a librarian uses them: the built admin UI served by a whole kurin (real
 * MariaDB, Redis and Sheets emulator) in headless Chromium, with readers acting through the API as the bot does.
 * Each test makes what it shows (its own books, readers and loans), so any one passes alone and in any order.
 */

const DAY_MS = 86_400_000;
const PHOTO_ID = "AgACAgIAAxkBAAIBZ2shelf-photo";

// Each test opens the desk and makes its loans itself: more steps than a test run in order needed, so more time.
describe("the librarians' desk in Chromium", { timeout: 60_000 }, () => {
  let t: LendingKurin;
  let browser: Browser;
  let page: Page;
  let builtInto: string | undefined;
  // kurin's clock: the real one moved by this much (lendOverdue lends a book 20 days ago).
  let clockOffsetMs = 0;
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

  // The server's Content-Security-Policy must block nothing any test's pages do.
  afterEach(() => {
    expect(cspViolations.splice(0)).toEqual([]);
  });

  afterAll(async () => {
    await browser?.close();
    await t?.stop();
    await telegram?.stop();
    if (builtInto) rmSync(builtInto, { recursive: true, force: true });
  });

  /** Books on the shelf that no test has taken yet. */
  const taken = new Set<string>();
  function takeBooks(count: number): string[] {
    const books = availableBooks(t, count + taken.size).filter((id) => !taken.has(id)).slice(0, count);
    for (const id of books) taken.add(id);
    return books;
  }
  /** A Telegram reader no test has used yet ("Reader <n>", @reader_<n>). */
  let lastReader = 20;
  const newReader = () => ++lastReader;
  const phoneOf = (n: number) => `+380671${String(n).padStart(6, "0")}`;

  /** Reader `n` has had `bookId` for 20 days (booked, delivered, picked up on kurin's clock moved back): overdue. */
  async function lendOverdue(n: number, bookId: string): Promise<void> {
    clockOffsetMs = -20 * DAY_MS;
    try {
      await lendBook(t, n, bookId);
    } finally {
      clockOffsetMs = 0;
    }
  }

  /** The librarian's token in the browser (the page is on kurin's origin: every test leaves it there). */
  async function signIn(): Promise<void> {
    await page.evaluate(([key, token]) => localStorage.setItem(key!, token!), [TOKEN_STORAGE_KEY, t.tokens.librarian]);
  }

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
    await signIn();
    await page.goto(t.kurin.url);
    await queue("toDeliver").waitFor();
    await subscribed;
  }

  async function title(bookId: string): Promise<string> {
    const { book } = await ok(t.librarian().gql<{ book: { title: string } }>(`query($id: ID!) { book(id: $id) { title } }`, { id: bookId }));
    return book.title;
  }

  it("starts with a skip link to the page's content, and signs in from the header, saying who and as what", async () => {
    await signIn();
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
    const n = newReader();
    const [book] = takeBooks(1) as [string];
    await ok(t.reader(n).gql(`mutation { setMyPhone(phone: "${phoneOf(n)}") { id } }`));
    await openDesk();
    await page.getByTestId("session").filter({ hasText: sessionTexts.signedInAs("librarian", "LIBRARIAN") }).waitFor();
    await page.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));

    await ok(t.reader(n).gql(MUTATIONS.bookItem, { bookId: book }));
    const booked = card("toDeliver", book);
    await booked.waitFor();
    expect(await booked.locator('a[href^="tel:"]').getAttribute("href")).toBe(`tel:${phoneOf(n)}`);
    expect(await booked.textContent()).toContain(`@${telegramUser(n).username}`);
    expect(await booked.getByRole("button", { name: deskTexts.deliver }).count()).toBe(1);
    const notice = page.getByTestId("live-notice").filter({ hasText: liveTexts.events.BOOKED(await title(book), "") });
    await notice.first().waitFor();
    expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
  });

  it("«Доставлено» writes «delivered» into the Sheet's Status cell and moves the card to «waiting for the reader»", async () => {
    const [book] = takeBooks(1) as [string];
    await openDesk();
    await ok(t.reader(newReader()).gql(MUTATIONS.bookItem, { bookId: book }));
    await card("toDeliver", book).waitFor();
    expect(t.emulator.getCell(book, "Status")).toBe("booked");
    await card("toDeliver", book).getByRole("button", { name: deskTexts.deliver }).click();
    await card("waiting", book).waitFor();
    await card("toDeliver", book).waitFor({ state: "detached" });
    expect(t.emulator.getCell(book, "Status")).toBe("delivered");
    expect(await loanStates(book)).toEqual(["DELIVERED"]);
    expect(await card("waiting", book).textContent()).toContain(deskTexts.waitingDays(0));
  });

  it("says in Ukrainian why «Доставлено» was refused when the Sheet says otherwise, and changes nothing", async () => {
    const [book] = takeBooks(1) as [string];
    await openDesk();
    await ok(t.reader(newReader()).gql(MUTATIONS.bookItem, { bookId: book }));
    await card("toDeliver", book).waitFor();
    // A librarian marked the book returned in the Sheet by hand; kurin has not read it yet.
    t.emulator.setCell(book, "Status", "returned");
    try {
      await card("toDeliver", book).getByRole("button", { name: deskTexts.deliver }).click();
      const outcome = card("toDeliver", book).getByTestId("loan-outcome");
      await outcome.waitFor();
      expect(await outcome.textContent()).toBe(errorTexts.codes.INVALID_TRANSITION);
      expect(await outcome.getAttribute("role")).toBe("alert");
      expect(t.emulator.getCell(book, "Status")).toBe("returned");
      expect(await loanStates(book)).toEqual(["BOOKED"]);
    } finally {
      t.emulator.setCell(book, "Status", "booked");
    }
  });

  it("«Скасувати» asks first, then puts the booked book back on the shelf and takes its card away", async () => {
    const [book] = takeBooks(1) as [string];
    await openDesk();
    await ok(t.reader(newReader()).gql(MUTATIONS.bookItem, { bookId: book }));
    const booked = card("toDeliver", book);
    await booked.waitFor();
    let asked = "";
    page.once("dialog", (dialog) => {
      asked = dialog.message();
      void dialog.accept();
    });
    await booked.getByRole("button", { name: deskTexts.cancel }).click();
    await booked.waitFor({ state: "detached" });
    expect(asked).toBe(deskTexts.confirmCancel(await title(book)));
    expect(t.emulator.getCell(book, "Status")).toBe("");
    expect(await loanStates(book)).toEqual(["CANCELLED"]);
  });

  it("shows a librarian's hand edit in the Sheet as it is read, without a reload: the booking put back on the shelf leaves", async () => {
    const [book] = takeBooks(1) as [string];
    await openDesk();
    await ok(t.reader(newReader()).gql(MUTATIONS.bookItem, { bookId: book }));
    const booked = card("toDeliver", book);
    await booked.waitFor();
    t.emulator.setCell(book, "Status", ""); // back on the shelf, by hand
    await t.kurin.books.refresh(0); // kurin reads the Sheet (the poll, the webhook or "Перечитати" do the same)
    await booked.waitFor({ state: "detached" });
    await page.getByTestId("live-notice").filter({ hasText: liveTexts.events.STATUS_EDITED(await title(book)) }).first().waitFor();
    expect(await loanStates(book)).toEqual(["CANCELLED"]);
  });

  it("confirms from the desk a return the reader made with a photo: the card leaves, the Sheet's row is on the shelf", async () => {
    const [book] = takeBooks(1) as [string];
    await openDesk();
    await returnedWithPhoto(newReader(), book);
    const returned = card("returns", book);
    await returned.waitFor();
    // The photo, fetched by kurin from Telegram with the bot's token, as Telegram keeps it.
    const photo = returned.getByTestId("return-photo");
    await photo.waitFor();
    await expect.poll(() => photo.evaluate((img: HTMLImageElement) => [img.complete, img.naturalWidth, img.naturalHeight])).toEqual([true, 48, 32]);

    await returned.getByRole("button", { name: deskTexts.confirm }).click();
    await returned.waitFor({ state: "detached" });
    expect(t.emulator.getCell(book, "Status")).toBe("");
    expect(await loanStates(book)).toEqual(["CLOSED"]);
  });

  it("marks a loan picked up 20 days ago as overdue, with its days late and the reader's phone", async () => {
    const n = newReader();
    const [book] = takeBooks(1) as [string];
    await ok(t.reader(n).gql(`mutation { setMyPhone(phone: "${phoneOf(n)}") { id } }`));
    await lendOverdue(n, book);
    const { loans } = await ok(
      t.librarian().gql<{ loans: { nodes: Array<{ dueDate: string; overdue: boolean }> } }>(`query($b: ID!) { loans(bookId: $b) { nodes { dueDate overdue } } }`, {
        b: book,
      }),
    );
    expect(loans.nodes[0]!.overdue).toBe(true);
    const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Kyiv" }).format(new Date());
    const late = Math.round((Date.parse(today) - Date.parse(loans.nodes[0]!.dueDate)) / DAY_MS);
    expect(late).toBeGreaterThan(0);

    await openDesk();
    const overdue = card("overdue", book);
    await overdue.waitFor();
    expect(await overdue.textContent()).toContain(deskTexts.daysLate(late));
    expect(await overdue.locator('a[href^="tel:"]').getAttribute("href")).toBe(`tel:${phoneOf(n)}`);
    // Other tests may have lent overdue books too: the queue and the summary count what the API counts.
    const { loans: all } = await ok(t.librarian().gql<{ loans: { totalCount: number } }>(`{ loans(overdue: true) { totalCount } }`));
    expect(all.totalCount).toBeGreaterThanOrEqual(1);
    expect(await queue("overdue").locator("li").count()).toBe(all.totalCount);
    expect(await page.getByTestId("morning-summary").textContent()).toContain(summaryTexts.overdue(all.totalCount));
  });

  it("shows a reader's page with the book they have now and their whole history", async () => {
    const n = newReader();
    const [closed, open] = takeBooks(2) as [string, string];
    await returnedWithPhoto(n, closed);
    await ok(t.librarian().gql(MUTATIONS.confirmBookReturn, { bookId: closed }));
    const reader = await readerOf(closed);
    // The reader has had one loan (closed); a second, open now, joins it.
    await ok(t.reader(n).gql(MUTATIONS.bookItem, { bookId: open }));
    await signIn();
    await page.goto(`${t.kurin.url}/readers/${reader.id}`);
    const history = page.getByTestId("reader-history");
    await history.waitFor();
    expect(await page.locator("h1").textContent()).toContain(reader.name);
    expect(await history.locator("tbody tr").evaluateAll((rows) => rows.map((r) => r.getAttribute("data-state")))).toEqual(["BOOKED", "CLOSED"]);
    expect(await history.locator(`tr[data-state="CLOSED"]`).textContent()).toContain(loanStateLabels.CLOSED);
    expect(await page.getByTestId("reader-open").locator("tbody tr").count()).toBe(1);
  });

  it("finds a reader by @username in the readers list, with their open and overdue loans, phone and page", async () => {
    const n = newReader();
    const [book] = takeBooks(1) as [string];
    await ok(t.reader(n).gql(`mutation { setMyPhone(phone: "${phoneOf(n)}") { id } }`));
    await lendOverdue(n, book);
    await ok(t.reader(newReader()).gql(`{ me { id } }`)); // another reader, for the search to leave out
    await signIn();
    await page.goto(`${t.kurin.url}/readers`);
    const rows = page.getByTestId("readers").locator("tbody tr");
    await expect.poll(() => rows.count()).toBeGreaterThan(1);
    await page.getByRole("searchbox").fill(`@reader_${n}`);
    await expect.poll(() => new URL(page.url()).searchParams.get("q")).toBe(`@reader_${n}`);
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.locator("td").allTextContents()).toEqual([`Reader ${n}`, `@reader_${n}`, phoneOf(n), "1", "1"]);
    await rows.getByRole("link", { name: `Reader ${n}` }).click();
    await page.getByTestId("reader-open").locator(`tr[data-state="PICKED_UP"]`).waitFor();
    // The search is in the URL: back to the list shows it still narrowed.
    await page.goBack();
    await expect.poll(() => rows.count()).toBe(1);
  });

  it("lists a book lent outside kurin with its due date, and puts it back on the shelf", async () => {
    const { lendingDrift } = await ok(t.librarian().gql<{ lendingDrift: { outside: Array<{ id: string; title: string; dueDate: string | null }> } }>(`{ lendingDrift { outside { id title dueDate } } }`));
    const lent = lendingDrift.outside.find((b) => b.dueDate !== null)!;
    await signIn();
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
    const [book] = takeBooks(1) as [string];
    await signIn();
    await page.goto(`${t.kurin.url}/books/${encodeURIComponent(book)}`);
    const canvas = page.getByTestId("book-qr");
    await canvas.waitFor();
    const image = await canvas.evaluate((c: HTMLCanvasElement) => {
      const pixels = c.getContext("2d")!.getImageData(0, 0, c.width, c.height);
      return { width: c.width, height: c.height, data: Array.from(pixels.data) };
    });
    const decoded = jsQR(Uint8ClampedArray.from(image.data), image.width, image.height);
    expect(decoded?.data).toBe(`https://t.me/${telegram.username}?start=book_${book}`);

    const { book: shown } = await ok(t.librarian().gql<{ book: { categories: string[] } }>(`query($id: ID!) { book(id: $id) { categories } }`, { id: book }));
    const category = shown.categories[0]!;
    const { books: inCategory } = await ok(t.librarian().gql<{ books: { totalCount: number } }>(`query($c: String) { books(category: $c) { totalCount } }`, { c: category }));
    await page.goto(`${t.kurin.url}/books/qr?category=${encodeURIComponent(category)}`);
    await page.getByTestId("qr-sheet").waitFor();
    expect(await page.getByTestId("qr-sheet").locator("li svg").count()).toBe(inCategory.totalCount);
  });

  it("shows a book's waiting list in order, moves a reader up, takes readers out, and renews the loan once nobody waits", async () => {
    const [book] = takeBooks(1) as [string];
    await lendBook(t, newReader(), book);
    const [first, second] = [newReader(), newReader()];
    const [firstName, secondName] = [`Reader ${first}`, `Reader ${second}`];
    const placeHold = `mutation($bookId: ID!) { placeHold(bookId: $bookId) { id position } }`;
    await ok(t.reader(first).gql(placeHold, { bookId: book }));
    await ok(t.reader(second).gql(placeHold, { bookId: book }));
    const dueBefore = await loanDue(book);

    await signIn();
    await page.goto(`${t.kurin.url}/books/${encodeURIComponent(book)}`);
    const holds = page.getByTestId("book-holds").locator("li");
    const order = () => holds.locator(".reader-name").allTextContents();
    await expect.poll(order).toEqual([firstName, secondName]);
    expect(await holds.locator(".hold-position").allTextContents()).toEqual(["1. ", "2. "]);

    await page.getByRole("button", { name: holdTexts.upFor(secondName) }).click();
    await expect.poll(order).toEqual([secondName, firstName]);
    const { holds: queued } = await ok(t.librarian().gql<{ holds: Array<{ position: number; reader: { name: string } }> }>(`query($b: ID!) { holds(bookId: $b) { position reader { name } } }`, { b: book }));
    expect(queued.map((h) => `${h.position} ${h.reader.name}`)).toEqual([`1 ${secondName}`, `2 ${firstName}`]);

    // Someone waits: the rules refuse, in Ukrainian, and the due date stays.
    const renew = page.getByTestId("renew");
    await renew.getByRole("button", { name: renewTexts.renew, exact: true }).click();
    await renew.getByTestId("renew-outcome").filter({ hasText: renewTexts.refused.HELD }).waitFor();
    expect(await loanDue(book)).toBe(dueBefore);

    for (const name of [firstName, secondName]) {
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

  /** The states of a book's loans, newest first. */
  async function loanStates(bookId: string): Promise<string[]> {
    const { loans } = await ok(t.librarian().gql<{ loans: { nodes: Array<{ state: string }> } }>(`query($b: ID!) { loans(bookId: $b) { nodes { state } } }`, { b: bookId }));
    return loans.nodes.map((l) => l.state);
  }

  /** The reader of a book's newest loan. */
  async function readerOf(bookId: string): Promise<{ id: string; name: string }> {
    const { loans } = await ok(
      t.librarian().gql<{ loans: { nodes: Array<{ reader: { id: string; name: string } }> } }>(`query($b: ID!) { loans(bookId: $b, first: 1) { nodes { reader { id name } } } }`, { b: bookId }),
    );
    return loans.nodes[0]!.reader;
  }

  /** Reader `n` booked `bookId`, had it delivered, picked it up and returned it with a photo of the shelf. */
  async function returnedWithPhoto(n: number, bookId: string): Promise<void> {
    await lendBook(t, n, bookId);
    await ok(t.reader(n).gql(MUTATIONS.markAsReturnedByUser, { bookId, photo: PHOTO_ID }));
  }

  async function loanDue(bookId: string): Promise<string> {
    const { loans } = await ok(t.librarian().gql<{ loans: { nodes: Array<{ dueDate: string }> } }>(`query($b: ID!) { loans(bookId: $b, first: 1) { nodes { dueDate } } }`, { b: bookId }));
    return loans.nodes[0]!.dueDate;
  }

  it("fits a 375 px phone without sideways scrolling and passes axe-core with no serious or critical violation, on every page", async () => {
    // An overdue loan whose reader has a page, and a reader waiting for that book (the book page's waiting list
    // and renewal button).
    const n = newReader();
    const [overdueBook] = takeBooks(1) as [string];
    await ok(t.reader(n).gql(`mutation { setMyPhone(phone: "${phoneOf(n)}") { id } }`));
    await lendOverdue(n, overdueBook);
    await ok(t.reader(newReader()).gql(`mutation($bookId: ID!) { placeHold(bookId: $bookId) { id } }`, { bookId: overdueBook }));
    const reader = await readerOf(overdueBook);
    const { categories } = await ok(t.librarian().gql<{ categories: Array<{ name: string }> }>(`{ categories { name } }`));
    const pages: Array<[string, string, string]> = [
      ["today", "/", 'section[data-queue="overdue"] li'],
      ["readers", "/readers", "h1"],
      ["reader", `/readers/${reader.id}`, '[data-testid="reader-history"]'],
      ["books", "/books", "table.catalogue tbody tr[data-book-id]"],
      ["book", `/books/${encodeURIComponent(overdueBook)}`, '[data-testid="book-history"]'],
      ["qr-sheet", `/books/qr?category=${encodeURIComponent(categories[0]!.name)}`, "h1"],
      ["outside", "/outside", "h1"],
      ["technical", "/technical", '[data-testid="hit-rate"]'],
    ];
    await signIn();
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
  }, 300_000);

  it("hears what the server's security headers block: nothing the desk does, but an inline script", async () => {
    // The desk live (graphql-ws) with a shelf photo (a blob: URL), a book's QR code: nothing blocked.
    const [returnedBook, qrBook] = takeBooks(2) as [string, string];
    await openDesk();
    await returnedWithPhoto(newReader(), returnedBook);
    const photo = card("returns", returnedBook).getByTestId("return-photo");
    await expect.poll(() => photo.evaluate((img: HTMLImageElement) => [img.complete, img.naturalWidth])).toEqual([true, 48]);
    await page.goto(`${t.kurin.url}/books/${encodeURIComponent(qrBook)}`);
    await page.getByTestId("book-qr").waitFor();
    expect(cspViolations).toEqual([]);
    // What the policy is for: a script put into the page is not run, and the report of it is heard.
    await page.evaluate(() => {
      const script = document.createElement("script");
      script.textContent = "window.injected = true";
      document.body.append(script);
    });
    await expect.poll(() => cspViolations.length).toBe(1);
    expect(cspViolations.splice(0)).toEqual([expect.stringMatching(/^script-src(-elem)? inline$/)]);
    expect(await page.evaluate(() => (window as unknown as { injected?: boolean }).injected)).toBeUndefined();
  });
});
