/**
 * The 上海 财政项目支出绩效目标填报表 of the real corpus, end to end: 上海市普陀区万里街道办事处2023年部门预算.pdf
 * (pages 31–35, five projects) read by the real pipeline (bytes → PDF reader → document model →
 * project reader) into a real SQLite file and asked through the real dispatcher. Every name and
 * amount below was checked on the page images (`pdftoppm -png -r 110 -f 31 -l 35`).
 *
 * The same form written as HTML (the Word reader's path too) and as Excel, with the PDF page's own
 * cells and merges, must read to the same Project.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import * as XLSX from "@e965/xlsx";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppCore } from "../src/app.js";
import { runChecks } from "../src/checks/index.js";
import { lineLabel } from "../src/domain/places.js";
import type { Disclosure, Project } from "../src/domain/types.js";
import { type DocTable, type DocumentModel, gridOf } from "../src/ingest/document/model.js";
import { readDocument } from "../src/ingest/formats/index.js";
import { readProjects } from "../src/ingest/projects.js";
import { CORPUS_DIR } from "./helpers/corpus.js";
import { type CorpusDb, openCorpusDb } from "./helpers/corpus-db.js";

const FILE = "上海市普陀区万里街道办事处2023年部门预算.pdf";
const TITLE = "财政项目支出绩效目标填报表";

let corpus: CorpusDb;
let _core: AppCore;
let bytes: Uint8Array;
let doc: Disclosure;
const ask = (line: string) => corpus.ask(line);

beforeAll(async () => {
  bytes = new Uint8Array(readFileSync(join(CORPUS_DIR, FILE)));
  corpus = await openCorpusDb([FILE]);
  _core = corpus.core;
  doc = corpus.parsed.get(FILE) as Disclosure;
}, 60_000);

afterAll(() => corpus.close());

const page = (p: Project) => lineLabel(doc.places, p.line);
const levels = (p: Project) => p.indicators.map((i) => [i.level1, i.level2, i.level3, i.value]);

describe("万里街道 2023: the five 财政项目支出绩效目标填报表 (pages 31–35)", () => {
  it("finds one project per form, each citing its own page", () => {
    expect(doc.projects.map((p) => [page(p), p.title, p.name, p.seq, p.code])).toEqual([
      ["第31页", TITLE, "新建万里街道社区公共服务中心", null, null],
      ["第32页", TITLE, "就业援助基地补贴", null, null],
      // The PDF reader joins page 33's form to page 32's and drops its repeated title rows.
      ["第33页", TITLE, "社区环境整治和建设经费", null, null],
      ["第34页", TITLE, "各类工作经费", null, null],
      ["第35页", TITLE, "公共服务设施运行经费", null, null],
    ]);
  });

  it("keeps 项目资金总额, 其中：财政资金 and 其他资金 as printed, in the block's 元", () => {
    const amounts = doc.projects.map((p) => [p.budget?.text, p.fiscal?.text, p.other?.text]);
    expect(amounts).toEqual([
      ["4,100,000.00", "4,100,000.00", "0.00"],
      ["6,351,000.00", "6,351,000.00", "0.00"],
      ["4,563,800.00", "4,563,800.00", "0.00"],
      // Page 34 prints its amounts without separators.
      ["7595500.00", "7595500.00", "0.00"],
      ["10,903,043.00", "10,903,043.00", "0.00"],
    ]);
    expect(doc.projects.map((p) => p.budget?.fen)).toEqual([
      410_000_000, 635_100_000, 456_380_000, 759_550_000, 1_090_304_300,
    ]);
    for (const p of doc.projects)
      for (const f of [p.budget, p.fiscal, p.other]) {
        expect(f?.unit).toBe("元");
        expect(lineLabel(doc.places, f?.source.line ?? 0)).toBe(page(p));
      }
  });

  it("warns that page 35's 年度资金申请总额 10,903,043.00 is not its 当年财政拨款 11,419,043.00", () => {
    const warning = doc.warnings.find((w) => w.message.includes("公共服务设施运行经费"));
    expect(warning?.message).toContain("年度资金申请总额 10,903,043.00 元");
    expect(warning?.message).toContain(
      "其中：当年财政拨款 11,419,043.00 + 上年结转资金 0.00 + 其他资金 0.00",
    );
    expect(warning?.message).toContain("项目预算数取项目资金总额 10,903,043.00 元");
    expect(lineLabel(doc.places, warning?.line ?? 0)).toBe("第35页");
    expect(doc.warnings.filter((w) => w.message.includes(TITLE))).toHaveLength(1);
  });

  it("takes the goal from 年度总体目标", () => {
    const [first, second, , fourth] = doc.projects;
    expect(first?.goal).toBe(
      "建成后作为万里街道社区事务受理、社区管理、社区文化艺术活动场所。更有效的整合社区公共服务资源，为周边居民提供便捷、优质的社区服务和生活配套设施。",
    );
    expect(second?.goal).toBe("管理各类下拨费用，实报实销");
    expect(fourth?.goal).toMatch(
      /^提升辖区居民群众的防毒意识和能力.*开展招聘、录用等干部人事工作，开展日常工作。$/,
    );
    expect(doc.projects.every((p) => p.purpose === null && p.plan.length === 0)).toBe(true);
  });

  it("reads every indicator row with its levels and 年度(/项目)指标值", () => {
    expect(doc.projects.map((p) => p.indicators.length)).toEqual([5, 4, 4, 43, 9]);
    const [p31, p32, p33, p34, p35] = doc.projects as [Project, Project, Project, Project, Project];
    expect(levels(p31)).toEqual([
      ["产出指标", "数量指标", "规划建筑面积", "≥13459.00(平方米)"],
      ["产出指标", "质量指标", "完工及时率", "及时率"],
      ["产出指标", "成本指标", "预算内经费", "合规"],
      ["效益指标", "社会效益指标", "完善社区基础设施建设", "完善率"],
      ["满意度指标", "服务对象满意度指标", "居民满意度", "满意度"],
    ]);
    expect(levels(p32)[2]).toEqual([
      "效益指标",
      "社会效益指标",
      "补贴对象生活改善度",
      "补贴对象生活改善度不低于80%",
    ]);
    expect(levels(p33)[0]).toEqual(["产出指标", "数量指标", "整治行动、病媒消杀", "≥12.00(次)"]);
    expect(levels(p34)[0]).toEqual(["产出指标", "数量指标", "成立社戒社康人员习得规范小组", ">6.00(次)"]);
    expect(levels(p34)[15]).toEqual([
      "产出指标",
      "质量指标",
      "做好禁毒示范城区标准化建设",
      "做好禁毒示范城区标准化建设",
    ]);
    expect(levels(p34)[42]).toEqual([
      "满意度指标",
      "服务对象满意度指标",
      "党员群众满意度",
      "党员群众满意度不少于80%",
    ]);
    expect(levels(p35)[8]).toEqual(["满意度指标", "服务对象满意度指标", "工作人员满意度", "≥95.00(%)"]);
  });
});

describe("/project on the stored corpus file", () => {
  it("/project 社区公共服务中心 answers 新建万里街道社区公共服务中心 with 4,100,000.00 元, citing 第31页", async () => {
    const text = await ask("/project 社区公共服务中心");
    expect(text).toContain("新建万里街道社区公共服务中心（上海市普陀区人民政府万里街道办事处 2023年）");
    expect(text).toContain("预算数（元）：4,100,000.00");
    expect(text).toContain("其中：财政资金：4,100,000.00");
    expect(text).toMatch(/规划建筑面积\s+≥13459\.00\(平方米\)/);
    expect(text).toContain(`${FILE} · ${TITLE} · 第31页`);
  });

  it("/project 环境整治 finds the form whose title the PDF reader dropped, citing 第33页", async () => {
    const text = await ask("/project 环境整治");
    expect(text).toContain("社区环境整治和建设经费");
    expect(text).toContain("预算数（元）：4,563,800.00");
    expect(text).toContain(`${TITLE} · 第33页`);
  });
});

describe("project checks name the 元 of these forms", () => {
  const messages = (ruleId: string, projects: Project[]) =>
    runChecks({ ...doc, projects })
      .filter((f) => f.ruleId === ruleId)
      .map((f) => f.message);
  const first = () => doc.projects as [Project, Project];

  it("project.duplicate", () => {
    const [p31, p32] = first();
    const twin: Project = { ...p32, name: p31.name };
    const [message] = messages("project.duplicate", [p31, twin]);
    expect(message).toContain("第31页的表预算数 4,100,000.00 元，第32页的表预算数 6,351,000.00 元");
  });

  it("project.cost-indicator", () => {
    const [p31] = first();
    const costly: Project = {
      ...p31,
      indicators: [{ ...(p31.indicators[2] as Project["indicators"][number]), value: "≤4200000元" }],
    };
    const [message] = messages("project.cost-indicator", [costly]);
    expect(message).toContain("高于本项目预算数 4,100,000.00 元，超出 100,000 元");
  });

  it("project.units", () => {
    const [p31] = first();
    const odd: Project = {
      ...p31,
      indicators: [{ ...(p31.indicators[0] as Project["indicators"][number]), value: "20000万元" }],
    };
    const [message] = messages("project.units", [odd]);
    expect(message).toContain("而项目预算数为 4,100,000.00 元");
  });
});

/** A form as the PDF reader modelled it: the one table of page `n` (a copy). */
async function pageTable(n: number): Promise<DocTable> {
  const model = await readDocument(bytes, FILE);
  const table = model.parts[n - 1]?.blocks.find((b): b is DocTable => b.type === "table");
  if (!table) throw new Error(`no table on page ${n}`);
  return structuredClone(table);
}

