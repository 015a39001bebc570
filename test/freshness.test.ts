import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { storeDisclosure } from "../src/ingest/store-disclosure.js";
import { closeDb } from "../src/store/sqlite/db.js";
import { openSqliteStore, sqliteStore } from "../src/store/sqlite/store.js";
import { parseText } from "./helpers/parse-text.js";
import { DATA_DIR, startTestBot, type TestBot } from "./helpers/test-bot.js";

let bot: TestBot;
beforeAll(async () => {
  bot = await startTestBot();
});
afterAll(() => bot.close());

describe("a running bot and a `bot ingest` beside it", () => {
  it("answers about a document another process ingested, without a restart", async () => {
    const before = await bot.ask("/budget 某区财政局 2023 三公");
    expect(before.kind).toBe("error");
    // Another connection (as `bot ingest` in another process would) stores a new department.
    const other = openSqliteStore(join(bot.dir, "budget.db")).db;
    try {
      const text = readFileSync(join(DATA_DIR, "002_4b6394e1ed3c65b9.txt"), "utf8");
      await storeDisclosure(
        sqliteStore(other),
        parseText(text, "002-copy.txt", { department: "某区财政局", year: 2023 }),
      );
    } finally {
      closeDb(other);
    }
    const after = await bot.ask("/budget 某区财政局 2023 三公");
    expect(after.kind).toBe("answer");
    expect(after.table?.totals?.[0]).toEqual(["合计", "260"]);
    const search = await bot.ask("/project 一般债券本息 某区财政局");
    expect(search.fields?.find((f) => f.label === "单位")?.value).toBe("某区财政局");
  });
});
