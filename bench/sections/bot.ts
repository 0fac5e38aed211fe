import { createHash, randomBytes } from "node:crypto";
import * as mariadb from "mariadb";
import type { User } from "telegraf/types";
import { FakeBotApi } from "../../bot/test/support/fake-bot-api.ts";
import { GraphQLCounter } from "../../bot/test/support/graphql-counter.ts";
import { connectionConfig } from "../../server/src/db/migrate.ts";
import { Bench, mb, ms, type Row, type SectionResult } from "../lib/bench.ts";
import { ServerProcess } from "../lib/children.ts";
import { createBenchDatabase } from "../lib/database.ts";

/**
 * Section "bot": the real bot (bot/src, in its own process) driven through the loopback Bot API the bot's tests
 * use (bot/test/support/fake-bot-api.ts), on a kurin instance as the other sections start it, with the Sheets
 * emulator's latency OFF (Google's latency is what the cache is for; this times the bot and kurin). One reader
 * with a phone and five books on loan opens, one update at a time: a book card (/start book_<id>), the
 * categories, a category's page of 10, /my, and a booking (the confirmation, then the booked card; a cancel
 * after each, so the same book can be booked again).
 *
 * Time: from the moment the fake hands the update to the bot (its getUpdates answer) to the moment the bot's
 * reply for the screen arrives (sendMessage or editMessageText), performance.now() in this process on both ends.
 * Requests: POST /graphql made for the reader, counted by a relay in front of kurin (bot/test/support/
 * graphql-counter.ts), during a first pass; the timed pass runs a second bot straight on kurin, without the relay.
 */

const TELEGRAM_ID = 990_000_101;
const LOANS = 5;
const P99_TARGET_MS = 50;

interface Screen {
  name: string;
  /** in the table; undefined: not one of the screens (shown for what it costs, without a target) */
  target: boolean;
  /** sends the update(s) of the screen; answers the update whose reply is timed */
  act(fake: FakeBotApi, reader: User): number;
}

