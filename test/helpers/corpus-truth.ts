/** test/fixtures/corpus-truth.json (figures checked on the page images), and the pages a reply cites. */
import { readFileSync } from "node:fs";
import type { Reply } from "../../src/reply/reply.js";

/** One figure of a corpus file as checked on its page image. */
export interface TruthFigure {
  topic: string;
  label: string;
  text: string;
  unit: "元" | "万元";
  pages: number[];
  from: "table" | "narrative";
}

/** One corpus file's checked facts. */
export interface TruthFile {
  file: string;
  department: string;
  year: number;
  figures: TruthFigure[];
}

/** The checked facts of `file`; throws when corpus-truth.json has none. */
export function truthOf(file: string): TruthFile {
  const all = JSON.parse(readFileSync(new URL("../fixtures/corpus-truth.json", import.meta.url), "utf8")) as {
    files: TruthFile[];
  };
  const truth = all.files.find((f) => f.file === file);
  if (!truth) throw new Error(`corpus-truth.json has no ${file}`);
  return truth;
}

/** The figure of `truth` for `topic` read from a table or the narrative; throws when there is none. */
export function truthFigure(truth: TruthFile, topic: string, from: TruthFigure["from"]): TruthFigure {
  const f = truth.figures.find((x) => x.topic === topic && x.from === from);
  if (!f) throw new Error(`corpus-truth.json: no ${topic} (${from}) for ${truth.file}`);
  return f;
}

/** The pages a reply's sources cite, ranges (`第16–20页`) expanded. */
export function citedPages(sources: NonNullable<Reply["sources"]>): Set<number> {
  const pages = new Set<number>();
  for (const s of sources) {
    for (const part of /^第(.+)页$/.exec(s.where ?? "")?.[1]?.split("、") ?? []) {
      const [a, b] = part.split("–").map(Number) as [number, number | undefined];
      for (let p = a; p <= (b ?? a); p++) pages.add(p);
    }
  }
  return pages;
}
