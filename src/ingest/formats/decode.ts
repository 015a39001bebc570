/**
 * Text decoding for text and HTML files: a byte order mark wins, then the charset the file
 * declares (`<meta charset>`, `content="text/html; charset=gbk"`, the XML prolog), then
 * detection: valid UTF-8 first, otherwise chardet's guess among the Chinese encodings
 * (GB18030 ⊃ GBK ⊃ GB2312, Big5), GB18030 when in doubt (the documents are mainland ones).
 */
import chardet from "chardet";
import iconv from "iconv-lite";
import { UnreadableFileError } from "./errors.js";

const UTF8_BOM = [0xef, 0xbb, 0xbf];

/** The encoding a byte order mark names, with the BOM's length; null without a BOM. */
function bomEncoding(bytes: Uint8Array): { encoding: string; skip: number } | null {
  if (UTF8_BOM.every((b, i) => bytes[i] === b)) return { encoding: "utf-8", skip: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: "utf-16le", skip: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: "utf-16be", skip: 2 };
  return null;
}

/**
 * The charset a file's head declares: `<meta charset="gb2312">`,
 * `<meta http-equiv="Content-Type" content="text/html; charset=gbk">` or
 * `<?xml version="1.0" encoding="GBK"?>`; lower-cased, null when nothing is declared.
 */
export function declaredCharset(bytesHead: Uint8Array): string | null {
  // Latin-1 maps every byte to one character, so ASCII markup reads the same in any
  // ASCII-compatible encoding.
  const head = Buffer.from(bytesHead.subarray(0, 4096)).toString("latin1");
  const xml = /^\s*<\?xml[^>]*\bencoding\s*=\s*["']?([\w.:-]+)/i.exec(head);
  if (xml?.[1]) return xml[1].toLowerCase();
  const meta = /<meta\b[^>]*?\bcharset\s*=\s*["']?\s*([\w.:-]+)/i.exec(head);
  if (meta?.[1]) return meta[1].toLowerCase();
  return null;
}

/** Whether the bytes are well-formed UTF-8. */
function isUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** Whether the bytes hold any byte ≥ 0x80 (anything beyond ASCII). */
function hasHighBytes(bytes: Uint8Array): boolean {
  for (const b of bytes) if (b >= 0x80) return true;
  return false;
}

/** Normalise a charset label to the decoder to use: the GB family reads as GB18030 (a superset). */
function decoderLabel(label: string): string | null {
  const l = label.trim().toLowerCase();
  if (/^(?:gb2312|gbk|x-gbk|gb18030|cp936|ms936|windows-936|euc-cn|csgb2312|chinese)$/.test(l))
    return "gb18030";
  if (/^(?:utf-?8|unicode-1-1-utf-8)$/.test(l)) return "utf-8";
  try {
    return new TextDecoder(l).encoding;
  } catch {
    return iconv.encodingExists(l) ? l : null;
  }
}

/** Bytes chardet looks at: enough to tell the encoding, few enough to stay fast on big files. */
const DETECT_BYTES = 64 * 1024;

/**
 * Guess the encoding of bytes that are not UTF-8. Mainland documents: GB18030 unless chardet is
 * fairly sure of Big5 (≥ 50 and above GB18030; on short GBK text the two tie).
 */
function detectLegacy(bytes: Uint8Array): string {
  const candidates = chardet.analyse(bytes.subarray(0, DETECT_BYTES));
  const confidence = (name: string) => candidates.find((c) => c.name === name)?.confidence ?? 0;
  const top = candidates[0]?.name ?? "";
  if (/^UTF-16/.test(top) && (candidates[0]?.confidence ?? 0) >= 90) return top.toLowerCase();
  const big5 = confidence("Big5");
  if (big5 >= 50 && big5 > confidence("GB18030")) return "big5";
  return "gb18030";
}

function decodeWith(encoding: string, bytes: Uint8Array): string {
  try {
    return new TextDecoder(encoding).decode(bytes);
  } catch {
    return iconv.decode(Buffer.from(bytes), encoding);
  }
}

/**
 * Decode a text or HTML file: BOM, then the declared charset (`declared`, or what the file's
 * head declares), then detection. A file declaring a legacy charset whose bytes are valid
 * UTF-8 with non-ASCII text is read as UTF-8 (templates copied with a stale `<meta>`).
 * Throws UnreadableFileError for binary content (NUL characters).
 */
export function decodeText(bytes: Uint8Array, declared?: string | null): string {
  const text = decodeBytes(bytes, declared);
  if (text.includes("\u0000"))
    throw new UnreadableFileError("文件不是文本（含二进制内容）", "unreadable", "not-a-disclosure");
  return text;
}

/**
 * The bytes without a UTF-8 sequence cut off at the very end (a file copied or downloaded only in
 * part ends in the middle of a character); other bytes unchanged.
 */
function withoutCutCharacter(bytes: Uint8Array): Uint8Array {
  const n = bytes.length;
  for (let back = 1; back <= Math.min(3, n); back++) {
    const b = bytes[n - back] as number;
    if ((b & 0xc0) === 0x80) continue; // continuation byte: look further back
    const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    return need > back ? bytes.subarray(0, n - back) : bytes;
  }
  return bytes;
}

function decodeBytes(whole: Uint8Array, declared?: string | null): string {
  const bom = bomEncoding(whole);
  if (bom) return decodeWith(bom.encoding, whole.subarray(bom.skip));
  const cut = withoutCutCharacter(whole);
  const bytes = isUtf8(cut) ? cut : whole;
  const utf8 = isUtf8(bytes);
  const label = declared ?? declaredCharset(bytes);
  const fromLabel = label ? decoderLabel(label) : null;
  if (fromLabel && fromLabel !== "utf-8" && !(utf8 && hasHighBytes(bytes)))
    return decodeWith(fromLabel, bytes);
  if (utf8) return new TextDecoder("utf-8").decode(bytes);
  return decodeWith(detectLegacy(bytes), bytes);
}
