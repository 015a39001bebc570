/**
 * Identity: the cover, headings, table unit lines and the narrative name one department, and state
 * the reporting year (a 决算 the year it closes, a 预算 the year it plans). Placeholders left from a
 * template (XX局, XXX单位) and another department's name are findings; a sentence about another
 * year on purpose (上年, 比…年, 执行数) is not.
 */
import type { Disclosure } from "../domain/types.js";
import { type Line, linesOf, sentencesOf, wordSide } from "./texts.js";
import type { Finding, Rule } from "./types.js";

/** A template placeholder in place of a name: XX局, XXX单位, ××部门, 某某单位. */
const PLACEHOLDER = /(?:[XxＸｘ×]{2,}|某某)(?:局|单位|部门|委员会|委|办公室|办|厅|中心|区|市|县|街道|院|部)?/;

/** The end of a department's name. */
const ORG_END = "(?:局|委员会|管理委员会|办公厅|办公室|办事处|部|院|中心|厅|委|会|所|站|队|馆|处|室|政府)";

/** "<name>2024年度部门决算", "<name>2024年区级部门预算": the name before the year of a title. */
const TITLE_NAME = new RegExp(
  `^(?:第[一二三四五六七八九十]+部分)?(.{2,40}?${ORG_END})(?:（本级）)?((?:19|20)\\d{2})年度?(?:区级|市级|省级)?(?:部门|单位)?(?:预算|决算)`,
);
/** "<name>2024年度收入支出总计…": the department a sentence reports on. */
const SUBJECT_NAME = new RegExp(`^(.{2,40}?${ORG_END})(?:（本级）)?((?:19|20)\\d{2})年`);

/** "部门：<name>", "编制部门：<name>", "预算单位：<name>": a unit line naming the department. */
const UNIT_LINE = new RegExp(`^(?:编制|预算主管|预算)?(?:部门|单位)(?:名称)?[：:](.{2,40}${ORG_END})$`);

/** Normalise a department name for comparison. */
function norm(name: string): string {
  return name
    .replace(/^中共/, "")
    .replace(/[（(]本级[)）]/g, "")
    .replace(/^(.{2,3}?(?:省|自治区|市))/, "")
    .replace(/^[省市区]/, "");
}

/** True when two names name one department (one inside the other, or after their common prefix). */
export function sameDepartment(a: string, b: string): boolean {
  const x = norm(a);
  const y = norm(b);
  if (x.includes(y) || y.includes(x)) return true;
  let i = 0;
  while (i < x.length && x[i] === y[i]) i++;
  const rx = x.slice(i);
  const ry = y.slice(i);
  return i >= 2 && (rx.includes(ry) || ry.includes(rx));
}

/** A generic word that names no department (本部门, 本单位, 各单位). */
const GENERIC = /^(本|该|各|全|我|所属|下属|部门|单位|区级|市级|省级)/;

/** Names of the department printed in titles, unit lines and the subject of sentences, with where. */
function namesOf(lines: Line[]): Array<{ name: string; line: Line; where: string }> {
  const out: Array<{ name: string; line: Line; where: string }> = [];
  for (const l of lines) {
    const unit = UNIT_LINE.exec(l.flat);
    if (unit?.[1]) {
      out.push({ name: unit[1], line: l, where: "单位行" });
      continue;
    }
    const short = l.flat.length <= 60 && !/[。，；]/.test(l.flat);
    const m = (short ? TITLE_NAME : SUBJECT_NAME).exec(l.flat);
    if (m?.[1] && !GENERIC.test(m[1])) out.push({ name: m[1], line: l, where: short ? "标题" : "说明" });
  }
  return out;
}

