/**
 * Text pieces: pdfjs text items turned into top-down page coordinates and split at the spaces
 * inside them. pdfjs 5 combines neighbouring glyph runs into one item and inserts a space for gaps
 * under about 0.6 em, so one item may hold two table cells (`96,282,213.44 一、公共安全支出`);
 * splitting at spaces and estimating each character's x from its advance width undoes that.
 */

/** One run of non-space characters on the page, in top-down coordinates (points). */
export interface Piece {
  text: string;
  /** Left and right edge. */
  x0: number;
  x1: number;
  /** Baseline, measured from the top of the page. */
  y: number;
  /** Font size (em) in points. */
  size: number;
  /** x where each character starts (same length as `text`), for splitting at rulings. */
  charX: number[];
}

/** The part of a pdfjs TextItem this module reads. */
export interface RawTextItem {
  str: string;
  transform: number[];
  width: number;
  height: number;
}

/** Full-width characters (CJK ideographs, kana, full-width punctuation and forms). */
export function isWide(ch: string): boolean {
  const c = ch.codePointAt(0) ?? 0;
  return (
    (c >= 0x2e80 && c <= 0x9fff) ||
    (c >= 0xac00 && c <= 0xd7af) ||
    (c >= 0xf900 && c <= 0xfaff) ||
    (c >= 0xfe30 && c <= 0xfe4f) ||
    (c >= 0xff00 && c <= 0xff60) ||
    (c >= 0xffe0 && c <= 0xffe6) ||
    c === 0x2014 ||
    c === 0x2026 ||
    c === 0x201c ||
    c === 0x201d ||
    c === 0x2018 ||
    c === 0x2019 ||
    c >= 0x20000
  );
}

/** CJK ideographs and full-width punctuation, between which printed spaces are dropped. */
export function isCjk(ch: string): boolean {
  return isWide(ch);
}

const SPACE = /[\s\u00a0\u3000]/;

/**
 * Split text items into pieces. `toPage` maps PDF user space to top-down page coordinates.
 * Items that are not horizontal (rotated text) are kept with their start point only.
 */
export function piecesOf(items: RawTextItem[], toPage: (x: number, y: number) => [number, number]): Piece[] {
  const out: Piece[] = [];
  for (const item of items) {
    const str = item.str.normalize("NFC");
    if (!str.trim()) continue;
    const [a = 0, b = 0, c = 0, d = 0, e = 0, f = 0] = item.transform;
    const size = Math.hypot(c, d) || Math.hypot(a, b) || item.height || 10;
    // Start and end of the text's advance on the page (the item may be rotated in PDF space,
    // e.g. on a page with /Rotate 90 whose text is drawn turned so that it reads upright).
    const n = Math.hypot(a, b) || 1;
    const [x, y] = toPage(e, f);
    const [xEnd, yEnd] = toPage(e + (item.width * a) / n, f + (item.width * b) / n);
    const upright = Math.abs(xEnd - x) >= Math.abs(yEnd - y);
    const width = upright ? Math.abs(xEnd - x) : item.width;
    const chars = Array.from(str);
    // Estimated advance of each character: wide 1 em, others half an em, scaled to the item width.
    const weights = chars.map((ch) => (isWide(ch) ? 1 : SPACE.test(ch) ? 0.5 : 0.55));
    const total = weights.reduce((s, w) => s + w, 0) || 1;
    const unit = width / total;
    let cursor = Math.min(x, xEnd || x);
    let current: { text: string; charX: number[]; x0: number; x1: number } | null = null;
    const flush = () => {
      if (current?.text) {
        out.push({ text: current.text, x0: current.x0, x1: current.x1, y, size, charX: current.charX });
      }
      current = null;
    };
    chars.forEach((ch, i) => {
      const w = (weights[i] ?? 0.5) * unit;
      if (SPACE.test(ch)) {
        flush();
      } else {
        current ??= { text: "", charX: [], x0: cursor, x1: cursor };
        current.text += ch;
        current.charX.push(cursor);
        current.x1 = cursor + w;
      }
      cursor += w;
    });
    flush();
  }
  return out;
}
