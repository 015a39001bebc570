/**
 * PDF reader speed and memory over the real corpus: `npx tsx bench/pdf.ts [dir]` prints, per file
 * and in total, pages/s and the peak resident set size. Prints figures only; asserts nothing.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { readPdf } from "../src/ingest/formats/pdf.js";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

function corpusDir(): string {
  const given = process.argv[2];
  if (given) return path.resolve(given);
  const candidates = [
    path.resolve(repoRoot, "../shared/corpus"),
    path.resolve(repoRoot, "../../shared/corpus"),
    path.join(repoRoot, "data"),
  ];
  return (
    candidates.find((d) => existsSync(d) && readdirSync(d).some((f) => f.toLowerCase().endsWith(".pdf"))) ??
    path.join(repoRoot, "data")
  );
}

/** Run the reader over every PDF of the directory and print pages/s and peak RSS. */
export async function benchPdf(
  dir = corpusDir(),
): Promise<{ pages: number; seconds: number; peakRssMb: number }> {
  const files = readdirSync(dir)
    .filter((f) => f.toLowerCase().endsWith(".pdf"))
    .sort();
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 5);
  let pages = 0;
  let seconds = 0;
  for (const file of files) {
    const bytes = new Uint8Array(readFileSync(path.join(dir, file)));
    const start = process.hrtime.bigint();
    const model = await readPdf(bytes, file);
    const s = Number(process.hrtime.bigint() - start) / 1e9;
    peak = Math.max(peak, process.memoryUsage().rss);
    pages += model.parts.length;
    seconds += s;
    console.log(
      `${file}: ${model.parts.length} 页, ${s.toFixed(2)} s, ${(model.parts.length / s).toFixed(1)} 页/s`,
    );
  }
  clearInterval(timer);
  const peakRssMb = peak / 1024 / 1024;
  console.log(
    `PDF 合计: ${files.length} 个文件, ${pages} 页, ${seconds.toFixed(2)} s, ${(pages / seconds).toFixed(1)} 页/s, 峰值 RSS ${peakRssMb.toFixed(0)} MB`,
  );
  return { pages, seconds, peakRssMb };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await benchPdf();
}
