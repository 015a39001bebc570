import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { commands } from "../commands/index.js";
import type { Reply } from "../src/reply/reply.js";
import { startTestBot, type TestBot } from "./helpers/test-bot.js";

let bot: TestBot;
beforeAll(async () => {
  bot = await startTestBot({ clock: () => new Date("2024-06-01T00:00:00+08:00") });
});
afterAll(() => bot.close());

/** The cell in the row whose first (label) cell matches. */
function cell(reply: Reply, label: RegExp, col = 1): string | undefined {
  const rows = [...(reply.table?.rows ?? []), ...(reply.table?.totals ?? [])];
  const row = rows.find((r) => r.some((c) => label.test(c)));
  if (!row) return undefined;
  const idx = row.findIndex((c) => label.test(c));
  return row[idx + col];
}

describe("/budget", () => {
  it("answers 容东 2024 三公 with 5.00 in total and for 公务接待费, citing the 三公 table", async () => {
    const r = await bot.ask("/budget 容东 2024 三公");
    expect(r.kind).toBe("answer");
    expect(r.heading).toContain("河北雄安新区容东管理委员会");
    expect(r.heading).toContain("2024");
    expect(cell(r, /^合计$/)).toBe("5.00");
    expect(cell(r, /公务接待费/)).toBe("5.00");
    // The table leaves 因公出国(境)费 blank; the 情况说明 (line 1865) states 0.00 万元 (issue 11).
    expect(cell(r, /因公出国/)).toBe("0.00*");
    expect(r.notes).toContain("* 表中未填，取自情况说明（第1865行）");
    expect(r.sources?.[0]).toMatchObject({
      file: "000_30685518d77b763b.txt",
      section: "部门预算财政拨款“三公”经费支出表",
      line: 1735,
    });
    expect(r.sources).toContainEqual({
      file: "000_30685518d77b763b.txt",
      section: "四、财政拨款“三公”经费预算情况及增减变化原因",
      line: 1865,
    });
    const text = await bot.askText("/budget 容东 2024 三公");
    expect(text).toContain("来源");
    expect(text).toContain("000_30685518d77b763b.txt");
  });

  it("answers the 容东 2024 overview with totals and their parts", async () => {
    const r = await bot.ask("/budget 容东 2024");
    expect(cell(r, /收入总计/)).toBe("19,243.37");
    expect(cell(r, /本年收入/)).toBe("18,401.67");
    expect(cell(r, /上年结转/)).toBe("841.70");
    expect(cell(r, /基本支出/)).toBe("218.00");
    expect(cell(r, /项目支出/)).toBe("19,025.37");
    expect(r.notes).toContain(
      "机构设置：河北雄安新区容东管理委员会（行政）、容东片区兴安社区卫生服务中心（事业）",
    );
  });

  it("accepts arguments in any order, full-width digits and glued words", async () => {
    const a = await bot.ask("/budget 三公 2024年 容东管委会");
    const b = await bot.ask("/budget 容东２０２４三公");
    expect(cell(a, /公务接待费/)).toBe("5.00");
    expect(cell(b, /公务接待费/)).toBe("5.00");
  });

  it("defaults the year to the latest disclosed one", async () => {
    const r = await bot.ask("/budget 行宫东 三公");
    expect(r.heading).toContain("2021");
  });

  it("reads 三公 of a narrative-only disclosure from its 情况说明", async () => {
    const r = await bot.ask("/budget 行宫东 2021 三公");
    expect(cell(r, /^合计$/)).toBe("15.72");
    expect(cell(r, /公务接待费/)).toBe("2.30");
    expect(cell(r, /其中：公务用车运行维护费$/)).toBe("13.42");
  });

  it("shows one part of 三公", async () => {
    const r = await bot.ask("/budget 容东 2024 接待");
    expect(cell(r, /公务接待费/)).toBe("5.00");
    expect(r.table?.rows.some((row) => /出国/.test(row[0] ?? ""))).toBe(false);
  });

  it("answers 支出, 基本支出, 收入 and a subject from the tables", async () => {
    const exp = await bot.ask("/budget 容东 2024 支出");
    expect(exp.table?.rows[0]).toEqual(["201", "一般公共服务支出", "11,013.73", "218.00", "10,795.73"]);
    expect(exp.table?.totals?.[0]).toEqual(["—", "合计", "19,243.37", "218.00", "19,025.37"]);
    // Opened at the 类 level (issue 11): every class on one page, a class expands on request.
    expect(exp.table?.rows.some((row) => row[1]?.includes("城乡社区支出"))).toBe(true);
    const basic = await bot.ask("/budget 容东 2024 基本支出 301");
    expect(basic.table?.rows.some((row) => row.includes("30101"))).toBe(true);
    const subject = await bot.ask("/budget 容东 卫生健康");
    expect(subject.table?.rows.length).toBeGreaterThan(0);
    const income = await bot.ask("/budget 容东 收入");
    expect(income.kind).toBe("answer");
  });

  it("answers 政府采购 and 资产", async () => {
    const p = await bot.ask("/budget 容东 政府采购");
    expect(cell(p, /^合计$/, 2)).toBe("3,480.02");
    const a = await bot.ask("/budget 容东 资产");
    expect(cell(a, /资产总额/, 2)).toBe("4,828.43");
  });

  it("says when a topic is not in the document instead of showing 0", async () => {
    const r = await bot.ask("/budget 白沟 2023 三公");
    expect(JSON.stringify(r)).toContain("未列示");
    expect(JSON.stringify(r.table ?? {})).not.toContain("0.00");
  });

  it("gives a performance-text document an overview of its project tables instead of empty totals", async () => {
    const r = await bot.ask("/budget 白沟");
    expect(r.fields).toEqual([
      { label: "绩效目标表", value: "21 个" },
      // 1486.80 = the sum of the 21 预算数 pinned in test/fixtures/projects-003.json
      { label: "预算数合计（21 个列示金额）", value: "1,486.80" },
    ]);
    expect(r.table?.rows[0]).toEqual(["综合办-2023年综合事务管理资金", "504.26"]);
  });

  it("asks back when a fragment matches several departments", async () => {
    const r = await bot.ask("/budget 管委会 2024");
    expect(r.kind).toBe("error");
    expect(r.heading).toContain("匹配到");
    // Candidates are listed once, as choices (issue 11: they were printed twice in the console).
    expect((r.text ?? []).join("\n")).not.toContain("河北雄安新区容东管理委员会");
    const choice = r.actions?.find((a) => a.kind === "choose" && a.label === "河北雄安新区容东管理委员会");
    expect(choice?.command).toBe("/budget 河北雄安新区容东管理委员会 2024");
    const chosen = await bot.ask(choice?.command ?? "");
    expect(chosen.heading).toContain("河北雄安新区容东管理委员会 2024年");
  });

  it("says so and suggests when the department is unknown", async () => {
    const r = await bot.ask("/budget 容西 2024");
    expect(r.kind).toBe("error");
    expect(r.heading).toContain("没有找到单位");
    expect(r.actions?.map((a) => a.label)).toContain("河北雄安新区容东管理委员会");
  });

  it("says which years exist when the year is not disclosed", async () => {
    const r = await bot.ask("/budget 容东 2019");
    expect(r.kind).toBe("error");
    expect((r.text ?? []).join("")).toContain("2024");
  });
});

