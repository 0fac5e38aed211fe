import { readFileSync } from "node:fs";
import { auth, sheets, type sheets_v4 } from "@googleapis/sheets";
import type { SheetsSettings } from "../config.ts";

/**
 * Builds the Google Sheets v4 client. Against Google it signs in as a service account; against an emulator
 * (SHEETS_API_URL, or the embedded one) it sends a fixed bearer token to that address instead.
 */
export function createSheetsClient(settings: Pick<SheetsSettings, "credentialsFile" | "credentialsJson" | "timeoutMs">, apiUrl?: string): sheets_v4.Sheets {
  // Retries are kurin's own business (quota-aware backoff), not the HTTP library's.
  const common = { version: "v4" as const, timeout: settings.timeoutMs, retry: false };
  if (apiUrl) {
    const client = new auth.OAuth2();
    client.setCredentials({ access_token: "kurin-emulator", expiry_date: Date.now() + 10 * 365 * 24 * 3600 * 1000 });
    return sheets({ ...common, auth: client, rootUrl: apiUrl.endsWith("/") ? apiUrl : `${apiUrl}/` });
  }
  const credentials = settings.credentialsJson
    ? JSON.parse(settings.credentialsJson)
    : settings.credentialsFile
      ? JSON.parse(readFileSync(settings.credentialsFile, "utf8"))
      : undefined;
  const googleAuth = new auth.GoogleAuth({ credentials, scopes: ["https://www.googleapis.com/auth/spreadsheets"] });
  return sheets({ ...common, auth: googleAuth });
}
