/**
 * Project performance tables: one table per project, found by its title and read by labels,
 * never by fixed positions, so DOCX, Excel, HTML, split-cell and PDF exports all read the same way.
 * Two forms are known:
 * - the 项目绩效目标表 ("29.后勤保障绩效目标表": 项目编码, 项目名称, 预算数, 其中：财政资金,
 *   资金支出计划, 绩效目标, 一级指标 …);
 * - the 财政项目支出绩效目标填报表 (项目名称, 项目性质 …, a 项目资金（元） block with 项目资金总额 and
 *   年度资金申请总额, 项目总目标 / 年度总体目标, 一级指标 … 年度(/项目)指标值). Its labels without a
 *   place in a Project (项目性质, 项目类别, 主管部门, 实施单位, dates) are skipped; which funding
 *   figures it keeps is decided in project-funding.ts; goal = 年度总体目标, else 项目总目标.
 *
 * Decisions:
 * - A plan point is kept for every labelled column, also when its value cell is blank:
 *   text "" with fen/basisPoints null (未列示), so columns line up across projects.
 * - Plan labels and indicator header cells are compared with whitespace removed; plan
 *   labels are stored squashed ("3 月底" → "3月底").
 * - The name falls back to the title minus "绩效目标表" when the table has no name cell.
 * - A second 项目编码/项目名称 block inside one title's range starts a new table whose
 *   title is the caption printed above it (a title without the 绩效目标表 suffix); a warning
 *   records it.
 * - A 项目名称 row after a table's indicator header starts a new table of the same title (the
 *   PDF reader drops a title repeated at the top of a page whose form it joins to the previous
 *   page's); no warning, the form is complete.
 */
import { squash, trimAll } from "../domain/text.js";
import type { MoneyUnit, ParseWarning, Project } from "../domain/types.js";
import type { DocumentModel } from "./document/model.js";
import {
  type Block,
  type BlockStream,
  type Cell,
  type Row,
  streamOf,
  type TextLine,
} from "./document/stream.js";
import {
  type FundEntry,
  fundingLabelUnit,
  fundingWarnings,
  fundKind,
  resolveFunding,
} from "./project-funding.js";
import {
  decidePlanUnit,
  isGoalLabel,
  isIndicatorHeader,
  isLabel,
  NAME_LABELS,
  PERIOD,
  PLAN,
  PURPOSE_LABELS,
  readGoal,
  readGoalColumns,
  readIndicators,
  readPlan,
  sq,
} from "./project-rows.js";

export { decidePlanUnit };

/** The title suffix: 绩效目标表, 绩效目标填报表, 绩效目标申报表. */
const SUFFIX = /绩效目标(?:填报|申报)?表$/;
const TITLE =
  /^(?:(\d{1,3})\s*[.、．]\s*)?(\S.{0,118}?绩效目标(?:填报|申报)?表)\s*(?:[（(]?\s*单位\s*[:：]\s*(亿元|万元|元)\s*[)）]?)?$/;
const TOC_TAIL = /(?:\.{2,}|…{1,}|·{2,}|\t)\s*\d+\s*$/;
const UNIT = /单位\s*[:：]\s*(亿元|万元|元)/;
const HEADING = /^(?:[一二三四五六七八九十]+、|第[一二三四五六七八九十\d]+部分)/;
const PAGE_NUMBER = /^\d{1,4}$/;

/** A title found in the block stream: where the table starts and what it is called. */
interface Anchor {
  index: number;
  seq: number | null;
  title: string;
  unit: MoneyUnit | null;
  line: number;
  /** True when found by a 项目编码 block instead of a 绩效目标表 title. */
  implicit: boolean;
}

/** Read every project 绩效目标表 in a document. */
export function projectsOf(
  stream: BlockStream,
  file: string,
): { projects: Project[]; warnings: ParseWarning[] } {
  const { blocks } = stream;
  const warnings: ParseWarning[] = [];
  const anchors = findTitles(stream);
  const projects: Project[] = [];
  for (let a = 0; a < anchors.length; a++) {
    const anchor = anchors[a] as Anchor;
    const end = rangeEnd(blocks, anchor.index + 1, anchors[a + 1]?.index ?? blocks.length);
    for (const part of splitImplicit(blocks, anchor, end).flatMap((p) => splitRepeated(blocks, p))) {
      if (part.anchor.implicit) {
        warnings.push({
          message: `表题“${part.anchor.title}”未以“绩效目标表”结尾，按项目编码行识别为项目绩效目标表`,
          line: part.anchor.line,
        });
      }
      const skipped = withoutTable(stream, blocks.slice(part.start, part.end), part.anchor);
      if (skipped) {
        warnings.push(skipped);
        continue;
      }
      const section = sectionOf(stream, part.anchor.line);
      projects.push(readTable(blocks.slice(part.start, part.end), part.anchor, section, file, warnings));
    }
  }
  return { projects, warnings };
}

