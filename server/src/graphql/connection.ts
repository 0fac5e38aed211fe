import { Field, Int, ObjectType, type ClassType } from "type-graphql";
import { badInput } from "./errors.ts";

/**
 * Relay-style pages, one type for every list: `Connection(Node)` gives the GraphQL types, `Page<T>` the value,
 * and one cursor scheme (`kind:number` in base64url) serves both kinds of list: an offset into an in-memory
 * list (books: a list that changes between pages shifts by the change, it never fails), and a loan id to
 * continue below (loans, newest first).
 */

export const MAX_PAGE_SIZE = 100;

export interface Page<T> {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  nodes: T[];
  edges: Array<{ cursor: string; node: T }>;
}

export type CursorKind = "offset" | "loan";

@ObjectType()
export class PageInfo {
  @Field(() => Boolean)
  hasNextPage!: boolean;

  @Field(() => String, { nullable: true })
  endCursor!: string | null;
}

/** The Connection and Edge types of a node type, named `${name}Connection` and `${name}Edge`. */
export function Connection<T extends object>(node: ClassType<T>, name: string, totalCountDescription: string) {
  @ObjectType(`${name}Edge`)
  class Edge {
    @Field(() => String)
    cursor!: string;

    @Field(() => node)
    node!: T;
  }

  @ObjectType(`${name}Connection`)
  class ConnectionType {
    @Field(() => Int, { description: totalCountDescription })
    totalCount!: number;

    @Field(() => PageInfo)
    pageInfo!: PageInfo;

    @Field(() => [node])
    nodes!: T[];

    @Field(() => [Edge])
    edges!: Edge[];
  }
  return ConnectionType;
}

/** Refuses a page size outside 1 to MAX_PAGE_SIZE. */
export function checkPageSize(first: number): void {
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw badInput(`first must be between 1 and ${MAX_PAGE_SIZE}, got ${first}`, "first");
  }
}

/** A page of an in-memory list; `after` is an offset cursor from an earlier page. */
export function paginate<T>(items: readonly T[], first: number, after: string | null | undefined): Page<T> {
  checkPageSize(first);
  const start = after ? decodeCursor("offset", after) + 1 : 0;
  const nodes = items.slice(start, start + first);
  return pageOf(nodes, items.length, start + nodes.length < items.length, (_, i) => encodeCursor("offset", start + i));
}

/** A page from its nodes, the total, whether more follow, and each node's cursor. */
export function pageOf<T>(nodes: T[], totalCount: number, hasNextPage: boolean, cursorOf: (node: T, index: number) => string): Page<T> {
  const edges = nodes.map((node, i) => ({ cursor: cursorOf(node, i), node }));
  return { totalCount, pageInfo: { hasNextPage, endCursor: edges.at(-1)?.cursor ?? null }, nodes, edges };
}

export function encodeCursor(kind: CursorKind, value: number): string {
  return Buffer.from(`${kind}:${value}`).toString("base64url");
}

export function decodeCursor(kind: CursorKind, cursor: string): number {
  const match = new RegExp(`^${kind}:(\\d{1,10})$`).exec(Buffer.from(cursor, "base64url").toString());
  if (!match) throw badInput(`after is not a cursor this API gave out: "${cursor.slice(0, 40)}"`, "after");
  return Number(match[1]);
}

/** The same page with its nodes replaced one for one (fresher copies of the same items). */
export function withNodes<T>(page: Page<T>, nodes: T[]): Page<T> {
  return { ...page, nodes, edges: page.edges.map((edge, i) => ({ cursor: edge.cursor, node: nodes[i]! })) };
}
