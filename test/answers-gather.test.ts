/**
 * Gathering what a topic needs (answers/gather.ts): one document, one department's documents of
 * several years, or one document per department for a year — over a catalog whose reads are
 * synchronous today and Promise-based after the store's ports (both are awaited).
 */
import { describe, expect, it } from "vitest";
import { answerTopic } from "../src/answers/answer.js";
import { type DisclosureReader, type GatherFrom, gather } from "../src/answers/gather.js";
import type { AnswerFinding } from "../src/domain/findings.js";
import type { Disclosure, DisclosureBasis } from "../src/domain/types.js";
import { blankDisclosure } from "./helpers/blank-disclosure.js";

/** 甲 discloses 2017 (预算), 2018 (预算 and 决算), 2019 (预算); 乙 2018 and 2019; 丙 2017 only. */
const stored: Disclosure[] = [
  ["甲", 2017, "budget"],
  ["甲", 2018, "budget"],
  ["甲", 2018, "final"],
  ["甲", 2019, "budget"],
  ["乙", 2018, "budget"],
  ["乙", 2019, "budget"],
  ["丙", 2017, "budget"],
].map(([name, year, basis]) =>
  blankDisclosure(`${name}${year}${basis}.pdf`, {
    department: { name: name as string, code: null, given: true },
    year: year as number,
    basis: basis as DisclosureBasis,
  }),
);

/** The catalog reads over `stored`; `later` makes every read a Promise (the store's ports). */
function reader(later: boolean): DisclosureReader {
  const wrap = <T>(v: T) => (later ? Promise.resolve(v) : v);
  const of = (department: string, year: number | null) =>
    stored.filter((d) => d.department.name === department && d.year === year);
  return {
    departments: () =>
      wrap(
        ["甲", "乙", "丙"].map((name) => ({
          name,
          code: null,
          years: [...new Set(stored.filter((d) => d.department.name === name).map((d) => d.year as number))],
        })),
      ),
    bases: (department, year) => wrap(of(department, year).map((d) => d.basis as DisclosureBasis)),
    disclosure: (department, year, basis) =>
      wrap(of(department, year).find((d) => d.basis === (basis ?? "budget")) ?? null),
  };
}

/** Each document's findings name its file, so a test sees which document's findings it got. */
const findingOf = (doc: Disclosure): AnswerFinding => ({ message: doc.file, sections: [], places: [] });

for (const later of [false, true]) {
  const from: GatherFrom = { catalog: reader(later), findings: (doc) => [findingOf(doc)] };
  const files = (docs: Disclosure[]) => docs.map((d) => d.file);

  describe(`gather over a catalog whose reads are ${later ? "Promises" : "plain values"}`, () => {
    it("years: one document per year and basis of one department, ascending, 预算 before 决算", async () => {
      const g = await gather({ needs: "years", department: "甲", years: [2017, 2018, 2019] }, from);
      if (g.needs !== "years") throw new Error(g.needs);
      expect(g.department).toBe("甲");
      expect(files(g.docs)).toEqual([
        "甲2017budget.pdf",
        "甲2018budget.pdf",
        "甲2018final.pdf",
        "甲2019budget.pdf",
      ]);
      expect(g.docs.map((d) => g.findingsOf(d)[0]?.message)).toEqual(files(g.docs));
    });

    it("years with a basis: only that basis, the years without it left out", async () => {
      const g = await gather(
        { needs: "years", department: "甲", years: [2017, 2018, 2019], basis: "final" },
        from,
      );
      if (g.needs !== "years") throw new Error(g.needs);
      expect(files(g.docs)).toEqual(["甲2018final.pdf"]);
    });

    it("departments: one document per department disclosing the year, in the catalog's order", async () => {
      const g = await gather({ needs: "departments", year: 2018 }, from);
      if (g.needs !== "departments") throw new Error(g.needs);
      expect(g.year).toBe(2018);
      expect(files(g.docs)).toEqual(["甲2018budget.pdf", "乙2018budget.pdf"]);
      expect(g.findingsOf(g.docs[1] as Disclosure)[0]?.message).toBe("乙2018budget.pdf");
      const named = await gather({ needs: "departments", year: 2017, departments: ["丙"] }, from);
      if (named.needs !== "departments") throw new Error(named.needs);
      expect(files(named.docs)).toEqual(["丙2017budget.pdf"]);
    });

    it("document: a 决算 comes with its year's 预算 and the bases stored; a basis not stored says what is", async () => {
      const g = await gather({ needs: "document", department: "甲", year: 2018, basis: "final" }, from);
      if (g.needs !== "document") throw new Error(g.needs);
      expect(g.doc.file).toBe("甲2018final.pdf");
      expect(g.budgetDoc?.file).toBe("甲2018budget.pdf");
      expect(g.bases).toEqual(["budget", "final"]);
      expect(g.findings.map((f) => f.message)).toEqual(["甲2018final.pdf"]);
      await expect(
        gather({ needs: "document", department: "甲", year: 2019, basis: "final" }, from),
      ).rejects.toThrow("甲 2019年 没有决算文件");
    });
  });
}

describe("answerTopic", () => {
  it("refuses documents gathered for another need than the topic's", () => {
    const doc = stored[0] as Disclosure;
    const paging = { page: 1, commandFor: String };
    expect(() =>
      answerTopic(
        { kind: "sangong" },
        { needs: "years", department: "甲", docs: [doc], findingsOf: () => [] },
        paging,
      ),
    ).toThrow("topic sangong needs document, was given years");
  });
});
