/**
 * /budget answers: one department-year document + a topic → a Reply with a table, totals,
 * sources and ⚠ notes where the document disagrees with itself. Pure: no I/O.
 */
import { combinedNotes } from "../catalog/combine.js";
import { cellOf, factOf, headlineFigures, rowNamed, tableOf } from "../domain/lookup.js";
import { sumFen } from "../domain/money.js";
import { tableFigure } from "../domain/table-figures.js";
import { squash } from "../domain/text.js";
import type {
  Disclosure,
  Figure,
  NarrativeKey,
  Source,
  StandardRow,
  StandardTable,
} from "../domain/types.js";
import type { Topic } from "../query/topics.js";
import { topicTitle } from "../query/topics.js";
import type { Reply, ReplyColumn } from "../reply/reply.js";
import { NOT_STATED, paginate, showFen, showFigure, uniqueSources } from "./format.js";

/** A finding the answer may show as a ⚠ note (from the consistency checks). */
export interface AnswerFinding {
  message: string;
  sections: string[];
}

/** Inputs of a /budget answer. */
export interface BudgetAnswerInput {
  doc: Disclosure;
  topic: Topic;
  page: number;
  /** The chat line for page N (paging actions). */
  commandFor: (page: number) => string;
  /** Rows per page; export passes Infinity to get every row. */
  pageSize?: number;
  findings: AnswerFinding[];
}

/**
 * "<单位> 2024年 预算总览（万元）"; a 决算 says so in the heading ("<单位> 2022年决算 决算总览（万元）")
 * so the two are never taken for each other.
 */
function heading(doc: Disclosure, title: string): string {
  const name = doc.department.name ?? "未知单位";
  const year = `${doc.year ?? "年度未载明"}年`;
  if (doc.basis === "final") return `${name} ${year}决算 ${title.replace(/预算/g, "决算")}（万元）`;
  return `${name} ${year} ${title}（万元）`;
}

interface Line {
  label: string;
  figure: Figure | null;
  source: Source | null;
}

/** A row: label + figure, source from the figure or a fallback. */
function line(label: string, figure: Figure | null | undefined, fallback?: Source): Line {
  return { label, figure: figure ?? null, source: figure?.source ?? fallback ?? null };
}

const TWO_COLS: ReplyColumn[] = [
  { header: "项目", align: "left" },
  { header: "金额", align: "right" },
];

/**
 * The source of a whole table: its title line in its own file. In a combined department-year view
 * the table's file is the file its figures cite, which may not be the view's main file.
 */
function tableSource(t: StandardTable | undefined, file: string): Source | undefined {
  if (!t) return undefined;
  const own = t.rows.flatMap((r) => Object.values(r.values)).find((f) => f)?.source.file;
  return { file: own ?? file, section: t.title, line: t.line };
}

/** Warnings relevant to what the reply shows: findings touching any shown section. */
function relevantWarnings(findings: AnswerFinding[], sections: Set<string>): string[] {
  return findings.filter((f) => f.sections.some((s) => sections.has(s))).map((f) => f.message);
}

function finish(input: BudgetAnswerInput, reply: Reply, shown: Array<Source | null | undefined>): Reply {
  const sources = uniqueSources(shown);
  const warnings = relevantWarnings(input.findings, new Set(sources.map((s) => s.section)));
  const notes = [...(reply.notes ?? [])];
  if (JSON.stringify(reply.table ?? {}).includes(NOT_STATED)) notes.push(`${NOT_STATED}：文件未载明该数字`);
  notes.push(...combinedNotes(input.doc));
  return {
    ...reply,
    warnings: warnings.length ? warnings : undefined,
    notes: notes.length ? notes : undefined,
    sources,
    kind: "answer",
  };
}

/** Overview of a document without budget totals (a 绩效文本): its projects and their sum. */
function projectsOnlyOverview(input: BudgetAnswerInput): Reply {
  const { doc } = input;
  const stated = doc.projects.filter((p) => p.budget?.fen != null);
  const sum = sumFen(stated.map((p) => p.budget?.fen ?? null));
  const largest = [...stated].sort((a, b) => (b.budget?.fen ?? 0) - (a.budget?.fen ?? 0)).slice(0, 5);
  const reply: Reply = {
    heading: heading(doc, "预算总览"),
    text: ["该文件未列示收支总表和情况说明中的收支数字（为绩效文本），以下为其绩效目标表。"],
    fields: [
      { label: "绩效目标表", value: `${doc.projects.length} 个` },
      { label: `预算数合计（${stated.length} 个列示金额）`, value: showFen(sum) },
    ],
    table: largest.length
      ? {
          columns: [
            { header: "预算数最大的项目", align: "left" },
            { header: "预算数", align: "right" },
          ],
          rows: largest.map((p) => [p.name, showFigure(p.budget)]),
        }
      : undefined,
    notes: ["全部项目：/budget <单位> 项目；项目详情：/project <项目名>"],
  };
  return finish(
    input,
    reply,
    largest.map((p) => p.budget?.source),
  );
}

