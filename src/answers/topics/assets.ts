/**
 * 国有资产: the asset table (quantity and value, as of its date) with the 情况说明's total and counts
 * (车辆 7 辆), else the 情况说明's figures.
 */
import { factOf } from "../../domain/lookup.js";
import type { Disclosure, Source } from "../../domain/types.js";
import type { Reply } from "../../reply/reply.js";
import { finish, heading } from "../finish.js";
import { NOT_STATED, uniqueSources } from "../format.js";
import { labelled, narrativeTable } from "../lines.js";
import { type DocumentInput, defineTopic } from "../topic.js";
import { fieldValue, moneyTable } from "../units.js";

/** The 国有资产 counts the 情况说明 states (车辆 7 辆, 单价大额设备 0 台（套）), as reply fields. */
function assetCounts(doc: Disclosure): {
  fields: Array<{ label: string; value: string }>;
  sources: Source[];
} {
  const counts = (doc.counts ?? []).filter((c) => c.key.startsWith("assets."));
  return {
    fields: counts.map((c) => ({ label: `情况说明所述${c.label}`, value: `${c.text} ${c.unit}` })),
    sources: counts.map((c) => c.source),
  };
}

function assets(input: DocumentInput<"assets">): Reply {
  const { doc } = input;
  const counts = assetCounts(doc);
  if (doc.assets.length === 0) {
    const reply = narrativeTable(
      input,
      [labelled("assets.fixed_total"), labelled("assets.planned_purchase")],
      "国有资产",
    );
    if (counts.fields.length === 0) return reply;
    if (reply.kind !== "answer" || !reply.table) {
      return finish(
        input,
        { heading: heading(doc, "国有资产"), fields: counts.fields },
        { sources: counts.sources, figures: [] },
      );
    }
    reply.fields = [...(reply.fields ?? []), ...counts.fields];
    reply.sources = uniqueSources([...(reply.sources ?? []), ...counts.sources]);
    return reply;
  }
  const reply: Reply = {
    heading: heading(doc, `国有资产${doc.assetsAsOf ? `（截至 ${doc.assetsAsOf}）` : ""}`),
    table: moneyTable(
      [
        { header: "项目", align: "left" },
        { header: "数量", align: "right" },
        { header: "价值", align: "right" },
      ],
      doc.assets.map((a) => [a.name, a.quantity ?? NOT_STATED, { figure: a.value ?? null }]),
    ),
  };
  const narrativeTotal = factOf(doc, "assets.fixed_total");
  if (narrativeTotal)
    reply.fields = [
      {
        label: "情况说明所述上年末固定资产",
        value: fieldValue(narrativeTotal.figure, [...doc.assets.map((a) => a.value), narrativeTotal.figure]),
      },
    ];
  if (counts.fields.length) reply.fields = [...(reply.fields ?? []), ...counts.fields];
  return finish(input, reply, {
    sources: [doc.assets[0]?.value?.source, narrativeTotal?.figure.source, ...counts.sources],
    figures: [...doc.assets.map((a) => a.value), narrativeTotal?.figure],
  });
}

export default defineTopic({
  kind: "assets",
  title: () => "国有资产",
  needs: "document",
  answer: assets,
});
