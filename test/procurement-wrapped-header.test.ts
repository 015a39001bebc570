/**
 * Issue 17, layouts real producers make: a header that wraps inside its cell comes out of an
 * export without rulings as a row of its tails (`采购组织形` / `式`). The real 政府采购预算表 of
 * 江苏省政协办公厅 2019 (第12页, its document model) with its header wrapped that way must read as
 * printed, and the 采购组织形式 text column never becomes an amount column.
 */
import { describe, expect, it } from "vitest";
import type { DocTable, DocumentModel } from "../src/ingest/document/model.js";
import { readProcurement } from "../src/ingest/procurement.js";
import { joinWrappedHeader } from "../src/ingest/table-header.js";
import { fixtureModel } from "./helpers/model-blocks.js";

const NAME = "江苏省政协办公厅2019年预算公开表";

function procurementTable(model: DocumentModel): DocTable {
  const page = model.parts[11] as DocumentModel["parts"][number];
  return page.blocks.find(
    (b) => b.type === "table" && b.rows[0]?.cells.some((c) => c.text === "采购组织形式"),
  ) as DocTable;
}

function wrapped(): DocumentModel {
  const model = fixtureModel(NAME);
  const table = procurementTable(model);
  const header = table.rows[0] as DocTable["rows"][number];
  const tails = header.cells.map((c) => {
    if (c.text === "采购组织形式") return "式";
    if (c.text === "采购品目大类") return "类";
    return "";
  });
  for (const c of header.cells) {
    if (c.text === "采购组织形式") c.text = "采购组织形";
    if (c.text === "采购品目大类") c.text = "采购品目大";
  }
  table.rows.splice(1, 0, {
    place: header.place,
    cells: tails.map((text) => ({ text, colSpan: 1, rowSpan: 1 })),
  });
  return model;
}

describe("a procurement header wrapped inside its cells", () => {
  it("reads the real table the same as when its header is on one line", () => {
    const plain = readProcurement(fixtureModel(NAME), `${NAME}.pdf`);
    const read = readProcurement(wrapped(), `${NAME}.pdf`);
    const shape = (r: typeof plain) =>
      r.rows.map((x) => [x.kind, x.item, x.projectName, Object.keys(x.amounts), x.amounts.总计?.text]);
    expect(plain.rows.length).toBeGreaterThan(5);
    expect(shape(read)).toEqual(shape(plain));
    expect(read.rows.flatMap((x) => Object.keys(x.amounts))).not.toContain("式");
  });

  it("joins only tails of one or two characters under some headers", () => {
    expect(joinWrappedHeader(["采购组织形", "总计"], ["式", ""])).toEqual(["采购组织形式", "总计"]);
    expect(joinWrappedHeader(["本年收入", "合计"], ["小计", "财政拨款收入"])).toBeNull();
    expect(joinWrappedHeader(["项目", "金额"], ["一般公共预算拨款", "675.82"])).toBeNull();
  });
});
