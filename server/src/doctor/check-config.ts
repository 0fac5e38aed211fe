import { ConfigError, envSchema, loadConfig } from "../config.ts";
import { describeIssue } from "../config-values.ts";
import type { DoctorContext } from "./context.ts";
import { fail, ok, type Outcome } from "./outcome.ts";

/**
 * The configuration, validated by the server's own schema (config.ts). Unlike `pnpm start`, which stops at the
 * first bad variable, every bad one is named, so one run of the doctor finds them all.
 */
export async function checkConfiguration(ctx: DoctorContext): Promise<Outcome[]> {
  const parsed = envSchema.safeParse(ctx.env);
  if (!parsed.success) {
    // One line per variable: its first issue.
    const first = new Map<string, (typeof parsed.error.issues)[number]>();
    for (const issue of parsed.error.issues) if (!first.has(String(issue.path[0]))) first.set(String(issue.path[0]), issue);
    const lines = [...first.values()].map((issue) => describeIssue(issue, ctx.env));
    return [fail("configuration", `${lines.length} variable${lines.length > 1 ? "s are" : " is"} not valid`, "correct each variable named above (in .env or the environment; README, \"Configuration\")", lines)];
  }
  try {
    ctx.config = loadConfig(ctx.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return [fail("configuration", "not valid", "correct the variable named above (README, \"Configuration\")", [error.message.replace(/^Invalid configuration: /, "")])];
  }
  return [ok("configuration", describeSetup(ctx))];
}

function describeSetup(ctx: DoctorContext): string {
  const known = new Set(Object.keys(envSchema.shape));
  const set = Object.keys(ctx.env).filter((name) => known.has(name) && ctx.env[name] !== undefined && ctx.env[name] !== "");
  if (set.length === 0) return "valid; nothing is set, so kurin runs on its embedded defaults (the demo catalogue, MariaDB and Redis on 127.0.0.1)";
  return `valid (${set.length} setting${set.length > 1 ? "s" : ""} given: ${set.sort().join(", ")})`;
}

/** For checks that need the configuration: why they cannot run without it. */
export const NO_CONFIGURATION = "the configuration is not valid (see above)";
