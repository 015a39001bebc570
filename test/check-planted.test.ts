/**
 * /check on planted-problem copies of real corpus files: one figure, word, year or name changed, or
 * one table dropped, in the document model the PDF reader gives (the text layer as read). Each
 * planted problem is named with the figures or words involved and their page; the unaltered
 * originals raise only findings checked on the page image (listed below with why each is real).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { type Finding, ruleReport, runChecks } from "../src/checks/index.js";
import type { DocumentModel } from "../src/ingest/document/model.js";
import { readDocument } from "../src/ingest/formats/index.js";
import { parseDisclosure } from "../src/ingest/parse.js";
import { CORPUS_DIR } from "./helpers/corpus.js";
import {
  type Edit,
  dropPages,
  findingsOf,
  inCell,
  inParagraph,
  newFindingsOf,
  plantedCopy,
  shown,
} from "./helpers/planted.js";

const FINAL = "中共上海市普陀区委社会工作部2024年度部门决算.pdf";
const WANLI = "上海市普陀区万里街道办事处2024年部门预算.pdf";
const FULIYUAN = "上海市普陀区社会福利院2024年单位预算.pdf";

const models = new Map<string, DocumentModel>();

beforeAll(async () => {
  for (const f of [FINAL, WANLI, FULIYUAN]) {
    models.set(f, await readDocument(new Uint8Array(readFileSync(join(CORPUS_DIR, f))), f));
  }
}, 120_000);

/** A copy of a corpus model with one edit. */
function planted(file: string, edit: Edit): DocumentModel {
  return plantedCopy(models.get(file) as DocumentModel, edit);
}

function check(file: string, model: DocumentModel): Finding[] {
  return findingsOf(file, model);
}

/** Findings of the planted copy that the original does not raise. */
function newFindings(file: string, edit: Edit): string[] {
  return newFindingsOf(file, models.get(file) as DocumentModel, edit);
}

describe("the unaltered originals raise only real findings", () => {
  it("决算 社会工作部 2024: one real 错误 and two 尾差", () => {
    expect(check(FINAL, models.get(FINAL) as DocumentModel).map(shown)).toEqual([
      // Real (page 18, checked on the page image): "一般公共预算财政拨款支出年初预算为0万元，全年预算为
      // 321.02万元，支出决算为307.82万元，完成年初预算的95.89%" — 307.82 ÷ 321.02 = 95.89% is the 全年 ratio;
      // against a 年初预算 of 0 nothing can be "95.89% complete".
      "error narrative.final-vs-budget 说明写“完成年初预算的95.89%”，但同段年初预算 0万元、决算 307.82万元：年初预算为 0，无从“完成 95.89%”（95.89% 是按全年预算 321.02万元计算的）。 @第18页",
      // Real tail difference (page 13, checked on the page image): 302 商品和服务支出 prints 10.23, its
      // items 3.78 + 1.15 + 0.02 + 0.68 + 0.48 + 1.48 + 2.43 + 0.20 add up to 10.22.
      "rounding table.code-sum 一般公共预算财政拨款基本支出表「302 商品和服务支出」 10.23 与 「302 商品和服务支出」下级科目之和 27 项之和 = 10.22 不一致，相差 0.01 万元。差额不超过 0.01 万元，属尾数差异。 @第13页",
      // Real tail difference (pages 17 and 20): 基本支出 105.58 vs 人员经费 95.36 + 公用经费 10.23 = 105.59.
      "rounding narrative.arithmetic 情况说明「基本支出」 105.58 与 人员经费 + 公用经费 95.36 + 10.23 = 105.59 不一致，相差 0.01 万元。差额不超过 0.01 万元，属尾数差异。 @第17页、第20页",
    ]);
  });

  it("预算 万里街道 2024: the 三公 table printed with amounts under a 空表 note", () => {
    expect(check(WANLI, models.get(WANLI) as DocumentModel).map(shown)).toEqual([
      // Real (page 31, checked on the page image): the table prints 合计 47.91, 公务接待费 1.35, 公务用车
      // 46.56 (购置 25, 运行 21.56) and 机关运行经费 443.18, and the note under it says the department has no
      // 三公 or 机关运行经费 budget, "故本表为空表".
      "error completeness.empty-note 「部门“三公”经费和机关运行经费预算表」注明“注:本部门2024年无“三公”经费和机关运行经费预算，故本表为空表。”，但表中列有 6 个金额。 @第31页",
    ]);
  });

  it("预算 社会福利院 2024: nothing", () => {
    expect(check(FULIYUAN, models.get(FULIYUAN) as DocumentModel).map(shown)).toEqual([]);
  });
});

