import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { combineDisclosures, combinedNotes } from "../src/catalog/combine.js";
import { runChecks } from "../src/checks/index.js";
import type { Disclosure } from "../src/domain/types.js";
import { storeDisclosure } from "../src/ingest/store-disclosure.js";
import { getWarnings } from "../src/store/sqlite/read/disclosure.js";
import { getDocumentByFile } from "../src/store/sqlite/read/documents.js";
import { parseText } from "./helpers/parse-text.js";
import { DATA_DIR, startTestBot, type TestBot } from "./helpers/test-bot.js";

const SEED_000 = "000_30685518d77b763b.txt";
const seedText = () => readFileSync(join(DATA_DIR, SEED_000), "utf8");
const seedLines = () => seedText().split("\n");
/** Where the 情况说明 of seed 000 starts (after the nine tables). */
const narrativeStart = () => seedLines().findIndex((l) => l.startsWith("第一部分"));

/** Seed 000 published as two files, Jiangsu style: the nine tables, then everything else. */
function splitSeed(): { tables: string; narrative: string } {
  const lines = seedLines();
  const i = narrativeStart();
  return { tables: lines.slice(0, i).join("\n"), narrative: lines.slice(i).join("\n") };
}

/** A cut-off copy of seed 000 holding only the first 40 lines of its 情况说明. */
const excerpt = () =>
  seedLines()
    .slice(narrativeStart(), narrativeStart() + 40)
    .join("\n");

