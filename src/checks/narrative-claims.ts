/**
 * The narrative's claims about its own figures: a stated change (增加/减少 X 万元, 增长/下降 Y%) against
 * the two figures it compares and its direction; a stated share (占 Z%) recomputed from its whole;
 * 决算数大于/小于/等于预算数 and 完成预算的 Z% against the 预算 and 决算 figures the paragraph states.
 * Where a sentence's numbers contradict each other (a figure of 0 beside a stated increase, 完成年初预算的
 * Z% beside a 年初预算 of 0), the finding names both.
 */
import { printedStepFen } from "../domain/money.js";
import type { Disclosure, Figure, NarrativeFact, NarrativeKey } from "../domain/types.js";
import { roundedFen } from "./amount-text.js";
import { formatExact } from "./compare.js";
import { linesOf, wordSide } from "./texts.js";
import type { Finding, FindingSide, Rule } from "./types.js";

/** Half the printed step of a figure, in 分 (the rounding a printed amount may hide). */
function halfStep(f: { text: string; unit: Figure["unit"] }): bigint {
  return BigInt(Math.floor((printedStepFen(f.text, f.unit) ?? 1) / 2));
}

/** Tolerance of a stated percentage in basis points, from how it looks printed (5% → 50, 5.1% → 5, 5.12% → 1). */
function percentTolerance(bp: number): bigint {
  return bp % 100 === 0 ? 50n : bp % 10 === 0 ? 5n : 1n;
}

/** Can `part / whole` (each rounded as printed) be the stated percentage `bp`? Whole must be > 0. */
export function ratioFits(part: bigint, whole: bigint, hPart: bigint, hWhole: bigint, bp: number): boolean {
  const t = percentTolerance(bp);
  const hi = BigInt(bp) + t;
  const lo = BigInt(bp) - t;
  const minPart = part - hPart < 0n ? 0n : part - hPart;
  const minWhole = whole - hWhole <= 0n ? 1n : whole - hWhole;
  // minPart / maxWhole ≤ hi / 10000 and maxPart / minWhole ≥ lo / 10000
  return minPart * 10000n <= hi * (whole + hWhole) && (part + hPart) * 10000n >= lo * minWhole;
}

/** A percentage in words: 3179 → "31.79%". */
function pct(bp: number): string {
  return `${(bp / 100).toFixed(2).replace(/\.?0+$/, "")}%`;
}

/** The exact percentage part / whole, two decimals, from integers. */
function pctOf(part: bigint, whole: bigint): string {
  if (whole === 0n) return "—";
  const bp = (part * 1000000n) / whole; // hundredths of a basis point
  const rounded = (bp + 50n) / 100n;
  return pct(Number(rounded));
}

function side(label: string, f: Figure): FindingSide {
  return { label, text: f.text, fen: f.fen, source: f.source };
}

const WORD: Record<1 | -1 | 0, string> = { 1: "增加", [-1]: "减少", 0: "持平" };

