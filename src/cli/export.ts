/**
 * `bot export projects --format csv|json`: every stored project with department, year, code,
 * name, 预算数 and 财政资金 exactly as printed (plus exact 元 in CSV, exact 分 in JSON), source file
 * and line.
 */
import { existsSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { plainYuan } from "../domain/money.js";
import { toCsv } from "../reply/csv.js";
import { openStore, resolveDbPath } from "../store/open.js";
import type { ExportProjectRow } from "../store/ports.js";
import { parseCliArgs, stringFlag } from "./args.js";
import { type CliCommand, CliUsageError } from "./types.js";

/** A CSV cell of one export row. */
type CsvCell = (r: ExportProjectRow) => string | number | null;

/** Exact 元 text of an amount in 分 ("1776000", "6429768.84"); blank when not stated. */
const yuanCell =
  (k: "budgetFen" | "fiscalFen"): CsvCell =>
  (r) => {
    const fen = r[k];
    return fen === null ? null : plainYuan(fen);
  };

/** CSV header (Chinese) for each exported field, in column order: a field name or a derived cell. */
export const PROJECT_CSV_COLUMNS: Array<[keyof ExportProjectRow | CsvCell, string]> = [
  ["department", "部门"],
  ["departmentCode", "部门编码"],
  ["year", "年度"],
  ["code", "项目编码"],
  ["name", "项目名称"],
  ["budgetText", "预算数"],
  [yuanCell("budgetFen"), "预算数（元）"],
  ["fiscalText", "财政资金"],
  [yuanCell("fiscalFen"), "财政资金（元）"],
  ["unit", "金额单位"],
  ["file", "来源文件"],
  ["line", "行号"],
];

/** Projects as CSV (UTF-8 BOM, RFC 4180, blank = empty field). */
export function projectsCsv(rows: ExportProjectRow[]): string {
  return toCsv(
    PROJECT_CSV_COLUMNS.map(([, h]) => h),
    rows.map((r) => PROJECT_CSV_COLUMNS.map(([k]) => (typeof k === "function" ? k(r) : r[k]))),
  );
}

/** Projects as a JSON array (blank = null). */
export function projectsJson(rows: ExportProjectRow[]): string {
  return `${JSON.stringify(rows, null, 2)}\n`;
}

const command: CliCommand = {
  async run(args, io) {
    const { values, positionals } = parseCliArgs(args, {
      db: { type: "string" },
      format: { type: "string" },
      out: { type: "string" },
    });
    const [what, ...extra] = positionals;
    if (what !== "projects" || extra.length > 0) throw new CliUsageError("目前只能导出 projects");
    const format = stringFlag(values, "format") ?? "csv";
    if (format !== "csv" && format !== "json")
      throw new CliUsageError(`--format 只能是 csv 或 json（收到“${format}”）`);
    const dbPath = resolveDbPath(stringFlag(values, "db"), io.env);
    const absDb = resolve(io.cwd, dbPath);
    if (!existsSync(absDb)) {
      io.err(`数据库不存在：${dbPath}（请先运行 bot ingest）`);
      return 1;
    }
    const store = openStore(absDb);
    let body: string;
    try {
      const rows = await store.disclosures.exportProjects();
      body = format === "csv" ? projectsCsv(rows) : projectsJson(rows);
    } finally {
      await store.close();
    }
    const out = stringFlag(values, "out");
    if (out !== undefined) {
      writeFileSync(resolve(io.cwd, out), body);
      io.err(`已导出到 ${out}`);
    } else {
      io.write(body);
    }
    return 0;
  },
};

export default command;
