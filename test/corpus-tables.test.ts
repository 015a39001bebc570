/**
 * Golden tests of the corpus tables: every table figure of the truth file (read by eye on the page
 * images) is found by meaning in the standard tables read from the corpus PDFs' document model,
 * with its printed text, its unit and its page. The model is the PDF reader's output stored as a
 * fixture; once the PDF reader (src/ingest/formats/pdf.ts) is in the tree, the same checks also run
 * on the model it reads from the real PDFs.
 */
import { existsSync, readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import type { TruthFile } from "../scripts/coverage.js";
import { functionClasses, type TableTopic, tableFigure } from "../src/domain/table-figures.js";
import type { DocumentModel } from "../src/ingest/document/model.js";
import { readStandardTables } from "../src/ingest/standard-tables.js";
import { CORPUS_DIR } from "./helpers/corpus.js";
import { blocksOfModel, corpusBlocks, pageOfLine } from "./helpers/model-blocks.js";

const truth = JSON.parse(readFileSync(new URL("./fixtures/corpus-truth.json", import.meta.url), "utf8")) as {
  files: TruthFile[];
};
const withTables = truth.files.filter((f) => f.figures.some((g) => g.from === "table"));

const PDF_READER = new URL("../src/ingest/formats/pdf.ts", import.meta.url);
const CORPUS = pathToFileURL(`${CORPUS_DIR}/`);
type ReadPdf = (bytes: Uint8Array, fileName: string) => Promise<DocumentModel>;
const readPdf: ReadPdf | null = existsSync(PDF_READER)
  ? ((await import(PDF_READER.href)) as { readPdf: ReadPdf }).readPdf
  : null;

describe.each(withTables.map((f) => [f.file, f] as const))("tables of %s (model fixture)", (file, t) => {
  checkTables(t, readStandardTables(corpusBlocks(file.replace(/\.pdf$/, "")), file));
});

// Read up front: a describe callback cannot await.
const fromPdf = readPdf
  ? await Promise.all(
      withTables.map(async (t) => {
        const model = await readPdf(new Uint8Array(readFileSync(new URL(t.file, CORPUS))), t.file);
        return [t.file, t, readStandardTables(blocksOfModel(model), t.file)] as const;
      }),
    )
  : [];
if (fromPdf.length > 0) {
  describe.each(fromPdf)("tables of %s (read from the PDF)", (_file, t, read) => checkTables(t, read));
}

function checkTables(t: TruthFile, read: ReturnType<typeof readStandardTables>): void {
  const figures = t.figures.filter((g) => g.from === "table");

  it.each(figures.filter((g) => g.topic !== "function").map((g) => [g.topic, g.text, g] as const))(
    "states %s as %s, in its unit, on its page",
    (_topic, _text, g) => {
      const f = tableFigure(read.tables, g.topic as TableTopic);
      expect(f?.text).toBe(g.text);
      expect(f?.unit).toBe(g.unit);
      expect(g.pages).toContain(pageOfLine(f?.source.line ?? 0));
    },
  );

  it("lists every 功能分类 类 of the 一般公共预算 table with its code, amount and page", () => {
    const classes = functionClasses(read.tables);
    const want = figures.filter((g) => g.topic === "function");
    const got = classes.map(({ row }) => {
      const v = row.values.合计 ?? Object.values(row.values).find((x) => x) ?? null;
      return {
        code: row.code,
        name: row.name.replace(/^[一二三四五六七八九十]+、/, ""),
        text: v?.text,
        unit: v?.unit,
      };
    });
    expect(got).toEqual(want.map((g) => ({ code: g.code, name: g.label, text: g.text, unit: g.unit })));
    classes.forEach(({ row }, i) => {
      const v = row.values.合计 ?? Object.values(row.values).find((x) => x);
      expect(want[i]?.pages).toContain(pageOfLine(v?.source.line ?? 0));
    });
  });

  it("reads its tables with no warning but those the pages call for", () => {
    // Checked on the page images: each of these is a misprint in the document itself.
    const expected: Record<string, RegExp[]> = {
      // 第9页 and 第11页 print the 类 of 事业单位医疗 as `7` under 210 11.
      "上海市普陀区社会福利院2024年单位预算.pdf": [
        /“事业单位医疗”类编码印作“7”/,
        /“事业单位医疗”类编码印作“7”/,
      ],
    };
    const want = expected[t.file] ?? [];
    const got = read.warnings.map((w) => w.message);
    expect(got).toHaveLength(want.length);
    want.forEach((re, i) => expect(got[i]).toMatch(re));
  });
}
