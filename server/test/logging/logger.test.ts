import { Writable } from "node:stream";
import { expect, test } from "vitest";
import { createLogger, logFormat } from "../../src/logger.ts";

/** Logs a person can read at a terminal, JSON for everything else (a pipe, a file, docker logs). */

function collector(): { stream: Writable; text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  return { stream, text: () => chunks.join("") };
}

test("a terminal gets pretty lines, anything else JSON", () => {
  expect(logFormat(true)).toBe("pretty");
  expect(logFormat(false)).toBe("json");
  expect(logFormat(undefined)).toBe("json"); // stdout redirected: Node leaves isTTY undefined
});

test("for a terminal: one readable line, level and message in words, no JSON", () => {
  const out = collector();
  createLogger("info", { isTTY: true, destination: out.stream }).info({ books: 304 }, "catalogue read");
  const text = out.text();
  expect(text).toMatch(/^\[\d{2}:\d{2}:\d{2}\.\d{3}\] INFO: catalogue read\n {4}books: 304\n$/);
  expect(() => JSON.parse(text)).toThrow();
});

test("for a pipe: one JSON object a line, with kurin's service name", () => {
  const out = collector();
  const logger = createLogger("info", { isTTY: false, destination: out.stream });
  logger.info({ books: 304 }, "catalogue read");
  logger.debug("not at info level");
  const lines = out.text().trim().split("\n").map((line) => JSON.parse(line));
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatchObject({ level: 30, service: "kurin", books: 304, msg: "catalogue read" });
});
