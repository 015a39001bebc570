import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { squash } from "../src/domain/text.js";
import type { DocTable } from "../src/ingest/document/model.js";
import { streamOf } from "../src/ingest/document/stream.js";
import { UnreadableFileError } from "../src/ingest/formats/errors.js";
import { cleanLine, detectLayout, readText, textModel } from "../src/ingest/formats/text.js";

const stream = (text: string) => streamOf(textModel(text));

describe("the text format reader", () => {
  it("strips bookmarks and Word field codes", () => {
    expect(cleanLine("[bookmark: _Toc_2_2_0000000001]部门预算收支总表")).toBe("部门预算收支总表");
    expect(cleanLine("2.蓝湾社区绩效目标表{ TC 2、办公自动化 \\f C \\l 1 }")).toBe("2.蓝湾社区绩效目标表");
    expect(cleanLine("page number")).toBe("");
  });

  it("reads DOCX rows: a cell per tab line, continuation lines, blank line between rows", () => {
    const text = "标题\n\t一级\n指标\n\t二级指标\n\n\t产出\n\t1.甲\n2.乙\n";
    expect(detectLayout(text.split("\n"))).toBe("docx");
    const s = stream(text);
    expect(s.blocks[0]).toEqual({ type: "para", text: "标题", line: 1 });
    expect(s.blocks[1]).toMatchObject({
      type: "row",
      line: 2,
      cells: [
        { text: "一级指标", line: 2 },
        { text: "二级指标", line: 4 },
      ],
    });
    expect(s.blocks[2]).toMatchObject({ type: "row", cells: [{ text: "产出" }, { text: "1.甲\n2.乙" }] });
  });

  it("puts consecutive rows into one table and gives every block, row and cell its line", () => {
    const model = textModel("标题\n\t一级\n指标\n\t二级指标\n\n\t产出\n\t1.甲\n2.乙\n\n说明\n");
    const blocks = model.parts[0]?.blocks ?? [];
    expect(blocks.map((b) => b.type)).toEqual(["paragraph", "table", "paragraph"]);
    const table = blocks[1] as DocTable;
    expect(table.place).toEqual({ kind: "line", line: 2 });
    expect(table.rows.map((r) => r.place)).toEqual([
      { kind: "line", line: 2 },
      { kind: "line", line: 6 },
    ]);
    expect(table.rows[1]?.cells[1]).toMatchObject({
      text: "1.甲\n2.乙",
      place: { kind: "line", line: 7 },
      printed: [
        { text: "1.甲", place: { kind: "line", line: 7 } },
        { text: "2.乙", place: { kind: "line", line: 8 } },
      ],
    });
    expect(blocks[2]?.place).toEqual({ kind: "line", line: 10 });
  });

  it("ends a numeric cell at a glued Chinese line", () => {
    const s = stream("\t合计\n\t60.00\n 七、国有资产信息\n上年末固定资产1.00万元。\n");
    expect(s.blocks.map((b) => b.type)).toEqual(["row", "para", "para"]);
  });

  it("reads PDF rows: tab-separated cells on one line, spaces between CJK removed", () => {
    const text = "项目编码\t13081123P0001121000 1M\t\t项目名称\t居家 养老\n一级指标\t二级指标\t三级指标\n";
    const s = stream(text);
    expect(detectLayout(text.split("\n"))).toBe("pdf");
    expect(s.blocks[0]).toMatchObject({
      type: "row",
      cells: [
        { text: "项目编码" },
        { text: "13081123P0001121000 1M" },
        { text: "" },
        { text: "项目名称" },
        { text: "居家养老" },
      ],
    });
  });

  it("reads page text whose cells end in ' |', with or without a leading bar and a rule line", () => {
    const s = stream(
      "收支总表\n| 项目 | 预算数 |\n|---|---|\n收入合计 | 1,234.50 |\n一般公共 预算 | 1,000.00 |\n注：无。\n",
    );
    expect(s.blocks.map((b) => b.type)).toEqual(["para", "row", "row", "row", "para"]);
    expect(s.blocks[1]).toMatchObject({ line: 2, cells: [{ text: "项目" }, { text: "预算数" }] });
    expect(s.blocks[2]).toMatchObject({ line: 4, cells: [{ text: "收入合计" }, { text: "1,234.50" }] });
    expect(s.blocks[3]).toMatchObject({ line: 5, cells: [{ text: "一般公共预算" }, { text: "1,000.00" }] });
  });

  it("keeps every ordinal of a text file its line number, so sources stay 第N行", () => {
    const text = readFileSync("data/000_30685518d77b763b.txt", "utf8");
    const s = stream(text);
    expect(s.places.size).toBeGreaterThan(1000);
    for (const [line, place] of s.places) expect(place).toEqual({ kind: "line", line });
    expect(s.lastLine).toBeLessThanOrEqual(text.split("\n").length);
  });

  it("decodes a BOM, GBK and UTF-8 cut mid-character, and refuses empty and binary bytes", async () => {
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from("标题\n", "utf8")]);
    expect((await readText(bom, "a.txt")).parts[0]?.blocks[0]).toMatchObject({ text: "标题" });
    await expect(readText(Buffer.from("  \n"), "a.txt")).rejects.toThrow(UnreadableFileError);
    // GBK "部门" (the office branch's charset detection), and UTF-8 cut inside its last character.
    expect(
      (await readText(Buffer.from([0xb2, 0xbf, 0xc3, 0xc5, 0x0a]), "a.txt")).parts[0]?.blocks[0],
    ).toMatchObject({
      text: "部门",
    });
    const cut = Buffer.from("标题\n说明", "utf8").subarray(0, -1);
    expect(
      (await readText(cut, "a.txt")).parts[0]?.blocks.map((b) => (b.type === "paragraph" ? b.text : "")),
    ).toEqual(["标题", "说"]);
    await expect(readText(Buffer.from("hello\u0000world"), "a.txt")).rejects.toThrow(/二进制/);
  });

  it("compares labels without whitespace", () => {
    expect(squash("其中：财政    资金")).toBe("其中：财政资金");
  });
});
