import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, openSync, closeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The builds a run compares: this checkout, compiled by `pnpm build` (only what is stale), and with
 * BENCH_COMPARE_REF=<git ref> that commit, checked out in a temporary worktree, installed from the lockfile
 * offline and built the way it builds itself (a commit from before `pnpm build` runs its sources with tsx, as
 * its own start script says). Each is then started by its own start scripts (started.ts).
 */

export interface KurinBuild {
  /** for the table: "this checkout" or the ref and its commit */
  label: string;
  /** the repository root of the build */
  root: string;
  /** removes the temporary worktree (nothing for this checkout) */
  dispose(): Promise<void>;
}

const REPO = fileURLToPath(new URL("../../", import.meta.url));
const RESULTS = fileURLToPath(new URL("../results/", import.meta.url));

/** This checkout, its TypeScript built if stale (the dashboard is not needed to measure the server). */
export function thisBuild(log: (line: string) => void): KurinBuild {
  log("building this checkout if stale (node scripts/build.mjs --if-stale --code)");
  run("node", ["scripts/build.mjs", "--if-stale", "--code"], REPO, "build-this");
  return { label: `this checkout (${git(REPO, "rev-parse", "--short", "HEAD")}${dirty() ? ", changed" : ""})`, root: REPO, dispose: async () => undefined };
}

/** `ref` in a temporary worktree, installed and built; takes a minute or two. */
export function buildAt(ref: string, log: (line: string) => void): KurinBuild {
  const commit = git(REPO, "rev-parse", "--short", `${ref}^{commit}`);
  const root = join(tmpdir(), `kurin-bench-${commit}-${process.pid}`);
  log(`checking out ${ref} (${commit}) in ${root}, installing and building it`);
  if (!existsSync(root)) git(REPO, "worktree", "add", "--detach", root, commit);
  const dispose = async () => void git(REPO, "worktree", "remove", "--force", root);
  try {
    run("pnpm", ["install", "--frozen-lockfile", "--offline"], root, `install-${commit}`);
    if (existsSync(join(root, "scripts/build.mjs"))) run("node", ["scripts/build.mjs", "--code"], root, `build-${commit}`);
  } catch (error) {
    void dispose();
    throw error;
  }
  return { label: `${ref} (${commit})`, root, dispose };
}

function run(command: string, args: string[], cwd: string, logName: string): void {
  mkdirSync(`${RESULTS}logs`, { recursive: true });
  const logFile = `${RESULTS}logs/${logName}.log`;
  const log = openSync(logFile, "w");
  const result = spawnSync(command, args, { cwd, stdio: ["ignore", log, log] });
  closeSync(log);
  if (result.status !== 0) throw new Error(`${command} ${args.join(" ")} failed in ${cwd} (log: ${logFile})`);
}

function git(cwd: string, ...args: string[]): string {
  return execFileSync("git", args, { cwd, encoding: "utf8" }).trim();
}

function dirty(): boolean {
  return git(REPO, "status", "--porcelain", "--", "server", "bot", "sheets-emulator", "prisma").length > 0;
}
