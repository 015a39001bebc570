import { describe, expect, it } from "vitest";
import { parseBudgetQuery } from "../src/query/budget-query.js";
import { aliasesOf, DepartmentLexicon } from "../src/query/department.js";
import { takePage } from "../src/query/page.js";

const DEPTS = [
  { name: "河北雄安新区容东管理委员会", code: "208", years: [2024] },
  { name: "三河市行宫东街道办事处", code: "781", years: [2021] },
  { name: "保定白沟新城管理委员会办公室", code: "201001", years: [2023] },
  { name: "承德高新技术产业开发区社区管理办公室", code: "125001", years: [2023] },
];

describe("budget query parsing", () => {
  it("reads department, year and topic in any order", () => {
    for (const text of [
      "容东 2024 三公",
      "三公 容东 2024",
      "2024年 容东 三公",
      "容东２０２４三公",
      "容东　2024年度　三公",
    ]) {
      const q = parseBudgetQuery(text);
      expect(q.department).toBe("容东");
      expect(q.year).toEqual({ kind: "absolute", year: 2024 });
      expect(q.topic).toEqual({ kind: "sangong" });
    }
  });

  it("defaults to the overview and reads relative years", () => {
    expect(parseBudgetQuery("行宫东").topic).toEqual({ kind: "overview" });
    expect(parseBudgetQuery("行宫东 去年").year).toEqual({ kind: "relative", offset: -1 });
  });

  it("maps topic synonyms and parts of 三公", () => {
    expect(parseBudgetQuery("容东 公务接待").topic).toEqual({ kind: "sangong", part: "reception" });
    expect(parseBudgetQuery("容东 公车").topic).toEqual({ kind: "sangong", part: "vehicle" });
    expect(parseBudgetQuery("容东 采购").topic).toEqual({ kind: "procurement" });
    expect(parseBudgetQuery("容东 卫生健康").topic).toEqual({ kind: "subject", text: "卫生健康" });
    expect(parseBudgetQuery("容东 210").topic).toEqual({ kind: "subject", text: "210" });
  });

  it("splits a topic glued to the department", () => {
    const q = parseBudgetQuery("容东三公");
    expect(q.department).toBe("容东");
    expect(q.topic).toEqual({ kind: "sangong" });
  });

  it("rejects a query without a department", () => {
    expect(() => parseBudgetQuery("2024 三公")).toThrow(/单位名称/);
  });

  it("reads paging words", () => {
    expect(takePage("后勤 --page 3")).toEqual({ page: 3, rest: "后勤" });
    expect(takePage("后勤 第2页")).toEqual({ page: 2, rest: "后勤" });
    expect(takePage("后勤")).toEqual({ page: 1, rest: "后勤" });
  });
});

describe("department resolution", () => {
  const lex = new DepartmentLexicon(DEPTS);
  const one = (q: string) => {
    const r = lex.resolve(q);
    return r.kind === "one" ? r.department.name : r.kind;
  };

  it("resolves the fragments people type", () => {
    expect(one("容东")).toBe("河北雄安新区容东管理委员会");
    expect(one("容东管委会")).toBe("河北雄安新区容东管理委员会");
    expect(one("行宫东")).toBe("三河市行宫东街道办事处");
    expect(one("行宫东街道")).toBe("三河市行宫东街道办事处");
    expect(one("白沟")).toBe("保定白沟新城管理委员会办公室");
    expect(one("承德高新区社区办")).toBe("承德高新技术产业开发区社区管理办公室");
    expect(one("125001")).toBe("承德高新技术产业开发区社区管理办公室");
  });

  it("lists candidates when a fragment matches several departments", () => {
    const r = lex.resolve("管委会");
    expect(r.kind).toBe("many");
    if (r.kind === "many")
      expect(r.candidates.map((c) => c.name).sort()).toEqual(
        ["保定白沟新城管理委员会办公室", "河北雄安新区容东管理委员会"].sort(),
      );
  });

  it("suggests the closest department when none matches", () => {
    const r = lex.resolve("容西");
    expect(r.kind).toBe("none");
    if (r.kind === "none") expect(r.suggestions[0]?.name).toBe("河北雄安新区容东管理委员会");
  });

  it("derives the usual short forms of bureau names", () => {
    const lex2 = new DepartmentLexicon([
      { name: "桥平县卫生健康局", code: null, years: [2023] },
      { name: "桥平县住房和城乡建设局", code: null, years: [2023] },
      { name: "桥平县文化广电和旅游局", code: null, years: [2023] },
    ]);
    const name = (q: string) => {
      const r = lex2.resolve(q);
      return r.kind === "one" ? r.department.name : r.kind;
    };
    expect(name("桥平卫健局")).toBe("桥平县卫生健康局");
    expect(name("住建局")).toBe("桥平县住房和城乡建设局");
    expect(name("文旅局")).toBe("桥平县文化广电和旅游局");
  });

  it("derives aliases by rule", () => {
    expect(aliasesOf("河北雄安新区容东管理委员会")).toContain("容东管委会");
    expect(aliasesOf("承德高新技术产业开发区社区管理办公室")).toContain("承德高新区社区办");
  });
});
