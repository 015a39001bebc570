/** Column groups of a table header: which money columns add up to which (合计 = 基本支出 + 项目支出 …). */
import { squash } from "../domain/text.js";

const SUBTOTAL_COLUMN = /小计$|^本年收入$|^本年支出$/;
const TOP_LEVEL_COLUMN = /结转|结余|事业基金|弥补/;
// 预留中小微企业份额 is an "of which"; 单位预留机动经费 (江苏 支出用途) is a part.
const OF_WHICH_COLUMN = /其中|预留(?!机动)|份额|中小/;

/** A column that should equal the sum of other columns. */
export interface ColumnGroup {
  total: string;
  parts: string[];
}

/**
 * Column groups from leaf headers in order: 合计 = every later column (a 小计 standing for its parts,
 * which run up to the first 结转/结余 column); 小计 = its parts. "其中"/预留 columns are not parts.
 */
export function columnGroups(columns: string[]): ColumnGroup[] {
  const iTotal = columns.findIndex((c) => squash(c) === "合计");
  const total = columns[iTotal];
  if (total === undefined) return [];
  const after = columns.slice(iTotal + 1).filter((c) => !OF_WHICH_COLUMN.test(squash(c)));
  const iSub = after.findIndex((c) => SUBTOTAL_COLUMN.test(squash(c)));
  const sub = after[iSub];
  if (sub === undefined) return after.length > 0 ? [{ total, parts: after }] : [];
  const rest = after.slice(iSub + 1);
  const iTop = rest.findIndex((c) => TOP_LEVEL_COLUMN.test(squash(c)));
  const subParts = iTop < 0 ? rest : rest.slice(0, iTop);
  const later = iTop < 0 ? [] : rest.slice(iTop);
  const groups: ColumnGroup[] = [{ total, parts: [...after.slice(0, iSub), sub, ...later] }];
  if (subParts.length > 0) groups.push({ total: sub, parts: subParts });
  return groups;
}
