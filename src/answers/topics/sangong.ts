/**
 * “三公”经费 and its parts (因公出国（境）费, 公务用车购置及运行维护费, 公务接待费): the 三公 table's
 * rows when the document prints one, else the 情况说明's figures, else 不适用 when the document says
 * it has none.
 */
import { factOf, tableOf } from "../../domain/lookup.js";
import { FINAL_COL, sangongKeyOf } from "../../domain/table-figures.js";
import type { Figure, NarrativeKey, StandardRow, StandardTable } from "../../domain/types.js";
import type { Reply, ReplyColumn } from "../../reply/reply.js";
import { finish, heading } from "../finish.js";
import { cell, factLine, labelled, missing, notApplicableNotes, TWO_COLS } from "../lines.js";
import { narrativeAgreement } from "../narrative-agreement.js";
import { narrativeFill } from "../narrative-fill.js";
import { anyPlaced } from "../sources.js";
import { filledColumns, rowFigures, tableSource } from "../table-reply.js";
import { type DocumentInput, defineTopic } from "../topic.js";
import { type Cell, moneyTable } from "../units.js";

type SangongInput = DocumentInput<"sangong">;

/** The rows of each part in a 三公 table. */
const PART_ROWS = { abroad: /出国/, vehicle: /公务用车/, reception: /接待/ };

/** The 三公 table's rows (the part's rows for a part), each part checked against the 情况说明. */
function fromTable(input: SangongInput, t: StandardTable): Reply {
  const { doc } = input;
  const part = input.topic.part;
  const own = t.rows.filter((r) => !/机关运行经费/.test(r.name));
  const rows = part ? own.filter((r) => PART_ROWS[part].test(r.name)) : own;
  const cols = filledColumns(t, t.rows).slice(0, 3);
  const useCols = cols.length ? cols : (t.columns.slice(0, 1) as string[]);
  const columns: ReplyColumn[] = [
    { header: "项目", align: "left" },
    ...useCols.map((c) => ({ header: c, align: "right" as const })),
  ];
  const isTotal = (r: StandardRow) => sangongKeyOf(r.name) === "sangong.total";
  // A blank first cell whose amount the 情况说明 states (e.g. 因公出国(境)费 0.00 万元) shows
  // the narrative's figure, marked, with the narrative as its source: it is stated, not 未列示.
  const fill = narrativeFill(doc, t);
  const toRow = (r: StandardRow): Cell[] => [r.name, ...useCols.map((c, i) => fill.cell(r, c, i))];
  const reply: Reply = {
    heading: heading(doc, input.title),
    table: moneyTable(
      columns,
      rows.filter((r) => !isTotal(r)).map(toRow),
      part ? undefined : rows.filter(isTotal).map(toRow),
      // One amount column says its unit (金额（万元）); several keep the document's names bare.
      { unitInHeader: useCols.length === 1 },
    ),
  };
  const filled = fill.note();
  if (filled) reply.notes = [filled];
  // Each part the table fills and the 情况说明 also states: agree, or both figures.
  const said = narrativeAgreement(
    doc,
    rows.flatMap((r): Array<[NarrativeKey, Figure | null]> => {
      const key = sangongKeyOf(r.name);
      // A 决算 table's part is its 决算数 (its 预算数 is the budget beside it).
      const first = useCols.includes(FINAL_COL) ? FINAL_COL : useCols[0];
      return key && first ? [[key, r.values[first] ?? null]] : [];
    }),
  );
  if (said.length) reply.notes = [...(reply.notes ?? []), ...said];
  const narrativeShown = doc.narrative.filter((f) => f.key.startsWith("sangong."));
  const tableFigures = rowFigures(rows, useCols);
  const figureSources = tableFigures.map((f) => f?.source);
  return finish(input, reply, {
    sources: [
      ...(anyPlaced(figureSources) ? figureSources : [tableSource(t, doc)]),
      ...narrativeShown.slice(0, 1).map((f) => f.figure.source),
    ],
    figures: tableFigures,
    filled: fill.figures,
  });
}

/** The 情况说明's 三公 figures (the part's for a part), or 不适用 with the sentence saying there are none. */
function fromNarrative(input: SangongInput): Reply {
  const { doc } = input;
  const part = input.topic.part;
  const keys: Array<[NarrativeKey, string]> = [
    labelled("sangong.abroad"),
    labelled("sangong.vehicle"),
    labelled("sangong.vehicle_purchase", "　其中："),
    labelled("sangong.vehicle_operation", "　其中："),
    labelled("sangong.reception"),
  ];
  const totalFact = factOf(doc, "sangong.total");
  if (!totalFact && !keys.some(([k]) => factOf(doc, k))) {
    // The document says it has no “三公” spending: 不适用 with its sentence, not 未列示.
    const total = factLine(doc, "sangong.total", "“三公”经费");
    if (!total.notApplicable) return missing(input, "“三公”经费");
    const reply: Reply = {
      heading: heading(doc, input.title),
      table: moneyTable(TWO_COLS, [[total.label, cell(total)]]),
      notes: notApplicableNotes([total]),
    };
    return finish(input, reply, { sources: [total.source], figures: [] });
  }
  const wanted = part
    ? keys.filter(([k]) => k.startsWith(`sangong.${part === "vehicle" ? "vehicle" : part}`))
    : keys;
  const lines = wanted.map(([k, label]) => factLine(doc, k, label));
  const reply: Reply = {
    heading: heading(doc, input.title),
    table: moneyTable(
      TWO_COLS,
      lines.map((l) => [l.label, cell(l)]),
      part ? undefined : [["合计", { figure: totalFact?.figure ?? null }]],
    ),
    notes: ["数字取自情况说明", ...notApplicableNotes(lines)],
  };
  const change = factOf(doc, "sangong.change");
  if (change && !part) reply.text = [change.sentence];
  return finish(input, reply, {
    sources: [totalFact?.figure.source, ...lines.map((l) => l.source)],
    figures: [totalFact?.figure, ...lines.map((l) => l.figure)],
  });
}

export default defineTopic({
  kind: "sangong",
  title: (t) =>
    t.part === "abroad"
      ? "因公出国（境）费"
      : t.part === "vehicle"
        ? "公务用车购置及运维费"
        : t.part === "reception"
          ? "公务接待费"
          : "“三公”经费",
  needs: "document",
  answer: (input) => {
    const t = tableOf(input.doc, "三公经费支出表") ?? tableOf(input.doc, "三公经费和机关运行经费表");
    return t?.rows.length ? fromTable(input, t) : fromNarrative(input);
  },
});
