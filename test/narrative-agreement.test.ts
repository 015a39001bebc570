import { describe, expect, it } from "vitest";
import { agreementWords, narrativeAgreement } from "../src/answers/narrative-agreement.js";
import type { Disclosure, Figure, NarrativeFact } from "../src/domain/types.js";

const fig = (text: string, fen: number, line: number, page: number): Figure => ({
  text,
  fen,
  unit: "万元",
  source: { file: "a.pdf", section: "s", line, place: { kind: "page", page, line: 1 } },
});
const fact = (figure: Figure): NarrativeFact => ({
  key: "expense.basic",
  label: "基本支出",
  figure,
  direction: null,
  sentence: "基本支出……",
});

describe("narrative agreement notes", () => {
  it("says the 情况说明 agrees when it states the table's amount", () => {
    const doc = { narrative: [fact(fig("7877.76", 787776_00, 50, 21))] } as unknown as Disclosure;
    expect(narrativeAgreement(doc, [["expense.basic", fig("7,877.76", 787776_00, 10, 10)]])).toEqual([
      "情况说明（第21页）所述基本支出 7,877.76 万元，与表列一致",
    ]);
  });
  it("shows both figures with their pages when the document contradicts itself", () => {
    const doc = { narrative: [fact(fig("6,522.75", 652275_00, 50, 10))] } as unknown as Disclosure;
    expect(narrativeAgreement(doc, [["expense.basic", fig("6,442.75", 644275_00, 9, 14)]])).toEqual([
      "情况说明（第10页）所述基本支出 6,522.75 万元，与表列 6,442.75 万元（第14页）不一致",
    ]);
  });
  it("gives no note when the shown figure is the narrative's own", () => {
    const f = fig("6,522.75", 652275_00, 50, 10);
    const doc = { narrative: [fact(f)] } as unknown as Disclosure;
    expect(narrativeAgreement(doc, [["expense.basic", f]])).toEqual([]);
  });
  it("says a 万元 statement agrees with a 元 table only at the precision it is printed to", () => {
    // 上海市普陀区社会福利院 2024: 收入预算1,212.12万元 (第6页) against 收入总计 12,121,164 元 (第7页).
    const table: Figure = { ...fig("12,121,164", 12_121_164_00, 9, 7), unit: "元" };
    expect(agreementWords(fig("1,212.12", 1212_120_000, 50, 6), table)).toBe(
      "与表列 12,121,164 元（第7页）按 0.01 万元取整一致",
    );
    // One hundredth of a 万元 off is a real difference, not rounding.
    expect(agreementWords(fig("1,212.11", 1212_110_000, 50, 6), table)).toBe(
      "与表列 12,121,164 元（第7页）不一致",
    );
    // A coarser table (6.4 万元) and a finer statement (6.40 万元) agree exactly.
    expect(agreementWords(fig("6.40", 6_400_000, 50, 16), fig("6.4", 6_400_000, 3, 15))).toBe("与表列一致");
    // 6.44 万元 said against a table printing 6.4 万元: equal at the table's 0.1 万元.
    expect(agreementWords(fig("6.44", 6_440_000, 50, 16), fig("6.4", 6_400_000, 3, 15))).toBe(
      "与表列 6.4 万元（第15页）按 0.1 万元取整一致",
    );
  });
  it("compares a one-fund table with the statement of that fund, and names the fund", () => {
    // 江苏省政协办公厅 2017: 基本支出 5,916.27 万元 (all funds) and 一般公共预算财政拨款基本支出 5,836.27 万元.
    const all = fact(fig("5,916.27", 591627_00, 63, 8));
    const general: NarrativeFact = { ...fact(fig("5,836.27", 583627_00, 141, 14)), scope: "general" };
    const doc = { narrative: [all, general] } as unknown as Disclosure;
    const table = fig("5,836.27", 583627_00, 9, 9);
    expect(narrativeAgreement(doc, [["expense.basic", table, ["general", "fiscal"]]])).toEqual([
      "情况说明（第14页）所述一般公共预算财政拨款基本支出 5,836.27 万元，与表列一致",
    ]);
    expect(
      narrativeAgreement({ narrative: [all] } as unknown as Disclosure, [
        ["expense.basic", table, ["general"]],
      ]),
    ).toEqual([]);
  });
});
