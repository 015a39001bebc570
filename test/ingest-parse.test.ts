import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { NotADisclosureError, TruncatedDisclosureError } from "../src/ingest/parse.js";
import { parseText } from "./helpers/parse-text.js";

const seed = (f: string) => readFileSync(`data/${f}`, "utf8");

describe("parseDisclosure", () => {
  it("reads every seed without error", () => {
    for (const f of [
      "000_30685518d77b763b.txt",
      "001_7e3a21f0cdce2af5.txt",
      "002_4b6394e1ed3c65b9.txt",
      "003_1e76a5b84cb554b9.txt",
      "004_98017a668a08a896.txt",
    ]) {
      const d = parseText(seed(f), f);
      expect(d.file).toBe(f);
      expect(d.sha256).toMatch(/^[0-9a-f]{64}$/);
    }
  });

  it("takes the department and year of seed 002 from what the person gives", () => {
    const d = parseText(seed("002_4b6394e1ed3c65b9.txt"), "002.txt", {
      department: "某区财政局",
      year: 2023,
    });
    expect(d.department).toEqual({ name: "某区财政局", code: null, given: true });
    const plain = parseText(seed("002_4b6394e1ed3c65b9.txt"), "002.txt");
    expect(plain.department.name).toBeNull();
    expect(plain.warnings.map((w) => w.message).join()).toContain("未载明单位名称");
  });

  it("refuses text without budget content, empty and binary input", () => {
    expect(() => parseText("", "a.txt")).toThrow(NotADisclosureError);
    expect(() => parseText("hello\x00world", "a.txt")).toThrow(/二进制/);
    expect(() => parseText("这是一封普通的信。\n祝好。\n", "a.txt")).toThrow(/未找到/);
  });

  it("refuses copies cut in the middle of a table, a procurement table or a project table", () => {
    const lines = seed("000_30685518d77b763b.txt").split("\n");
    for (const n of [300, 1760, 4800, 9400]) {
      expect(() => parseText(lines.slice(0, n).join("\n"), "cut.txt")).toThrow(TruncatedDisclosureError);
    }
    const pdf = seed("004_98017a668a08a896.txt").split("\n");
    expect(() => parseText(pdf.slice(0, 170).join("\n"), "cut.txt")).toThrow(/没有绩效指标/);
  });
});