/** Blank the 项目资金总额 group (the first 项目资金总额 / 其中：财政资金 / 其他资金 of each row and its value). */
function withoutProjectTotal(t: DocTable): DocTable {
  for (const r of t.rows) {
    const k = r.cells.findIndex((c) =>
      ["项目资金总额", "其中：财政资金", "其他资金"].includes(c.text.trim()),
    );
    for (const c of r.cells.slice(k, k < 0 ? 0 : k + 2)) c.text = "";
  }
  return t;
}

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** The form as an HTML page: title lines as paragraphs, the rest one table with its merges. */
function asHtml(t: DocTable): Uint8Array {
  const [title, year, ...rows] = t.rows;
  const td = (c: DocTable["rows"][number]["cells"][number]) =>
    `<td${c.colSpan > 1 ? ` colspan="${c.colSpan}"` : ""}${c.rowSpan > 1 ? ` rowspan="${c.rowSpan}"` : ""}>${esc(c.text)}</td>`;
  const body = rows.map((r) => `<tr>${r.cells.map(td).join("")}</tr>`).join("\n");
  const html = `<!DOCTYPE html><html><head><meta charset="utf-8"><title>绩效目标</title></head><body>
<p>${esc(title?.cells[0]?.text ?? "")}</p><p>${esc(year?.cells[0]?.text ?? "")}</p>
<table>${body}</table></body></html>`;
  return new TextEncoder().encode(html);
}

