import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * `pnpm run doctor` as a user runs it: the CLI in a child process, with only the environment given (no .env:
 * it runs in an empty folder of its own), its output and exit code.
 */

const SERVER = fileURLToPath(new URL("../..", import.meta.url));
const TSX = join(SERVER, "node_modules", ".bin", "tsx");
const CLI = join(SERVER, "src", "cli", "doctor.ts");

export interface DoctorRun {
  code: number;
  output: string;
  /** The outcome line about `subject` ("✓ Redis …"), with the lines under it. */
  about(subject: string): string;
}

export async function runDoctorCli(env: Record<string, string>): Promise<DoctorRun> {
  const home = mkdtempSync(join(tmpdir(), "kurin-doctor-"));
  const cwd = join(home, "run"); // ../.env is then inside our own folder too
  mkdirSync(cwd);
  try {
    const { code, output } = await new Promise<{ code: number; output: string }>((resolve) => {
      execFile(TSX, ["--conditions=kurin-source", CLI], { cwd, env: { PATH: process.env.PATH ?? "", HOME: home, ...env }, timeout: 140_000 }, (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : -1) : 0;
        resolve({ code, output: stdout + stderr });
      });
    });
    return { code, output, about: (subject) => block(output, subject) };
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}

function block(output: string, subject: string): string {
  const lines = output.split("\n");
  const start = lines.findIndex((l) => /^[✓✗!-] /.test(l) && l.slice(2).startsWith(subject));
  if (start < 0) throw new Error(`no line about "${subject}" in:\n${output}`);
  const end = lines.findIndex((l, i) => i > start && !l.startsWith(" "));
  return lines.slice(start, end < 0 ? undefined : end).join("\n");
}
