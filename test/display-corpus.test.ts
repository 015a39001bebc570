/**
 * The bundled 万里街道 2024 PDF (data/, tables in 元, 三公 and narrative in 万元) through the real
 * pipeline and dispatcher: every figure shown as printed in its own unit, citing its own page.
 * Expected values from test/fixtures/corpus-truth.json (checked on the page images).
 */
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderText } from "../src/render/index.js";
import type { Reply } from "../src/reply/reply.js";
import { askReply } from "./helpers/ask-core.js";
import { type CorpusDb, openCorpusDb } from "./helpers/corpus-db.js";
import { citedPages as citedPagesOf, truthFigure, truthOf } from "./helpers/corpus-truth.js";

const FILE = "上海市普陀区万里街道办事处2024年部门预算.pdf";
const ROOT = join(import.meta.dirname, "..");

const truth = truthOf(FILE);
const fig = (topic: string, from: "table" | "narrative" = "table") => truthFigure(truth, topic, from);

/** The pages a reply cites, ranges (`第16–20页`) expanded. */
const citedPages = (r: Reply): Set<number> => citedPagesOf(r.sources ?? []);

let corpus: CorpusDb;
const ask = (line: string) => askReply(corpus.core, line);

beforeAll(async () => {
  corpus = await openCorpusDb([FILE], join(ROOT, "data"));
}, 60_000);

afterAll(() => corpus.close());

describe("/budget 万里街道 2024 shows figures as printed, each in its unit, with its page", () => {
  it("shows 收入总计 exactly as printed in 元 and cites its page", async () => {
    const r = await ask("/budget 万里街道 2024");
    const income = fig("income.total");
    expect(income.unit).toBe("元");
    const row = r.table?.rows.find((x) => x[0] === "收入总计");
    // The overview mixes 元 (收支总表) and 万元 (三公): each cell says its unit.
    expect(row?.[1]).toBe(`${income.text} 元`);
    expect(income.pages.some((p) => citedPages(r).has(p))).toBe(true);
    const text = renderText(r);
    expect(text).toContain(`${fig("sangong.total").text} 万元`);
    expect(text).not.toContain("15621.1123");
  });

  it("shows /budget 三公 in 万元 as printed, citing the 三公 table's page", async () => {
    const r = await ask("/budget 万里街道 2024 三公");
    expect(r.heading.endsWith("（万元）")).toBe(true);
    const cells = JSON.stringify(r.table);
    for (const t of ["sangong.total", "sangong.reception", "sangong.vehicle", "sangong.vehicle_operation"]) {
      expect(cells).toContain(`"${fig(t).text}"`);
    }
    expect(fig("sangong.total").pages.some((p) => citedPages(r).has(p))).toBe(true);
  });

  it("shows the 支出 table in 元 and cites the pages of every 类 shown, not only the first", async () => {
    const r = await ask("/budget 万里街道 2024 支出");
    expect(r.heading.endsWith("（元）")).toBe(true);
    const shown = JSON.stringify(r.table);
    const classes = truth.figures.filter((f) => f.topic === "function" && shown.includes(`"${f.text}"`));
    expect(classes.length).toBeGreaterThan(3);
    const cited = citedPages(r);
    for (const c of classes) expect(c.pages.some((p) => cited.has(p))).toBe(true);
    expect(cited.size).toBeGreaterThan(1);
  });
});
