/**
 * RFC 4180 CSV: fields quoted when they contain a comma, quote, CR or LF; quotes doubled;
 * CRLF line ends; UTF-8 BOM in front so spreadsheet programs read Chinese correctly.
 */

/** The byte-order mark that makes Excel read the file as UTF-8. */
export const UTF8_BOM = "\uFEFF";

/** One CSV field; null/undefined is an empty field. */
export function csvField(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return "";
  const s = String(value);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** A whole CSV document: BOM, header, rows, each line ending in CRLF. */
export function toCsv(header: string[], rows: Array<Array<string | number | null | undefined>>): string {
  const lines = [header, ...rows].map((r) => r.map(csvField).join(","));
  return `${UTF8_BOM}${lines.map((l) => `${l}\r\n`).join("")}`;
}
