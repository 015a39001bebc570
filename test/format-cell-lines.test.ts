import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { DocTable } from "../src/ingest/document/model.js";
import { textModel } from "../src/ingest/formats/text.js";
import { parseDisclosure } from "../src/ingest/parse.js";

const fixture = (name: string) => readFileSync(`test/fixtures/cell-lines/${name}`, "utf8");
const tablesOf = (text: string) =>
  (textModel(text).parts[0]?.blocks ?? []).filter((b): b is DocTable => b.type === "table");
const texts = (t: DocTable) => t.rows.map((r) => r.cells.map((c) => c.text));

describe("tables laid out one cell per line (issue 17)", () => {
  // stats.gov.cn 1998 yearbook table 8-2 as stored from the web: each cell a line `text |`, an empty
  // cell `|`, nothing between rows, no column names (the column count comes from the amounts).
  it("rebuilds the rows of a real web page's table from where its amounts line up", () => {
    const [table] = tablesOf(fixture("stats-gov-cn-1998-8-2.txt"));
    expect(table).toBeDefined();
    const rows = texts(table as DocTable);
    expect(rows).toContainEqual(["经常性收入合计", "7154.36", ""]);
    expect(rows).toContainEqual(["非生产性企业亏损补贴", "-129.24", ""]);
    expect(rows).toContainEqual(["债务收入大于支出部分结转下年", "43.12", ""]);
    // Every amount sits in the same column as its label's neighbour.
    for (const r of rows) if (r.some((c) => /^-?\d+\.\d+$/.test(c))) expect(r[1]).toMatch(/^-?\d+\.\d+$/);
  });

  // The 万里街道 2024 收支总表 (corpus PDF p. 10, figures as printed, 元) laid out as such a page:
  // `本年收入 | 本年支出` over `项目 | 预算数 | 项目 | 预算数`, no title, empty cells as `|`.
  it("takes the column count from the header words, not the smallest period", () => {
    const [table] = tablesOf(fixture("万里街道2024-收支总表-cell-per-line.txt"));
    const rows = texts(table as DocTable);
    expect(rows[0]).toEqual(["本年收入", "本年支出"]);
    expect(table?.rows[0]?.cells.map((c) => c.colSpan)).toEqual([2, 2]);
    expect(rows[1]).toEqual(["项目", "预算数", "项目", "预算数"]);
    expect(rows).toContainEqual(["2.政府性基金", "", "三、教育支出", "250,000"]);
    expect(rows).toContainEqual(["", "", "八、城乡社区支出", "119,385,303"]);
    expect(rows.at(-1)).toEqual(["收入总计", "156,211,123", "支出总计", "156,211,123"]);
  });

  it("reads the untitled table as the 收支总表 by its header, each figure citing its own line", () => {
    const d = parseDisclosure(textModel(fixture("万里街道2024-收支总表-cell-per-line.txt")), "万里.txt", {
      department: "上海市普陀区人民政府万里街道办事处",
      year: 2024,
    });
    const table = d.tables.find((t) => t.kind === "收支总表");
    expect(table?.unit).toBe("元");
    const total = table?.rows.find((r) => r.side === "支出" && r.name === "支出总计");
    expect(total?.values.预算数?.fen).toBe(15_621_112_300);
    expect(total?.values.预算数?.source).toMatchObject({ line: 48 });
    const city = table?.rows.find((r) => r.name === "八、城乡社区支出");
    expect(city?.values.预算数?.text).toBe("119,385,303");
    expect(table?.rows.find((r) => r.name === "2.政府性基金")?.values.预算数).toBeNull();
  });

  it("leaves lines ending in a bar that hold no amounts as paragraphs", () => {
    const model = textModel("说明 |\n见附件 |\n另行公开 |\n无 |\n");
    expect(model.parts[0]?.blocks.every((b) => b.type === "paragraph")).toBe(true);
  });
});
