/**
 * Reader for the 政府采购预算 table, recognised by its header labels; rows are aligned from the left
 * (exports may drop trailing cells). Two layouts are read by their headers and row shapes:
 *
 * - Flat: 政府采购项目来源 (项目名称, 预算资金), 采购物品名称, 政府采购目录序号, 计量单位, 数量, 单价,
 *   then the 政府采购金额 columns (合计, 一般公共预算拨款, …) and sometimes a
 *   "2024年预留中小微企业份额" column; every purchase line names its project, a unit's 小计 row is a
 *   subtotal.
 * - Grouped: 采购品目大类 | 专项名称 | 经济科目 | 采购物品名称 | 采购组织形式 | 总计. A 合计 row (total);
 *   category rows (一、货物A, 三、服务C: only the 品目大类 and an amount) are subtotals named in
 *   `item`, as the 采购品目 they classify (projectName stays for projects); a 专项 row (专项名称 and/or
 *   经济科目, an amount, no 采购物品名称) heads the purchase lines below it: it is not a row of its
 *   own but gives them projectName and projectBudget (its amount, citing the 专项 row), as the flat
 *   layout prints 项目名称 and 预算资金 beside each line. A 专项 row with a blank 专项名称 continues the
 *   专项 above; one with no purchase line under it is kept as a line of its own (item null).
 *   The table may continue over the next page under a repeated header.
 * 经济科目 and 采购组织形式 are read as text columns and not kept (ProcurementRow has no field for
 * them); other leaf headers are amount columns, keyed by their printed name.
 */

import { parseAmount } from "../domain/money.js";
import { squash } from "../domain/text.js";
import type { Figure, MoneyUnit, ParseWarning, ProcurementRow } from "../domain/types.js";
import type { DocumentModel } from "./document/model.js";
import { type Block, type BlockStream, type Row, streamOf } from "./document/stream.js";
import { type ReadRow, RowShapes } from "./procurement-shapes.js";
import { type HeaderColumn, headerTexts, joinWrappedHeader, mergeHeaderRows } from "./table-header.js";
import { cleanText, figureOf, findUnit, hasTrailingLines } from "./unit.js";

type Field =
  | "category"
  | "text"
  | "projectName"
  | "projectBudget"
  | "item"
  | "catalogCode"
  | "measureUnit"
  | "quantity"
  | "unitPrice";

/** Leaf header → ProcurementRow field; every other leaf is an amount column. */
function fieldOf(name: string): Field | null {
  if (name === "项目名称" || name === "专项名称") return "projectName";
  if (/^(采购)?品目(大类|类别)$/.test(name)) return "category";
  if (/^(经济科目|采购组织形式|组织形式|采购方式|备注|说明)$/.test(name)) return "text";
  if (name === "预算资金" || name === "项目预算") return "projectBudget";
  if (/^采购(物品|品目)?名称$|^品目名称$/.test(name)) return "item";
  if (/目录(序号|编码|代码)/.test(name)) return "catalogCode";
  if (name === "计量单位" || name === "单位") return "measureUnit";
  if (name === "数量") return "quantity";
  if (name === "单价") return "unitPrice";
  return null;
}

/** Amount column key: the squashed leaf header, a leading year dropped ("2024年预留…" → "预留…"). */
export function amountKey(name: string): string {
  return name.replace(/^\d{4}年(?=.)/, "");
}

function isHeaderStart(row: Row): boolean {
  const labels = row.cells.map((c) => squash(c.text));
  const hits = [
    /采购物品名称|采购品目/,
    /政府采购目录/,
    /政府采购金额/,
    /政府采购项目来源/,
    /^(采购)?组织形式$/,
    /^专项名称$/,
  ];
  return hits.filter((re) => labels.some((l) => re.test(l))).length >= 2;
}

function titleBefore(blocks: Block[], at: number): { text: string; line: number } | null {
  for (let k = at - 1; k >= 0 && k >= at - 4; k--) {
    const b = blocks[k] as Block;
    if (b.type === "para" && b.text.includes("采购") && squash(b.text).length <= 40) {
      return { text: cleanText(b.text), line: b.line };
    }
  }
  return null;
}

