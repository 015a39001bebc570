/**
 * Reader for the 政府采购预算 table: 政府采购项目来源 (项目名称, 预算资金), 采购物品名称,
 * 政府采购目录序号, 计量单位, 数量, 单价, then the 政府采购金额 columns (合计, 一般公共预算拨款, …)
 * and sometimes a "2024年预留中小微企业份额" column.
 * Recognised by its header labels; rows are aligned from the left (exports may drop trailing cells).
 */

import { squash } from "../domain/text.js";
import type { Figure, MoneyUnit, ParseWarning, ProcurementRow } from "../domain/types.js";
import type { DocumentModel } from "./document/model.js";
import { type Block, type BlockStream, type Row, streamOf } from "./document/stream.js";
import { type HeaderColumn, headerTexts, mergeHeaderRows } from "./table-header.js";
import { cleanText, figureOf, findUnit, hasTrailingLines } from "./unit.js";

type Field =
  | "projectName"
  | "projectBudget"
  | "item"
  | "catalogCode"
  | "measureUnit"
  | "quantity"
  | "unitPrice";

/** Leaf header → ProcurementRow field; every other leaf is an amount column. */
function fieldOf(name: string): Field | null {
  if (name === "项目名称") return "projectName";
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
  const hits = [/采购物品名称|采购品目/, /政府采购目录/, /政府采购金额/, /政府采购项目来源/];
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
export function readProcurement(
  model: DocumentModel,
  file: string,
): { rows: ProcurementRow[]; titleLine: number | null; warnings: ParseWarning[] } {
  const stream = streamOf(model);
  const rows: ProcurementRow[] = [];
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
    const merged = mergeHeaderRows(headers.map(headerTexts));
    if (!merged.exact)
      warnings.push({ message: "政府采购预算表表头无法完全对齐，列名可能错位", line: b.line });
    const columns = merged.columns;
    const width = columns.length;
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
      rows.push(readRow(stream, r, columns, unit, file, section, warnings));
    }
    i = j - 1;
  }
  return { rows, titleLine, warnings };
}

function isItemRow(row: Row): boolean {
  const first = squash(row.cells[0]?.text ?? "");
  return first === "合计" || first.endsWith("小计");
}

function readRow(
  stream: BlockStream,
  r: Row,
  columns: HeaderColumn[],
  unit: MoneyUnit,
  file: string,
  section: string,
  warnings: ParseWarning[],
): ProcurementRow {
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
    const field = fieldOf(col.name);
    if (cell && hasTrailingLines(cell.text) && field !== "projectName" && field !== "item") {
      warnings.push({
        message: `政府采购预算表${stream.label(cell.line)}的格后接其他文字，只取首行`,
        line: cell.line,
      });
    }
    const fig = (): Figure | null => (cell ? figureOf(cell.text, unit, file, section, cell.line) : null);
    const text = cell ? cleanText(cell.text.split("\n")[0] ?? "") : "";
    switch (field) {
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
  return row;
}
