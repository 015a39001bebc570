import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildDigest } from "../src/digest/summary.js";
import { storeDisclosure } from "../src/ingest/store-disclosure.js";
import { parseBudgetQuery } from "../src/query/budget-query.js";
import type { Reply } from "../src/reply/reply.js";
import { parseText } from "./helpers/parse-text.js";
import { DATA_DIR, seedFiles, startTestBot, type TestBot } from "./helpers/test-bot.js";

const SEED_000 = "000_30685518d77b763b.txt";
const seedLines = () => readFileSync(join(DATA_DIR, SEED_000), "utf8").split("\n");

/**
 * A 决算 of the same department-year as seed 000: its 收支总表 (lines 1–229) under a 决算 cover, with
 * every 预算 printed as 决算 and the 一般公共预算拨款收入 changed, so the two can be told apart.
 */
function finalAccountsText(): string {
  return ["河北雄安新区容东管理委员会2024年部门决算", ...seedLines().slice(0, 229)]
    .join("\n")
    .replace(/预算/g, "决算")
    .replace(/18401\.67/g, "18000.00");
}

/** The cell right of the first cell matching `label`. */
function cell(reply: Reply, label: RegExp): string | undefined {
  const rows = [...(reply.table?.rows ?? []), ...(reply.table?.totals ?? [])];
  const row = rows.find((r) => r.some((c) => label.test(c)));
  return row ? row[row.findIndex((c) => label.test(c)) + 1] : undefined;
}

describe("recognising a 决算 (final accounts) disclosure", () => {
  it("reads every seed as a 预算", () => {
    for (const f of seedFiles()) {
      expect(parseText(readFileSync(join(DATA_DIR, f), "utf8"), f).basis).toBe("budget");
    }
  });

  it("reads a 部门决算 cover with 决算 tables as a 决算 of its year, its 收入支出决算总表 as the 收支总表", () => {
    const d = parseText(finalAccountsText(), "900_final.txt");
    expect([d.basis, d.year, d.department.name, d.kind]).toEqual([
      "final",
      2024,
      "河北雄安新区容东管理委员会",
      "full",
    ]);
    const t = d.tables[0];
    expect([t?.kind, t?.columns]).toEqual(["收支总表", ["决算数"]]);

    const renamed = finalAccountsText().replace("部门决算收支总表", "收入支出决算总表");
    expect(parseText(renamed, "900_final.txt").tables[0]?.kind).toBe("收支总表");
  });

  it("keeps a 预算 whose tables compare with 上年决算数 a 预算", () => {
    const text = seedLines().slice(0, 229).join("\n").replace("\t预算数\n", "\t上年决算数\n");
    expect(text).toContain("上年决算数");
    expect(parseText(text, "900_budget.txt").basis).toBe("budget");
  });

  it("reads a table of 决算数 columns without a title naming either as a 决算", () => {
    const text = ["部门收支总表", ...seedLines().slice(1, 229)]
      .join("\n")
      .replace(/\t预算数\n/g, "\t决算数\n");
    expect(parseText(text, "900_untitled.txt").basis).toBe("final");
  });
});

describe("the /budget query names 预算 or 决算 with one word", () => {
  it("takes 决算 or 预算 anywhere in the query, glued to the year or not", () => {
    expect(parseBudgetQuery("容东 2022 决算").basis).toBe("final");
    expect(parseBudgetQuery("决算 容东2022 三公")).toMatchObject({
      basis: "final",
      topic: { kind: "sangong" },
    });
    expect(parseBudgetQuery("容东2022决算").basis).toBe("final");
    expect(parseBudgetQuery("容东 2022 预算").basis).toBe("budget");
    expect(parseBudgetQuery("容东 2022").basis).toBeNull();
  });
});