function overview(input: BudgetAnswerInput): Reply {
  const { doc } = input;
  const hasTotals =
    doc.tables.length > 0 || doc.narrative.some((f) => /^(income|expense|sangong)\./.test(f.key));
  if (!hasTotals && doc.projects.length > 0) return projectsOnlyOverview(input);
  const h = headlineFigures(doc);
  const summary = tableOf(doc, "收支总表");
  const lines: Line[] = [line("收入总计", h.income)];
  if (summary) {
    // Lines the 收支总表 prints (本年收入合计 or 当年收入小计; 上年结转); none when it has no such row.
    const yearIncome = rowNamed(summary, /^(本年收入合计|[本当]年收入小计)$/, "收入");
    const carry = rowNamed(summary, /^上年结转/, "收入");
    if (yearIncome) lines.push(line("　本年收入合计", cellOf(yearIncome, /./)));
    if (carry) lines.push(line("　上年结转结余", cellOf(carry, /./)));
  } else {
    lines.push(line("　上年结转", factOf(doc, "income.carryover")?.figure));
  }
  const general = tableFigure(doc.tables, "income.general") ?? factOf(doc, "income.general")?.figure;
  if (general) lines.push(line("　其中：一般公共预算", general));
  lines.push(line("支出总计", h.expense), line("　基本支出", h.basic), line("　项目支出", h.project));
  lines.push(line("“三公”经费", h.sangong));
  const operating = tableFigure(doc.tables, "operating_cost") ?? factOf(doc, "operating_cost")?.figure;
  if (operating) lines.push(line("机关运行经费", operating));
  const proc = doc.procurement.find((r) => r.kind === "total");
  const procTotal = proc
    ? (Object.values(proc.amounts).find((v) => v) ?? null)
    : (tableFigure(doc.tables, "procurement.total") ?? factOf(doc, "procurement.total")?.figure);
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
    table: { columns: TWO_COLS, rows: lines.map((l) => [l.label, showFigure(l.figure)]) },
    notes: extra,
  };
  return finish(
    input,
    reply,
    lines.map((l) => l.source),
  );
}

/** Columns of a standard table that hold at least one stated figure. */
function filledColumns(t: StandardTable, rows: StandardRow[]): string[] {
  const cols: string[] = [];
  for (const r of rows)
    for (const [k, v] of Object.entries(r.values)) if (v && !cols.includes(k)) cols.push(k);
  return t.columns.filter((c) => cols.includes(c)).concat(cols.filter((c) => !t.columns.includes(c)));
}

/** A standard table as a paged reply table (code, name, every filled money column). */
function standardTableReply(
  input: BudgetAnswerInput,
  t: StandardTable,
  title: string,
  filter?: (r: StandardRow) => boolean,
): Reply {
  const all = t.rows.filter((r) => (filter ? filter(r) : true));
  const isTotal = (r: StandardRow) =>
    /^(合计|总计|小计)$/.test(squash(r.name)) || /合计$|总计$/.test(squash(r.name));
  const body = all.filter((r) => !isTotal(r));
  const totals = all.filter(isTotal);
  const cols = filledColumns(t, all);
  const hasCode = all.some((r) => r.code);
  const columns: ReplyColumn[] = [
    ...(hasCode ? [{ header: "编码", align: "left" as const }] : []),
    { header: "科目", align: "left" },
    ...cols.map((c) => ({ header: c, align: "right" as const })),
  ];
  const toRow = (r: StandardRow) => [
    ...(hasCode ? [r.code ?? "—"] : []),
    `${"　".repeat(Math.max(0, (r.level ?? 1) - 1))}${r.name}`,
    ...cols.map((c) => showFigure(r.values[c])),
  ];
  const paged = paginate(body, input.page, input.commandFor, input.pageSize);
  const reply: Reply = {
    heading: heading(input.doc, title),
    table: { columns, rows: paged.rows.map(toRow), totals: totals.map(toRow) },
    page: paged.page,
    actions: paged.actions.length ? paged.actions : undefined,
    notes: t.rows.length === 0 ? [t.note ?? "该表为空表"] : undefined,
  };
  return finish(input, reply, [tableSource(t, input.doc.file)]);
}

