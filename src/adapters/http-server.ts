/**
 * The one HTTP server on PORT that every platform in HTTP mode shares: each mounts its endpoint
 * path (/slack/events, /feishu/events, …); any other path is 404. Started only when something
 * was mounted.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { HttpHandler, HttpRoutes } from "./contract.js";

/** The shared server: mount routes, then listen. */
export interface SharedHttpServer extends HttpRoutes {
  /** Mounted paths. */
  readonly paths: string[];
  /** Listen on `port` (0 = any free port) when a route was mounted; resolves to the port, or null. */
  listen(port: number): Promise<number | null>;
  close(): Promise<void>;
}

/** Create the shared server (nothing listens until listen()). */
export function createSharedHttpServer(): SharedHttpServer {
  const routes = new Map<string, HttpHandler>();
  let server: Server | undefined;
  return {
    get paths() {
      return [...routes.keys()];
    },
    mount(path, handler) {
      if (routes.has(path)) throw new Error(`HTTP path mounted twice: ${path}`);
      routes.set(path, handler);
    },
    async listen(port) {
      if (routes.size === 0) return null;
      const srv = createServer((req, res) => {
        const path = new URL(req.url ?? "/", "http://localhost").pathname;
        const handler = routes.get(path);
        if (!handler) {
          res.writeHead(404).end();
          return;
        }
        handler(req, res);
      });
      await new Promise<void>((resolve, reject) => {
        srv.once("error", reject);
        srv.listen(port, () => resolve());
      });
      server = srv;
      return (srv.address() as AddressInfo).port;
    },
    async close() {
      const srv = server;
      server = undefined;
      if (!srv) return;
      await new Promise<void>((resolve) => {
        srv.close(() => resolve());
        srv.closeAllConnections();
      });
    },
  };
}

/** Largest request body an HTTP-mode platform accepts (callbacks are a few KB). */
export const MAX_BODY_BYTES = 1024 * 1024;

/**
 * Read a request body as UTF-8, answering 413 and dropping the request past MAX_BODY_BYTES;
 * `onBody` runs once with the whole body unless the response was already ended.
 */
export function readBody(req: IncomingMessage, res: ServerResponse, onBody: (raw: string) => void): void {
  const chunks: Buffer[] = [];
  let size = 0;
  req.on("data", (c: Buffer) => {
    size += c.length;
    if (size > MAX_BODY_BYTES) {
      res.writeHead(413).end();
      req.destroy();
      return;
    }
    chunks.push(c);
  });
  req.on("end", () => {
    if (res.writableEnded) return;
    onBody(Buffer.concat(chunks).toString("utf8"));
  });
}
