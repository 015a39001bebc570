/** What the reader takes from one pdfjs page: its size, text pieces and ruling lines. */
import type { PdfPage } from "./load.js";
import { pdfjs } from "./load.js";
import { type Piece, piecesOf, type RawTextItem } from "./pieces.js";
import { type Rulings, rulingsOf } from "./rulings.js";

/** One page's raw content in top-down coordinates. */
export interface PageContent {
  width: number;
  height: number;
  pieces: Piece[];
  rulings: Rulings;
}

/** Read a page's text pieces and rulings. */
export async function pageContent(page: PdfPage): Promise<PageContent> {
  const lib = await pdfjs();
  const viewport = page.getViewport({ scale: 1 });
  const m = viewport.transform as [number, number, number, number, number, number];
  const toPage = (x: number, y: number): [number, number] => [
    m[0] * x + m[2] * y + m[4],
    m[1] * x + m[3] * y + m[5],
  ];
  const text = await page.getTextContent();
  const items = text.items.filter((it): it is RawTextItem & typeof it => "str" in it);
  const pieces = piecesOf(items as RawTextItem[], toPage);
  const ops = await page.getOperatorList();
  const rulings = rulingsOf(ops.fnArray, ops.argsArray, lib.OPS, m);
  return { width: viewport.width, height: viewport.height, pieces, rulings };
}
