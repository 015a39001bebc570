/** Paging words in command text: "--page 2", "第2页", "p2". */

/** Remove a paging word from argument text; returns the page (1 when none) and the rest. */
export function takePage(text: string): { page: number; rest: string } {
  const re = /(?:^|\s)(?:--page[=\s]+|第\s*|p)(\d{1,4})\s*页?(?=\s|$)/i;
  const m = re.exec(text);
  if (!m) return { page: 1, rest: text.trim() };
  return {
    page: Math.max(1, Number(m[1])),
    rest: (text.slice(0, m.index) + text.slice(m.index + m[0].length)).trim(),
  };
}