export async function botScreens(bench: Bench): Promise<SectionResult> {
  // 200: a p99 of 60 rounds is the slowest one alone; of 200 it is the second slowest, one stray stall less.
  const samples = Math.max(20, Math.round(Number(process.env.BENCH_BOT_SAMPLES || 200)));
  const books = pickBooks(bench.demoRows);
  // A database of its own: §4 leaves its readers' loans on the same demo books in the run's database.
  const db = await createBenchDatabase();
  const token = await seedReader(db.url, books.onLoan).catch(async (error: unknown) => {
    await db.drop();
    throw error;
  });
  const sheets = await bench.sheets();
  sheets.latency(false);
  const fake = await FakeBotApi.start();
  const reader: User = { id: TELEGRAM_ID, is_bot: false, first_name: "Bench", last_name: "Reader", language_code: "uk" };
  const screens = screensFor(books);
  let counter: GraphQLCounter | undefined;
  let bot: ServerProcess | undefined;
  try {
    // Room for the five loans and the booking on top (the library default is 3 at a time), and for a booking
    // and a cancel a round (a reader may make 30 changes a minute by default).
    const kurin = await bench.kurin("kurin-bot", sheets, bench.prefix("bot"), { DATABASE_URL: db.url, LOAN_MAX_OPEN: "10", MUTATIONS_PER_MINUTE_PER_READER: "100000" });
    const botEnv = (apiUrl: string) => ({ TELEGRAM_BOT_TOKEN: fake.token, TELEGRAM_API_ROOT: fake.url, KURIN_API_URL: apiUrl, KURIN_API_TOKEN: token });

    // Pass 1: requests per screen, through the counting relay.
    counter = await GraphQLCounter.start(kurin.url);
    bot = await ServerProcess.start({ script: "bot.ts", name: "bot-counted", env: botEnv(`${counter.url}/graphql`) });
    const requests: Record<string, number[]> = {};
    for (let round = 0; round < 3; round++) {
      for (const screen of screens) {
        const before = counter.requestsFor(reader.id);
        await handled(fake, screen.act(fake, reader));
        (requests[screen.name] ??= []).push(counter.requestsFor(reader.id) - before);
      }
    }
    await bot.stop();
    await counter.stop();
    counter = undefined;

    // Pass 2: time, straight on kurin. A warm-up round first (the bot's first requests open connections).
    bot = await ServerProcess.start({ script: "bot.ts", name: "bot", env: botEnv(`${kurin.url}/graphql`), cpuProfile: bench.options.profile });
    for (const screen of screens) await handled(fake, screen.act(fake, reader));
    const times: Record<string, number[]> = {};
    // CPU both processes spent on each screen (the kernel counts in 10 ms ticks: summed over the samples, then
    // divided), which moves much less than the time when other work crowds the machine's two cores.
    const cpu: Record<string, { bot: number; kurin: number }> = {};
    for (let round = 0; round < samples; round++) {
      for (const screen of screens) {
        const [bot0, kurin0] = [bot.cpuMs(), kurin.cpuMs()];
        (times[screen.name] ??= []).push(await replyTime(fake, reader, screen.act(fake, reader)));
        const spent = (cpu[screen.name] ??= { bot: 0, kurin: 0 });
        spent.bot += bot.cpuMs() - bot0;
        spent.kurin += kurin.cpuMs() - kurin0;
      }
    }
    const botRss = bot.rss();
    await bot.stop();
    await bench.stop(kurin);

    const rows: Row[] = screens.map((screen) => {
      const t = times[screen.name]!;
      const n = requests[screen.name]!;
      const p50 = percentile(t, 0.5);
      const p99 = percentile(t, 0.99);
      const perScreen = Math.max(...n);
      const c = cpu[screen.name]!;
      const value = `p50 ${ms(p50)}, p99 ${ms(p99)}; ${n.join("/")} GraphQL req; CPU ${ms(c.bot / samples)} bot + ${ms(c.kurin / samples)} kurin`;
      const row: Row = { section: "bot", figure: `bot: ${screen.name}`, value };
      if (!screen.target) return row;
      return { ...row, target: `p99 ≤ ${P99_TARGET_MS} ms; 1 req`, met: p99 <= P99_TARGET_MS && perScreen === 1 };
    });
    rows.push({ section: "bot", figure: "bot: rounds timed (p99: the value below which 99% fall)", value: `${samples}, after a warm-up round` });
    rows.push({ section: "bot", figure: "bot: RSS after the screens (run through tsx)", value: mb(botRss) });
    return { rows, data: { samples, books, requests, times, cpuMsPerScreen: cpu, botRss } };
  } finally {
    await bot?.stop();
    await counter?.stop();
    await fake.stop();
    await bench.stopSheets(sheets);
    await db.drop();
  }
}

function screensFor(books: ReturnType<typeof pickBooks>): Screen[] {
  return [
    { name: "book card (/start book_<id>)", target: true, act: (fake, reader) => fake.text(reader, `/start book_${books.card}`) },
    { name: "categories (/books)", target: false, act: (fake, reader) => fake.text(reader, "/books") },
    { name: `page of 10 («${books.category}»)`, target: true, act: (fake, reader) => fake.press(reader, categoryButton(fake, reader, books.category)) },
    { name: `/my with ${LOANS} loans`, target: true, act: (fake, reader) => fake.text(reader, "/my") },
    { name: "booking: card to book", target: false, act: (fake, reader) => fake.text(reader, `/start book_${books.toBook}`) },
    { name: "booking: confirmation step", target: true, act: (fake, reader) => fake.press(reader, `k:${books.toBook}`) },
    { name: "booking: booked", target: true, act: (fake, reader) => fake.press(reader, `K:${books.toBook}`) },
    { name: "cancel the booking", target: false, act: (fake, reader) => fake.press(reader, `x:${books.toBook}`) },
  ];
}

