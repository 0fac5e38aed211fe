import type { Request, RequestHandler } from "express";
import { GraphQLError, type DocumentNode } from "graphql";
import { LRUCache } from "lru-cache";

/**
 * GraphQL documents kept in memory are bounded by bytes, source text included. Apollo's default document store
 * sizes a parsed document by its JSON, which leaves out the source text every node's location holds on to: 3,600
 * distinct documents with a 90 KB comment each grew the server by 400 MB. Documents over GRAPHQL_MAX_DOCUMENT_BYTES
 * are refused before they are parsed, over HTTP and WebSocket alike.
 */

/** What the parsed documents of all requests may hold together (about 250 documents at the size limit). */
const DOCUMENT_STORE_BYTES = 4 * 1024 * 1024;

/** Apollo's KeyValueCache over lru-cache, sizing each document by its JSON plus its source text. */
export function documentStore(maxBytes = DOCUMENT_STORE_BYTES) {
  const cache = new LRUCache<string, DocumentNode>({
    maxSize: maxBytes,
    sizeCalculation: (document) => Buffer.byteLength(JSON.stringify(document)) + (document.loc?.source.body.length ?? 0),
  });
  return {
    async get(key: string) {
      return cache.get(key);
    },
    async set(key: string, document: DocumentNode) {
      cache.set(key, document);
    },
    async delete(key: string) {
      return cache.delete(key);
    },
    /** Bytes held now, for tests and metrics. */
    get size() {
      return cache.calculatedSize;
    },
  };
}

/** A refusal for a document over the limit, or null. */
export function documentTooLarge(source: string, maxBytes: number): GraphQLError | null {
  const bytes = Buffer.byteLength(source);
  if (bytes <= maxBytes) return null;
  return new GraphQLError(`The GraphQL document is ${bytes} bytes; kurin accepts at most ${maxBytes} (GRAPHQL_MAX_DOCUMENT_BYTES)`, {
    extensions: { code: "PAYLOAD_TOO_LARGE", http: { status: 413 } },
  });
}

/** Refuses an HTTP request whose document (POST body or GET query) is over the limit, before Apollo parses it. */
export function limitDocumentSize(maxBytes: number): RequestHandler {
  return (req, res, next) => {
    const source = documentOf(req);
    const refusal = source === undefined ? null : documentTooLarge(source, maxBytes);
    if (!refusal) return next();
    res.status(413).json({ errors: [{ message: refusal.message, extensions: { code: refusal.extensions.code } }] });
  };
}

function documentOf(req: Request): string | undefined {
  const body = req.body as { query?: unknown } | undefined;
  if (typeof body?.query === "string") return body.query;
  const query = (req.query as Record<string, unknown> | undefined)?.query;
  return typeof query === "string" ? query : undefined;
}
