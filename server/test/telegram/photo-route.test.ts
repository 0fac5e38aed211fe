import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { availableBooks, MUTATIONS, startLendingKurin, type LendingKurin } from "../support/lending.ts";
import { FakeBotApi } from "../../../bot/test/support/fake-bot-api.ts";

/**
 * GET /photos/returns/:loanId: the reader's photo of a returned book, fetched from Telegram with the bot's
 * token, for librarians only; each refusal with its code, and a clear one when no bot is configured.
 */

const PHOTO = Buffer.from("89504e470d0a1a0a0000000d4948445200000001000000010806000000", "hex");

describe("the return photo route", () => {
  let t: LendingKurin;
  let telegram: FakeBotApi;
  let withPhoto: string;
  let withoutPhoto: string;

  beforeAll(async () => {
    telegram = await FakeBotApi.start();
    telegram.addFile("AgACshelf-photo-1", PHOTO);
    t = await startLendingKurin("photo-route", { env: { TELEGRAM_BOT_TOKEN: telegram.token, TELEGRAM_API_ROOT: telegram.url } });
    const [a, b] = availableBooks(t, 2);
    withPhoto = await returned(a!, "AgACshelf-photo-1");
    withoutPhoto = await returned(b!, null);
  });

  afterAll(async () => {
    await t?.stop();
    await telegram?.stop();
  });

  /** A book booked, delivered, picked up and returned by reader 1; the loan's id. */
  async function returned(bookId: string, photo: string | null): Promise<string> {
    const reader = t.reader(1);
    await reader.gql(MUTATIONS.bookItem, { bookId });
    await t.librarian().gql(MUTATIONS.markAsDelivered, { bookId });
    await reader.gql(MUTATIONS.markAsPickedUp, { bookId });
    const done = await reader.gql<{ markAsReturnedByUser: { id: string } }>(MUTATIONS.markAsReturnedByUser, { bookId, photo });
    expect(done.errors).toBeUndefined();
    return done.data!.markAsReturnedByUser.id;
  }

  function get(kurin: LendingKurin, loanId: string, token?: string): Promise<Response> {
    return fetch(`${kurin.kurin.url}/photos/returns/${loanId}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  }

  it("gives a librarian the photo's bytes from Telegram, asking getFile once and downloading the file", async () => {
    const before = telegram.calls.length;
    const downloadsBefore = telegram.downloads.length;
    const response = await get(t, withPhoto, t.tokens.librarian);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("image/png");
    expect(Buffer.from(await response.arrayBuffer()).equals(PHOTO)).toBe(true);
    expect(telegram.calls.slice(before).map((call) => [call.method, call.params, call.answer])).toEqual([["getFile", { file_id: "AgACshelf-photo-1" }, "ok"]]);
    expect(telegram.downloads.slice(downloadsBefore)).toEqual(["photos/file_1.png"]);
  });

  it("refuses with a code: no token, a token without the librarian role, no such loan, no photo, Telegram failing", async () => {
    const refusals: Array<[Promise<Response>, number, string]> = [
      [get(t, withPhoto), 401, "UNAUTHENTICATED"],
      [get(t, withPhoto, "kurin_not-a-token"), 401, "UNAUTHENTICATED"],
      [get(t, withPhoto, t.tokens.integrator), 403, "FORBIDDEN"],
      [get(t, "999999", t.tokens.librarian), 404, "NOT_FOUND"],
      [get(t, "x1", t.tokens.librarian), 404, "NOT_FOUND"],
      [get(t, withoutPhoto, t.tokens.librarian), 404, "NO_PHOTO"],
    ];
    for (const [request, status, code] of refusals) {
      const response = await request;
      expect([response.status, await codeOf(response)]).toEqual([status, code]);
    }
    // The file is gone from Telegram's side: kurin says Telegram failed, and stays up.
    const loan = await returnedWithLostPhoto();
    const response = await get(t, loan, t.tokens.librarian);
    expect([response.status, await codeOf(response)]).toEqual([502, "UPSTREAM_UNAVAILABLE"]);
  });

  async function returnedWithLostPhoto(): Promise<string> {
    const [c] = availableBooks(t, 1);
    return returned(c!, "AgACnever-uploaded");
  }

  it("says NO_BOT when no bot token is configured", async () => {
    const noBot = await startLendingKurin("photo-route-no-bot", { sameLibraryAs: t });
    try {
      const response = await get(noBot, withPhoto, t.tokens.librarian);
      expect(response.status).toBe(503);
      expect(await codeOf(response)).toBe("NO_BOT");
      const library = await noBot.as({}).gql<{ library: { botUsername: string | null } }>(`{ library { botUsername } }`);
      expect(library.data?.library.botUsername).toBeNull();
    } finally {
      await noBot.stop();
    }
  });
});

/** The `extensions.code` of a refusal (kurin's JSON error shape outside GraphQL). */
async function codeOf(response: Response): Promise<string | undefined> {
  const body = (await response.json()) as { errors?: Array<{ extensions?: { code?: string } }> };
  return body.errors?.[0]?.extensions?.code;
}
