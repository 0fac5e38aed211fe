/** Errors in the Sheets API's JSON shape: `{ "error": { "code", "message", "status" } }`. */

const STATUS_BY_CODE: Record<number, string> = {
  400: "INVALID_ARGUMENT",
  401: "UNAUTHENTICATED",
  403: "PERMISSION_DENIED",
  404: "NOT_FOUND",
  409: "ABORTED",
  429: "RESOURCE_EXHAUSTED",
  499: "CANCELLED",
  500: "INTERNAL",
  501: "NOT_IMPLEMENTED",
  502: "UNAVAILABLE",
  503: "UNAVAILABLE",
  504: "DEADLINE_EXCEEDED",
};

export function statusForCode(code: number): string {
  return STATUS_BY_CODE[code] ?? (code >= 500 ? "INTERNAL" : "FAILED_PRECONDITION");
}

export class ApiError extends Error {
  readonly status: string;
  /** Seconds for a Retry-After header (Google sends one with some 429s and 503s). */
  retryAfterSeconds?: number;
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
    this.name = "ApiError";
    this.status = statusForCode(code);
  }

  toJSON(): { error: { code: number; message: string; status: string } } {
    return { error: { code: this.code, message: this.message, status: this.status } };
  }
}

export const invalidArgument = (message: string) => new ApiError(400, message);

/** The messages Google sends with each status, for injected faults. */
export function faultError(code: number, kind: "read" | "write"): ApiError {
  switch (code) {
    case 401:
      return unauthenticated();
    case 403:
      return new ApiError(403, "The caller does not have permission");
    case 404:
      return new ApiError(404, "Requested entity was not found.");
    case 429: {
      const metric = kind === "read" ? "Read requests" : "Write requests";
      return new ApiError(
        429,
        `Quota exceeded for quota metric '${metric}' and limit '${metric} per minute per user' of service ` +
          "'sheets.googleapis.com' for consumer 'project_number:0'.",
      );
    }
    case 500:
      return new ApiError(500, "Internal error encountered.");
    case 502:
    case 503:
      return new ApiError(code, "The service is currently unavailable.");
    case 504:
      return new ApiError(504, "The service is currently unavailable.");
    default:
      return new ApiError(code, `Injected fault (HTTP ${code}).`);
  }
}

export function unauthenticated(): ApiError {
  return new ApiError(
    401,
    "Request is missing required authentication credential. Expected OAuth 2 access token, login cookie or other " +
      "valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.",
  );
}
