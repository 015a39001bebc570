/**
 * /budget answers: one department-year document + a topic → a Reply with a table, totals,
 * sources and ⚠ notes where the document disagrees with itself. Pure: no I/O.
 */
import { combinedNotes } from "../catalog/combine.js";
import type { AnswerFinding } from "../domain/findings.js";
import { cellOf, factOf, headlineFigures, rowNamed, tableOf, tableOrFact } from "../domain/lookup.js";
import { sumFen } from "../domain/money.js";
import { sourceAt } from "../domain/places.js";
import { FINAL_COL, sangongKeyOf, tableFigure } from "../domain/table-figures.js";
import { departmentSentence, squash } from "../domain/text.js";
import type {
  Disclosure,
  Figure,
  NarrativeKey,
  NotApplicableFact,
  Source,
  StandardRow,
  StandardTable,
} from "../domain/types.js";
import { NARRATIVE_LABELS } from "../ingest/narrative.js";
import type { Topic } from "../query/topics.js";
import { topicTitle } from "../query/topics.js";
import type { Reply, ReplyColumn } from "../reply/reply.js";
import { classRowsElsewhere, classTable, incomeTitle, isTotalRow } from "./classified.js";
import { executionRate, finalOverviewParts, finalWording } from "./final-accounts.js";
import { clip, NOT_STATED, PAGE_SIZE, paginate, separateAmounts, uniqueSources } from "./format.js";
import { basicNarrativeNotes, narrativeAgreement, overviewNarrativeNotes } from "./narrative-agreement.js";
import { classAgreementNotes, withNarrativeClasses } from "./narrative-classes.js";
import { narrativeFill } from "./narrative-fill.js";
import { PROCUREMENT_PARTS, performanceCoverage, procurementParts } from "./narrative-parts.js";
import { anyPlaced } from "./sources.js";
import { statedAnswer, statedHits } from "./stated.js";
import {
  type Cell,
  commonUnit,
  headingUnit,
  type MoneyCell,
  moneyTable,
  showAsPrinted,
  showSum,
} from "./units.js";

/** What a fact the document says does not apply shows as. */
export const NOT_APPLICABLE = "不适用";

export type { AnswerFinding } from "../domain/findings.js";

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
  /** The chat line that expands one class of a classified table (`/budget 容东 2024 支出 212`). */
  expandCommand?: (code: string) => string;
  /** For a 决算: the same year's 预算 when stored, to show its figures beside the actuals. */
  budgetDoc?: Disclosure;
}

/**
 * "<单位> 2024年 预算总览（万元）"; a 决算 says so in the heading ("<单位> 2022年决算 决算总览（万元）")
 * so the two are never taken for each other. The unit is the one the figures shown share
 * (`（元）` for a table printed in 元, none when they differ), set by `finish`.
 */
function heading(doc: Disclosure, title: string): string {
  const name = doc.department.name ?? "未知单位";
  const year = `${doc.year ?? "年度未载明"}年`;
  if (doc.basis === "final")
    return `${name} ${year}决算 ${title.replace(/(?<!一般公共|政府性基金|国有资本经营)预算/g, "决算")}（万元）`;
  return `${name} ${year} ${title}（万元）`;
}

interface Line {
  label: string;
  figure: Figure | null;
  source: Source | null;
  /** The table's cell is blank and the figure is the 情况说明's (shown marked `*`). */
  fromNarrative?: boolean;
  /** Set when the document says the fact does not apply (shown as 不适用, never as 0 or 未列示). */
  notApplicable?: NotApplicableFact;
}

/** A row: label + figure, source from the figure or a fallback. */
function line(label: string, figure: Figure | null | undefined, fallback?: Source): Line {
  return { label, figure: figure ?? null, source: figure?.source ?? fallback ?? null };
}

/**
 * A narrative fact key with its label from the one table of labels (ingest/narrative.ts), optionally
 * indented ("　" or "　其中：") under the row above.
 */
