/**
 * The real corpus end to end: every PDF of ../shared/corpus read by the real pipeline (bytes →
 * PDF reader → document model → part readers) into a real SQLite file, then asked through the real
 * dispatcher. Expected figures come from test/fixtures/corpus-truth.json (checked on the page images).
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { budgetAnswer } from "../src/answers/budget.js";
import { runChecks } from "../src/checks/index.js";
import type { Disclosure } from "../src/domain/types.js";
import { renderText } from "../src/render/index.js";
import { CORPUS_DIR } from "./helpers/corpus.js";
import { type CorpusDb, openCorpusDb } from "./helpers/corpus-db.js";

interface TruthFile {
  file: string;
  department: string;
  year: number;
}
const truth = JSON.parse(readFileSync(join(import.meta.dirname, "fixtures/corpus-truth.json"), "utf8")) as {
  files: TruthFile[];
};

let corpus: CorpusDb;
let parsed: Map<string, Disclosure>;
const ask = (line: string) => corpus.ask(line);

beforeAll(async () => {
  corpus = await openCorpusDb(
    readdirSync(CORPUS_DIR)
      .filter((n) => n.endsWith(".pdf"))
      .sort(),
  );
  parsed = corpus.parsed;
}, 120_000);

afterAll(() => corpus.close());

describe("every corpus PDF ingests with its department and year", () => {
  it("reads every PDF of the corpus, the truth file's 13 among them (none refused)", () => {
    expect(parsed.size).toBe(readdirSync(CORPUS_DIR).filter((n) => n.endsWith(".pdf")).length);
    for (const t of truth.files) expect(parsed.has(t.file)).toBe(true);
  });

  it("reads the one 决算 of the corpus as a 决算 (the 社会工作部, pinned in final-accounts-truth.test.ts)", () => {
    const finals = [...parsed.values()].filter((d) => d.basis === "final").map((d) => d.department.name);
    expect(finals).toEqual(["中共上海市普陀区委社会工作部"]);
  });
  for (const t of truth.files) {
    it(`${t.file}: ${t.department} ${t.year}`, () => {
      const d = parsed.get(t.file);
      expect(d?.year).toBe(t.year);
      expect(d?.department.name).toBe(t.department);
    });
  }
  it("says in a warning when the year or the department comes from the file name", () => {
    // This 说明 opens with its 目录 and names the office only as 省政协办公厅.
    const narrative = parsed.get("江苏省政协办公厅2019年度部门预算.pdf");
    expect(narrative?.warnings.map((w) => w.message).join("\n")).toMatch(/按文件名记为“江苏省政协办公厅”/);
  });
});

describe("answers on the corpus cite the page", () => {
  it("/budget 江苏省政协办公厅 2019 三公 joins the tables file and the 说明, citing page 9", async () => {
    const text = await ask("/budget 江苏省政协办公厅 2019 三公");
    expect(text).toContain("660.10");
    expect(text).toContain("397.50");
    expect(text).toMatch(/江苏省政协办公厅2019年预算公开表\.pdf · [^\n]*第9页/);
    expect(text).toContain("由 2 个文件合并");
  });
  it("/budget 万里街道 2024 gives the overview with 三公 47.91 from page 31", async () => {
    const text = await ask("/budget 万里街道 2024");
    expect(text).toContain("上海市普陀区人民政府万里街道办事处 2024年");
    expect(text).toContain("47.91");
    expect(text).toMatch(/第10页/);
    expect(text).toMatch(/第31页/);
  });
  it("/budget 万里街道 2024 一般公共服务支出 finds the class in the tables with its page", async () => {
    const text = await ask("/budget 万里街道 2024 一般公共服务支出");
    expect(text).toContain("一般公共服务支出");
    expect(text).toMatch(/第22页/);
  });
  it("/budget 江苏省政协办公厅 2019 单位预留机动经费 answers 1,886.02 from page 1", async () => {
    const text = await ask("/budget 江苏省政协办公厅 2019 单位预留机动经费");
    expect(text).toContain("1,886.02");
    expect(text).toMatch(/第1页/);
  });
});

describe("a document's statements are set against each other as printed (checked on the pages)", () => {
  it("社会福利院 2024: the 情况说明's 万元 totals agree with the 元 tables at 0.01 万元", async () => {
    const text = await ask("/budget 社会福利院 2024");
    // 第6页 收入预算1,212.12万元 against 第7页 收入总计 12,121,164 元.
    expect(text).toContain(
      "所述收入预算合计 1,212.12 万元，与表列 12,121,164 元（第7页）按 0.01 万元取整一致",
    );
    // 第6页 一般公共预算拨款支出预算950.12万元 against 第10页 财政拨款收支总表 支出总计 一般公共预算 9,501,164 元.
    expect(text).toMatch(/其中：一般公共预算拨款\s+9,501,164 元/);
    expect(text).toContain(
      "所述一般公共预算拨款支出 950.12 万元，与表列 9,501,164 元（第10页）按 0.01 万元取整一致",
    );
    expect(text).not.toContain("不一致");
  });
  it("社会福利院 2024 基本支出: the 收支总表's 支出总计 row (第7页) states the same 人员经费 and 公用经费", async () => {
    const text = await ask("/budget 社会福利院 2024 基本支出");
    expect(text).toContain("收支总表（第7页）支出总计行人员经费 7,380,214 元，与表列一致");
    expect(text).toContain("收支总表（第7页）支出总计行公用经费 2,120,950 元，与表列一致");
  });
  it("政协 2017 基本支出: the 一般公共预算 table is set against the 一般公共预算 statement, not the all-funds one", async () => {
    // 第8页 基本支出预算数为5,916.27万元 counts all funds; 第14页 一般公共预算财政拨款基本支出预算5,836.27万元.
    const text = await ask("/budget 江苏省政协办公厅 2017 基本支出");
    expect(text).toContain("所述一般公共预算财政拨款基本支出 5,836.27 万元，与表列一致");
    expect(text).not.toMatch(/5,916\.27[^\n]*不一致/);
    // The all-funds statement is set against the 支出总表 in the overview.
    expect(await ask("/budget 江苏省政协办公厅 2017")).toContain("所述基本支出 5,916.27 万元，与表列一致");
  });
  it("万里街道 2024: 款 printed as 2 and 7 (for 02, 07) still nest under 301, so no false sum warning", async () => {
    const text = await ask("/budget 万里街道 2024 基本支出 301");
    expect(text).toMatch(/30102\s+津贴补贴\s+16,623,810/);
    expect(text).toMatch(/30107\s+绩效工资\s+11,447,100/);
    expect(text).not.toContain("下级科目之和");
  });
});

describe("the self-check finds no contradiction the pages do not hold", () => {
  const findings = (file: string) => {
    const d = parsed.get(file);
    if (!d) throw new Error(`not read: ${file}`);
    return runChecks(d).map((f) => f.message);
  };
  it("社会福利院 2024: 1,212.12 万元 and 12,121,164 元 are the same total, not a 尾差", () => {
    expect(findings("上海市普陀区社会福利院2024年单位预算.pdf")).toEqual([]);
  });
  it("政协 2019 说明: 支出合计 13,377.11 = 基本 6,522.75 + 项目 4,968.34 + 单位预留机动经费 1,886.02", () => {
    // 第9–11页; 人员经费 5,312.01 + 公用经费 1,130.74 = the 财政拨款基本支出 6,442.75 (第14页), not the all-funds 6,522.75.
    expect(findings("江苏省政协办公厅2019年度部门预算.pdf")).toEqual([]);
  });
  it("万里街道 2024: 机关运行经费 443.18 万元 below the 公用经费 11,168,569 元 of a 街道 with 事业单位 is no finding", () => {
    const d = parsed.get("上海市普陀区万里街道办事处2024年部门预算.pdf");
    if (!d) throw new Error("not read");
    expect(runChecks(d).filter((f) => f.ruleId === "narrative.operating-cost")).toEqual([]);
  });
  it("人大 2017: 机关运行经费 5619.31 万元 above the 公用经费 1585.96 万元 is a warning (第28页, 第26页)", () => {
    const d = parsed.get("江苏省人大办公厅2017年度预算公开.pdf");
    if (!d) throw new Error("not read");
    const f = runChecks(d).find((x) => x.ruleId === "narrative.operating-cost");
    expect(f?.severity).toBe("warning");
    expect(f?.message).toContain("5619.31");
    expect(f?.message).toContain("不应多于基本支出中的公用经费");
  });
  it("a department of 行政单位 only must have 机关运行经费 equal to its 公用经费", () => {
    const d = structuredClone(parsed.get("上海市普陀区万里街道办事处2024年部门预算.pdf"));
    if (!d) throw new Error("not read");
    d.units = [{ name: "万里街道办事处", nature: "行政单位", rank: null, funding: null, line: 1 }];
    const f = runChecks(d).find((x) => x.ruleId === "narrative.operating-cost");
    expect(f?.message).toContain("本部门所列单位均为行政单位");
  });
  it("still reports a sum that no statement of the total matches", () => {
    const d = structuredClone(parsed.get("江苏省政协办公厅2019年度部门预算.pdf"));
    if (!d) throw new Error("not read");
    const reserve = d.narrative.find((f) => f.key === "expense.reserve" && f.direction === null);
    if (!reserve?.figure.fen) throw new Error("no 单位预留机动经费");
    reserve.figure = { ...reserve.figure, text: "1,886.12", fen: reserve.figure.fen + 100_000 };
    expect(
      runChecks(d)
        .map((f) => f.message)
        .join("\n"),
    ).toMatch(
      /「支出预算合计」 13,377\.11 与 基本支出 \+ 项目支出 \+ 单位预留机动经费 [^\n]*不一致，相差 0\.10 万元/,
    );
  });
});

describe("a blank table cell the 情况说明 states is shown as that statement, in every table answer", () => {
  // 江苏省政协办公厅 2019: the 表 file's 支出总表 and the 说明's "项目支出预算数为4,968.34万元" (第10页).
  const withBlank = () => {
    const tables = structuredClone(parsed.get("江苏省政协办公厅2019年预算公开表.pdf"));
    const narrative = parsed.get("江苏省政协办公厅2019年度部门预算.pdf")?.narrative;
    if (!tables || !narrative) throw new Error("not read");
    const t = tables.tables.find((x) => x.kind === "支出总表");
    const total = t?.rows.find((r) => r.name === "合计");
    if (!total || !("项目支出" in total.values)) throw new Error("no 支出总表 合计 × 项目支出");
    expect(total.values.项目支出?.text).toBe("4,968.34");
    total.values.项目支出 = null;
    return { ...tables, narrative };
  };
  const answer = (doc: Disclosure) =>
    renderText(
      budgetAnswer({
        doc,
        topic: { kind: "expense" },
        page: 1,
        commandFor: (p) => `/budget x --page ${p}`,
        findings: [],
      }),
    );
  it("fills the 支出总表's blank 合计 × 项目支出 from the 说明, marked and cited", () => {
    const text = answer(withBlank());
    expect(text).toMatch(/合计[^\n]*4,968\.34\*/);
    expect(text).toContain("* 表中未填，取自情况说明（第10页）");
    expect(text).toMatch(/江苏省政协办公厅2019年度部门预算\.pdf · [^\n]*第10页/);
  });
  it("the overview: 政协 2019's blank 上年结转 (第1页) is the 说明's 上年结转资金预算数为 0 万元 (第10页)", async () => {
    const text = await ask("/budget 江苏省政协办公厅 2019");
    expect(text).toMatch(/上年结转结余\s+0\*/);
    expect(text).toContain("* 表中未填，取自情况说明（第10页）");
    expect(text).toMatch(/江苏省政协办公厅2019年度部门预算\.pdf · [^\n]*第10页/);
    expect(text).not.toMatch(/上年结转结余\s+未列示/);
  });
  it("fills nothing when the 说明 does not state it (the column, blank in every row, is left out)", () => {
    const doc = withBlank();
    doc.narrative = doc.narrative.filter((f) => f.key !== "expense.project");
    const text = answer(doc);
    expect(text).not.toContain("表中未填");
    expect(text).not.toContain("4,968.34");
    expect(text).not.toContain("项目支出");
  });
});

describe("a misprinted 类 code is read from the row above, with a warning", () => {
  // 社会福利院 2024 第9页 and 第11页 print the 类 of 事业单位医疗 as `7` (款 11, 项 02) under 210 11.
  it("reads 2101102 事业单位医疗 under 210 卫生健康支出, and says so at ingest", async () => {
    const text = await ask("/budget 社会福利院 2024 支出 210");
    expect(text).toMatch(/2101102\s+事业单位医疗\s+503,724/);
    expect(text).not.toContain("71102");
    const warnings =
      parsed.get("上海市普陀区社会福利院2024年单位预算.pdf")?.warnings.map((w) => w.message) ?? [];
    expect(warnings.filter((w) => w.includes("类编码印作“7”，按上方同款科目读作 2101102"))).toHaveLength(2);
  });
});
