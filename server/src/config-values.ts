import { z } from "zod";

/** The kinds of value an environment variable holds, for config.ts's schema. */

// An empty variable means "not set" (docker compose and .env files write FOO= for unset values).
export const unset = (v: unknown) => (v === "" ? undefined : v);
export const text = (fallback: string) => z.preprocess(unset, z.string().default(fallback));
export const optionalText = () => z.preprocess(unset, z.string().optional());
export const int = (fallback: number, min: number, max: number) =>
  z.preprocess(unset, z.coerce.number().int().min(min).max(max).default(fallback));
export const flag = (fallback: boolean) =>
  z.preprocess(
    unset,
    z
      .enum(["true", "false", "1", "0", "yes", "no"])
      .default(fallback ? "true" : "false")
      .transform((v) => v === "true" || v === "1" || v === "yes"),
  );

/** A flag whose default is decided later (e.g. by NODE_ENV): undefined when not set. */
export const optionalFlag = () =>
  z.preprocess(
    unset,
    z
      .enum(["true", "false", "1", "0", "yes", "no"])
      .optional()
      .transform((v) => (v === undefined ? undefined : v === "true" || v === "1" || v === "yes")),
  );

export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** "VARIABLE: what is wrong (got "value")", the value left out for anything that may hold a secret. */
export function describeIssue(issue: { path: PropertyKey[]; message: string }, env: Record<string, string | undefined>): string {
  const variable = String(issue.path[0] ?? "environment");
  const given = env[variable];
  // URLs may carry passwords: never echo those, or passwords and keys, back into a log.
  const secret = /PASSWORD|JSON|URL|CREDENTIALS|SECRET|TOKEN/.test(variable);
  const shown = secret || given === undefined ? "" : ` (got "${given}")`;
  return `${variable}: ${issue.message}${shown}`;
}
