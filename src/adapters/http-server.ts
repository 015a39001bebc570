/**
 * The one HTTP server on PORT that every platform in HTTP mode shares: each mounts its endpoint
 * path (/slack/events, /feishu/events, …); any other path is 404. Started only when something
 * was mounted.
 */
import { createServer, type Server } from "node:http";
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
