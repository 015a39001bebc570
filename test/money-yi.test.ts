/**
 * Amounts in 亿元: a 情况说明 of a large department may state its totals in 亿元. They are read
 * exactly into 分, shown as printed in 亿元, and compared with 万元 tables exactly.
 */
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { agreementWords } from "../src/answers/narrative-agreement.js";
import { amountInText } from "../src/checks/amount-text.js";
import { formatInUnit, parseAmount } from "../src/domain/money.js";
import type { Figure } from "../src/domain/types.js";
import { readNarrativeText } from "../src/ingest/narrative.js";
import { storeDisclosure } from "../src/ingest/store-disclosure.js";
import { closeDb } from "../src/store/sqlite/db.js";
import { openSqliteStore, sqliteStore } from "../src/store/sqlite/store.js";
import { parseText } from "./helpers/parse-text.js";
import { startTestBot, type TestBot } from "./helpers/test-bot.js";

// Written for this test in the template's wording (no corpus file states 亿元).
const SENTENCE =
  "2025年收入预算总计12.35亿元，其中：一般公共预算拨款收入11.2亿元，占90.69%；上年结转11,500.00万元。";

describe("亿元 amounts", () => {
  it("parses and formats 亿元 exactly in 分", () => {
    expect(parseAmount("12.35", "亿元")).toBe(123_500_000_000);
    expect(parseAmount("0.0000000001", "亿元")).toBe(1);
    expect(parseAmount("0.00000000001", "亿元")).toBeNull();
    expect(formatInUnit(123_500_000_000, "亿元")).toBe("12.35");
    expect(formatInUnit(112_000_000_000, "亿元")).toBe("11.20");
    expect(formatInUnit(123_456_789_012, "亿元")).toBe("12.3456789012");
    expect(amountInText("不超过1.5亿元")).toMatchObject({ op: "≤", unit: "亿元", fen: 15_000_000_000 });
  });
  it("reads 亿元 statements in a sentence, each figure in its own unit", () => {
    const r = readNarrativeText(`第二部分 情况说明\n${SENTENCE}`, "yi.txt");
    const pick = (key: string) => r.facts.find((f) => f.key === key && f.direction === null)?.figure;
    expect(pick("income.total")).toMatchObject({ text: "12.35", unit: "亿元", fen: 123_500_000_000 });
    expect(pick("income.general")).toMatchObject({ text: "11.2", unit: "亿元", fen: 112_000_000_000 });
    expect(pick("income.carryover")).toMatchObject({ text: "11,500.00", unit: "万元", fen: 11_500_000_000 });
  });
  it("says a 亿元 statement agrees with the 万元 table it rounds", () => {
    const at = (text: string, fen: number, unit: Figure["unit"]): Figure => ({
      text,
      fen,
      unit,
      source: { file: "a", section: "s", line: 1, place: { kind: "page", page: 3, line: 1 } },
    });
    expect(
      agreementWords(at("12.35", 123_500_000_000, "亿元"), at("123,500.00", 123_500_000_000, "万元")),
    ).toBe("与表列一致");
    expect(
      agreementWords(at("12.35", 123_500_000_000, "亿元"), at("123,456.78", 123_456_780_000, "万元")),
    ).toBe("与表列 123,456.78 万元（第3页）按 0.01 亿元取整一致");
  });
});

describe("/budget shows 亿元 figures as printed", () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot();
    const db = openSqliteStore(join(bot.dir, "budget.db")).db;
    try {
      const text = ["某省教育厅2025年部门预算", "第二部分 部门预算情况说明", SENTENCE].join("\n");
      await storeDisclosure(
        sqliteStore(db),
        parseText(text, "yi.txt", { department: "某省教育厅", year: 2025 }),
      );
    } finally {
      closeDb(db);
    }
  });
  afterAll(() => bot.close());
  it("answers the overview with 12.35 亿元 and its line", async () => {
    const text = await bot.askText("/budget 某省教育厅 2025");
    expect(text).toMatch(/收入总计\s+12\.35 亿元/);
    expect(text).toMatch(/11\.2 亿元/);
    expect(text).toMatch(/yi\.txt/);
    // 11.2 亿元 + 11,500.00 万元 = 12.35 亿元: the sentence adds up, so no warning.
    expect(text).not.toContain("不一致");
  });
  it("says which unit each part of a mixed-unit sum is in", async () => {
    const { sumAmount } = await import("../src/checks/compare.js");
    const part = (text: string, fen: number, unit: Figure["unit"]) => ({
      label: text,
      text,
      fen,
      unit,
      source: { file: "a", section: "s", line: 1 },
    });
    const sum = sumAmount("各项之和", [
      part("11.2", 112_000_000_000, "亿元"),
      part("3,500.00", 3_500_000_000, "万元"),
    ]);
    expect(sum?.text).toBe("11.2 亿元 + 3,500.00 万元 = 11.55 亿元");
  });
});