describe("each planted problem is named with its figures or words and its page", () => {
  it("决算: a table listed in the 目录 dropped (收入决算表, pages 6–7)", () => {
    expect(newFindings(FINAL, dropPages(6, 7))).toEqual([
      "error completeness.toc-tables 目录列有「二、收入决算表」，但文件中没有这张表。 @第2页",
    ]);
  });

  it("决算: a placeholder department name in a heading", () => {
    expect(
      newFindings(FINAL, inParagraph(17, "第三部分中共上海市普陀区委社会工作部", "第三部分XX局")),
    ).toEqual([
      "error identity.department 文中出现未替换的占位名称「XX局」：「第三部分XX局2024年度部门决算情况」。 @第17页",
    ]);
  });

  it("决算: another department's name in the title of the tables", () => {
    expect(
      newFindings(FINAL, inParagraph(5, "中共上海市普陀区委社会工作部2024", "上海市普陀区财政局2024")),
    ).toEqual([
      "error identity.department 标题写的单位是「上海市普陀区财政局」，与本文件的单位「中共上海市普陀区委社会工作部」不同：「上海市普陀区财政局2024年度部门决算表」。 @第5页",
    ]);
  });

  it("决算: the 截至 date of the assets one year early", () => {
    expect(newFindings(FINAL, inParagraph(22, "截至2024年12月31日", "截至2023年12月31日"))).toEqual([
      expect.stringMatching(
        /^error identity\.year “截至”日期写的是 2023 年，本文件是 2024 年决算，应截至本年末：「截至2023年12月31日，中共上海市普陀区委社会工作部共有车辆0辆.*@第22页$/,
      ),
    ]);
  });

  it("决算: the year of the heading of the 情况说明 part", () => {
    expect(
      newFindings(FINAL, inParagraph(17, "社会工作部2024年度部门决算情况", "社会工作部2023年度部门决算情况")),
    ).toEqual([
      "error identity.year 标题写的是 2023 年，本文件是 2024 年决算：「第三部分中共上海市普陀区委社会工作部2023年度部门决算情况」。 @第17页",
    ]);
  });

  it("决算: a figure of 0 beside a stated increase (机关运行经费)", () => {
    expect(newFindings(FINAL, inParagraph(21, "机关运行经费支出10.23万元", "机关运行经费支出0万元"))).toEqual(
      [
        "error narrative.change 「机关运行经费」写为 0万元，同一句又写比上年增加 10.23万元：上年数将为负数，两个数字相互矛盾。 @第21页",
      ],
    );
  });

  it("决算: a stated share that does not recompute (基本支出 占 34.30% → 43.30%)", () => {
    expect(newFindings(FINAL, inParagraph(17, "占34.30%", "占43.30%"))).toEqual([
      "error narrative.share 「基本支出」105.58万元 占「支出预算合计」307.82万元 的 34.3%，但说明写占 43.3%。 @第17页",
    ]);
  });

  it("决算: 决算数小于预算数 turned into 大于 (事业运行 11.31 vs 全年预算 17.68)", () => {
    expect(
      newFindings(
        FINAL,
        inParagraph(18, "支出决算为11.31万元。决算数小于", "支出决算为11.31万元。决算数大于"),
      ),
    ).toEqual([
      "error narrative.final-vs-budget 说明写“决算数大于全年预算数”，但同段决算数 11.31万元 小于全年预算 17.68万元。 @第18页",
    ]);
  });

  it("决算: a 空表 note put under a table that holds amounts", () => {
    expect(
      newFindings(
        FINAL,
        inParagraph(
          12,
          "注：本表反映部门本年度一般公共预算财政拨款支出情况。",
          "说明：本部门本年度没有一般公共预算财政拨款支出，故本表无数据。",
        ),
      ),
    ).toEqual([
      "error completeness.empty-note 「一般公共预算财政拨款支出决算表」注明“说明：本部门本年度没有一般公共预算财政拨款支出，故本表无数据。”，但表中列有 39 个金额。 @第12页",
    ]);
  });

  it("决算: a stated total changed (本年支出合计 307.82 → 317.82)", () => {
    const found = newFindings(FINAL, inParagraph(17, "本年支出合计307.82万元", "本年支出合计317.82万元"));
    expect(found.some((s) => /317\.82/.test(s) && /307\.82/.test(s) && /@第17页/.test(s))).toBe(true);
  });

  it("决算: the 收入 总计 of 收入支出决算总表 changed (307.82 → 308.82): the balance with 年初结转和结余 fails", () => {
    const found = newFindings(FINAL, (m) => {
      const rows = (m.parts[4]?.blocks ?? []).flatMap((b) => (b.type === "table" ? b.rows : []));
      const grand = rows.find((r) => r.cells[0]?.text.trim() === "总计");
      if (!grand?.cells[1] || grand.cells[1].text !== "307.82") throw new Error("no 总计 row on page 5");
      grand.cells[1].text = "308.82";
    });
    expect(found.length).toBeGreaterThan(0);
    expect(
      found.every((s) => /^error table\.balance .*308\.82.*307\.82.*@第5页$/.test(s)),
      found.join("\n"),
    ).toBe(true);
  });

  it("预算: a table listed in the 目录 dropped (收入预算总表, pages 11–15)", () => {
    expect(newFindings(WANLI, dropPages(11, 15))).toEqual([
      "error completeness.toc-tables 目录列有「2.2024年部门收入预算总表」，但文件中没有这张表。 @第2页",
    ]);
  });

  it("预算: one figure of the 三公 table changed (公务接待费 1.35 → 2.35)", () => {
    const found = newFindings(WANLI, inCell(31, "1.35", "2.35"));
    expect(found.length).toBeGreaterThan(0);
    expect(found.every((s) => /2\.35/.test(s) && /@第3[12]页/.test(s))).toBe(true);
    expect(found.some((s) => /^error sangong\.table .*47\.91.*2\.35/.test(s))).toBe(true);
  });

  it("预算: a stated growth rate changed (19.75% → 29.75%)", () => {
    expect(newFindings(WANLI, inParagraph(7, "增加19.75%", "增加29.75%"))).toEqual([
      "error narrative.change 「功能分类科目支出」由 20.30 变为 24.31（万元），变动 19.75%，但说明写增长 29.75%。 @第7页",
    ]);
  });

  it("预算: the year of a table title", () => {
    expect(newFindings(WANLI, inParagraph(16, "2024年部门支出预算总表", "2023年部门支出预算总表"))).toEqual([
      "error identity.year 标题写的是 2023 年，本文件是 2024 年预算：「2023年部门支出预算总表」。 @第16页",
    ]);
  });

  it("预算: another department's name on the cover's unit line", () => {
    expect(
      newFindings(
        FULIYUAN,
        inParagraph(1, "预算单位：上海市普陀区社会福利院", "预算单位：上海市普陀区民政局"),
      ),
    ).toEqual([
      "error identity.department 单位行写的单位是「上海市普陀区民政局」，与本文件的单位「上海市普陀区社会福利院」不同：「预算单位：上海市普陀区民政局」。 @第1页",
    ]);
  });
});

