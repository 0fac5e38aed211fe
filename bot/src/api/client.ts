import { print } from "@0no-co/graphql.web";
import type { TadaDocumentNode } from "gql.tada";

/**
 * The bot's one way to the kurin API: a GraphQL POST over the global fetch, with the bot's BOT token and, for
 * calls made for a person, Telegram's User object in X-Telegram-User (kurin then acts with that reader's rights).
 */

/** What went wrong, in the terms the bot answers with. */
export type ApiFailure =
  /** kurin did not answer (down, restarting, timeout): "try again in a minute". */
  | "UNREACHABLE"
  /** kurin refused with a stable code (extensions.code): one sentence per code. */
  | "REFUSED"
  /** An answer the bot cannot use (a bug on one side). */
  | "BROKEN";

export class ApiError extends Error {
  override name = "ApiError";
  constructor(
    readonly failure: ApiFailure,
    /** extensions.code of the first error, for REFUSED. */
    readonly code: string | undefined,
    message: string,
    options?: { cause?: unknown; reason?: string },
  ) {
    super(message, options);
    this.reason = options?.reason;
  }

  /** extensions.reason of the first error (why a renewal was refused: HELD, OVERDUE, LIMIT). */
  readonly reason?: string;
}

/** The Telegram person a call is made for (Telegram's User object, as Telegraf hands it over). */
export interface TelegramPerson {
  id: number;
  first_name: string;
  last_name?: string;
  username?: string;
  language_code?: string;
}

export interface KurinClientOptions {
  url: string;
  /** A kurin API token with role BOT. */
  token: string;
  timeoutMs?: number;
}

interface GraphQLResponse {
  data?: unknown;
  errors?: Array<{ message: string; extensions?: { code?: string; reason?: string } }>;
}

export class KurinClient {
  private readonly printed = new WeakMap<object, string>();

  constructor(private readonly options: KurinClientOptions) {}

  get url(): string {
    return this.options.url;
  }

  /** Runs one operation, for `person` when given; its data, or an ApiError. */
  async request<R, V>(document: TadaDocumentNode<R, V>, variables: V, person?: TelegramPerson): Promise<R> {
    const headers: Record<string, string> = {
      "content-type": "application/json",
      accept: "application/json",
      authorization: `Bearer ${this.options.token}`,
    };
    if (person) headers["x-telegram-user"] = telegramUserHeader(person);
    let response: Response;
    try {
      response = await fetch(this.options.url, {
        method: "POST",
        headers,
        body: JSON.stringify({ query: this.text(document), variables }),
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 10_000),
      });
    } catch (error) {
      throw new ApiError("UNREACHABLE", undefined, `kurin API at ${this.options.url} is unreachable: ${describe(error)}`, { cause: error });
    }
    let payload: GraphQLResponse;
    try {
      payload = (await response.json()) as GraphQLResponse;
    } catch (error) {
      // A proxy's 502 page while kurin restarts is "unreachable" for the reader too.
      const failure = response.status >= 500 ? "UNREACHABLE" : "BROKEN";
      throw new ApiError(failure, undefined, `kurin API answered HTTP ${response.status} without JSON`, { cause: error });
    }
    const first = payload.errors?.[0];
    if (first) {
      const code = first.extensions?.code;
      const failure = code === "UPSTREAM_UNAVAILABLE" ? "UNREACHABLE" : code && code !== "INTERNAL_SERVER_ERROR" ? "REFUSED" : "BROKEN";
      throw new ApiError(failure, code, `kurin API: ${first.message}`, { reason: first.extensions?.reason });
    }
    if (payload.data === undefined || payload.data === null) throw new ApiError("BROKEN", undefined, `kurin API answered HTTP ${response.status} without data`);
    return payload.data as R;
  }

  private text(document: object): string {
    let text = this.printed.get(document);
    if (text === undefined) {
      text = print(document as Parameters<typeof print>[0]);
      this.printed.set(document, text);
    }
    return text;
  }
}

/** HTTP headers are Latin-1: the JSON goes ASCII-only (kurin decodes \u escapes as JSON does). */
export function telegramUserHeader(person: TelegramPerson): string {
  const user = {
    id: person.id,
    first_name: person.first_name,
    last_name: person.last_name,
    username: person.username,
    language_code: person.language_code,
  };
  return JSON.stringify(user).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  if (error.name === "TimeoutError") return "no answer in time";
  // undici puts the interesting part (ECONNREFUSED, ENOTFOUND) in the cause.
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : "";
  return `${error.message}${cause}`;
}