function labelled(key: NarrativeKey, prefix = ""): [NarrativeKey, string] {
  return [key, `${prefix}${NARRATIVE_LABELS[key]}`];
}

/** A narrative row: the stated figure, else 不适用 with its sentence, else 未列示. */
function factLine(doc: Disclosure, key: NarrativeKey, label: string): Line {
  const f = factOf(doc, key);
  if (f) return line(label, f.figure);
  const na = doc.notApplicable.find((n) => n.key === key);
  return na ? { label, figure: null, source: na.source, notApplicable: na } : line(label, null);
}

/** The money cell of a row's figure (不适用 when the document says it does not apply). */
function cell(l: Line): MoneyCell {
  if (l.notApplicable) return { figure: null, text: NOT_APPLICABLE };
  return l.fromNarrative ? { figure: l.figure, mark: "*" } : { figure: l.figure };
}

/** A figure as a field value: bare when every figure of the reply shares its unit, else with it. */
function fieldValue(f: Figure | null | undefined, all: Array<Figure | null | undefined>): string {
  return showAsPrinted(f, commonUnit(all) === null);
}

/** A sum the bot computed, as a money cell in the unit its parts share (exact from 分). */
function sumCell(fen: number | null, parts: Array<Figure | null | undefined>, file: string): MoneyCell {
  if (fen === null) return { figure: null };
  const { text, unit } = showSum(fen, parts);
  return { figure: { text, fen, unit, source: { file, section: "", line: 0 } } };
}

/** A computed sum as a field value, in the unit its parts share (with the unit when they differ). */
function sumValue(fen: number | null, parts: Array<Figure | null | undefined>): string {
  if (fen === null) return NOT_STATED;
  const { text, unit } = showSum(fen, parts);
  return commonUnit(parts) === null ? `${text} ${unit}` : text;
}

/** The heading of a reply built by `heading`, with the unit its figures share. */
function retitle(h: string, figures: Array<Figure | null | undefined>): string {
  return h.endsWith("（万元）") ? headingUnit(h.slice(0, -"（万元）".length), figures) : h;
}

/** Notes quoting the sentences that make rows 不适用. */
function notApplicableNotes(lines: Line[]): string[] {
  const na = lines.flatMap((l) => (l.notApplicable ? [l.notApplicable] : []));
  return na.length
    ? [`${NOT_APPLICABLE}：文件说明“${na.map((n) => departmentSentence(n.sentence)).join("”“")}”`]
    : [];
}

const TWO_COLS: ReplyColumn[] = [
  { header: "项目", align: "left" },
  { header: "金额", align: "right" },
];

/**
 * The source of a whole table: its title line in its own file. In a combined department-year view
 * the table's file is the file its figures cite, which may not be the view's main file; the place
 * is then taken from the table's first figure (the view's places belong to its main file).
 */
function tableSource(t: StandardTable | undefined, doc: Disclosure): Source | undefined {
  if (!t) return undefined;
  const first = t.rows.flatMap((r) => Object.values(r.values)).find((f) => f)?.source;
  const own = first?.file ?? doc.file;
  if (own === doc.file) return sourceAt(doc, t.title, t.line);
  return first?.place
    ? { file: own, section: t.title, line: t.line, place: first.place }
    : { file: own, section: t.title, line: t.line };
}

/** Warnings about what the reply shows: findings comparing one of the figures shown. */
function relevantWarnings(findings: AnswerFinding[], figures: Array<Figure | null | undefined>): string[] {
  const shown = new Set(figures.flatMap((f) => (f ? [`${f.source.section}|${f.source.line}`] : [])));
  return findings
    .filter((f) => f.places.some((p) => shown.has(`${p.section}|${p.line}`)))
    .map((f) => separateAmounts(f.message));
}

/** Every figure of some table rows, in the given columns (all columns when absent). */
function rowFigures(rows: StandardRow[], cols?: string[]): Array<Figure | null> {
  return rows.flatMap((r) => (cols ? cols.map((c) => r.values[c] ?? null) : Object.values(r.values)));
}

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