/** Text that sends the reader elsewhere or says the part is empty (`详见附件`, `本单位无…`). */
const REFERRED = /详见|参见|见附件|见附表|另行公开|单独公开|无此项|不涉及|本(?:部门|单位)(?:无|没有|未)/;

/**
 * A title followed by no table at all (only text, or nothing before the next part): the part is
 * empty or referred elsewhere. It is no project and no sign of a cut file: a warning naming its
 * place, quoting the reference when one is printed.
 */
function withoutTable(stream: BlockStream, blocks: Block[], anchor: Anchor): ParseWarning | null {
  if (blocks.some((b) => b.type === "row" && b.cells.some((c) => c.text.trim() !== ""))) return null;
  const texts = blocks.flatMap((b) => (b.type === "para" ? [trimAll(b.text)] : []));
  const reference = texts.find((t) => REFERRED.test(t));
  const why = reference ? `，原文“${reference.length > 40 ? `${reference.slice(0, 40)}…` : reference}”` : "";
  return {
    message: `“${anchor.title}”（${stream.label(anchor.line)}）下没有表格${why}，已跳过`,
    line: anchor.line,
  };
}

/** Title candidates: paragraphs, and lines inside cells, ending in 绩效目标表 (not table-of-contents entries). */
function findTitles(stream: BlockStream): Anchor[] {
  const anchors: Anchor[] = [];
  stream.blocks.forEach((b, index) => {
    if (b.type === "para") {
      const t = matchTitle(b.text);
      if (t) anchors.push({ index, ...t, line: b.line, implicit: false });
      return;
    }
    b.cells.forEach((cell, ci) => {
      const next = b.cells[ci + 1];
      if (next && PAGE_NUMBER.test(trimAll(next.text))) return; // TOC row: title | page
      for (const part of cell.text.split("\n")) {
        const t = matchTitle(part);
        if (t) anchors.push({ index, ...t, line: lineOf(stream, cell, t.title), implicit: false });
      }
    });
  });
  return anchors;
}

function matchTitle(raw: string): { seq: number | null; title: string; unit: MoneyUnit | null } | null {
  if (TOC_TAIL.test(raw)) return null;
  const text = trimAll(raw);
  const m = TITLE.exec(text);
  // A sentence that happens to end in 绩效目标表 ("详见下表：…") is not a title.
  if (!m || /[。；：:]/.test(m[2] ?? "")) return null;
  return {
    seq: m[1] ? Number(m[1]) : null,
    title: trimAll(m[2] ?? ""),
    unit: (m[3] as MoneyUnit | undefined) ?? null,
  };
}

/** The line a title sits on: a cell's text can start lines before the title (continuations). */
function lineOf(stream: BlockStream, cell: Cell, title: string): number {
  const want = squash(title);
  for (const p of stream.printed.get(cell) ?? []) if (squash(p.text).includes(want)) return p.line;
  return cell.line;
}

function isHeading(b: Block): boolean {
  return b.type === "para" && HEADING.test(b.text) && b.text.length <= 40 && !/[。；]/.test(b.text);
}

/** A table ends at the next title or at the next top-level section heading. */
function rangeEnd(blocks: Block[], from: number, limit: number): number {
  for (let i = from; i < limit; i++) if (isHeading(blocks[i] as Block)) return i;
  return limit;
}

