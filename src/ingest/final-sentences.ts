/**
 * The 决算 sentences of a 情况说明: an actual beside the budget it executes
 * (`“三公”经费财政拨款支出年初预算为X万元，支出决算为Y万元，完成预算的Z%`), an actual alone
 * (`公务接待费支出决算为Y万元`, `…支出决算总额为X万元`), `政府采购金额（以合同签订为准）为X万元`
 * and `年末结转和结余X万元`. Each becomes a NarrativeFact whose figure is the actual (决算数) and
 * whose `prior` is the budget it is set against (basis `plan`: 年初预算; `adjusted`: 全年/调整预算),
 * citing the sentence. The amounts read here are blanked (same length, so offsets keep their lines)
 * before the general sentence reader sees the rest of the sentence.
 */
import { parseAmount } from "../domain/money.js";
import { squash } from "../domain/text.js";
import type {
  Figure,
  FundScope,
  MoneyUnit,
  NarrativeFact,
  NarrativeKey,
  PriorBasis,
} from "../domain/types.js";
import { NARRATIVE_LABELS } from "./narrative-rules.js";

/** What the sentence reader needs from its caller: where the sentence is, and how to keep a fact. */
export interface FinalSentenceContext {
  file: string;
  section: string;
  lineAt: (offset: number) => number;
  /** The 功能分类 subject a label names (`…（类）…（款）…（项）`), or null. */
  subjectOf: (text: string) => string | null;
  /** Keep a fact (the collector's identity rules apply); returns the fact kept. */
  add: (fact: NarrativeFact) => NarrativeFact;
}

/** What the reader remembers across the sentences of one section. */
export interface FinalSentenceState {
  /** The 功能分类 subject a previous sentence named without an amount (`1、…（类）…（项）。主要用于…`). */
  subject: string | null;
  /** Scope stated for the “三公” family earlier in the section. */
  sangongScope: FundScope | null;
}

/** No whitespace between tokens: the regexes run on the sentence with its whitespace removed. */
const S = "";
const AMT = `(\\d[\\d,]*(?:\\.\\d+)?)${S}(亿${S}元|万${S}元|元)`;
const PCT = `\\d+(?:\\.\\d+)?${S}[%％]`;
const RATE = `(?:${S}[，,]?${S}(?:完成|为)(?:年初|全年|调整后?)?预算(?:数)?的${S}${PCT})?`;
const PLAN_WORD = "(年初预算|全年预算|调整后?预算|预算)";
const PLAN = `${PLAN_WORD}${S}(?:数)?${S}(?:为|是)?${S}${AMT}`;
const ACTUAL = `(?:支出)?${S}决${S}算${S}(?:总额|数)?${S}(?:为|是)?${S}${AMT}`;
/** One or two plans, then the actual: `年初预算为A万元，全年预算为B万元，支出决算为C万元，完成…的Z%`. */
const PAIR = new RegExp(`${PLAN}(?:${S}[，,]${S}${PLAN})?${S}[，,]?${S}${ACTUAL}${RATE}`, "g");
/** An actual alone after its label: `公务接待费支出决算为Y万元`, `“三公”经费支出决算总额为X万元`. */
const ALONE = new RegExp(`${ACTUAL}${RATE}`, "g");
/** Other 决算 wordings with a fixed key. */
const FIXED: Array<[RegExp, NarrativeKey]> = [
  [
    new RegExp(`政府采购(?:支出)?(?:总)?金额${S}(?:[（(]以合同签订为准[)）])?${S}(?:为|是)?${S}${AMT}`, "g"),
    "procurement.total",
  ],
  [new RegExp(`年末结转(?:和|及)?结余(?:资金)?${S}(?:为|是)?${S}${AMT}`, "g"), "expense.carry_forward"],
  [new RegExp(`年初结转(?:和|及)?结余(?:资金)?${S}(?:为|是)?${S}${AMT}`, "g"), "income.carryover"],
];

/** Clause separators: a label is the text after the last one before the figure. */
const BREAK = /[，,；;。：:！？!?]/;

function unitOf(text: string): MoneyUnit {
  const u = squash(text);
  return u === "亿元" ? "亿元" : u === "万元" ? "万元" : "元";
}

function scopeIn(label: string): FundScope | null {
  if (/一般公共预算/.test(label)) return "general";
  if (/财政拨款/.test(label)) return "fiscal";
  return null;
}

