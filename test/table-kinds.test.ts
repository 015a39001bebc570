import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { isTableNumber, kindOfTitle, normalizeTitle } from "../src/ingest/table-kinds.js";

describe("table titles by meaning", () => {
  it.each([
    ["2024年部门财务收支预算总表", "收支总表"],
    ["2024年预算单位财务收支预算总表", "收支总表"],
    ["部门收支总表", "收支总表"],
    ["收支预算总表", "收支总表"],
    ["2023年部门收入预算总表", "收入总表"],
    ["2024年预算单位支出预算总表", "支出总表"],
    ["2024年部门财政拨款收支预算总表", "财政拨款收支总表"],
    ["财政拨款支出预算表（功能科目）", "财政拨款支出表"],
    ["财政拨款基本支出预算表（经济科目）", "财政拨款基本支出表"],
    ["2024年部门一般公共预算支出功能分类预算表", "一般公共预算财政拨款支出表"],
    ["一般公共预算支出预算表（功能科目）", "一般公共预算财政拨款支出表"],
    ["2024年部门一般公共预算基本支出部门预算经济分类预算表", "一般公共预算财政拨款基本支出表"],
    ["一般公共预算基本支出预算表（政府预算经济分类）", "一般公共预算财政拨款基本支出表"],
    ["2024年部门政府性基金预算支出功能分类预算表", "政府性基金预算财政拨款支出表"],
    ["财政拨款政府性基金支出预算表", "政府性基金预算财政拨款支出表"],
    ["2024年部门国有资本经营预算支出功能分类预算表", "国有资本经营预算财政拨款支出表"],
    ["“三公”经费支出预算表", "三公经费支出表"],
    ["“三公”经费、会议费、培训费支出预算表（一般公共预算）", "三公经费支出表"],
    ["部门“三公”经费和机关运行经费预算表", "三公经费和机关运行经费表"],
    ["一般公共预算机关运行经费支出预算表", "机关运行经费支出表"],
    ["2019年政府采购预算表", "政府采购预算表"],
    ["项目支出预算表", "项目支出表"],
    ["收入支出决算总表", "收支总表"],
  ])("%s is a %s", (title, kind) => {
    expect(kindOfTitle(title)).toBe(kind);
  });

  it("strips numbering and years wherever the producer prints them", () => {
    for (const t of [
      "表1 收支预算总表",
      "表一 收支预算总表",
      "附表1 收支预算总表",
      "公开01表 收支预算总表",
      "公开 01 表 收支预算总表",
      "公开表一 收支预算总表",
      "3.15 收支预算总表",
      "一、收支预算总表",
      "（一）收支预算总表",
      "2024年收支预算总表",
      "收支预算总表 公开表一",
      "1.2024年度收支预算总表",
    ]) {
      expect(normalizeTitle(t), t).toBe("收支预算总表");
    }
  });

  it("recognises a table number printed on its own line", () => {
    expect(["公开01表", "表一", "公开表十二", "附表3", "公开 09 表"].every(isTableNumber)).toBe(true);
    expect(["收支预算总表", "单位：万元", "2024"].some(isTableNumber)).toBe(false);
  });

  it("does not take sentences, 绩效目标表 or a heading without 表 for a standard table", () => {
    expect(kindOfTitle("项目支出绩效目标表")).toBeNull();
    expect(kindOfTitle("部门政府采购预算")).toBeNull();
    expect(kindOfTitle("本表反映部门年度总体收支预算情况，填列数应与《收支预算总表》一致。")).toBeNull();
  });

  it("knows the title of every table in the corpus model fixtures", () => {
    const dir = new URL("./fixtures/corpus-models/", import.meta.url);
    const titles: string[] = [];
    for (const f of readdirSync(dir)) {
      const model = JSON.parse(readFileSync(new URL(f, dir), "utf8")) as {
        pages: Array<{ blocks: Array<{ p?: string; rows?: unknown }> }>;
      };
      for (const page of model.pages) {
        page.blocks.forEach((b, i) => {
          if (!b.rows) return;
          // The title is the last paragraph before the table that is neither a number nor a meta line.
          const before = page.blocks
            .slice(0, i)
            .filter((x) => x.p !== undefined)
            .map((x) => x.p as string);
          const title = before
            .reverse()
            .find((p) => !isTableNumber(p) && !/单位\s*[:：]|部门|^.{0,2}$/.test(p));
          if (title && /表$/.test(title) && !/绩效|目录/.test(title)) titles.push(title);
        });
      }
    }
    expect(titles.length).toBeGreaterThan(60);
    expect(titles.filter((t) => kindOfTitle(t) === null)).toEqual([]);
  });
});
