import { describe, expect, it } from "vitest";
import { UserError } from "../src/commands/errors.js";
import { changeText, percentChange } from "../src/digest/figures.js";
import { addOneMonth, planLabelDate } from "../src/digest/milestones.js";
import {
  describeSchedule,
  extractSchedule,
  formatZoned,
  latestSlot,
  nextSlot,
  validateSchedule,
} from "../src/digest/schedule.js";
import type { Figure } from "../src/domain/types.js";

const TZ = "Asia/Shanghai";
const NOW = new Date("2024-03-01T10:00:00+08:00");

describe("schedule phrases", () => {
  it("reads 每周一 09:00, 每周五 17:30, 每天 08:00 and 工作日 18:00 as cron, leaving the departments", () => {
    expect(extractSchedule("容东 每周一 09:00")).toEqual({
      schedule: { cron: "0 9 * * 1", matched: "每周一 09:00" },
      rest: "容东",
    });
    expect(extractSchedule("容东 白沟 每周五 17:30").schedule?.cron).toBe("30 17 * * 5");
    expect(extractSchedule("容东 白沟 每周五 17:30").rest).toBe("容东 白沟");
    expect(extractSchedule("每天 08:00").schedule?.cron).toBe("0 8 * * *");
    expect(extractSchedule("工作日 18:00 行宫东").schedule?.cron).toBe("0 18 * * 1-5");
    expect(extractSchedule("工作日 18:00 行宫东").rest).toBe("行宫东");
  });

  it("accepts a full-width colon, 点/点半, 下午 and a day without a time (09:00)", () => {
    expect(extractSchedule("每周三 8：15").schedule?.cron).toBe("15 8 * * 3");
    expect(extractSchedule("每周日 下午5点半").schedule?.cron).toBe("30 17 * * 0");
    expect(extractSchedule("每月1日 9点").schedule?.cron).toBe("0 9 1 * *");
    expect(extractSchedule("容东 每周二").schedule?.cron).toBe("0 9 * * 2");
  });

  it("takes a trailing 5-field cron expression as is", () => {
    expect(extractSchedule("容东 0 9 * * 1-5")).toEqual({
      schedule: { cron: "0 9 * * 1-5", matched: "0 9 * * 1-5" },
      rest: "容东",
    });
    expect(extractSchedule("30 7 * * MON").schedule?.cron).toBe("30 7 * * MON");
  });

  it("finds no schedule in plain department words, and asks for a period when only a time is given", () => {
    expect(extractSchedule("容东 白沟")).toEqual({ schedule: null, rest: "容东 白沟" });
    expect(() => extractSchedule("容东 09:00")).toThrow(UserError);
    expect(() => extractSchedule("每天 25:00")).toThrow(/无法识别的时间/);
  });

  it("validates with croner: bad values, six fields and more often than hourly are refused", () => {
    expect(() => validateSchedule("0 9 * * 1", TZ, NOW)).not.toThrow();
    expect(() => validateSchedule("0 25 * * 1", TZ, NOW)).toThrow(/无效/);
    expect(() => validateSchedule("0 0 9 * * 1", TZ, NOW)).toThrow(/无效/);
    expect(() => validateSchedule("*/5 * * * *", TZ, NOW)).toThrow(/过于频繁/);
    expect(() => validateSchedule("0 9 30 2 *", TZ, NOW)).toThrow(/不会再触发/);
  });

  it("describes cron in Chinese with the time zone, and anything else as a cron expression", () => {
    expect(describeSchedule("0 9 * * 1", TZ)).toBe("每周一 09:00（北京时间）");
    expect(describeSchedule("30 17 * * 5", TZ)).toBe("每周五 17:30（北京时间）");
    expect(describeSchedule("0 8 * * *", TZ)).toBe("每天 08:00（北京时间）");
    expect(describeSchedule("0 18 * * 1-5", TZ)).toBe("工作日 18:00（北京时间）");
    expect(describeSchedule("0 9 * * 1,3", TZ)).toBe("每周一、三 09:00（北京时间）");
    expect(describeSchedule("0 9 1 * *", "UTC")).toBe("每月1日 09:00（UTC）");
    expect(describeSchedule("*/90 9-17 * * *", TZ)).toBe("cron 表达式 */90 9-17 * * *（北京时间）");
  });
});