describe("a department-year with both a 预算 and a 决算", () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot({ clock: () => new Date("2024-06-01T00:00:00+08:00") });
    await storeDisclosure(bot.core.store, parseText(finalAccountsText(), "900_rongdong_final_2024.txt"));
    await bot.core.refresh();
  });
  afterAll(() => bot.close());

  it("answers with the 预算 by default and says a 决算 is there too", async () => {
    const r = await bot.ask("/budget 容东 2024");
    expect(r.heading).toBe("河北雄安新区容东管理委员会 2024年 预算总览（万元）");
    expect(cell(r, /本年收入/)).toBe("18,401.67");
    expect(r.sources?.every((s) => s.file === SEED_000)).toBe(true);
    expect(r.notes).toContain(
      "本回答为2024年预算；另有2024年决算：/budget 河北雄安新区容东管理委员会 2024 决算",
    );
  });

  it("answers /budget 容东 2024 决算 with the 决算 only, saying so in the heading", async () => {
    const r = await bot.ask("/budget 容东 2024 决算");
    expect(r.heading).toBe("河北雄安新区容东管理委员会 2024年决算 决算总览（万元）");
    expect(cell(r, /本年收入/)).toBe("18,000.00");
    // The 决算 figures cite the 决算; the 预算数 beside them (same year's 预算) cites the 预算 file.
    expect(r.sources?.[0]?.file).toBe("900_rongdong_final_2024.txt");
    expect(r.table?.columns.map((c) => c.header)).toEqual([
      "项目",
      "决算数（万元）",
      "预算数（万元）",
      "执行率",
    ]);
    expect(r.notes?.some((n) => n.startsWith(`预算数取自2024年预算（${SEED_000}）`))).toBe(true);
    expect(new Set(r.sources?.map((s) => s.file))).toEqual(
      new Set(["900_rongdong_final_2024.txt", SEED_000]),
    );
    expect(r.notes).toContain(
      "本回答为2024年决算；另有2024年预算：/budget 河北雄安新区容东管理委员会 2024 预算",
    );
    // Nothing from the 预算 file: its projects and 三公 are not part of the 决算.
    const sangong = await bot.ask("/budget 容东 2024 决算 三公");
    expect(sangong.heading).toContain("2024年决算");
    expect(JSON.stringify(sangong)).not.toContain(SEED_000);
  });

  it("checks the 决算 with /check <单位> 2024 决算, the 预算 by default", async () => {
    const final = await bot.ask("/check 容东 2024 决算");
    expect(final.heading).toMatch(/^河北雄安新区容东管理委员会 2024年决算 自查/);
    expect(JSON.stringify(final)).not.toContain(SEED_000);
    const budget = await bot.ask("/check 容东 2024");
    expect(budget.heading).toMatch(/^河北雄安新区容东管理委员会 2024年 自查/);
    expect(JSON.stringify(budget)).not.toContain("900_rongdong_final_2024.txt");
  });

  it("says so when the year has no 决算", async () => {
    const r = await bot.ask("/budget 行宫东 2021 决算");
    expect(r.kind).toBe("error");
    expect(JSON.stringify(r)).toContain("三河市行宫东街道办事处 2021年 没有决算文件");
  });
});

describe("the weekly summary", () => {
  it("never compares a year's 预算 with the 决算 of the year before", async () => {
    const local = await startTestBot();
    try {
      const prevFinal = parseText(finalAccountsText(), "900_rongdong_final_2023.txt", { year: 2023 });
      expect(prevFinal.basis).toBe("final");
      await storeDisclosure(local.core.store, prevFinal);
      await local.core.refresh();
      const r = await buildDigest(
        local.core.services,
        { departments: ["河北雄安新区容东管理委员会"], timezone: "Asia/Shanghai" },
        { since: null, now: new Date("2024-03-04T09:00:00+08:00") },
      );
      const text = (r.text ?? []).join("\n");
      expect(text).toContain("收入总计：19,243.37 万元");
      expect(text).not.toMatch(/[较与]2023年/);
    } finally {
      local.close();
    }
  });
});
