// Bundles a compiled package (tsc's output in its dist/) into one ES module, for `pnpm start`:
//   node scripts/bundle.mjs server   server/dist/main.js -> server/dist/bundle/kurin.mjs
//   node scripts/bundle.mjs bot      bot/dist/main.js    -> bot/dist/bundle/kurin-bot.mjs
// Why: resolving, reading and compiling some 1,500 separate modules was over half of the server's start-up;
// one file is read once (and the parts only some paths use, a few chunks beside it). esbuild runs over tsc's
// JavaScript, not the TypeScript, because only tsc emits the decorator metadata type-graphql reads; it reads
// tsc's source maps, so the bundle's map (node --enable-source-maps) still points at the sources.
import { build } from "esbuild";
import { readFile, rm, writeFile } from "node:fs/promises";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const TARGETS = {
  server: { entry: "server/dist/main.js", outdir: "server/dist/bundle", name: "kurin" },
  bot: { entry: "bot/dist/main.js", outdir: "bot/dist/bundle", name: "kurin-bot" },
};

/**
 * The workspace's own modules find files next to them (the dashboard, the migrations, the demo catalogue)
 * through `import.meta.url`; inside the bundle that is the bundle's URL, so each is rewritten to the URL its
 * module had in dist/, relative to the bundle: the paths stay right wherever the repository is.
 */
function ownUrls(outdir) {
  return {
    name: "own-module-urls",
    setup(build) {
      build.onLoad({ filter: /[\\/](server|bot|sheets-emulator)[\\/]dist[\\/].*\.js$/ }, async (args) => {
        let contents = await readFile(args.path, "utf8");
        if (contents.includes("import.meta.url")) {
          const own = `./${relative(outdir, args.path).split("\\").join("/")}`;
          contents = contents.replaceAll("import.meta.url", `new URL(${JSON.stringify(own)}, import.meta.url).href`);
        }
        return { contents, loader: "js", resolveDir: dirname(args.path) };
      });
    },
  };
}

/**
 * node-fetch 2 (under Telegraf and Google's client) loads whatwg-url at start for a URL class it uses only where
 * Node has none; its Unicode tables cost about 2 MB of heap and 8 MB of RSS in every process. Node's own URL
 * takes its place.
 */
const nodeUrl = {
  name: "node-url-for-whatwg-url",
  setup(build) {
    build.onResolve({ filter: /^whatwg-url$/ }, () => ({ path: "whatwg-url", namespace: "node-url" }));
    build.onLoad({ filter: /.*/, namespace: "node-url" }, () => ({
      contents: "export const URL = globalThis.URL; export const URLSearchParams = globalThis.URLSearchParams;",
      loader: "js",
    }));
  },
};

export async function bundle(name) {
  const target = TARGETS[name];
  if (!target) throw new Error(`bundle: unknown package "${name}" (one of ${Object.keys(TARGETS).join(", ")})`);
  const outdir = join(ROOT, target.outdir);
  await rm(outdir, { recursive: true, force: true });
  const result = await build({
    entryPoints: { [target.name]: join(ROOT, target.entry) },
    outdir,
    outExtension: { ".js": ".mjs" },
    // What is imported only on some paths (the embedded Sheets emulator, the in-process bot) stays a chunk of
    // its own, loaded when that path is taken, as it was before bundling.
    splitting: true,
    metafile: true,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    sourcemap: true,
    minifyWhitespace: true,
    minifySyntax: true,
    // Short local names: a smaller source for V8 to hold (about 5 MB of the server's RSS). Functions and classes
    // keep their names (keepNames, below), so stack traces in the log stay readable.
    minifyIdentifiers: true,
    // Bundling renames clashing classes (AbortSignal -> AbortSignal2); node-fetch, under Telegraf, recognises
    // a signal by its constructor's name, and without this long polling stopped at once.
    keepNames: true,
    // Keeps licence comments out of the code V8 holds in memory; they go to kurin.mjs.LEGAL.txt.
    legalComments: "external",
    // class-validator: an optional peer of type-graphql that kurin does not use. pino-pretty: loaded only in
    // development, from node_modules, by the logger.
    external: ["class-validator", "pino-pretty"],
    // Bundled CommonJS packages call require(); an ES module has none until it is made.
    banner: { js: 'import { createRequire as __kurinRequire } from "node:module"; const require = __kurinRequire(import.meta.url);' },
    plugins: [ownUrls(outdir), nodeUrl],
    logLevel: "warning",
  });
  for (const file of Object.keys(result.metafile.outputs)) if (file.endsWith(".mjs")) await asciiOnly(join(ROOT, file));
}

/**
 * V8 keeps a script's source in memory, in one byte a character only if every character fits; esbuild escapes
 * strings but leaves regular expressions (Cyrillic, an emoji) as written, and one such character doubled the
 * bundle's resident size. \uXXXX means the same code unit in a regular expression, a string and an identifier.
 */
async function asciiOnly(file) {
  const code = await readFile(file, "utf8");
  const ascii = code.replace(/[^\t\n\r\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
  if (ascii !== code) await writeFile(file, ascii);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const name of process.argv.slice(2)) await bundle(name);
}
