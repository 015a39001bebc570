import { describe, expect, it } from "vitest";
import { showFigure } from "../src/answers/format.js";
import { formatExact } from "../src/checks/compare.js";
import { closeDb, openDb } from "../src/store/sqlite/db.js";
import { getStandardTables } from "../src/store/sqlite/read/tables.js";
import { saveDisclosure } from "../src/store/sqlite/write.js";
import { parseText } from "./helpers/parse-text.js";

// A 支出总表 printed in 元 with cents, as real district disclosures print it (e.g. 6429768.84元).
const TEXT = [
  "某某区某某街道办事处2024年部门预算",
  "表3 2024年某某街道办事处支出总表",
  "单位：元",
  "科目编码\t科目名称\t合计\t基本支出\t项目支出",
  "类\t款\t项\t\t\t\t",
  "\t\t\t合计\t6,429,768.84\t6,000,000.50\t429,768.34",
  "201\t\t\t一般公共服务支出\t6,429,768.84\t6,000,000.50\t429,768.34",
].join("\n");

describe("a 元 figure with cents", () => {
  it("is read, stored and read back exactly in 分, and shown exactly as printed in 元", () => {
    const d = parseText(TEXT, "900_cents.txt");
    const t = d.tables.find((x) => x.kind === "支出总表");
    expect(t?.unit).toBe("元");
    const total = t?.rows[0]?.values;
    expect([total?.合计?.text, total?.合计?.fen]).toEqual(["6,429,768.84", 642976884]);
    expect((total?.基本支出?.fen ?? 0) + (total?.项目支出?.fen ?? 0)).toBe(total?.合计?.fen);

    const db = openDb(":memory:");
    try {
      const { docId } = saveDisclosure(db, d);
      const [stored] = getStandardTables(db, docId, "支出总表");
      expect(stored?.rows[0]?.values.合计).toEqual(total?.合计);
      // Shown as printed, in its own unit (never converted to 万元); 元 text keeps its cents.
      expect(showFigure(stored?.rows[0]?.values.合计)).toBe("6,429,768.84");
      expect(formatExact(642976884, "元")).toBe("6,429,768.84");
    } finally {
      closeDb(db);
    }
  });
});