describe("a row whose cells do not fit the header is not accused", () => {
  it("决算: the 合计 row of 一般公共预算财政拨款支出决算表 read one column to the left gives no 错误, and the report says it could not check", () => {
    const shifted = planted(FINAL, (m) => {
      const rows = (m.parts[11]?.blocks ?? []).flatMap((b) => (b.type === "table" ? b.rows : []));
      const total = rows.find((r) => r.cells[0]?.text.replace(/\s/g, "") === "合计");
      if (!total) throw new Error("no 合计 row on page 12");
      const texts = total.cells.map((c) => c.text);
      const money = texts.filter((t) => /^[\d,.]+$/.test(t.trim()));
      expect(money).toEqual(["307.82", "105.58", "202.24"]);
      // The 项目支出 cell read where the 基本支出 cell is, the 基本支出 cell where the 合计 is.
      let k = 0;
      const moved = [...money.slice(1), ""];
      for (const c of total.cells) if (/^[\d,.]+$/.test(c.text.trim())) c.text = moved[k++] ?? "";
    });
    const d = parseDisclosure(shifted, FINAL);
    const errors = runChecks(d)
      .filter((f) => f.severity === "error")
      .map(shown);
    expect(errors.filter((s) => /105\.58|202\.24/.test(s) && !/final-vs-budget/.test(s))).toEqual([]);
    const unchecked = ruleReport(d).flatMap((r) => r.unchecked);
    expect(unchecked).toContain(
      "「一般公共预算财政拨款支出决算表」「合计」行数字与表头列不对应（整体右移后才相符），未核对",
    );
  });
});

describe("the 预算 and 决算 rule sets say which rules ran and which were skipped, and why", () => {
  it("决算: the 决算-only rule runs, the 预算-only rules do not apply, rules without inputs are skipped with their reason", () => {
    const report = ruleReport(parseDisclosure(models.get(FINAL) as DocumentModel, FINAL));
    const by = (id: string) => report.find((r) => r.id === id);
    expect(by("narrative.final-vs-budget")?.status).toBe("ran");
    expect(by("project.plan")).toMatchObject({ status: "skipped", reason: "不适用于决算" });
    expect(by("sangong.table")).toMatchObject({
      status: "skipped",
      reason: "三公经费表「财政拨款“三公”经费支出决算表」未读出表行",
    });
    expect(by("completeness.toc-tables")?.status).toBe("ran");
  });

  it("预算: the 决算-only rule does not apply", () => {
    const report = ruleReport(parseDisclosure(models.get(WANLI) as DocumentModel, WANLI));
    expect(report.find((r) => r.id === "narrative.final-vs-budget")).toMatchObject({
      status: "skipped",
      reason: "不适用于预算",
    });
    expect(report.find((r) => r.id === "table.column-sum")?.status).toBe("ran");
  });
});
