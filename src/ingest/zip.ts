/**
 * A zip of disclosures, unpacked in memory with limits: how many entries, how many bytes in all,
 * and how far an entry may expand (a zip bomb is refused, never inflated past the limit). Reads
 * the central directory and inflates each entry with node:zlib, whose `maxOutputLength` stops an
 * entry that grows beyond what its header declared or the total allows.
 */
import { inflateRawSync } from "node:zlib";
import { decodeText } from "./formats/decode.js";

/** Limits on one zip. */
export interface ZipLimits {
  /** Files in the zip (folders not counted). */
  maxEntries: number;
  /** Unpacked bytes of all files together. */
  maxTotalBytes: number;
  /** Unpacked size / packed size of one entry. */
  maxRatio: number;
}

/** Defaults: a department's year is a handful of files; real PDFs and workbooks compress < 20×. */
export const ZIP_LIMITS: ZipLimits = { maxEntries: 50, maxTotalBytes: 200 * 1024 * 1024, maxRatio: 100 };

/** One unpacked file. */
export interface ZipEntry {
  /** The entry's file name without its folders. */
  name: string;
  bytes: Uint8Array;
}

/** A zip refused as a whole; the message is the Chinese reason. */
export class ZipRefusedError extends Error {
  override name = "ZipRefusedError";
}

/** Is this a zip archive by its first bytes (and not an Office file, judged by name)? */
export function isZipArchive(bytes: Uint8Array, name: string): boolean {
  const zip = bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
  return zip && /\.zip$/i.test(name);
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

/** The end-of-central-directory record's offset, searched from the end (a comment may follow it). */
function findEnd(view: DataView): number {
  for (let i = view.byteLength - 22; i >= Math.max(0, view.byteLength - 22 - 0xffff); i--) {
    if (view.getUint32(i, true) === EOCD) return i;
  }
  throw new ZipRefusedError("压缩包已损坏（找不到目录）");
}

/** An entry's name: UTF-8 when flagged, else GBK/UTF-8 as the text decoder judges (Windows zips). */
function entryName(raw: Uint8Array, utf8: boolean): string {
  const full = utf8 ? new TextDecoder().decode(raw) : decodeText(raw);
  return full.split(/[\\/]/).pop() ?? full;
}

/** Unpack `bytes` within `limits`; throws ZipRefusedError naming the limit broken. */
export function unzipEntries(bytes: Uint8Array, limits: ZipLimits = ZIP_LIMITS): ZipEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < 22) throw new ZipRefusedError("压缩包已损坏");
  const end = findEnd(view);
  const count = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  const out: ZipEntry[] = [];
  let total = 0;
  for (let i = 0; i < count; i++) {
    if (at + 46 > bytes.length || view.getUint32(at, true) !== CENTRAL) {
      throw new ZipRefusedError("压缩包已损坏（目录不完整）");
    }
    const flags = view.getUint16(at + 8, true);
    const method = view.getUint16(at + 10, true);
    const packed = view.getUint32(at + 20, true);
    const declared = view.getUint32(at + 24, true);
    const nameLen = view.getUint16(at + 28, true);
    const extraLen = view.getUint16(at + 30, true);
    const commentLen = view.getUint16(at + 32, true);
    const local = view.getUint32(at + 42, true);
    const rawName = bytes.subarray(at + 46, at + 46 + nameLen);
    at += 46 + nameLen + extraLen + commentLen;
    const name = entryName(rawName, (flags & 0x800) !== 0);
    if (name === "" || name.startsWith(".") || name.startsWith("__MACOSX")) continue;
    if (out.length + 1 > limits.maxEntries) {
      throw new ZipRefusedError(`压缩包内文件超过 ${limits.maxEntries} 个，未导入`);
    }
    const room = limits.maxTotalBytes - total;
    // The stated sizes first; the inflate below holds the data to them whatever the headers say.
    const cap = Math.min(room, Math.max(packed, 1) * limits.maxRatio);
    if (declared > cap) throw bomb(limits);
    if (local + 30 > bytes.length || view.getUint32(local, true) !== LOCAL) {
      throw new ZipRefusedError("压缩包已损坏（文件头不完整）");
    }
    const start = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
    const data = bytes.subarray(start, start + packed);
    let content: Uint8Array;
    if (method === 0) content = data;
    else if (method === 8) {
      try {
        content = inflateRawSync(data, { maxOutputLength: Math.max(cap, 1) });
      } catch (err) {
        if (err instanceof RangeError || (err as { code?: string }).code === "ERR_BUFFER_TOO_LARGE")
          throw bomb(limits);
        throw new ZipRefusedError(`压缩包内的 ${name} 无法解压`);
      }
    } else throw new ZipRefusedError(`压缩包内的 ${name} 使用了不支持的压缩方式`);
    if (content.length > cap) throw bomb(limits);
    total += content.length;
    out.push({ name, bytes: new Uint8Array(content.buffer, content.byteOffset, content.length) });
  }
  return out;
}

function bomb(limits: ZipLimits): ZipRefusedError {
  const mb = Math.round(limits.maxTotalBytes / 1024 / 1024);
  return new ZipRefusedError(
    `压缩包解压后过大或压缩比异常（上限共 ${mb} MB、单个文件压缩比 ${limits.maxRatio} 倍），疑似压缩炸弹，未导入`,
  );
}
