/**
 * Decoding the bytes of a text or HTML file into a string.
 *
 * Order: a byte order mark decides; otherwise the bytes must be valid UTF-8. (Charset detection
 * for GB18030/GBK/GB2312 and a declared charset are added by the HTML/Office readers.)
 */
import { UnreadableFileError } from "./errors.js";

/** Decode text bytes: BOM first (UTF-8, UTF-16 LE/BE), else UTF-8. Refuses binary content. */
export function decodeText(bytes: Uint8Array, declared?: string | null): string {
  void declared;
  let text: string;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    text = new TextDecoder("utf-8").decode(bytes.subarray(3));
  } else if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    text = new TextDecoder("utf-16le").decode(bytes.subarray(2));
  } else if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    text = new TextDecoder("utf-16be").decode(bytes.subarray(2));
  } else {
    try {
      text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    } catch {
      throw new UnreadableFileError("文件不是 UTF-8 文本，无法识别其编码");
    }
  }
  if (text.includes("\u0000")) throw new UnreadableFileError("文件不是文本（含二进制内容）");
  return text;
}
