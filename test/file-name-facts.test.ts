import { describe, expect, it } from "vitest";
import { factsFromFileName, yearOfTitles } from "../src/ingest/file-name-facts.js";

describe("facts from a file name, for files whose pages do not state them", () => {
  it("takes the publisher and the year from a government's usual file names", () => {
    expect(factsFromFileName("江苏省政协办公厅2019年预算公开表.pdf")).toEqual({
      name: "江苏省政协办公厅",
      year: 2019,
    });
    expect(factsFromFileName("省人大办公厅2018预算公开.pdf")).toEqual({ name: "省人大办公厅", year: 2018 });
    expect(factsFromFileName("/tmp/x/重庆市财政局2024年部门预算.xlsx")).toEqual({
      name: "重庆市财政局",
      year: 2024,
    });
  });
  it("takes nothing from names that do not say", () => {
    expect(factsFromFileName("002_4b6394e1ed3c65b9.txt")).toEqual({ name: null, year: null });
    expect(factsFromFileName("附件1.pdf")).toEqual({ name: null, year: null });
    expect(factsFromFileName("budget-12345.pdf")).toEqual({ name: null, year: null });
  });
  it("reads the year most table titles print", () => {
    expect(yearOfTitles(["2023年部门财务收支预算总表", "2023年部门收入预算总表", "2022年决算对比"])).toBe(
      2023,
    );
    expect(yearOfTitles(["收支预算总表", "三公经费"])).toBeNull();
  });
});
