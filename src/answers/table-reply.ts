/**
 * A standard table (收入总表, 支出总表, 基本支出表 …) as a paged reply table, and the helpers every
 * topic showing table rows shares: which columns hold figures, which figures a row shows, and the
 * source of a whole table.
 */
import { sourceAt } from "../domain/places.js";
import { departmentSentence, squash } from "../domain/text.js";
import type { Disclosure, Figure, Source, StandardRow, StandardTable } from "../domain/types.js";
import type { Reply, ReplyColumn } from "../reply/reply.js";
import { isTotalRow } from "./classified.js";
import { finish, heading } from "./finish.js";
import { clip, PAGE_SIZE, paginate, uniqueSources } from "./format.js";
import { narrativeFill } from "./narrative-fill.js";
import { anyPlaced } from "./sources.js";
import type { DocumentInput } from "./topic.js";
import { type Cell, moneyTable } from "./units.js";

/**
 * The source of a whole table: its title line in its own file. In a combined department-year view
 * the table's file is the file its figures cite, which may not be the view's main file; the place
 * is then taken from the table's first figure (the view's places belong to its main file).
 */
export function tableSource(t: StandardTable | undefined, doc: Disclosure): Source | undefined {
  if (!t) return undefined;
  const first = t.rows.flatMap((r) => Object.values(r.values)).find((f) => f)?.source;
  const own = first?.file ?? doc.file;
  if (own === doc.file) return sourceAt(doc, t.title, t.line);
  return first?.place
    ? { file: own, section: t.title, line: t.line, place: first.place }
    : { file: own, section: t.title, line: t.line };
}

/** Every figure of some table rows, in the given columns (all columns when absent). */
export function rowFigures(rows: StandardRow[], cols?: string[]): Array<Figure | null> {
  return rows.flatMap((r) => (cols ? cols.map((c) => r.values[c] ?? null) : Object.values(r.values)));
}

/** Columns of a standard table that hold at least one stated figure. */
export function filledColumns(t: StandardTable, rows: StandardRow[]): string[] {
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
export function standardTableReply(
  input: DocumentInput,
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
  return finish(input, reply, {
    sources: anyPlaced(figureSources) ? figureSources : [tableSource(t, input.doc)],
    figures: shownFigures,
    filled: fill.figures,
    notice: paged.notice,
  });
}
