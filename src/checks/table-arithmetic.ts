/**
 * Table arithmetic inside one standard table: parent 科目 = sum of its child 科目, 合计 row = sum of
 * 类 rows, 合计 column = sum of its part columns, and the two-sided balance of 收支总表-like tables.
 */

import { squash } from "../domain/text.js";
import type { Disclosure, StandardRow, StandardTable } from "../domain/types.js";
import { columnGroups } from "./column-groups.js";
import { type Amount, compareAmounts, present, sumAmount } from "./compare.js";
import {
  bare,
  cellAmount,
  codedRows,
  enumeratorClass,
  isEnumerated,
  isTwoSided,
  mainColumn,
  orderedColumns,
  rowLabel,
  sideRows,
  totalRow,
} from "./tables.js";
import type { Finding, Rule } from "./types.js";

export { type ColumnGroup, columnGroups } from "./column-groups.js";

/** Compare one cell with the sum of other rows' cells in the same column. */
function rowsSum(
  ruleId: string,
  t: StandardTable,
  parent: StandardRow,
  children: StandardRow[],
  sumLabel: string,
): Finding[] {
  const out: Finding[] = [];
  for (const column of orderedColumns(t, parent)) {
    const left = cellAmount(t, parent, column);
    const parts = present(children.map((c) => cellAmount(t, c, column)));
    const right = sumAmount(sumLabel, parts, parent.values[column]?.source);
    const f = compareAmounts(left, right, { ruleId, severity: "error" });
    if (f) out.push(f);
  }
  return out;
}

/** Parent 科目 (3 or 5 digits) = sum of its child 科目 (2 more digits), per column. */
export const codeSumRule: Rule = {
  id: "table.code-sum",
  description: "功能分类/经济分类科目：上级科目（类、款）金额 = 其下级科目（款、项）金额之和，逐列核对",
  severity: "error",
  run(d: Disclosure): Finding[] {
    const out: Finding[] = [];
    for (const t of d.tables) {
      const coded = codedRows(t);
      for (const { code, row } of coded) {
        if (code.length !== 3 && code.length !== 5) continue;
        const children = coded
          .filter((c) => c.code.length === code.length + 2 && c.code.startsWith(code))
          .map((c) => c.row);
        if (children.length === 0) continue;
        out.push(...rowsSum("table.code-sum", t, row, children, `「${rowLabel(row)}」下级科目之和`));
      }
    }
    return out;
  },
};

/** 合计 row = sum of the 类 (3-digit) rows, per column. */
export const totalSumRule: Rule = {
  id: "table.total-sum",
  description: "合计行 = 各类级科目（3位编码）之和，逐列核对",
  severity: "error",
  run(d: Disclosure): Finding[] {
    const out: Finding[] = [];
    for (const t of d.tables) {
      if (isTwoSided(t)) continue;
      const total = totalRow(t);
      const level1 = codedRows(t)
        .filter((c) => c.code.length === 3)
        .map((c) => c.row);
      if (!total || level1.length === 0) continue;
      out.push(...rowsSum("table.total-sum", t, total, level1, "各类级科目之和"));
    }
    return out;
  },
};

/** Column groups within a row: 合计 = 基本支出 + 项目支出, 本年收入小计 = its parts, etc. */
export const columnSumRule: Rule = {
  id: "table.column-sum",
  description:
    "合计列 = 各组成列之和（如 合计 = 基本支出 + 项目支出；本年收入小计 = 各收入来源列之和），逐行核对",
  severity: "error",
  run(d: Disclosure): Finding[] {
    const out: Finding[] = [];
    for (const t of d.tables) {
      for (const row of t.rows) {
        for (const g of columnGroups(orderedColumns(t, row))) {
          const left = cellAmount(t, row, g.total);
          const parts = present(g.parts.map((c) => cellAmount(t, row, c)));
          const right = sumAmount(`${g.parts.join(" + ")}`, parts, row.values[g.total]?.source);
          const f = compareAmounts(left, right, { ruleId: "table.column-sum", severity: "error" });
          if (f) out.push(f);
        }
      }
    }
    return out;
  },
};

const YEAR_TOTAL = /^本年(收入|支出)合计$/;
const GRAND_TOTAL = /^(收入|支出)?总计$/;

