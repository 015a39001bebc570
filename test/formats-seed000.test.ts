/**
 * Seed 000 rebuilt as the files people have (scripts/make-format-fixtures.ts made
 * test/fixtures/formats/seed000.*): each reads into a document model holding exactly the
 * paragraphs and table rows of the text version.
 */
import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import type { DocumentModel } from "../src/ingest/document/model.js";
import { readDocx } from "../src/ingest/formats/docx.js";
import { readHtml } from "../src/ingest/formats/html.js";
import { readOle2 } from "../src/ingest/formats/ole2.js";
import { readWorkbook } from "../src/ingest/formats/xlsx.js";
import { kindOfTitle } from "../src/ingest/standard-tables.js";
import { modelLines, textVersionLines } from "./helpers/model-lines.js";

const fixture = (name: string) =>
  new Uint8Array(readFileSync(new URL(`./fixtures/formats/${name}`, import.meta.url)));
const SEED = "000_30685518d77b763b.txt";
const text = readFileSync(new URL(`../data/${SEED}`, import.meta.url), "utf8");
/** The text version's lines, read by the project's own text reader. */
let expected: string[][] = [];
beforeAll(async () => {
  expected = await textVersionLines(text, SEED);
});

/** The lines from a standard-table title up to (not including) the next paragraph-like title. */
function section(lines: string[][], title: string): string[][] {
  const start = lines.findIndex((l) => l.length === 1 && l[0] === title);
  if (start < 0) return [];
  const end = lines.findIndex((l, i) => i > start && l.length === 1 && kindOfTitle(l[0] as string) !== null);
  return lines.slice(start, end < 0 ? start + 120 : end);
}

const STANDARD_TITLES = [
  "部门预算收支总表",
  "部门预算收入总表",
  "部门预算支出总表",
  "部门预算财政拨款收支总表",
  "部门预算一般公共预算财政拨款支出表",
  "部门预算一般公共预算财政拨款基本支出表",
  "部门预算政府性基金预算财政拨款支出表",
  "部门预算国有资本经营预算财政拨款支出表",
  "部门预算财政拨款“三公”经费支出表",
];

describe("seed 000 text version (the reference)", () => {
  it("has the nine standard tables, the 三公 rows and 73 绩效目标表 titles", () => {
    const titles = expected.filter((l) => l.length === 1 && kindOfTitle(l[0] as string)).map((l) => l[0]);
    expect(titles).toEqual(STANDARD_TITLES);
    expect(section(expected, "部门预算财政拨款“三公”经费支出表")).toContainEqual([
      "1",
      "合计",
      "5.00",
      "5.00",
    ]);
    expect(expected.filter((l) => l.some((c) => c.endsWith("绩效目标表")))).toHaveLength(73);
  });
});

const FORMATS: Array<
  [string, (bytes: Uint8Array, name: string) => Promise<DocumentModel>, DocumentModel["format"]]
> = [
  ["seed000.html", readHtml, "html"],
  ["seed000.docx", readDocx, "docx"],
  ["seed000.xlsx", readWorkbook, "xlsx"],
  ["seed000.xls", readOle2, "xls"],
];

describe.each(FORMATS)("seed 000 rebuilt as %s", (file, read, format) => {
  let model: DocumentModel;
  let lines: string[][];
  beforeAll(async () => {
    model = await read(fixture(file), file);
    lines = modelLines(model);
  });

  it("is read as its format without warnings", () => {
    expect(model.format).toBe(format);
    expect(model.warnings).toEqual([]);
  });

  it("finds the nine standard table titles in order, as paragraphs", () => {
    const titles = model.parts
      .flatMap((p) => p.blocks)
      .flatMap((b) => (b.type === "paragraph" && kindOfTitle(b.text) ? [b.text] : []));
    expect(titles).toEqual(STANDARD_TITLES);
  });

  it("holds the 收支总表 and 三公 table rows cell for cell as the text version prints them", () => {
    for (const title of ["部门预算收支总表", "部门预算财政拨款“三公”经费支出表"]) {
      const want = section(expected, title);
      expect(want.length).toBeGreaterThan(20);
      expect(section(lines, title)).toEqual(want);
    }
  });

  it("holds all 73 绩效目标表 titles", () => {
    expect(lines.filter((l) => l.some((c) => c.endsWith("绩效目标表")))).toHaveLength(73);
  });

  it("holds every paragraph and row of the text version, in order", () => {
    expect(lines.length).toBe(expected.length);
    expect(lines).toEqual(expected);
  });
});
