/**
 * Reader for the nine standard budget tables (部门预算收支总表 … “三公”经费支出表).
 *
 * A table is: a title (paragraph or one-cell row), meta lines (department, 预算年度,
 * 单位：万元), one or more header rows, usually a 栏次 row ("栏次 1 2 3 …") giving the
 * column count, then data rows, then optionally a note ("注：…空表列示。").
 * Tables are recognised by their title keywords and confirmed by a header row that follows.
 */
import { parseAmount } from "../domain/money.js";
import type {
  MoneyUnit,
  ParseWarning,
  StandardRow,
  StandardTable,
  StandardTableKind,
} from "../domain/types.js";
import type { Block, BlockStream, Row } from "./blocks.js";
import { squash } from "./blocks.js";
import { type HeaderColumn, mergeHeaderRows } from "./table-header.js";
import { cleanText, figureOf, findUnit, firstLine, hasTrailingLines } from "./unit.js";

/** Title keywords → kind, most specific first. Matched against the squashed title. */
const KINDS: Array<[RegExp, StandardTableKind]> = [
  [/三公.*表$/, "三公经费支出表"],
  [/国有资本经营预算.*支出(预算)?表$/, "国有资本经营预算财政拨款支出表"],
  [/政府性基金预算.*支出(预算)?表$/, "政府性基金预算财政拨款支出表"],
  [/一般公共预算.*基本支出(预算)?表$/, "一般公共预算财政拨款基本支出表"],
  [/一般公共预算.*支出(预算)?表$/, "一般公共预算财政拨款支出表"],
  [/财政拨款收支(预算)?总表$/, "财政拨款收支总表"],
  [/收支(预算)?总表$/, "收支总表"],
  [/收入(预算)?总表$/, "收入总表"],
  [/支出(预算)?总表$/, "支出总表"],
];

/** The standard table kind a title names, or null. Accepts "表1 …", "2025年XX部门收支总表", "（续）". */
export function kindOfTitle(title: string): StandardTableKind | null {
  // A 决算 table names the same template table: 收入支出决算总表 is the 收支总表 of the final accounts.
  const t = squash(title)
    .replace(/[（(]续[)）]$/, "")
    .replace(/决算/g, "预算")
    .replace(/收入支出(?=(?:预算)?总表$)/, "收支");
  if (t.length > 60 || /[。；]/.test(t)) return null;
  for (const [re, kind] of KINDS) if (re.test(t)) return kind;
  return null;
}

/** The text of a block that could be a title: a paragraph or a row with one non-blank cell. */
export function titleText(b: Block): string | null {
  if (b.type === "para") return b.text;
  const filled = b.cells.filter((c) => c.text.trim() !== "");
  return filled.length === 1 ? (filled[0]?.text ?? null) : null;
}

const META = /单位\s*[:：]|预算年度|年度\s*[:：]|编制(部门|单位)\s*[:：]|截[止至](时间|日期)?\s*[:：]/;

/** A department / 预算年度 / 单位 line between a title and its header. */
export function isMetaRow(row: Row): boolean {
  const filled = row.cells.filter((c) => c.text.trim() !== "");
  return filled.length > 0 && filled.length <= 4 && filled.some((c) => META.test(c.text));
}

function isMetaPara(text: string): boolean {
  const t = squash(text);
  return t.length <= 60 && (META.test(text) || !/[。；，,]/.test(t));
}

const SEQ = /^\d+$/;

function isBlankRow(row: Row): boolean {
  return row.cells.every((c) => c.text.trim() === "");
}

function isLanciRow(row: Row): boolean {
  return squash(row.cells[0]?.text ?? "") === "栏次";
}

/** A data row when there is no 栏次 row: a 序号 first, or an amount after the first cell. */
function looksLikeData(row: Row): boolean {
  if (SEQ.test(squash(row.cells[0]?.text ?? ""))) return true;
  return row.cells.slice(1).some((c) => parseAmount(firstLine(c.text), "万元") !== null);
}

type Role = "seq" | "code" | "name" | "money";

function roleOf(col: HeaderColumn): Role {
  const n = col.name;
  if (n === "序号") return "seq";
  if (n.includes("编码") || (/^[类款项]$/.test(n) && (col.group ?? "").includes("编码"))) return "code";
  if (/^(项目|科目|名称)$/.test(n) || /名称$/.test(n)) return "name";
  return "money";
}

/** A side of a table: the name column and the money columns that follow it. */
interface Side {
  label: string | null;
  name: number;
  codes: number[];
  money: Array<{ index: number; key: string }>;
}

