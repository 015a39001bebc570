/** The static imports of the project's TypeScript files (scripts/import-graph.ts and the layer tests read them). */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";

/** Every .ts file under `dir`. */
export function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? tsFiles(p) : p.endsWith(".ts") ? [p] : [];
  });
}

/**
 * The module specifiers a file imports statically: `import … from`, `export … from` (type-only
 * ones too: they bind the layers just the same) and bare `import "x"`. Dynamic `import()` does
 * not count: it is how a platform loads its SDK when it starts.
 */
export function staticImports(file: string): string[] {
  const text = readFileSync(file, "utf8");
  const from = [...text.matchAll(/^\s*(?:import|export)\b[^;]*?\bfrom\s+["']([^"']+)["']/gms)];
  const bare = [...text.matchAll(/^\s*import\s+["']([^"']+)["']/gm)];
  return [...from, ...bare].map((m) => m[1] ?? "");
}
