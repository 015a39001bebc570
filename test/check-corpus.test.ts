/**
 * /check over the whole corpus through the real pipeline and dispatcher: every 【错误】 it raises, per
 * department-year as stored (the 江苏 说明 and 表 of one year checked as one combined document), is
 * listed here with why it is real (each checked on the page image).
 */
import { readdirSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { separateAmounts } from "../src/answers/format.js";
import { CORPUS_DIR } from "./helpers/corpus.js";
import { type CorpusDb, openCorpusDb } from "./helpers/corpus-db.js";

let corpus: CorpusDb;

beforeAll(async () => {
  corpus = await openCorpusDb(
    readdirSync(CORPUS_DIR)
      .filter((f) => f.endsWith(".pdf"))
      .sort(),
  );
}, 300_000);

afterAll(() => corpus?.close());

/** The 【错误】 lines of a /check answer (all pages). */
async function errors(line: string): Promise<string[]> {
  const text = await corpus.ask(line);
  return text.split("\n").filter((l) => l.includes("【错误】"));
}

/**
 * Every 【错误】 of /check per department-year, each with why it is real (checked on the page image).
 * A department-year not listed raises none.
 */
const REAL_ERRORS: Record<string, Array<[string, string]>> = {
  "/check 万里街道 2023": [
    [
      "「政府性基金预算拨款支出」写为 0万元，同一句又写比上年增加 1421.25万元",
      "第6页: 政府性基金拨款支出预算0万元，比2022年预算增加1421.25万元 — the increase of the 一般公共预算 line copied onto a line of 0",
    ],
    [
      "「功能分类科目支出」由 11.67 变为 45.41（万元），变动 289.12%，但说明写增长 314.82%",
      "第6页 item 3 (群众团体事务): 执行数 11.67, 预算 45.41, 增加 314.82% — (45.41 − 11.67) ÷ 11.67 = 289.12%",
    ],
    [
      "「功能分类科目支出」由 132.59 变为 220.63（万元），变动 66.4%，但说明写增长 60.54%",
      "第7页 item 16 (职业年金): 220.63 against 执行数 132.59, but the sentence copies item 15's 预算安排441.25万元 and 60.54%",
    ],
  ],
  "/check 万里街道 2024": [
    [
      "「部门“三公”经费和机关运行经费预算表」注明“注:本部门2024年无“三公”经费和机关运行经费预算，故本表为空表。”，但表中列有 6 个金额",
      "第31页: the table prints 47.91 / 0 / 1.35 / 46.56 / 25 / 21.56 / 443.18 under a note saying it is empty",
    ],
  ],
  "/check 社会工作部 2024 决算": [
    [
      "说明写“完成年初预算的95.89%”，但同段年初预算 0万元、决算 307.82万元",
      "第18页: 年初预算为0万元 … 完成年初预算的95.89% — 95.89% is 307.82 ÷ 321.02, the 全年预算",
    ],
  ],
  "/check 人大常委会办公厅 2018": [
    [
      "「单位预留机动经费」1685.72万元，比上年增加 1557.29万元（上年即 128.43），应为增长 1212.56%，但说明写 1312.56%",
      "第21页: 1557.29 ÷ (1685.72 − 1557.29) = 1212.56%; the page prints 1312.56 %",
    ],
  ],
};

const ASKS = [
  "/check 万里街道 2023",
  "/check 万里街道 2024",
  "/check 社会福利院 2024",
  "/check 社会工作部 2024 决算",
  "/check 人大常委会办公厅 2017",
  "/check 人大常委会办公厅 2018",
  "/check 人大常委会办公厅 2019",
  "/check 政协办公厅 2017",
  "/check 政协办公厅 2018",
  "/check 政协办公厅 2019",
];

describe("/check on the whole corpus", () => {
  it.each(ASKS)("%s: every 【错误】 is a listed, real one", async (ask) => {
    const found = await errors(ask);
    const real = REAL_ERRORS[ask] ?? [];
    expect(found.length, found.join("\n")).toBe(real.length);
    for (const [words] of real)
      expect(
        // Listed as the page prints them; /check shows amounts in the answers' one format.
        found.some((l) => l.includes(separateAmounts(words))),
        words,
      ).toBe(true);
  });

  it("a document without findings is reported clean", async () => {
    expect(await corpus.ask("/check 社会福利院 2024")).toContain("自查：未发现不一致");
  });

  it("the answers say which rules ran and which were skipped", async () => {
    const text = await corpus.ask("/check 社会工作部 2024 决算");
    expect(text).toMatch(/按决算规则核对：运行 \d+ 条，跳过 \d+ 条/);
    expect(text).toContain("未核对：三公经费表分项（三公经费表「财政拨款“三公”经费支出决算表」未读出表行）");
  });
});
