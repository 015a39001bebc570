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

/** Turn a full (unpaged) reply into a short reply carrying its table as a CSV file. */
export function asCsvExport(full: Reply, filename: string): Reply {
  const table = full.table;
  if (!table) return full;
  const rows = [...table.rows, ...(table.totals ?? [])];
  // A note explaining a mark in the cells ("* 表中未填，取自情况说明…") travels with the rows.
  // The unit travels with the rows: the heading's unit (`（元）`) when the headers do not say it;
  // cells of a table mixing units carry their own unit.
  const unit = /（(亿元|万元|元)）$/.exec(full.heading)?.[1];
  const headersSayUnit = table.columns.some((c) => /（(亿元|万元|元)）$/.test(c.header));
  const sources = [
    ...(unit && !headersSayUnit ? [[`金额单位：${unit}`]] : []),
    ...(full.notes ?? []).filter((n) => n.startsWith("* ")).map((n) => [n]),
    ...(full.sources ?? []).map((s) => [`来源：${formatSource(s)}`]),
  ];
  const content = toCsv(
    table.columns.map((c) => c.header),
    [...rows, ...(sources.length ? [[], ...sources] : [])],
  );
  return {
    heading: full.heading,
    text: [`已导出 ${rows.length} 行（CSV，UTF-8）：${filename}`],
    warnings: full.warnings,
    sources: full.sources?.slice(0, 3),
    notes:
      (full.sources?.length ?? 0) > 3 ? [`共 ${full.sources?.length} 处来源，均列在 CSV 末尾`] : undefined,
    attachment: { filename, mime: "text/csv", content },
    kind: "answer",
  };
}
