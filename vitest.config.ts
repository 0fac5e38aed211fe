import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    // graphql 16 ships ESM (.mjs, via "module") and CJS (main): Node's own resolution, which type-graphql and
    // Apollo get, picks the CJS file; make Vite pick the same one, or the schema sees two graphql modules.
    alias: [{ find: /^graphql$/, replacement: "graphql/index.js" }],
  },
  test: {
    include: ["**/test/**/*.test.ts", "**/test/**/*.test.tsx"],
    exclude: ["**/node_modules/**", "**/dist/**"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Test files start their own servers, databases and key prefixes; a few at a time suit a 2-core machine.
    maxWorkers: 2,
  },
});
