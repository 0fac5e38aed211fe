import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { describe, expect, it } from "vitest";

// The parts of server/src (its folders, and its top-level files) import each other in one direction only:
// a folder that imports another is never imported back by it, through any path (docs/ARCHITECTURE.md, "Parts").
// Written here rather than taken from dependency-cruiser or import-x/no-cycle: those find cycles between
// files, and a cycle between folders can run through files that form none.

const SRC = fileURLToPath(new URL("../../src/", import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "generated" ? [] : sourceFiles(path);
    return entry.name.endsWith(".ts") ? [path] : [];
  });
}

/** The part a file belongs to: its folder under src, or the file itself at the top. */
function partOf(file: string): string {
  const [first, ...rest] = relative(SRC, file).split(sep);
  return rest.length > 0 ? `${first}/` : first!;
}

/** part -> part it imports -> one "file -> file" import that makes it so. */
function importGraph(): Map<string, Map<string, string>> {
  const graph = new Map<string, Map<string, string>>();
  for (const file of sourceFiles(SRC)) {
    const from = partOf(file);
    const edges = graph.get(from) ?? new Map<string, string>();
    graph.set(from, edges);
    // TypeScript's own scanner: import and export-from statements, type-only ones included.
    for (const imported of ts.preProcessFile(readFileSync(file, "utf8"), true, true).importedFiles) {
      if (!imported.fileName.startsWith(".")) continue;
      const target = resolve(dirname(file), imported.fileName);
      if (!target.startsWith(SRC)) continue;
      const to = partOf(target);
      if (to !== from && !edges.has(to)) edges.set(to, `${relative(SRC, file)} -> ${relative(SRC, target)}`);
    }
  }
  return graph;
}

/** Every cycle through `start`, as the imports that make it (depth-first; the graph has a dozen parts). */
function cyclesThrough(graph: Map<string, Map<string, string>>, start: string): string[][] {
  const found: string[][] = [];
  const walk = (part: string, path: string[], seen: Set<string>) => {
    for (const [next, via] of graph.get(part) ?? []) {
      if (next === start) found.push([...path, via]);
      else if (!seen.has(next) && next > start) walk(next, [...path, via], new Set(seen).add(next));
    }
  };
  walk(start, [], new Set([start]));
  return found;
}

describe("server/src's parts", () => {
  const graph = importGraph();

  it("are read: each folder and top-level file, with the imports between them", () => {
    expect([...graph.keys()].sort()).toEqual(
      expect.arrayContaining(["app/", "auth/", "books/", "cache/", "catalog/", "config.ts", "errors.ts", "graphql/", "loans/", "main.ts"]),
    );
    expect(graph.get("graphql/")?.has("books/")).toBe(true);
    expect(graph.get("loans/")?.has("auth/")).toBe(true);
    expect([...graph.values()].reduce((n, edges) => n + edges.size, 0)).toBeGreaterThan(30);
  });

  it("import each other in one direction only: no cycle between folders", () => {
    const cycles = [...graph.keys()].flatMap((part) => cyclesThrough(graph, part));
    expect(cycles).toEqual([]);
  });
});
