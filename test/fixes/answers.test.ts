/**
 * Issue 11, answers that mislead: long classified tables open at the 类 level, a blank table cell
 * the narrative states, ⚠ notes only for the figures shown, project totals per year, /help width,
 * the ambiguous-name list printed once.
 */
import stringWidth from "string-width";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestBot, type TestBot } from "../helpers/test-bot.js";

let bot: TestBot;
beforeAll(async () => {
  bot = await startTestBot({ clock: () => new Date("2024-06-01T00:00:00+08:00") });
});
afterAll(() => bot.close());

describe("a long classified table", () => {
  it("opens at the 类 level: every class and the total on one page", async () => {
    const r = await bot.ask("/budget 容东 2024 支出");
    expect(r.page).toBeUndefined();
    expect(r.table?.rows.map((row) => row[0])).toEqual(["201", "207", "208", "210", "212"]);
    expect(r.table?.rows.find((row) => row[0] === "212")).toEqual([
      "212",
      "城乡社区支出",
      "6,362.59",
      "未列示",
      "6,362.59",
    ]);
    expect(r.table?.totals?.[0]).toEqual(["—", "合计", "19,243.37", "218.00", "19,025.37"]);
    const expand = r.actions?.find((a) => a.label.startsWith("展开 212"));
    expect(expand?.command).toBe("/budget 河北雄安新区容东管理委员会 2024 支出 212");
    expect(r.actions?.some((a) => a.kind === "export")).toBe(true);
  });

  it("expands one class by code or name with its 款 and 项", async () => {
    const r = await bot.ask("/budget 容东 2024 支出 212");
    expect(r.heading).toContain("212 城乡社区支出");
    expect(r.table?.rows.map((row) => row[0])).toEqual(["212", "21201", "2120199", "21203", "2120399"]);
    expect((await bot.ask("/budget 容东 2024 支出 城乡社区")).table).toEqual(r.table);
    const bad = await bot.ask("/budget 容东 2024 支出 999");
    expect(bad.kind).toBe("error");
    expect(bad.text?.[1]).toContain("212 城乡社区支出");
  });

  it("still exports every row", async () => {
    const csv = (await bot.ask("/budget 容东 2024 支出 导出")).attachment?.content ?? "";
    expect(csv).toMatch(/2120399,\s*其他城乡社区公共设施支出,562.60/);
  });
});

describe("a blank table cell the narrative states", () => {
  it("shows the narrative's figure with the narrative as its source, not 未列示", async () => {
    const r = await bot.ask("/budget 容东 2024 出国");
    expect(r.table?.rows[0]?.[0]).toBe("一、因公出国（境）费");
    expect(r.table?.rows[0]?.[1]).toBe("0.00*");
    expect(r.notes).toContain("* 表中未填，取自情况说明（第1865行）");
    expect(r.sources?.some((s) => s.line === 1865)).toBe(true);
    // A row the narrative says nothing about stays 未列示.
    expect(r.table?.rows[1]?.[1]).toBe("未列示");
    const csv = (await bot.ask("/budget 容东 2024 三公 导出")).attachment?.content ?? "";
    expect(csv).toContain("* 表中未填，取自情况说明（第1865行）");
  });
});

describe("⚠ notes", () => {
  it("belong to the figures shown", async () => {
    const health = await bot.ask("/budget 容东 2024 卫生健康");
    expect(health.warnings).toBeUndefined();
    const basic = await bot.ask("/budget 容东 2024 基本支出");
    expect(basic.warnings?.some((w) => w.includes("机关运行经费"))).toBe(true);
    const income = await bot.ask("/budget 容东 2024 收入");
    for (const w of income.warnings ?? []) expect(w).not.toContain("机关运行经费");
  });
});

describe("/project totals", () => {
  it("are per year when the matches span years, never one sum across years", async () => {
    const r = await bot.ask("/project 养老");
    const years = new Set(r.table?.rows.map((row) => row[1]));
    expect(years.size).toBeGreaterThan(1);
    const note = r.notes?.find((n) => n.includes("合计")) ?? "";
    expect(note).toMatch(
      /^预算数按年度合计（不跨年相加）：2023年 \d+ 个 [\d,.]+ 万元；2024年 \d+ 个 [\d,.]+ 万元$/,
    );
  });

  it("are one total when the matches share a year", async () => {
    const r = await bot.ask("/project 后勤 容东");
    expect(r.notes?.find((n) => n.includes("合计"))).toMatch(/^全部结果均为2024年，预算数合计 [\d,.]+ 万元$/);
  });
});

describe("/help", () => {
  it("is a list that fits a chat, not a wide table", async () => {
    const r = await bot.ask("/help");
    expect(r.table).toBeUndefined();
    const text = await bot.askText("/help");
    for (const line of text.split("\n")) expect(stringWidth(line), line).toBeLessThanOrEqual(80);
    expect(text).toContain("/budget <单位> [年度] [科目] [导出]");
  });
});

describe("an ambiguous name", () => {
  it("lists each candidate once in the console", async () => {
    const text = await bot.askText("/budget 管委会");
    const lines = text.split("\n").filter((l) => l.includes("河北雄安新区容东管理委员会"));
    expect(lines).toHaveLength(1);
  });
});
