/**
 * Document-level facts: publisher name and code, budget year, what kind of disclosure the file is,
 * and the region where the page states one. All recognised from content markers, never file names.
 *
 * - name/code: the unit line printed above a table, next to "单位：万元" / "预算年度" / "截止时间"
 *   ("208河北雄安新区容东管理委员会", "125001 承德…办公室本级"); the most frequent one wins.
 *   Fallback: a title "<name>2021年部门预算…" or a cover whose name lines precede "2023年部门预算绩效文本".
 * - year: "预算年度：2024" (or 决算年度) first, else the first title-like "<year>年(部门|区级…)预算(公开|绩效…)".
 * - kind: "full" when a 收支总表 title exists, else "performance" for a 绩效文本 title, else
 *   "narrative" for a 预算…情况说明 title, else "explanation".
 * - basis (documentBasisOf): "final" (决算) when the titles and cover name a 决算 (部门决算, 单位决算, 收入支出决算总表, …)
 *   more often than a 预算, or, without such titles, when columns are headed 决算数 and none 预算数;
 *   else "budget". A 预算 table's "上年决算数" comparison column does not make a 决算.
 * - region: the administrative prefix of the name ("河北雄安新区", "三河市"), else the level named in
 *   an explanation's title ("区级"); null when neither is stated.
 */

import { squash } from "../domain/text.js";
import type { DisclosureBasis, DisclosureKind } from "../domain/types.js";
import type { DocumentModel } from "./document/model.js";
import { type BlockStream, streamOf } from "./document/stream.js";

/** What the page says about the document as a whole. */
export interface DocumentFacts {
  name: string | null;
  code: string | null;
  year: number | null;
  kind: DisclosureKind;
  region: string | null;
  /** Line the name was read from. */
  nameLine: number | null;
}

interface Piece {
  text: string;
  line: number;
  /** A title-like text: a paragraph, or a table row holding just this one text (an Excel title row). */
  para: boolean;
}

/** Paragraphs and cells in reading order, whitespace removed. */
function pieces(stream: BlockStream): Piece[] {
  const out: Piece[] = [];
  for (const b of stream.blocks) {
    if (b.type === "para") out.push({ text: squash(b.text), line: b.line, para: true });
    else {
      const filled = b.cells.filter((c) => c.text.trim() !== "");
      const alone = filled.length === 1 && b.cells.length > 1;
      for (const c of b.cells)
        out.push({ text: squash(c.text), line: c.line, para: alone && c === filled[0] });
    }
  }
  return out;
}

/** Where a unit line glued into one text (one Excel cell, one PDF item, a web page's `a | b`) splits. */
const UNIT_LINE_SPLIT =
  /[|｜]|(?=(?:[预决]算年度|(?<![预决算编制填报部门])单位[:：]|(?<![预决算编制填报部门])金额单位|截[止至](?:时间|日期)?[:：]))/;

/**
 * Pieces with a unit line glued into one text split into its parts:
 * `208某某管理委员会预算年度：2024单位：万元` → `208某某管理委员会`, `预算年度：2024`, `单位：万元`.
 */
function unitLineParts(ps: Piece[]): Piece[] {
  return ps.flatMap((p) => {
    if (!/单位|年度|截[止至]|[|｜]/.test(p.text)) return [p];
    const parts = p.text.split(UNIT_LINE_SPLIT).filter((t) => t !== "");
    return parts.length <= 1 ? [p] : parts.map((text) => ({ ...p, text, para: false }));
  });
}

/** "部门：XX", "预算单位：XX", "单位名称：XX", "编制单位：XX" — a unit named by a label. */
const NAME_LABEL = /^(?:部门|单位|预算单位|部门名称|单位名称|预算部门|编制单位|编制部门|填报单位)[:：](.+)$/;

