/**
 * Downloading a file a platform holds, with a byte cap enforced while the bytes arrive: a
 * Content-Length above the cap stops before the body is read, and a body that grows past it is
 * cancelled (DownloadTooLargeError). What every platform's file download shares.
 */
import { DownloadTooLargeError } from "../ingest/from-chat.js";
import { DOWNLOAD_MS } from "./deadline.js";

/**
 * GET `url` (with `headers`) into memory, at most `maxBytes`, within `deadlineMs` for the whole
 * download (the abort also ends a body that stalls); rejects on a non-2xx status.
 */
export async function fetchCapped(
  url: string,
  maxBytes: number,
  headers: Record<string, string> = {},
  deadlineMs: number = DOWNLOAD_MS,
): Promise<Uint8Array> {
  const res = await fetch(url, { headers, redirect: "follow", signal: AbortSignal.timeout(deadlineMs) });
  if (!res.ok) {
    await res.body?.cancel().catch(() => undefined);
    throw new Error(`download failed: HTTP ${res.status}`);
  }
  const declared = Number(res.headers.get("content-length") ?? Number.NaN);
  if (Number.isFinite(declared) && declared > maxBytes) {
    await res.body?.cancel().catch(() => undefined);
    throw new DownloadTooLargeError(maxBytes);
  }
  return res.body ? readCapped(res.body, maxBytes) : new Uint8Array();
}

/** Read a byte stream into memory, at most `maxBytes` (DownloadTooLargeError past it; the stream is left). */
export async function readCapped(
  stream: AsyncIterable<Uint8Array | string>,
  maxBytes: number,
): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of stream) {
    const bytes = typeof chunk === "string" ? new TextEncoder().encode(chunk) : chunk;
    total += bytes.length;
    if (total > maxBytes) throw new DownloadTooLargeError(maxBytes);
    chunks.push(bytes);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}
