import { describe, expect, it } from "vitest";
import { formatWan, parseAmount, parsePercent, sumYuan } from "../src/domain/money.js";

describe("money", () => {
  it("parses 万元 decimal text into exact integer 元", () => {
    expect(parseAmount("18401.67", "万元")).toBe(184016700);
    expect(parseAmount(" 1125.81 ", "万元")).toBe(11258100);
    expect(parseAmount("0.00", "万元")).toBe(0);
    expect(parseAmount("1,234.5", "万元")).toBe(12345000);
    expect(parseAmount("１８．５", "万元")).toBe(185000);
    expect(parseAmount("0.1", "万元")! + parseAmount("0.2", "万元")!).toBe(parseAmount("0.3", "万元"));
  });

  it("refuses text that is not a plain amount or needs sub-元 precision", () => {
    expect(parseAmount("", "万元")).toBeNull();
    expect(parseAmount("——", "万元")).toBeNull();
    expect(parseAmount("≥95%", "万元")).toBeNull();
    expect(parseAmount("12.5", "元")).toBeNull();
    expect(parseAmount("0.00001", "万元")).toBeNull();
  });

  it("formats integer 元 as 万元 text", () => {
    expect(formatWan(184016700)).toBe("18401.67");
    expect(formatWan(0)).toBe("0.00");
    expect(formatWan(-920000)).toBe("-92.00");
    expect(formatWan(12345)).toBe("1.23");
  });

  it("sums exactly and keeps not-stated as null", () => {
    expect(sumYuan([null, null])).toBeNull();
    expect(sumYuan([100, null, 200])).toBe(300);
  });

  it("parses percentages into basis points", () => {
    expect(parsePercent("70%")).toBe(7000);
    expect(parsePercent("96.13")).toBe(9613);
    expect(parsePercent("abc")).toBeNull();
  });
});

describe("showing amounts", () => {
  it("shows a figure stated in 元 exactly in 万元, and 万元 figures as printed", async () => {
    const { showFigure, showYuan } = await import("../src/answers/format.js");
    const source = { file: "f.txt", section: "s", line: 1 };
    expect(showFigure({ text: "12345", yuan: 12345, unit: "元", source })).toBe("1.2345");
    expect(showFigure({ text: "10000", yuan: 10000, unit: "元", source })).toBe("1.00");
    expect(showFigure({ text: "20", yuan: 200000, unit: "万元", source })).toBe("20");
    expect(showFigure(null)).toBe("未列示");
    expect(showYuan(190253800)).toBe("19025.38");
  });
});