/** The unit a label line names, the most frequent one winning; a unit-of-money tail is cut off. */
function labelledName(ps: Piece[]): { name: string; code: string | null; line: number } | null {
  const counts = new Map<string, { name: string; code: string | null; line: number; n: number }>();
  for (const p of ps) {
    const m = NAME_LABEL.exec(p.text);
    if (!m) continue;
    const value = (m[1] ?? "")
      .replace(/(?:金额)?单位[:：].*$/, "")
      .replace(/(?:预算年度|年度|截[止至]).*$/, "");
    const code = /^\d{3,12}(?=[\u4e00-\u9fff])/.exec(value)?.[0] ?? null;
    const name = cleanName(value.slice(code?.length ?? 0));
    if (
      name.length < 4 ||
      !/[\u4e00-\u9fff]{4}/.test(name) ||
      NOT_A_NAME.test(name) ||
      /^(?:万元|元)$/.test(name)
    )
      continue;
    const hit = counts.get(name) ?? { name, code, line: p.line, n: 0 };
    hit.n++;
    counts.set(name, hit);
  }
  let best: { name: string; code: string | null; line: number; n: number } | null = null;
  for (const c of counts.values()) if (!best || c.n > best.n) best = c;
  return best;
}

/** "208河北雄安新区容东管理委员会" — a unit code glued to the unit name. */
const CODE_NAME = /^(\d{3,12})([\u4e00-\u9fff].{3,})$/;
/** Markers printed next to the unit line of a table header. */
const HEADER_MARKER = /^(?:单位[:：]|预算年度|截[止至](?:时间|日期)?[:：])/;
/** Names that are really quantities or dates ("2023年底", "100百分比"). */
const NOT_A_NAME = /^(?:年|月|日|个|人|万|元|百分比|周岁|平米|辆|次|户)/;
/** Title forms: "<name>2021年部门预算信息公开情况说明", "2023年部门预算绩效文本". */
const TITLE = /^(?:第[一二三四五六七八九十\d]+部分)?(.*?)(\d{4})年度?(?:部门|单位)[预决]算/;
const YEAR_TITLE =
  /(\d{4})年度?(?:[区县市省乡镇]级|部门|单位)?[预决]算(?:信息)?(?:公开|绩效|编制|草案|报告|有关|说明|情况|表|$)/;
const BUDGET_YEAR = /[预决]算年度[:：]?(\d{4})/;
const REGION_OF_NAME = /^(.{2,12}?(?:自治区|自治州|开发区|新区|省|市|县|(?<!社)区|旗|盟))/;

function cleanName(name: string): string {
  return name.replace(/(?:[（(]本级[)）]|本级)$/, "");
}

function plausibleYear(y: number): number | null {
  return y >= 1990 && y <= 2100 ? y : null;
}

function headerUnit(ps: Piece[]): { name: string; code: string; line: number } | null {
  const counts = new Map<string, { name: string; code: string; line: number; n: number }>();
  ps.forEach((p, i) => {
    const m = CODE_NAME.exec(p.text);
    if (!m) return;
    const name = cleanName(m[2] ?? "");
    if (NOT_A_NAME.test(name) || name.length < 4) return;
    const near = ps.slice(i + 1, i + 3).some((q) => HEADER_MARKER.test(q.text));
    if (!near) return;
    const key = `${m[1]}|${name}`;
    const hit = counts.get(key) ?? { name, code: m[1] ?? "", line: p.line, n: 0 };
    hit.n++;
    counts.set(key, hit);
  });
  let best: { name: string; code: string; line: number; n: number } | null = null;
  for (const c of counts.values()) if (!best || c.n > best.n) best = c;
  return best;
}

/** A line that can be part of a cover's unit name: short, not a heading, not 目录, no punctuation. */
function coverLine(text: string): boolean {
  const t = squash(text);
  return (
    t.length > 0 &&
    t.length <= 30 &&
    !/^(?:目录|第[一二三四五六七八九十\d]+部分|[一二三四五六七八九十]+、|\d+[.、．])/.test(t) &&
    !/[，,。；;：:、！？]/.test(t)
  );
}

function titleName(ps: Piece[]): { name: string; line: number } | null {
  const paras = ps.filter((p) => p.para);
  for (let i = 0; i < paras.length; i++) {
    const p = paras[i];
    if (!p) continue;
    const text = squash(p.text);
    const m = text.length <= 60 ? TITLE.exec(text) : null;
    if (!m) continue;
    const before = m[1] ?? "";
    if (before.startsWith("关于") || /[，,。；;：:、！？]/.test(before)) continue;
    if (before.length >= 4) return { name: cleanName(before), line: p.line };
    if (before !== "") continue;
    // A cover: the name sits on the lines right above, possibly split over several lines.
    let name = "";
    let line = p.line;
    // At most three short lines, none of them a heading or a table-of-contents entry.
    for (let j = i - 1; j >= 0 && j >= i - 3; j--) {
      const q = paras[j];
      if (!q || q.line !== line - 1 || !coverLine(q.text)) break;
      name = squash(q.text) + name;
      line = q.line;
    }
    if (name.length >= 4 && name.length <= 40) return { name: cleanName(name), line };
  }
  return null;
}

