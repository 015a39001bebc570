/**
 * Issue 11, input people really type: Chinese punctuation, years in every spelling, traditional
 * and invisible characters, department codes as printed, paging words, all through the dispatcher.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { normalizeQuery, normalizeText } from "../../src/query/normalize.js";
import { startTestBot, type TestBot } from "../helpers/test-bot.js";

let bot: TestBot;
let canonical: string;
beforeAll(async () => {
  bot = await startTestBot({ clock: () => new Date("2024-06-01T00:00:00+08:00") });
  canonical = await bot.askText("/budget 容东 2024 三公");
});
afterAll(() => bot.close());

describe("Chinese punctuation between words", () => {
  it("separates words like a blank", async () => {
    for (const line of [
      "/budget 容东，2024，三公",
      "/budget 容东、2024、三公",
      "/budget 容东。2024。三公",
      "/budget 容东？2024？三公",
      "/budget 容东：2024：三公",
      "/budget 容东；2024；三公！",
      "/budget\u3000容东\u30002024\u3000三公",
    ]) {
      expect(await bot.askText(line), line).toBe(canonical);
    }
  });
});

describe("years", () => {
  it("are understood in Chinese numerals, two digits with 年, spaced 年 and 年度", async () => {
    for (const y of [
      "二〇二四",
      "二零二四",
      "二〇二四年",
      "24年",
      "2024 年",
      "2024年度",
      "２０２４",
      "2024年",
    ]) {
      expect(await bot.askText(`/budget 容东 ${y} 三公`), y).toBe(canonical);
    }
  });

  it("that cannot be get a clear message, not a topic", async () => {
    for (const y of ["3000年", "2024.5", "-2024", "3000", "2024.5年"]) {
      const r = await bot.ask(`/budget 容东 ${y}`);
      expect(r.kind, y).toBe("error");
      expect(r.heading, y).toContain(`“${y}”不是有效的年度：请写四位年份`);
    }
    expect((await bot.ask("/check 容东 3000年")).heading).toContain("不是有效的年度");
    expect((await bot.ask("/project 后勤 容东 2024.5")).heading).toContain("不是有效的年度");
  });
});

describe("characters", () => {
  it("in traditional form match the simplified names", async () => {
    expect(await bot.askText("/budget 容東 2024 三公")).toBe(canonical);
    expect(await bot.askText("/budget 容東 2024 三公經費")).toBe(canonical);
    const trad = await bot.ask("/project 後勤保障");
    expect(trad.heading).toBe((await bot.ask("/project 后勤保障")).heading);
  });

  it("that draw nothing are ignored inside names", async () => {
    for (const junk of ["\u200b", "\u00ad", "\ufeff", "\u200e", "\u202e", "\u0007", "\u2060", "\u200d"]) {
      expect(await bot.askText(`/budget 容${junk}东 2024 三${junk}公`), JSON.stringify(junk)).toBe(canonical);
    }
    expect(await bot.askText("\ufeff/budget 容东 2024 三公")).toBe(canonical);
  });

  it("are normalised by one function: NFKC, invisible characters, traditional → simplified", () => {
    expect(normalizeText("／ｂｕｄｇｅｔ\u200b 容東\u00ad")).toBe("/budget 容东");
    expect(normalizeQuery("容东，2024、三公。")).toBe("容东 2024 三公");
  });
});

describe("departments", () => {
  it("are found by the unit code the asset table prints and by region + short name", async () => {
    expect(await bot.askText("/budget 208001 2024 三公")).toBe(canonical);
    expect(await bot.askText("/budget 雄安容东 2024 三公")).toBe(canonical);
    expect(await bot.askText("/budget 208 2024 三公")).toBe(canonical);
  });
});

describe("paging", () => {
  it("says when the page is out of range and shows the last page", async () => {
    const last = await bot.ask("/budget 容东 2024 项目 --page 99999");
    expect(last.page?.index).toBe((last.page?.count ?? 0) - 1);
    expect(last.notes?.[0]).toBe(
      `没有第 99999 页：共 ${last.page?.count} 页，显示的是最后一页（第 ${last.page?.count} 页）`,
    );
    const first = await bot.ask("/budget 容东 2024 项目 --page -1");
    expect(first.page?.index).toBe(0);
    expect(first.notes?.[0]).toBe("页码从 1 开始（收到 -1），显示的是第 1 页");
  });

  it("refuses a page that is no number, in every command", async () => {
    for (const line of [
      "/budget 容东 2024 项目 --page abc",
      "/project 后勤 --page abc",
      "/check 容东 --page abc",
    ]) {
      const r = await bot.ask(line);
      expect(r.kind, line).toBe("error");
      expect(r.heading, line).toBe("页码“abc”无效：请写正整数，例如 --page 2");
    }
  });

  it("never becomes search text in /project or /check", async () => {
    const p = await bot.ask("/project 后勤 --page 99999");
    expect(p.heading).toMatch(/^项目搜索“后勤”：\d+ 个结果$/);
    const c = await bot.ask("/check 容东 --page 99999");
    expect(c.kind).toBe("answer");
    expect(c.heading).toContain("河北雄安新区容东管理委员会");
    expect(c.notes?.[0]).toMatch(/^没有第 99999 页/);
  });

  it("reads 第2页 and 第二页 as page 2", async () => {
    const a = await bot.ask("/budget 容东 2024 项目 第2页");
    const b = await bot.ask("/budget 容东 2024 项目 第二页");
    const c = await bot.ask("/budget 容东 2024 项目 --page 2");
    expect(a.page?.index).toBe(1);
    expect(a.table).toEqual(c.table);
    expect(b.table).toEqual(c.table);
  });
});

describe("lines addressed to another bot", () => {
  it("are ignored", async () => {
    const other = await bot.core.dispatcher.dispatch({
      text: "/budget@other_bot 容东",
      platform: "telegram",
      userId: "1",
      chatId: "1",
      botName: "budget_bot",
    });
    expect(other.kind).toBe("ignored");
    const mine = await bot.core.dispatcher.dispatch({
      text: "/budget@budget_bot 容东 2024 三公",
      platform: "telegram",
      userId: "1",
      chatId: "1",
      botName: "budget_bot",
    });
    expect(mine.kind).toBe("answer");
  });
});
