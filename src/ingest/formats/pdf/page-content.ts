/** What the reader takes from one page: its size, text pieces and ruling lines. */
import type { RawPage } from "./extract.js";
import { type Piece, piecesOf } from "./pieces.js";
import { type OpCodes, type Rulings, rulingsOf } from "./rulings.js";

/** One page's raw content in top-down coordinates. */
export interface PageContent {
  width: number;
  height: number;
  pieces: Piece[];
  rulings: Rulings;
}

/** A page's text pieces and rulings from what pdfjs gave for it. */
export function pageContent(page: RawPage, ops: OpCodes): PageContent {
  const m = page.transform;
  const toPage = (x: number, y: number): [number, number] => [
    m[0] * x + m[2] * y + m[4],
    m[1] * x + m[3] * y + m[5],
  ];
  const pieces = piecesOf(page.items, toPage);
  const rulings = rulingsOf(page.fnArray, page.argsArray, ops, m);
  return { width: page.width, height: page.height, pieces, rulings };
}
