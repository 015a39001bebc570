/** CSV export of a reply's whole table (every row, not one page), as a Reply attachment. */

import { toCsv } from "../reply/csv.js";
import type { Reply, ReplyAction } from "../reply/reply.js";
import { formatSource } from "../reply/reply.js";

/** Words that ask for a CSV export in a command line. */
const EXPORT_WORDS = ["导出", "export", "csv", "CSV"];

/** Remove an export word from argument text. */
export function takeExport(text: string): { exportCsv: boolean; rest: string } {
  const words = text.split(/\s+/).filter(Boolean);
  const kept = words.filter((w) => !EXPORT_WORDS.includes(w));
  return { exportCsv: kept.length !== words.length, rest: kept.join(" ") };
}

/** The "导出 CSV" button for a paged reply; `command` is the line without paging words. */
export function exportAction(command: string): ReplyAction {
  return { label: "导出 CSV", command: `${command} 导出`, kind: "export" };
}

/** A printed amount: digits with thousands separators, an optional unit, an optional mark (`*`). */
const AMOUNT = /^(-?[\d,]+(?:\.\d+)?)\s*(亿元|万元|元)?\s*(\*?)$/;

/** A money cell as a CSV number (no separators) and what it says besides (mark, 未列示, own unit). */
function numericCell(cell: string, column: string): { value: string; mark?: string } {
  const t = cell.trim();
  const m = AMOUNT.exec(t);
  if (!m) return t === "" ? { value: "" } : { value: "", mark: `${column}：${t}` };
  const marks = [m[2] ? `单位${m[2]}` : "", m[3] ?? ""].filter(Boolean).join(" ");
  return { value: (m[1] as string).replace(/,/g, ""), mark: marks ? `${column}：${marks}` : undefined };
}

/** "导出" file names: department, year and topic, without characters file systems refuse. */
export function exportFileName(...parts: Array<string | number | null | undefined>): string {
  const name = parts
    .filter((p) => p !== null && p !== undefined && String(p).trim() !== "")
    .map((p) => String(p).replace(/[\\/:*?"<>|\s]+/g, "_"))
    .join("-");
  return `${name || "export"}.csv`;
}

/**
 * Turn a full (unpaged) reply into a short reply carrying its table as a CSV file: money columns
 * as plain numbers (unit in the header), names without indentation, marks (`*`, 未列示, a cell's own
 * unit) in a 标注 column, the notes explaining them and every source in a 来源 column below.
 */
export function asCsvExport(full: Reply, filename: string): Reply {
  const table = full.table;
  if (!table) return full;
  const rows = [...table.rows, ...(table.totals ?? [])];
  const unit = /（(亿元|万元|元)）$/.exec(full.heading)?.[1];
  const money = table.columns.map((c) => c.align === "right");
  const header = table.columns.map((c, i) =>
    money[i] && unit && !/（(亿元|万元|元)）$/.test(c.header) ? `${c.header}（${unit}）` : c.header,
  );
  const body = rows.map((r) => {
    const marks: string[] = [];
    const cells = r.map((cell, i) => {
      if (!money[i]) return cell.replace(/^[\s\u3000]+/, "");
      const n = numericCell(cell, table.columns[i]?.header ?? "");
      if (n.mark) marks.push(n.mark);
      return n.value;
    });
    return [...cells, marks.join("；"), ""];
  });
  const blank = table.columns.map(() => "");
  const below = [
    ...(full.notes ?? [])
      .filter((n) => n.startsWith("* ") || n.startsWith("未列示"))
      .map((n) => [...blank, n, ""]),
    ...(full.sources ?? []).map((s) => [...blank, "", formatSource(s)]),
  ];
  const content = toCsv([...header, "标注", "来源"], [...body, ...below]);
  return {
    heading: full.heading,
    text: [`已导出 ${rows.length} 行（CSV，UTF-8）：${filename}`],
    warnings: full.warnings,
    sources: full.sources?.slice(0, 3),
    notes:
      (full.sources?.length ?? 0) > 3
        ? [`共 ${full.sources?.length} 处来源，均列在 CSV 的来源列`]
        : undefined,
    attachment: { filename, mime: "text/csv", content },
    kind: "answer",
  };
}
