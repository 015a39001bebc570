/**
 * /budget answers from the 情况说明 of other provinces: a word that names no topic is answered from
 * the figures as stated (原文列示), and 不适用 is shown with the sentence that says so.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { budgetAnswer } from "../src/answers/budget.js";
import type { Disclosure, Figure } from "../src/domain/types.js";
import { storeDisclosure } from "../src/ingest/store-disclosure.js";
import { closeDb } from "../src/store/sqlite/db.js";
import { openSqliteStore, sqliteStore } from "../src/store/sqlite/store.js";
import { blankDisclosure } from "./helpers/blank-disclosure.js";
import { parseText } from "./helpers/parse-text.js";
import { startTestBot, type TestBot } from "./helpers/test-bot.js";

interface Passage {
  id: string;
  text: string;
}
const PASSAGES: Passage[] = JSON.parse(
  readFileSync(join(import.meta.dirname, "fixtures/passages/passages.json"), "utf8"),
);

/** A 情况说明 text made of real passages (corpus text joined into paragraphs). */
function documentOf(title: string, prefix: string): string {
  const body = PASSAGES.filter((p) => p.id.startsWith(prefix)).map((p) => p.text);
  return [title, "第三部分 部门预算情况说明", ...body].join("\n");
}

let bot: TestBot;

beforeAll(async () => {
  bot = await startTestBot();
  const db = openSqliteStore(join(bot.dir, "budget.db")).db;
  try {
    const docs: Array<[string, string, string, number]> = [
      [
        "jszx-2019.txt",
        documentOf("江苏省政协办公厅2019年度部门预算", "js-zx-2019"),
        "江苏省政协办公厅",
        2019,
      ],
      [
        "shfly-2024.txt",
        documentOf("上海市普陀区社会福利院2024年单位预算", "sh-fl-2024"),
        "上海市普陀区社会福利院",
        2024,
      ],
      ["wzmz-2025.txt", documentOf("梧州市民政局2025年部门预算", "gx-wz-2025"), "梧州市民政局", 2025],
      [
        "shwl-2024.txt",
        documentOf("上海市普陀区人民政府万里街道办事处2024年部门预算", "sh-wl-2024"),
        "上海市普陀区人民政府万里街道办事处",
        2024,
      ],
    ];
    for (const [file, text, department, year] of docs) {
      await storeDisclosure(sqliteStore(db), parseText(text, file, { department, year }));
    }
  } finally {
    closeDb(db);
  }
});

afterAll(() => bot.close());

describe("/budget <单位> <年度> <任何词> from figures as stated", () => {
  it("answers 会议费 from the stated figure, says it is 原文列示 and cites its line", async () => {
    const reply = await bot.ask("/budget 江苏省政协办公厅 2019 会议费");
    expect(reply.kind).toBe("answer");
    const rows = reply.table?.rows ?? [];
    expect(
      rows.some((r) => r[0]?.includes("会议费") && r[0].endsWith("（原文列示）") && r[1] === "1,282.56"),
    ).toBe(true);
    expect(reply.notes?.join("")).toContain("未归入标准科目");
    expect(reply.sources?.[0]).toMatchObject({
      file: "jszx-2019.txt",
      section: "九、一般公共预算“三公”经费、会议费、培训费支出预算情况说明",
    });
  });

  it("answers 单位预留机动经费 with the figure and its source", async () => {
    const text = await bot.askText("/budget 江苏省政协办公厅 2019 单位预留机动经费");
    expect(text).toContain("1,886.02");
    expect(text).toContain("jszx-2019.txt");
  });

  it("finds 住房公积金 as the per-subject line of the 情况说明", async () => {
    const reply = await bot.ask("/budget 江苏省政协办公厅 2019 住房公积金");
    expect(reply.table?.rows[0]).toEqual([
      "住房保障支出（类）住房改革支出（款）住房公积金（项）",
      "492.87",
      `（三）住房保障支出（类） 第${reply.sources?.[0]?.line}行`,
    ]);
  });

  it("finds 事业运行经费 as 事业单位运行经费, a figure apart from 机关运行经费", async () => {
    const reply = await bot.ask("/budget 梧州市民政局 2025 事业运行经费");
    expect(reply.table?.rows[0]?.[0]).toBe("事业单位运行经费");
    // 37337407.64 元, shown as printed in its own unit (not converted to 万元).
    expect(reply.table?.rows[0]?.[1]).toBe("37,337,407.64");
    expect(reply.table?.columns[1]?.header).toBe("金额（元）");
  });

  it("says when nothing is stated under a word", async () => {
    const reply = await bot.ask("/budget 江苏省政协办公厅 2019 物业管理费");
    expect(reply.kind).toBe("error");
  });
});

