/**
 * A database of its own on the test run's PostgreSQL server (test/helpers/pg-global-setup.ts):
 * `freshPgUrl()` creates an empty database and returns its URL; every database made by a test
 * file is dropped when the file's tests end.
 */
import pg from "pg";
import { afterAll, inject } from "vitest";

const made: string[] = [];
let counter = 0;

/** The server's admin URL; throws the start error (why the server is missing) when there is none. */
export function pgAdminUrl(): string {
  const error = inject("pgStartError");
  if (error) throw new Error(error);
  return inject("pgAdminUrl");
}

/** Run one statement as admin. */
async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: pgAdminUrl() });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** A new, empty database on the test server; its URL. */
export async function freshPgUrl(): Promise<string> {
  counter += 1;
  const name = `t_${process.pid}_${Date.now().toString(36)}_${counter}`;
  await admin(`CREATE DATABASE ${name} TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'`);
  made.push(name);
  const url = new URL(pgAdminUrl());
  url.pathname = `/${name}`;
  return url.toString();
}

afterAll(async () => {
  for (const name of made.splice(0)) await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
});
