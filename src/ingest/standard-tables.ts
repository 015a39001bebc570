/**
 * Reader for the nine standard budget tables (部门预算收支总表 … “三公”经费支出表).
 *
 * A table is: a title (paragraph or one-cell row), meta lines (department, 预算年度,
 * 单位：万元), one or more header rows, usually a 栏次 row ("栏次 1 2 3 …") giving the
 * column count, then data rows, then optionally a note ("注：…空表列示。").
 * Tables are recognised by their title keywords and confirmed by a header row that follows.
 */
import { parseAmount } from "../domain/money.js";
import { squash } from "../domain/text.js";
import type {
  MoneyUnit,
  ParseWarning,
  StandardRow,
  StandardTable,
  StandardTableKind,
} from "../domain/types.js";
import type { DocumentModel } from "./document/model.js";
import { type Block, type BlockStream, type Cell, type Row, streamOf } from "./document/stream.js";
import {
  type GridSlot,
  type HeaderColumn,
  hasSpans,
  headerTexts,
  mergeHeaderRows,
  mergeSpannedHeaderRows,
  type PathColumn,
  RowExpander,
} from "./table-header.js";
import { isTableNumber, kindOfHeader, kindOfTitle } from "./table-kinds.js";
import { cleanText, figureOf, findUnit, firstLine, hasTrailingLines } from "./unit.js";

export { kindOfTitle } from "./table-kinds.js";

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

type Role = "seq" | "code" | "name" | "money" | "text";

/** Header labels of text columns that are not amounts (政府采购预算表: 经济科目, 采购组织形式 …). */
const TEXT_COLUMN = /^(行次|栏次|经济科目|采购组织形式|组织形式|采购方式|计量单位|数量|备注|说明)$/;

function roleOf(col: HeaderColumn): Role {
  const n = col.name;
  if (n === "序号") return "seq";
  if (/编码|代码/.test(n) || (/^[类款项]$/.test(n) && /编码|代码/.test(col.group ?? ""))) return "code";
  if (/^(项目|科目|名称)$/.test(n) || /名称$|大类$/.test(n)) return "name";
  if (TEXT_COLUMN.test(n)) return "text";
  return "money";
}

/** A side of a table: its name column(s), code columns and the money columns that follow. */
interface Side {
  label: string | null;
  /** Name columns, left to right (a second one holds sub-names, e.g. 一般公共预算资金 | 小计). */
  names: number[];
  codes: number[];
  money: Array<{ index: number; key: string }>;
}

/** 收入 / 支出 from a column's header labels (top first), or null. */
function sideWord(col: HeaderColumn | undefined): string | null {
  const labels = [...((col as PathColumn | undefined)?.path ?? []), col?.group ?? ""];
  for (const l of labels) {
    if (l.includes("收入")) return "收入";
    if (l.includes("支出")) return "支出";
  }
  return null;
}

/** Whether the sides starting at `starts` repeat one block of columns and none names 收入/支出. */
function isRepeatedBlock(columns: HeaderColumn[], roles: Role[], starts: number[]): boolean {
  const block = (s: number) => {
    const to = starts[s + 1] ?? columns.length;
    return columns
      .slice(starts[s], to)
      .map(
        (c, k) =>
          `${roles[(starts[s] as number) + k]}:${roles[(starts[s] as number) + k] === "money" ? c.name : ""}`,
      )
      .join("|");
  };
  const first = block(0);
  return starts.every((_, s) => block(s) === first && sideWord(columns[starts[s] as number]) === null);
}

