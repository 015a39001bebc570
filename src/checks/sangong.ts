/**
 * 三公经费 arithmetic: total = 因公出国（境）费 + 公务用车购置及运维费 + 公务接待费, and
 * 公务用车购置及运维费 = 购置费 + 运维费, in the narrative and in the 三公 table.
 */
import type { Disclosure, StandardRow, StandardTable } from "../domain/types.js";
import { type Amount, compareAmounts, present, sumAmount } from "./compare.js";
import { factAmount } from "./narrative.js";
import { bare, cellAmount, isEnumerated, orderedColumns, sideRows, tableOf } from "./tables.js";
import type { Finding, Rule } from "./types.js";

/** The 三公 parts of one source (narrative or one table column); null = not stated. */
interface SangongParts {
  total: Amount | null;
  abroad: Amount | null;
  vehicle: Amount | null;
  purchase: Amount | null;
  operation: Amount | null;
  reception: Amount | null;
}

/** vehicle = purchase + operation, and total = abroad + vehicle + reception (vehicle from its parts if unstated). */
function checkParts(p: SangongParts, ruleId: string, context: string): Finding[] {
  const out: Finding[] = [];
  const vehicleParts = p.purchase && p.operation ? [p.purchase, p.operation] : null;
  const vehicleSum = vehicleParts ? sumAmount("公务用车购置费 + 运维费", vehicleParts) : null;
  const v = compareAmounts(p.vehicle, vehicleSum, { ruleId, severity: "error", context });
  if (v) out.push(v);
  const vehicle = p.vehicle ?? vehicleSum;
  if (p.abroad && vehicle && p.reception) {
    const parts = sumAmount("因公出国（境）费 + 公务用车购置及运维费 + 公务接待费", [
      p.abroad,
      vehicle,
      p.reception,
    ]);
    const t = compareAmounts(p.total, parts, { ruleId, severity: "error", context });
    if (t) out.push(t);
  }
  return out;
}

/** 三公 arithmetic on the narrative facts. */
export const sangongNarrativeRule: Rule = {
  id: "sangong.narrative",
  description:
    "情况说明三公经费：总额 = 因公出国（境）费 + 公务用车购置及运维费 + 公务接待费；公务用车购置及运维费 = 购置费 + 运维费",
  severity: "error",
  run(d: Disclosure): Finding[] {
    return checkParts(
      {
        total: factAmount(d, "sangong.total"),
        abroad: factAmount(d, "sangong.abroad"),
        vehicle: factAmount(d, "sangong.vehicle"),
        purchase: factAmount(d, "sangong.vehicle_purchase"),
        operation: factAmount(d, "sangong.vehicle_operation"),
        reception: factAmount(d, "sangong.reception"),
      },
      "sangong.narrative",
      "情况说明三公经费",
    );
  },
};

/** The 三公 total row as 决算 tables name it too (财政拨款“三公”经费合计). */
export const SANGONG_SUBTOTAL = /^(一般公共预算)?(财政拨款)?三公经费(小计|合计)$/;

const ROW = {
  total: /^合计$/,
  subtotal: SANGONG_SUBTOTAL,
  abroad: /^因公出国[（(]境[)）]费(用)?$/,
  vehicle: /^公务用车购置及运(行)?(维(护)?)?费(小计)?$/,
  purchase: /^(公务用车)?购置费$/,
  operation: /^(公务用车)?运(行)?(维(护)?)?费$/,
  reception: /^公务接待费$/,
};

/** A row's label for matching: a wide table's part `公务用车购置及运行费：购置费` by its leaf. */
const label = (r: StandardRow) => bare(r.name).split("：").pop() ?? "";

/** Every row a plain 三公 table has; 合计 = 小计 only when the table has nothing else. */
const KNOWN: RegExp[] = [...Object.values(ROW), /因公出国/];

/** The rows printed right after an enumerated row, up to the next enumerated row. */
function subRows(rows: StandardRow[], parent: StandardRow | undefined): StandardRow[] {
  if (!parent) return [];
  const i = rows.indexOf(parent);
  const out: StandardRow[] = [];
  for (const r of rows.slice(i + 1)) {
    if (isEnumerated(r.name) || ROW.total.test(label(r)) || ROW.subtotal.test(label(r))) break;
    // Only its own sub-items (其中：…因公出国…), not the next 三公 item of a table read from one row.
    if (!/出国|其中/.test(bare(r.name))) break;
    out.push(r);
  }
  return out;
}

/** 三公 arithmetic on the 三公 table, per column. */
export const sangongTableRule: Rule = {
  id: "sangong.table",
  description:
    "三公经费表：小计 = 出国（境）+ 公务用车 + 公务接待；公务用车 = 购置 + 运行维护；出国（境）= 其分项；合计 = 小计（逐列）",
  severity: "error",
  run(d: Disclosure): Finding[] {
    const t: StandardTable | undefined =
      tableOf(d, "三公经费支出表") ?? tableOf(d, "三公经费和机关运行经费表");
    if (!t) return [];
    const rows = sideRows(t, null).filter((r) => !/机关运行经费/.test(r.name));
    const find = (re: RegExp) => rows.find((r) => re.test(label(r)));
    const total = find(ROW.total);
    const subtotal = find(ROW.subtotal);
    const abroad = find(ROW.abroad);
    const out: Finding[] = [];
    const columns = new Set(rows.flatMap((r) => orderedColumns(t, r)));
    for (const c of columns) {
      const at = (r: StandardRow | undefined) => (r ? cellAmount(t, r, c) : null);
      out.push(
        ...checkParts(
          {
            total: at(subtotal ?? total),
            abroad: at(abroad),
            vehicle: at(find(ROW.vehicle)),
            purchase: at(find(ROW.purchase)),
            operation: at(find(ROW.operation)),
            reception: at(find(ROW.reception)),
          },
          "sangong.table",
          "三公经费表",
        ),
      );
      const abroadSubs = present(subRows(rows, abroad).map(at));
      const a = compareAmounts(at(abroad), sumAmount("其分项之和", abroadSubs), {
        ruleId: "sangong.table",
        severity: "error",
        context: "三公经费表",
      });
      if (a) out.push(a);
      if (subtotal && total && rows.every((r) => KNOWN.some((re) => re.test(label(r))))) {
        const s = compareAmounts(at(total), at(subtotal), {
          ruleId: "sangong.table",
          severity: "error",
          context: "三公经费表",
        });
        if (s) out.push(s);
      }
    }
    return out;
  },
};

/** All 三公 rules. */
export const sangongRules: Rule[] = [sangongNarrativeRule, sangongTableRule];
