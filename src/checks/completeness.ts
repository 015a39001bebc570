/**
 * Completeness: every table the 目录 (or, for a 决算 without one, the 决算 template) lists is in the
 * document; an empty table carries the note saying why; a 空表 note never sits over a table with amounts.
 */
import type { Disclosure, StandardTable } from "../domain/types.js";
import { type Line, linesOf, titleCore, tocOf, wordSide } from "./texts.js";
import type { Finding, Rule } from "./types.js";

/** The nine tables of the 部门决算 公开样张 (templates/附件2：部门决算模板.pdf). */
export const FINAL_TEMPLATE_TABLES = [
  "收入支出决算总表",
  "收入决算表",
  "支出决算表",
  "财政拨款收入支出决算总表",
  "一般公共预算财政拨款支出决算表",
  "一般公共预算财政拨款基本支出决算表",
  "财政拨款“三公”经费支出决算表",
  "政府性基金预算财政拨款收入支出决算表",
  "国有资本经营预算财政拨款收入支出决算表",
];

/** A title-like line: short, no sentence punctuation, ending in 表 (a broken "…预算" + "表" joined). */
function titleLines(lines: Line[], from: number): Line[] {
  const out: Line[] = [];
  for (let i = from; i < lines.length; i++) {
    const l = lines[i] as Line;
    const next = lines[i + 1];
    const joined =
      next && next.flat.length <= 2 && `${l.flat}${next.flat}`.endsWith("表") ? l.flat + next.flat : l.flat;
    if (joined.length <= 50 && !/[。，；]/.test(joined) && /表$/.test(joined))
      out.push({ ...l, flat: joined });
  }
  return out;
}

/** Match listed names to titles one to one: equal cores first, then one core inside the other. */
function unmatched(listed: Array<{ core: string }>, titles: string[]): number[] {
  const free = titles.map(() => true);
  const found = listed.map(() => false);
  const pass = (same: (a: string, b: string) => boolean) =>
    listed.forEach((e, i) => {
      if (found[i]) return;
      const j = titles.findIndex((t, k) => free[k] && same(e.core, t));
      if (j >= 0) {
        free[j] = false;
        found[i] = true;
      }
    });
  const near = (a: string, b: string) => a.length >= 4 && b.length >= 4 && (a.includes(b) || b.includes(a));
  const loose = (a: string) => a.replace(/预算|决算/g, "");
  pass((a, b) => a === b);
  pass(near);
  pass((a, b) => near(loose(a), loose(b)));
  // The same words in another order: 政府性基金财政拨款支出预算表 / 财政拨款政府性基金支出预算表.
  const letters = (a: string) => [...loose(a)].sort().join("");
  pass((a, b) => letters(a) === letters(b));
  return found.flatMap((f, i) => (f ? [] : [i]));
}

/** A 目录 entry naming one table (not a part heading such as 第二部分…预算表 or 五、部门预算表). */
function isTableEntry(e: Line): boolean {
  return (
    /表$/.test(e.flat) &&
    !/^第[一二三四五六七八九十]+部分/.test(e.flat) &&
    !/^(预算|决算)表$/.test(titleCore(e.flat))
  );
}

/** Tables listed in the 目录 (or the 决算 template) are present. */
export const tocTablesRule: Rule = {
  id: "completeness.toc-tables",
  description: "目录（无目录的决算按决算模板）所列的每张表都在文件中",
  severity: "error",
  run(d: Disclosure): Finding[] {
    const lines = linesOf(d);
    const toc = tocOf(lines);
    if (!toc && d.basis !== "final") return [];
    const listed = toc
      ? toc.entries.filter(isTableEntry).map((e) => ({ line: e as Line | null, name: e.flat }))
      : FINAL_TEMPLATE_TABLES.map((name) => ({ line: null as Line | null, name }));
    // Each title once: a table read as a standard table also prints its title as a line.
    const titles = [
      ...new Set([
        ...titleLines(lines, toc ? toc.end : 0).map((t) => titleCore(t.flat)),
        ...d.tables.map((t) => titleCore(t.title)),
      ]),
    ];
    const entries = listed.map((e) => ({ ...e, core: titleCore(e.name) }));
    return unmatched(entries, titles).map((i) => {
      const e = entries[i] as (typeof entries)[number];
      const where = e.line ?? toc?.heading ?? lines[0];
      const source = where?.source ?? { file: d.file, section: "", line: 1 };
      return {
        ruleId: "completeness.toc-tables",
        severity: "error" as const,
        message: toc
          ? `目录列有「${e.name}」，但文件中没有这张表。`
          : `决算模板要求的「${e.name}」在文件中没有找到。`,
        left: wordSide(toc ? "目录" : "决算模板", e.name, source),
        right: null,
        differenceFen: null,
      };
    });
  },
};

