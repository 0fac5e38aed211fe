import { execFile } from "node:child_process";
import { connect } from "node:net";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashToken } from "../../src/auth/tokens.ts";
import { runTokenCommand } from "../../src/cli/token.ts";
import { createTestDatabase, type TestDatabase } from "../support/database.ts";
import { asciiJson, codes, startLendingKurin, telegramUser, type LendingKurin } from "../support/lending.ts";

const REPO = fileURLToPath(new URL("../../..", import.meta.url));

describe("pnpm run token", () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase("token_cli");
  });
  afterAll(async () => {
    await db?.drop();
  });

  it("create prints the token alone on the last line and stores only its hash; list; revoke", async () => {
    const { stdout } = await promisify(execFile)("pnpm", ["run", "--silent", "token", "create", "--role", "librarian", "--name", "anna"], {
      cwd: REPO,
      env: { ...process.env, DATABASE_URL: db.url },
    });
    const token = stdout.trimEnd().split("\n").at(-1)!;
    expect(token).toMatch(/^kurin_[A-Za-z0-9_-]{43}$/);

    const lines: string[] = [];
    const out = { out: (line: string) => lines.push(...line.split("\n")) };
    await runTokenCommand(["list"], db.url, out);
    expect(lines.join("\n")).toMatch(/^anna\s+LIBRARIAN\s+\S+ \S+\s+never\s+active$/m);
    expect(lines.join("\n")).not.toContain(token);

    const { createPrisma } = await import("../../src/db/client.ts");
    const prisma = createPrisma(db.url);
    try {
      const stored = await prisma.apiToken.findUniqueOrThrow({ where: { name: "anna" } });
      expect(stored.tokenHash).toBe(hashToken(token));
      expect(JSON.stringify(stored)).not.toContain(token);

      await runTokenCommand(["revoke", "anna"], db.url, out);
      expect((await prisma.apiToken.findUniqueOrThrow({ where: { name: "anna" } })).revokedAt).toBeInstanceOf(Date);
    } finally {
      await prisma.$disconnect();
    }
    await expect(runTokenCommand(["revoke", "anna"], db.url, out)).rejects.toThrow('No active token named "anna"');
    await expect(runTokenCommand(["create", "--role", "READER", "--name", "x"], db.url, out)).rejects.toThrow(/readers are Telegram users/);
    await expect(runTokenCommand(["create", "--role", "BOT", "--name", "anna"], db.url, out)).rejects.toThrow(/exists already/);
    await expect(runTokenCommand(["create", "--name", "x"], db.url, out)).rejects.toThrow(/needs --role and --name/);
    await expect(runTokenCommand(["delete", "x"], db.url, out)).rejects.toThrow(/Unknown command "delete"/);
  }, 60_000);
});

