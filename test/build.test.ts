/**
 * The compiled build (scripts/build.mjs → dist/) must hold every file the program loads by path:
 * a file named relative to `import.meta.url` is either TypeScript compiled beside its importer
 * (named as .js) or a runtime file the build copies. Checked on the source, without building.
 */
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { describe, expect, it } from "vitest";
// @ts-expect-error plain JavaScript build script, no declarations
import { isRuntimeAsset, SOURCE_DIRS } from "../scripts/build.mjs";

const ROOT = join(import.meta.dirname, "..");

function* files(dir: string): Generator<string> {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) yield* files(p);
    else yield p;
  }
}

describe("build", () => {
  it("copies every file the source loads relative to import.meta.url", () => {
    const problems: string[] = [];
    for (const dir of SOURCE_DIRS as string[]) {
      for (const file of files(join(ROOT, dir))) {
        if (!/\.(ts|mjs|js)$/.test(file)) continue;
        const text = readFileSync(file, "utf8");
        for (const m of text.matchAll(/new URL\(\s*["'`](\.{1,2}\/[^"'`]+)["'`]\s*,\s*import\.meta\.url/g)) {
          const target = join(dirname(file), m[1] as string);
          const rel = relative(ROOT, target);
          const sourceTs = rel.endsWith(".js") ? rel.replace(/\.js$/, ".ts") : null;
          const exists = (p: string) => {
            try {
              readFileSync(join(ROOT, p));
              return true;
            } catch {
              return false;
            }
          };
          if (sourceTs && exists(sourceTs)) continue; // compiled to the .js it names
          if (!exists(rel)) problems.push(`${relative(ROOT, file)}: ${rel} does not exist`);
          else if (!isRuntimeAsset(rel))
            problems.push(`${relative(ROOT, file)}: ${rel} is not copied to dist/`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it("runs the compiled entry points for npm start and the bot CLI, tsx only for development", () => {
    const scripts = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")).scripts as Record<
      string,
      string
    >;
    expect(scripts.start).toBe("node dist/src/main.js");
    expect(scripts.bot).toBe("node dist/src/cli/main.js");
    expect(scripts.prepare).toContain("scripts/build.mjs");
    expect(scripts.dev).toContain("tsx");
  });
});