/** The key a label names, or null when it names none this reader knows. */
function keyOfLabel(label: string): NarrativeKey | null {
  const l = label.replace(/[“”"']/g, "");
  if (/三公/.test(l)) return "sangong.total";
  if (/因公出国/.test(l)) return "sangong.abroad";
  if (/公务用车购置及运/.test(l)) return "sangong.vehicle";
  if (/公务用车购置/.test(l)) return "sangong.vehicle_purchase";
  if (/公务用车运/.test(l)) return "sangong.vehicle_operation";
  if (/公务接待/.test(l)) return "sangong.reception";
  if (/政府性基金/.test(l)) return "expense.fund";
  if (/国有资本经营/.test(l)) return "expense.state_capital";
  if (/一般公共预算(财政)?拨款(安排的)?支出$/.test(l)) return "expense.general";
  if (/财政拨款支出$/.test(l)) return "expense.fiscal";
  if (/^(本年)?支出(合计|总计)?$/.test(l)) return "expense.total";
  return null;
}

/** The label of a figure: the clause before `index`, without enumerators and the speaking unit. */
function labelAt(text: string, index: number): string {
  const before = text.slice(0, index);
  const parts = before.split(BREAK);
  return squash(parts[parts.length - 1] ?? "")
    .replace(/^(?:[（(][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十\d]+[.、．])+/, "")
    .replace(/^\d{4}年度?/, "");
}

/** Blank `from..to` of a string, keeping its length. */
function blank(text: string, from: number, to: number): string {
  return text.slice(0, from) + " ".repeat(to - from) + text.slice(to);
}

/**
 * Read the 决算 wordings of one sentence into facts; returns the sentence with the amounts read
 * blanked, for the general reader.
 */
export function readFinalSentence(
  sentence: string,
  ctx: FinalSentenceContext,
  state: FinalSentenceState,
): string {
  // Read the sentence without whitespace (PDF text spaces digits and units out: `307.82 万 元`);
  // `orig` maps a compact offset back to the sentence's, so lines and blanking stay exact.
  const at: number[] = [];
  let compact = "";
  for (let i = 0; i < sentence.length; i++) {
    if (/\s/.test(sentence[i] as string)) continue;
    at.push(i);
    compact += sentence[i];
  }
  const orig = (k: number) => at[k] ?? sentence.length;
  let out = sentence;
  const consume = (from: number, to: number) => {
    rest = blank(rest, from, to);
    out = blank(out, orig(from), orig(to - 1) + 1);
  };
  let rest = compact;
  const figure = (text: string, unit: string, offset: number): Figure => ({
    text,
    fen: parseAmount(text, unitOf(unit)),
    unit: unitOf(unit),
    source: { file: ctx.file, section: ctx.section, line: ctx.lineAt(orig(offset)) },
  });
  const emit = (
    label: string,
    key: NarrativeKey,
    actual: Figure,
    prior: { basis: PriorBasis; figure: Figure } | null,
    subject?: string,
  ) => {
    let scope = key.startsWith("sangong.") || key === "expense.general" ? scopeIn(label) : null;
    if (key.startsWith("sangong.")) {
      scope = scope ?? state.sangongScope;
      if (scope) state.sangongScope = scope;
    }
    const fact: NarrativeFact = {
      key,
      label: NARRATIVE_LABELS[key],
      figure: actual,
      direction: null,
      sentence: squash(sentence),
      ...(prior ? { prior: { basis: prior.basis, year: null, figure: prior.figure } } : {}),
      ...(scope ? { scope } : {}),
      ...(subject ? { subject } : {}),
    };
    ctx.add(fact);
  };
  /** The key and subject a label names; a bare label (`全年预算为…`) takes the section's subject. */
  const resolve = (label: string): { key: NarrativeKey; subject?: string } | null => {
    const subject = ctx.subjectOf(label);
    if (subject) return { key: "expense.subject", subject };
    const key = keyOfLabel(label);
    if (key) return { key };
    if (/^(其中)?(支出)?$/.test(label) && state.subject)
      return { key: "expense.subject", subject: state.subject };
    return null;
  };

  for (const m of compact.matchAll(PAIR)) {
    const label = labelAt(compact, m.index);
    const hit = resolve(label);
    if (!hit) continue;
    // Groups: plan word, amount, unit (first plan); the same for a second plan; actual amount, unit.
    const [, w1, a1, u1, w2, a2, u2, a3, u3] = m;
    const plans = [
      { word: w1 ?? "", fig: figure(a1 ?? "", u1 ?? "", m.index) },
      ...(w2 ? [{ word: w2, fig: figure(a2 ?? "", u2 ?? "", m.index) }] : []),
    ];
    const plan = plans.find((p) => p.word === "年初预算") ?? plans[0];
    const actual = figure(a3 ?? "", u3 ?? "", m.index + m[0].length - 1);
    const basis: PriorBasis = /全年|调整/.test(plan?.word ?? "") ? "adjusted" : "plan";
    emit(label, hit.key, actual, plan ? { basis, figure: plan.fig } : null, hit.subject);
    if (hit.subject) state.subject = hit.subject;
    consume(m.index, m.index + m[0].length);
  }
  for (const m of rest.matchAll(ALONE)) {
    const label = labelAt(rest, m.index);
    const key = keyOfLabel(label);
    if (!key) continue;
    emit(label, key, figure(m[1] ?? "", m[2] ?? "", m.index), null);
    consume(m.index, m.index + m[0].length);
  }
  for (const [re, key] of FIXED) {
    for (const m of rest.matchAll(re)) {
      emit("", key, figure(m[1] ?? "", m[2] ?? "", m.index), null);
      consume(m.index, m.index + m[0].length);
    }
  }
  // A sentence naming a 功能分类 subject without a figure (`1、…（类）…（款）…（项）。`) sets the
  // subject of the sentences after it.
  const named = ctx.subjectOf(compact.replace(/[。！？!?]+$/, ""));
  if (named && !new RegExp(AMT).test(compact)) state.subject = named;
  return out;
}

/** A fresh state for a section. */
export function newFinalSentenceState(): FinalSentenceState {
  return { subject: null, sangongScope: null };
}
