/**
 * Page furniture: page numbers (`- 9 -`, `第3页`, `3/31`) and running headers or footers (the
 * same text at the same height on several pages) in the top and bottom bands of a page.
 */
import type { PageLayout } from "./page-layout.js";

const PAGE_NUMBER =
  /^([-—–－·.\s]*\d{1,4}[-—–－·.\s]*|第\s*\d{1,4}\s*页(\s*[,，/／]?\s*共\s*\d{1,4}\s*页)?|\d{1,4}\s*[/／]\s*\d{1,4}|page\s*\d+(\s*of\s*\d+)?)$/i;

/** Remove page numbers and running headers/footers from the free lines of each page (in place). */
export function dropPageFurniture(pages: PageLayout[]): void {
  const band = (p: PageLayout, y: number) => y < p.height * 0.1 || y > p.height * 0.9;
  const key = (text: string, y: number) => `${Math.round(y / 4)}|${text.replace(/\d+/g, "#")}`;
  const seen = new Map<string, number>();
  for (const p of pages) {
    const keys = new Set(p.lines.filter((l) => band(p, l.y)).map((l) => key(l.text, l.y)));
    for (const k of keys) seen.set(k, (seen.get(k) ?? 0) + 1);
  }
  const repeated = Math.max(3, Math.ceil(pages.length / 3));
  for (const p of pages) {
    p.lines = p.lines.filter((l) => {
      if (!band(p, l.y)) return true;
      if (PAGE_NUMBER.test(l.text.trim())) return false;
      return (seen.get(key(l.text, l.y)) ?? 0) < repeated;
    });
  }
}