/** The form as a one-sheet workbook: every cell at its grid position, merges kept. */
function asXlsx(t: DocTable): Uint8Array {
  const grid = gridOf(t);
  const aoa = grid.map((row) => row.map((g) => (g?.origin ? g.cell.text : "")));
  const ws = XLSX.utils.aoa_to_sheet(aoa);
  ws["!merges"] = grid.flatMap((row, r) =>
    row.flatMap((g, c) =>
      g?.origin && (g.cell.colSpan > 1 || g.cell.rowSpan > 1)
        ? [{ s: { r, c }, e: { r: r + g.cell.rowSpan - 1, c: c + g.cell.colSpan - 1 } }]
        : [],
    ),
  );
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, ws, "项目1");
  return new Uint8Array(XLSX.write(wb, { type: "buffer", bookType: "xlsx" }));
}

/** What a form states, without where it stands in its document. */
function content(p: Project | undefined) {
  if (!p) return undefined;
  const fig = (f: Project["budget"]) => (f ? [f.text, f.fen, f.unit] : null);
  return {
    title: p.title,
    name: p.name,
    budget: fig(p.budget),
    fiscal: fig(p.fiscal),
    other: fig(p.other),
    goal: p.goal,
    indicators: levels(p),
  };
}

describe("the same form in other formats reads to the same Project", () => {
  const read = async (made: Uint8Array, name: string): Promise<Project[]> => {
    const model: DocumentModel = await readDocument(made, name);
    return readProjects(model, name).projects;
  };

  it("as HTML (the Word reader's path), with the title as a paragraph", async () => {
    const projects = await read(asHtml(await pageTable(31)), "form.html");
    expect(projects).toHaveLength(1);
    expect(content(projects[0])).toEqual(content(doc.projects[0]));
  });

  it("as Excel, with the title in a merged cell", async () => {
    const projects = await read(asXlsx(await pageTable(31)), "form.xlsx");
    expect(projects).toHaveLength(1);
    expect(content(projects[0])).toEqual(content(doc.projects[0]));
  });

  it("page 35 as HTML reads the same, with the same warning about its 年度资金申请总额", async () => {
    const model = await readDocument(asHtml(await pageTable(35)), "form.html");
    const { projects, warnings } = readProjects(model, "form.html");
    expect(content(projects[0])).toEqual(content(doc.projects[4]));
    expect(warnings.map((w) => w.message)).toEqual(
      doc.warnings.filter((w) => w.message.includes(TITLE)).map((w) => w.message),
    );
  });

  it("without 项目资金总额, budget, fiscal and other all come from the 年度资金申请总额 group", async () => {
    const model = await readDocument(asHtml(withoutProjectTotal(await pageTable(35))), "form.html");
    const { projects, warnings } = readProjects(model, "form.html");
    const p = projects[0];
    expect([p?.budget?.text, p?.fiscal?.text, p?.other?.text]).toEqual([
      "10,903,043.00",
      "11,419,043.00",
      "0.00",
    ]);
    expect(p?.budget?.unit).toBe("元");
    // The group kept is checked by project.funding (预算数 = 财政资金 + 其他资金), not warned at ingest.
    expect(warnings).toEqual([]);
  });
});

