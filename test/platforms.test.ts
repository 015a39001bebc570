import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { staticImports, tsFiles } from "../scripts/lib/imports.js";
import { PLATFORMS } from "../src/adapters/registry.js";
import { PLATFORM_INFOS } from "../src/platforms/index.js";

const src = join(import.meta.dirname, "..", "src");

describe("platform metadata apart from the runtime", () => {
  it("lists the same platforms, in the same order, as the runtime registry; posts ⇔ a poster", () => {
    expect(PLATFORMS.map((p) => p.name)).toEqual(PLATFORM_INFOS.map((p) => p.name));
    for (const p of PLATFORMS) expect(p.posts).toBe(Boolean(p.poster));
  });

  it("src/platforms/ loads no SDK and imports only platforms/, reply/, domain/ and config-fields.ts", () => {
    const offenders: string[] = [];
    for (const f of tsFiles(join(src, "platforms"))) {
      for (const spec of staticImports(f)) {
        if (!spec.startsWith(".")) {
          if (spec !== "zod" && !spec.startsWith("node:")) offenders.push(`${relative(src, f)}: ${spec}`);
          continue;
        }
        const target = relative(src, resolve(dirname(f), spec))
          .split("\\")
          .join("/");
        if (!/^(platforms|reply|domain)\//.test(target) && target !== "config-fields.js") {
          offenders.push(`${relative(src, f)}: ${spec}`);
        }
      }
    }
    expect(offenders).toEqual([]);
  });

  it("nothing outside adapters/ imports adapters/, except the composition root (main.ts, app.ts, cli/)", () => {
    const offenders: string[] = [];
    for (const f of tsFiles(src)) {
      const rel = relative(src, f).split("\\").join("/");
      if (rel.startsWith("adapters/") || rel.startsWith("cli/") || rel === "main.ts" || rel === "app.ts")
        continue;
      for (const spec of staticImports(f))
        if (/(^|\/)adapters\//.test(spec)) offenders.push(`${rel}: ${spec}`);
    }
    expect(offenders).toEqual([]);
  });
});
