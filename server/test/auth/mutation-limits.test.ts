import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { asciiJson, codes, startLendingKurin, telegramUser, type LendingKurin } from "../support/lending.ts";

// One reader (or one token) cannot flood kurin with changes: mutations are counted per reader and per token.

const SET_PHONE = `mutation($phone: String) { setMyPhone(phone: $phone) { phone } }`;
const phone = (n: number) => `+38050123${String(n).padStart(4, "0")}`;

describe("mutations per minute", () => {
  let t: LendingKurin;
  beforeAll(async () => {
    t = await startLendingKurin("mutation-limits", { env: { MUTATIONS_PER_MINUTE_PER_READER: "5", MUTATIONS_PER_MINUTE_PER_TOKEN: "12" } });
  });
  afterAll(async () => {
    await t?.stop();
  });

  it("a reader's 6th change in a minute is RATE_LIMITED (429, Retry-After) and changes nothing; queries and other readers go on", async () => {
    for (let i = 1; i <= 5; i++) expect((await t.reader(1).gql(SET_PHONE, { phone: phone(i) })).errors).toBeUndefined();
    const response = await fetch(`${t.kurin.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${t.tokens.bot}`, "x-telegram-user": asciiJson(telegramUser(1)) },
      body: JSON.stringify({ query: SET_PHONE, variables: { phone: phone(6) } }),
    });
    expect(response.status).toBe(429);
    const retryAfter = Number(response.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    const body = (await response.json()) as { errors: Array<{ message: string; extensions: { code: string; retryAfterSeconds: number } }> };
    expect(body.errors[0]!.extensions).toMatchObject({ code: "RATE_LIMITED", retryAfterSeconds: retryAfter });
    expect(body.errors[0]!.message).toBe(`Too many changes in a minute; try again in ${retryAfter} s`);

    const me = await t.reader(1).gql<{ me: { phone: string } }>(`{ me { phone } }`);
    expect(me.data!.me.phone).toBe(phone(5));
    expect((await t.reader(2).gql(SET_PHONE, { phone: phone(7) })).errors).toBeUndefined();
  });

  it("the bot's token as a whole has its own wider limit; a librarian's token is counted apart", async () => {
    // 6 changes of reader 1 and 1 of reader 2 so far: 5 more fit in the token's 12
    for (let i = 0; i < 4; i++) expect((await t.reader(2).gql(SET_PHONE, { phone: phone(10 + i) })).errors).toBeUndefined();
    expect((await t.reader(3).gql(SET_PHONE, { phone: phone(20) })).errors).toBeUndefined();
    expect(codes(await t.reader(4).gql(SET_PHONE, { phone: phone(21) }))).toEqual(["RATE_LIMITED"]);
    const librarian = await t.librarian().gql(`mutation { refreshCatalog { kind } }`);
    expect(codes(librarian)).not.toContain("RATE_LIMITED");
  });
});
