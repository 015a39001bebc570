/**
 * 总览: a 预算's 收支 totals with 基本/项目支出, 三公, 机关运行经费 and 政府采购; a 决算's 本年合计,
 * 结转和结余 and 总计 beside its budget; a 绩效文本's projects and their sum.
 */
import { factOf, headlineFigures, rowNamed, tableOf, tableOrFact } from "../../domain/lookup.js";
import { sumFen } from "../../domain/money.js";
import { tableFigure } from "../../domain/table-figures.js";
import type { StandardRow } from "../../domain/types.js";
import type { Reply } from "../../reply/reply.js";
import { finalOverviewParts } from "../final-accounts.js";
import { finish, heading } from "../finish.js";
import { cell, factLine, type Line, line, notApplicableNotes, TWO_COLS } from "../lines.js";
import { overviewNarrativeNotes } from "../narrative-agreement.js";
import { narrativeFill } from "../narrative-fill.js";
import { type DocumentInput, defineTopic } from "../topic.js";
import { moneyTable, showAsPrinted, sumValue } from "../units.js";

type OverviewInput = DocumentInput<"overview">;

/** Overview of a document without budget totals (a 绩效文本): its projects and their sum. */
function projectsOnlyOverview(input: OverviewInput): Reply {
  const { doc } = input;
  const stated = doc.projects.filter((p) => p.budget?.fen != null);
  const sum = sumFen(stated.map((p) => p.budget?.fen ?? null));
  const largest = [...stated].sort((a, b) => (b.budget?.fen ?? 0) - (a.budget?.fen ?? 0)).slice(0, 5);
  const reply: Reply = {
    heading: heading(doc, "预算总览"),
    text: ["该文件未列示收支总表和情况说明中的收支数字（为绩效文本），以下为其绩效目标表。"],
    fields: [
      { label: "绩效目标表", value: `${doc.projects.length} 个` },
      {
        label: `预算数合计（${stated.length} 个列示金额）`,
        value: sumValue(
          sum,
          stated.map((p) => p.budget),
        ),
      },
    ],
    table: largest.length
      ? moneyTable(
          [
            { header: "预算数最大的项目", align: "left" },
            { header: "预算数", align: "right" },
          ],
          largest.map((p) => [p.name, { figure: p.budget ?? null }]),
        )
      : undefined,
    notes: ["全部项目：/budget <单位> 项目；项目详情：/project <项目名>"],
  };
  return finish(input, reply, {
    sources: largest.map((p) => p.budget?.source),
    figures: stated.map((p) => p.budget),
  });
}

/** The 决算 overview: 本年合计, 结转和结余 and 总计 as printed, budgets and execution rates beside. */
function finalOverview(input: OverviewInput): Reply {
  const { doc } = input;
  const parts = finalOverviewParts(doc, input.budgetDoc);
  const proc = tableOrFact(doc, "procurement.total");
  // “三公” not stated because the document says there is none: quote it.
  const sangong =
    parts.figures[0] === undefined || tableOrFact(doc, "sangong.total")
      ? []
      : [factLine(doc, "sangong.total", "“三公”经费")];
  const notes = [
    ...parts.notes,
    ...(proc ? [`政府采购金额 ${showAsPrinted(proc, true)}`] : []),
    ...notApplicableNotes(sangong),
  ];
  return finish(
    input,
    { heading: heading(doc, "决算总览"), table: parts.table, notes },
    { sources: [...parts.sources, proc?.source], figures: [...parts.figures, proc] },
  );
}

function overview(input: OverviewInput): Reply {
  const { doc } = input;
  if (doc.basis === "final") return finalOverview(input);
  const hasTotals =
    doc.tables.length > 0 || doc.narrative.some((f) => /^(income|expense|sangong)\./.test(f.key));
  if (!hasTotals && doc.projects.length > 0) return projectsOnlyOverview(input);
  const h = headlineFigures(doc);
  const summary = tableOf(doc, "收支总表");
  const lines: Line[] = [line("收入总计", h.income)];
  const fill = summary ? narrativeFill(doc, summary) : null;
  if (summary && fill) {
    // Lines the 收支总表 prints (本年收入合计 or 当年收入小计; 上年结转); none when it has no such row.
    // A blank cell the 情况说明 states (上年结转 0 万元) shows that statement, marked.
    const rowLine = (label: string, row: StandardRow): Line => {
      const c = fill.cell(row, Object.keys(row.values)[0] ?? "", 0);
      return { ...line(label, c.figure), fromNarrative: c.mark !== undefined };
    };
    const yearIncome = rowNamed(summary, /^(本年收入合计|[本当]年收入小计)$/, "收入");
    const carry = rowNamed(summary, /^([一二三四五六七八九十]+、)?上年结转/, "收入");
    if (yearIncome) lines.push(rowLine("　本年收入合计", yearIncome));
    if (carry) lines.push(rowLine("　上年结转结余", carry));
  } else {
    lines.push(line("　上年结转", factOf(doc, "income.carryover")?.figure));
  }
  const general = tableOrFact(doc, "income.general");
  if (general) lines.push(line("　其中：一般公共预算", general));
  lines.push(line("支出总计", h.expense));
  const generalSpend = tableOrFact(doc, "expense.general");
  if (generalSpend) lines.push(line("　其中：一般公共预算拨款", generalSpend));
  lines.push(line("　基本支出", h.basic), line("　项目支出", h.project));
  lines.push(line("“三公”经费", h.sangong));
  const opTable = tableFigure(doc.tables, "operating_cost");
  const operating = opTable ? line("机关运行经费", opTable) : factLine(doc, "operating_cost", "机关运行经费");
  if (operating.figure || operating.notApplicable) lines.push(operating);
  const proc = doc.procurement.find((r) => r.kind === "total");
  const procTotal = proc
    ? (Object.values(proc.amounts).find((v) => v) ?? null)
    : tableOrFact(doc, "procurement.total");
  if (procTotal) lines.push(line("政府采购预算", procTotal));
  const extra: string[] = [];
  if (doc.units.length) {
    extra.push(
      `机构设置：${doc.units.map((u) => `${u.name}${u.nature ? `（${u.nature}）` : ""}`).join("、")}`,
    );
  }
  if (doc.projects.length) extra.push(`绩效目标表 ${doc.projects.length} 个（/project 查询）`);
  const reply: Reply = {
    heading: heading(doc, "预算总览"),
    table: moneyTable(
      TWO_COLS,
      lines.map((l) => [l.label, cell(l)]),
    ),
    notes: [
      ...extra,
      ...(fill?.note() ? [fill.note() as string] : []),
      ...notApplicableNotes(lines),
      ...overviewNarrativeNotes(doc, h, [
        ["income.general", general],
        ["expense.general", generalSpend],
        ["operating_cost", opTable],
        ["procurement.total", procTotal],
      ]),
    ],
  };
  return finish(input, reply, {
    sources: lines.map((l) => l.source),
    figures: lines.map((l) => l.figure),
  });
}

export default defineTopic({
  kind: "overview",
  title: () => "收支总览",
  needs: "document",
  answer: overview,
});