describe("/project", () => {
  it("lists both 后勤保障 projects with code and 预算数", async () => {
    const r = await bot.ask("/project 后勤保障");
    const rows = r.table?.rows ?? [];
    const a = rows.find((row) => row[3] === "后勤保障");
    const b = rows.find((row) => row[3] === "后勤保障项目");
    expect(a).toEqual(["河北雄安新区容东管理委员会", "2024", "13660024P00448510003Y", "后勤保障", "961.30"]);
    expect(b).toEqual([
      "河北雄安新区容东管理委员会",
      "2024",
      "13660023P004485100019",
      "后勤保障项目",
      "56.00",
    ]);
  });

  it("shows one project's detail when picked by id", async () => {
    const list = await bot.ask("/project 后勤保障");
    const pick = list.actions?.find((a) => a.kind === "choose" && a.label.includes("后勤保障项目"));
    expect(pick).toBeDefined();
    const r = await bot.ask(pick?.command ?? "");
    expect(r.heading).toContain("后勤保障项目");
    expect(r.fields?.find((f) => f.label.startsWith("预算数"))?.value).toBe("56.00");
    expect((r.text ?? []).join("\n")).toContain("物业管理服务");
    expect((r.text ?? []).join("\n")).toMatch(/政府采购：物业管理服务 C21040000 1项 56\.00万元（第\d+行）/);
    expect(r.sources?.[0]?.line).toBe(4848);
    expect(r.sources?.[1]?.section).toBe("部门政府采购预算");
  });

  it("pages long result lists", async () => {
    const r = await bot.ask("/project 社区");
    expect(r.page?.count).toBeGreaterThan(1);
    const next = r.actions?.find((a) => a.kind === "page");
    const r2 = await bot.ask(next?.command ?? "");
    expect(r2.page?.index).toBe(1); // 0-based: the second page
  });

  it("finds two-character words and place names", async () => {
    for (const q of ["后勤", "容东", "物业"]) {
      const r = await bot.ask(`/project ${q}`);
      expect(r.kind).toBe("answer");
    }
  });

  it("says so when nothing matches", async () => {
    const r = await bot.ask("/project 不存在的项目名称");
    expect(r.kind).toBe("error");
  });
});

