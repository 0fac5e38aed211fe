import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { runDoctor } from "../doctor/doctor.ts";

/**
 * `pnpm run doctor`: checks this machine's set-up as `pnpm start` would use it (the same .env files, the
 * same defaults) and says what to do about each problem. Exit code 0 only when every check passes.
 * (`pnpm doctor` alone is pnpm's own command: the `run` is needed.)
 */

const envFiles = [".env", "../.env"].filter((file) => existsSync(file));
for (const file of envFiles) process.loadEnvFile(file);

console.log(`kurin doctor: ${envFiles.length ? `settings from ${envFiles.map((f) => resolve(f)).join(", ")} and the environment` : "no .env file; settings from the environment"}`);
console.log("");
process.exitCode = await runDoctor(process.env, (line) => console.log(line));
