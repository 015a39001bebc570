/**
 * 支出 by 功能分类: the 支出总表; when it holds only its 合计, the class rows of the table that has them
 * (saying which and its scope); without a 支出总表, a narrower 功能分类 table; else the 情况说明's
 * figures. The 情况说明's class figures are compared with the classes shown.
 */
import { tableOf } from "../../domain/lookup.js";
import type { Reply } from "../../reply/reply.js";
import { classRowsElsewhere, classTable } from "../classified.js";
import { labelled, narrativeTable } from "../lines.js";
import { classAgreementNotes, withNarrativeClasses } from "../narrative-classes.js";
import { standardTableReply } from "../table-reply.js";
import { type DocumentInput, defineTopic } from "../topic.js";

/** Two lists as one, each item once (by value), or undefined when both are empty. */
function mergeUnique<T>(a: T[] | undefined, b: T[] | undefined): T[] | undefined {
  const seen = new Set<string>();
  const out = [...(a ?? []), ...(b ?? [])].filter((x) => {
    const k = JSON.stringify(x);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
  return out.length ? out : undefined;
}

function expense(input: DocumentInput<"expense">): Reply {
  const { doc, topic } = input;
  const t = tableOf(doc, "支出总表");
  // A 支出总表 holding only its 合计: the class rows of the table that has them, saying which.
  const elsewhere = t && classRowsElsewhere(doc, t);
  if (t && elsewhere) {
    const classes = standardTableReply(
      input,
      elsewhere.table,
      `支出（按功能分类，${elsewhere.scope}）`,
      topic.expand,
    );
    if (classes.kind === "error") return classes;
    // The 合计 row of all funds stays, above the classes, named with its table (its own scope).
    const own = standardTableReply(input, t, "支出");
    const cols = own.table?.columns ?? [];
    const total = own.table?.totals?.[0] ?? [];
    const stated = cols.slice(1).map((c, i) => `${c.header} ${total[i + 1] ?? ""}`);
    return {
      ...classes,
      fields: [{ label: `${t.title}（全部资金）`, value: stated.join("，") }],
      notes: [
        ...new Set([
          elsewhere.note,
          ...(classes.notes ?? []),
          ...(own.notes ?? []),
          // The 情况说明's class figures compared with the class rows shown.
          ...(topic.expand === undefined ? classAgreementNotes(doc, elsewhere.table) : []),
        ]),
      ],
      warnings: mergeUnique(own.warnings, classes.warnings),
      sources: mergeUnique(own.sources, classes.sources),
    };
  }
  if (t) {
    const reply = standardTableReply(input, t, "支出（按功能分类）", topic.expand);
    const said = topic.expand === undefined && reply.kind === "answer" ? classAgreementNotes(doc, t) : [];
    return said.length ? { ...reply, notes: [...(reply.notes ?? []), ...said] } : reply;
  }
  // No 支出总表, but a 功能分类 table of a narrower scope: its rows, saying which table and scope.
  const classes = classTable(doc);
  if (classes) {
    const reply = standardTableReply(
      input,
      classes.table,
      `支出（按功能分类，${classes.scope}）`,
      topic.expand,
    );
    const note = `该文件没有支出总表；按类的行取自“${classes.table.title}”，为${classes.scope}口径`;
    // The 情况说明's class figures are compared with the table's classes.
    const said = topic.expand === undefined ? classAgreementNotes(doc, classes.table) : [];
    return reply.kind === "error" ? reply : { ...reply, notes: [note, ...(reply.notes ?? []), ...said] };
  }
  const fromNarrative = narrativeTable(
    input,
    [
      labelled("expense.total"),
      labelled("expense.basic"),
      labelled("expense.personnel", "　"),
      labelled("expense.public", "　"),
      labelled("expense.project"),
    ],
    "支出",
  );
  return withNarrativeClasses(fromNarrative, doc);
}

export default defineTopic({
  kind: "expense",
  title: () => "支出（按功能分类）",
  needs: "document",
  answer: expense,
});
