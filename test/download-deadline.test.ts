/**
 * A file download that stalls ends at its deadline (adapters/download.ts): a peer that sends the
 * headers and part of the body, then nothing, must not hold the socket for ever.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fetchCapped } from "../src/adapters/download.js";

let server: Server;
let url: string;
beforeAll(async () => {
  server = createServer((req, res) => {
    res.writeHead(200, { "content-type": "application/pdf" });
    if (req.url === "/whole") res.end("%PDF-1.7 whole");
    else res.write("%PDF-1.7 first part, then silence"); // never ended
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

describe("fetchCapped", () => {
  it("reads a whole body within its deadline", async () => {
    const bytes = await fetchCapped(`${url}/whole`, 1000, {}, 5_000);
    expect(Buffer.from(bytes).toString()).toBe("%PDF-1.7 whole");
  });

  it("aborts a body that stalls once the deadline passes", async () => {
    await expect(fetchCapped(`${url}/stall`, 1000, {}, 200)).rejects.toThrow(/abort|timeout/i);
  });
});