/** Read the 政府采购预算 table(s) of a document. */
export function procurementOf(
  stream: BlockStream,
  file: string,
): { rows: ProcurementRow[]; titleLine: number | null; warnings: ParseWarning[] } {
  // One for the whole document: a 专项 may continue over a page under a repeated header.
  const shapes = new RowShapes();
  const warnings: ParseWarning[] = [];
  let titleLine: number | null = null;
  const blocks = stream.blocks;
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i] as Block;
    if (b.type !== "row" || !isHeaderStart(b)) continue;
    const title = titleBefore(blocks, i);
    titleLine ??= title?.line ?? b.line;
    const section = title?.text ?? "政府采购预算";
    // Unit: from the meta lines above the header, else the header itself.
    let unit: MoneyUnit | null = null;
    for (let k = i - 1; k >= 0 && k >= i - 3 && unit === null; k--) {
      const p = blocks[k] as Block;
      const texts = p.type === "para" ? [p.text] : p.cells.map((c) => c.text);
      for (const t of texts) unit ??= findUnit(t);
    }
    const headers: Row[] = [b];
    let j = i + 1;
    // Headers that wrapped inside their cells (`采购组织形` / `式`) print their tails as a row.
    const tails = blocks[j];
    const joined = tails?.type === "row" ? joinWrappedHeader(headerTexts(b), headerTexts(tails)) : null;
    if (joined) j++;
    const second = blocks[j];
    // A second header row: wider than the first (merged cells printed once), or under merged cells.
    const underMerged = b.cells.some((c) => c.spanned !== undefined);
    if (
      second?.type === "row" &&
      (second.cells.length > b.cells.length || underMerged) &&
      !isItemRow(second)
    ) {
      headers.push(second);
      j++;
    }
    for (const h of headers) for (const c of h.cells) unit ??= findUnit(c.text);
    if (unit === null) {
      warnings.push({ message: "政府采购预算表未载明金额单位，按万元读取", line: b.line });
      unit = "万元";
    }
    const texts = headers.map(headerTexts);
    if (joined) texts[0] = joined;
    const merged = mergeHeaderRows(texts);
    if (!merged.exact)
      warnings.push({ message: "政府采购预算表表头无法完全对齐，列名可能错位", line: b.line });
    const columns = merged.columns;
    const width = columns.length;
    const textColumns = columnsWithoutAmounts(blocks, j, columns, unit);
    for (; j < blocks.length; j++) {
      const r = blocks[j] as Block;
      if (r.type !== "row" || r.cells.length < Math.min(3, width) || isHeaderStart(r)) break;
      if (r.cells.every((c) => c.text.trim() === "")) continue;
      if (r.cells.length > width && r.cells.slice(width).some((c) => c.text.trim() !== "")) {
        warnings.push({
          message: `政府采购预算表${stream.label(r.line)}多出${r.cells.length - width}格，已忽略`,
          line: r.line,
        });
      }
      if (j === blocks.length - 1 && r.cells.length < width) {
        warnings.push({
          message: `政府采购预算表在${stream.label(r.line)}处随文件结束，表格可能被截断`,
          line: r.line,
          truncated: "end",
        });
      }
      shapes.add(readRow(stream, r, columns, textColumns, unit, file, section, warnings));
    }
    i = j - 1;
  }
  return { rows: shapes.end(), titleLine, warnings };
}

function isItemRow(row: Row): boolean {
  const first = squash(row.cells[0]?.text ?? "");
  return first === "合计" || first.endsWith("小计");
}

/**
 * Columns that would be amount columns by their header but hold text and no amount in the rows
 * below (`政府集中采购` under a header the reader does not know): an amount column holds amounts.
 */
function columnsWithoutAmounts(
  blocks: Block[],
  from: number,
  columns: HeaderColumn[],
  unit: MoneyUnit,
): Set<number> {
  const text = new Set<number>();
  const amount = new Set<number>();
  for (let j = from; j < blocks.length; j++) {
    const r = blocks[j] as Block;
    if (r.type !== "row" || isHeaderStart(r)) break;
    r.cells.forEach((cell, i) => {
      const t = cleanText(cell.text);
      if (t === "" || fieldOf(columns[i]?.name ?? "") !== null) return;
      if (parseAmount(t, unit) !== null) amount.add(i);
      else if (!/^[-—–]+$/.test(t)) text.add(i);
    });
  }
  return new Set([...text].filter((i) => !amount.has(i)));
}

function readRow(
  stream: BlockStream,
  r: Row,
  columns: HeaderColumn[],
  textColumns: Set<number>,
  unit: MoneyUnit,
  file: string,
  section: string,
  warnings: ParseWarning[],
): ReadRow {
  let category = "";
  let hasText = false;
  const row: ProcurementRow = {
    kind: "item",
    projectName: null,
    projectBudget: null,
    item: null,
    catalogCode: null,
    measureUnit: null,
    quantity: null,
    unitPrice: null,
    amounts: {},
    line: r.line,
  };
  columns.forEach((col, i) => {
    const cell = r.cells[i];
    const field = textColumns.has(i) ? "text" : fieldOf(col.name);
    const named = field === "projectName" || field === "item" || field === "category" || field === "text";
    if (cell && hasTrailingLines(cell.text) && !named) {
      warnings.push({
        message: `政府采购预算表${stream.label(cell.line)}的格后接其他文字，只取首行`,
        line: cell.line,
      });
    }
    const fig = (): Figure | null => (cell ? figureOf(cell.text, unit, file, section, cell.line) : null);
    const text = cell ? cleanText(cell.text.split("\n")[0] ?? "") : "";
    switch (field) {
      case "category":
        category = cell ? cleanText(cell.text) : "";
        break;
      case "text":
        if (cell && cleanText(cell.text) !== "") hasText = true;
        break;
      case "projectName":
        row.projectName = cell && cleanText(cell.text) !== "" ? cleanText(cell.text) : null;
        break;
      case "item":
        row.item = cell && cleanText(cell.text) !== "" ? cleanText(cell.text) : null;
        break;
      case "projectBudget":
        row.projectBudget = fig();
        break;
      case "unitPrice":
        row.unitPrice = fig();
        break;
      case "catalogCode":
        row.catalogCode = text === "" ? null : squash(text);
        break;
      case "measureUnit":
        row.measureUnit = text === "" ? null : text;
        break;
      case "quantity":
        row.quantity = text === "" ? null : text;
        break;
      default:
        row.amounts[amountKey(col.name)] = fig();
    }
  });
  const first = squash(r.cells[0]?.text ?? "");
  if (first === "合计" || first === "总计") row.kind = "total";
  else if (first.endsWith("小计")) row.kind = "subtotal";
  return { row, category, hasText, itemColumn: columns.some((c) => fieldOf(c.name) === "item") };
}

/** `procurementOf` over a model's own reading view (tests and tools; the pipeline builds the view once). */
export function readProcurement(model: DocumentModel, file: string): ReturnType<typeof procurementOf> {
  return procurementOf(streamOf(model), file);
}
