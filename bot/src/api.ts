/**
 * A tiny GraphQL client for the kurin server over the global fetch, plus the few typed calls the bot makes.
 * The bot has no business rules of its own: everything it shows comes from here.
 */

export type BookStatus = "AVAILABLE" | "BOOKED" | "DELIVERED" | "PICKED_UP" | "RETURNED" | "UNKNOWN";

export interface Book {
  id: string;
  title: string;
  author: string | null;
  status: BookStatus;
  dueDate: string | null;
}

export interface BookPage {
  totalCount: number;
  nodes: Book[];
}

export interface Category {
  name: string;
  bookCount: number;
}

/** What the bot's features need from the API; tests may pass a stub. */
export interface BotApi {
  searchBooks(search: string, first?: number): Promise<BookPage>;
  categories(): Promise<Category[]>;
}

export class ApiError extends Error {
  override name = "ApiError";
}

interface GraphQLResponse<T> {
  data?: T | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: { code?: string } }[];
}

export interface KurinApiOptions {
  /** Abort a request after this long (default 10 s). */
  timeoutMs?: number;
  /** Extra headers on every request (e.g. an Authorization header once lending needs a service token). */
  headers?: Record<string, string>;
  fetch?: typeof fetch;
}

export class KurinApi implements BotApi {
  private readonly timeoutMs: number;
  private readonly headers: Record<string, string>;
  private readonly fetchImpl: typeof fetch;

  constructor(
    readonly url: string,
    options: KurinApiOptions = {},
  ) {
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.headers = options.headers ?? {};
    this.fetchImpl = options.fetch ?? globalThis.fetch;
  }

  /** Posts a query with its variables; throws an ApiError with a readable message on any failure. */
  async request<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
    let response: Response;
    try {
      response = await this.fetchImpl(this.url, {
        method: "POST",
        headers: { "content-type": "application/json", accept: "application/json", ...this.headers },
        body: JSON.stringify({ query, variables }),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      const reason = error instanceof Error && error.name === "TimeoutError" ? `no answer in ${this.timeoutMs} ms` : describe(error);
      throw new ApiError(`kurin API at ${this.url} is unreachable: ${reason}`, { cause: error });
    }

    const body = await response.text();
    let payload: GraphQLResponse<T>;
    try {
      payload = JSON.parse(body) as GraphQLResponse<T>;
    } catch {
      const shown = body.trim() === "" ? "an empty body" : `a non-JSON body: ${body.trim().slice(0, 200)}`;
      throw new ApiError(`kurin API answered HTTP ${response.status} with ${shown}`);
    }

    if (payload.errors && payload.errors.length > 0) {
      const messages = payload.errors.map((e) => (e.path ? `${e.message} (at ${e.path.join(".")})` : e.message));
      throw new ApiError(`kurin API error: ${messages.join("; ")}`);
    }
    if (!response.ok) {
      throw new ApiError(`kurin API answered HTTP ${response.status} ${response.statusText}`.trim());
    }
    if (payload.data === undefined || payload.data === null) {
      throw new ApiError("kurin API answered without data");
    }
    return payload.data;
  }

  async searchBooks(search: string, first = 10): Promise<BookPage> {
    const data = await this.request<{ books: BookPage }>(SEARCH_BOOKS, { first, search });
    return data.books;
  }

  async categories(): Promise<Category[]> {
    const data = await this.request<{ categories: Category[] }>(CATEGORIES);
    return data.categories;
  }
}

const SEARCH_BOOKS = /* GraphQL */ `
  query SearchBooks($first: Int!, $search: String!) {
    books(first: $first, search: $search) {
      totalCount
      nodes { id title author status dueDate }
    }
  }
`;

const CATEGORIES = /* GraphQL */ `
  query Categories {
    categories { name bookCount }
  }
`;

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  // undici puts the interesting part (ECONNREFUSED, ENOTFOUND) in the cause.
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : "";
  return `${error.message}${cause}`;
}
