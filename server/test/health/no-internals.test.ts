import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestKurin, type TestKurin } from "../support/kurin.ts";
import { codes, startLendingKurin, type LendingKurin } from "../support/lending.ts";

// No answer shows kurin's insides (stack traces, node_modules paths, SQL, the schema where it is hidden), in any
// mode; what went wrong inside is in the log instead.

const INSIDES = /node_modules|at [A-Za-z]+ \(|<html|<pre|prisma|\.ts:\d+/i;

async function post(url: string, body: string, contentType = "application/json") {
  const response = await fetch(url, { method: "POST", headers: { "content-type": contentType }, body });
  return { status: response.status, type: response.headers.get("content-type") ?? "", text: await response.text() };
}

describe("answers outside GraphQL's own", () => {
  let t: LendingKurin;
  beforeAll(async () => {
    // As `pnpm start` runs it: production mode.
    t = await startLendingKurin("insides", { env: { NODE_ENV: "production" } });
  });
  afterAll(async () => {
    await t?.stop();
  });

  it("a malformed JSON body is a JSON 400 saying so, not an HTML page with a stack trace", async () => {
    const answer = await post(`${t.kurin.url}/graphql`, `{"query": "{ books { totalCount } }"`);
    expect(answer.status).toBe(400);
    expect(answer.type).toMatch(/^application\/json/);
    expect(JSON.parse(answer.text)).toEqual({ errors: [{ message: "The request body is not valid JSON", extensions: { code: "BAD_REQUEST" } }] });
    expect(answer.text).not.toMatch(INSIDES);
  });

  it("an oversized body is a JSON 413", async () => {
    const answer = await post(`${t.kurin.url}/graphql`, JSON.stringify({ query: `{ books(first: 1) { totalCount } }`, pad: "x".repeat(200_000) }));
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.text).errors[0].extensions.code).toBe("PAYLOAD_TOO_LARGE");
  });

  it("an unknown path is a JSON 404", async () => {
    const answer = await post(`${t.kurin.url}/no/such/place`, "{}");
    expect(answer.status).toBe(404);
    expect(JSON.parse(answer.text).errors[0]).toEqual({ message: "Nothing at POST /no/such/place", extensions: { code: "NOT_FOUND" } });
  });

  it("introspection is off in production, and so are 'Did you mean' hints, enum values included", async () => {
    const introspection = await t.gql(`{ __schema { types { name } } }`);
    expect(introspection.data).toBeUndefined();
    expect(introspection.errors![0]!.message).toMatch(/^Introspection is off on this server \(GRAPHQL_INTROSPECTION=true turns it on\)/);
    const typo = await t.gql(`{ books(first: 1, status: BOOKD) { totalCount } }`);
    expect(typo.errors![0]!.message).toBe('Value "BOOKD" does not exist in "BookStatus" enum.');
    const field = await t.gql(`{ books(first: 1) { totalCont } }`);
    expect(field.errors![0]!.message).not.toMatch(/Did you mean/);
  });

  it("a failure inside kurin is answered with a plain sentence and logged in full", async () => {
    expect((await t.librarian().gql(`{ loans(first: 1) { totalCount } }`)).errors).toBeUndefined();
    await t.kurin.prisma.$executeRawUnsafe("DROP TABLE `SheetWrite`");
    await t.kurin.prisma.$executeRawUnsafe("DROP TABLE `Loan`");
    const result = await t.librarian().gql(`{ loans(first: 1) { totalCount } }`);
    expect(codes(result)).toEqual(["INTERNAL_SERVER_ERROR"]);
    expect(result.errors![0]!.message).toBe("Something went wrong in kurin; it is logged");
    expect(JSON.stringify(result)).not.toMatch(/Loan|doesn't exist/);
    expect(JSON.stringify(result)).not.toMatch(INSIDES);
    const logged = t.logs.filter((l) => l.msg === "a GraphQL request failed inside kurin");
    expect(logged).toHaveLength(1);
    expect(JSON.stringify(logged[0])).toMatch(/Loan/);
  });
});

describe("in development", () => {
  let t: TestKurin;
  beforeAll(async () => {
    t = await startTestKurin("insides-dev", { env: { NODE_ENV: "development" } });
  });
  afterAll(async () => {
    await t?.stop();
  });

  it("introspection and hints stay on, and a malformed body is still JSON", async () => {
    expect((await t.gql<{ __schema: { types: unknown[] } }>(`{ __schema { types { name } } }`)).data!.__schema.types.length).toBeGreaterThan(10);
    const typo = await t.gql(`{ books(first: 1, status: BOOKD) { totalCount } }`);
    expect(typo.errors![0]!.message).toMatch(/Did you mean the enum value "BOOKED"/);
    const answer = await post(`${t.kurin.url}/graphql`, "{nope");
    expect(answer.status).toBe(400);
    expect(answer.text).not.toMatch(INSIDES);
  });
});

describe("GRAPHQL_INTROSPECTION", () => {
  it("turns introspection on in production for a library that wants it", async () => {
    const t = await startTestKurin("insides-on", { env: { NODE_ENV: "production", GRAPHQL_INTROSPECTION: "true" } });
    try {
      expect((await t.gql(`{ __schema { queryType { name } } }`)).data).toEqual({ __schema: { queryType: { name: "Query" } } });
    } finally {
      await t.stop();
    }
  });
});