/** The top-level heading (e.g. "六、部门主管专项资金预算安排情况及绩效目标") above a block. */
function sectionOf(stream: BlockStream, line: number): string {
  // Printed lines, not blocks: a heading can be glued into a table cell by the export.
  const texts = stream.texts;
  // The last printed line before `line` (texts are sorted by line), then the nearest heading at
  // or before it; both looked up, not scanned, so many project tables stay linear.
  let lo = 0;
  let hi = texts.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((texts[mid] as TextLine).line < line) lo = mid + 1;
    else hi = mid;
  }
  const k = headingIndex(stream)[lo - 1] ?? -1;
  if (k < 0) return "";
  const t = trimAll((texts[k] as TextLine).text);
  if (/部分$/.test(t)) {
    // "第二部分" printed alone, its name on the next printed line.
    let n = k + 1;
    while (n < texts.length && trimAll((texts[n] as TextLine).text) === "") n++;
    const after = texts[n];
    const next = after ? trimAll(after.text) : "";
    if (after && after.line < line && next.length <= 30 && after.cells <= 1 && !matchTitle(next))
      return `${t} ${next}`;
  }
  return t;
}

const headings = new WeakMap<BlockStream, Int32Array>();

/** For each printed line, the index of the nearest section heading at or before it (-1: none). */
function headingIndex(stream: BlockStream): Int32Array {
  const hit = headings.get(stream);
  if (hit) return hit;
  const out = new Int32Array(stream.texts.length);
  let last = -1;
  stream.texts.forEach((at, k) => {
    const t = trimAll(at.text);
    if (at.cells <= 1 && HEADING.test(t) && t.length <= 40 && !/[。；]/.test(t)) last = k;
    out[k] = last;
  });
  headings.set(stream, out);
  return out;
}

function isCodeRow(b: Block): boolean {
  return b.type === "row" && b.cells.some((c) => sq(c) === "项目编码");
}

/** One table's blocks: from `start` up to `end`, named by `anchor`. */
interface Part {
  anchor: Anchor;
  start: number;
  end: number;
}

/** Split a title's range where a second 项目编码 block starts a table captioned without the suffix. */
function splitImplicit(blocks: Block[], anchor: Anchor, end: number): Part[] {
  const parts: Part[] = [];
  let current = anchor;
  let seenCode = false;
  for (let i = anchor.index + 1; i < end; i++) {
    if (!isCodeRow(blocks[i] as Block)) continue;
    if (!seenCode) {
      seenCode = true;
      continue;
    }
    const caption = captionAbove(blocks, i, current.index);
    if (!caption) continue;
    parts.push({ anchor: current, start: current.index + 1, end: caption.index });
    current = caption;
  }
  parts.push({ anchor: current, start: current.index + 1, end });
  return parts;
}

function isNameRow(b: Block): boolean {
  return b.type === "row" && b.cells.some((c) => NAME_LABELS.has(sq(c)));
}

/** Split a table where a 项目名称 row follows its indicator header: the next form, title not repeated. */
function splitRepeated(blocks: Block[], part: Part): Part[] {
  const starts: number[] = [];
  let named = false;
  let indicators = false;
  for (let i = part.start; i < part.end; i++) {
    const b = blocks[i] as Block;
    if (b.type !== "row") continue;
    if (isNameRow(b)) {
      if (named && indicators) {
        starts.push(i);
        indicators = false;
      }
      named = true;
    } else if (named && isIndicatorHeader(b)) indicators = true;
  }
  if (starts.length === 0) return [part];
  const bounds = [part.start, ...starts, part.end];
  return bounds.slice(0, -1).map((start, k) => ({
    anchor:
      k === 0
        ? part.anchor
        : {
            ...part.anchor,
            index: start - 1,
            seq: null,
            line: (blocks[start] as Block).line,
            implicit: false,
          },
    start,
    end: bounds[k + 1] as number,
  }));
}

/** The caption above a 项目编码 row: skip unit lines and empty rows, take the first single text. */
function captionAbove(blocks: Block[], codeIndex: number, floor: number): Anchor | null {
  for (let i = codeIndex - 1; i > floor && i >= codeIndex - 4; i--) {
    const b = blocks[i] as Block;
    const texts = b.type === "para" ? [b.text] : b.cells.map((c) => trimAll(c.text)).filter((t) => t !== "");
    if (texts.length === 0 || texts.every((t) => UNIT.test(t))) continue;
    if (texts.length !== 1) return null;
    const text = texts[0] as string;
    return { index: i, seq: null, title: text, unit: null, line: b.line, implicit: true };
  }
  return null;
}

