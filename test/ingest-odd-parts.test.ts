/**
 * Issue 17: a real disclosure is never refused for one odd part. The real 万里街道 2024 document
 * model (the PDF reader's output of the corpus file) gets the last page many publishers print: the
 * 绩效目标表 heading and a cross-reference instead of the tables.
 */
import { describe, expect, it } from "vitest";
import type { DocumentModel } from "../src/ingest/document/model.js";
import { textModel } from "../src/ingest/formats/text.js";
import { parseDisclosure, TruncatedDisclosureError } from "../src/ingest/parse.js";
import { fixtureModel } from "./helpers/model-blocks.js";

const NAME = "上海市普陀区万里街道办事处2024年部门预算";

function withLastPage(texts: string[]): DocumentModel {
  const model = fixtureModel(NAME);
  const page = model.parts.length + 1;
  model.parts.push({
    label: `第${page}页`,
    blocks: texts.map((text) => ({
      type: "paragraph" as const,
      text,
      place: { kind: "page" as const, page },
    })),
  });
  return model;
}

describe("a part that is empty or referred elsewhere", () => {
  it("stores the whole disclosure when its last page refers the 绩效目标表 elsewhere, warning with the page", () => {
    const d = parseDisclosure(
      withLastPage(["十、项目支出绩效目标表", "本单位2024年项目支出绩效目标详见附件。"]),
      `${NAME}.pdf`,
    );
    const whole = parseDisclosure(fixtureModel(NAME), `${NAME}.pdf`);
    expect(d.tables.length).toBe(whole.tables.length);
    expect(d.projects.length).toBe(whole.projects.length);
    expect(d.warnings.map((w) => w.message)).toContain(
      "“十、项目支出绩效目标表”（第34页）下没有表格，原文“本单位2024年项目支出绩效目标详见附件。”，已跳过",
    );
  });

  it("skips a last 绩效目标表 title with nothing after it, naming its page", () => {
    const d = parseDisclosure(withLastPage(["2024年部门项目绩效目标表"]), `${NAME}.pdf`);
    expect(d.warnings.map((w) => w.message)).toContain(
      "“2024年部门项目绩效目标表”（第34页）下没有表格，已跳过",
    );
  });

  it("keeps a PDF whose last page shows only a table's title (the table pictured), warning with the page", () => {
    const d = parseDisclosure(withLastPage(["2024年部门财务收支预算总表", "单位：元"]), `${NAME}.pdf`);
    const whole = parseDisclosure(fixtureModel(NAME), `${NAME}.pdf`);
    const filled = (x: typeof d) => x.tables.filter((t) => t.rows.length > 0).length;
    expect(filled(d)).toBe(filled(whole));
    expect(d.warnings.map((w) => w.message).join("\n")).toMatch(/第34页.*文件结构完整，其余内容已导入/);
  });

  it("keeps a PDF whose last project table prints no indicators: a PDF's bytes cannot end mid-table", () => {
    const model = fixtureModel(NAME);
    const page = model.parts.length + 1;
    const cell = (text: string) => ({ text, colSpan: 1, rowSpan: 1 });
    model.parts.push({
      label: `第${page}页`,
      blocks: [
        { type: "paragraph", text: "30.社区服务绩效目标表", place: { kind: "page", page } },
        {
          type: "table",
          place: { kind: "page", page },
          rows: [
            {
              place: { kind: "page", page },
              cells: [cell("项目名称"), cell("社区服务"), cell("预算数"), cell("12.00")],
            },
          ],
        },
      ],
    });
    const d = parseDisclosure(model, `${NAME}.pdf`);
    expect(d.projects.at(-1)?.name).toBe("社区服务");
    expect(d.warnings.map((w) => w.message)).toContain(
      "最后一张绩效目标表“社区服务”（第34页）没有绩效指标；文件结构完整，其余内容已导入",
    );
  });

  it("still refuses a text export cut inside its last project table", () => {
    const text = [
      "某某街道办事处2024年部门预算",
      "30.社区服务绩效目标表",
      "项目名称\t社区服务\t预算数\t12.00",
    ].join("\n");
    expect(() => parseDisclosure(textModel(text), "cut.txt")).toThrow(TruncatedDisclosureError);
  });
});