function sidesOf(columns: HeaderColumn[]): { sides: Side[]; seq: number | null } {
  const roles = columns.map(roleOf);
  const nameIdx = roles.flatMap((r, i) => (r === "name" ? [i] : []));
  const seqIdx = roles.indexOf("seq");
  const twoSided = nameIdx.length >= 2;
  const sides: Side[] = [];
  const bounds = nameIdx.length > 0 ? nameIdx : [0];
  bounds.forEach((start, s) => {
    const from = s === 0 ? 0 : start;
    const to = bounds[s + 1] ?? columns.length;
    const group = columns[start]?.group ?? "";
    const label = !twoSided
      ? null
      : group.includes("收入")
        ? "收入"
        : group.includes("支出")
          ? "支出"
          : s === 0
            ? "收入"
            : "支出";
    const side: Side = { label, name: nameIdx.length > 0 ? start : -1, codes: [], money: [] };
    const seen = new Map<string, number>();
    for (let i = from; i < to; i++) {
      const role = roles[i];
      if (role === "code") side.codes.push(i);
      if (role !== "money") continue;
      const col = columns[i] as HeaderColumn;
      seen.set(col.name, (seen.get(col.name) ?? 0) + 1);
      side.money.push({ index: i, key: col.name });
    }
    // Disambiguate a leaf repeated within one side by its group header.
    for (const m of side.money) {
      const col = columns[m.index] as HeaderColumn;
      if ((seen.get(col.name) ?? 0) > 1 && col.group) m.key = `${col.group}${col.name}`;
    }
    sides.push(side);
  });
  return { sides, seq: seqIdx >= 0 ? seqIdx : null };
}

const TOTAL = /合计|总计|小计/;
const NUMBERED = /^[一二三四五六七八九十]+、/;

/** Level of a row: 3/5/7-digit code → 1/2/3, "一、…" → 1, totals and the rest → null. */
export function levelOf(code: string | null, name: string): number | null {
  if (TOTAL.test(name)) return null;
  if (code) {
    const lv = { 3: 1, 5: 2, 7: 3 }[code.length];
    return lv ?? null;
  }
  return NUMBERED.test(name) ? 1 : null;
}

interface Found {
  table: StandardTable;
  warnings: ParseWarning[];
  end: number;
}

/** Read one table whose title is blocks[start]; null when no table follows the title. */
function readTable(
  blocks: Block[],
  start: number,
  title: string,
  kind: StandardTableKind,
  file: string,
): Found | null {
  const warnings: ParseWarning[] = [];
  const titleLine = (blocks[start] as Block).line;
  let unit: MoneyUnit | null = null;
  let j = start + 1;
  // Meta lines.
  for (; j < blocks.length && j <= start + 6; j++) {
    const b = blocks[j] as Block;
    if (b.type === "para") {
      if (kindOfTitle(b.text) || !isMetaPara(b.text)) return null;
      unit ??= findUnit(b.text);
      continue;
    }
    if (!isMetaRow(b)) break;
    for (const c of b.cells) unit ??= findUnit(c.text);
  }
  if (j >= blocks.length) {
    warnings.push({ message: `「${title}」在文件末尾被截断：未找到表头`, line: titleLine, truncated: "end" });
    return { table: emptyTable(kind, title, unit ?? "万元", titleLine), warnings, end: j };
  }
  // Header rows, then the 栏次 row if printed.
  const headers: Row[] = [];
  let width = 0;
  for (; j < blocks.length; j++) {
    const b = blocks[j] as Block;
    if (b.type !== "row") break;
    if (isLanciRow(b)) {
      width = b.cells.length;
      j++;
      break;
    }
    if (headers.length > 0 && looksLikeData(b)) break;
    if (headers.length >= 4) break;
    headers.push(b);
    for (const c of b.cells) unit ??= findUnit(c.text);
  }
  if (headers.length === 0) return null;
  if (unit === null) {
    warnings.push({ message: `「${title}」未载明金额单位，按万元读取`, line: titleLine });
    unit = "万元";
  }
  const merged = mergeHeaderRows(headers.map((r) => r.cells.map((c) => c.text)));
  const columns = merged.columns;
  if (width === 0) width = Math.max(...headers.map((r) => r.cells.length));
  if (!merged.exact || columns.length !== width) {
    warnings.push({
      message: `「${title}」表头与栏次列数不一致，列名可能错位`,
      line: headers[0]?.line ?? titleLine,
    });
    while (columns.length < width) columns.push({ name: `第${columns.length + 1}列`, group: null });
  }
  const { sides, seq } = sidesOf(columns);
  const table: StandardTable = {
    kind,
    title: cleanText(title),
    unit,
    line: titleLine,
    columns: [...new Set(sides.flatMap((s) => s.money.map((m) => m.key)))],
    rows: [],
    note: null,
  };

  // Data rows.
  for (; j < blocks.length; j++) {
    const b = blocks[j] as Block;
    if (b.type !== "row") break;
    if (isLanciRow(b) || squash(b.cells[0]?.text ?? "") === "序号" || isMetaRow(b)) break;
    const t = titleText(b);
    if (t && kindOfTitle(t)) break;
    if (isBlankRow(b)) continue;
    if (b.cells.length < width) {
      warnings.push({
        message: `「${title}」第${b.line}行只有${b.cells.length}格（应有${width}格），表格可能被截断`,
        line: b.line,
        truncated: "row",
      });
    } else if (b.cells.slice(width).some((c) => c.text.trim() !== "")) {
      warnings.push({
        message: `「${title}」第${b.line}行多出${b.cells.length - width}格，已忽略`,
        line: b.line,
      });
    }
    table.rows.push(...rowsOf(b, sides, seq, table, file, warnings));
  }
  if (j >= blocks.length && table.rows.length === 0) {
    warnings.push({ message: `「${title}」在文件末尾被截断：没有数据行`, line: titleLine, truncated: "end" });
  }
  const next = blocks[j];
  if (next?.type === "para" && /^注/.test(squash(next.text))) {
    table.note = next.text;
    j++;
  }
  return { table, warnings, end: j };
}

