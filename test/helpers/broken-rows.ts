/**
 * A Word text export ends a table row at a blank line inside a cell, so one row of a project's
 * indicator table can print as several short rows (`"" | 时效指标 | 项目完成时间`, then
 * `项目完成时间`, then `≤12月 | ""`). The file the row came from had one row: after an indicator
 * header (`一级指标 | 二级指标 | …`), consecutive rows shorter than the header whose cell counts
 * add up to exactly its width are one row.
 */
export function rejoinBrokenRows<T>(rows: T[][], textOf: (cell: T) => string): T[][] {
  const out: T[][] = [];
  let width = 0;
  let i = 0;
  while (i < rows.length) {
    const row = rows[i] as T[];
    const squashed = row.map((c) => textOf(c).replace(/\s+/g, ""));
    if (squashed.includes("一级指标") && squashed.includes("二级指标")) width = row.length;
    if (width > 0 && row.length < width) {
      let sum = row.length;
      let j = i + 1;
      while (j < rows.length && sum < width && (rows[j] as T[]).length < width) {
        sum += (rows[j] as T[]).length;
        j++;
      }
      if (sum === width && j - i > 1) {
        out.push(rows.slice(i, j).flat());
        i = j;
        continue;
      }
    }
    out.push(row);
    i++;
  }
  return out;
}