describe("a 填报表 whose two totals are stacked in one column", () => {
  it("gives each part to the total printed above it", async () => {
    const rows = [
      ["项目名称", "甲项目"],
      ["项目资金（元）", ""],
      ["项目资金总额", "1,000.00"],
      ["其中：财政资金", "800.00"],
      ["其他资金", "200.00"],
      ["年度资金申请总额", "600.00"],
      ["其中：当年财政拨款", "500.00"],
      ["上年结转资金", "50.00"],
      ["其他资金", "0.00"],
      ["年度总体目标", "完成甲项目"],
      ["一级指标", "二级指标", "三级指标", "指标值"],
      ["产出指标", "数量指标", "完成数", "1项"],
    ];
    const html = `<html><body><p>财政项目支出绩效目标填报表</p><table>${rows
      .map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join("")}</tr>`)
      .join("")}</table></body></html>`;
    const model = await readDocument(new TextEncoder().encode(html), "stacked.html");
    const { projects, warnings } = readProjects(model, "stacked.html");
    const p = projects[0];
    expect([p?.name, p?.budget?.text, p?.fiscal?.text, p?.other?.text, p?.budget?.unit]).toEqual([
      "甲项目",
      "1,000.00",
      "800.00",
      "200.00",
      "元",
    ]);
    expect(p?.goal).toBe("完成甲项目");
    expect(warnings.map((w) => w.message)).toEqual([
      "财政项目支出绩效目标填报表“甲项目”：年度资金申请总额 600.00 元，其中：当年财政拨款 500.00 + 上年结转资金 50.00 + 其他资金 0.00 = 550 元，两者不符；项目预算数取项目资金总额 1,000.00 元",
    ]);
  });
});

describe("/project sums in the unit the projects print", () => {
  it("adds the 元 budgets of 万里 2023 in 元, exactly", async () => {
    // 4,563,800.00 + 10,903,043.00 + 7595500.00 + 4,100,000.00 (第31–35页) = 27,162,343 元.
    const text = await ask("/project 经费");
    expect(text).toContain("预算数合计 27,162,343 元");
    expect(text).not.toContain("2716.2343 万元");
  });
});