/** Words of a note saying a table is empty on purpose. */
const EMPTY_NOTE =
  /空表|无数据|本表无|没有.*(收入|支出|经费)|无.*(预算|收入|支出|经费|安排)|不涉及|未安排|无该项/;

/** Money cells of a table that hold a non-zero amount. */
function amountsOf(t: StandardTable): number {
  return t.rows.reduce(
    (n, r) => n + Object.values(r.values).filter((v) => v && v.fen !== null && v.fen !== 0).length,
    0,
  );
}

/** The note under a table and the lines printed between its title and the next table (notes, 说明). */
function notesOf(d: Disclosure, t: StandardTable, lines: Line[]): Line[] {
  const next = [...d.tables.map((u) => u.line), ...titleLines(lines, 0).map((l) => l.source.line)]
    .filter((l) => l > t.line)
    .sort((a, b) => a - b)[0];
  return lines.filter(
    (l) => l.source.line > t.line && (next === undefined || l.source.line < next) && l.flat.length <= 120,
  );
}

/** An empty table carries its note; a 空表 note does not sit over amounts. */
export const emptyTableNoteRule: Rule = {
  id: "completeness.empty-note",
  description: "空表须注明原因；注明“空表/无数据”的表不应列有金额",
  severity: "error",
  run(d: Disclosure): Finding[] {
    const lines = linesOf(d);
    const out: Finding[] = [];
    for (const t of d.tables) {
      const notes = notesOf(d, t, lines).filter((l) => EMPTY_NOTE.test(l.flat));
      const said = t.note && EMPTY_NOTE.test(t.note) ? t.note : notes[0]?.text;
      const noteLine = notes[0];
      const filled = amountsOf(t);
      const titleSource = {
        file: d.file,
        section: t.title,
        line: t.line,
        ...(d.places?.[t.line] ? { place: d.places[t.line] } : {}),
      };
      if (filled > 0 && said && /空表|无数据|本表无/.test(said)) {
        out.push({
          ruleId: "completeness.empty-note",
          severity: "error",
          message: `「${t.title}」注明“${said}”，但表中列有 ${filled} 个金额。`,
          left: wordSide(`「${t.title}」的注`, said, noteLine?.source ?? titleSource),
          right: wordSide(`「${t.title}」`, `${filled} 个金额`, titleSource),
          differenceFen: null,
        });
      }
      if (filled === 0 && t.rows.length > 0 && !said) {
        out.push({
          ruleId: "completeness.empty-note",
          severity: "warning",
          message: `「${t.title}」没有金额，但表下没有说明为何为空表。`,
          left: wordSide(`「${t.title}」`, "空表", titleSource),
          right: null,
          differenceFen: null,
        });
      }
    }
    return out;
  },
};

/** Why an empty table could not be checked: read without rows (the reader may not have read it). */
export function emptyNoteUnchecked(d: Disclosure): string[] {
  const lines = linesOf(d);
  return d.tables
    .filter((t) => t.rows.length === 0 && !(t.note && EMPTY_NOTE.test(t.note)))
    .filter((t) => !notesOf(d, t, lines).some((l) => EMPTY_NOTE.test(l.flat)))
    .map((t) => `「${t.title}」未读出表行，无法判断是否为空表`);
}

export const completenessRules: Rule[] = [tocTablesRule, emptyTableNoteRule];
