/** Row shapes of the grouped 政府采购预算表 at the edges the corpus does not print. */
import { describe, expect, it } from "vitest";
import type { Figure, ProcurementRow } from "../src/domain/types.js";
import { type ReadRow, RowShapes } from "../src/ingest/procurement-shapes.js";

const wan = (text: string, line: number): Figure => ({
  text,
  fen: Math.round(Number(text) * 1_000_000),
  unit: "万元",
  source: { file: "t.pdf", section: "政府采购预算表", line },
});

function read(
  line: number,
  cells: { category?: string; project?: string; econ?: string; item?: string; total: string },
): ReadRow {
  const row: ProcurementRow = {
    kind: cells.category === "合计" ? "total" : "item",
    projectName: cells.project ?? null,
    projectBudget: null,
    item: cells.item ?? null,
    catalogCode: null,
    measureUnit: null,
    quantity: null,
    unitPrice: null,
    amounts: { 总计: wan(cells.total, line) },
    line,
  };
  return { row, category: cells.category ?? "", hasText: cells.econ !== undefined, itemColumn: true };
}

describe("RowShapes", () => {
  it("keeps a 专项 without purchase lines as a line of its own, and ends a 专项 at the next category", () => {
    const shapes = new RowShapes();
    shapes.add(read(1, { category: "合计", total: "30.00" }));
    shapes.add(read(2, { category: "一、货物A", total: "10.00" }));
    shapes.add(read(3, { project: "甲专项", econ: "办公设备购置", total: "10.00" }));
    shapes.add(read(4, { category: "三、服务C", total: "20.00" }));
    shapes.add(read(5, { project: "乙专项", econ: "会议费", total: "20.00" }));
    shapes.add(read(6, { item: "会议服务", total: "20.00" }));
    const rows = shapes.end();
    expect(rows.map((r) => [r.line, r.kind, r.projectName, r.item, r.projectBudget?.text])).toEqual([
      [1, "total", null, "合计", undefined],
      [2, "subtotal", null, "一、货物A", undefined],
      [3, "item", "甲专项", null, "10.00"],
      [4, "subtotal", null, "三、服务C", undefined],
      [6, "item", "乙专项", "会议服务", "20.00"],
    ]);
    expect(rows[4]?.projectBudget?.source.line).toBe(5);
  });

  it("keeps a last 专项 without lines at the end, and gives no 专项 to lines after a line naming its own project", () => {
    const shapes = new RowShapes();
    shapes.add(read(1, { project: "甲专项", econ: "会议费", total: "5.00" }));
    shapes.add(read(2, { project: "丙项目", item: "印刷服务", total: "1.00" }));
    shapes.add(read(3, { item: "其他服务", total: "1.00" }));
    shapes.add(read(4, { project: "丁专项", econ: "培训费", total: "2.00" }));
    const rows = shapes.end();
    expect(rows.map((r) => [r.line, r.projectName, r.item])).toEqual([
      [1, "甲专项", null],
      [2, "丙项目", "印刷服务"],
      [3, null, "其他服务"],
      [4, "丁专项", null],
    ]);
  });
});
