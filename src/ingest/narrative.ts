/**
 * Narrative facts from the 情况说明 prose: "2024年预算收入19243.37万元，其中:一般公共预算收入…",
 * "“三公”经费预算安排5.00万元…与2023年相比无增减变化".
 *
 * How it reads: each paragraph is cut into sentences; in a sentence every amount ("19243.37万元")
 * and every amount-less "no change" word (持平, 无增减变化) is an event. The wording right before
 * an event — its clause, from the last comma/colon/bracket — is matched against the RULES table
 * below. A new wording is one more pattern in that table, not more code.
 *
 * Comparisons without their own subject ("较2023年预算增加6968.79万元", "与上年持平") refer
 * back to the previous event of the same sentence, or, when they open a sentence, to the
 * paragraph's topic (its first event whose rule names a change key).
 */
import { hasHeadingEnumerator } from "../domain/cn-number.js";
import { normalizeDigits, parseAmount } from "../domain/money.js";
import type { Figure, MoneyUnit, NarrativeFact, NarrativeKey, ParseWarning } from "../domain/types.js";
import { type BlockStream, type Paragraph, squash, trimAll } from "./blocks.js";

/** The Chinese label shown to users for each narrative key. */
export const NARRATIVE_LABELS: Record<NarrativeKey, string> = {
  "income.total": "收入预算合计",
  "income.general": "一般公共预算收入",
  "income.fund": "政府性基金预算收入",
  "income.state_capital": "国有资本经营预算收入",
  "income.special_account": "财政专户管理资金收入",
  "income.unit": "单位资金收入",
  "income.other": "其他收入",
  "income.carryover": "上年结转结余",
  "expense.total": "支出预算合计",
  "expense.basic": "基本支出",
  "expense.personnel": "人员经费",
  "expense.public": "公用经费",
  "expense.project": "项目支出",
  "change.total": "收支预算比上年增减",
  "change.basic": "基本支出比上年增减",
  "change.project": "项目支出比上年增减",
  operating_cost: "机关运行经费",
  "sangong.total": "“三公”经费",
  "sangong.abroad": "因公出国（境）费",
  "sangong.vehicle": "公务用车购置及运行维护费",
  "sangong.vehicle_purchase": "公务用车购置费",
  "sangong.vehicle_operation": "公务用车运行维护费",
  "sangong.reception": "公务接待费",
  "sangong.change": "“三公”经费比上年增减",
  "procurement.total": "政府采购预算",
  "assets.fixed_total": "上年末固定资产",
  "assets.planned_purchase": "本年度拟购置固定资产",
  "debt.balance": "政府债务余额",
};

/** One wording the reader recognises right before an amount (or before a change word). */
interface Rule {
  /** The fact this wording states; null for a subject that only anchors a later comparison. */
  key: NarrativeKey | null;
  /** Regex source of the label, matched against the whole clause (filler and quotes removed). */
  pattern: string;
  /** "amount": label + optional verb (为/安排/共计…); "change": label + a change word (增加/减少/持平…). */
  form: "amount" | "change";
  /** Key of a subject-less comparison ("与上年相比增加…") that refers back to this subject. */
  change?: NarrativeKey;
  /** Only recognised after this key was stated earlier in the same paragraph ("其中" parts). */
  within?: NarrativeKey;
}

