import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { milestonesBetween, showPlanPoint } from "../src/digest/milestones.js";
import { buildDigest, type DigestScope } from "../src/digest/summary.js";
import type { Disclosure, Figure, StandardTable } from "../src/domain/types.js";
import { renderText } from "../src/render/index.js";
import { listDocuments } from "../src/store/sqlite/read/documents.js";
import { saveDisclosure } from "../src/store/sqlite/write.js";
import { parseText } from "./helpers/parse-text.js";
import { DATA_DIR, startTestBot, type TestBot } from "./helpers/test-bot.js";

const RONGDONG = "河北雄安新区容东管理委员会";
const FILE_000 = "000_30685518d77b763b.txt";
const TZ = "Asia/Shanghai";
const scope = (departments: string[], id?: number): DigestScope => ({ departments, timezone: TZ, id });

let bot: TestBot;
beforeAll(async () => {
  bot = await startTestBot({ clock: () => new Date("2024-03-04T09:00:00+08:00") });
});
afterAll(() => bot.close());

function seed(file: string): Disclosure {
  return parseText(readFileSync(join(DATA_DIR, file), "utf8"), file);
}

/** The summary of 容东 with a 2023 copy of its 2024 seed stored beside it, changed by `change`. */
async function withPrevious(
  file: string,
  change: (prev: Disclosure) => void,
  check: (r: Awaited<ReturnType<typeof buildDigest>>) => void,
): Promise<void> {
  const local = await startTestBot();
  try {
    const prev = structuredClone(seed(FILE_000));
    prev.file = file;
    prev.sha256 = file.slice(0, 1).repeat(64);
    prev.year = 2023;
    change(prev);
    saveDisclosure(local.core.db, prev);
    await local.core.refresh();
    check(
      await buildDigest(local.core.services, scope([RONGDONG]), {
        since: null,
        now: new Date("2024-03-04T09:00:00+08:00"),
      }),
    );
  } finally {
    local.close();
  }
}

