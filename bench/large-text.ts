/**
 * A large text disclosure for memory checks: the seed's front part (tables and narrative) once,
 * then its project tables repeated with distinct project names and codes until the target size.
 * `npx tsx bench/large-text.ts OUT [MB]` writes one (default 50 MB).
 */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** The text of a disclosure of about `targetBytes` bytes built from a seed text export. */
export function largeTextDisclosure(
  targetBytes: number,
  seedFile = path.join(repoRoot, "data/000_30685518d77b763b.txt"),
): string {
  const lines = readFileSync(seedFile, "utf8").split("\n");
  const first = lines.findIndex((l) => /绩效目标表\s*$/.test(l) && /^\d+\./.test(l));
  const head = lines.slice(0, first);
  const body = lines.slice(first);
  const parts: string[] = [head.join("\n")];
  let size = Buffer.byteLength(parts[0] as string);
  for (let n = 1; size < targetBytes; n++) {
    const copy = body.map((l, i) => {
      const prev = body[i - 1]?.trim();
      if (prev === "项目名称" || prev === "项目编码")
        return `${l}${prev === "项目名称" ? `（第${n}批）` : n}`;
      if (/绩效目标表\s*$/.test(l)) return l.replace(/绩效目标表/, `（第${n}批）绩效目标表`);
      return l;
    });
    const text = copy.join("\n");
    parts.push(text);
    size += Buffer.byteLength(text) + 1;
  }
  return parts.join("\n");
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const out = process.argv[2];
  if (!out) throw new Error("usage: bench/large-text.ts OUT [MB]");
  const mb = Number(process.argv[3] ?? 50);
  writeFileSync(out, largeTextDisclosure(mb * 1024 * 1024));
  console.log(`${out}: ${mb} MB`);
}
