/**
 * Reader for the 国有资产 / 固定资产占用情况表: rows "项目 | 数量 | 价值（金额单位：万元）"
 * (资产总额, 固定资产, 1.房屋及构筑物, …), with a "截止时间：2023-12-31" line above.
 */

import { squash } from "../domain/text.js";
import type { AssetRow, MoneyUnit, ParseWarning } from "../domain/types.js";
import type { DocumentModel } from "./document/model.js";
import { type Block, type BlockStream, type Row, streamOf } from "./document/stream.js";
import { titleText } from "./standard-tables.js";
import { cleanText, figureOf, findUnit, firstLine } from "./unit.js";

function headerIndexes(row: Row): { name: number; quantity: number; value: number } | null {
  const labels = row.cells.map((c) => squash(c.text));
  const quantity = labels.indexOf("数量");
  const value = labels.findIndex((l) => /^(价值|金额|账面(原)?值)/.test(l));
  if (quantity < 0 || value < 0) return null;
  const name = labels.findIndex((l) => /^(项目|资产(名称|类别)?|名称)$/.test(l));
  return { name: Math.max(name, 0), quantity, value };
}

/** "截止时间：2023-12-31" / "截止时间：2020年12月31日" → "2023-12-31"; other text is kept as printed. */
export function asOfDate(text: string): string | null {
  const m = /截[止至](?:时间|日期)?\s*[:：]\s*(.+)$/.exec(text.trim());
  if (!m) return null;
  const raw = squash(m[1] ?? "");
  const d = /^(\d{4})[-年./](\d{1,2})[-月./](\d{1,2})日?$/.exec(raw);
  if (!d) return raw === "" ? null : raw;
  return `${d[1]}-${(d[2] ?? "").padStart(2, "0")}-${(d[3] ?? "").padStart(2, "0")}`;
}

function textsOf(b: Block): string[] {
  return b.type === "para" ? [b.text] : b.cells.map((c) => c.text);
}

/** Read the fixed-asset table of a document. */
export function assetsOf(
  stream: BlockStream,
  file: string,
): { rows: AssetRow[]; asOf: string | null; warnings: ParseWarning[] } {
  const rows: AssetRow[] = [];
  const warnings: ParseWarning[] = [];
  let asOf: string | null = null;
  const blocks = stream.blocks;
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i] as Block;
    if (b.type !== "row") continue;
    const idx = headerIndexes(b);
    if (!idx) continue;
    let unit: MoneyUnit | null = findUnit(b.cells[idx.value]?.text ?? "");
    let section = "固定资产占用情况表";
    for (let k = i - 1; k >= 0 && k >= i - 3; k--) {
      const p = blocks[k] as Block;
      for (const t of textsOf(p)) {
        asOf ??= asOfDate(t);
        unit ??= findUnit(t);
      }
      const title = titleText(p);
      if (title && /资产.*表$/.test(squash(title))) {
        section = cleanText(title);
        break;
      }
    }
    if (unit === null) {
      warnings.push({ message: "资产表未载明金额单位，按万元读取", line: b.line });
      unit = "万元";
    }
    let j = i + 1;
    for (; j < blocks.length; j++) {
      const r = blocks[j] as Block;
      if (r.type !== "row" || headerIndexes(r)) break;
      if (r.cells.every((c) => c.text.trim() === "")) continue;
      const name = cleanText(r.cells[idx.name]?.text ?? "");
      if (name === "") continue;
      if (r.cells.length <= Math.max(idx.quantity, idx.value)) {
        warnings.push({
          message: `资产表${stream.label(r.line)}格数不足，表格可能被截断`,
          line: r.line,
          truncated: "row",
        });
      }
      const q = firstLine(r.cells[idx.quantity]?.text ?? "");
      const v = r.cells[idx.value];
      rows.push({
        name,
        quantity: q === "" ? null : q,
        value: v ? figureOf(v.text, unit, file, section, v.line) : null,
        line: r.line,
      });
    }
    i = j - 1;
  }
  return { rows, asOf, warnings };
}

/** `assetsOf` over a model's own reading view (tests and tools; the pipeline builds the view once). */
export function readAssets(model: DocumentModel, file: string): ReturnType<typeof assetsOf> {
  return assetsOf(streamOf(model), file);
}
