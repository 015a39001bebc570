/**
 * Narrative facts from the 情况说明 prose: "2024年预算收入19243.37万元，其中:一般公共预算收入…",
 * "“三公”经费预算安排5.00万元…与2023年相比无增减变化".
 *
 * How it reads: a sentence's events are its amounts ("19243.37万元", "1,886.02 万 元"), its
 * percentages ("占 99.4%", "增长 31.79%") and its amount-less "no change" words (持平, 无增减变化,
 * 与上年数一致). The wording right before an event — its clause, from the last comma/colon/bracket
 * — is matched against the RULES table (narrative-rules.ts). A new wording is one more line there.
 * - an amount whose clause names a fact → that fact (with its scope: 财政拨款 / 一般公共预算 / 全口径);
 * - a quoted or marked 功能分类 subject ("“…（类）…（款）…（项）”25.77万元") → a per-subject line;
 * - "占 X%" right after a fact → its share; "增加 Y 万元", "增长 Z%", "持平" → its change;
 * - "2023年当年预算执行数为 X" / "上年预算数为 X" → its prior-year figure;
 * - any other amount → a stated figure (label = its clause), so nothing stated is lost;
 * - "本单位无政府性基金预算", "不涉及…" → 不适用 (unless the document states a figure for it).
 *
 * Comparisons without their own subject ("较2023年预算增加6968.79万元", "与上年持平") refer back to
 * the previous fact of the same sentence, or, when they open a sentence, to the previous sentence's
 * subject (the paragraph's topic when that sentence listed parts: "其中…").
 *
 * Layering: `readSentenceFacts` reads one sentence; `readParagraphFacts` one paragraph;
 * `readNarrativeParagraphs` a document's paragraphs in order (headings set the section).
 * `readNarrative` is the thin layer that gets those paragraphs from a BlockStream.
 */
import { hasHeadingEnumerator } from "../domain/cn-number.js";
import { normalizeDigits, parseAmount, parsePercent } from "../domain/money.js";
import { squash, trimAll } from "../domain/text.js";
import type {
  Figure,
  FundScope,
  MoneyUnit,
  NarrativeChange,
  NarrativeCount,
  NarrativeFact,
  NarrativeKey,
  NotApplicableFact,
  ParseWarning,
  PriorBasis,
  StatedFigure,
} from "../domain/types.js";
import type { DocumentModel } from "./document/model.js";
import { type BlockStream, streamOf } from "./document/stream.js";
import { type FinalSentenceState, newFinalSentenceState, readFinalSentence } from "./final-sentences.js";
import {
  CHANGE_WORDS,
  COUNT_RULES,
  DEPARTMENT_PARTS,
  FUNCTION_CLASSES,
  NARRATIVE_LABELS,
  NOT_APPLICABLE,
  NOT_APPLICABLE_FORMS,
  OWN_PARTS_SUBJECTS,
  RULES,
  type Rule,
  SCOPE_WORDS,
  SCOPED_KEYS,
} from "./narrative-rules.js";

export { NARRATIVE_LABELS } from "./narrative-rules.js";

const CHANGE = `(${CHANGE_WORDS.map(([w]) => w).join("|")})`;
/** Words that state "no change" without any amount. */
const FLAT = /无增减变化|无增减|无变化|没有变化|持平|一致/g;
/** What a comparison compares with: "与上年相比", "较2023年预算", "比上年年初预算", "同比", "比2023年预算执行数". */
const COMPARE_WITH =
  "(?:同比|(?:与|较|比|同)(?:上年度?|去年|上一年度?|\\d{4}年度?)?(?:年初)?(?:预算|当年预算)?(?:执行)?数?(?:同期)?(?:相比|比较|对比)?)";
