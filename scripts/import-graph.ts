/**
 * The import graph of src/, by file and by folder, and its cycles (strongly connected components).
 * Static `import`/`export … from` lines count (type-only ones too: they bind the layers just the
 * same); dynamic `import()` does not (it is how a platform loads its SDK on start).
 *
 *   npx tsx scripts/import-graph.ts            folder edges and every cycle
 *   npx tsx scripts/import-graph.ts --files    also the files of each file-level cycle
 *
 * A folder is the first path segment under src/ ("adapters", "digest"); a file at the top of src/
 * is its own folder ("config.ts"). Exit code 1 when a folder cycle exists.
 */
import { dirname, join, relative, resolve } from "node:path";
import { staticImports, tsFiles } from "./lib/imports.js";

const root = resolve(import.meta.dirname, "..", "src");

/** The folder a src/ file belongs to. */
function folderOf(file: string): string {
  const rel = relative(root, file);
  return rel.split("/")[0] ?? rel;
}

/** Strongly connected components with more than one node (Tarjan). */
function cycles(graph: Map<string, Set<string>>): string[][] {
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const on = new Set<string>();
  const out: string[][] = [];
  const visit = (v: string) => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    on.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v) ?? 0, low.get(w) ?? 0));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v) ?? 0, idx.get(w) ?? 0));
    }
    if (low.get(v) === idx.get(v)) {
      const comp: string[] = [];
      let w: string | undefined;
      do {
        w = stack.pop();
        if (w !== undefined) {
          on.delete(w);
          comp.push(w);
        }
      } while (w !== undefined && w !== v);
      if (comp.length > 1) out.push(comp.sort());
    }
  };
  for (const v of graph.keys()) if (!idx.has(v)) visit(v);
  return out;
}

const fileGraph = new Map<string, Set<string>>();
const folderGraph = new Map<string, Set<string>>();
for (const f of tsFiles(root)) {
  const from = relative(root, f);
  const targets = new Set<string>();
  for (const spec of staticImports(f).filter((s) => s.startsWith("."))) {
    const to = relative(root, resolve(dirname(f), spec.replace(/\.js$/, ".ts")));
    if (to.startsWith("..")) continue;
    targets.add(to);
    const a = folderOf(f);
    const b = folderOf(join(root, to));
    if (a !== b) {
      if (!folderGraph.has(a)) folderGraph.set(a, new Set());
      folderGraph.get(a)?.add(b);
    }
  }
  fileGraph.set(from, targets);
}

for (const [a, bs] of [...folderGraph].sort()) console.log(`${a} → ${[...bs].sort().join(", ")}`);
const folderCycles = cycles(folderGraph);
const fileCycles = cycles(fileGraph);
console.log(`\nfolder cycles: ${folderCycles.length}`);
for (const c of folderCycles) console.log(`  ${c.join(" ⇄ ")}`);
console.log(`file cycles: ${fileCycles.map((c) => c.length).join(", ") || "none"}`);
if (process.argv.includes("--files")) for (const c of fileCycles) console.log(`  ${c.join("\n  ")}\n`);
process.exitCode = folderCycles.length > 0 ? 1 : 0;
