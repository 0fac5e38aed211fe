import type { ErrorRequestHandler, RequestHandler } from "express";
import type { Logger } from "../logger.ts";

/**
 * Every answer outside GraphQL's own is JSON in GraphQL's error shape too: a malformed or oversized body, an
 * unknown path, a failure in a route. Express's default handler answers HTML with a stack trace and
 * node_modules paths outside production; nobody outside needs those, and they are logged here instead.
 */

interface HttpError extends Error {
  status?: number;
  statusCode?: number;
  type?: string;
  expose?: boolean;
}

/** What body-parser's refusals mean to a client, by its error type. */
const BODY_ERRORS: Record<string, { code: string; message: string }> = {
  "entity.parse.failed": { code: "BAD_REQUEST", message: "The request body is not valid JSON" },
  "entity.too.large": { code: "PAYLOAD_TOO_LARGE", message: "The request body is too large" },
  "encoding.unsupported": { code: "BAD_REQUEST", message: "The request body's encoding is not supported" },
  "charset.unsupported": { code: "BAD_REQUEST", message: "The request body's charset is not supported" },
};

export function jsonErrors(logger: Logger): ErrorRequestHandler {
  return (error: HttpError, req, res, next) => {
    if (res.headersSent) return next(error);
    const status = error.status ?? error.statusCode ?? 500;
    const known = error.type ? BODY_ERRORS[error.type] : undefined;
    if (status >= 500) logger.error({ err: error, method: req.method, path: req.path }, "request failed");
    const message = known?.message ?? (status < 500 && error.expose ? error.message : "Something went wrong in kurin; it is logged");
    const code = known?.code ?? (status < 500 ? "BAD_REQUEST" : "INTERNAL_SERVER_ERROR");
    res.status(status).json({ errors: [{ message, extensions: { code } }] });
  };
}

export const notFound: RequestHandler = (req, res) => {
  res.status(404).json({ errors: [{ message: `Nothing at ${req.method} ${req.path.slice(0, 200)}`, extensions: { code: "NOT_FOUND" } }] });
};