/** A comparison without its own subject: "较2023年预算增加", "与上年相比持平", "比上年增加", bare "增加". */
const COMPARE = new RegExp(`^(?:${COMPARE_WITH}(?:基本|有所|略有)?)?${CHANGE}$`);
/** A prior-year figure: "2023年当年预算执行数为", "上年预算数为", "上年执行数". */
const PRIOR = /^(?:上年|去年|\d{4}年度?)?(?:当年|全年)?(?:年初)?(预算执行数|执行数|预算数|预算)(?:为|是)?$/;
/** A restatement of the current figure: "2024年预算安排25.77万元" right after the subject. */
const RESTATE = /^(?:预算)?(?:安排|数)?(?:为|是)?$/;
/** A share of a whole: "占", "占“三公”经费的", "占本年支出合计的", "占政府采购预算". */
const SHARE = /^占.{0,20}$/;
/** Leading filler of a clause: year, enumerator, the speaking unit, "其中", "包括", "和". */
const FILLER =
  /^(?:截至|截止|此外|另外|\d{4}年度?(?:年初|底|末)?|\d{1,2}[.、]|[一二三四五六七八九十]+、|我(?:部门|单位|街道|乡|镇|局|委|办|区|县|市|院|所|中心|厅|处|站)|本(?:部门|单位)|其中|包括|以及|和|及|另|共|安排|全年|年初)+/;
/** An organisation name before a label: "江苏省政协办公厅本年收入预算合计", "…办事处收入预算". */
const OWNER =
  "(?:[\\u4e00-\\u9fff]{2,40}?(?:办公厅|办事处|委员会|管委会|政府|街道|局|院|厅|委|办|中心|所|站|馆|会|社|校|队|团|处|镇|乡)(?:部门|单位)?)?(?:\\d{4}年度?)?(?:本年度?|全年)?";
/** Verbs and fillers allowed between a label and its amount: "…预算安排", "…共计安排", "…预算数为". */
const TAIL =
  "(?:预算|支出|数|共计|合计|总计|总额|总金额|金额|共|安排|资金|各)*(?:为|是|达)?(?:预算|数|支出)?";
/**
 * An amount with its unit (PDF text may space out "万 元", and put stray spaces between digit
 * groups: `1 234 567.89元`). The figure text is the digits as printed, such spaces removed.
 */
const AMOUNT = /(?<![\d.,])(\d{1,3}(?:[ \u00a0]\d{3})+(?:\.\d+)?|\d[\d,]*(?:\.\d+)?)\s*(亿\s?元|万\s?元|元)/g;
/** A unit-less zero right after 为/是 and before punctuation. */
const BARE_ZERO = /(?<=(?:为|是)\s?)0(?:\.0+)?(?=\s*[，,。；;])/g;
/** A percentage. */
const PERCENT = /(?<![\d.,])(\d+(?:\.\d+)?)\s*[%％]/g;
/** A count with its measure word: "46 辆", "50个", "4 台（套）". */
const COUNT = /(?<![\d.,])(\d+)\s*(辆|个|台（套）|台\(套\)|台|套)/g;
const COUNT_COMPILED = COUNT_RULES.map((r) => ({
  rule: r,
  unit: new RegExp(`^(?:${r.unit})$`),
  before: r.before ? new RegExp(r.before) : null,
  after: r.after ? new RegExp(r.after) : null,
}));
/** Clause separators (the label of an amount is the clause right before it). */
const CLAUSE_BREAK = /[，,；;：:（）()。！？!?、]/;
/** Separators of a stated figure's label (brackets stay inside: "单价100万元（含）以上"). */
const LABEL_BREAK = /[，,；;：:。！？!?、]/;
/** A per-subject line: "“一般公共服务支出（类）…（款）…（项）”", "政协事务（款）行政运行（项）", "一般公共服务（类）支出". */
const SUBJECT_MARKED =
  /^[“"]?((?:[\u4e00-\u9fff、]+[（(](?:类|款|项)[)）])+)[”"]?((?:支出)?)(?:预算)?(?:数)?(?:为|安排)?$/;
const SUBJECT_CLASS = new RegExp(`^((?:${FUNCTION_CLASSES})支出)(?:预算)?(?:数)?(?:为)?$`);

interface Compiled {
  rule: Rule;
  re: RegExp;
  changeRe: RegExp | null;
}

/**
 * A fund scope printed between a scoped label and its verb (`机关运行经费财政拨款预算为`); the
 * fact's scope is read from the whole text before the amount (scopeOf).
 */
const SCOPE_TAIL = "(?:全口径|一般公共预算(?:财政)?(?:拨款)?|财政拨款)?";

