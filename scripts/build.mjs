/**
 * `npm run build` (and `npm install`, through `prepare`): compile src/ and commands/ to dist/ with
 * tsconfig.build.json, then copy every file of those folders that is not TypeScript (workers
 * written as .mjs, data loaded by path) beside the compiled code, so that a path resolved against
 * `import.meta.url` finds the same file in dist/ as in the source tree. dist/ is rebuilt from
 * scratch each time: a module removed from src/ leaves nothing behind.
 *
 * Plain JavaScript on purpose: it runs before anything is compiled and needs only Node.
 */

import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, readdirSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

export const SOURCE_DIRS = ["src", "commands"];
export const OUT_DIR = "dist";

/** Files the compiler does not emit but the program loads at run time: everything but .ts. */
export function isRuntimeAsset(path) {
  return !path.endsWith(".ts");
}

function* walk(dir) {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) yield* walk(p);
    else if (e.isFile()) yield p;
  }
}

/** Copy the runtime assets of the source folders under `root` into `root/outDir`; returns them. */
export function copyRuntimeAssets(root, outDir = OUT_DIR) {
  const copied = [];
  for (const dir of SOURCE_DIRS) {
    for (const file of walk(join(root, dir))) {
      if (!isRuntimeAsset(file)) continue;
      const rel = relative(root, file);
      mkdirSync(dirname(join(root, outDir, rel)), { recursive: true });
      copyFileSync(file, join(root, outDir, rel));
      copied.push(rel);
    }
  }
  return copied;
}

function main() {
  const root = join(dirname(fileURLToPath(import.meta.url)), "..");
  rmSync(join(root, OUT_DIR), { recursive: true, force: true });
  const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
  const r = spawnSync(process.execPath, [tsc, "-p", join(root, "tsconfig.build.json")], {
    cwd: root,
    stdio: "inherit",
  });
  if (r.status !== 0) {
    process.stderr.write("build: tsc failed\n");
    process.exit(r.status ?? 1);
  }
  const copied = copyRuntimeAssets(root);
  process.stdout.write(`build: ${OUT_DIR}/ compiled, ${copied.length} runtime file(s) copied\n`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
