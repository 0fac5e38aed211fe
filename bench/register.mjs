// How bench/ code runs (`pnpm bench` does `node --import ./bench/register.mjs bench/run.ts`):
//  - TypeScript through tsx, which server/ already has, with the repository's compiler options (decorators);
//  - a bare import bench/ cannot resolve (ioredis, type-graphql, @apollo/server, ...) is resolved from server/,
//    whose dependencies these are, so the benchmark uses exactly the server's copies without installing anything.
// bench/tsconfig.json does the same for the type checker with `paths`.
import { register } from "node:module";

const tsx = new URL("../server/node_modules/tsx/dist/esm/api/index.mjs", import.meta.url);
const { register: registerTsx } = await import(tsx.href);
registerTsx({ tsconfig: new URL("../tsconfig.base.json", import.meta.url).pathname });
register("./lib/resolve-hooks.mjs", import.meta.url);