const COMPILED: Compiled[] = RULES.map((r) => {
  const lead = r.anyLead ? ".*?" : OWNER;
  const scopeTail = r.key && SCOPED_KEYS.has(r.key) ? SCOPE_TAIL : "";
  const re =
    r.form === "amount"
      ? new RegExp(`^${lead}(?:${r.pattern})${scopeTail}${TAIL}$`)
      : new RegExp(`^(?:${COMPARE_WITH})?(?:${r.pattern})${CHANGE}$`);
  // Every amount rule with a key also reads "label + change word" as that fact's change.
  const changeRe =
    r.form === "amount" && r.key
      ? new RegExp(
          `^(?:${COMPARE_WITH})?${lead}(?:${r.pattern})(?:预算|支出|数|总计|合计)*(?:${COMPARE_WITH})?各?${CHANGE}$`,
        )
      : null;
  return { rule: r, re, changeRe };
});

const NA_COMPILED = NOT_APPLICABLE.map((n) => ({
  keys: n.keys,
  re: new RegExp(NOT_APPLICABLE_FORMS.map((f) => f.replace("NOUN", n.noun)).join("|")),
}));

function direction(word: string): 1 | -1 | 0 {
  return CHANGE_WORDS.find(([w]) => w === word)?.[1] ?? 0;
}

