/** Plain-fetch access to the emulator, shaped like the requests googleapis sends. */
import type { SheetsEmulator } from "../src/index.ts";

/** Encode a path parameter the way googleapis-common does (encodeURIComponent plus !'()*). */
export function encodeParam(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

export interface Answer {
  status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  json: any;
}

export interface CallOptions {
  body?: unknown;
  auth?: boolean;
  query?: Record<string, string | string[]>;
}

export async function call(emu: SheetsEmulator, method: string, path: string, options: CallOptions = {}): Promise<Answer> {
  const url = new URL(path, emu.url);
  for (const [key, value] of Object.entries(options.query ?? {})) {
    for (const v of Array.isArray(value) ? value : [value]) url.searchParams.append(key, v);
  }
  const headers: Record<string, string> = {};
  if (options.auth !== false) headers.authorization = "Bearer test-token";
  if (options.body !== undefined) headers["content-type"] = "application/json";
  const res = await fetch(url, {
    method,
    headers,
    ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
  });
  const text = await res.text();
  return { status: res.status, json: text === "" ? undefined : JSON.parse(text) };
}

export const valuesPath = (emu: SheetsEmulator, range: string, id = emu.spreadsheetId) =>
  `v4/spreadsheets/${encodeParam(id)}/values/${encodeParam(range)}`;

export const get = (emu: SheetsEmulator, range: string, query: Record<string, string> = {}) =>
  call(emu, "GET", valuesPath(emu, range), { query });

export const batchGet = (emu: SheetsEmulator, ranges: string[], query: Record<string, string> = {}) =>
  call(emu, "GET", `v4/spreadsheets/${encodeParam(emu.spreadsheetId)}/values:batchGet`, { query: { ...query, ranges } });

export const update = (
  emu: SheetsEmulator,
  range: string,
  body: unknown,
  query: Record<string, string> = { valueInputOption: "RAW" },
) => call(emu, "PUT", valuesPath(emu, range), { body, query });

export const batchUpdate = (emu: SheetsEmulator, body: unknown) =>
  call(emu, "POST", `v4/spreadsheets/${encodeParam(emu.spreadsheetId)}/values:batchUpdate`, { body });

/** A small catalogue: header, two books, a section heading without an id, one more book. */
export function smallCatalogue(): string[][] {
  return [
    ["id", "Назва", "Автор", "Заброньовано до:", "Status"],
    ["1", "Кобзар", "Тарас Шевченко", "", ""],
    ["2", "Захар Беркут", "Іван Франко", "09.12.2026", "booked"],
    ["", "Нові надходження 2025:", "", "", ""],
    ["3", "Лісова пісня", "Леся Українка", "", "delivered"],
  ];
}

/** Waits until `count` requests are held by a `hang` fault: only then does "not answered yet" mean "held". */
export async function untilHanging(emu: SheetsEmulator, count = 1, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (emu.hangingRequests !== count) {
    if (Date.now() > deadline) throw new Error(`waited ${timeoutMs} ms for ${count} hanging request(s), in vain: ${emu.hangingRequests}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