/** The stated change against the figure and the prior figure (stated or implied), per fact. */
function changeFindings(f: NarrativeFact): Finding[] {
  const c = f.change;
  const cur = f.figure.fen;
  if (!c || cur === null) return [];
  const out: Finding[] = [];
  const here = side(`情况说明「${f.label}」`, f.figure);
  const push = (message: string, right: FindingSide | null) =>
    out.push({
      ruleId: "narrative.change",
      severity: "error",
      message,
      left: here,
      right,
      differenceFen: null,
    });
  const prior = f.prior?.figure ?? null;
  const dirWord = WORD[c.direction];
  if (prior && prior.fen !== null) {
    const diff = cur - prior.fen;
    const sign = diff > 0 ? 1 : diff < 0 ? -1 : 0;
    const priorSide = side(`情况说明「${f.label}」上年数`, prior);
    const step = BigInt(
      Math.max(
        printedStepFen(f.figure.text, f.figure.unit) ?? 1,
        printedStepFen(prior.text, prior.unit) ?? 1,
      ),
    );
    if (sign !== c.direction && BigInt(Math.abs(diff)) > step) {
      push(
        `「${f.label}」${f.figure.text}${f.figure.unit} 比上年数 ${prior.text}${prior.unit} ${sign > 0 ? "多" : sign < 0 ? "少" : "相同"}，但说明写的是“${dirWord}”。`,
        priorSide,
      );
      return out;
    }
    if (c.figure?.fen != null && BigInt(Math.abs(Math.abs(diff) - c.figure.fen)) > step) {
      push(
        `「${f.label}」${f.figure.text} − 上年数 ${prior.text} = ${formatExact(Math.abs(diff), f.figure.unit)}${f.figure.unit}，但说明写${dirWord} ${c.figure.text}${c.figure.unit}。`,
        side(`情况说明「${f.label}」${dirWord}额`, c.figure),
      );
    }
    if (c.percent !== null && prior.fen > 0) {
      const h = halfStep(f.figure) + halfStep(prior);
      if (!ratioFits(BigInt(Math.abs(diff)), BigInt(prior.fen), h, halfStep(prior), c.percent))
        push(
          `「${f.label}」由 ${prior.text} 变为 ${f.figure.text}（${f.figure.unit}），变动 ${pctOf(BigInt(Math.abs(diff)), BigInt(prior.fen))}，但说明写${c.direction < 0 ? "下降" : "增长"} ${pct(c.percent)}。`,
          priorSide,
        );
    }
    return out;
  }
  const chg = c.figure?.fen ?? null;
  if (chg === null || !c.figure || c.direction === 0) return out;
  const implied = BigInt(cur) - BigInt(c.direction) * BigInt(chg);
  const chgSide = side(`情况说明「${f.label}」${dirWord}额`, c.figure);
  if (implied < 0n) {
    push(
      `「${f.label}」写为 ${f.figure.text}${f.figure.unit}，同一句又写比上年${dirWord} ${c.figure.text}${c.figure.unit}：上年数将为负数，两个数字相互矛盾。`,
      chgSide,
    );
    return out;
  }
  if (c.percent === null) return out;
  if (implied === 0n) {
    if (c.direction === 1 && c.percent !== 10000)
      push(
        `「${f.label}」${f.figure.text}${f.figure.unit} 全部为新增（${dirWord} ${c.figure.text}），但说明写增长 ${pct(c.percent)}。`,
        chgSide,
      );
    return out;
  }
  const h = halfStep(f.figure) + halfStep(c.figure);
  if (!ratioFits(BigInt(chg), implied, halfStep(c.figure), h, c.percent))
    push(
      `「${f.label}」${f.figure.text}${f.figure.unit}，比上年${dirWord} ${c.figure.text}${c.figure.unit}（上年即 ${formatExact(Number(implied), f.figure.unit)}），应为${c.direction < 0 ? "下降" : "增长"} ${pctOf(BigInt(chg), implied)}，但说明写 ${pct(c.percent)}。`,
      chgSide,
    );
  return out;
}

/** A stated change agrees with the figures it compares, and its direction. */
export const changeRule: Rule = {
  id: "narrative.change",
  description:
    "说明中“比上年增加/减少 X 万元、增长/下降 Y%”与所比较的两个数及方向一致；同一句的数字不相互矛盾",
  severity: "error",
  run: (d) => d.narrative.flatMap(changeFindings),
};

/** The wholes a share of a fact may be of, in order of preference. */
const WHOLES: Array<[RegExp, NarrativeKey[]]> = [
  [/^income\./, ["income.total", "income.fiscal"]],
  [
    /^expense\.(basic|project|reserve|carry_forward)$/,
    ["expense.total", "expense.general", "expense.fiscal"],
  ],
  [/^expense\.subject$/, ["expense.general", "expense.fiscal", "expense.total", "fiscal.total"]],
  [/^expense\.(general|fiscal|fund|state_capital)$/, ["expense.total", "expense.fiscal"]],
  [/^expense\.(personnel|public)$/, ["expense.basic"]],
  [/^sangong\./, ["sangong.total"]],
  [/^procurement\./, ["procurement.total"]],
];

/** A stated share (占 Z%) recomputed from the whole the narrative states. */
export const shareRule: Rule = {
  id: "narrative.share",
  description: "说明中“占 Z%”按所说的总数重新计算一致",
  severity: "error",
  run(d: Disclosure): Finding[] {
    const out: Finding[] = [];
    for (const f of d.narrative) {
      if (f.share == null || f.figure.fen === null) continue;
      const keys = WHOLES.find(([re]) => re.test(f.key))?.[1] ?? [];
      const wholes = keys
        .flatMap((k) => d.narrative.filter((n) => n.key === k && n !== f))
        .filter((w) => w.figure.fen !== null && (w.figure.fen ?? 0) > 0 && w.figure.unit === f.figure.unit);
      const first = wholes[0];
      if (!first) continue;
      const share = f.share;
      const part = f.figure.fen;
      const fits = wholes.some((w) =>
        ratioFits(
          BigInt(part),
          BigInt(w.figure.fen as number),
          halfStep(f.figure),
          halfStep(w.figure),
          share,
        ),
      );
      if (fits) continue;
      out.push({
        ruleId: "narrative.share",
        severity: "error",
        message: `「${f.label}」${f.figure.text}${f.figure.unit} 占「${first.label}」${first.figure.text}${first.figure.unit} 的 ${pctOf(BigInt(part), BigInt(first.figure.fen as number))}，但说明写占 ${pct(share)}。`,
        left: side(`情况说明「${f.label}」`, f.figure),
        right: side(`情况说明「${first.label}」`, first.figure),
        differenceFen: null,
      });
    }
    return out;
  },
};