/** Squashed text without quotes, "(境)" unwrapped, "收入、支出" → "收支". */
function prepare(lead: string): string {
  return squash(lead)
    .replace(/[“”"‘’'「」『』]/g, "")
    .replace(/[（(](境)[)）]/g, "$1")
    .replace(/收入?、支出?/g, "收支");
}

/** The clause right before an event, ready for matching: no spaces, quotes, filler; "(境)" unwrapped. */
export function clauseBefore(lead: string): string {
  const parts = prepare(lead).split(CLAUSE_BREAK);
  return (parts[parts.length - 1] ?? "").replace(FILLER, "");
}

/** The label of a stated figure: the text since the last clause break, whitespace removed. */
function labelBefore(lead: string): string {
  const parts = squash(lead).split(LABEL_BREAK);
  return (parts[parts.length - 1] ?? "").replace(/^(?:\d{1,2}[.、]|[（(][一二三四五六七八九十\d]+[)）])/, "");
}

/** A heading line: enumerated ("四、…", "1.收入说明", "（二）…"), short, no amount, not a sentence. */
export function isHeading(text: string): boolean {
  const t = trimAll(text);
  if (t.length > 40 || !hasHeadingEnumerator(t)) return false;
  if (/[。；;]$/.test(t)) return false;
  return !new RegExp(AMOUNT.source).test(normalizeDigits(t));
}

interface Event {
  index: number;
  end: number;
  /** Amount digits as printed, the percentage digits, or the "no change" word. */
  text: string;
  unit: MoneyUnit;
  kind: "amount" | "percent" | "flat";
}

function events(sentence: string): Event[] {
  const norm = normalizeDigits(sentence);
  const found: Event[] = [];
  for (const m of norm.matchAll(AMOUNT)) {
    const raw = sentence.slice(m.index, m.index + (m[1] ?? "").length).replace(/[ \u00a0]/g, "");
    const word = m[2] ?? "";
    const unit: MoneyUnit = word.startsWith("亿") ? "亿元" : word.startsWith("万") ? "万元" : "元";
    found.push({ index: m.index, end: m.index + m[0].length, text: raw, unit, kind: "amount" });
  }
  // A bare 0 after 为 ("公务用车购置为 0，"): zero in any unit, shown in the sentence's unit.
  for (const m of norm.matchAll(BARE_ZERO)) {
    const unit = found[0]?.unit ?? "万元";
    found.push({ index: m.index, end: m.index + m[0].length, text: m[0], unit, kind: "amount" });
  }
  for (const m of norm.matchAll(PERCENT)) {
    found.push({
      index: m.index,
      end: m.index + m[0].length,
      text: m[1] ?? "",
      unit: "万元",
      kind: "percent",
    });
  }
  for (const m of norm.matchAll(FLAT)) {
    found.push({ index: m.index, end: m.index + m[0].length, text: m[0], unit: "万元", kind: "flat" });
  }
  return found.sort((a, b) => a.index - b.index);
}

/** Where a sentence sits: file, section heading, and the line of an offset inside the sentence. */
export interface SentencePlace {
  file: string;
  section: string;
  lineAt: (offset: number) => number;
}

/** Keep a fact read by another sentence reader as if this reader had read it. */
function keep(out: NarrativeCollector, state: SectionState, fact: NarrativeFact): NarrativeFact {
  const kept = out.add(fact);
  state.seen.add(fact.key);
  state.lastFact = kept;
  return kept;
}

/** What the reader remembers within a section (a heading starts a new one). */
export interface SectionState {
  /** What the 决算 sentence reader remembers (final-sentences.ts). */
  final?: FinalSentenceState;
  /** Keys stated so far in the section (for "其中" parts). */
  seen: Set<NarrativeKey>;
  /** The paragraph's topic: its first subject that names a change key (legacy comparisons). */
  topic: Rule | null;
  topicFact: NarrativeFact | null;
  /** The subject (first fact) of the previous sentence, and whether that sentence listed parts. */
  prevSubject: NarrativeFact | null;
  prevListedParts: boolean;
  /** The last fact stated in the section. */
  lastFact: NarrativeFact | null;
  /** Scope stated for the “三公” family earlier in the section. */
  sangongScope: FundScope | null;
}

/** A fresh section state. */
export function newSectionState(): SectionState {
  return {
    seen: new Set(),
    topic: null,
    topicFact: null,
    prevSubject: null,
    prevListedParts: false,
    lastFact: null,
    sangongScope: null,
  };
}

/**
 * Collects a document's narrative readings: one fact per key, scope and subject (a repeated
 * fact is kept once, a disagreeing repeat is warned about), stated figures and 不适用 facts.
 */
export class NarrativeCollector {
  readonly facts: NarrativeFact[] = [];
  readonly stated: StatedFigure[] = [];
  readonly notApplicable: NotApplicableFact[] = [];
  readonly counts: NarrativeCount[] = [];
  readonly warnings: ParseWarning[] = [];
  private readonly byId = new Map<string, NarrativeFact>();

  /** Add a fact; returns the fact kept for its identity (the earlier one when repeated). */
  add(fact: NarrativeFact): NarrativeFact {
    // A per-subject line is one fact per section: the same 款 is listed under 基本支出 and again
    // under 机关运行经费 with another figure.
    const where = fact.subject ? fact.figure.source.section : "";
    const id = `${fact.key}|${fact.scope ?? ""}|${fact.subject ?? ""}|${where}`;
    const line = fact.figure.source.line;
    if (fact.figure.fen === null)
      this.warnings.push({
        message: `情况说明中「${fact.label}」的金额“${fact.figure.text}”无法换算为元`,
        line,
      });
    const prior = this.byId.get(id);
    if (prior) {
      if (prior.figure.fen !== fact.figure.fen || prior.direction !== fact.direction) {
        this.warnings.push({
          message: `情况说明中「${fact.label}」出现两次且不一致（第 ${prior.figure.source.line} 行 ${prior.figure.text}，第 ${line} 行 ${fact.figure.text}），取第一次`,
          line,
        });
        return fact;
      }
      return prior;
    }
    this.byId.set(id, fact);
    this.facts.push(fact);
    return fact;
  }

  /** The facts the document says do not apply, except keys it states a figure for. */
  applicable(): NotApplicableFact[] {
    const stated = new Set(this.facts.map((f) => f.key));
    const seen = new Set<NarrativeKey>();
    return this.notApplicable.filter((n) => {
      if (stated.has(n.key) || seen.has(n.key)) return false;
      seen.add(n.key);
      return true;
    });
  }
}

function scopeOf(textBefore: string): FundScope | null {
  const t = squash(textBefore);
  for (const [re, scope] of SCOPE_WORDS) if (re.test(t)) return scope;
  return null;
}

function basisOf(clause: string): PriorBasis | null {
  if (/执行/.test(clause)) return "execution";
  if (/(?:与|较|比|同)(?:上年度?|去年|上一年度?|\d{4}年度?)(?:年初|当年)?预算/.test(clause)) return "budget";
  return null;
}

function yearOf(clause: string): number | null {
  const m = /(\d{4})年/.exec(clause);
  return m ? Number(m[1]) : null;
}

/** The subject of a per-subject line before an amount, or null. */
/** The 功能分类 subject the clause before an amount names (`…（类）…（款）…（项）`), or null. */
export function subjectOf(lead: string, section: string): string | null {
  const label = labelBefore(normalizeDigits(lead)).replace(FILLER, "");
  const marked = SUBJECT_MARKED.exec(label);
  let subject: string | null = null;
  if (marked) subject = `${marked[1] ?? ""}${marked[2] ?? ""}`;
  else {
    const cls = SUBJECT_CLASS.exec(prepare(label));
    if (cls) subject = cls[1] ?? null;
  }
  if (!subject) return null;
  // "1.政协事务（款）行政运行（项）" under the heading "（一）一般公共服务支出（类）".
  if (!/[（(]类[)）]/.test(subject)) {
    const parent = /([\u4e00-\u9fff]+[（(]类[)）])/.exec(squash(section));
    if (parent?.[1] && /[（(](?:款|项)[)）]/.test(subject)) subject = `${parent[1]}${subject}`;
  }
  return subject;
}

/**
 * Read one sentence: its facts (added to the collector), stated figures and 不适用 facts.
 * `state` carries what earlier sentences of the section established. Returns the facts the
 * sentence stated (as kept by the collector).
 */
export function readSentenceFacts(
  sentenceText: string,
  place: SentencePlace,
  state: SectionState,
  out: NarrativeCollector,
): NarrativeFact[] {
  const sentence = trimAll(sentenceText);
  const norm = normalizeDigits(sentenceText);
  const evs = events(sentenceText);
  const mine: NarrativeFact[] = [];
  const opensWithParts = /^[\s\u3000]*(?:其中|包括)/.test(sentenceText);
  // Years this sentence compares with ("与 2016 年度相比"): an amount labelled with such a year
  // ("（2016 年度部门支出预算安排为 8,648.07 万元）") is that year's figure, not this year's.
  const compareYears = new Set(
    [...squash(norm).matchAll(/(?:与|较|比|同)(\d{4})年/g)].map((m) => m[1] ?? ""),
  );
  let prevEnd = 0;
  let prevRule: Rule | null | undefined; // undefined: no earlier event in this sentence
  let prevFact: NarrativeFact | null = null; // the fact of the previous event in this sentence
  let lastChange = null as NarrativeChange | null;
  const sentenceSubject = (): NarrativeFact | null =>
    mine[0] ?? (state.prevListedParts ? (state.topicFact ?? state.prevSubject) : state.prevSubject);

  const figureOf = (ev: Event, line: number): Figure => ({
    text: ev.text,
    fen: ev.kind === "flat" ? 0 : parseAmount(ev.text, ev.unit),
    unit: ev.unit,
    source: { file: place.file, section: place.section, line },
  });

  const emit = (
    key: NarrativeKey,
    ev: Event,
    dir: 1 | -1 | 0 | null,
    line: number,
    extra: Partial<NarrativeFact>,
  ) => {
    const fact: NarrativeFact = {
      key,
      label: NARRATIVE_LABELS[key],
      figure: figureOf(ev, line),
      direction: dir,
      sentence,
      ...extra,
    };
    const kept = out.add(fact);
    state.seen.add(key);
    if (dir === null) {
      mine.push(kept);
      state.lastFact = kept;
    }
    return kept;
  };

  const attachChange = (target: NarrativeFact | null, change: NarrativeChange) => {
    if (target && !target.change) target.change = change;
    lastChange = change;
  };

  for (const ev of evs) {
    const leadRaw = norm.slice(prevEnd, ev.index);
    const clause = clauseBefore(leadRaw) + (ev.kind === "flat" ? ev.text : "");
    const line = place.lineAt(ev.index);
    prevEnd = ev.end;

    if (ev.kind === "percent") {
      const pct = parsePercent(ev.text);
      if (SHARE.test(clause) && prevFact && prevFact.share == null) {
        prevFact.share = pct;
      } else {
        const cmp = COMPARE.exec(clause);
        if (cmp) {
          if (lastChange && lastChange.percent === null) lastChange.percent = pct;
          else
            attachChange(prevFact ?? sentenceSubject(), {
              direction: direction(cmp[1] ?? ""),
              figure: null,
              percent: pct,
              basis: basisOf(clause),
              year: yearOf(leadRaw),
            });
        }
      }
      continue;
    }

    // 0. A figure of the year the sentence compares with: the prior figure of the fact it names.
    if (ev.kind === "amount" && compareYears.size) {
      const year = /^(\d{4})年/.exec(prepare(leadRaw).split(CLAUSE_BREAK).pop() ?? "")?.[1];
      const named =
        year && compareYears.has(year)
          ? COMPILED.find(({ rule, re }) => rule.key && rule.form === "amount" && re.test(clause))
          : undefined;
      if (named) {
        const target = mine.find((f) => f.key === named.rule.key && !f.prior);
        if (target) {
          target.prior = { basis: "budget", year: Number(year ?? 0) || null, figure: figureOf(ev, line) };
        } else {
          out.stated.push(statedOf(leadRaw, figureOf(ev, line), sentence));
        }
        prevFact = target ?? null;
        prevRule = null;
        continue;
      }
    }

    // 1. A per-subject line (功能分类 类/款/项).
    if (ev.kind === "amount") {
      const subject = subjectOf(leadRaw, place.section);
      if (subject) {
        prevFact = emit("expense.subject", ev, null, line, { subject });
        prevRule = null;
        lastChange = null;
        continue;
      }
    }

    // 2. A wording of the rules table.
    const hit = COMPILED.find(
      ({ rule, re }) =>
        (ev.kind === "amount" || rule.form === "change") &&
        (!rule.within || rule.within.some((k) => state.seen.has(k))) &&
        re.test(clause),
    );
    const ownParts =
      hit?.rule.key &&
      DEPARTMENT_PARTS.has(hit.rule.key) &&
      OWN_PARTS_SUBJECTS.has(mine[0]?.key as NarrativeKey);
    if (hit && !ownParts) {
      const rule = hit.rule;
      if (rule.key) {
        const dir = rule.form === "change" ? direction(hit.re.exec(clause)?.[1] ?? "") : null;
        let scope: FundScope | null = null;
        if (SCOPED_KEYS.has(rule.key)) {
          scope = scopeOf(norm.slice(0, ev.index));
          if (rule.key.startsWith("sangong.")) {
            scope = scope ?? state.sangongScope;
            if (scope) state.sangongScope = scope;
          }
        }
        const kept = emit(rule.key, ev, dir, line, scope ? { scope } : {});
        for (const k of rule.also ?? []) emit(k, ev, dir, line, {});
        if (dir === null) {
          prevFact = kept;
          lastChange = null;
        } else {
          attachChange(prevFact, {
            direction: dir,
            figure: ev.kind === "amount" ? kept.figure : null,
            percent: null,
            basis: basisOf(clause),
            year: yearOf(leadRaw),
          });
        }
      } else if (ev.kind === "amount") {
        // A subject that only anchors a later comparison ("2024年预算收支安排X万元").
        out.stated.push(statedOf(leadRaw, figureOf(ev, line), sentence));
      }
      if (!state.topic && rule.change) state.topic = rule;
      prevRule = rule;
      continue;
    }

    // 3. The change of a named fact: "财政拨款支出增加 …", "与上年相比收、支预算总计各增加 …".
    const named = COMPILED.find(({ changeRe }) => changeRe?.test(clause));
    if (named?.changeRe && named.rule.key) {
      const m = named.changeRe.exec(clause);
      const targets = [named.rule.key, ...(named.rule.also ?? [])];
      const change: NarrativeChange = {
        direction: direction(m?.[1] ?? ""),
        figure: ev.kind === "amount" ? figureOf(ev, line) : null,
        percent: null,
        basis: basisOf(clause),
        year: yearOf(leadRaw),
      };
      const found = targets
        .map((k) => [...out.facts].reverse().find((f) => f.key === k && !f.subject && f.direction === null))
        .filter((f): f is NarrativeFact => f !== undefined);
      for (const f of found) attachChange(f, change);
      const target = found[0] ?? null;
      if (named.rule.change && target) {
        emit(named.rule.change, ev, change.direction, line, {});
      } else if (!target && ev.kind === "amount") {
        // The change of a fact this document does not state: kept as stated.
        out.stated.push(statedOf(leadRaw, figureOf(ev, line), sentence));
      }
      prevRule = named.rule;
      continue;
    }

    // 4. A comparison without its own subject.
    const cmp = COMPARE.exec(clause);
    if (cmp) {
      const dir = direction(cmp[1] ?? "");
      // Legacy change keys (change.total, sangong.change …): the previous rule or the topic.
      const targetRule = prevRule === undefined ? state.topic : prevRule;
      if (targetRule?.change) emit(targetRule.change, ev, dir, line, {});
      const target = prevRule === undefined ? sentenceSubject() : prevFact;
      const change: NarrativeChange = {
        direction: dir,
        figure: ev.kind === "amount" ? figureOf(ev, line) : null,
        percent: null,
        basis: basisOf(clause),
        year: yearOf(leadRaw),
      };
      if (target) attachChange(target, change);
      else if (ev.kind === "amount" && !targetRule?.change)
        out.stated.push(statedOf(leadRaw, figureOf(ev, line), sentence));
      prevRule = null;
      continue;
    }

    if (ev.kind !== "amount") {
      prevRule = null;
      continue;
    }

    // 5. A prior-year figure or a restatement of the subject's figure.
    const subject = prevFact ?? state.lastFact;
    const prior = PRIOR.exec(clause);
    const yearLead = yearOf(leadRaw);
    if (subject && prior && /执行|上年|去年/.test(clause + leadRaw) && !subject.prior) {
      subject.prior = {
        basis: /执行/.test(prior[1] ?? "") ? "execution" : "budget",
        year: yearLead,
        figure: figureOf(ev, line),
      };
      prevFact = subject;
      prevRule = null;
      continue;
    }
    if (subject && RESTATE.test(clause) && parseAmount(ev.text, ev.unit) === subject.figure.fen) {
      prevFact = subject;
      prevRule = null;
      continue;
    }

    // 6. Anything else is a figure as stated.
    out.stated.push(statedOf(leadRaw, figureOf(ev, line), sentence));
    prevFact = null;
    prevRule = null;
  }

  // Counts (车辆, 设备, 绩效目标项目): only the wordings of COUNT_RULES; the first of a key is kept.
  for (const m of norm.matchAll(COUNT)) {
    const before = labelBefore(norm.slice(0, m.index));
    const after = squash(norm.slice(m.index + m[0].length));
    const hit = COUNT_COMPILED.find(
      (c) => c.unit.test(m[2] ?? "") && (c.before ? c.before.test(before) : (c.after?.test(after) ?? false)),
    );
    if (!hit || out.counts.some((c) => c.key === hit.rule.key)) continue;
    out.counts.push({
      key: hit.rule.key,
      label: hit.rule.label,
      text: m[1] ?? "",
      value: Number(m[1]),
      unit: m[2] ?? "",
      sentence,
      source: { file: place.file, section: place.section, line: place.lineAt(m.index) },
    });
  }

  // 不适用: a sentence saying a fact does not apply.
  const squashed = prepare(norm);
  for (const na of NA_COMPILED) {
    if (!na.re.test(squashed)) continue;
    for (const key of na.keys) {
      out.notApplicable.push({
        key,
        label: NARRATIVE_LABELS[key],
        sentence,
        source: { file: place.file, section: place.section, line: place.lineAt(0) },
      });
    }
  }

  if (mine.length) {
    state.prevSubject = mine[0] ?? null;
    state.prevListedParts = opensWithParts || mine.length > 1;
    if (!state.topicFact && state.topic) state.topicFact = mine[0] ?? null;
  }
  return mine;
}

function statedOf(lead: string, figure: Figure, sentence: string): StatedFigure {
  return { label: labelBefore(lead), figure, origin: "narrative", context: sentence };
}

/** A paragraph of prose with the line each piece starts on (for citing the line of an amount). */
export interface ProseParagraph {
  text: string;
  pieces: Array<{ start: number; line: number }>;
  section: string;
}

function lineAt(p: ProseParagraph, offset: number): number {
  let line = p.pieces[0]?.line ?? 0;
  for (const piece of p.pieces) if (piece.start <= offset) line = piece.line;
  return line;
}

/** Read one paragraph's sentences in order. */
export function readParagraphFacts(
  para: ProseParagraph,
  file: string,
  state: SectionState,
  out: NarrativeCollector,
): NarrativeFact[] {
  state.topic = null;
  state.topicFact = null;
  state.prevSubject = null;
  state.prevListedParts = false;
  const facts: NarrativeFact[] = [];
  state.final ??= newFinalSentenceState();
  for (const sm of para.text.matchAll(/[^。！？!?]+[。！？!?]*/g)) {
    const start = sm.index;
    const place: SentencePlace = {
      file,
      section: para.section,
      lineAt: (offset) => lineAt(para, start + offset),
    };
    // 决算 wordings first (actual beside budget); the general reader reads what they leave.
    const rest = readFinalSentence(
      sm[0],
      { ...place, subjectOf: (t) => subjectOf(t, para.section), add: (f) => keep(out, state, f) },
      state.final,
    );
    facts.push(...readSentenceFacts(rest, place, state, out));
  }
  return facts;
}

/** The narrative readings of a document: facts, 不适用 facts, stated figures, warnings. */
export interface NarrativeReading {
  facts: NarrativeFact[];
  /** Counts stated (车辆, 设备, 绩效目标项目). */
  counts: NarrativeCount[];
  notApplicable: NotApplicableFact[];
  stated: StatedFigure[];
  warnings: ParseWarning[];
}

/** Read a document's prose paragraphs in order; a new section starts a fresh section state. */
export function readNarrativeParagraphs(paragraphs: ProseParagraph[], file: string): NarrativeReading {
  const out = new NarrativeCollector();
  let section: string | null = null;
  let state = newSectionState();
  for (const p of paragraphs) {
    if (p.section !== section) {
      section = p.section;
      state = newSectionState();
    }
    readParagraphFacts(p, file, state, out);
  }
  return {
    facts: out.facts,
    counts: out.counts,
    notApplicable: out.applicable(),
    stated: out.stated,
    warnings: out.warnings,
  };
}

/** One line of prose with its 1-based line number. */
export interface ProseLine {
  text: string;
  line: number;
}

/**
 * Group prose lines into paragraphs: an enumerated short line without an amount is a heading
 * (it names the section of what follows); a long line without closing punctuation that the next
 * line continues is joined with it (a sentence wrapped over two lines).
 */
export function proseParagraphs(lines: Array<ProseLine | null>): ProseParagraph[] {
  const out: ProseParagraph[] = [];
  let section = "正文";
  let cur: ProseParagraph | null = null;
  let lastLine = -1;
  let lastText = "";
  for (const l of lines) {
    if (l === null) {
      cur = null;
      continue;
    }
    const text = trimAll(l.text);
    if (text === "") continue;
    if (isHeading(text)) {
      section = text;
      cur = null;
      continue;
    }
    const wraps =
      cur !== null && l.line === lastLine + 1 && lastText.length >= 15 && !/[。！？!?；;：:]$/.test(lastText);
    if (cur && wraps) {
      cur.pieces.push({ start: cur.text.length, line: l.line });
      cur.text += text;
    } else {
      cur = { text, pieces: [{ start: 0, line: l.line }], section };
      out.push(cur);
    }
    lastLine = l.line;
    lastText = text;
  }
  return out;
}

/** Read the narrative facts of a document: its paragraphs in reading order (rows break paragraphs). */
export function narrativeOf(stream: BlockStream, file: string): NarrativeReading {
  const lines = stream.blocks.map((b) => (b.type === "row" ? null : { text: b.text, line: b.line }));
  return readNarrativeParagraphs(proseParagraphs(lines), file);
}

/** `narrativeOf` over a model's own reading view (tests and tools). */
export function readNarrative(model: DocumentModel, file: string): NarrativeReading {
  return narrativeOf(streamOf(model), file);
}

/** Read a passage of 情况说明 text (one paragraph or heading per line), e.g. a test fixture. */
export function readNarrativeText(text: string, file: string): NarrativeReading {
  return readNarrativeParagraphs(
    proseParagraphs(text.split("\n").map((t, i) => ({ text: t, line: i + 1 }))),
    file,
  );
}
