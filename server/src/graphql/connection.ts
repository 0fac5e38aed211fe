import { badInput } from "./errors.ts";

/**
 * Relay-style pages over an in-memory list. Cursors are opaque offsets: a list that changes between pages
 * shifts by the change, it never fails.
 */

export const MAX_PAGE_SIZE = 100;

export interface Page<T> {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  nodes: T[];
  edges: Array<{ cursor: string; node: T }>;
}

export function paginate<T>(items: readonly T[], first: number, after: string | null | undefined): Page<T> {
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw badInput(`first must be between 1 and ${MAX_PAGE_SIZE}, got ${first}`, "first");
  }
  const start = after ? decodeCursor(after) + 1 : 0;
  const nodes = items.slice(start, start + first);
  const edges = nodes.map((node, i) => ({ cursor: encodeCursor(start + i), node }));
  return {
    totalCount: items.length,
    pageInfo: { hasNextPage: start + nodes.length < items.length, endCursor: edges.at(-1)?.cursor ?? null },
    nodes,
    edges,
  };
}

export function encodeCursor(offset: number): string {
  return Buffer.from(`offset:${offset}`).toString("base64url");
}

export function decodeCursor(cursor: string): number {
  const match = /^offset:(\d{1,9})$/.exec(Buffer.from(cursor, "base64url").toString());
  if (!match) throw badInput(`after is not a cursor this API gave out: "${cursor.slice(0, 40)}"`, "after");
  return Number(match[1]);
}

/** The same page with its nodes replaced one for one (fresher copies of the same items). */
export function withNodes<T>(page: Page<T>, nodes: T[]): Page<T> {
  return { ...page, nodes, edges: page.edges.map((edge, i) => ({ cursor: edge.cursor, node: nodes[i]! })) };
}