/** Every Source.file in a value replaced by one name, to compare a combined view with one file. */
function sameFile<T>(value: T, file: string): T {
  return JSON.parse(JSON.stringify(value).replace(/"file":"[^"]*"/g, `"file":"${file}"`)) as T;
}

/** The files a reply cites. */
const filesOf = (r: { sources?: Array<{ file: string }> }) => [
  ...new Set((r.sources ?? []).map((s) => s.file)),
];

describe("combining the documents of one department-year", () => {
  const full = parseText(seedText(), SEED_000);
  const parts = splitSeed();
  const tablesDoc = parseText(parts.tables, "900_tables.txt");
  const narrativeDoc = parseText(parts.narrative, "900_narrative.txt");

  it("reads a 表格 file and a 说明 file into one view equal to the whole document, each figure citing its file", () => {
    expect([tablesDoc.tables.length, tablesDoc.narrative.length]).toEqual([9, 0]);
    expect([narrativeDoc.tables.length, narrativeDoc.narrative.length]).toEqual([0, 25]);
    const view = combineDisclosures([tablesDoc, narrativeDoc]) as Disclosure;
    // The main file is the one holding most figures (the tables); the view lists both.
    expect(view.file).toBe("900_tables.txt");
    expect(view.documents).toEqual([
      {
        file: "900_tables.txt",
        sha256: tablesDoc.sha256,
        parts: ["tables"],
        tableKinds: full.tables.map((t) => t.kind),
      },
      {
        file: "900_narrative.txt",
        sha256: narrativeDoc.sha256,
        parts: ["narrative", "projects", "procurement", "assets", "units"],
        tableKinds: [],
      },
    ]);
    // Same content as the single file …
    expect(sameFile(view.tables, SEED_000)).toEqual(full.tables);
    // (The narrative file starts at the 情况说明, so its line numbers are its own.)
    const fact = (d: Disclosure) => d.narrative.map((f) => [f.key, f.figure.text, f.figure.fen, f.sentence]);
    expect(fact(view)).toEqual(fact(full));
    expect(view.projects).toHaveLength(full.projects.length);
    // … with every figure citing the file it was read from.
    expect(
      new Set(
        view.tables.flatMap((t) => t.rows.flatMap((r) => Object.values(r.values).map((f) => f?.source.file))),
      ),
    ).toEqual(new Set(["900_tables.txt", undefined]));
    expect(new Set(view.narrative.map((f) => f.figure.source.file))).toEqual(new Set(["900_narrative.txt"]));
    expect(view.kind).toBe("full");
  });

  it("checks the combined view as one document: the same findings as the whole file", () => {
    const view = combineDisclosures([tablesDoc, narrativeDoc]) as Disclosure;
    const brief = (d: Disclosure) =>
      runChecks(d)
        .map((f) => JSON.stringify([f.ruleId, f.left.text, f.right?.text ?? null, f.differenceFen]))
        .sort();
    expect(brief(view)).toEqual(brief(full));
    // The narrative (one file) is checked against the tables (the other file).
    const across = runChecks(view).find(
      (f) => f.ruleId === "narrative.vs-table" && f.left.text === "19243.37",
    );
    expect([across?.left.source.file, across?.right?.source.file]).toEqual([
      "900_narrative.txt",
      "900_tables.txt",
    ]);
  });

  it("never lets a cut-off copy replace the complete document, in either order, and says it was left out", () => {
    const copy = parseText(excerpt(), "900_copy.txt");
    expect([copy.narrative.length, copy.tables.length]).toEqual([15, 0]);
    for (const order of [
      [full, copy],
      [copy, full],
    ]) {
      const view = combineDisclosures(order) as Disclosure;
      expect(view.file).toBe(SEED_000);
      expect(view.narrative).toEqual(full.narrative);
      expect(view.tables).toEqual(full.tables);
      expect(view.documents?.find((d) => d.file === "900_copy.txt")?.parts).toEqual([]);
      expect(combinedNotes(view)).toEqual([`900_copy.txt 内容不如 ${SEED_000} 完整，回答未采用该文件`]);
    }
  });

  it("takes each standard table from the document holding most of it", () => {
    // A copy holding only the 三公 table, with one cell left blank: the whole document's table wins.
    const one = structuredClone(full);
    one.file = "900_one_table.txt";
    one.tables = one.tables.filter((t) => t.kind === "三公经费支出表");
    one.narrative = [];
    one.projects = [];
    one.procurement = [];
    one.assets = [];
    one.units = [];
    const cell = one.tables[0]?.rows[0]?.values;
    const firstKey = Object.keys(cell ?? {}).find((k) => cell?.[k]);
    if (cell && firstKey) cell[firstKey] = null;
    const view = combineDisclosures([full, one]) as Disclosure;
    expect(view.tables.find((t) => t.kind === "三公经费支出表")).toEqual(
      full.tables.find((t) => t.kind === "三公经费支出表"),
    );
    // Without the whole document, the one table is what there is.
    const alone = combineDisclosures([tablesDoc, one]) as Disclosure;
    expect(alone.tables.find((t) => t.kind === "三公经费支出表")?.rows[0]?.values).toEqual(
      tablesDoc.tables.find((t) => t.kind === "三公经费支出表")?.rows[0]?.values,
    );
  });
});

describe("answers from a department-year published as two files", () => {
  let bot: TestBot;
  const DEPT = "测试市合并示例办公室";
  beforeAll(async () => {
    bot = await startTestBot({ clock: () => new Date("2024-06-01T00:00:00+08:00") });
    const parts = splitSeed();
    const given = { department: DEPT, year: 2024 };
    await storeDisclosure(bot.core.store, parseText(parts.tables, "900_tables.txt", given));
    await storeDisclosure(bot.core.store, parseText(parts.narrative, "900_narrative.txt", given));
    await bot.core.refresh();
  });
  afterAll(() => bot.close());

  it("answers 三公 from the tables file and 机关运行经费 from the narrative file", async () => {
    const sangong = await bot.ask(`/budget ${DEPT} 2024 三公`);
    expect(sangong.kind).toBe("answer");
    expect(sangong.sources?.[0]).toMatchObject({
      file: "900_tables.txt",
      section: "部门预算财政拨款“三公”经费支出表",
    });
    // The stated figure cites its sentence in the narrative file, the table it is compared with
    // cites the tables file.
    const operating = await bot.ask(`/budget ${DEPT} 2024 机关运行经费`);
    expect(operating.table?.rows).toEqual([
      ["机关运行经费", "908.52"],
      ["对照：基本支出表公用经费", "138.00"],
    ]);
    expect(operating.sources).toEqual([
      { file: "900_narrative.txt", section: "三、机关运行经费安排情况", line: 42 },
      { file: "900_tables.txt", section: "部门预算一般公共预算财政拨款基本支出表", line: 1530 },
    ]);
  });

  it("answers the overview from both files and says which file gave which part", async () => {
    const r = await bot.ask(`/budget ${DEPT} 2024`);
    expect(JSON.stringify(r.table)).toContain("19,243.37");
    expect(filesOf(r)).toEqual(["900_tables.txt", "900_narrative.txt"]);
    expect(r.sources?.[0]).toEqual({ file: "900_tables.txt", section: "部门预算收支总表", line: 222 });
    expect(r.notes).toContain(
      "本年度由 2 个文件合并：900_tables.txt（预算表）；900_narrative.txt（情况说明、绩效目标表、政府采购、国有资产、机构设置）",
    );
    const projects = await bot.ask(`/budget ${DEPT} 2024 项目`);
    expect(projects.sources).toEqual([
      { file: "900_tables.txt", section: "部门预算支出总表", line: 674 },
      { file: "900_narrative.txt", section: "绩效目标表", line: 185 },
    ]);
  });
});

describe("ingesting a cut-off copy beside the complete document", () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot({ clock: () => new Date("2024-06-01T00:00:00+08:00") });
  });
  afterAll(() => bot.close());

  it("stores the copy with what it has and a warning, and keeps answering from the complete document", async () => {
    const before = await bot.ask("/budget 容东 2024 机关运行经费");
    const copy = parseText(excerpt(), "900_rongdong_excerpt.txt");
    await storeDisclosure(bot.core.store, copy);
    await bot.core.refresh();
    const stored = getDocumentByFile(bot.core.db, "900_rongdong_excerpt.txt");
    expect(stored?.counts.narrative).toBe(15);
    expect(getWarnings(bot.core.db, stored?.id ?? -1).map((w) => w.message)).toContain(
      `本文件只含部分内容（情况说明、机构设置）；同一单位同一年度的 ${SEED_000} 更完整，回答仍以其为准，不会被本文件取代`,
    );
    const after = await bot.ask("/budget 容东 2024 机关运行经费");
    expect(after.table).toEqual(before.table);
    expect(filesOf(after)).toEqual([SEED_000]);
    expect(after.notes).toContain(`900_rongdong_excerpt.txt 内容不如 ${SEED_000} 完整，回答未采用该文件`);
    const overview = await bot.ask("/budget 容东 2024");
    expect(filesOf(overview)).toEqual([SEED_000]);
  });

  it("searches the projects of the complete document only, never twice", async () => {
    const full = parseText(seedText(), SEED_000);
    const partial = structuredClone(full);
    partial.file = "900_rongdong_projects_excerpt.txt";
    partial.sha256 = "c".repeat(64);
    partial.tables = [];
    partial.projects = partial.projects.slice(0, 10);
    await storeDisclosure(bot.core.store, partial);
    await bot.core.refresh();
    const catalog = bot.core.services.catalog;
    const hits = await catalog.projectsByIds(await catalog.searchProjectIds("社区工作经费", { limit: 500 }));
    expect(hits.length).toBeGreaterThan(0);
    expect(new Set(hits.map((h) => h.file))).toEqual(new Set([SEED_000]));
    const names = hits.map((h) => `${h.department}|${h.year}|${h.project.name}|${h.project.line}`);
    expect(new Set(names).size).toBe(names.length);
  });
});