function finish(
  input: BudgetAnswerInput,
  reply: Reply,
  shown: Array<Source | null | undefined>,
  /** The figures the reply shows: ⚠ notes are those comparing one of them. */
  figures: Array<Figure | null | undefined>,
  /** Paging notice (page out of range), shown first. */
  notice: string[] = [],
  /** Figures shown only to compare (their unit counts for the heading; no ⚠ notes drawn from them). */
  compared: Array<Figure | null | undefined> = [],
): Reply {
  const sources = uniqueSources(shown);
  const warnings = relevantWarnings(input.findings, figures);
  const notes = [...notice, ...(reply.notes ?? [])];
  if (JSON.stringify(reply.table ?? {}).includes(NOT_STATED)) notes.push(`${NOT_STATED}：文件未载明该数字`);
  notes.push(...combinedNotes(input.doc));
  return {
    ...reply,
    // The unit of the heading is the one every figure shown shares (none when they differ).
    heading: retitle(reply.heading, [...figures, ...compared]),
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
  return finish(
    input,
    reply,
    largest.map((p) => p.budget?.source),
    stated.map((p) => p.budget),
  );
}

/** The 决算 overview: 本年合计, 结转和结余 and 总计 as printed, budgets and execution rates beside. */
function finalOverview(input: BudgetAnswerInput): Reply {
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
    [...parts.sources, proc?.source],
    [...parts.figures, proc],
  );
}

function overview(input: BudgetAnswerInput): Reply {
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
  return finish(
    input,
    reply,
    lines.map((l) => l.source),
    lines.map((l) => l.figure),
  );
}

/** Columns of a standard table that hold at least one stated figure. */
function filledColumns(t: StandardTable, rows: StandardRow[]): string[] {
  const cols: string[] = [];
  for (const r of rows)
    for (const [k, v] of Object.entries(r.values)) if (v && !cols.includes(k)) cols.push(k);
  return t.columns.filter((c) => cols.includes(c)).concat(cols.filter((c) => !t.columns.includes(c)));
}

/**
 * A standard table as a paged reply table (code, name, every filled money column). A classified
 * table longer than one page opens at the 类 level (every class and the total on one page) with a
 * way to expand one class; `expand` (a code or a class name) shows that class with its 款 and 项.
 */
