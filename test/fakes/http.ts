/** Helpers shared by the fake API servers: read a request body, listen on 127.0.0.1:0, wait for a record. */
import type { IncomingMessage, Server } from "node:http";
import type { AddressInfo } from "node:net";

/** Read the whole request body. */
export function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.once("end", () => resolve(Buffer.concat(chunks)));
    req.once("error", reject);
  });
}

/** Listen on an ephemeral loopback port and return it. */
export function listenLoopback(server: Server): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve((server.address() as AddressInfo).port));
  });
}

/** Close a server, cutting keep-alive connections so the close never hangs. */
export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

/** One part of a multipart/form-data body. */
export interface MultipartPart {
  name: string;
  filename?: string;
  contentType?: string;
  data: Buffer;
}

/** Parse a multipart/form-data body (enough for the SDKs' uploads). */
export function parseMultipart(body: Buffer, contentType: string): MultipartPart[] {
  const m = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
  const boundary = m?.[1] ?? m?.[2];
  if (!boundary) return [];
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: MultipartPart[] = [];
  let start = body.indexOf(delimiter);
  while (start !== -1) {
    const next = body.indexOf(delimiter, start + delimiter.length);
    if (next === -1) break;
    // part = CRLF headers CRLF CRLF data CRLF
    const part = body.subarray(start + delimiter.length + 2, next - 2);
    const headerEnd = part.indexOf("\r\n\r\n");
    if (headerEnd !== -1) {
      const headers = part.subarray(0, headerEnd).toString("utf8");
      const name = /(?:^|[;\s])name="([^"]*)"/i.exec(headers)?.[1] ?? "";
      // grammY writes filename=budget.csv unquoted; others quote it.
      const filename = /filename=(?:"([^"]*)"|([^;\r\n]*))/i
        .exec(headers)
        ?.slice(1)
        .find((v) => v !== undefined);
      const ctype = /content-type:\s*([^\r\n]+)/i.exec(headers)?.[1];
      parts.push({ name, filename, contentType: ctype, data: part.subarray(headerEnd + 4) });
    }
    start = next;
  }
  return parts;
}

/**
 * Wait until `find()` returns a value, polling every 10 ms; rejects after `limitMs`
 * (a bound so a broken test fails instead of hanging, not a timing assertion).
 */
export async function waitUntil<T>(find: () => T | undefined, what: string, limitMs = 30_000): Promise<T> {
  const deadline = Date.now() + limitMs;
  for (;;) {
    const found = find();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
