import { describe, expect, it } from "vitest";
import {
  compareAsPrinted,
  exactWanDecimals,
  formatWan,
  formatYuan,
  parseAmount,
  parsePercent,
  plainYuan,
  printedPrecision,
  printedStepFen,
  sumFen,
} from "../src/domain/money.js";

describe("money", () => {
  it("parses 万元 decimal text into exact integer 分", () => {
    expect(parseAmount("18401.67", "万元")).toBe(18401670000);
    expect(parseAmount(" 1125.81 ", "万元")).toBe(1125810000);
    expect(parseAmount("0.00", "万元")).toBe(0);
    expect(parseAmount("1,234.5", "万元")).toBe(1234500000);
    expect(parseAmount("１８．５", "万元")).toBe(18500000);
    expect(parseAmount("0.1", "万元")! + parseAmount("0.2", "万元")!).toBe(parseAmount("0.3", "万元"));
    // 万元 has six decimal places of 分: 0.000001 万元 is one 分.
    expect(parseAmount("0.000001", "万元")).toBe(1);
    expect(parseAmount("306.942994", "万元")).toBe(306942994);
  });

  it("parses a 元 amount with cents exactly: 6429768.84元 is 642976884 分", () => {
    expect(parseAmount("6429768.84", "元")).toBe(642976884);
    expect(parseAmount("6,429,768.84", "元")).toBe(642976884);
    expect(parseAmount("12.5", "元")).toBe(1250);
    expect(parseAmount("1,200", "元")).toBe(120000);
    expect(parseAmount("-0.01", "元")).toBe(-1);
  });

  it("refuses text that is not a plain amount, needs sub-分 precision or exceeds 2^53 分", () => {
    expect(parseAmount("", "万元")).toBeNull();
    expect(parseAmount("——", "万元")).toBeNull();
    expect(parseAmount("≥95%", "万元")).toBeNull();
    expect(parseAmount("12.345", "元")).toBeNull();
    expect(parseAmount("0.0000001", "万元")).toBeNull();
    // 2^53 − 1 分 is the largest exact amount; one 分 more is refused, never rounded.
    expect(parseAmount("90071992547409.91", "元")).toBe(Number.MAX_SAFE_INTEGER);
    expect(parseAmount("90071992547409.92", "元")).toBeNull();
    expect(parseAmount("9007199254.740992", "万元")).toBeNull();
  });

  it("formats integer 分 as 万元 text, rounding half up to the decimals asked", () => {
    expect(formatWan(18401670000)).toBe("18401.67");
    expect(formatWan(0)).toBe("0.00");
    expect(formatWan(-92000000)).toBe("-92.00");
    expect(formatWan(1234500)).toBe("1.23");
    expect(formatWan(1235000)).toBe("1.24");
    expect(formatWan(642976884, 6)).toBe("642.976884");
    expect(formatWan(642976884, 4)).toBe("642.9769");
    expect(formatWan(-1, 2)).toBe("0.00");
  });

  it("picks the fewest 万元 decimals that stay exact", () => {
    expect(exactWanDecimals(18401670000)).toBe(2);
    expect(exactWanDecimals(1234500)).toBe(4);
    expect(exactWanDecimals(642976884)).toBe(6);
  });

  it("formats integer 分 as 元, showing cents only when present", () => {
    expect(formatYuan(123456700)).toBe("1,234,567");
    expect(formatYuan(642976884)).toBe("6,429,768.84");
    expect(formatYuan(50)).toBe("0.50");
    expect(formatYuan(-123400)).toBe("-1,234");
    expect(plainYuan(642976884)).toBe("6429768.84");
    expect(plainYuan(177600000)).toBe("1776000");
  });

  it("sums exactly and keeps not-stated as null", () => {
    expect(sumFen([null, null])).toBeNull();
    expect(sumFen([100, null, 200])).toBe(300);
    expect(sumFen([Number.MAX_SAFE_INTEGER - 1, 1])).toBe(Number.MAX_SAFE_INTEGER);
    expect(() => sumFen([Number.MAX_SAFE_INTEGER, 1])).toThrow(RangeError);
  });

  it("parses percentages into basis points", () => {
    expect(parsePercent("70%")).toBe(7000);
    expect(parsePercent("96.13")).toBe(9613);
    expect(parsePercent("abc")).toBeNull();
  });
});

describe("showing amounts", () => {
  it("shows every figure exactly as printed, 元 figures not converted to 万元", async () => {
    const { showFigure, showFen } = await import("../src/answers/format.js");
    const source = { file: "f.txt", section: "s", line: 1 };
    expect(showFigure({ text: "12345", fen: 1234500, unit: "元", source })).toBe("12,345");
    expect(showFigure({ text: "156,211,123", fen: 15621112300, unit: "元", source })).toBe("156,211,123");
    expect(showFigure({ text: "6429768.84", fen: 642976884, unit: "元", source })).toBe("6,429,768.84");
    expect(showFigure({ text: "20", fen: 20000000, unit: "万元", source })).toBe("20");
    expect(showFigure(null)).toBe("未列示");
    expect(showFen(19025380000)).toBe("19,025.38");
  });
});

describe("comparing amounts as printed", () => {
  it("knows the precision each printed amount carries", () => {
    expect(printedStepFen("1,212.12", "万元")).toBe(10_000);
    expect(printedStepFen("6.4", "万元")).toBe(100_000);
    expect(printedStepFen("12,121,164", "元")).toBe(100);
    expect(printedStepFen("6429768.84", "元")).toBe(1);
    expect(printedStepFen("一千", "元")).toBeNull();
    expect(printedPrecision("1,212.12", "万元")).toBe("0.01 万元");
    expect(printedPrecision("12,121,164", "元")).toBe("1 元");
  });
  it("tells exact, rounded and different apart, rounding half up", () => {
    const wan = (text: string) => ({ text, fen: parseAmount(text, "万元"), unit: "万元" as const });
    const yuan = (text: string) => ({ text, fen: parseAmount(text, "元"), unit: "元" as const });
    expect(compareAsPrinted(wan("950.12"), yuan("9,501,164"))).toBe("rounded");
    expect(compareAsPrinted(wan("950.12"), yuan("9,501,150"))).toBe("rounded");
    expect(compareAsPrinted(wan("950.12"), yuan("9,501,149"))).toBe("differs");
    expect(compareAsPrinted(wan("950.12"), yuan("9,501,250"))).toBe("differs");
    expect(compareAsPrinted(wan("950.12"), yuan("9,501,200"))).toBe("exact");
    expect(compareAsPrinted(wan("950.12"), { text: "", fen: null, unit: "元" })).toBe("differs");
  });
});