function standardTableReply(
  input: BudgetAnswerInput,
  t: StandardTable,
  title: string,
  expand?: string,
): Reply {
  const all = t.rows;
  const isTotal = isTotalRow;
  const body = all.filter((r) => !isTotal(r));
  const totals = all.filter(isTotal);
  // A blank cell the 情况说明 states (a total's 0.00, say) shows that statement, marked; its
  // column is shown even when no other row fills it.
  const fill = narrativeFill(input.doc, t);
  const filled = filledColumns(t, all);
  const cols = t.columns
    .filter((c, i) => filled.includes(c) || all.some((r) => fill.states(r, c, i)))
    .concat(filled.filter((c) => !t.columns.includes(c)));
  const hasCode = all.some((r) => r.code);
  const columns: ReplyColumn[] = [
    ...(hasCode ? [{ header: "编码", align: "left" as const }] : []),
    { header: "科目", align: "left" },
    ...cols.map((c) => ({ header: c, align: "right" as const })),
  ];
  const toRow = (r: StandardRow): Cell[] => [
    ...(hasCode ? [r.code ?? "—"] : []),
    `${"　".repeat(Math.max(0, (r.level ?? 1) - 1))}${r.name}`,
    ...cols.map((c) => fill.cell(r, c, t.columns.indexOf(c))),
  ];
  const pageSize = input.pageSize ?? PAGE_SIZE;
  const classes = body.filter((r) => r.level === 1 && r.code);
  const notes: string[] = [];
  let rows = body;
  let actions: NonNullable<Reply["actions"]> = [];
  let heading_ = title;
  if (expand !== undefined) {
    const q = squash(expand);
    const head = /^\d+$/.test(q)
      ? body.find((r) => r.code === q)
      : classes.find((r) => squash(r.name).includes(q));
    if (!head?.code) {
      return {
        heading: heading(input.doc, title),
        text: [
          `该表没有编码或名称为“${clip(expand)}”的科目。`,
          classes.length
            ? `可展开的类：${classes.map((c) => `${c.code} ${c.name}`).join("、")}`
            : "该表没有分类编码",
        ],
        sources: uniqueSources([tableSource(t, input.doc)]),
        kind: "error",
      };
    }
    const code = head.code;
    rows = body.filter((r) => r.code?.startsWith(code));
    heading_ = `${title} · ${code} ${head.name}`;
  } else if (body.length > pageSize && classes.length > 0 && classes.length <= pageSize) {
    rows = classes;
    notes.push(
      `按类列示（共 ${classes.length} 类、${body.length} 行）；展开某一类：${input.expandCommand?.(classes[0]?.code ?? "") ?? `在命令后加类编码，如 ${classes[0]?.code}`}`,
    );
    if (input.expandCommand) {
      const expandCommand = input.expandCommand;
      actions = classes.slice(0, 10).map((c) => ({
        label: `展开 ${c.code} ${c.name}`,
        command: expandCommand(c.code as string),
        kind: "choose" as const,
      }));
    }
  }
  const paged = paginate(rows, input.page, input.commandFor, input.pageSize);
  actions = [...actions, ...paged.actions];
  const table = moneyTable(columns, paged.rows.map(toRow), totals.map(toRow), { unitInHeader: false });
  const fillNote = fill.note();
  const reply: Reply = {
    heading: heading(input.doc, heading_),
    table,
    page: paged.page,
    actions: actions.length ? actions : undefined,
    notes:
      t.rows.length === 0
        ? [t.note ? departmentSentence(t.note) : "该表为空表"]
        : fillNote
          ? [...notes, fillNote]
          : notes,
  };
  // Each figure shown cites its own place (the pages of the rows shown); a table read without
  // places (a text file) cites its title line.
  const shownFigures = rowFigures([...paged.rows, ...totals], cols);
  const figureSources = shownFigures.map((f) => f?.source);
  return finish(
    input,
    reply,
    [
      ...(anyPlaced(figureSources) ? figureSources : [tableSource(t, input.doc)]),
      ...fill.figures.map((f) => f.source),
    ],
    [...shownFigures, ...fill.figures],
    paged.notice,
  );
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
    const isTotal = (r: StandardRow) => sangongKeyOf(r.name) === "sangong.total";
    // A blank first cell whose amount the 情况说明 states (e.g. 因公出国(境)费 0.00 万元) shows
    // the narrative's figure, marked, with the narrative as its source: it is stated, not 未列示.
    const fill = narrativeFill(doc, t);
    const toRow = (r: StandardRow): Cell[] => [r.name, ...useCols.map((c, i) => fill.cell(r, c, i))];
    const reply: Reply = {
      heading: heading(doc, topicTitle(input.topic)),
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
    return finish(
      input,
      reply,
      [
        ...(anyPlaced(figureSources) ? figureSources : [tableSource(t, doc)]),
        ...narrativeShown.slice(0, 1).map((f) => f.figure.source),
        ...fill.figures.map((f) => f.source),
      ],
      [...tableFigures, ...fill.figures],
    );
  }
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
      heading: heading(doc, topicTitle(input.topic)),
      table: moneyTable(TWO_COLS, [[total.label, cell(total)]]),
      notes: notApplicableNotes([total]),
    };
    return finish(input, reply, [total.source], []);
  }
  const wanted = part
    ? keys.filter(([k]) => k.startsWith(`sangong.${part === "vehicle" ? "vehicle" : part}`))
    : keys;
  const lines = wanted.map(([k, label]) => factLine(doc, k, label));
  const reply: Reply = {
    heading: heading(doc, topicTitle(input.topic)),
    table: moneyTable(
      TWO_COLS,
      lines.map((l) => [l.label, cell(l)]),
      part ? undefined : [["合计", { figure: totalFact?.figure ?? null }]],
    ),
    notes: ["数字取自情况说明", ...notApplicableNotes(lines)],
  };
  const change = factOf(doc, "sangong.change");
  if (change && !part) reply.text = [change.sentence];
  return finish(
    input,
    reply,
    [totalFact?.figure.source, ...lines.map((l) => l.source)],
    [totalFact?.figure, ...lines.map((l) => l.figure)],
  );
}

