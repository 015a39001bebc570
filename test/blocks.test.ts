import { describe, expect, it } from "vitest";
import { cleanLine, detectLayout, readBlocks, squash } from "../src/ingest/blocks.js";

describe("readBlocks", () => {
  it("strips bookmarks and Word field codes", () => {
    expect(cleanLine("[bookmark: _Toc_2_2_0000000001]部门预算收支总表")).toBe("部门预算收支总表");
    expect(cleanLine("2.蓝湾社区绩效目标表{ TC 2、办公自动化 \\f C \\l 1 }")).toBe("2.蓝湾社区绩效目标表");
    expect(cleanLine("page number")).toBe("");
  });

  it("reads DOCX rows: a cell per tab line, continuation lines, blank line between rows", () => {
    const s = readBlocks("标题\n\t一级\n指标\n\t二级指标\n\n\t产出\n\t1.甲\n2.乙\n");
    expect(s.layout).toBe("docx");
    expect(s.blocks[0]).toEqual({ type: "para", text: "标题", line: 1 });
    expect(s.blocks[1]).toMatchObject({
      type: "row",
      line: 2,
      cells: [{ text: "一级指标" }, { text: "二级指标" }],
    });
    expect(s.blocks[2]).toMatchObject({ type: "row", cells: [{ text: "产出" }, { text: "1.甲\n2.乙" }] });
  });

  it("ends a numeric cell at a glued Chinese line", () => {
    const s = readBlocks("\t合计\n\t60.00\n 七、国有资产信息\n上年末固定资产1.00万元。\n");
    expect(s.blocks.map((b) => b.type)).toEqual(["row", "para", "para"]);
  });

  it("reads PDF rows: tab-separated cells on one line, spaces between CJK removed", () => {
    const text = "项目编码\t13081123P0001121000 1M\t\t项目名称\t居家 养老\n一级指标\t二级指标\t三级指标\n";
    const s = readBlocks(text);
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

  it("compares labels without whitespace", () => {
    expect(squash("其中：财政    资金")).toBe("其中：财政资金");
  });
});