describe("who is asking, over HTTP", () => {
  let t: LendingKurin;
  beforeAll(async () => {
    t = await startLendingKurin("auth", { env: { AUTH_CACHE_SECONDS: "0" } });
  });
  afterAll(async () => {
    await t?.stop();
  });

  it("without a token only the public catalogue is readable", async () => {
    const anonymous = t.as({});
    const catalogue = await anonymous.gql(`{ books(first: 2) { nodes { id status } } categories { name } book(id: "1") { title } }`);
    expect(catalogue.errors).toBeUndefined();
    for (const query of [`{ me { id } }`, `{ loans { totalCount } }`, `{ libraryStats { readers } }`, `mutation { setMyPhone(phone: "+380501234567") { id } }`]) {
      const result = await anonymous.gql(query);
      expect(codes(result)).toEqual(["UNAUTHENTICATED"]);
      expect(result.errors![0]!.message).toBe("This needs a token: send Authorization: Bearer <token>");
    }
  });

  it("an unknown, revoked or malformed token is refused outright (401), even for the public catalogue", async () => {
    const unknown = await t.as({ token: "kurin_nope" }).gql(`{ books(first: 1) { totalCount } }`);
    expect(unknown.status).toBe(401);
    expect(codes(unknown)).toEqual(["UNAUTHENTICATED"]);
    expect(unknown.errors![0]!.message).toBe("Unknown or revoked token");

    const { token } = await t.kurin.auth.tokens.create("short-lived", "INTEGRATOR");
    expect((await t.as({ token }).gql(`{ libraryStats { readers } }`)).errors).toBeUndefined();
    await t.kurin.auth.tokens.revoke("short-lived");
    expect(codes(await t.as({ token }).gql(`{ libraryStats { readers } }`))).toEqual(["UNAUTHENTICATED"]);

    const response = await fetch(`${t.kurin.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Token ${t.tokens.librarian}` },
      body: JSON.stringify({ query: "{ me { id } }" }),
    });
    expect(response.status).toBe(401);
    expect(((await response.json()) as { errors: Array<{ message: string }> }).errors[0]!.message).toBe('The Authorization header must be "Bearer <token>"');
  });

  it("a BOT token with X-Telegram-User acts as that reader, created on first sight from Telegram's fields", async () => {
    const ann = { id: 4242, first_name: "Ганна", last_name: "Петренко", username: "hanna_p", language_code: "uk" };
    const me = await t.as({ token: t.tokens.bot, telegramUser: ann }).gql<{ me: Record<string, unknown> }>(
      `{ me { id telegramId name username languageCode role phone loans { id } } }`,
    );
    expect(me.errors).toBeUndefined();
    expect(me.data!.me).toMatchObject({ telegramId: "4242", name: "Ганна Петренко", username: "hanna_p", languageCode: "uk", role: "READER", phone: null, loans: [] });
    expect(await t.kurin.prisma.reader.count({ where: { telegramId: 4242n } })).toBe(1);
    // Telegram says the name changed: kurin follows.
    const renamed = await t.as({ token: t.tokens.bot, telegramUser: { ...ann, first_name: "Анна" } }).gql<{ me: { id: string; name: string } }>(`{ me { id name } }`);
    expect(renamed.data!.me).toEqual({ id: me.data!.me.id, name: "Анна Петренко" });
    expect(await t.kurin.prisma.reader.count({ where: { telegramId: 4242n } })).toBe(1);
  });

  it("reads X-Telegram-User sent as raw UTF-8 bytes too", async () => {
    const json = JSON.stringify({ id: 4343, first_name: "Ірина" });
    const body = JSON.stringify({ query: "{ me { name } }" });
    // Raw bytes on the wire (a client library may encode header text for us, which is not the point here).
    const url = new URL(t.kurin.url);
    const head = [
      "POST /graphql HTTP/1.1",
      `Host: ${url.host}`,
      "Content-Type: application/json",
      `Authorization: Bearer ${t.tokens.bot}`,
      `Content-Length: ${Buffer.byteLength(body)}`,
      "Connection: close",
    ].join("\r\n");
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(url.port), url.hostname);
      const chunks: Buffer[] = [];
      socket.on("data", (chunk) => chunks.push(chunk));
      socket.on("end", () => resolve(Buffer.concat(chunks).toString("utf8").split("\r\n\r\n").slice(1).join("\r\n\r\n")));
      socket.on("error", reject);
      socket.write(Buffer.concat([Buffer.from(`${head}\r\nX-Telegram-User: `), Buffer.from(json, "utf8"), Buffer.from(`\r\n\r\n${body}`)]));
    });
    expect(JSON.parse(answer)).toEqual({ data: { me: { name: "Ірина" } } });
  });

  it("refuses X-Telegram-User from any token but BOT (403), and without a token", async () => {
    for (const token of [t.tokens.librarian, t.tokens.integrator]) {
      const result = await t.as({ token, telegramUser: telegramUser(1) }).gql(`{ books(first: 1) { totalCount } }`);
      expect(result.status).toBe(403);
      expect(codes(result)).toEqual(["FORBIDDEN"]);
      expect(result.errors![0]!.message).toMatch(/^Only a BOT token may act for a Telegram user/);
    }
    const anonymous = await t.as({ telegramUser: telegramUser(1) }).gql(`{ books(first: 1) { totalCount } }`);
    expect(codes(anonymous)).toEqual(["UNAUTHENTICATED"]);
  });

  it.each([
    ["not JSON", "ann", /is not JSON/],
    ["an array", "[1]", /must be a JSON object/],
    ["no id", asciiJson({ first_name: "Ann" }), /id must be a positive integer/],
    ["a negative id", asciiJson({ id: -5, first_name: "Ann" }), /id must be a positive integer/],
    ["no first_name", asciiJson({ id: 5 }), /first_name is required/],
    ["a bot", asciiJson({ id: 5, first_name: "Bot", is_bot: true }), /a bot cannot borrow books/],
    ["a bad username", asciiJson({ id: 5, first_name: "Ann", username: "ann smith" }), /username may hold only/],
    ["a huge value", asciiJson({ id: 5, first_name: "A".repeat(3000) }), /longer than 2048 characters/],
    ["an id past the database's BIGINT", '{"id":9223372036854775808,"first_name":"Ann"}', /id must be a positive integer/],
    ["an id string past the database's BIGINT", asciiJson({ id: "9223372036854775808", first_name: "Ann" }), /id must be a positive integer/],
    ["a first name of 200 characters", asciiJson({ id: 5, first_name: "А".repeat(200) }), /first_name is longer than 64 characters/],
    ["a last name of 65 characters", asciiJson({ id: 5, first_name: "Ann", last_name: "B".repeat(65) }), /last_name is longer than 64/],
    ["a name of control characters only", asciiJson({ id: 5, first_name: "\u202e\u0007" }), /first_name is required/],
  ])("a malformed X-Telegram-User (%s) is a clear 400", async (_what, header, message) => {
    const result = await t.as({ token: t.tokens.bot, telegramUser: header }).gql(`{ me { id } }`);
    expect(result.status).toBe(400);
    expect(codes(result)).toEqual(["BAD_USER_INPUT"]);
    expect(result.errors![0]!.message).toMatch(message);
  });

  it("keeps names as Telegram has them, without control or bidirectional-override characters", async () => {
    const result = await t
      .as({ token: t.tokens.bot, telegramUser: telegramUser(31, { first_name: "Ів\u202eан\u0000", last_name: "\u2066Франко\u2069" }) })
      .gql<{ me: { name: string } }>(`{ me { name } }`);
    expect(result.status).toBe(200);
    expect(result.data!.me.name).toBe("Іван Франко");
  });

  it("writes a token's lastUsedAt at most once a minute, not once a request", async () => {
    const { token } = await t.kurin.auth.tokens.create("busy-bot", "BOT");
    const sqlBefore = t.sql.length;
    for (let i = 0; i < 5; i++) expect((await t.as({ token }).gql(`{ books(first: 1) { totalCount } }`)).errors).toBeUndefined();
    const updates = t.sql.slice(sqlBefore).filter((q) => /^UPDATE .*ApiToken/.test(q));
    expect(updates).toHaveLength(1);
    const stored = await t.kurin.prisma.apiToken.findUniqueOrThrow({ where: { name: "busy-bot" } });
    expect(stored.lastUsedAt).toBeInstanceOf(Date);
  });
});