/** One department throughout; no placeholder names. */
export const departmentIdentityRule: Rule = {
  id: "identity.department",
  description: "封面、标题、表格单位行和说明中的单位名称一致，不是占位名称（XX局、XXX单位）或别的单位",
  severity: "error",
  run(d: Disclosure): Finding[] {
    const name = d.department.name;
    const lines = linesOf(d);
    const out: Finding[] = [];
    for (const l of lines) {
      const p = PLACEHOLDER.exec(l.flat);
      if (!p) continue;
      out.push({
        ruleId: "identity.department",
        severity: "error",
        message: `文中出现未替换的占位名称「${p[0]}」：「${clipText(l.text)}」。`,
        left: wordSide("占位名称", p[0], l.source),
        right: null,
        differenceFen: null,
      });
    }
    if (!name) return out;
    const sentences = sentencesOf(lines.filter((l) => l.flat.length > 60 || /[。，；]/.test(l.flat)));
    const titled = lines.filter((l) => l.flat.length <= 60 && !/[。，；]/.test(l.flat));
    for (const n of namesOf([...titled, ...sentences])) {
      if (sameDepartment(n.name, name) || PLACEHOLDER.test(n.name)) continue;
      out.push({
        ruleId: "identity.department",
        severity: "error",
        message: `${n.where}写的单位是「${n.name}」，与本文件的单位「${name}」不同：「${clipText(n.line.text)}」。`,
        left: wordSide(n.where, n.name, n.line.source),
        right: null,
        differenceFen: null,
      });
    }
    return out;
  },
};

/** A sentence about another year on purpose. */
const OTHER_YEAR =
  /上年|上一年|以前年度|同期|相比|比|较|执行|结转|增长|增加|减少|下降|持平|成立|起|至今|以来|规划|自/;

/** A title of the document or of one of its standard tables (a project's own title may name its year). */
const DOCUMENT_TITLE =
  /^(?!.*(?:绩效|项目))(?:.*(?:部门|单位)(?:预算|决算)|.*(?:收支|收入|支出|三公|政府采购|财政拨款|机关运行).*表)$/;

/** The year a title-like line or a sentence's subject states, when it states one. */
const TITLE_YEAR = /((?:19|20)\d{2})\s*年度?/;
const AS_OF = /截[至止](?:到)?((?:19|20)\d{2})年(\d{1,2})月(\d{1,2})日/;

/** The reporting year in titles, headings, 截至 dates and sentence subjects. */
export const yearIdentityRule: Rule = {
  id: "identity.year",
  description: "标题、表名、封面和“截至…年…月…日”中的年度是本文件的年度（说上年、比…年的句子除外）",
  severity: "error",
  run(d: Disclosure): Finding[] {
    const year = d.year;
    if (!year) return [];
    const final = d.basis === "final";
    const out: Finding[] = [];
    const push = (l: Line, stated: number, expected: string, what: string) =>
      out.push({
        ruleId: "identity.year",
        severity: "error",
        message: `${what}写的是 ${stated} 年，本文件是 ${year} 年${final ? "决算" : "预算"}${expected}：「${clipText(l.text)}」。`,
        left: wordSide(what, `${stated}年`, l.source),
        right: null,
        differenceFen: null,
      });
    const lines = linesOf(d);
    const titles = new Set<number>();
    for (const l of lines) {
      const short = l.flat.length <= 60 && !/[。，；：:]/.test(l.flat);
      if (short && DOCUMENT_TITLE.test(l.flat) && !OTHER_YEAR.test(l.flat)) {
        titles.add(l.index);
        const m = TITLE_YEAR.exec(l.flat);
        const y = m ? Number(m[1]) : null;
        if (y !== null && y !== year) push(l, y, "", "标题");
      }
    }
    for (const s of sentencesOf(lines.filter((l) => !titles.has(l.index)))) {
      const asOf = AS_OF.exec(s.flat);
      if (asOf) {
        const y = Number(asOf[1]);
        // A 决算 states its assets at the end of its year; a 预算 at the end of the year before.
        const ok = final ? [year] : [year - 1, year];
        if (!ok.includes(y)) push(s, y, final ? "，应截至本年末" : "，应截至上年末或本年", "“截至”日期");
        continue;
      }
      // "<本单位>2023年度收入支出总计…": the year a sentence's subject reports.
      const subject = /^(.{0,40}?)((?:19|20)\d{2})年度?(?!预算执行|决算数|预算数|当年预算执行)/.exec(s.flat);
      if (!subject?.[1] || !d.department.name || !sameDepartment(subject[1], d.department.name)) continue;
      const y = Number(subject[2]);
      const head = s.flat.slice(0, s.flat.indexOf(subject[2] ?? "") + 6);
      if (y !== year && !OTHER_YEAR.test(head)) push(s, y, "", /[。，；]/.test(s.flat) ? "说明" : "标题");
    }
    return out;
  },
};

/** A quoted text, shortened for a message. */
function clipText(text: string): string {
  const t = text.replace(/\s+/g, "");
  return t.length > 40 ? `${t.slice(0, 40)}…` : t;
}

export const identityRules: Rule[] = [departmentIdentityRule, yearIdentityRule];