describe("dispatcher and help", () => {
  it("suggests the nearest command for a typo", async () => {
    const r = await bot.ask("/budgte 容东");
    expect(r.kind).toBe("error");
    expect((r.text ?? []).join("")).toContain("/budget");
  });

  it("generates /help from the registry with every command", async () => {
    const r = await bot.ask("/help");
    for (const c of commands) expect(JSON.stringify(r)).toContain(c.summary);
    const one = await bot.ask("/help budget");
    expect(one.text).toContain("/budget 容东 2024 三公");
  });

  it("never shows a stack trace for malformed input", async () => {
    for (const line of ["/budget", "/project", "/budget 　", "hello", "/", "/project #999999"]) {
      const r = await bot.ask(line);
      expect(r.kind).toBe("error");
      expect(JSON.stringify(r)).not.toMatch(/at .*\.ts:\d+/);
    }
  });
});

describe("/check", () => {
  it("finds the 三公 contradictions of seed 001 with both sides and the line", async () => {
    const r = await bot.ask("/check 行宫东");
    const text = (r.text ?? []).join("\n");
    expect(r.heading).toContain("自查发现");
    expect(text).toContain("15.72");
    expect(text).toContain("0 + 13.42 = 13.42");
    expect(text).toContain("第49行");
  });

  it("finds 固定资产 4628.43 against 4828.43 and 机关运行经费 against 公用经费 in seed 000", async () => {
    const r1 = await bot.ask("/check 容东 2024");
    const r2 = await bot.ask(r1.actions?.find((a) => a.label === "下一页")?.command ?? "");
    const text = [...(r1.text ?? []), ...(r2.text ?? [])].join("\n");
    expect(text).toMatch(/4,628\.43[\s\S]*4,828\.43/);
    expect(text).toMatch(/908\.52[\s\S]*138\.00/);
    expect(text).toContain("构建儿童友好型社区项目");
  });

  it("shows ⚠ notes on /budget where the document disagrees with itself", async () => {
    const r = await bot.ask("/budget 行宫东 2021 三公");
    expect((r.warnings ?? []).join("\n")).toContain("15.72");
  });

  it("reports the one real slip of 承德: the template's XXX approver line left on its cover", async () => {
    const r = await bot.ask("/check 承德");
    expect(r.heading).toContain("自查发现 1 处不一致");
    expect((r.text ?? []).join("\n")).toContain("未替换的占位名称「XXX」");
  });
});