describe("the summary of one department (容东 2024)", () => {
  const now = new Date("2024-03-04T09:00:00+08:00");

  it("states the 2024 totals and 三公 exactly as printed, citing their tables", async () => {
    const r = await buildDigest(bot.core.services, scope([RONGDONG], 7), { since: null, now });
    expect(r.heading).toBe(`预算周报 · ${RONGDONG} · 2024-03-04`);
    const text = (r.text ?? []).join("\n");
    expect(text).toContain("收入总计：19,243.37 万元");
    expect(text).toContain("支出总计：19,243.37 万元");
    expect(text).toContain("基本支出：218.00 万元");
    expect(text).toContain("项目支出：19,025.37 万元");
    expect(text).toContain("“三公”经费：5.00 万元");
    // Only one year of 容东 is ingested: no change is claimed.
    expect(text).not.toContain("较2023年");
    expect(r.sources).toEqual(
      expect.arrayContaining([
        { file: FILE_000, section: "部门预算收支总表", line: 222 },
        { file: FILE_000, section: "部门预算支出总表", line: 673 },
        { file: FILE_000, section: "部门预算财政拨款“三公”经费支出表", line: 1760 },
      ]),
    );
    expect(r.notes).toContain("订阅编号 7，退订：/unsubscribe 7");
  });

  it("lists the five largest projects by 预算数, each cited at its 预算数 line", async () => {
    const r = await buildDigest(bot.core.services, scope([RONGDONG]), { since: null, now });
    expect(r.table?.columns.map((c) => c.header)).toEqual(["预算数最大的项目", "预算数（万元）"]);
    expect(r.table?.rows).toEqual([
      ["容东片区安置房物业服务费项目", "4,385.67"],
      ["专职社区工作者薪酬待遇项目", "3,648.15"],
      ["综合执法辅助人员2024年薪酬保障项目", "1,929.40"],
      ["后勤保障", "961.30"],
      ["思想宣传项目", "734.00"],
    ]);
    expect(r.sources).toContainEqual({ file: FILE_000, section: "后勤保障绩效目标表", line: 4762 });
    expect(r.sources).toContainEqual({
      file: FILE_000,
      section: "容东片区安置房物业服务费项目绩效目标表",
      line: 6896,
    });
  });

  it("shows 资金支出计划 milestones of the coming month with the planned figure and its unit", async () => {
    const r = await buildDigest(bot.core.services, scope([RONGDONG]), { since: null, now });
    const text = (r.text ?? []).join("\n");
    expect(text).toContain("未来一个月的资金支出计划节点：");
    expect(text).toContain(
      "· 3月31日（计划「3月底」）容东片区安置房物业服务费项目：1,096.42 万元（预算数 4,385.67 万元）",
    );
    expect(text).toContain("· 3月31日（计划「3月底」）后勤保障：96.13 万元（预算数 961.30 万元）");
    // A blank plan cell shows as not stated, never 0.
    expect(text).toContain("容东片区回迁安置房小区增设和改造非机动车车棚项目：未列示");
    expect(text).toMatch(/…另有 \d+ 个节点/);
    expect(r.notes).toContain("未列示：文件未载明该数字");
  });

  it("leaves the milestone section out when no plan date falls in the coming month", async () => {
    const r = await buildDigest(bot.core.services, scope([RONGDONG]), {
      since: null,
      now: new Date("2024-05-10T09:00:00+08:00"),
    });
    expect((r.text ?? []).join("\n")).not.toContain("资金支出计划节点");
    expect((r.text ?? []).join("\n")).toContain("收入总计：19,243.37 万元");
  });

  it("lists at most five of the document's own inconsistencies with a count of the rest", async () => {
    const r = await buildDigest(bot.core.services, scope([RONGDONG]), { since: null, now });
    const all = await bot.core.services.findings(
      (await bot.core.services.catalog.disclosure(RONGDONG, 2024)) as Disclosure,
    );
    expect(all.length).toBeGreaterThan(5);
    expect(r.warnings?.slice(0, 5)).toEqual(all.slice(0, 5).map((f) => f.message));
    expect(r.warnings?.[5]).toBe(
      `文件自身不一致共 ${all.length} 处，另有 ${all.length - 5} 处未列出（/check 容东 2024）`,
    );
    expect(r.warnings).toHaveLength(6);
  });

  it("names documents ingested or changed since the last summary, and none on the first summary", async () => {
    const docs = listDocuments(bot.core.db);
    const first = await buildDigest(bot.core.services, scope([RONGDONG]), {
      since: null,
      now,
      documents: docs,
    });
    expect((first.text ?? []).join("\n")).not.toContain("新导入");
    const later = await buildDigest(bot.core.services, scope([RONGDONG]), {
      since: new Date(0),
      now,
      documents: docs,
    });
    expect((later.text ?? []).join("\n")).toContain(`· ${FILE_000}（2024年，新导入于`);
    const after = await buildDigest(bot.core.services, scope([RONGDONG]), {
      since: new Date(Date.parse(docs.find((d) => d.file === FILE_000)?.updatedAt ?? "") + 1000),
      now,
      documents: docs,
    });
    expect((after.text ?? []).join("\n")).not.toContain(FILE_000);
  });
});

describe("summaries of other documents", () => {
  it("shows 未列示 for totals a document does not state (002) and percentage plans with their %", async () => {
    const name = (await bot.core.services.catalog.departments()).find((d) => d.name.startsWith("未知单位"))
      ?.name as string;
    const r = await buildDigest(bot.core.services, scope([name]), {
      since: null,
      now: new Date("2023-09-20T09:00:00+08:00"),
    });
    const text = (r.text ?? []).join("\n");
    expect(text).toContain("收入总计：未列示");
    expect(text).toContain("“三公”经费：260 万元");
    expect(text).toContain("· 9月30日（计划「9月底」）农业社区经费：70%（预算数 2,110 万元）");
  });

  it("reads 第一季度 of a real plan (002 困难企业补贴, 20%) as 3月31日", () => {
    const doc = seed("002_4b6394e1ed3c65b9.txt");
    const ms = milestonesBetween(doc, { year: 2023, month: 3, day: 20 }, { year: 2023, month: 4, day: 20 });
    const m = ms.find((x) => x.project.name === "困难企业补贴");
    expect(m?.date).toEqual({ year: 2023, month: 3, day: 31 });
    expect(m?.point.label).toBe("第一季度");
    expect(m && showPlanPoint(m.point)).toBe("20%");
    expect(m?.point.line).toBe(148);
  });

  it("covers every department when the subscription names none, with a 单位 column", async () => {
    const r = await buildDigest(bot.core.services, scope([]), {
      since: null,
      now: new Date("2024-03-04T09:00:00+08:00"),
    });
    expect(r.heading).toBe("预算周报 · 全部 5 个单位 · 2024-03-04");
    expect(r.table?.columns[0]?.header).toBe("单位");
    expect(r.table?.rows).toContainEqual(["容东", "后勤保障", "961.30"]);
    expect(r.table?.rows).toContainEqual(["承德高新区", "居家养老项目", "399.76"]);
    expect((r.text ?? []).join("\n")).toContain(
      "【三河市行宫东街道办事处 2021年】\n预算总数（2021年）：\n收入总计：6,460.99 万元",
    );
    expect(r.warnings?.some((w) => w.startsWith("行宫东："))).toBe(true);
  });

  it("says so when a subscribed department has no documents any more", async () => {
    const r = await buildDigest(bot.core.services, scope(["某某已撤销单位"]), {
      since: null,
      now: new Date(),
    });
    expect(r.text).toEqual(["【某某已撤销单位】已没有已导入的文件，请检查订阅（/subscriptions）"]);
    expect(r.table).toBeUndefined();
  });
});