/** The label table: wording → key. Add a line here for a new wording. */
const RULES: Rule[] = [
  // 收入
  {
    key: "income.total",
    form: "amount",
    pattern: "(?:部门)?(?:预算收入|收入预算|全部收入)(?:总计|合计)?",
    change: "change.total",
  },
  { key: "income.general", form: "amount", pattern: "一般公共预算(?:拨款)?收入", within: "income.total" },
  { key: "income.fund", form: "amount", pattern: "(?:政府性)?基金预算(?:拨款)?收入", within: "income.total" },
  {
    key: "income.state_capital",
    form: "amount",
    pattern: "国有资本经营预算(?:拨款)?收入",
    within: "income.total",
  },
  {
    key: "income.special_account",
    form: "amount",
    pattern: "财政专户(?:核拨|管理资金)?收入",
    within: "income.total",
  },
  { key: "income.unit", form: "amount", pattern: "单位资金(?:收入)?", within: "income.total" },
  { key: "income.other", form: "amount", pattern: "其他(?:来源)?收入", within: "income.total" },
  {
    key: "income.carryover",
    form: "amount",
    pattern: "上年结转(?:结余)?(?:资金|收入)?",
    within: "income.total",
  },
  // 支出
  {
    key: "expense.total",
    form: "amount",
    pattern: "(?:部门)?(?:支出预算|预算支出)(?:总计|合计)?",
    change: "change.total",
  },
  { key: "expense.basic", form: "amount", pattern: "基本支出", within: "expense.total" },
  { key: "expense.personnel", form: "amount", pattern: "人员类?(?:项目)?经费", within: "expense.total" },
  {
    key: "expense.public",
    form: "amount",
    pattern: "(?:日常|运转类)?公用类?(?:项目)?经费",
    within: "expense.total",
  },
  {
    key: "expense.project",
    form: "amount",
    pattern: "[\\u4e00-\\u9fff]{0,16}?项目支出",
    within: "expense.total",
  },
  // 比上年增减: "2024年预算收支安排X万元，较2023年预算增加Y万元，其中:基本支出减少…"
  {
    key: null,
    form: "amount",
    pattern: "(?:部门)?(?:预算收支|收支预算)(?:总计|合计)?",
    change: "change.total",
  },
  { key: "change.basic", form: "change", pattern: "基本支出或?", within: "change.total" },
  { key: "change.project", form: "change", pattern: "项目支出或?", within: "change.total" },
  // 机关运行经费
  { key: "operating_cost", form: "amount", pattern: "机关运行经费" },
  // 三公
  {
    key: "sangong.total",
    form: "amount",
    pattern: "(?:财政拨款)?三公经费(?:支出)?",
    change: "sangong.change",
  },
  { key: "sangong.abroad", form: "amount", pattern: "因公出国境?费用?" },
  { key: "sangong.vehicle", form: "amount", pattern: "公务用车购置及运(?:行维护|行|维)费用?" },
  { key: "sangong.vehicle_purchase", form: "amount", pattern: "公务用车购置(?:费用?|经费)?" },
  { key: "sangong.vehicle_operation", form: "amount", pattern: "公务用车运(?:行维护|行|维)费用?" },
  { key: "sangong.reception", form: "amount", pattern: "公务接待费用?" },
  // 政府采购, 资产, 债务
  { key: "procurement.total", form: "amount", pattern: "政府采购(?:预算)?(?:资金|总额)?" },
  { key: "assets.fixed_total", form: "amount", pattern: "上年末固定资产(?:原值|账面价值|价值|金额|总额)?" },
  {
    key: "assets.planned_purchase",
    form: "amount",
    pattern: "(?:本年度?)?拟(?:新增)?购置固定资产(?:总额|金额)?",
  },
  { key: "debt.balance", form: "amount", pattern: "(?:政府)?债务余额" },
];

/** Verbs and fillers allowed between a label and its amount: "…预算安排", "…共计安排", "…为". */
const TAIL = "(?:预算)?(?:共计|合计|总计|总额|金额|共)?(?:安排)?(?:资金)?(?:为|是|达)?";
/** Change words and their direction. */
const CHANGE_WORDS: Array<[string, 1 | -1 | 0]> = [
  ["增加", 1],
  ["增长", 1],
  ["上升", 1],
  ["提高", 1],
  ["减少", -1],
  ["下降", -1],
  ["降低", -1],
  ["压减", -1],
  ["无增减变化", 0],
  ["无增减", 0],
  ["无变化", 0],
  ["没有变化", 0],
  ["持平", 0],
];
const CHANGE = `(${CHANGE_WORDS.map(([w]) => w).join("|")})`;
/** Words that state "no change" without any amount. */
const FLAT = /无增减变化|无增减|无变化|没有变化|持平/g;
/** A comparison without its own subject: "较2023年预算增加", "与上年相比持平", "比上年增加", bare "增加". */
const COMPARE = new RegExp(
  `^(?:(?:与|较|比|同)(?:上年度?|去年|上一年度?|\\d{4}年度?)?(?:预算数?|同期)?(?:相比|比较|对比)?)?${CHANGE}$`,
);
/** Leading filler of a clause: year, the speaking unit, "其中", "包括", "和". */
const FILLER =
  /^(?:截至|截止|\d{4}年度?(?:年初|底|末)?|我(?:部门|单位|街道|乡|镇|局|委|办|区|县|市|院|所|中心|厅|处|站)|本(?:部门|单位)|其中|包括|以及|和|及|另|共|安排|全年|年初)+/;