/**
 * The narrative's figures for some keys as a two-column table. `compare` rows (e.g. a table's figure
 * to compare with) are shown after them and cited, but not checked for ⚠ notes.
 */
function narrativeTable(
  input: BudgetAnswerInput,
  keys: Array<[NarrativeKey, string]>,
  what: string,
  compare: Line[] = [],
): Reply {
  const lines = keys.map(([k, label]) => factLine(input.doc, k, label));
  if (lines.every((l) => !l.figure && !l.notApplicable)) return missing(input, what);
  return linesReply(input, lines, compare, cell, ["数字取自情况说明", ...notApplicableNotes(lines)]);
}

/** A two-column reply: the answer's lines, then the compared lines, each with its source. */
function linesReply(
  input: BudgetAnswerInput,
  lines: Line[],
  compare: Line[],
  toCell: (l: Line) => MoneyCell,
  notes?: string[],
): Reply {
  const all = [...lines, ...compare];
  const reply: Reply = {
    heading: heading(input.doc, topicTitle(input.topic)),
    table: moneyTable(
      TWO_COLS,
      all.map((l) => [l.label, toCell(l)]),
    ),
  };
  if (notes) reply.notes = notes;
  return finish(
    input,
    reply,
    all.map((l) => l.source),
    lines.map((l) => l.figure),
    [],
    compare.map((l) => l.figure),
  );
}

/** 机关运行经费: the table's figure (its own table or beside 三公) and the narrative's, each with its source. */
function operatingAnswer(input: BudgetAnswerInput, compare: Line[]): Reply {
  const table = tableFigure(input.doc.tables, "operating_cost");
  const stated = factOf(input.doc, "operating_cost")?.figure;
  const institution = factOf(input.doc, "operating_cost.institution")?.figure;
  if (!table) {
    const keys: Array<[NarrativeKey, string]> = [labelled("operating_cost")];
    // 事业单位的运行经费 is a different figure: shown beside, never as 机关运行经费.
    if (institution) keys.push(["operating_cost.institution", "事业单位运行经费（另列）"]);
    return narrativeTable(input, keys, "机关运行经费", compare);
  }
  const lines = [
    line("机关运行经费（预算表）", table),
    ...(stated ? [line("机关运行经费（情况说明）", stated)] : []),
    ...(institution ? [line("事业单位运行经费（另列）", institution)] : []),
  ];
  return linesReply(input, lines, compare, (l) => ({ figure: l.figure }));
}

