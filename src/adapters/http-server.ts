/**
 * The one HTTP server on PORT that every platform in HTTP mode shares: each mounts its endpoint
 * path (/slack/events, /feishu/events, …); any other path is 404. Started only when something
 * was mounted.
 *
 * It is also the one guard in front of every route: a method the route does not take is 405
 * (with Allow), a handler that throws (or whose promise rejects) is logged with a reference id and
 * answered 500 while every other request goes on, and a shutdown first stops accepting (new
 * requests 503), then waits for the requests being served, then cuts what is left.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Logger } from "../domain/log.js";
import { logFault } from "../lifecycle/fault.js";
import { DRAIN_MS, inFlight } from "../lifecycle/in-flight.js";
import { createLogger } from "../lifecycle/log.js";
import type { HttpHandler, HttpRoutes, MountOptions } from "./contract.js";

/** The shared server: mount routes, then listen. */
export interface SharedHttpServer extends HttpRoutes {
  /** Mounted paths. */
  readonly paths: string[];
  /** Listen on `port` (0 = any free port) when a route was mounted; resolves to the port, or null. */
  listen(port: number, host?: string): Promise<number | null>;
  /** Stop accepting: no new connection, and a new request on a kept-alive one is answered 503. */
  stopAccepting(): void;
  /** Wait until every request being served was answered, at most `ms`; true when all were. */
  settle(ms?: number): Promise<boolean>;
  /** Stop accepting, let the requests being served finish (at most `ms`), then cut every connection. */
  close(ms?: number): Promise<void>;
}

/** Methods a route takes when it does not say (platform callbacks are POSTs). */
const DEFAULT_METHODS: readonly string[] = ["POST"];

/** Create the shared server (nothing listens until listen()); faults are logged to `log`. */
export function createSharedHttpServer(opts: { log?: Logger } = {}): SharedHttpServer {
  const log = opts.log ?? createLogger("info");
  const routes = new Map<string, { handler: HttpHandler; methods: readonly string[] }>();
  const serving = inFlight();
  let server: Server | undefined;
  let accepting = true;

  function fail(req: IncomingMessage, res: ServerResponse, path: string, err: unknown): void {
    const ref = logFault(log, "处理 HTTP 请求时出错", err, { path, method: req.method });
    if (!res.headersSent) {
      res
        .writeHead(500, { "content-type": "application/json" })
        .end(JSON.stringify({ error: "internal", ref }));
    } else if (!res.writableEnded) res.end();
  }

  function serve(req: IncomingMessage, res: ServerResponse): void {
    if (!accepting) {
      req.resume();
      res.writeHead(503, { connection: "close", "retry-after": "5" }).end();
      return;
    }
    const path = new URL(req.url ?? "/", "http://localhost").pathname;
    const route = routes.get(path);
    if (!route) {
      req.resume();
      res.writeHead(404).end();
      return;
    }
    const method = (req.method ?? "").toUpperCase();
    if (!route.methods.includes(method)) {
      req.resume();
      res.writeHead(405, { allow: route.methods.join(", ") }).end();
      return;
    }
    serving.track(new Promise<void>((resolve) => res.once("close", resolve)));
    try {
      const done = route.handler(req, res);
      if (done) done.catch((err: unknown) => fail(req, res, path, err));
    } catch (err) {
      fail(req, res, path, err);
    }
  }

  return {
    get paths() {
      return [...routes.keys()];
    },
    mount(path, handler, mountOpts?: MountOptions) {
      if (routes.has(path)) throw new Error(`HTTP path mounted twice: ${path}`);
      const methods = (mountOpts?.methods ?? DEFAULT_METHODS).map((m) => m.toUpperCase());
      routes.set(path, { handler, methods });
    },
    async listen(port, host) {
      if (routes.size === 0) return null;
      const srv = createServer(serve);
      await new Promise<void>((resolve, reject) => {
        srv.once("error", reject);
        srv.listen(port, host, () => resolve());
      });
      server = srv;
      accepting = true;
      return (srv.address() as AddressInfo).port;
    },
    stopAccepting() {
      accepting = false;
      server?.close();
    },
    settle: (ms = DRAIN_MS) => serving.drain(ms),
    async close(ms = DRAIN_MS) {
      const srv = server;
      accepting = false;
      if (!srv) return;
      const closed = new Promise<void>((resolve) => srv.close(() => resolve()));
      await serving.drain(ms);
      server = undefined;
      srv.closeAllConnections();
      await closed;
    },
  };
}

/** Largest request body an HTTP-mode platform accepts (callbacks are a few KB). */
export const MAX_BODY_BYTES = 1024 * 1024;

/**
 * Read a request body as UTF-8, answering 413 and dropping the request past MAX_BODY_BYTES;
 * `onBody` runs once with the whole body unless the response was already ended. The promise
 * settles when `onBody` did (a throw in it rejects, so the shared server's guard sees it).
 */
export function readBody(
  req: IncomingMessage,
  res: ServerResponse,
  onBody: (raw: string) => void | Promise<void>,
): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY_BYTES) {
        res.writeHead(413).end();
        req.destroy();
        resolve();
        return;
      }
      chunks.push(c);
    });
    req.on("error", () => resolve());
    req.on("end", () => {
      if (res.writableEnded) return resolve();
      try {
        Promise.resolve(onBody(Buffer.concat(chunks).toString("utf8"))).then(resolve, reject);
      } catch (err) {
        reject(err);
      }
    });
  });
}
