/**
 * Layers that hold: every import in src/ and commands/ goes down the layers (or sideways within
 * one), and no two folders import each other, directly or round a longer cycle. DESIGN.md
 * ("Layers") draws the same table; change both together.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const root = join(import.meta.dirname, "..");

/** Layer of each folder (or root file), bottom = 1. A path not listed fails the test. */
const LAYERS: Array<[RegExp, number, string]> = [
  [/^src\/domain\//, 1, "domain"],
  [/^src\/(platforms|reply|search|query|render)\//, 2, "platform metadata, reply model, search, query, text rendering"],
  [/^src\/(config-fields|env-file)\.ts$/, 2, "config helpers"],
  [/^src\/store\//, 3, "store ports and their implementations"],
  [/^src\/(catalog|checks|ingest|answers|charts|trends)\//, 4, "reading and answering"],
  [/^src\/(commands|digest)\//, 5, "commands"],
  [/^commands\//, 5, "commands"],
  [/^src\/(scheduler|lifecycle)\//, 6, "scheduling and lifecycle"],
  [/^src\/adapters\//, 7, "chat platforms"],
  [/^src\/cli\//, 8, "composition"],
  [/^src\/[^/]+\.ts$/, 8, "composition"],
];

function layerOf(file: string): number {
  for (const [re, n] of LAYERS) if (re.test(file)) return n;
  throw new Error(`no layer for ${file}: add it to LAYERS and to DESIGN.md`);
}

/** Folder a file belongs to for the cycle check: src/<folder> or commands. */
function folderOf(file: string): string {
  const parts = file.split("/");
  if (parts[0] === "src") return parts.length > 2 ? `src/${parts[1]}` : file;
  return parts.length > 1 ? (parts[0] as string) : file;
}

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(join(root, dir))) {
    const rel = `${dir}/${name}`;
    if (statSync(join(root, rel)).isDirectory()) out.push(...sources(rel));
    else if (name.endsWith(".ts")) out.push(rel);
  }
  return out;
}

const IMPORT = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)["'](\.{1,2}\/[^"']+)["']/g;

/** Every relative import of the project's own code: [from, to]. */
function imports(): Array<[string, string]> {
  const edges: Array<[string, string]> = [];
  for (const file of [...sources("src"), ...sources("commands")]) {
    const text = readFileSync(join(root, file), "utf8");
    for (const m of text.matchAll(IMPORT)) {
      const target = relative(root, resolve(dirname(join(root, file)), m[1] as string)).replace(/\.js$/, ".ts");
      edges.push([file, target]);
    }
  }
  return edges;
}

describe("layers", () => {
  const edges = imports();

  it("finds the project's imports (the scan itself works)", () => {
    expect(edges.length).toBeGreaterThan(500);
    expect(edges.some(([a, b]) => a.startsWith("src/adapters/") && b.startsWith("src/commands/"))).toBe(true);
  });

  it("no import runs up the layers", () => {
    const up = edges
      .filter(([a, b]) => layerOf(b) > layerOf(a))
      .map(([a, b]) => `${a} (layer ${layerOf(a)}) imports ${b} (layer ${layerOf(b)})`);
    expect(up).toEqual([]);
  });

  it("no import cycle between folders", () => {
    const graph = new Map<string, Set<string>>();
    for (const [a, b] of edges) {
      const fa = folderOf(a);
      const fb = folderOf(b);
      if (fa === fb) continue;
      if (!graph.has(fa)) graph.set(fa, new Set());
      graph.get(fa)?.add(fb);
    }
    const cycles: string[] = [];
    const state = new Map<string, "open" | "done">();
    const path: string[] = [];
    const visit = (f: string) => {
      state.set(f, "open");
      path.push(f);
      for (const g of graph.get(f) ?? []) {
        if (state.get(g) === "open") cycles.push([...path.slice(path.indexOf(g)), g].join(" → "));
        else if (!state.has(g)) visit(g);
      }
      path.pop();
      state.set(f, "done");
    };
    for (const f of graph.keys()) if (!state.has(f)) visit(f);
    expect(cycles).toEqual([]);
  });
});
