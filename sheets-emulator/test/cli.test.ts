import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it } from "vitest";

const PACKAGE_DIR = fileURLToPath(new URL("..", import.meta.url));
let child: ChildProcess | undefined;

afterEach(() => {
  if (child?.exitCode === null) child.kill("SIGTERM");
  child = undefined;
});

describe("cli", () => {
  it("prints the URL and the spreadsheet id, serves the catalogue, and stops on SIGTERM", async () => {
    child = spawn(process.execPath, ["--import", "tsx", "src/cli.ts", "--port", "0", "--in-memory"], {
      cwd: PACKAGE_DIR,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    const proc = child;
    const url = await new Promise<string>((resolve, reject) => {
      proc.stdout!.on("data", (chunk: Buffer) => {
        out += chunk.toString();
        const match = /(http:\/\/127\.0\.0\.1:\d+\/)/.exec(out);
        if (match && out.includes("spreadsheet id")) resolve(match[1]!);
      });
      proc.stderr!.on("data", (chunk: Buffer) => (out += chunk.toString()));
      proc.once("exit", (code) => reject(new Error(`cli exited with ${code}: ${out}`)));
    });
    expect(out).toContain("demo-catalogue");
    const res = await fetch(`${url}v4/spreadsheets/demo-catalogue/values/Books%21A1%3AB1`, {
      headers: { authorization: "Bearer x" },
    });
    expect(await res.json()).toEqual({ range: "Books!A1:B1", majorDimension: "ROWS", values: [["id", "Назва"]] });
    const exited = new Promise<number | null>((resolve) => proc.once("exit", resolve));
    proc.kill("SIGTERM");
    expect(await exited).toBe(0);
  });
});
