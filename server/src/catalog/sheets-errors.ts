/** How a Sheets call fails, in words an operator can act on. */

/** The Sheet could not be read or written: Google is down, slow, over quota, or the sheet is not shared. */
export class SheetsCallError extends Error {
  override name = "SheetsCallError";
  constructor(
    message: string,
    readonly httpStatus?: number,
    options?: { cause?: unknown; retryAfterSeconds?: number },
  ) {
    super(message, options);
    this.retryAfterSeconds = options?.retryAfterSeconds;
  }

  /** What a 429 or 503 asked for in its Retry-After header. */
  readonly retryAfterSeconds?: number;
}

export class BookNotInSheetError extends Error {
  override name = "BookNotInSheetError";
}

interface GaxiosLike {
  status?: number;
  code?: string | number;
  response?: {
    status?: number;
    data?: { error?: { message?: string; status?: string } };
    headers?: Headers | Record<string, string | undefined>;
  };
  message?: string;
}

/** Turns a Google API failure into one sentence a librarian or operator can act on. */
export function describeSheetsError(error: unknown, sheetName: string): SheetsCallError {
  const e = (error ?? {}) as GaxiosLike;
  const status = e.response?.status ?? (typeof e.status === "number" ? e.status : undefined);
  const apiMessage = e.response?.data?.error?.message ?? e.message ?? String(error);
  let message: string;
  switch (status) {
    case 429:
      message = `Google Sheets quota exceeded (429): ${apiMessage}`;
      break;
    case 403:
      message = `Google Sheets refused access (403): share the sheet with the service account's e-mail. ${apiMessage}`;
      break;
    case 404:
      message = `Spreadsheet not found (404): check GOOGLE_SPREADSHEET_ID. ${apiMessage}`;
      break;
    case 400:
      message = `Google Sheets rejected the request (400): is there a tab named "${sheetName}"? ${apiMessage}`;
      break;
    case 401:
      message = `Google Sheets did not accept the credentials (401): ${apiMessage}`;
      break;
    case undefined:
      message = `Google Sheets did not answer: ${apiMessage}`;
      break;
    default:
      message = `Google Sheets failed (${status}): ${apiMessage}`;
  }
  const headers = e.response?.headers;
  // gaxios hands over a Headers object that is not always this realm's Headers: ask for get() itself.
  const retryAfter =
    typeof (headers as Headers | undefined)?.get === "function"
      ? (headers as Headers).get("retry-after")
      : (headers as Record<string, string | undefined> | undefined)?.["retry-after"];
  const retryAfterSeconds = retryAfter && /^\d+$/.test(retryAfter) ? Number(retryAfter) : undefined;
  return new SheetsCallError(message, status, { cause: error, retryAfterSeconds });
}
