/**
 * One department, many spellings: the identity key under which the printed names of one
 * department meet. `中共江苏省委办公厅`, `中国共产党江苏省委员会办公厅` and `江苏省委办公厅` share the key
 * `江苏省委办公厅`; `…委员会` and `…委` meet, with or without `中共`; the long forms of 人大常委会 and
 * 政协 meet their short forms. Pure rules over the name, no list of departments.
 */
import { squash } from "./text.js";

/** Long forms → the short forms printed for the same body, applied in order. */
const SPELLINGS: ReadonlyArray<[RegExp, string]> = [
  [/中国共产党/g, "中共"],
  [/^中国人民政治协商会议(.+?)委员会/, "$1政协"],
  [/政治协商会议/g, "政协"],
  [/人民代表大会常务委员会/g, "人大常委会"],
  [/人民代表大会/g, "人大"],
  [/常务委员会/g, "常委会"],
  [/管理委员会/g, "管委会"],
  [/委员会/g, "委"],
  [/[（(]本级[)）]$|本级$/, ""],
  [/^中共/, ""],
];

/** The identity key of a department name (whitespace, width and the spellings above folded). */
export function departmentKey(name: string): string {
  let key = squash(name.normalize("NFKC"));
  for (const [re, to] of SPELLINGS) key = key.replace(re, to);
  return key;
}

/** The department name a document is stored under when the page does not state one. */
export function unknownDepartmentName(file: string): string {
  return `未知单位（${file}）`;
}