/** An amount with its unit. The figure text is the digits as printed. */
const AMOUNT = /(?<![\d.,])(\d[\d,]*(?:\.\d+)?)\s*(万元|元)/g;
/** Clause separators (the label of an amount is the clause right before it). */
const CLAUSE_BREAK = /[，,；;：:（）()。！？!?、]/;

const COMPILED = RULES.map((r) => ({
  rule: r,
  re: new RegExp(r.form === "amount" ? `^(?:${r.pattern})${TAIL}$` : `^(?:${r.pattern})${CHANGE}$`),
}));

function direction(word: string): 1 | -1 | 0 {
  return CHANGE_WORDS.find(([w]) => w === word)?.[1] ?? 0;
}

/** The clause right before an event, ready for matching: no spaces, quotes, filler; "(境)" unwrapped. */
export function clauseBefore(lead: string): string {
  const s = squash(lead)
    .replace(/[“”"‘’'「」『』]/g, "")
    .replace(/[（(]([^（）()\d]{1,2})[)）]/g, "$1");
  const parts = s.split(CLAUSE_BREAK);
  return (parts[parts.length - 1] ?? "").replace(FILLER, "");
}

/** A heading line: enumerated ("四、…", "1.收入说明", "（二）…"), short, no amount, not a sentence. */
export function isHeading(text: string): boolean {
  const t = trimAll(text);
  if (t.length > 40 || !hasHeadingEnumerator(t)) return false;
  if (/[。；;]$/.test(t)) return false;
  AMOUNT.lastIndex = 0;
  return !AMOUNT.test(normalizeDigits(t));
}

interface Piece {
  start: number;
  line: number;
}

interface LogicalParagraph {
  text: string;
  pieces: Piece[];
  section: string;
}

/**
 * Prose lines that a DOCX export glued to the last cell of a table (no blank line between the
 * table and the next paragraph), e.g. "\t60.00" followed by " 七、国有资产信息" and a sentence.
 * An amount cell does not wrap into Chinese prose, so lines after a purely numeric cell, up to
 * the next blank or cell line, are recovered as paragraphs.
 */
export function strayParagraphs(stream: BlockStream): Paragraph[] {
  const out: Paragraph[] = [];
  if (stream.layout !== "docx") return out;
  for (const b of stream.blocks) {
    if (b.type !== "row") continue;
    for (const cell of b.cells) {
      const first = cell.text.split("\n")[0] ?? "";
      if (!/^[-+]?[\d,]+(?:\.\d+)?%?$/.test(trimAll(first))) continue;
      for (let line = cell.line + 1; line <= stream.lines.length; line++) {
        const raw = stream.lines[line - 1] ?? "";
        if (trimAll(raw) === "" || /^[ \u3000]*\t/.test(raw)) break;
        out.push({ type: "para", text: trimAll(raw), line });
      }
    }
  }
  return out;
}

/** Paragraph lines joined where a line wraps mid-sentence (long line, no closing punctuation). */
function paragraphs(stream: BlockStream): LogicalParagraph[] {
  const out: LogicalParagraph[] = [];
  let section = "正文";
  let cur: LogicalParagraph | null = null;
  let lastLine = -1;
  let lastText = "";
  const stray = strayParagraphs(stream);
  const blocks =
    stray.length === 0 ? stream.blocks : [...stream.blocks, ...stray].sort((a, b) => a.line - b.line);
  for (const b of blocks) {
    if (b.type === "row") {
      cur = null;
      continue;
    }
    const text = trimAll(b.text);
    if (text === "") continue;
    if (isHeading(text)) {
      section = text;
      cur = null;
      continue;
    }
    const wraps =
      cur !== null && b.line === lastLine + 1 && lastText.length >= 15 && !/[。！？!?；;：:]$/.test(lastText);
    if (cur && wraps) {
      cur.pieces.push({ start: cur.text.length, line: b.line });
      cur.text += text;
    } else {
      cur = { text, pieces: [{ start: 0, line: b.line }], section };
      out.push(cur);
    }
    lastLine = b.line;
    lastText = text;
  }
  return out;
}

function lineAt(p: LogicalParagraph, offset: number): number {
  let line = p.pieces[0]?.line ?? 0;
  for (const piece of p.pieces) if (piece.start <= offset) line = piece.line;
  return line;
}

interface Event {
  index: number;
  end: number;
  /** Amount digits as printed, or the "no change" word. */
  text: string;
  unit: MoneyUnit;
  flat: boolean;
}

function events(sentence: string): Event[] {
  const norm = normalizeDigits(sentence);
  const found: Event[] = [];
  for (const m of norm.matchAll(AMOUNT)) {
    const raw = sentence.slice(m.index, m.index + (m[1] ?? "").length);
    found.push({
      index: m.index,
      end: m.index + m[0].length,
      text: raw,
      unit: m[2] as MoneyUnit,
      flat: false,
    });
  }
  for (const m of norm.matchAll(FLAT)) {
    found.push({ index: m.index, end: m.index + m[0].length, text: m[0], unit: "万元", flat: true });
  }
  return found.sort((a, b) => a.index - b.index);
}

/** Read the narrative facts of a document. Facts the document does not state are absent. */
export function readNarrative(
  stream: BlockStream,
  file: string,
): { facts: NarrativeFact[]; warnings: ParseWarning[] } {
  const facts: NarrativeFact[] = [];
  const warnings: ParseWarning[] = [];
  const byKey = new Map<NarrativeKey, NarrativeFact>();

  const emit = (
    key: NarrativeKey,
    ev: Event,
    dir: 1 | -1 | 0 | null,
    sentence: string,
    section: string,
    line: number,
  ) => {
    const fen = ev.flat ? 0 : parseAmount(ev.text, ev.unit);
    const figure: Figure = { text: ev.text, fen, unit: ev.unit, source: { file, section, line } };
    const label = NARRATIVE_LABELS[key];
    if (fen === null)
      warnings.push({ message: `情况说明中「${label}」的金额“${ev.text}”无法换算为元`, line });
    const prior = byKey.get(key);
    if (prior) {
      if (prior.figure.fen !== fen || prior.direction !== dir) {
        warnings.push({
          message: `情况说明中「${label}」出现两次且不一致（第 ${prior.figure.source.line} 行 ${prior.figure.text}，第 ${line} 行 ${ev.text}），取第一次`,
          line,
        });
      }
      return;
    }
    const fact: NarrativeFact = { key, label, figure, direction: dir, sentence };
    byKey.set(key, fact);
    facts.push(fact);
  };

  for (const para of paragraphs(stream)) {
    const seen = new Set<NarrativeKey>();
    let topic: Rule | null = null;
    for (const sm of para.text.matchAll(/[^。！？!?]+[。！？!?]*/g)) {
      const sentence = trimAll(sm[0]);
      const evs = events(sm[0]);
      let prevEnd = 0;
      let prevSubject: Rule | null | undefined; // undefined: no earlier event in this sentence
      for (const ev of evs) {
        const clause =
          clauseBefore(normalizeDigits(sm[0]).slice(prevEnd, ev.index)) + (ev.flat ? ev.text : "");
        prevEnd = ev.end;
        const line = lineAt(para, sm.index + ev.index);
        let subject: Rule | null = null;
        const hit = COMPILED.find(
          ({ rule, re }) =>
            (!ev.flat || rule.form === "change") &&
            (!rule.within || seen.has(rule.within)) &&
            re.test(clause),
        );
        if (hit) {
          subject = hit.rule;
          if (hit.rule.key) {
            const dir = hit.rule.form === "change" ? direction(hit.re.exec(clause)?.[1] ?? "") : null;
            emit(hit.rule.key, ev, dir, sentence, para.section, line);
            seen.add(hit.rule.key);
          }
          if (!topic && hit.rule.change) topic = hit.rule;
        } else {
          const cmp = COMPARE.exec(clause);
          const target = prevSubject === undefined ? topic : prevSubject;
          if (cmp && target?.change) {
            emit(target.change, ev, direction(cmp[1] ?? ""), sentence, para.section, line);
            seen.add(target.change);
          }
        }
        prevSubject = subject;
      }
    }
  }
  return { facts, warnings };
}