describe("/budget on every seed and topic", () => {
  const departments = ["容东", "行宫东", "002", "白沟", "承德"];
  const topics = [
    "",
    "收入",
    "支出",
    "基本支出",
    "项目",
    "三公",
    "出国",
    "公车",
    "接待",
    "机关运行经费",
    "政府采购",
    "资产",
    "卫生健康",
  ];
  it.each(departments.flatMap((d) => topics.map((t) => [d, t])))(
    "answers /budget %s %s with sources or says what is missing",
    async (d, t) => {
      const r = await bot.ask(`/budget ${d} ${t}`.trim());
      expect(r.heading).not.toBe("");
      if (r.kind === "answer" && r.table) expect(r.sources?.length ?? 0).toBeGreaterThan(0);
      if (r.kind === "error") expect(`${r.heading}${(r.text ?? []).join("")}`).toMatch(/没有|未列示|请/);
      // A figure the document does not state is never shown as 0.
      for (const row of r.table?.rows ?? []) for (const c of row) expect(c).not.toBe("");
    },
  );
});

describe("CSV export", () => {
  it("exports every row of a paged /budget table as CSV with a BOM, and paged replies offer the button", async () => {
    const paged = await bot.ask("/budget 容东 2024 支出");
    const button = paged.actions?.find((a) => a.kind === "export");
    expect(button?.command).toBe("/budget 河北雄安新区容东管理委员会 2024 支出 导出");
    const r = await bot.ask(button?.command ?? "");
    // The file name says department, year and topic; numbers are plain numbers with the unit in
    // the header, names are not indented, marks and sources have their own columns.
    expect(r.attachment?.filename).toBe("河北雄安新区容东管理委员会-2024年预算-支出.csv");
    const csv = r.attachment?.content ?? "";
    expect(
      csv.startsWith("\uFEFF编码,科目,合计（万元）,基本支出（万元）,项目支出（万元）,标注,来源\r\n"),
    ).toBe(true);
    expect(csv).toContain("201,一般公共服务支出,11013.73,218.00,10795.73,,\r\n");
    expect(csv).toContain("20111,纪检监察事务,40.00,,40.00,基本支出：未列示,\r\n");
    expect(csv).toContain("212,城乡社区支出,6362.59");
    expect(csv).toContain("—,合计,19243.37,218.00,19025.37");
    expect(csv).toContain(",,,,,,000_30685518d77b763b.txt · 部门预算支出总表 · 第635行\r\n");
  });

  it("exports all /project matches", async () => {
    const r = await bot.ask("/project 社区 导出");
    const lines = (r.attachment?.content ?? "").split("\r\n").filter((l) => /^[^,]/.test(l)); // sources sit in their own column, below the rows
    const list = await bot.ask("/project 社区");
    expect(lines.length - 1).toBe(list.page?.total);
  });
});

describe("stored findings", () => {
  it("computes a document's findings once and reads them back from the store", async () => {
    const { loadFindings } = await import("../src/store/sqlite/findings.js");
    const { RULES_VERSION } = await import("../src/checks/index.js");
    const doc = await bot.core.catalog.disclosure("三河市行宫东街道办事处", 2021);
    expect(doc).not.toBeNull();
    if (!doc) return;
    const first = await bot.core.catalog.findings(doc);
    const id = bot.core.db.prepare("SELECT id FROM documents WHERE file = ?").get(doc.file) as { id: number };
    expect(loadFindings(bot.core.db, id.id, doc.sha256, RULES_VERSION)).toEqual(first);
    expect(loadFindings(bot.core.db, id.id, doc.sha256, "other-rules")).toBeNull();
    expect(first.filter((f) => f.severity === "error")).toHaveLength(2);
  });
});
