/**
 * One number format per answer (issue 19): every figure is shown with thousands separators,
 * digits exactly as the document prints them. 万里街道 2024 prints its tables in 元 with
 * separators (156,211,123) and its 情况说明 in 万元 without (15621.11, 1662.44).
 */
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withSeparators } from "../src/domain/money.js";
import { type CorpusDb, openCorpusDb } from "./helpers/corpus-db.js";

/** Amounts of four or more integer digits printed without separators (`15621.11`, `1776000 元`). */
const UNSEPARATED = /(?<![\d,.])\d{4,}(?:\.\d+(?![\d年])| ?(?:万元|元|亿元))/g;

let corpus: CorpusDb;
let seed: CorpusDb;
beforeAll(async () => {
  corpus = await openCorpusDb(["上海市普陀区万里街道办事处2024年部门预算.pdf"]);
  seed = await openCorpusDb(["000_30685518d77b763b.txt"], path.resolve(import.meta.dirname, "../data"));
}, 120_000);
afterAll(() => {
  corpus.close();
  seed.close();
});

describe("one number format per answer", () => {
  it("separates thousands and keeps every digit", () => {
    expect(withSeparators("15621.11")).toBe("15,621.11");
    expect(withSeparators("642.976884")).toBe("642.976884");
    expect(withSeparators("-1234567")).toBe("-1,234,567");
    expect(withSeparators("11,168,569")).toBe("11,168,569");
    expect(withSeparators("0")).toBe("0");
    expect(withSeparators("未列示")).toBe("未列示");
  });

  it("万里街道 2024 overview: the 情况说明's 万元 figures are separated like the tables' 元", async () => {
    const text = await corpus.ask("/budget 万里街道 2024");
    expect(text).toContain("156,211,123 元");
    expect(text).toContain("1,662.44 万元"); // 政府采购预算, 情况说明 第32页 prints 1662.44
    expect(text).toContain("所述收入预算合计 15,621.11 万元"); // 第6页 prints 15621.11
    expect(text.match(UNSEPARATED) ?? []).toEqual([]);
  });

  it("万里街道 2024: 机关运行经费, 政府采购 and 三公 answers use the same format", async () => {
    for (const q of [
      "/budget 万里街道 2024 机关运行经费",
      "/budget 万里街道 2024 政府采购",
      "/budget 万里街道 2024 三公经费",
    ]) {
      const text = await corpus.ask(q);
      expect(text.match(UNSEPARATED) ?? [], q).toEqual([]);
    }
    expect(await corpus.ask("/budget 万里街道 2024 政府采购")).toMatch(/政府采购预算\s+1,662\.44/);
  });

  it("容东 2024: a check's finding shown under an answer or by /check uses the answer's format", async () => {
    const overview = await seed.ask("/budget 容东 2024");
    expect(overview).toContain("收入总计                   19,243.37");
    expect(overview).toContain("⚠ 情况说明「一般公共预算收入」 19,243.37 与");
    const check = await seed.ask("/check 容东 2024");
    expect(check).toContain("4,418.78 + 209.65 = 4,628.43");
    for (const text of [overview, check]) expect(text.match(UNSEPARATED) ?? []).toEqual([]);
  });
});