/** The button of a category on the newest categories list in the reader's chat. */
function categoryButton(fake: FakeBotApi, reader: User, category: string): string {
  const button = fake.buttonsOf(fake.last(reader.id)).find((b) => b.text.startsWith(`${category} ·`));
  if (!button?.callback_data) throw new Error(`no button for category ${category} on the last message`);
  return button.callback_data;
}

async function handled(fake: FakeBotApi, updateId: number): Promise<void> {
  await fake.handled(updateId, 30_000);
}

/** Milliseconds from handing the update to the bot to its first sendMessage / editMessageText to the reader. */
async function replyTime(fake: FakeBotApi, reader: User, updateId: number): Promise<number> {
  const from = fake.calls.length;
  await handled(fake, updateId);
  const handedAt = fake.handedAt.get(updateId)!;
  const reply = fake.calls.slice(from).find((c) => (c.method === "sendMessage" || c.method === "editMessageText") && Number(c.params.chat_id) === reader.id);
  if (!reply) throw new Error(`update ${updateId} got no reply`);
  // A screen answered with a sentence instead (a refusal, "try again"): what it said, rather than a wrong time.
  const keyboard = (reply.params.reply_markup as { inline_keyboard?: unknown[] } | undefined)?.inline_keyboard;
  if (!keyboard?.length) throw new Error(`update ${updateId} was answered "${String(reply.params.text).slice(0, 200)}"`);
  return reply.arrivedAt - handedAt;
}

function percentile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

/** From the demo catalogue: five books for the loans, an available one to book, one for the card, the largest category. */
function pickBooks(rows: string[][]) {
  const [header, ...rest] = rows;
  const column = (name: string) => header!.indexOf(name);
  const [id, status, due, categories] = [column("id"), column("Status"), column("Заброньовано до:"), column("Categories")];
  const listed = rest.filter((r) => (r[id] ?? "").trim() !== "");
  const available = listed.filter((r) => !(r[status] ?? "").trim() && !(r[due] ?? "").trim()).map((r) => r[id]!.trim());
  if (available.length < LOANS + 2) throw new Error("the demo catalogue has too few available books");
  const counts = new Map<string, number>();
  for (const r of listed) for (const c of (r[categories] ?? "").split(",").map((s) => s.trim()).filter(Boolean)) counts.set(c, (counts.get(c) ?? 0) + 1);
  const category = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]![0];
  return { onLoan: available.slice(0, LOANS), toBook: available[LOANS]!, card: available[LOANS + 1]!, category };
}

/** The reader (with a phone, so a booking asks for none) and their loans, picked up a day ago; a BOT token. */
async function seedReader(databaseUrl: string, bookIds: string[]): Promise<string> {
  const token = `kurin_${randomBytes(32).toString("base64url")}`;
  const conn = await mariadb.createConnection(connectionConfig(databaseUrl, new URL(databaseUrl).pathname.slice(1)));
  try {
    await conn.query("INSERT INTO `ApiToken` (`name`, `tokenHash`, `role`) VALUES (?, ?, 'BOT')", ["bench-telegram-bot", createHash("sha256").update(token, "utf8").digest("hex")]);
    const reader = await conn.query(
      "INSERT INTO `Reader` (`telegramId`, `name`, `phone`, `languageCode`, `role`, `updatedAt`) VALUES (?, ?, ?, 'uk', 'READER', NOW(3))",
      [TELEGRAM_ID, "Bench Reader", "+380500000101"],
    );
    const readerId = Number(reader.insertId);
    await conn.batch(
      "INSERT INTO `Loan` (`bookId`, `readerId`, `openBookId`, `bookedAt`, `deliveredAt`, `pickedUpAt`, `dueAt`, `updatedAt`) " +
        "VALUES (?, ?, ?, NOW(3) - INTERVAL 3 DAY, NOW(3) - INTERVAL 2 DAY, NOW(3) - INTERVAL 1 DAY, NOW(3) + INTERVAL 13 DAY, NOW(3))",
      bookIds.map((bookId) => [bookId, readerId, bookId]),
    );
  } finally {
    await conn.end();
  }
  return token;
}