function projectSpending(input: BudgetAnswerInput): Reply {
  const { doc } = input;
  const expense = tableOf(doc, "支出总表");
  const totalFig =
    cellOf(rowNamed(expense, /^合计$/), /^项目支出$/) ?? factOf(doc, "expense.project")?.figure ?? null;
  const coverage = performanceCoverage(doc);
  if (doc.projects.length === 0 && !totalFig) {
    if (coverage.fields.length === 0) return missing(input, "项目支出");
    const reply = { heading: heading(doc, "项目支出"), fields: coverage.fields };
    return finish(input, reply, coverage.sources, coverage.figures);
  }
  const sorted = [...doc.projects].sort((a, b) => (a.seq ?? 0) - (b.seq ?? 0));
  const paged = paginate(sorted, input.page, input.commandFor, input.pageSize);
  const sum = sumFen(doc.projects.map((p) => p.budget?.fen ?? null));
  const reply: Reply = {
    heading: heading(doc, "项目支出"),
    fields: [
      {
        label: "项目支出合计（预算表/情况说明）",
        value: fieldValue(totalFig, [totalFig, ...paged.rows.map((p) => p.budget)]),
      },
    ],
    table: moneyTable(
      [
        { header: "序号", align: "right" },
        { header: "项目", align: "left" },
        { header: "预算数", align: "right" },
      ],
      paged.rows.map((p) => [p.seq === null ? "—" : String(p.seq), p.name, { figure: p.budget ?? null }]),
      doc.projects.length
        ? [
            [
              "—",
              `绩效目标表合计（${doc.projects.length} 个）`,
              sumCell(
                sum,
                doc.projects.map((p) => p.budget),
                doc.file,
              ),
            ],
          ]
        : undefined,
    ),
    page: paged.page,
    actions: paged.actions.length ? paged.actions : undefined,
    notes: ["项目详情：/project <项目名>"],
  };
  reply.fields = [...(reply.fields ?? []), ...coverage.fields];
  return finish(
    input,
    reply,
    [
      totalFig?.source,
      ...coverage.sources,
      // Each project shown cites its own place when the document has places; else the first.
      ...((all: Source[]) => (anyPlaced(all) ? all : all.slice(0, 1)))(
        paged.rows.map((p): Source => {
          const file = p.budget?.source.file ?? doc.file;
          if (file === doc.file) return sourceAt(doc, "绩效目标表", p.line);
          const place = p.budget?.source.place;
          return place
            ? { file, section: "绩效目标表", line: p.line, place }
            : { file, section: "绩效目标表", line: p.line };
        }),
      ),
    ],
    [totalFig, ...paged.rows.map((p) => p.budget)],
    paged.notice,
  );
}

function procurement(input: BudgetAnswerInput): Reply {
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
  return finish(
    input,
    reply,
    [
      ...(anyPlaced(placed) ? placed : [src]),
      factOf(doc, "procurement.total")?.figure.source,
      ...parts.sources,
    ],
    shownFigures,
    paged.notice,
  );
}

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

function assets(input: BudgetAnswerInput): Reply {
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
      return finish(input, { heading: heading(doc, "国有资产"), fields: counts.fields }, counts.sources, []);
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
  return finish(
    input,
    reply,
    [doc.assets[0]?.value?.source, narrativeTotal?.figure.source, ...counts.sources],
    [...doc.assets.map((a) => a.value), narrativeTotal?.figure],
  );
}

/** The figure a subject hit shows: its 合计 cell, else its first. */
function subjectFigure(r: StandardRow): Figure | null {
  return Object.hasOwn(r.values, "合计") ? (r.values.合计 ?? null) : (Object.values(r.values)[0] ?? null);
}