/** An amount in 万元 stated after a label in a paragraph: "全年预算为52.00万元". */
function amountAfter(text: string, label: RegExp): { text: string; fen: number } | null {
  const re = new RegExp(`${label.source}(?:数)?(?:为|是|：|:)?\\s*([\\d,]+(?:\\.\\d+)?)\\s*万元`);
  const m = re.exec(text);
  if (!m?.[1]) return null;
  const t = m[1].replace(/,/g, "");
  return { text: m[1], fen: roundedFen(t, "万元") };
}

const CMP: Record<string, 1 | -1 | 0> = {
  大于: 1,
  高于: 1,
  多于: 1,
  超过: 1,
  小于: -1,
  低于: -1,
  少于: -1,
  等于: 0,
  持平: 0,
};

/** 决算数大于/小于/等于预算数 and 完成预算的 Z% against the figures the paragraph states. */
export const finalVsBudgetRule: Rule = {
  id: "narrative.final-vs-budget",
  description: "决算说明中“决算数大于/小于/等于预算数”“完成预算的 Z%”与该段所列预算数、决算数一致",
  severity: "error",
  run(d: Disclosure): Finding[] {
    const out: Finding[] = [];
    for (const l of linesOf(d)) {
      const t = l.flat.replace(/，(?=\d{3})/g, "");
      const final = amountAfter(t, /(?:支出决算|决算)/);
      if (!final) continue;
      const budgets = {
        年初: amountAfter(t, /年初预算/),
        全年: amountAfter(t, /(?:全年预算|调整预算|调整后预算)/),
      };
      const plain = amountAfter(t, /(?<![年初全调整后])预算/);
      const budgetOf = (which: string | undefined) =>
        which === "年初"
          ? budgets.年初
          : which === "全年"
            ? budgets.全年
            : (budgets.全年 ?? budgets.年初 ?? plain);
      const quote = (b: { text: string }, name: string) => `${name}预算 ${b.text}万元`;
      const claim =
        /决算数?(?:与|和)?(年初|全年)?(?:预算数?)?(大于|高于|多于|超过|小于|低于|少于|等于|持平)(年初|全年)?(?:预算数?)?/.exec(
          t,
        );
      if (claim) {
        const which = claim[1] ?? claim[3];
        const b = budgetOf(which);
        const word = claim[2] as string;
        if (b) {
          const real = final.fen > b.fen ? 1 : final.fen < b.fen ? -1 : 0;
          if (real !== CMP[word])
            out.push({
              ruleId: "narrative.final-vs-budget",
              severity: "error",
              message: `说明写“决算数${word}${which ?? ""}预算数”，但同段决算数 ${final.text}万元 ${real > 0 ? "大于" : real < 0 ? "小于" : "等于"}${quote(b, which ?? "")}。`,
              left: wordSide("说明", `决算数${word}预算数`, l.source),
              right: null,
              differenceFen: null,
            });
        }
      }
      const done = /完成(年初|全年)?预算(?:数)?的?([\d.]+)%/.exec(t);
      if (done?.[2]) {
        const which = done[1];
        const b = budgetOf(which);
        const bp = Math.round(Number(done[2]) * 100);
        if (!b) continue;
        const name = which ?? "";
        const fits = b.fen > 0 && ratioFits(BigInt(final.fen), BigInt(b.fen), 5000n, 5000n, bp);
        if (fits) continue;
        const other = which === "年初" ? budgets.全年 : which === "全年" ? budgets.年初 : null;
        const otherFits =
          other && other.fen > 0 && ratioFits(BigInt(final.fen), BigInt(other.fen), 5000n, 5000n, bp);
        out.push({
          ruleId: "narrative.final-vs-budget",
          severity: "error",
          message:
            `说明写“完成${name}预算的${done[2]}%”，但同段${quote(b, name)}、决算 ${final.text}万元` +
            (b.fen === 0
              ? `：${name}预算为 0，无从“完成 ${done[2]}%”`
              : `，完成比例应为 ${pctOf(BigInt(final.fen), BigInt(b.fen))}`) +
            (otherFits && other
              ? `（${done[2]}% 是按${which === "年初" ? "全年" : "年初"}预算 ${other.text}万元计算的）`
              : "") +
            "。",
          left: wordSide("说明", `完成${name}预算的${done[2]}%`, l.source),
          right: null,
          differenceFen: null,
        });
      }
    }
    return out;
  },
};

export const narrativeClaimRules: Rule[] = [changeRule, shareRule, finalVsBudgetRule];