function emptyTable(kind: StandardTableKind, title: string, unit: MoneyUnit, line: number): StandardTable {
  return { kind, title: cleanText(title), unit, line, columns: [], rows: [], note: null };
}

function rowsOf(
  row: Row,
  sides: Side[],
  seqIdx: number | null,
  table: StandardTable,
  file: string,
  warnings: ParseWarning[],
): StandardRow[] {
  const cell = (i: number) => row.cells[i];
  const seqText = seqIdx === null ? "" : squash(cell(seqIdx)?.text ?? "");
  const seq = SEQ.test(seqText) ? Number(seqText) : null;
  const out: StandardRow[] = [];
  for (const side of sides) {
    let name = side.name >= 0 ? cleanText(cell(side.name)?.text ?? "") : "";
    const codeText = side.codes.map((i) => squash(cell(i)?.text ?? "")).join("");
    let code = codeText === "" ? null : codeText;
    // A label printed in the code column (e.g. 合计 spanning 编码 and 名称) is the row's name.
    if (code !== null && !/^[0-9A-Za-z]+$/.test(code)) {
      if (name === "") name = cleanText(side.codes.map((i) => cell(i)?.text ?? "").join(""));
      code = null;
    }
    const values: StandardRow["values"] = {};
    let anyValue = false;
    for (const m of side.money) {
      const c = cell(m.index);
      if (c && hasTrailingLines(c.text)) {
        warnings.push({
          message: `「${table.title}」第${c.line}行金额格后接其他文字，只取首行`,
          line: c.line,
        });
      }
      const fig = c ? figureOf(c.text, table.unit, file, table.title, c.line) : null;
      if (fig) anyValue = true;
      values[m.key] = fig;
    }
    if (name === "" && code === null) {
      if (sides.length > 1 || !anyValue) {
        if (anyValue) {
          warnings.push({ message: `「${table.title}」第${row.line}行有金额但无项目名称`, line: row.line });
        }
        continue;
      }
    }
    out.push({ side: side.label, seq, code, name, level: levelOf(code, name), values, line: row.line });
  }
  return out;
}

/** Read every standard budget table in a document. */
export function readStandardTables(
  stream: BlockStream,
  file: string,
): { tables: StandardTable[]; warnings: ParseWarning[] } {
  const tables: StandardTable[] = [];
  const warnings: ParseWarning[] = [];
  const blocks = stream.blocks;
  for (let i = 0; i < blocks.length; i++) {
    const title = titleText(blocks[i] as Block);
    if (!title) continue;
    const kind = kindOfTitle(title);
    if (!kind) continue;
    const found = readTable(blocks, i, title, kind, file);
    if (!found) continue;
    tables.push(found.table);
    warnings.push(...found.warnings);
    i = Math.max(i, found.end - 1);
  }
  return { tables, warnings };
}