describe("slots in the subscription's time zone", () => {
  it("puts Monday 09:00 Beijing time at 01:00 UTC, whatever the machine's zone", () => {
    expect(nextSlot("0 9 * * 1", TZ, NOW)?.toISOString()).toBe("2024-03-04T01:00:00.000Z");
    expect(formatZoned(new Date("2024-03-04T01:00:00.000Z"), TZ)).toBe("2024-03-04 09:00");
  });

  it("counts a slot exactly at the reference time as the latest slot", () => {
    const at = new Date("2024-03-04T09:00:00+08:00");
    expect(latestSlot("0 9 * * 1", TZ, at)?.toISOString()).toBe("2024-03-04T01:00:00.000Z");
    expect(latestSlot("0 9 * * 1", TZ, new Date(at.getTime() - 1))?.toISOString()).toBe(
      "2024-02-26T01:00:00.000Z",
    );
  });
});

describe("plan labels and changes", () => {
  it("maps 3月底, 10月底, 第一季度, 上半年 and 9月30日 to dates of the document's year", () => {
    expect(planLabelDate("3月底", 2024)).toEqual({ year: 2024, month: 3, day: 31 });
    expect(planLabelDate("10月底", 2024)).toEqual({ year: 2024, month: 10, day: 31 });
    expect(planLabelDate("2月底", 2024)).toEqual({ year: 2024, month: 2, day: 29 });
    expect(planLabelDate("第一季度", 2023)).toEqual({ year: 2023, month: 3, day: 31 });
    expect(planLabelDate("第 三 季度", 2023)).toEqual({ year: 2023, month: 9, day: 30 });
    expect(planLabelDate("上半年", 2023)).toEqual({ year: 2023, month: 6, day: 30 });
    expect(planLabelDate("9月30日", 2023)).toEqual({ year: 2023, month: 9, day: 30 });
    expect(planLabelDate("绩效目标", 2023)).toBeNull();
    expect(planLabelDate("13月底", 2023)).toBeNull();
  });

  it("adds one calendar month, clamping to the month's end", () => {
    expect(addOneMonth({ year: 2024, month: 1, day: 31 })).toEqual({ year: 2024, month: 2, day: 29 });
    expect(addOneMonth({ year: 2024, month: 12, day: 15 })).toEqual({ year: 2025, month: 1, day: 15 });
  });

  it("computes changes with exact integers: 19243.37 against 18000.00 is +1243.37 (+6.9%)", () => {
    const fig = (text: string, fen: number): Figure => ({
      text,
      fen,
      unit: "万元",
      source: { file: "f", section: "s", line: 1 },
    });
    expect(changeText(fig("19243.37", 19243370000), fig("18000.00", 18000000000), 2023)).toBe(
      "较2023年增加 1,243.37 万元（+6.9%）",
    );
    expect(changeText(fig("5.00", 5000000), fig("6.00", 6000000), 2023)).toBe(
      "较2023年减少 1.00 万元（-16.7%）",
    );
    expect(changeText(fig("5.00", 5000000), fig("5.00", 5000000), 2023)).toBe("与2023年持平");
    expect(changeText(fig("5.00", 5000000), fig("0.00", 0), 2023)).toBe("较2023年增加 5.00 万元");
    expect(changeText(fig("5.00", 5000000), null, 2023)).toBeNull();
    // 0.1 + 0.2 in floating point is not 0.3; in integer 元 it is.
    expect(percentChange(3000, 1000)).toBe("300.0");
    expect(percentChange(1, 3)).toBe("33.3");
    expect(percentChange(2, 3)).toBe("66.7");
  });
});
