/**
 * The headline figures of a disclosure for summaries (收入/支出总计, 基本/项目支出, “三公”经费),
 * read the same way as the /budget overview: standard tables first, the 情况说明 narrative when a
 * document has no tables. Exact integer 元 arithmetic for year-on-year changes.
 */
import { tableOf } from "../answers/budget.js";
import { formatWan } from "../domain/money.js";
import type { Disclosure, Figure, NarrativeKey, StandardRow, StandardTable } from "../domain/types.js";

const squash = (s: string) => s.replace(/[\s\u3000]+/g, "");

/** Keys of the headline figures, in display order. */
export const HEADLINE_KEYS = ["income", "expense", "basic", "project", "sangong"] as const;

/** One headline figure key. */
export type HeadlineKey = (typeof HEADLINE_KEYS)[number];

/** Labels shown for the headline figures. */
export const HEADLINE_LABELS: Record<HeadlineKey, string> = {
  income: "收入总计",
  expense: "支出总计",
  basic: "　基本支出",
  project: "　项目支出",
  sangong: "“三公”经费",
};

function row(t: StandardTable | undefined, re: RegExp, side?: string): StandardRow | undefined {
  return t?.rows.find((r) => re.test(squash(r.name)) && (side === undefined || r.side === side));
}

function column(r: StandardRow | undefined, re: RegExp): Figure | null {
  if (!r) return null;
  for (const [k, v] of Object.entries(r.values)) if (re.test(squash(k))) return v;
  return null;
}

function fact(doc: Disclosure, key: NarrativeKey): Figure | null {
  return doc.narrative.find((f) => f.key === key)?.figure ?? null;
}

/** The headline figures of a document; null where it does not state one. */
export function headlineFigures(doc: Disclosure): Record<HeadlineKey, Figure | null> {
  const summary = tableOf(doc, "收支总表");
  const total = row(tableOf(doc, "支出总表"), /^合计$/);
  const sangong = tableOf(doc, "三公经费支出表");
  return {
    income: summary ? column(row(summary, /^收入总计$/, "收入"), /./) : fact(doc, "income.total"),
    expense: summary ? column(row(summary, /^支出总计$/, "支出"), /./) : fact(doc, "expense.total"),
    basic: total ? column(total, /^基本支出$/) : fact(doc, "expense.basic"),
    project: total ? column(total, /^项目支出$/) : fact(doc, "expense.project"),
    sangong: sangong ? column(row(sangong, /^合计$/), /^合计$/) : fact(doc, "sangong.total"),
  };
}

/**
 * A change in percent with one decimal, rounded half up on the absolute value, from exact
 * integers: 5 of 40 → "12.5". Null when the base is 0.
 */
export function percentChange(diff: number, base: number): string | null {
  if (base === 0) return null;
  const d = BigInt(Math.abs(diff));
  const b = BigInt(Math.abs(base));
  const tenths = (d * 1000n * 2n + b) / (2n * b);
  return `${tenths / 10n}.${tenths % 10n}`;
}

/** "较2023年增加 12.34 万元（+5.0%）", "与2023年持平"; null unless both years state the figure exactly. */
export function changeText(
  current: Figure | null,
  previous: Figure | null,
  previousYear: number,
): string | null {
  if (current?.yuan == null || previous?.yuan == null) return null;
  const diff = current.yuan - previous.yuan;
  if (diff === 0) return `与${previousYear}年持平`;
  const pct = percentChange(diff, previous.yuan);
  const sign = diff > 0 ? "+" : "-";
  return `较${previousYear}年${diff > 0 ? "增加" : "减少"} ${formatWan(Math.abs(diff))} 万元${pct ? `（${sign}${pct}%）` : ""}`;
}
