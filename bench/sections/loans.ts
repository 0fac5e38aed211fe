import { createHash, randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import * as mariadb from "mariadb";
import { connectionConfig } from "../../server/src/db/migrate.ts";
import { Bench, ms, perSecond, x, type Row, type SectionResult } from "../lib/bench.ts";
import { graphql, interleaved, load, loadOn, pairedRatio, summarise } from "../lib/load.ts";
import { describeCommands, requestCost } from "../lib/request-cost.ts";
import { SqlCounter } from "../lib/sql-counter.ts";

/**
 * Section 4: `me { loans { book { status } } }` for a reader with 50 loans, against `book(id) { status }`, both
 * as that reader (the bot's token plus X-Telegram-User). SQL statements per request are counted by a proxy in
 * front of MariaDB (lib/sql-counter.ts), Redis commands by the private Redis. The lending API comes with issue 3:
 * until `me` and `loans` are in server/schema.graphql this section says so instead of failing.
 *
 * The reader, the loans and the token are written with SQL in the tables of prisma/schema.prisma, not through
 * kurin's services, so the section depends only on the schema and the GraphQL API.
 */

const SCHEMA = new URL("../../server/schema.graphql", import.meta.url);
const LOANS = 50;
const TELEGRAM_ID = 990_000_001;
export const LOANS_QUERY = "{ me { loans { book { status } } } }";
const SINGLE_QUERY = '{ book(id: "7") { status } }';

export function lendingApiAvailable(): boolean {
  const schema = readFileSync(SCHEMA, "utf8");
  const query = /type Query\s*{([\s\S]*?)\n}/.exec(schema)?.[1] ?? "";
  return /^\s*me\b/m.test(query) && /^\s*loans\b/m.test(schema);
}

export async function loans(bench: Bench): Promise<SectionResult> {
  const figure = `me{loans{book{status}}}, reader with ${LOANS} loans`;
  if (!lendingApiAvailable()) {
    return {
      rows: [{ section: "4", figure, value: "not available yet (no `me` / `loans` in server/schema.graphql)" }],
      data: { available: false },
    };
  }
  const { seconds, rounds } = bench.options;
  // Books of the demo catalogue (its ids are not a plain 1..n).
  const idColumn = bench.demoRows[0]!.indexOf("id");
  const bookIds = bench.demoRows
    .slice(1)
    .map((row) => (row[idColumn] ?? "").trim())
    .filter((id) => id !== "")
    .slice(0, LOANS);
  const headers = await seedReader(bench.db.url, bookIds);
  const dbUrl = new URL(bench.db.url);
  const sql = await SqlCounter.start({ host: dbUrl.hostname, port: Number(dbUrl.port || 3306) });
  const sheets = await bench.sheets();
  try {
    const server = await bench.kurin("kurin-loans", sheets, bench.prefix("loans"), { DATABASE_URL: sql.url(bench.db.url) });
    const answer = await graphql<{ me: { loans: Array<{ book: { status: string } | null }> } | null }>(server.url, LOANS_QUERY, headers);
    const served = answer.me?.loans.filter((loan) => loan.book?.status).length ?? 0;
    if (served !== LOANS) throw new Error(`me.loans answered ${served} books with a status, expected ${LOANS}`);
    await graphql(server.url, SINGLE_QUERY, headers);

    const loansCost = await requestCost({ redis: bench.redis, sql, url: server.url, query: LOANS_QUERY, headers, requests: 200 });
    const singleCost = await requestCost({ redis: bench.redis, sql, url: server.url, query: SINGLE_QUERY, headers, requests: 200 });

    for (const query of [LOANS_QUERY, SINGLE_QUERY]) await load(server.url, query, { seconds: 1, headers });
    const runs = await interleaved(
      {
        loans: () => loadOn(server, LOANS_QUERY, { seconds, headers }),
        single: () => loadOn(server, SINGLE_QUERY, { seconds, headers }),
      },
      rounds,
    );
    await bench.stop(server);
    const s = { loans: summarise(runs.loans), single: summarise(runs.single) };
    const meanRatio = pairedRatio(runs.loans, runs.single, (r) => r.mean);
    const cpuRatio = pairedRatio(runs.loans, runs.single, (r) => r.cpuMsPerRequest ?? NaN);
    const rows: Row[] = [
      { section: "4", figure, value: `${perSecond(s.loans.rps)}, p50 ${ms(s.loans.p50)}, p99 ${ms(s.loans.p99)}, CPU ${ms(s.loans.cpuMsPerRequest)}/req` },
      {
        section: "4",
        figure: "book(id){status}, same reader",
        value: `${perSecond(s.single.rps)}, p50 ${ms(s.single.p50)}, p99 ${ms(s.single.p99)}, CPU ${ms(s.single.cpuMsPerRequest)}/req`,
      },
      { section: "4", figure: "50 loans / single book: mean latency, CPU per request", value: `${x(meanRatio)}, ${x(cpuRatio)}` },
      {
        section: "4",
        figure: "50 loans: Redis round trips per request",
        value: `${loansCost.redisRoundTripsPerRequest} (${describeCommands(loansCost.redisCommands)})`,
        target: "1",
        met: Math.abs(loansCost.redisRoundTripsPerRequest - 1) < 0.05,
      },
      {
        section: "4",
        figure: "SQL statements per request: 50 loans / single book",
        value: `${loansCost.sqlStatementsPerRequest} / ${singleCost.sqlStatementsPerRequest}`,
      },
    ];
    return { rows, data: { available: true, loans: LOANS, summary: s, meanLatencyRatio: meanRatio, cpuRatio, cost: { loans: loansCost, single: singleCost } } };
  } finally {
    await bench.stopSheets(sheets);
    await sql.stop();
  }
}

/**
 * A reader (Telegram id TELEGRAM_ID) with an open loan of each book (picked up, due in two weeks), and a BOT
 * token; answers the headers the bot would send for that reader.
 */
async function seedReader(databaseUrl: string, bookIds: string[]): Promise<Record<string, string>> {
  const token = `kurin_${randomBytes(32).toString("base64url")}`;
  const conn = await mariadb.createConnection(connectionConfig(databaseUrl, new URL(databaseUrl).pathname.slice(1)));
  try {
    await conn.query("INSERT INTO `ApiToken` (`name`, `tokenHash`, `role`) VALUES (?, ?, 'BOT')", [
      "bench-bot",
      createHash("sha256").update(token, "utf8").digest("hex"),
    ]);
    const reader = await conn.query("INSERT INTO `Reader` (`telegramId`, `name`, `role`, `updatedAt`) VALUES (?, ?, 'READER', NOW(3))", [
      TELEGRAM_ID,
      "Bench Reader",
    ]);
    const readerId = Number(reader.insertId);
    const rows = bookIds.map((id) => [id, readerId, id]);
    await conn.batch(
      "INSERT INTO `Loan` (`bookId`, `readerId`, `openBookId`, `bookedAt`, `deliveredAt`, `pickedUpAt`, `dueAt`, `updatedAt`) " +
        "VALUES (?, ?, ?, NOW(3) - INTERVAL 3 DAY, NOW(3) - INTERVAL 2 DAY, NOW(3) - INTERVAL 1 DAY, NOW(3) + INTERVAL 13 DAY, NOW(3))",
      rows,
    );
  } finally {
    await conn.end();
  }
  const user = JSON.stringify({ id: TELEGRAM_ID, first_name: "Bench", last_name: "Reader" });
  return { authorization: `Bearer ${token}`, "x-telegram-user": user };
}
