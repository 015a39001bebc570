/**
 * Sidecar files: `<file>.meta.json` next to a disclosure gives facts the page does not state,
 * e.g. {"department": "某某区财政局", "code": "123", "year": 2023}.
 */
import { existsSync, readFileSync } from "node:fs";
import { z } from "zod";
import type { GivenFacts } from "../ingest/parse.js";

const Sidecar = z.strictObject({
  department: z.string().trim().min(1).optional(),
  code: z.string().trim().min(1).optional(),
  year: z.number().int().min(1949).max(2100).optional(),
});

/** A sidecar that exists but cannot be used; the message is user-facing Chinese. */
export class SidecarError extends Error {
  override name = "SidecarError";
}

/** The sidecar path of a disclosure file. */
export function sidecarPath(file: string): string {
  return `${file}.meta.json`;
}

/** Read the sidecar of `file`: its facts, or {} when there is none. Throws SidecarError when invalid. */
export function readSidecar(file: string): GivenFacts {
  const path = sidecarPath(file);
  if (!existsSync(path)) return {};
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, "utf8").replace(/^\uFEFF/, ""));
  } catch (err) {
    throw new SidecarError(`${path} 不是有效的 JSON（${err instanceof Error ? err.message : String(err)}）`);
  }
  const parsed = Sidecar.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join(".") || "(根)"}: ${i.message}`).join("；");
    throw new SidecarError(`${path} 内容无效（${issues}）；可用字段：department、code、year`);
  }
  const out: GivenFacts = {};
  if (parsed.data.department !== undefined) out.department = parsed.data.department;
  if (parsed.data.code !== undefined) out.code = parsed.data.code;
  if (parsed.data.year !== undefined) out.year = parsed.data.year;
  return out;
}
