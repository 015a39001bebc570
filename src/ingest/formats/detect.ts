/**
 * Recognise a file's format by its content, never by its name: `%PDF`, a ZIP holding `word/`
 * (docx) or `xl/` (xlsx), the OLE2 signature (xls, WPS .et, legacy .doc/.wps), HTML markup,
 * text, or something else.
 */

/** What the content of a file is. "zip" is a ZIP that is neither docx nor xlsx. */
export type DetectedFormat = "pdf" | "docx" | "xlsx" | "ole2" | "html" | "text" | "zip" | "binary";

function startsWith(bytes: Uint8Array, sig: number[], at = 0): boolean {
  return sig.every((b, i) => bytes[at + i] === b);
}

/** Entry names of a ZIP archive, from its local file headers (no decompression needed). */
export function zipEntryNames(bytes: Uint8Array): string[] {
  const names: string[] = [];
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const decoder = new TextDecoder("utf-8");
  // Central directory entries (PK\x01\x02) hold every name, also when local headers use data descriptors.
  for (let i = 0; i + 46 <= bytes.length; i++) {
    if (bytes[i] !== 0x50 || bytes[i + 1] !== 0x4b) continue;
    if (bytes[i + 2] === 0x01 && bytes[i + 3] === 0x02) {
      const n = view.getUint16(i + 28, true);
      names.push(decoder.decode(bytes.subarray(i + 46, i + 46 + n)));
      i += 45 + n;
    } else if (bytes[i + 2] === 0x03 && bytes[i + 3] === 0x04 && i + 30 <= bytes.length) {
      const n = view.getUint16(i + 26, true);
      names.push(decoder.decode(bytes.subarray(i + 30, i + 30 + n)));
      i += 29 + n;
    }
  }
  return [...new Set(names)];
}

const HTML_MARKUP = /<(?:!doctype\s+html|html|head|body|table|meta|tr|td|p|div)[\s>/]/i;
const STRONG_MARKUP = /<(?:!doctype\s+html|html|table)[\s>]/i;

/** Markup: the text opens with a tag and holds HTML elements, or it holds `<html>`/`<table>` at all. */
function isMarkup(text: string): boolean {
  const t = text.replace(/^[\s\uFEFF]+/, "");
  return (t.startsWith("<") && HTML_MARKUP.test(t)) || STRONG_MARKUP.test(t);
}

/** A quick look at whether the start of a file is text: no NUL bytes, few control characters. */
function looksLikeText(head: Uint8Array): boolean {
  let control = 0;
  for (const b of head) {
    if (b === 0) return false;
    if (b < 0x09 || (b > 0x0d && b < 0x20 && b !== 0x1b)) control++;
  }
  return control <= head.length * 0.02;
}

function utf16Bom(bytes: Uint8Array): boolean {
  return startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff]);
}

/** Recognise the format of a file from its bytes. */
export function detectFormat(bytes: Uint8Array): DetectedFormat {
  // A PDF may carry a few junk bytes before its header; the header must be in the first KiB.
  const first = bytes.subarray(0, 1024);
  const pdfAt = new TextDecoder("latin1").decode(first).indexOf("%PDF-");
  if (pdfAt >= 0 && pdfAt < 1024) return "pdf";
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) || startsWith(bytes, [0x50, 0x4b, 0x05, 0x06])) {
    const names = zipEntryNames(bytes);
    if (names.some((n) => n.startsWith("word/"))) return "docx";
    if (names.some((n) => n.startsWith("xl/"))) return "xlsx";
    return "zip";
  }
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return "ole2";
  const head = bytes.subarray(0, 4096);
  if (utf16Bom(bytes)) {
    const text = new TextDecoder(bytes[0] === 0xff ? "utf-16le" : "utf-16be").decode(head);
    return isMarkup(text) ? "html" : "text";
  }
  if (!looksLikeText(head)) return "binary";
  // Markup in the first few KiB (Latin-1 view: tags are ASCII in every encoding we read).
  const ascii = new TextDecoder("latin1").decode(head);
  return isMarkup(ascii) ? "html" : "text";
}