function sidesOf(columns: HeaderColumn[]): { sides: Side[]; seq: number | null } {
  const roles = columns.map(roleOf);
  // A blank header right after a name column holds sub-names (merged 项目名称 over two columns).
  roles.forEach((r, i) => {
    if (r === "money" && columns[i]?.name === "" && (roles[i - 1] === "name" || roles[i - 1] === "text"))
      roles[i] = "name";
  });
  const seqIdx = roles.indexOf("seq");
  // A side starts at a name column that follows a money column (or at the first name column).
  const starts: number[] = [];
  let sawMoney = true;
  roles.forEach((r, i) => {
    if (r === "name" && sawMoney) {
      starts.push(i);
      sawMoney = false;
    } else if (r === "money") sawMoney = true;
  });
  // A later side's code columns printed before its name column (编码 | 名称 | 决算数 | 编码 | 名称 | …)
  // belong to it, not to the side before.
  for (let s = 0; s < starts.length; s++) {
    while (roles[(starts[s] as number) - 1] === "code") starts[s] = (starts[s] as number) - 1;
  }
  const twoSided = starts.length >= 2;
  // One list printed in two blocks side by side (基本支出 by 经济分类: 301/303 | 302/310) has no
  // 收入/支出 sides: every block names no side and repeats the same money columns.
  const blocks = twoSided && isRepeatedBlock(columns, roles, starts);
  const sides: Side[] = [];
  const bounds = starts.length > 0 ? starts : [0];
  bounds.forEach((start, s) => {
    const from = s === 0 ? 0 : start;
    const to = bounds[s + 1] ?? columns.length;
    const nameAt = roles.indexOf("name", start);
    const word = sideWord(columns[nameAt >= 0 ? nameAt : start]);
    const label = !twoSided || blocks ? null : (word ?? (s === 0 ? "收入" : "支出"));
    const side: Side = { label, names: [], codes: [], money: [] };
    const seen = new Map<string, number>();
    for (let i = from; i < to; i++) {
      const role = roles[i];
      if (role === "code") side.codes.push(i);
      if (role === "name" && starts.length > 0) side.names.push(i);
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

/** A row as grid slots: cells placed by their spans (a text export's cells one per slot). */
type Slots = GridSlot<Cell>[];

const isWide = (kind: StandardTableKind) => kind === "三公经费支出表" || kind === "三公经费和机关运行经费表";

/**
 * Read one table whose title is blocks[start]; null when no table follows the title. An untitled
 * table (`untitled`) starts at blocks[start] itself, its header row.
 */
function readTable(
  stream: BlockStream,
  blocks: Block[],
  start: number,
  title: string,
  kind: StandardTableKind,
  file: string,
  untitled = false,
): Found | null {
  const warnings: ParseWarning[] = [];
  const titleLine = (blocks[start] as Block).line;
  let unit: MoneyUnit | null = null;
  let j = untitled ? start : start + 1;
  if (untitled) {
    // The unit of an untitled table is printed in the lines just above it (`单位：元`).
    for (let k = start - 1; k >= Math.max(0, start - 3) && unit === null; k--) {
      const b = blocks[k] as Block;
      if (b.type === "para" && isMetaPara(b.text)) unit = findUnit(b.text);
    }
  }
  // Meta lines (a table number printed on its own line is one of them).
  for (; !untitled && j < blocks.length && j <= start + 6; j++) {
    const b = blocks[j] as Block;
    if (b.type === "para") {
      if (isTableNumber(b.text)) continue;
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
  // Merged header cells as printed (a document model's spans), else the rows as given.
  const raw = headers.map((r) => r.spans ?? r.cells);
  const spanned = hasSpans(raw);
  const merged = spanned ? mergeSpannedHeaderRows(raw) : mergeHeaderRows(headers.map(headerTexts));
  const columns: HeaderColumn[] = merged.columns;
  if (width === 0) width = spanned ? columns.length : Math.max(...headers.map((r) => r.cells.length));
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
  const wide = isWide(kind) && sides.every((s) => s.names.length === 0);
  if (wide) table.columns = wideColumns(columns);

  const blockOf = new Map<StandardRow, number>();
  // Data rows. Row spans carry down from the header into the body only through the expander.
  const expander = new RowExpander<Cell>();
  for (const h of headers) expander.next(h.cells);
  for (; j < blocks.length; j++) {
    const b = blocks[j] as Block;
    if (b.type !== "row") break;
    if (isLanciRow(b) || squash(b.cells[0]?.text ?? "") === "序号" || isMetaRow(b)) break;
    const t = titleText(b);
    if (t && kindOfTitle(t)) break;
    // Every row goes through the expander: without spans it yields the cells one per slot.
    const slots: Slots = expander.next(b.spans ?? b.cells);
    if (isBlankRow(b)) continue;
    // A wide table holds amounts only: a row with text is the next table's.
    if (wide && slots.some((x) => x.origin && x.cell.text.trim() !== "" && !isAmountText(x.cell.text))) break;
    if (slots.length < width) {
      warnings.push({
        message: `「${title}」${stream.label(b.line)}只有${slots.length}格（应有${width}格），表格可能被截断`,
        line: b.line,
        truncated: "row",
      });
    } else if (slots.slice(width).some((c) => c.origin && c.cell.text.trim() !== "")) {
      warnings.push({
        message: `「${title}」${stream.label(b.line)}多出${slots.length - width}格，已忽略`,
        line: b.line,
      });
    }
    if (wide) table.rows.push(...wideRows(b, slots, columns, table, file));
    else if (sides.length > 1 && sides.every((s) => s.label === null)) {
      // Blocks side by side: each block's rows in order, the left block's before the right one's.
      sides.forEach((side, k) => {
        for (const r of rowsOf(stream, b, slots, [side], seq, table, file, warnings)) {
          blockOf.set(r, k);
          table.rows.push(r);
        }
      });
    } else table.rows.push(...rowsOf(stream, b, slots, sides, seq, table, file, warnings));
  }
  if (blockOf.size > 0) table.rows = sortByBlock(table.rows, blockOf);
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

/** Rows of side-by-side blocks, block by block (stable within a block). */
function sortByBlock(rows: StandardRow[], blockOf: Map<StandardRow, number>): StandardRow[] {
  return rows
    .map((r, i) => ({ r, i, k: blockOf.get(r) ?? 0 }))
    .sort((a, b) => a.k - b.k || a.i - b.i)
    .map((x) => x.r);
}

function emptyTable(kind: StandardTableKind, title: string, unit: MoneyUnit, line: number): StandardTable {
  return { kind, title: cleanText(title), unit, line, columns: [], rows: [], note: null };
}

function isAmountText(text: string): boolean {
  return parseAmount(firstLine(text), "万元") !== null || /^[-—–]+$/.test(squash(text));
}

/** The value column of a wide table read as rows (“三公” tables printed as one row of amounts). */
export const WIDE_VALUE = "金额";

/** A header label without a leading year and a trailing 预算数 (`2024年“三公”经费预算数` → `“三公”经费`). */
function bareLabel(label: string): string {
  return label.replace(/^\d{4}年度?/, "").replace(/(预算数|预算|金额)$/, "") || label;
}

/**
 * The row name of one column of a wide table: the leaf label, qualified by its group when the leaf
 * alone does not say what it is (`小计` → `“三公”经费小计`, `购置费` → `公务用车购置及运行费：购置费`).
 * A 合计 outside any group that sits beside figures that are not 三公 (会议费, 培训费) says so.
 */
function wideName(col: PathColumn | HeaderColumn, columns: HeaderColumn[]): string {
  const path = (col as PathColumn).path ?? [col.group, col.name].filter((x): x is string => !!x);
  const leaf = bareLabel(col.name);
  const group = path.length > 1 ? bareLabel(path[path.length - 2] as string) : null;
  if (/^(合计|小计|总计)$/.test(leaf)) {
    if (group) return `${group}${leaf}`;
    const tops = [
      ...new Set(
        columns
          .map((c) => (c as PathColumn).path?.[0] ?? c.group ?? c.name)
          .filter((l) => l && l !== col.name),
      ),
    ].map(bareLabel);
    // Beside 三公 and its parts (and 机关运行经费), other figures (会议费, 培训费) widen the total.
    return tops.some((t) => !/三公|出国|公务用车|接待|机关运行/.test(t))
      ? `${leaf}（${tops.join("、")}）`
      : leaf;
  }
  if (group && !/^(合计|小计)$/.test(group) && !leaf.startsWith(group.slice(0, 4)) && !/三公/.test(group))
    return `${group}：${leaf}`;
  return leaf;
}

/** Leaves printed under each part of a wide 决算 table, one pair per part. */
const PAIRED_LEAF = /^(年初预算数|调整预算数|全年预算数|预算数|决算数)$/;

/** A wide table's column whose leaf is 预算数/决算数 under a part: the part as a column, and the leaf. */
function pairedColumn(col: HeaderColumn): { parent: HeaderColumn; leaf: string } | null {
  const path = (col as PathColumn).path;
  if (!PAIRED_LEAF.test(col.name) || !path || path.length < 2) return null;
  const up = path.slice(0, -1);
  const parent: PathColumn = {
    name: up[up.length - 1] as string,
    group: up[up.length - 2] ?? null,
    path: up,
  };
  return { parent, leaf: col.name };
}

/** The money columns of a wide table: the paired leaves (预算数, 决算数) when it prints them. */
export function wideColumns(columns: HeaderColumn[]): string[] {
  const leaves = [...new Set(columns.flatMap((c) => (pairedColumn(c) ? [c.name] : [])))];
  return leaves.length > 0 ? leaves : [WIDE_VALUE];
}

/** Rows of a wide table: one row per money column, named by its header. */
function wideRows(
  row: Row,
  slots: Slots,
  columns: HeaderColumn[],
  table: StandardTable,
  file: string,
): StandardRow[] {
  const out: StandardRow[] = [];
  columns.forEach((col, i) => {
    const slot = slots[i];
    if (roleOf(col) !== "money") return;
    const c = slot?.origin ? slot.cell : null;
    const fig = c ? figureOf(c.text, table.unit, file, table.title, c.line ?? row.line) : null;
    const pair = pairedColumn(col);
    // 预算数 | 决算数 under each part (三公 决算表): one row per part, both figures on it.
    const name = wideName(pair ? pair.parent : col, columns);
    const key = pair ? pair.leaf : WIDE_VALUE;
    const last = out[out.length - 1];
    if (pair && last && last.name === name && !(key in last.values)) last.values[key] = fig;
    else
      out.push({
        side: null,
        seq: null,
        code: null,
        name,
        level: null,
        values: { [key]: fig },
        line: row.line,
      });
  });
  return out;
}

/**
 * The 类 of a row whose 类 cell is misprinted (a cut-off `7` for `210`) while its 款 is printed:
 * the 类 of the nearest row above on the same side with that 款 (`21011` → `210`). Null when the
 * 类 cell is a proper 3-digit code, or blank, or no row above has that 款.
 */
function classFromParent(parts: string[], above: StandardRow[], side: string | null): string | null {
  const [cls = "", kuan = ""] = parts;
  if (cls === "" || /^\d{3}$/.test(cls) || !/^\d+$/.test(cls) || !/^\d{2}$/.test(kuan)) return null;
  for (let i = above.length - 1; i >= 0; i--) {
    const r = above[i];
    if (!r?.code || r.side !== side) continue;
    if (r.code.length >= 5 && r.code.slice(3, 5) === kuan) return r.code.slice(0, 3);
    if (r.code.length === 3) return null;
  }
  return null;
}

/** A code glued to the name (`2010301行政运行`): the 3/5/7-digit code and the rest. */
function splitGluedCode(name: string): { code: string; name: string } | null {
  const m = /^(\d{3}|\d{5}|\d{7})\s*([\u3400-\u9fff].*)$/.exec(name);
  return m ? { code: m[1] as string, name: m[2] as string } : null;
}

function rowsOf(
  stream: BlockStream,
  row: Row,
  slots: Slots,
  sides: Side[],
  seqIdx: number | null,
  table: StandardTable,
  file: string,
  warnings: ParseWarning[],
): StandardRow[] {
  const origin = (i: number) => {
    const s = slots[i];
    return s?.origin ? s.cell : undefined;
  };
  const seqText = seqIdx === null ? "" : squash(origin(seqIdx)?.text ?? "");
  const seq = SEQ.test(seqText) ? Number(seqText) : null;
  const out: StandardRow[] = [];
  sides.forEach((side, s) => {
    // A label spanning into the next side's name column (支出合计 over 功能分类 and 支出用途) is that side's.
    const first = side.names[0];
    const nextFirst = sides[s + 1]?.names[0];
    const firstSlot = first === undefined ? undefined : slots[first];
    if (firstSlot && nextFirst !== undefined && firstSlot.cell === slots[nextFirst]?.cell) return;
    const parts: Cell[] = [];
    for (const i of side.names) {
      const slot = slots[i];
      if (!slot || parts.includes(slot.cell)) continue;
      // Origin cells, and a label spanning in from the left; never a parent label from a row above.
      if (slot.origin || (!slot.above && i === first)) parts.push(slot.cell);
    }
    const texts = parts.map((c) => cleanText(c.text)).filter((t) => t !== "");
    const last = texts[texts.length - 1] ?? "";
    let name = texts.length <= 1 ? last : /^(小计|合计)$/.test(last) ? texts.join("") : last;
    // 款 and 项 are two digits each; a spreadsheet that stored them as numbers prints `2` for `02`.
    const codeParts = side.codes.map((i, k) => {
      const t = squash(origin(i)?.text ?? "");
      return k > 0 && /^\d$/.test(t) ? `0${t}` : t;
    });
    const cls = classFromParent(codeParts, table.rows, side.label);
    if (cls) {
      warnings.push({
        message: `「${table.title}」${stream.label(row.line)}“${name}”类编码印作“${codeParts[0]}”，按上方同款科目读作 ${cls}${codeParts.slice(1).join("")}`,
        line: row.line,
      });
      codeParts[0] = cls;
    }
    const codeText = codeParts.join("");
    let code = codeText === "" ? null : codeText;
    // A label printed in the code column (e.g. 合计 spanning 编码 and 名称) is the row's name.
    if (code !== null && !/^[0-9A-Za-z]+$/.test(code)) {
      if (name === "") name = cleanText(side.codes.map((i) => origin(i)?.text ?? "").join(""));
      code = null;
    }
    if (code === null && side.codes.length === 0) {
      const glued = splitGluedCode(name);
      if (glued) ({ code, name } = glued);
    }
    const values: StandardRow["values"] = {};
    let anyValue = false;
    for (const m of side.money) {
      const c = origin(m.index);
      if (c && hasTrailingLines(c.text)) {
        warnings.push({
          message: `「${table.title}」${stream.label(c.line)}金额格后接其他文字，只取首行`,
          line: c.line,
        });
      }
      const fig = c ? figureOf(c.text, table.unit, file, table.title, c.line ?? row.line) : null;
      if (fig) anyValue = true;
      values[m.key] = fig;
    }
    if (name === "" && code === null) {
      // A table without a name column whose first column is 合计 prints its total row (支出总表).
      if (
        side.names.length === 0 &&
        sides.length === 1 &&
        anyValue &&
        /^(合计|总计)$/.test(side.money[0]?.key ?? "")
      ) {
        name = side.money[0]?.key ?? "";
      } else if (sides.length > 1 || !anyValue) {
        if (anyValue) {
          warnings.push({
            message: `「${table.title}」${stream.label(row.line)}有金额但无项目名称`,
            line: row.line,
          });
        }
        return;
      }
    }
    out.push({ side: side.label, seq, code, name, level: levelOf(code, name), values, line: row.line });
  });
  return out;
}

/**
 * The kind of a table starting at blocks[i] with no title above it, known by its header words
 * (`收入 | 支出` over `项目 | 预算数 | …`), or null.
 */
function untitledKind(blocks: Block[], i: number): StandardTableKind | null {
  const b = blocks[i] as Block;
  const before = blocks[i - 1];
  if (b.type !== "row" || before?.type === "row") return null;
  if (before && titleText(before) && kindOfTitle(titleText(before) as string)) return null;
  const rows = blocks.slice(i, i + 3).filter((x): x is Row => x.type === "row");
  return kindOfHeader(rows.map((r) => (r.spans ?? r.cells).map((c) => c.text)));
}

/** Read every standard budget table in a document. */
export function standardTablesOf(
  stream: BlockStream,
  file: string,
): { tables: StandardTable[]; warnings: ParseWarning[] } {
  const tables: StandardTable[] = [];
  const warnings: ParseWarning[] = [];
  const blocks = stream.blocks;
  for (let i = 0; i < blocks.length; i++) {
    const untitled = untitledKind(blocks, i);
    if (untitled) {
      const found = readTable(stream, blocks, i, untitled, untitled, file, true);
      if (found) {
        tables.push(found.table);
        warnings.push(...found.warnings);
        i = Math.max(i, found.end - 1);
        continue;
      }
    }
    let title = titleText(blocks[i] as Block);
    if (!title) continue;
    let kind = kindOfTitle(title);
    let at = i;
    // A title wrapped onto a second line (`…支出预算` / `表`).
    const nextBlock = blocks[i + 1];
    if (!kind && nextBlock?.type === "para" && squash(nextBlock.text).length <= 4) {
      const joined = `${title}${nextBlock.text}`;
      kind = kindOfTitle(joined);
      if (kind) {
        title = joined;
        at = i + 1;
      }
    }
    if (!kind) continue;
    const found = readTable(stream, blocks, at, title, kind, file);
    if (!found) continue;
    if (at !== i) found.table.line = (blocks[i] as Block).line;
    tables.push(found.table);
    warnings.push(...found.warnings);
    i = Math.max(i, found.end - 1);
  }
  return { tables, warnings };
}

/** `standardTablesOf` over a model's own reading view (tests and tools; the pipeline builds the view once). */
export function readStandardTables(model: DocumentModel, file: string): ReturnType<typeof standardTablesOf> {
  return standardTablesOf(streamOf(model), file);
}
