import { createHash, randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as mariadb from "mariadb";
import { FakeBotApi, person } from "../../bot/test/support/fake-bot-api.ts";
import { connectionConfig } from "../../server/src/db/migrate.ts";
import { Bench, mb, ms, sleep, type Row, type SectionResult } from "../lib/bench.ts";
import { buildAt, thisBuild, type KurinBuild } from "../lib/builds.ts";
import { load, median } from "../lib/load.ts";
import { freePort } from "../lib/ports.ts";
import { catalogueRows } from "../lib/sheets.ts";
import { StartedProcess } from "../lib/started.ts";
import { PAGE_QUERY } from "./read-path.ts";

/**
 * Section 7: what one library's machine pays. Each build (this checkout; with BENCH_COMPARE_REF, that commit
 * too) is started by its own start scripts (server/package.json, bot/package.json), exactly as `pnpm start` and
 * the Docker image start it, and measured from the outside:
 *  - start-up: spawn to /health "ok" with a warm Redis, on the embedded emulator with the demo catalogue (what
 *    `pnpm start` runs with no configuration); the first start fills Redis and is not counted;
 *  - the server's RSS at 10,000 books: idle, after the page of 100 under load, and after 5,000 distinct long
 *    documents (each a ~15 KB unique comment and a tiny query: the parsed-document store's attack);
 *  - the bot's RSS (bot/, on its own, against that server and a loopback Bot API): idle, and after 40 updates.
 * RSS is the whole process tree's (the shell, node, and under tsx tsx's own process).
 */

export const TARGETS = { startupMs: 2000, serverRssBytes: 150e6, botRssBytes: 80e6 };
const BOOKS = 10_000;
const DOCUMENTS = 5000;
const WARM_STARTS = 3;
const BOT_UPDATES = 40;

interface Figures {
  label: string;
  startup: Array<{ ms: number; cpuMs: number }>;
  rssDemoIdle: number;
  rssIdle: number;
  rssLoaded: number;
  rssDocuments: number;
  documentsAnswered: number;
  botRssIdle: number;
  botRssActive: number;
}

export async function footprint(bench: Bench, log: (line: string) => void): Promise<SectionResult> {
  const builds: KurinBuild[] = [thisBuild(log)];
  const figures: Figures[] = [];
  try {
    if (process.env.BENCH_COMPARE_REF) builds.push(buildAt(process.env.BENCH_COMPARE_REF, log));
    for (const build of builds) {
      log(`section 7: ${build.label}`);
      figures.push({ label: build.label, ...(await startup(bench, build)), ...(await memory(bench, build)) });
    }
  } finally {
    for (const build of builds) await build.dispose();
  }
  return { rows: figures.flatMap(rowsOf), data: { books: BOOKS, documents: DOCUMENTS, targets: TARGETS, figures } };
}

function rowsOf(f: Figures): Row[] {
  const startMs = median(f.startup.map((s) => s.ms));
  const within = (value: number, target: number) => Number.isFinite(value) && value <= target;
  return [
    {
      section: "7",
      figure: `${f.label}: start-up to /health ok, warm Redis (median of ${f.startup.length}; CPU)`,
      value: `${ms(startMs)} (${f.startup.map((s) => ms(s.ms)).join(", ")}); CPU ${ms(median(f.startup.map((s) => s.cpuMs)))}`,
      target: "<= 2 s",
      met: within(startMs, TARGETS.startupMs),
    },
    { section: "7", figure: `${f.label}: server RSS idle, demo catalogue (embedded emulator)`, value: mb(f.rssDemoIdle) },
    {
      section: "7",
      figure: `${f.label}: server RSS at ${BOOKS.toLocaleString("en")} books: idle / after load / after ${DOCUMENTS.toLocaleString("en")} long documents`,
      value: `${mb(f.rssIdle)} / ${mb(f.rssLoaded)} / ${mb(f.rssDocuments)} (${f.documentsAnswered} answered)`,
      target: "<= 150 MB",
      met: within(Math.max(f.rssLoaded, f.rssDocuments), TARGETS.serverRssBytes),
    },
    {
      section: "7",
      figure: `${f.label}: bot RSS idle / after ${BOT_UPDATES} updates`,
      value: `${mb(f.botRssIdle)} / ${mb(f.botRssActive)}`,
      target: "<= 80 MB",
      met: within(Math.max(f.botRssIdle, f.botRssActive), TARGETS.botRssBytes),
    },
  ];
}

/** Start-up on the demo catalogue: one start to fill Redis, then WARM_STARTS timed ones. */
async function startup(bench: Bench, build: KurinBuild): Promise<Pick<Figures, "startup" | "rssDemoIdle">> {
  const dir = mkdtempSync(join(tmpdir(), "kurin-bench-demo-"));
  const prefix = bench.prefix(`start-${randomBytes(2).toString("hex")}`);
  const runs: Figures["startup"] = [];
  let rssDemoIdle = NaN;
  try {
    for (let i = 0; i <= WARM_STARTS; i++) {
      const port = await freePort();
      const env = { DATABASE_URL: bench.db.url, REDIS_URL: bench.redis.url, REDIS_KEY_PREFIX: prefix, HOST: "127.0.0.1", PORT: String(port), SHEETS_EMULATOR_DATA: join(dir, "demo.csv"), LOG_LEVEL: "warn", TELEGRAM_BOT_TOKEN: "" };
      const server = StartedProcess.start(`footprint-start-${i}`, build.root, "server", env);
      try {
        const healthy = await server.healthy(`http://127.0.0.1:${port}`);
        if (i > 0) runs.push(healthy);
        if (i === WARM_STARTS) {
          await sleep(3000);
          rssDemoIdle = server.rss();
        }
      } finally {
        await server.stop();
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return { startup: runs, rssDemoIdle };
}

/** The server at BOOKS books (a configured Sheet: the bench's emulator with Google's latency), then the bot. */
async function memory(bench: Bench, build: KurinBuild): Promise<Omit<Figures, "label" | "startup" | "rssDemoIdle">> {
  const sheets = await bench.sheets(catalogueRows(bench.demoRows, BOOKS));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const env = bench.env(sheets, bench.prefix(`footprint-${randomBytes(2).toString("hex")}`), { PORT: String(port), TELEGRAM_BOT_TOKEN: "" });
  const server = StartedProcess.start("footprint-server", build.root, "server", env);
  try {
    await server.healthy(url);
    await sleep(3000);
    const rssIdle = server.rss();
    await load(url, PAGE_QUERY, { seconds: bench.options.seconds * bench.options.rounds });
    const rssLoaded = server.rss();
    const documentsAnswered = await longDocuments(url);
    const rssDocuments = server.rss();
    return { rssIdle, rssLoaded, rssDocuments, documentsAnswered, ...(await bot(bench, build, url)) };
  } finally {
    await server.stop();
    await bench.stopSheets(sheets);
  }
}

/** DOCUMENTS POSTs, 10 at a time, each a distinct ~15 KB comment before `{ book(id: "1") { status } }`. */
async function longDocuments(url: string): Promise<number> {
  let next = 0;
  let answered = 0;
  const filler = "x".repeat(15_000);
  const worker = async () => {
    while (next < DOCUMENTS) {
      const i = next++;
      const query = `# ${i} ${randomBytes(8).toString("hex")} ${filler}\n{ book(id: "1") { status } }`;
      const response = await fetch(`${url}/graphql`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query }) });
      const body = (await response.json()) as { data?: { book?: unknown } };
      if (response.ok && body.data?.book) answered++;
    }
  };
  await Promise.all(Array.from({ length: 10 }, worker));
  return answered;
}

/** The bot on its own, on a BOT token written with SQL, against the loopback Bot API; a reader browses. */
async function bot(bench: Bench, build: KurinBuild, url: string): Promise<Pick<Figures, "botRssIdle" | "botRssActive">> {
  const fake = await FakeBotApi.start();
  const token = await botToken(bench.db.url);
  const env = { TELEGRAM_BOT_TOKEN: fake.token, TELEGRAM_API_ROOT: fake.url, KURIN_API_URL: `${url}/graphql`, KURIN_API_TOKEN: token, LOG_LEVEL: "warn" };
  const running = StartedProcess.start("footprint-bot", build.root, "bot", env);
  try {
    await running.logged(/is polling/);
    await sleep(3000);
    const botRssIdle = running.rss();
    const reader = person("uk", { id: 7_000_001 });
    for (let i = 0; i < BOT_UPDATES; i++) {
      // Browse: the categories, then whichever button the last screen offers, round and round.
      const buttons = i % 8 === 0 ? [] : fake.buttonsIn(reader.id).filter(Boolean);
      const id = buttons.length === 0 ? fake.text(reader, "/books") : fake.press(reader, buttons[i % buttons.length]!);
      await fake.handled(id);
    }
    const botRssActive = running.rss();
    return { botRssIdle, botRssActive };
  } finally {
    await running.stop();
    await fake.stop();
  }
}

async function botToken(databaseUrl: string): Promise<string> {
  const token = `kurin_${randomBytes(32).toString("base64url")}`;
  const conn = await mariadb.createConnection(connectionConfig(databaseUrl, new URL(databaseUrl).pathname.slice(1)));
  try {
    await conn.query("INSERT INTO `ApiToken` (`name`, `tokenHash`, `role`) VALUES (?, ?, 'BOT')", [
      `bench-bot-${randomBytes(4).toString("hex")}`,
      createHash("sha256").update(token, "utf8").digest("hex"),
    ]);
  } finally {
    await conn.end();
  }
  return token;
}
