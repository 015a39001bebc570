import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { judge, queriesFor, showsNumber, type TruthFile } from "../scripts/coverage.js";
import { parseAmount } from "../src/domain/money.js";
import { CORPUS_DIR } from "./helpers/corpus.js";

const CORPUS = CORPUS_DIR;
const readTruth = (name: string) =>
  (JSON.parse(readFileSync(join(import.meta.dirname, "fixtures", name), "utf8")) as { files: TruthFile[] })
    .files;
// Built-on (corpus-truth.json) and measured-only (corpus-truth-measured.json, issue 17) files together.
const truth = { files: [...readTruth("corpus-truth.json"), ...readTruth("corpus-truth-measured.json")] };

describe("the corpus truth file", () => {
  it("has an entry for every PDF of the corpus and no other", () => {
    const pdfs = existsSync(CORPUS) ? readdirSync(CORPUS).filter((f) => f.endsWith(".pdf")) : [];
    expect(pdfs.length).toBe(14);
    expect(
      truth.files
        .filter((f) => !f.path)
        .map((f) => f.file)
        .sort(),
    ).toEqual(pdfs.sort());
  });

  it("holds measured-only text pages that exist in the fixtures, each figure on a cited line", () => {
    const texts = truth.files.filter((f) => f.path);
    expect(texts.length).toBeGreaterThanOrEqual(3);
    for (const f of texts) {
      const lines = readFileSync(join(import.meta.dirname, "..", f.path as string), "utf8").split("\n");
      for (const g of f.figures) {
        expect(g.lines?.length, `${f.file} ${g.label}`).toBeGreaterThan(0);
        for (const l of g.lines ?? []) expect(lines[l - 1], `${f.file} ${g.label}`).toContain(g.text);
      }
    }
  });

  it("states every figure as an exact amount in its own unit, checked on a page image", () => {
    for (const f of truth.files) {
      for (const g of f.figures) {
        expect(parseAmount(g.text, g.unit), `${f.file} ${g.label} ${g.text}`).not.toBeNull();
        if (f.path) continue; // text pages: checked on their lines above
        expect(g.checkedOnImage, `${f.file} ${g.label}`).toBe(true);
        expect(g.pages.length).toBeGreaterThan(0);
      }
    }
  });

  it("keeps each table's own unit: Shanghai tables in 元, its 三公 table in 万元", () => {
    const f = truth.files.find((x) => x.file.includes("社会福利院")) as TruthFile;
    expect(f.figures.find((g) => g.topic === "income.total" && g.from === "table")?.unit).toBe("元");
    expect(f.figures.find((g) => g.topic === "sangong.total" && g.from === "table")?.unit).toBe("万元");
  });
});

describe("the coverage judge", () => {
  const fig = truth.files[1]?.figures.find((g) => g.topic === "sangong.total") as TruthFile["figures"][0];

  it("counts a figure when an answer to its topic shows the printed text and cites its page", () => {
    const answers = new Map([["三公", `“三公”经费 合计 ${fig.text}\n来源：x.pdf · 表 第${fig.pages[0]}页`]]);
    expect(judge(fig, answers)).toMatchObject({ printedWithPage: true, value: true });
  });

  it("does not count a figure whose page is not cited, nor a number that is part of a longer one", () => {
    expect(judge(fig, new Map([["三公", `合计 ${fig.text} 第99页`]])).printedWithPage).toBe(false);
    expect(showsNumber("合计 147.91", "47.91")).toBe(false);
    expect(showsNumber("合计 47.911", "47.91")).toBe(false);
    expect(showsNumber("合计 47.91。", "47.91")).toBe(true);
  });

  it("counts a figure of a text page when the answer cites its line", () => {
    const g = { ...fig, pages: [], lines: [25] };
    expect(judge(g, new Map([["三公", `合计 ${fig.text}\n来源：x.txt 第25行`]])).printedWithPage).toBe(true);
    expect(judge(g, new Map([["三公", `合计 ${fig.text}\n来源：x.txt 第26行`]])).printedWithPage).toBe(false);
  });

  it("asks the class name for a 功能分类 figure stated as “（类）” in the narrative", () => {
    const g = { ...fig, topic: "function", label: "社会保障和就业（类）" };
    expect(queriesFor(g)[0]).toBe("社会保障和就业支出");
  });
});
