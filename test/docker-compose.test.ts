import { execFile } from "node:child_process";
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, expect, test } from "vitest";

/**
 * docker-compose.yml checked as `docker compose config` would check it, without Docker (CI has no compose
 * plugin, and Debian's docker-compose 1.29 predates the file's `name:` and `env_file: {path, required}`):
 * dclint validates it against the Compose Specification's JSON schema, which it ships, and its rules that
 * catch real mistakes (duplicate ports or container names, build beside image). Style rules are off in .dclintrc.
 */

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const DCLINT = join(ROOT, "node_modules", ".bin", "dclint");
const CONFIG = join(ROOT, ".dclintrc");
const scratch = mkdtempSync(join(tmpdir(), "kurin-compose-"));

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function dclint(file: string): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    execFile(DCLINT, ["--config", CONFIG, "--max-warnings", "0", "--no-color", file], { cwd: ROOT }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === "number" ? error.code : -1) : 0, output: stdout + stderr });
    });
  });
}

test("docker-compose.yml is a valid Compose file: no schema error, no warning", async () => {
  const { code, output } = await dclint(join(ROOT, "docker-compose.yml"));
  expect(output).not.toMatch(/error|warning/);
  expect(code).toBe(0);
});

test("a mistake in it is caught: a misspelt key, with the service it is in", async () => {
  const broken = join(scratch, "docker-compose.yml");
  copyFileSync(join(ROOT, "docker-compose.yml"), broken);
  const text = readFileSync(broken, "utf8");
  // The server's depends_on misspelt: compose would refuse the file.
  writeFileSync(broken, text.replace(/(\n {2}server:\n(?: {4}.*\n|\s*\n)*?) {4}depends_on:/, "$1    depend_on:"));
  expect(readFileSync(broken, "utf8")).toContain("depend_on:");
  const { code, output } = await dclint(broken);
  expect(code).not.toBe(0);
  expect(output).toMatch(/instancePath="\/services\/server".*must NOT have additional properties.*invalid-schema/);
});
