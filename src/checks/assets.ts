/**
 * Asset table arithmetic: 资产总额 = sum of the asset classes (固定资产, 无形资产 …), and each class =
 * its numbered items; when the table lists only numbered items, 资产总额 = their sum.
 */

import { squash } from "../domain/text.js";
import type { AssetRow, Disclosure } from "../domain/types.js";
import { type Amount, amountOf, compareAmounts, present, sumAmount } from "./compare.js";
import { bare } from "./tables.js";
import type { Finding, Rule } from "./types.js";

const TOTAL = /^(资产总额|合计|总计)$/;
const NUMBERED = /^(\d+[.、．](?!\d)|[（(]\d+[)）])/;
const OF_WHICH = /^其中/;

/** An asset row's value as an amount. */
function assetValue(r: AssetRow): Amount | null {
  return amountOf(`资产表「${r.name}」`, r.value);
}

/** 资产总额 = classes; class = numbered items. */
export const assetSumRule: Rule = {
  id: "assets.sum",
  description: "资产表：资产总额 = 各类资产之和；各类资产 = 其所列明细之和",
  severity: "error",
  run(d: Disclosure): Finding[] {
    const rows = [...d.assets].sort((a, b) => a.line - b.line).filter((r) => !OF_WHICH.test(squash(r.name)));
    const total = rows.find((r) => TOTAL.test(bare(r.name)));
    const others = rows.filter((r) => r !== total);
    const classes = others.filter((r) => !NUMBERED.test(squash(r.name)));
    const out: Finding[] = [];
    const check = (parent: AssetRow, children: AssetRow[], label: string) => {
      const parts = present(children.map(assetValue));
      const f = compareAmounts(assetValue(parent), sumAmount(label, parts), {
        ruleId: "assets.sum",
        severity: "error",
      });
      if (f) out.push(f);
    };
    for (const c of classes) {
      const i = others.indexOf(c);
      const next = others.findIndex((r, j) => j > i && !NUMBERED.test(squash(r.name)));
      const items = others.slice(i + 1, next < 0 ? others.length : next);
      if (items.length > 0) check(c, items, `「${c.name}」所列明细之和`);
    }
    if (total) {
      const parts = classes.length > 0 ? classes : others;
      if (parts.length > 0) check(total, parts, classes.length > 0 ? "各类资产之和" : "各项之和");
    }
    return out;
  },
};

/** All asset rules. */
export const assetRules: Rule[] = [assetSumRule];