function subject(input: BudgetAnswerInput, text: string): Reply {
  const q = squash(text);
  const hits: Array<{ t: StandardTable; r: StandardRow }> = [];
  for (const t of input.doc.tables) {
    for (const r of t.rows)
      if (r.code === q || (q.length >= 2 && squash(r.name).includes(q))) hits.push({ t, r });
  }
  if (hits.length === 0) {
    const stated = statedAnswer({
      doc: input.doc,
      word: text,
      heading: heading(input.doc, `“${text}”（原文列示）`),
      page: input.page,
      commandFor: input.commandFor,
      pageSize: input.pageSize,
    });
    if (stated) {
      stated.heading = retitle(
        stated.heading,
        statedHits(input.doc, text).map((h) => h.figure),
      );
      // The stated answer's sources already cite their places: keep them as they are.
      return { ...finish(input, stated, [], []), sources: stated.sources };
    }
    return {
      // The word matched nothing: it is named in the text, never in the heading.
      heading: heading(input.doc, "科目查询"),
      text: [
        `预算表中没有名称或编码含“${clip(text)}”的科目。`,
        "可用科目：收入、支出、基本支出、项目支出、三公、机关运行经费、政府采购、资产，或功能/经济分类名称、编码",
      ],
      kind: "error",
    };
  }
  const paged = paginate(hits, input.page, input.commandFor, input.pageSize);
  // A 决算 table printing 年初预算数 beside the actual (一般公共预算财政拨款支出决算表): both, and the rate.
  const final = input.doc.basis === "final";
  const planOf = (r: StandardRow) => cellOf(r, /^(年初预算数|预算数)$/);
  const withPlan = final && paged.rows.some(({ r }) => planOf(r));
  const reply: Reply = {
    heading: heading(input.doc, `科目“${clip(text)}”`),
    table: moneyTable(
      [
        { header: "表", align: "left" },
        { header: "编码", align: "left" },
        { header: "科目", align: "left" },
        { header: final ? "决算数" : "合计", align: "right" },
        ...(withPlan
          ? [
              { header: "年初预算数", align: "right" as const },
              { header: "执行率", align: "right" as const },
            ]
          : []),
      ],
      paged.rows.map(({ t, r }) => [
        t.kind,
        r.code ?? "—",
        r.side ? `${r.side}：${r.name}` : r.name,
        { figure: subjectFigure(r) },
        ...(withPlan ? [{ figure: planOf(r) }, executionRate(subjectFigure(r), planOf(r)) ?? "—"] : []),
      ]),
    ),
    page: paged.page,
    actions: paged.actions.length ? paged.actions : undefined,
  };
  return finish(
    input,
    reply,
    // Each hit cites the row it shows (its page, for a table spread over pages), else its table.
    paged.rows.map(({ t, r }) => subjectFigure(r)?.source ?? tableSource(t, input.doc)),
    paged.rows.map(({ r }) => subjectFigure(r)),
    paged.notice,
  );
}

/** Build the /budget reply for one document and topic. */
export function budgetAnswer(input: BudgetAnswerInput): Reply {
  const reply = topicAnswer(input);
  return input.doc.basis === "final" ? finalWording(reply) : reply;
}

function topicAnswer(input: BudgetAnswerInput): Reply {
  const { doc, topic } = input;
  switch (topic.kind) {
    case "overview":
      return overview(input);
    case "income": {
      const t = tableOf(doc, "收入总表");
      if (t) return standardTableReply(input, t, incomeTitle(t), topic.expand);
      return narrativeTable(
        input,
        [
          labelled("income.total"),
          labelled("income.general"),
          labelled("income.fund"),
          labelled("income.state_capital"),
          labelled("income.special_account"),
          labelled("income.unit"),
          labelled("income.other"),
          labelled("income.carryover"),
        ],
        "收入",
      );
    }
    case "expense": {
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
    case "basic": {
      const t = tableOf(doc, "一般公共预算财政拨款基本支出表");
      if (t) {
        const reply = standardTableReply(input, t, "基本支出（按经济分类）", topic.expand);
        const totalRow = rowNamed(t, /^合计$/);
        const total = cellOf(totalRow, /^合计$/) ?? cellOf(totalRow, /./);
        const said =
          topic.expand === undefined
            ? basicNarrativeNotes(doc, { columns: t.columns, total, cell: (col) => cellOf(totalRow, col) })
            : [];
        return said.length ? { ...reply, notes: [...(reply.notes ?? []), ...said] } : reply;
      }
      return narrativeTable(
        input,
        [labelled("expense.basic"), labelled("expense.personnel"), labelled("expense.public")],
        "基本支出",
      );
    }
    case "project":
      return projectSpending(input);
    case "sangong":
      return sangong(input, topic.part);
    case "operating": {
      const basic = tableOf(doc, "一般公共预算财政拨款基本支出表");
      const pub = cellOf(rowNamed(basic, /^合计$/), /^公用经费$/);
      return operatingAnswer(input, pub ? [line("对照：基本支出表公用经费", pub)] : []);
    }
    case "procurement":
      return procurement(input);
    case "assets":
      return assets(input);
    case "subject":
      return subject(input, topic.text);
  }
}
