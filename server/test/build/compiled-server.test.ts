import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, withServerConnection, type TestDatabase } from "../support/database.ts";
import { deleteKeys, REDIS_URL, testPrefix } from "../support/kurin.ts";
import { FakeBotApi, person } from "../../../bot/test/support/fake-bot-api.ts";

/**
 * The production build: the server's own `start` command (server/package.json: plain node on its bundle, with its
 * memory settings) runs the compiled output, on the embedded Sheets emulator with the demo catalogue, with the
 * Telegram bot in-process, and answers. The other tests run the sources; this one catches what only compiling
 * and bundling break (import specifiers, decorator metadata, the Prisma client, paths relative to the output,
 * the workspace packages' exports, a dependency that loads files at run time).
 */

const REPO = fileURLToPath(new URL("../../..", import.meta.url));
const SERVER = join(REPO, "server");
const startScript = (pkg: string) => (JSON.parse(readFileSync(join(REPO, pkg, "package.json"), "utf8")) as { scripts: { start: string } }).scripts.start;
const START = startScript("server");
const DEMO_BOOKS = 304;

describe("the compiled server (pnpm build, then the start command)", () => {
  let db: TestDatabase;
  let prefix: string;
  let dataDir: string;
  let server: ChildProcess | undefined;
  let output = "";
  let url: string;
  let fake: FakeBotApi;

  beforeAll(async () => {
    // Builds only what is missing or older than its sources (CI has built it already).
    const build = spawnSync(process.execPath, ["scripts/build.mjs", "--if-stale"], { cwd: REPO, encoding: "utf8" });
    expect(build.status, build.stderr).toBe(0);

    fake = await FakeBotApi.start();
    db = await createTestDatabase("compiled");
    prefix = testPrefix("compiled");
    dataDir = mkdtempSync(join(tmpdir(), "kurin-compiled-"));
    server = spawn("sh", ["-c", START], {
      cwd: SERVER,
      // detached: its own process group, so the shell and node stop together.
      detached: true,
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        DATABASE_URL: db.url,
        REDIS_URL,
        REDIS_KEY_PREFIX: prefix,
        HOST: "127.0.0.1",
        PORT: "0",
        SHEETS_EMULATOR_DATA: join(dataDir, "demo-catalogue.csv"),
        TELEGRAM_BOT_TOKEN: fake.token,
        TELEGRAM_API_ROOT: fake.url,
        LOG_LEVEL: "info",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    url = await new Promise<string>((resolve, reject) => {
      const read = (chunk: Buffer) => {
        output += String(chunk);
        const serving = /kurin is serving GraphQL at (http:\/\/[^\s/]+)\/graphql/.exec(output);
        if (serving) resolve(serving[1]!);
      };
      server!.stdout!.on("data", read);
      server!.stderr!.on("data", read);
      server!.once("exit", (code) => reject(new Error(`the server exited (code ${code}):\n${output}`)));
    });
  }, 300_000);

  afterAll(async () => {
    // Still running (a process killed by a signal has no exit code, only a signal code).
    if (server?.pid && server.exitCode === null && server.signalCode === null) {
      const exited = new Promise((resolve) => server!.once("exit", resolve));
      process.kill(-server.pid, "SIGTERM");
      await exited;
    }
    await fake?.stop();
    await db?.drop();
    if (prefix) await deleteKeys(prefix);
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it("runs with plain node in production mode", () => {
    expect(START).toMatch(/\bnode\b[^&|;]* dist\/bundle\/kurin\.mjs/);
    expect(START).not.toContain("tsx");
    // The shell execs node: no shell left beside it to hold memory or to swallow a stop signal.
    expect(readFileSync(`/proc/${server!.pid}/comm`, "utf8").trim()).toBe("node");
    expect(output).toContain("No pending migrations");
  });

  it("is what the Docker image starts: the same file, node flags and malloc settings", () => {
    const dockerfile = readFileSync(join(REPO, "Dockerfile"), "utf8");
    const cmd = JSON.parse(/^CMD (\[.*\])$/m.exec(dockerfile)![1]!) as string[];
    expect(START).toContain(cmd.join(" "));
    for (const [, name, value] of START.matchAll(/(MALLOC_\w+)=\$\{\w+:-(\d+)\}/g)) expect(dockerfile).toMatch(new RegExp(`^\\s+${name}=${value}\\b`, "m"));
    expect([...START.matchAll(/MALLOC_\w+=/g)]).toHaveLength(2);
  });

  it("answers /health ok and a catalogue query", async () => {
    const health = (await (await fetch(`${url}/health`)).json()) as { status: string; catalogue: { books: number } };
    expect(health).toMatchObject({ status: "ok", catalogue: { books: DEMO_BOOKS } });

    const response = await fetch(`${url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: '{ books(first: 3, search: "шевченко") { totalCount nodes { id title author status } } }' }),
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { data?: { books: { totalCount: number; nodes: Array<{ title: string; author: string; status: string }> } }; errors?: unknown };
    expect(body.errors).toBeUndefined();
    expect(body.data!.books.totalCount).toBeGreaterThan(0);
    expect(body.data!.books.nodes.length).toBe(Math.min(3, body.data!.books.totalCount));
    for (const book of body.data!.books.nodes) expect(`${book.title} ${book.author}`.toLowerCase()).toContain("шевченко");
  });

  it("serves the dashboard on its own routes", async () => {
    for (const path of ["/", "/books/1"]) {
      const response = await fetch(`${url}${path}`);
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toMatch(/^text\/html/);
      expect(await response.text()).toContain('<div id="root">');
    }
  });

  it("runs the Telegram bot in-process: /start answers", async () => {
    const reader = person("uk");
    await fake.handled(fake.text(reader, "/start"));
    expect(fake.messagesTo(reader.id)[0]!.text).toContain(reader.first_name);
  });

  it("runs the bot on its own too (its start command, as docker compose's bot service): /start answers", async () => {
    const token = `kurin_${randomBytes(32).toString("base64url")}`;
    const hash = createHash("sha256").update(token, "utf8").digest("hex");
    await withServerConnection(db.url, (conn) => conn.query(`INSERT INTO \`${db.name}\`.\`ApiToken\` (name, tokenHash, role) VALUES ('compiled-bot', ?, 'BOT')`, [hash]));
    const own = await FakeBotApi.start();
    const env = { PATH: process.env.PATH, HOME: process.env.HOME, TELEGRAM_BOT_TOKEN: own.token, TELEGRAM_API_ROOT: own.url, KURIN_API_URL: `${url}/graphql`, KURIN_API_TOKEN: token };
    const bot = spawn("sh", ["-c", startScript("bot")], { cwd: join(REPO, "bot"), detached: true, env, stdio: "ignore" });
    const exited = new Promise<number | null>((resolve) => bot.once("exit", resolve));
    try {
      expect(startScript("bot")).toMatch(/\bnode\b[^&|;]* dist\/bundle\/kurin-bot\.mjs/);
      const reader = person("en");
      await own.handled(own.text(reader, "/start"));
      expect(own.messagesTo(reader.id)[0]!.text).toContain(`Welcome, ${reader.first_name}!`);
    } finally {
      process.kill(-bot.pid!, "SIGTERM");
      await own.stop();
    }
    // It stopped by itself on the signal, not killed by it (143).
    expect(await exited).toBe(0);
  });

  it("keeps production's rules: no introspection", async () => {
    const response = await fetch(`${url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: "{ __schema { queryType { name } } }" }),
    });
    const body = (await response.json()) as { errors?: Array<{ message: string }> };
    expect(body.errors?.[0]?.message).toMatch(/introspection/i);
  });

  // Last: it stops the server. Docker and systemd send SIGTERM; the process must close its parts and exit 0, not be
  // killed by a library's own signal handler (Apollo's re-raised the signal: exit 143, with the bot, the outbox
  // and the database left open).
  it("stops on SIGTERM: closes the bot and its parts, then exits 0", async () => {
    const exited = new Promise<number | null>((resolve) => server!.once("exit", resolve));
    process.kill(server!.pid!, "SIGTERM");
    expect(await exited).toBe(0);
    expect(output).toMatch(/"signal":"SIGTERM","msg":"stopping"/);
    expect(output).toMatch(/"msg":"stopped"/);
    expect(output).not.toMatch(/stop step failed/);
  });
});
