/**
 * Leader election for single-consumer platforms on PostgreSQL (store/postgres/leader.ts): of two
 * instances one leads; when it releases or its connection is killed, the other takes over.
 */
import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { AdvisoryLeader } from "../src/store/postgres/leader.js";
import { freshPgUrl } from "./helpers/pg.js";

const leaders: AdvisoryLeader[] = [];
afterEach(async () => {
  for (const l of leaders.splice(0)) await l.release();
});

async function two(role = "telegram-polling"): Promise<[AdvisoryLeader, AdvisoryLeader, string]> {
  const url = await freshPgUrl();
  const a = new AdvisoryLeader(url, role);
  const b = new AdvisoryLeader(url, role);
  leaders.push(a, b);
  return [a, b, url];
}

describe("advisory-lock leader election", () => {
  it("lets one instance of two lead a role, and another role have its own leader", async () => {
    const [a, b, url] = await two();
    expect(await a.tryLead()).toBe(true);
    expect(await b.tryLead()).toBe(false);
    expect(await a.tryLead()).toBe(true);
    const other = new AdvisoryLeader(url, "feishu-connection");
    leaders.push(other);
    expect(await other.tryLead()).toBe(true);
  });

  it("hands over when the leader releases", async () => {
    const [a, b] = await two();
    expect(await a.tryLead()).toBe(true);
    await a.release();
    expect(await b.tryLead()).toBe(true);
    expect(await a.tryLead()).toBe(false);
  });

  it("fails over when the leader's connection dies", async () => {
    const [a, b, url] = await two();
    expect(await a.tryLead()).toBe(true);
    const pid = await a.backendPid();
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    try {
      // With a timeout the call returns once the backend has exited (and its locks are gone).
      await admin.query("SELECT pg_terminate_backend($1, 10000)", [pid]);
    } finally {
      await admin.end();
    }
    // The server dropped the dead session's lock; the other instance takes the role on its next try.
    expect(await b.tryLead()).toBe(true);
  });
});