function missing(input: BudgetAnswerInput, what: string): Reply {
  const has: string[] = [];
  const d = input.doc;
  if (d.tables.length) has.push("预算表");
  if (d.narrative.length) has.push("情况说明");
  if (d.projects.length) has.push(`绩效目标表 ${d.projects.length} 个`);
  if (d.procurement.length) has.push("政府采购");
  if (d.assets.length) has.push("国有资产");
  return {
    heading: heading(d, topicTitle(input.topic)),
    text: [`该文件未列示${what}。`, has.length ? `该文件包含：${has.join("、")}` : "该文件没有可查询的内容"],
    sources: [{ file: d.file, section: "全文", line: 1 }],
    kind: "answer",
  };
}

function sangong(input: BudgetAnswerInput, part?: "abroad" | "vehicle" | "reception"): Reply {
  const { doc } = input;
  const t = tableOf(doc, "三公经费支出表") ?? tableOf(doc, "三公经费和机关运行经费表");
  const partRe = { abroad: /出国/, vehicle: /公务用车/, reception: /接待/ };
  if (t?.rows.length) {
    const own = t.rows.filter((r) => !/机关运行经费/.test(r.name));
    const rows = part ? own.filter((r) => partRe[part].test(r.name)) : own;
    const cols = filledColumns(t, t.rows).slice(0, 3);
    const useCols = cols.length ? cols : (t.columns.slice(0, 1) as string[]);
    const columns: ReplyColumn[] = [
      { header: "项目", align: "left" },
      ...useCols.map((c) => ({ header: c, align: "right" as const })),
    ];
    const isTotal = (r: StandardRow) =>
      /^(合计|“三公”经费(小计|合计)|"三公"经费(小计|合计)|三公经费(小计|合计))$/.test(squash(r.name));
    const toRow = (r: StandardRow) => [r.name, ...useCols.map((c) => showFigure(r.values[c]))];
    const reply: Reply = {
      heading: heading(doc, topicTitle(input.topic)),
      table: {
        columns,
        rows: rows.filter((r) => !isTotal(r)).map(toRow),
        totals: part ? undefined : rows.filter(isTotal).map(toRow),
      },
    };
    const narrativeShown = doc.narrative.filter((f) => f.key.startsWith("sangong."));
    return finish(input, reply, [
      tableSource(t, doc.file),
      ...narrativeShown.slice(0, 1).map((f) => f.figure.source),
    ]);
  }
  const keys: Array<[NarrativeKey, string]> = [
    ["sangong.abroad", "因公出国（境）费"],
    ["sangong.vehicle", "公务用车购置及运维费"],
    ["sangong.vehicle_purchase", "　其中：公务用车购置费"],
    ["sangong.vehicle_operation", "　　　　公务用车运行维护费"],
    ["sangong.reception", "公务接待费"],
  ];
  const totalFact = factOf(doc, "sangong.total");
  if (!totalFact && !keys.some(([k]) => factOf(doc, k))) return missing(input, "“三公”经费");
  const wanted = part
    ? keys.filter(([k]) => k.startsWith(`sangong.${part === "vehicle" ? "vehicle" : part}`))
    : keys;
  const lines = wanted.map(([k, label]) => line(label, factOf(doc, k)?.figure));
  const reply: Reply = {
    heading: heading(doc, topicTitle(input.topic)),
    table: {
      columns: TWO_COLS,
      rows: lines.map((l) => [l.label, showFigure(l.figure)]),
      totals: part ? undefined : [["合计", showFigure(totalFact?.figure)]],
    },
    notes: ["数字取自情况说明"],
  };
  const change = factOf(doc, "sangong.change");
  if (change && !part) reply.text = [change.sentence];
  return finish(input, reply, [totalFact?.figure.source, ...lines.map((l) => l.source)]);
}

function narrativeTable(input: BudgetAnswerInput, keys: Array<[NarrativeKey, string]>, what: string): Reply {
  const lines = keys.map(([k, label]) => line(label, factOf(input.doc, k)?.figure));
  if (lines.every((l) => !l.figure)) return missing(input, what);
  const reply: Reply = {
    heading: heading(input.doc, topicTitle(input.topic)),
    table: { columns: TWO_COLS, rows: lines.map((l) => [l.label, showFigure(l.figure)]) },
    notes: ["数字取自情况说明"],
  };
  return finish(
    input,
    reply,
    lines.map((l) => l.source),
  );
}

