/**
 * The funding labels of a project table and which of them become the Project's budget, fiscal
 * and other figures. Read by labels and cell columns, whatever the export layout.
 *
 * Two layouts:
 * - one group: 预算数 | 其中：财政资金 | 其他资金 (the 河北 项目绩效目标表);
 * - two groups side by side in a block labelled 项目资金（元） (the 上海 财政项目支出绩效目标填报表):
 *   项目资金总额 with 其中：财政资金 and 其他资金, and 年度资金申请总额 with 其中：当年财政拨款,
 *   上年结转资金 and 其他资金. A part belongs to the total whose column is the nearest at or to its
 *   left; when both totals share a column (stacked), to the total read last before it.
 *
 * Decisions:
 * - The Project takes the group of 项目资金总额 (or 预算数) when that total is stated, else the
 *   group of 年度资金申请总额. budget, fiscal and other always come from one group, so that
 *   预算数 = 财政资金 + 其他资金 stays checkable (check project.funding).
 * - The group not taken is not stored; when its stated parts do not add up to its total, a
 *   warning names both, so a misprint there is not lost.
 * - Within a group the last label of a kind wins (as the 河北 reader always did).
 */
import { formatInUnit, parseAmount } from "../domain/money.js";
import { trimAll } from "../domain/text.js";
import type { Figure, MoneyUnit, ParseWarning } from "../domain/types.js";
import type { Cell } from "./document/stream.js";

/** What a funding label states. */
export type FundKind = "total" | "annual" | "fiscal" | "other" | "carry";

/** The 其中：财政资金 label (whitespace removed), also 其中：财政拨款 and 其中：当年财政拨款. */
const FISCAL = /^其中[:：]?(?:当年)?财政(?:资金|拨款)$/;

const UNIT_SUFFIX = /[（(](亿元|万元|元)[)）]$/;

/** A funding label's kind, or null when the (squashed) text is not one. */
export function fundKind(label: string): FundKind | null {
  const s = label.replace(UNIT_SUFFIX, "");
  if (s === "预算数" || s === "项目资金总额") return "total";
  if (s === "年度资金申请总额") return "annual";
  if (FISCAL.test(s)) return "fiscal";
  if (s === "其他资金") return "other";
  if (s === "上年结转资金" || s === "上年结转") return "carry";
  return null;
}

/**
 * The unit a funding label prints with the amounts, e.g. "项目资金（元）" (the block label) or
 * "项目资金总额（万元）"; null for any other text.
 */
export function fundingLabelUnit(label: string): MoneyUnit | null {
  const m = UNIT_SUFFIX.exec(label);
  if (!m) return null;
  const s = label.slice(0, m.index);
  return /^(?:项目)?资金$/.test(s) || fundKind(s) !== null ? (m[1] as MoneyUnit) : null;
}

/** One funding label found in a table: what it states, where, and the value cell after it. */
export interface FundEntry {
  kind: FundKind;
  /** The label as printed, whitespace removed. */
  label: string;
  /** Row (within the table) and cell column of the label. */
  row: number;
  col: number;
  value: Cell | null;
}

/** The figure of a value cell, null for a missing or blank one. */
export function figure(cell: Cell | null, unit: MoneyUnit, file: string, section: string): Figure | null {
  if (!cell) return null;
  const text = trimAll(cell.text);
  if (text === "") return null;
  return { text, fen: parseAmount(text, unit), unit, source: { file, section, line: cell.line } };
}

/** A total and its parts (其中 …, 上年结转资金, 其他资金), the last label of each kind. */
type Group = { total: FundEntry | null; parts: Map<FundKind, FundEntry> };

function newGroup(total: FundEntry | null): Group {
  return { total, parts: new Map() };
}

