/**
 * The shapes of the 政府采购预算 rows once read cell by cell: which row is a category subtotal, which
 * is a 专项 heading the purchase lines below it, and which lines belong to which 专项. The flat
 * layout (every line names its project) passes through unchanged; see procurement.ts.
 */

import type { Figure, ProcurementRow } from "../domain/types.js";

/** A row read cell by cell, before its shape in the table is known. */
export interface ReadRow {
  row: ProcurementRow;
  /** The 采购品目大类 cell ("一、货物A"), "" when blank or when the table has no such column. */
  category: string;
  /** Whether a text column that is not kept (经济科目, 采购组织形式 …) holds text. */
  hasText: boolean;
  /** Whether the table has a 采购物品名称 column (a row without one cannot head purchase lines). */
  itemColumn: boolean;
}

/** The row's amount under 合计 / 总计, else its first amount. */
function totalAmount(row: ProcurementRow): Figure | null {
  const key = Object.keys(row.amounts).find((k) => /^(合计|总计)$/.test(k)) ?? Object.keys(row.amounts)[0];
  return key === undefined ? null : (row.amounts[key] ?? null);
}

/** A 专项 row: a project name and/or an economic class and an amount, but no purchase line. */
function isProjectHead(r: ReadRow): boolean {
  const { row } = r;
  return (
    r.itemColumn &&
    row.kind === "item" &&
    row.item === null &&
    (row.projectName !== null || r.hasText) &&
    row.catalogCode === null &&
    row.measureUnit === null &&
    row.quantity === null &&
    row.unitPrice === null
  );
}

/** A category row: only the 采购品目大类 and amounts. */
function isCategory(r: ReadRow): boolean {
  const { row } = r;
  return (
    r.category !== "" && row.kind === "item" && row.item === null && row.projectName === null && !r.hasText
  );
}

/**
 * Collects rows in document order, giving each purchase line the 专项 above it. A 专项 is emitted
 * as a line of its own only when no purchase line follows it. Call `end()` after the last row.
 */
export class RowShapes {
  readonly rows: ProcurementRow[] = [];
  private head: { row: ProcurementRow; used: boolean } | null = null;

  add(r: ReadRow): void {
    const { row } = r;
    if (row.kind !== "item" || isCategory(r)) {
      this.close();
      if (row.kind === "item") row.kind = "subtotal";
      // Name a 合计 or category row by its 品目大类 cell when it has no other name.
      if (row.item === null && row.projectName === null && r.category !== "") row.item = r.category;
      this.rows.push(row);
      return;
    }
    if (isProjectHead(r)) {
      // A blank 专项名称 continues the 专项 above (as a blank 项目名称 does on a purchase line).
      const name = row.projectName ?? this.head?.row.projectName ?? null;
      this.close();
      row.projectName = name;
      row.projectBudget ??= totalAmount(row);
      this.head = { row, used: false };
      return;
    }
    if (row.projectName === null && this.head) {
      row.projectName = this.head.row.projectName;
      row.projectBudget ??= this.head.row.projectBudget;
      this.head.used = true;
    } else if (row.projectName !== null) {
      this.close();
    }
    this.rows.push(row);
  }

  /** After the last row: a 专项 without purchase lines is kept as a line of its own. */
  end(): ProcurementRow[] {
    this.close();
    return this.rows;
  }

  private close(): void {
    if (this.head && !this.head.used) this.rows.push(this.head.row);
    this.head = null;
  }
}