describe("不适用 in answers", () => {
  it("shows 机关运行经费 as 不适用 with the sentence that says so, not as 0 or 未列示", async () => {
    const reply = await bot.ask("/budget 上海市普陀区社会福利院 2024 机关运行经费");
    expect(reply.table?.rows[0]).toEqual(["机关运行经费", "不适用"]);
    expect(reply.notes?.join("")).toContain("2024年上海市普陀区社会福利院无机关运行经费。");
    expect(reply.sources?.[0]).toMatchObject({ file: "shfly-2024.txt", section: "二、机关运行经费预算" });
  });

  it("shows 机关运行经费 as 不适用 in the overview too", async () => {
    const reply = await bot.ask("/budget 上海市普陀区社会福利院 2024");
    expect(reply.table?.rows).toContainEqual(["机关运行经费", "不适用"]);
    expect(reply.notes?.join("")).toContain("无机关运行经费");
  });

  it("still shows a stated 0.00 as 0.00 (公务接待费 of the same document)", async () => {
    const reply = await bot.ask("/budget 上海市普陀区社会福利院 2024 接待");
    expect(reply.table?.rows).toEqual([["公务接待费", "0.00"]]);
  });
});

describe("counts in answers", () => {
  it("shows the 车辆 and 设备 counts of the 情况说明 in the 国有资产 answer, with their source", async () => {
    const reply = await bot.ask("/budget 上海市普陀区人民政府万里街道办事处 2024 资产");
    expect(reply.fields).toEqual(
      expect.arrayContaining([
        { label: "情况说明所述车辆", value: "7 辆" },
        { label: "情况说明所述本年拟购置车辆", value: "1 辆" },
      ]),
    );
    expect(reply.sources?.some((s) => s.section === "五、国有资产占有使用情况")).toBe(true);
  });
});

describe("a blank table cell beside a stated figure", () => {
  const fig = (text: string, section: string, line: number): Figure => ({
    text,
    fen: text === "5.00" ? 5000000 : 0,
    unit: "万元",
    source: { file: "t.txt", section, line },
  });
  const t9 = "“三公”经费支出预算表";
  const doc: Disclosure = blankDisclosure("t.txt", {
    tables: [
      {
        kind: "三公经费支出表",
        title: t9,
        unit: "万元",
        line: 30,
        columns: ["合计"],
        note: null,
        rows: [
          {
            side: null,
            seq: null,
            code: null,
            name: "合计",
            level: null,
            values: { 合计: fig("5.00", t9, 31) },
            line: 31,
          },
          {
            side: null,
            seq: null,
            code: null,
            name: "因公出国（境）费",
            level: null,
            values: { 合计: null },
            line: 32,
          },
          {
            side: null,
            seq: null,
            code: null,
            name: "公务接待费",
            level: null,
            values: { 合计: fig("5.00", t9, 33) },
            line: 33,
          },
        ],
      },
    ],
    narrative: [
      {
        key: "sangong.abroad",
        label: "因公出国（境）费",
        figure: fig("0.00", "四、“三公”经费", 80),
        direction: null,
        sentence: "其中因公出国(境)费 0.00万元。",
      },
    ],
  });

  it("shows the narrative's 0.00 with the narrative as the source, not 未列示", () => {
    const reply = budgetAnswer({
      doc,
      topic: { kind: "sangong" },
      page: 1,
      commandFor: () => "",
      findings: [],
    });
    expect(reply.table?.rows).toEqual([
      ["因公出国（境）费", "0.00*"],
      ["公务接待费", "5.00"],
    ]);
    expect(reply.sources).toContainEqual({ file: "t.txt", section: "四、“三公”经费", line: 80 });
    expect(reply.notes?.join("")).toContain("情况说明");
  });
});