describe("the change against the previous year", () => {
  it("compares totals and 三公 with the 2023 document when both years are ingested (exact 元)", async () => {
    const setFirst = (t: StandardTable | undefined, name: string, text: string, fen: number) => {
      const row = t?.rows.find((r) => r.name.replace(/\s+/g, "") === name);
      const key = Object.keys(row?.values ?? {})[0] as string;
      (row?.values[key] as Figure).text = text;
      (row?.values[key] as Figure).fen = fen;
    };
    await withPrevious(
      "900_rongdong_2023.txt",
      (prev) => {
        setFirst(
          prev.tables.find((t) => t.kind === "收支总表"),
          "收入总计",
          "18000.00",
          18_000_000_000,
        );
        const sangong = prev.tables.find((t) => t.kind === "三公经费支出表");
        const total = sangong?.rows.find((r) => r.name.replace(/\s+/g, "") === "合计");
        (total?.values.合计 as Figure).text = "6.00";
        (total?.values.合计 as Figure).fen = 6000000;
      },
      (r) => {
        const text = (r.text ?? []).join("\n");
        expect(text).toContain("收入总计：19,243.37 万元，较2023年增加 1,243.37 万元（+6.9%）");
        expect(text).toContain("“三公”经费：5.00 万元，较2023年减少 1.00 万元（-16.7%）");
        expect(text).toContain("支出总计：19,243.37 万元，与2023年持平");
        expect(r.sources).toContainEqual({
          file: "900_rongdong_2023.txt",
          section: "部门预算收支总表",
          line: 222,
        });
        expect(renderText(r)).toContain("来源：900_rongdong_2023.txt");
        // The one chart: 支出总计 of the two years, each bar exact from 分.
        expect(r.chart?.kind).toBe("bars-by-year");
        expect(r.chart?.categories).toEqual(["2023年", "2024年"]);
        expect(r.chart?.series[0]?.values).toEqual([19_243_370_000, 19_243_370_000]);
      },
    );
  });
});

describe("the change against the previous year where a figure is not stated", () => {
  it("says 未列示 for the change, naming the year that does not state it, never a change from 0", async () => {
    await withPrevious(
      "901_rongdong_2023.txt",
      (prev) => {
        // The 2023 document prints no 三公 table and says nothing of it.
        prev.tables = prev.tables.filter((t) => t.kind !== "三公经费支出表");
        prev.narrative = prev.narrative.filter((f) => !f.key.startsWith("sangong."));
      },
      (r) => {
        const text = (r.text ?? []).join("\n");
        expect(text).toContain("“三公”经费：5.00 万元，较2023年增减：未列示（2023年未列示）");
        expect(text).toContain("支出总计：19,243.37 万元，与2023年持平");
      },
    );
  });

  it("carries one chart when a single year is stored: 基本/项目支出 of that year", async () => {
    const r = await buildDigest(bot.core.services, scope([RONGDONG]), {
      since: null,
      now: new Date("2024-03-04T09:00:00+08:00"),
    });
    expect(r.chart?.kind).toBe("composition");
    expect(r.chart?.categories.slice(0, 2)).toEqual(["基本支出", "项目支出"]);
  });

  it("ranks the departments by 支出总计 in one chart when it covers several", async () => {
    const r = await buildDigest(bot.core.services, scope([]), {
      since: null,
      now: new Date("2024-03-04T09:00:00+08:00"),
    });
    expect(r.chart?.kind).toBe("ranking");
    expect(r.chart?.categories.length).toBeGreaterThan(1);
  });
});
