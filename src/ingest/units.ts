/**
 * Reader for 机构设置: the table "单位名称 | 单位性质 | 单位规格 | 经费保障形式".
 */

import { squash } from "../domain/text.js";
import type { OrgUnit } from "../domain/types.js";
import type { DocumentModel } from "./document/model.js";
import { type Block, type BlockStream, type Row, streamOf } from "./document/stream.js";
import { cleanText } from "./unit.js";

interface UnitColumns {
  name: number;
  nature: number;
  rank: number;
  funding: number;
}

function unitColumns(row: Row): UnitColumns | null {
  const labels = row.cells.map((c) => squash(c.text));
  const find = (re: RegExp) => labels.findIndex((l) => re.test(l));
  const cols = {
    name: find(/^(单位|机构)名称$/),
    nature: find(/^(单位|机构)(性质|类型)$/),
    rank: find(/^(单位|机构)?(规格|级别)$/),
    funding: find(/经费(保障|供给|来源)(形式|方式)?$/),
  };
  if (cols.name < 0 || (cols.nature < 0 && cols.rank < 0 && cols.funding < 0)) return null;
  return cols;
}

/** Read the org units listed under 机构设置; all-blank rows are skipped. */
export function unitsOf(stream: BlockStream, _file: string): OrgUnit[] {
  const units: OrgUnit[] = [];
  const blocks = stream.blocks;
  for (let i = 0; i < blocks.length; i++) {
    const b = blocks[i] as Block;
    if (b.type !== "row") continue;
    const cols = unitColumns(b);
    if (!cols) continue;
    let j = i + 1;
    for (; j < blocks.length; j++) {
      const r = blocks[j] as Block;
      if (r.type !== "row" || unitColumns(r)) break;
      const get = (k: number) => {
        const t = k < 0 ? "" : cleanText(r.cells[k]?.text ?? "");
        return t === "" ? null : t;
      };
      const name = get(cols.name);
      if (name === null) continue;
      units.push({
        name,
        nature: get(cols.nature),
        rank: get(cols.rank),
        funding: get(cols.funding),
        line: r.line,
      });
    }
    i = j - 1;
  }
  return units;
}

/** `unitsOf` over a model's own reading view (tests and tools; the pipeline builds the view once). */
export function readUnits(model: DocumentModel, file: string): ReturnType<typeof unitsOf> {
  return unitsOf(streamOf(model), file);
}
