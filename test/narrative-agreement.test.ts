import { describe, expect, it } from "vitest";
import { narrativeAgreement } from "../src/answers/narrative-agreement.js";
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
      "情况说明（第21页）所述基本支出 7877.76 万元，与表列一致",
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
});