/** Split the entries into the total-and-parts groups described above. */
function groupsOf(entries: FundEntry[]): Group[] {
  const totals = entries.filter((e) => e.kind === "total" || e.kind === "annual");
  const kinds = new Set(totals.map((e) => e.kind));
  if (kinds.size < 2) {
    // One group: the last total of the table, every part in it.
    const g = newGroup(totals[totals.length - 1] ?? null);
    for (const e of entries) if (e.kind !== "total" && e.kind !== "annual") g.parts.set(e.kind, e);
    return [g];
  }
  const groups = new Map<FundKind, Group>();
  for (const t of totals) {
    const g = groups.get(t.kind);
    if (g) g.total = t;
    else groups.set(t.kind, newGroup(t));
  }
  const sideBySide = new Set(totals.map((t) => t.col)).size > 1;
  for (const e of entries) {
    if (e.kind === "total" || e.kind === "annual") continue;
    let owner: FundEntry | undefined;
    if (sideBySide) {
      const left = totals.filter((t) => t.col <= e.col).sort((a, b) => b.col - a.col);
      owner = left[0] ?? [...totals].sort((a, b) => a.col - b.col)[0];
    } else {
      const before = totals.filter((t) => t.row < e.row || (t.row === e.row && t.col < e.col));
      owner = before[before.length - 1] ?? totals[0];
    }
    const g = groups.get((owner as FundEntry).kind) as Group;
    g.parts.set(e.kind, e);
  }
  return [...groups.values()];
}

/** The funding figures a project keeps. */
export interface Funding {
  budget: Figure | null;
  fiscal: Figure | null;
  other: Figure | null;
}

const stated = (e: FundEntry | null | undefined): boolean => !!e?.value && trimAll(e.value.text) !== "";

function chosen(groups: Group[]): Group | null {
  const ofKind = (k: FundKind) => groups.find((g) => g.total?.kind === k);
  const total = ofKind("total");
  const annual = ofKind("annual");
  if (total && stated(total.total)) return total;
  if (annual && stated(annual.total)) return annual;
  return total ?? annual ?? groups[0] ?? null;
}

/** The budget, fiscal and other figures of a table's funding labels (see the decisions above). */
export function resolveFunding(entries: FundEntry[], unit: MoneyUnit, file: string, title: string): Funding {
  const g = chosen(groupsOf(entries));
  const fig = (e: FundEntry | null | undefined) => (e ? figure(e.value, unit, file, title) : null);
  return {
    budget: fig(g?.total),
    fiscal: fig(g?.parts.get("fiscal")),
    other: fig(g?.parts.get("other")),
  };
}

/**
 * Warnings for the groups a project did not keep: a stated total that its stated parts
 * (其中 …, 上年结转资金, 其他资金) do not add up to.
 */
export function fundingWarnings(
  entries: FundEntry[],
  unit: MoneyUnit,
  context: { title: string; name: string },
): ParseWarning[] {
  const groups = groupsOf(entries);
  const kept = chosen(groups);
  const out: ParseWarning[] = [];
  for (const g of groups) {
    if (g === kept || !g.total || !stated(g.total)) continue;
    const totalText = trimAll((g.total.value as Cell).text);
    const totalFen = parseAmount(totalText, unit);
    const parts = [...g.parts.values()].filter(stated);
    const fens = parts.map((p) => parseAmount(trimAll((p.value as Cell).text), unit));
    if (totalFen === null || parts.length === 0 || fens.some((f) => f === null)) continue;
    const sum = fens.reduce((a, f) => (a as number) + (f as number), 0) as number;
    if (sum === totalFen) continue;
    const terms = parts.map((p) => `${p.label} ${trimAll((p.value as Cell).text)}`).join(" + ");
    const keptText = kept?.total?.value ? trimAll(kept.total.value.text) : "";
    out.push({
      message:
        `${context.title}“${context.name}”：${g.total.label} ${totalText} ${unit}，` +
        `${terms} = ${formatInUnit(sum, unit)} ${unit}，两者不符` +
        (kept?.total && keptText ? `；项目预算数取${kept.total.label} ${keptText} ${unit}` : ""),
      line: g.total.value?.line ?? null,
    });
  }
  return out;
}