function findYear(ps: Piece[]): number | null {
  for (const p of ps) {
    const m = BUDGET_YEAR.exec(p.text);
    if (m) return plausibleYear(Number(m[1]));
  }
  for (const p of ps) {
    if (!p.para) continue;
    const m = YEAR_TITLE.exec(p.text);
    if (m) {
      const y = plausibleYear(Number(m[1]));
      if (y) return y;
    }
  }
  return null;
}

function findKind(ps: Piece[]): DisclosureKind {
  const titles = ps.filter((p) => p.para && p.text.length <= 40).map((p) => p.text);
  if (titles.some((t) => /(?:收支|收入支出)(?:预算|决算)?总表$/.test(t))) return "full";
  if (titles.some((t) => /绩效文本(?:[（(]草案[)）])?$/.test(t))) return "performance";
  if (titles.some((t) => /预算.*情况说明$/.test(t))) return "narrative";
  return "explanation";
}

/** A title or cover line naming a 决算: 部门决算, 单位决算, 决算公开/报告/说明, 收入支出决算总表, 决算表. */
const FINAL_TITLE = /(?:部门|单位|年度?)决算|决算(?:信息)?(?:公开|报告|说明|情况)|决算(?:总)?表$/;
/** A title or cover line naming a 预算. */
const BUDGET_TITLE = /(?:部门|单位|年度?)预算|预算(?:信息)?(?:公开|报告|说明|情况|绩效)|预算(?:总)?表$/;

function findBasis(ps: Piece[]): DisclosureBasis {
  let final = 0;
  let budget = 0;
  for (const p of ps) {
    if (!p.para || p.text.length > 40 || /[。；，,]/.test(p.text)) continue;
    // "上年决算" / "决算数" inside a 预算 title compares with last year; it is not the document's basis.
    const t = p.text.replace(/上年(?:度)?决算数?/g, "");
    if (FINAL_TITLE.test(t)) final++;
    if (BUDGET_TITLE.test(t)) budget++;
  }
  if (final !== budget) return final > budget ? "final" : "budget";
  const cells = ps.filter((p) => !p.para).map((p) => p.text);
  const finalCols = cells.some((c) => /^(?:本年)?决算数$/.test(c));
  const budgetCols = cells.some((c) => /^(?:本年)?预算数$/.test(c));
  return finalCols && !budgetCols ? "final" : "budget";
}

function findRegion(name: string | null, ps: Piece[]): string | null {
  const m = name ? REGION_OF_NAME.exec(name) : null;
  if (m?.[1]) return m[1];
  for (const p of ps) {
    if (!p.para) continue;
    const lvl = /^关于\d{4}年度?([区县市省乡镇]级)预算/.exec(p.text);
    if (lvl?.[1]) return lvl[1];
  }
  return null;
}

/** Read the document-level facts. Absent facts are null; kind always has a value. */
export function documentFactsOf(stream: BlockStream, _file: string): DocumentFacts {
  const ps = pieces(stream);
  const unitParts = unitLineParts(ps);
  const header = headerUnit(unitParts);
  const labelled = header ? null : labelledName(unitParts);
  const title = header ? null : (labelled ?? titleName(ps));
  const name = header?.name ?? title?.name ?? null;
  return {
    name,
    code: header?.code ?? labelled?.code ?? null,
    year: findYear(ps),
    kind: findKind(ps),
    region: findRegion(name, ps),
    nameLine: header?.line ?? title?.line ?? null,
  };
}

/** Whether the document discloses the year's 预算 or its 决算 (see the module comment). */
export function documentBasisOf(stream: BlockStream): DisclosureBasis {
  return findBasis(pieces(stream));
}

/** `documentFactsOf` over a model's own reading view (tests and tools; the pipeline builds the view once). */
export function readDocumentFacts(model: DocumentModel, file: string): ReturnType<typeof documentFactsOf> {
  return documentFactsOf(streamOf(model), file);
}
