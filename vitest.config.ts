import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const source = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  resolve: {
    // graphql 16 ships ESM (.mjs, via "module") and CJS (main): Node's own resolution, which type-graphql and
    // Apollo get, picks the CJS file; make Vite pick the same one, or the schema sees two graphql modules.
    // The workspace's packages export their compiled dist/ to plain node (`pnpm build`); tests run their sources,
    // as `pnpm dev` does with the "kurin-source" condition.
    alias: [
      { find: /^graphql$/, replacement: "graphql/index.js" },
      { find: /^@kurin\/bot$/, replacement: source("./bot/src/index.ts") },
      { find: /^@kurin\/sheets-emulator$/, replacement: source("./sheets-emulator/src/index.ts") },
    ],
  },
  test: {
    include: ["**/test/**/*.test.ts", "**/test/**/*.test.tsx"],
    exclude: ["**/node_modules/**", "**/dist/**"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // expect.poll waits for something to become true (a page drawn, an event delivered); its 1 s default is too
    // short on a loaded 2-core machine. A poll still fails, only later, when the thing never happens.
    expect: { poll: { timeout: 15_000 } },
    // Test files start their own servers, databases and key prefixes; a few at a time suit a 2-core machine.
    maxWorkers: 2,
  },
});