/** 机关运行经费: the table's figure (its own table or beside 三公) and the narrative's, each with its source. */
function operatingAnswer(input: BudgetAnswerInput): Reply {
  const table = tableFigure(input.doc.tables, "operating_cost");
  const stated = factOf(input.doc, "operating_cost")?.figure;
  if (!table) return narrativeTable(input, [["operating_cost", "机关运行经费"]], "机关运行经费");
  const lines = [
    line("机关运行经费（预算表）", table),
    ...(stated ? [line("机关运行经费（情况说明）", stated)] : []),
  ];
  const reply: Reply = {
    heading: heading(input.doc, topicTitle(input.topic)),
    table: { columns: TWO_COLS, rows: lines.map((l) => [l.label, showFigure(l.figure)]) },
  };
  return finish(
    input,
    reply,
    lines.map((l) => l.source),
  );
}

function projectSpending(input: BudgetAnswerInput): Reply {
  const { doc } = input;
  const expense = tableOf(doc, "支出总表");
  const totalFig =
    cellOf(rowNamed(expense, /^合计$/), /^项目支出$/) ?? factOf(doc, "expense.project")?.figure ?? null;
  if (doc.projects.length === 0 && !totalFig) return missing(input, "项目支出");
  const sorted = [...doc.projects].sort((a, b) => (a.seq ?? 0) - (b.seq ?? 0));
  const paged = paginate(sorted, input.page, input.commandFor, input.pageSize);
  const sum = sumFen(doc.projects.map((p) => p.budget?.fen ?? null));
  const reply: Reply = {
    heading: heading(doc, "项目支出"),
    fields: [{ label: "项目支出合计（预算表/情况说明）", value: showFigure(totalFig) }],
    table: {
      columns: [
        { header: "序号", align: "right" },
        { header: "项目", align: "left" },
        { header: "预算数", align: "right" },
      ],
      rows: paged.rows.map((p) => [p.seq === null ? "—" : String(p.seq), p.name, showFigure(p.budget)]),
      totals: doc.projects.length
        ? [["—", `绩效目标表合计（${doc.projects.length} 个）`, showFen(sum)]]
        : undefined,
    },
    page: paged.page,
    actions: paged.actions.length ? paged.actions : undefined,
    notes: ["项目详情：/project <项目名>"],
  };
  return finish(input, reply, [
    totalFig?.source,
    ...paged.rows
      .slice(0, 1)
      .map((p) => ({ file: p.budget?.source.file ?? doc.file, section: "绩效目标表", line: p.line })),
  ]);
}

function procurement(input: BudgetAnswerInput): Reply {
  const { doc } = input;
  if (doc.procurement.length === 0) {
    const t = tableOf(doc, "政府采购预算表");
    if (t?.rows.length) return standardTableReply(input, t, "政府采购预算");
    const f = factOf(doc, "procurement.total");
    if (f) return narrativeTable(input, [["procurement.total", "政府采购预算"]], "政府采购预算");
    return missing(input, "政府采购预算");
  }
  const items = doc.procurement.filter((r) => r.kind === "item");
  const totals = doc.procurement.filter((r) => r.kind !== "item");
  const firstAmount = (r: (typeof items)[0]) => Object.values(r.amounts)[0] ?? null;
  const paged = paginate(items, input.page, input.commandFor, input.pageSize);
  const section = "政府采购预算";
  const reply: Reply = {
    heading: heading(doc, "政府采购预算"),
    table: {
      columns: [
        { header: "项目", align: "left" },
        { header: "采购品目", align: "left" },
        { header: "金额", align: "right" },
      ],
      rows: paged.rows.map((r) => [r.projectName ?? "", r.item ?? "", showFigure(firstAmount(r))]),
      totals: totals.map((r) => [
        r.kind === "total" ? "合计" : (r.projectName ?? "小计"),
        "",
        showFigure(firstAmount(r)),
      ]),
    },
    page: paged.page,
    actions: paged.actions.length ? paged.actions : undefined,
  };
  const src = firstAmount(doc.procurement[0] as (typeof items)[0])?.source ?? {
    file: doc.file,
    section,
    line: doc.procurementTitleLine ?? 1,
  };
  return finish(input, reply, [src, factOf(doc, "procurement.total")?.figure.source]);
}

function assets(input: BudgetAnswerInput): Reply {
  const { doc } = input;
  if (doc.assets.length === 0) {
    return narrativeTable(
      input,
      [
        ["assets.fixed_total", "上年末固定资产"],
        ["assets.planned_purchase", "本年拟购置固定资产"],
      ],
      "国有资产",
    );
  }
  const reply: Reply = {
    heading: heading(doc, `国有资产${doc.assetsAsOf ? `（截至 ${doc.assetsAsOf}）` : ""}`),
    table: {
      columns: [
        { header: "项目", align: "left" },
        { header: "数量", align: "right" },
        { header: "价值", align: "right" },
      ],
      rows: doc.assets.map((a) => [a.name, a.quantity ?? NOT_STATED, showFigure(a.value)]),
    },
  };
  const narrativeTotal = factOf(doc, "assets.fixed_total");
  if (narrativeTotal)
    reply.fields = [{ label: "情况说明所述上年末固定资产", value: showFigure(narrativeTotal.figure) }];
  return finish(input, reply, [doc.assets[0]?.value?.source, narrativeTotal?.figure.source]);
}

