/**
 * Parts the 情况说明 states beside a topic's tables (issue 17), as reply fields with their sources:
 * the 绩效目标管理 coverage (项目 N 个, 涉及预算 X) for the 项目 topic, and the 政府采购 split by
 * 组织形式 and by 资金来源 for the 政府采购 topic. Each figure as printed, in its printed unit. Pure.
 */

import { NARRATIVE_LABELS } from "../domain/narrative-labels.js";
import type { Disclosure, Figure, NarrativeKey, Source } from "../domain/types.js";
import { showAsPrinted } from "./units.js";

/** Fields to add to a reply, the sources they cite and the figures they show. */
export interface NarrativeParts {
  fields: Array<{ label: string; value: string }>;
  sources: Source[];
  figures: Figure[];
}

/** 政府采购 by 组织形式, then by 资金来源. */
export const PROCUREMENT_PARTS: NarrativeKey[] = [
  "procurement.centralized",
  "procurement.department_centralized",
  "procurement.decentralized",
  "procurement.from_general",
  "procurement.from_fund",
  "procurement.from_other",
];

function factsAsFields(doc: Disclosure, keys: NarrativeKey[]): NarrativeParts {
  const out: NarrativeParts = { fields: [], sources: [], figures: [] };
  for (const key of keys) {
    const f = doc.narrative.find((n) => n.key === key && n.direction === null);
    if (!f) continue;
    out.fields.push({
      label: `情况说明所述${NARRATIVE_LABELS[key]}`,
      value: showAsPrinted(f.figure, true),
    });
    out.sources.push(f.figure.source);
    out.figures.push(f.figure);
  }
  return out;
}

/** The 政府采购 parts by 组织形式 and 资金来源 the 情况说明 states. */
export function procurementParts(doc: Disclosure): NarrativeParts {
  return factsAsFields(doc, PROCUREMENT_PARTS);
}

/** The 绩效目标管理 coverage the 情况说明 states: how many projects, and the budget they cover. */
export function performanceCoverage(doc: Disclosure): NarrativeParts {
  const out = factsAsFields(doc, ["performance.funds"]);
  for (const c of (doc.counts ?? []).filter((x) => x.key === "performance.projects")) {
    out.fields.unshift({ label: `情况说明所述${c.label}`, value: `${c.text} ${c.unit}` });
    out.sources.unshift(c.source);
  }
  return out;
}
