/**
 * 政府采购预算: the procurement table's lines (with the budget of the project each belongs to, when
 * printed) and totals, checked against the 情况说明's total and 货物/工程/服务 parts; else the
 * standard 政府采购预算表, else the 情况说明's figures.
 */
import { factOf, tableOf } from "../../domain/lookup.js";
import type { Reply } from "../../reply/reply.js";
import { finish, heading } from "../finish.js";
import { paginate } from "../format.js";
import { labelled, missing, narrativeTable } from "../lines.js";
import { narrativeAgreement } from "../narrative-agreement.js";
import { PROCUREMENT_PARTS, procurementParts } from "../narrative-parts.js";
import { anyPlaced } from "../sources.js";
import { standardTableReply } from "../table-reply.js";
import { type DocumentInput, defineTopic } from "../topic.js";
import { moneyTable } from "../units.js";

function procurement(input: DocumentInput<"procurement">): Reply {
  const { doc } = input;
  if (doc.procurement.length === 0) {
    const t = tableOf(doc, "政府采购预算表");
    if (t?.rows.length) return standardTableReply(input, t, "政府采购预算");
    const f = factOf(doc, "procurement.total");
    if (f)
      return narrativeTable(
        input,
        [
          labelled("procurement.total"),
          ...PROCUREMENT_PARTS.filter((k) => factOf(doc, k)).map((k) => labelled(k)),
        ],
        "政府采购预算",
      );
    return missing(input, "政府采购预算");
  }
  const items = doc.procurement.filter((r) => r.kind === "item");
  const totals = doc.procurement.filter((r) => r.kind !== "item");
  const firstAmount = (r: (typeof items)[0]) => Object.values(r.amounts)[0] ?? null;
  const paged = paginate(items, input.page, input.commandFor, input.pageSize);
  const section = "政府采购预算";
  // The budget of the project (河北 预算资金) or 专项 (江苏) each line belongs to, when printed: what a
  // reviewer sets the lines against.
  const withBudget = items.some((r) => r.projectBudget);
  const reply: Reply = {
    heading: heading(doc, "政府采购预算"),
    table: moneyTable(
      [
        { header: "项目", align: "left" },
        { header: "采购品目", align: "left" },
        { header: "金额", align: "right" },
        ...(withBudget ? [{ header: "项目预算", align: "right" as const }] : []),
      ],
      paged.rows.map((r) => [
        r.projectName ?? "",
        r.item ?? "",
        { figure: firstAmount(r) },
        ...(withBudget ? [{ figure: r.projectBudget ?? null }] : []),
      ]),
      totals.map((r) => [
        r.kind === "total" ? "合计" : (r.projectName ?? r.item ?? "小计"),
        "",
        { figure: firstAmount(r) },
        ...(withBudget ? [""] : []),
      ]),
    ),
    page: paged.page,
    actions: paged.actions.length ? paged.actions : undefined,
  };
  // The 情况说明's 政府采购 total and its 货物/工程/服务 parts against the table's rows.
  const amountOf = (r: (typeof items)[0] | undefined) => (r ? firstAmount(r) : null);
  const category = (word: string) =>
    totals.find((r) => r.kind === "subtotal" && `${r.item ?? ""}${r.projectName ?? ""}`.includes(word));
  const said = narrativeAgreement(doc, [
    ["procurement.total", amountOf(totals.find((r) => r.kind === "total"))],
    ["procurement.goods", amountOf(category("货物"))],
    ["procurement.works", amountOf(category("工程"))],
    ["procurement.services", amountOf(category("服务"))],
  ]);
  if (said.length) reply.notes = [...(reply.notes ?? []), ...said];
  const parts = procurementParts(doc);
  if (parts.fields.length) reply.fields = [...(reply.fields ?? []), ...parts.fields];
  const src = firstAmount(doc.procurement[0] as (typeof items)[0])?.source ?? {
    file: doc.file,
    section,
    line: doc.procurementTitleLine ?? 1,
  };
  const shownFigures = [
    ...[...paged.rows, ...totals].map(firstAmount),
    ...paged.rows.map((r) => r.projectBudget ?? null),
  ];
  const placed = shownFigures.map((f) => f?.source);
  return finish(input, reply, {
    sources: [
      ...(anyPlaced(placed) ? placed : [src]),
      factOf(doc, "procurement.total")?.figure.source,
      ...parts.sources,
    ],
    figures: shownFigures,
    notice: paged.notice,
  });
}

export default defineTopic({
  kind: "procurement",
  title: () => "政府采购预算",
  needs: "document",
  answer: procurement,
});