/** Structure of one side of a two-sided table. */
interface SideLayout {
  items: StandardRow[];
  yearTotal: StandardRow | undefined;
  /** Rows between 本年合计 and 总计 that add to the 总计 (结转结余 …), each with its enumerated sub-rows. */
  heads: Array<{ head: StandardRow; subs: StandardRow[] }>;
  grandTotal: StandardRow | undefined;
}

/** Split one side into items, 本年合计, carry-over heads and 总计. */
function sideLayout(t: StandardTable, side: string): SideLayout {
  const rows = sideRows(t, side);
  const iYear = rows.findIndex((r) => YEAR_TOTAL.test(bare(r.name)));
  const iGrand = rows.findIndex((r) => GRAND_TOTAL.test(bare(r.name)));
  const before = rows.slice(0, Math.max(iYear, 0));
  const first = before.find((r) => isEnumerated(r.name));
  // Items are the top-level enumerated rows ("一、…"); nested ones ("（一）…") would count twice.
  const items = first
    ? before.filter((r) => enumeratorClass(r.name) === enumeratorClass(first.name))
    : before.filter((r) => r.level === 1);
  const heads: SideLayout["heads"] = [];
  if (iYear >= 0) {
    const between = rows.slice(iYear + 1, iGrand < 0 ? rows.length : iGrand);
    for (const r of between) {
      const last = heads[heads.length - 1];
      if (isEnumerated(r.name) && last) last.subs.push(r);
      else if (!isEnumerated(r.name)) heads.push({ head: r, subs: [] });
    }
  }
  return { items, yearTotal: rows[iYear], heads, grandTotal: rows[iGrand] };
}

/** 本年收入合计 = 收入项之和; 本年支出合计 = 支出项之和; a 结转 row = its enumerated sub-rows. */
export const sideSumRule: Rule = {
  id: "table.side-sum",
  description:
    "收支总表类表格：本年收入合计 = 各收入项之和；本年支出合计 = 各支出功能分类之和；结转结余 = 其分项之和",
  severity: "error",
  run(d: Disclosure): Finding[] {
    const out: Finding[] = [];
    for (const t of d.tables) {
      if (!isTwoSided(t)) continue;
      for (const side of ["收入", "支出"]) {
        const s = sideLayout(t, side);
        if (s.yearTotal && s.items.length > 0) {
          out.push(...rowsSum("table.side-sum", t, s.yearTotal, s.items, `各${side}项之和`));
        }
        for (const h of s.heads) {
          if (h.subs.length > 0) out.push(...rowsSum("table.side-sum", t, h.head, h.subs, "其分项之和"));
        }
      }
    }
    return out;
  },
};

/** 收入总计 = 本年收入合计 + 上年结转; 支出总计 = 本年支出合计 + 年末结转; 收入总计 = 支出总计. */
export const balanceRule: Rule = {
  id: "table.balance",
  description:
    "收支平衡：收入总计 = 本年收入合计 + 上年结转结余；支出总计 = 本年支出合计 + 年末结转结余；收入总计 = 支出总计",
  severity: "error",
  run(d: Disclosure): Finding[] {
    const out: Finding[] = [];
    for (const t of d.tables) {
      if (!isTwoSided(t)) continue;
      const grand: Record<string, Amount | null> = {};
      for (const side of ["收入", "支出"]) {
        const s = sideLayout(t, side);
        const g = s.grandTotal;
        if (!g) continue;
        grand[side] = cellAmount(t, g, mainColumn(t, g));
        if (!s.yearTotal) continue;
        out.push(
          ...rowsSum(
            "table.balance",
            t,
            g,
            [s.yearTotal, ...s.heads.map((h) => h.head)],
            `本年${side}合计与结转结余之和`,
          ),
        );
      }
      const f = compareAmounts(grand.收入 ?? null, grand.支出 ?? null, {
        ruleId: "table.balance",
        severity: "error",
      });
      if (f) out.push(f);
    }
    return out;
  },
};

/** All table-arithmetic rules. */
export const tableArithmeticRules: Rule[] = [
  codeSumRule,
  totalSumRule,
  columnSumRule,
  sideSumRule,
  balanceRule,
];