/** Cells after a label up to the next label: the first non-empty one. */
function valueAfter(cells: Cell[], i: number): Cell | null {
  for (let j = i + 1; j < cells.length; j++) {
    const c = cells[j] as Cell;
    if (isLabel(sq(c))) return null;
    if (trimAll(c.text) !== "") return c;
  }
  return null;
}

/** Read one table's blocks (everything after the title up to the next title/heading). */
function readTable(
  blocks: Block[],
  anchor: Anchor,
  section: string,
  file: string,
  warnings: ParseWarning[],
): Project {
  const title = anchor.title;
  const unit = anchor.unit ?? tableUnit(blocks);
  const project: Project = {
    seq: anchor.seq,
    title,
    name: title.replace(SUFFIX, "") || title,
    code: null,
    budget: null,
    fiscal: null,
    other: null,
    purpose: null,
    plan: [],
    goal: null,
    indicators: [],
    line: anchor.line,
    section,
  };
  const rows = blocks.filter((b): b is Row => b.type === "row");
  let nameCell: Cell | null = null;
  const funds: FundEntry[] = [];
  let r = 0;
  while (r < rows.length) {
    const row = rows[r] as Row;
    const first = sq(row.cells[0]);
    if (isIndicatorHeader(row)) {
      project.indicators = readIndicators(rows.slice(r), warnings);
      break;
    }
    row.cells.forEach((c, i) => {
      const s = sq(c);
      if (s === "项目编码") {
        const v = valueAfter(row.cells, i);
        project.code = v ? squash(v.text) || null : null;
      } else if (NAME_LABELS.has(s)) nameCell = valueAfter(row.cells, i) ?? nameCell;
      else if (PURPOSE_LABELS.has(s)) project.purpose = textOrNull(valueAfter(row.cells, i));
      else {
        const kind = fundKind(s);
        if (kind) funds.push({ kind, label: s, row: r, col: i, value: valueAfter(row.cells, i) });
      }
    });
    if (first === "预算规模及资金用途") {
      const next = rows[r + 1];
      if (next && sq(next.cells[0]) === "" && !next.cells.some((c) => isLabel(sq(c)))) {
        const texts = next.cells.map((c) => trimAll(c.text)).filter((t) => t !== "");
        if (texts.length === 1 && !PERIOD.test(squash(texts[0] as string)))
          project.purpose = texts[0] as string;
        if (texts.length <= 1) r++;
      }
    }
    if (row.cells.some((c) => PLAN.test(sq(c)))) {
      const budget = resolveFunding(funds, unit, file, title).budget;
      const context = { title, budgetFen: budget?.fen ?? null, unit };
      const { plan, consumed } = readPlan(rows, r, context, warnings);
      project.plan = plan;
      r += consumed;
      continue;
    }
    if (row.cells.some((c) => isGoalLabel(sq(c)))) {
      const { goal, consumed } = readGoalColumns(rows, r);
      project.goal = goal;
      r += consumed;
      continue;
    }
    if (first === "绩效目标") {
      const { goal, consumed } = readGoal(rows, r);
      project.goal = goal;
      r += consumed;
      continue;
    }
    r++;
  }
  const name = nameCell as Cell | null;
  if (name && trimAll(name.text) !== "") project.name = trimAll(name.text);
  Object.assign(project, resolveFunding(funds, unit, file, title));
  warnings.push(...fundingWarnings(funds, unit, { title, name: project.name }));
  return project;
}

function textOrNull(c: Cell | null): string | null {
  const t = c ? trimAll(c.text) : "";
  return t === "" ? null : t;
}

/**
 * The table's unit from a "单位：万元" line before the indicator header, else from a funding label
 * printing it ("项目资金（元）"); default 万元.
 */
function tableUnit(blocks: Block[]): MoneyUnit {
  let labelled: MoneyUnit | null = null;
  for (const b of blocks) {
    if (b.type === "row" && isIndicatorHeader(b)) break;
    const texts = b.type === "para" ? [b.text] : b.cells.map((c) => c.text);
    for (const t of texts) {
      const m = UNIT.exec(t);
      if (m) return m[1] as MoneyUnit;
      labelled ??= fundingLabelUnit(squash(t));
    }
  }
  return labelled ?? "万元";
}

/** `projectsOf` over a model's own reading view (tests and tools; the pipeline builds the view once). */
export function readProjects(model: DocumentModel, file: string): ReturnType<typeof projectsOf> {
  return projectsOf(streamOf(model), file);
}