function subject(input: BudgetAnswerInput, text: string): Reply {
  const q = squash(text);
  const hits: Array<{ t: StandardTable; r: StandardRow }> = [];
  for (const t of input.doc.tables) {
    for (const r of t.rows)
      if (r.code === q || (q.length >= 2 && squash(r.name).includes(q))) hits.push({ t, r });
  }
  if (hits.length === 0) {
    return {
      heading: heading(input.doc, text),
      text: [
        `预算表中没有名称或编码含“${text}”的科目。`,
        "可用科目：收入、支出、基本支出、项目支出、三公、机关运行经费、政府采购、资产，或功能/经济分类名称、编码",
      ],
      kind: "error",
    };
  }
  const paged = paginate(hits, input.page, input.commandFor, input.pageSize);
  const reply: Reply = {
    heading: heading(input.doc, `科目“${text}”`),
    table: {
      columns: [
        { header: "表", align: "left" },
        { header: "编码", align: "left" },
        { header: "科目", align: "left" },
        { header: "合计", align: "right" },
      ],
      rows: paged.rows.map(({ t, r }) => {
        const first = r.values.合计 !== undefined ? r.values.合计 : (Object.values(r.values)[0] ?? null);
        return [t.kind, r.code ?? "—", r.side ? `${r.side}：${r.name}` : r.name, showFigure(first)];
      }),
    },
    page: paged.page,
    actions: paged.actions.length ? paged.actions : undefined,
  };
  // Each hit cites the row it shows (its page, for a table spread over pages), else its table.
  return finish(
    input,
    reply,
    paged.rows.map(
      ({ t, r }) => Object.values(r.values).find((v) => v)?.source ?? tableSource(t, input.doc.file),
    ),
  );
}

/** Build the /budget reply for one document and topic. */
export function budgetAnswer(input: BudgetAnswerInput): Reply {
  const { doc, topic } = input;
  switch (topic.kind) {
    case "overview":
      return overview(input);
    case "income": {
      const t = tableOf(doc, "收入总表");
      if (t) return standardTableReply(input, t, "收入（按功能分类）");
      return narrativeTable(
        input,
        [
          ["income.total", "收入合计"],
          ["income.general", "一般公共预算收入"],
          ["income.fund", "政府性基金预算收入"],
          ["income.state_capital", "国有资本经营预算收入"],
          ["income.special_account", "财政专户核拨收入"],
          ["income.unit", "单位资金收入"],
          ["income.other", "其他收入"],
          ["income.carryover", "上年结转"],
        ],
        "收入",
      );
    }
    case "expense": {
      const t = tableOf(doc, "支出总表");
      if (t) return standardTableReply(input, t, "支出（按功能分类）");
      return narrativeTable(
        input,
        [
          ["expense.total", "支出合计"],
          ["expense.basic", "基本支出"],
          ["expense.personnel", "　人员经费"],
          ["expense.public", "　公用经费"],
          ["expense.project", "项目支出"],
        ],
        "支出",
      );
    }
    case "basic": {
      const t = tableOf(doc, "一般公共预算财政拨款基本支出表");
      if (t) return standardTableReply(input, t, "基本支出（按经济分类）");
      return narrativeTable(
        input,
        [
          ["expense.basic", "基本支出"],
          ["expense.personnel", "人员经费"],
          ["expense.public", "公用经费"],
        ],
        "基本支出",
      );
    }
    case "project":
      return projectSpending(input);
    case "sangong":
      return sangong(input, topic.part);
    case "operating": {
      const reply = operatingAnswer(input);
      const basic = tableOf(doc, "一般公共预算财政拨款基本支出表");
      const pub = cellOf(rowNamed(basic, /^合计$/), /^公用经费$/);
      if (pub && reply.table) {
        reply.table.rows.push(["对照：基本支出表公用经费", showFigure(pub)]);
        reply.sources = uniqueSources([...(reply.sources ?? []), pub.source]);
      }
      return reply;
    }
    case "procurement":
      return procurement(input);
    case "assets":
      return assets(input);
    case "subject":
      return subject(input, topic.text);
  }
}
