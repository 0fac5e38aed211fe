// `pnpm build`: compiles the server, the bot and the Sheets emulator (tsc, to each package's dist/, with source
// maps), bundles the server and the bot for start-up (scripts/bundle.mjs: server/dist/bundle/kurin.mjs,
// bot/dist/bundle/kurin-bot.mjs) and builds the dashboard (vite, to admin-ui/dist/).
//   node scripts/build.mjs              everything
//   node scripts/build.mjs --if-stale   only the parts whose output is missing or older than their sources
//                                       (what `pnpm start` runs before starting the server)
//   node scripts/build.mjs --code       only the TypeScript (no dashboard); combines with --if-stale
// Written here rather than taken from a tool: `tsc -b` would answer "up to date" only after loading the compiler
// (1-2 s), and Vite has no up-to-date check at all; comparing modification times costs a few milliseconds.
// Progress goes to stderr, so commands chained after it keep a clean stdout.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const args = new Set(process.argv.slice(2));
const ifStale = args.has("--if-stale");

/** Each part: what its output depends on, and the stamp written after it was built from them. */
const parts = [
  {
    name: "server, bot and Sheets emulator (tsc)",
    inputs: ["tsconfig.base.json", ...["server", "bot", "sheets-emulator"].flatMap((p) => [`${p}/src`, `${p}/package.json`, `${p}/tsconfig.build.json`])],
    stamp: "server/dist/.built",
    command: ["pnpm", ["exec", "tsc", "-b", "server/tsconfig.build.json"]],
  },
  {
    name: "server and bot bundles (esbuild)",
    inputs: ["server/dist/.built", "scripts/bundle.mjs", "pnpm-lock.yaml"],
    stamp: "server/dist/.bundled",
    command: [process.execPath, ["scripts/bundle.mjs", "server", "bot"]],
  },
  {
    name: "dashboard (vite)",
    inputs: ["admin-ui/src", "admin-ui/index.html", "admin-ui/vite.config.ts", "admin-ui/package.json", "admin-ui/tsconfig.json"],
    stamp: "admin-ui/dist/.built",
    command: ["pnpm", ["--filter", "@kurin/admin-ui", "build"]],
    skip: args.has("--code"),
  },
];

for (const part of parts) {
  if (part.skip) continue;
  if (ifStale && !stale(part)) continue;
  const started = Date.now();
  process.stderr.write(`build: ${part.name}...\n`);
  const [command, commandArgs] = part.command;
  const result = spawnSync(command, commandArgs, { cwd: ROOT, stdio: ["ignore", 2, 2] });
  if (result.status !== 0) {
    process.stderr.write(`build: ${part.name} failed\n`);
    process.exit(result.status ?? 1);
  }
  writeFileSync(join(ROOT, part.stamp), `${new Date().toISOString()}\n`);
  process.stderr.write(`build: ${part.name} done in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
}

/** Whether the part's stamp is missing or older than any of its inputs. */
function stale(part) {
  const stamp = join(ROOT, part.stamp);
  if (!existsSync(stamp)) return true;
  const builtAt = statSync(stamp).mtimeMs;
  return part.inputs.some((input) => newest(join(ROOT, input)) > builtAt);
}

/** The newest modification time of a file, or of anything in a folder (a removed file changes its folder's). */
function newest(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let latest = stat.mtimeMs;
  for (const entry of readdirSync(path)) latest = Math.max(latest, newest(join(path, entry)));
  return latest;
}
