import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import type { DocTable, DocumentModel } from "../src/ingest/document/model.js";
import { UnreadableFileError } from "../src/ingest/formats/errors.js";
import { readPdf } from "../src/ingest/formats/pdf.js";
import { ingest } from "../src/ingest/pipeline.js";
import { NO_TEXT_LAYER } from "../src/ingest/scan.js";
import { buildPdf } from "./helpers/pdf-bytes.js";

// Expected values below were read by eye on page images (pdftoppm -png) of each file.
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
// The shared corpus sits beside the repository (../shared/corpus); from a helper's worktree
// (wt/<branch>) it is one level further up.
const corpus =
  [path.resolve(repoRoot, "../shared/corpus"), path.resolve(repoRoot, "../../shared/corpus")].find((dir) =>
    existsSync(dir),
  ) ?? path.resolve(repoRoot, "../shared/corpus");

/** Bytes of a real disclosure: the bundled copy in data/ when there is one, else the shared corpus. */
function realPdf(name: string): Uint8Array {
  const bundled = path.join(repoRoot, "data", name);
  return new Uint8Array(readFileSync(existsSync(bundled) ? bundled : path.join(corpus, name)));
}

interface Found {
  page: number;
  cells: string[];
  table: DocTable;
}

function rows(model: DocumentModel): Found[] {
  const out: Found[] = [];
  for (const part of model.parts) {
    for (const block of part.blocks) {
      if (block.type !== "table") continue;
      for (const row of block.rows) {
        out.push({
          page: row.place.kind === "page" ? row.place.page : 0,
          cells: row.cells.map((c) => c.text),
          table: block,
        });
      }
    }
  }
  return out;
}

/** The first row whose leading cells are `prefix`. */
function rowStarting(model: DocumentModel, prefix: string[]): Found {
  const found = rows(model).find((r) => prefix.every((p, i) => r.cells[i] === p));
  if (!found) throw new Error(`no row starting ${prefix.join(" | ")}`);
  return found;
}

function paragraphs(model: DocumentModel): Array<{ page: number; text: string }> {
  return model.parts.flatMap((part) =>
    part.blocks.flatMap((b) =>
      b.type === "paragraph" && b.place.kind === "page" ? [{ page: b.place.page, text: b.text }] : [],
    ),
  );
}

interface Case {
  file: string;
  pages: number;
  producer: RegExp;
  /** Whole rows: [page, cells]. */
  rows: Array<[number, string[]]>;
  /** Whole paragraphs: [page, text]. */
  paragraphs: Array<[number, string]>;
}

const CASES: Case[] = [
  {
    file: "上海市普陀区万里街道办事处2024年部门预算.pdf",
    pages: 33,
    producer: /^WPS Office$/,
    rows: [
      [10, ["收入总计", "156,211,123", "支出总计", "156,211,123"]],
      [10, ["1.一般公共预算资金", "156,211,123", "二、公共安全支出", "1,633,000"]],
      [11, ["201", "", "", "一般公共服务支出", "2,932,700", "2,932,700", "0", "0", "0"]],
      [17, ["208", "", "", "社会保障和就业支出", "19,604,064", "13,368,164", "6,235,900"]],
      [31, ["47.91", "0", "1.35", "46.56", "25", "21.56", "443.18"]],
    ],
    paragraphs: [
      [32, "2024年“三公”经费预算数为47.91万元，比2023年预算增加25万元。其中："],
      // One printed line, its two texts far apart: two paragraphs.
      [10, "编制部门：上海市普陀区人民政府万里街道办事处"],
      [10, "单位：元"],
    ],
  },
  {
    file: "上海市普陀区万里街道办事处2023年部门预算.pdf",
    pages: 35,
    producer: /^WPS Office$/,
    rows: [
      [10, ["收入总计", "164,978,640", "支出总计", "164,978,640"]],
      [11, ["201", "", "", "一般公共服务支出", "2,976,800", "2,976,800", "", "", ""]],
      [14, ["221", "", "", "住房保障支出", "8,960,694", "8,960,694", "", "", ""]],
      // Names printed over two lines inside one ruled cell (`…缴费支` / `出`, `…与传媒` / `支出`).
      [12, ["208", "05", "05", "机关事业单位基本养老保险缴费支出", "4,412,547", "4,412,547", "", "", ""]],
      [19, ["", "", "四、文化旅游体育与传媒支出", "200,000", "200,000", "", ""]],
      [28, ["22.91", "0", "1.35", "21.56", "0", "21.56", "786.09"]],
    ],
    paragraphs: [[29, "2023年“三公”经费预算数为22.91万元，比2022年预算持平。其中："]],
  },
  {
    file: "上海市普陀区社会福利院2024年单位预算.pdf",
    pages: 16,
    producer: /^WPS 表格$/,
    rows: [
      [7, ["收入总计", "12,121,164", "支出总计", "12,121,164", "7,380,214", "2,120,950", "2,620,000"]],
      [
        7,
        [
          "1、一般公共预算资金",
          "9,501,164",
          "二、社会保障和就业支出",
          "11,281,624",
          "6,540,674",
          "2,120,950",
          "2,620,000",
        ],
      ],
      [8, ["208", "", "", "社会保障和就业支出", "11,281,624", "8,661,624", "2,620,000", "", ""]],
      [15, ["6.4", "0", "0", "6.4", "", "6.4", "0"]],
    ],
    paragraphs: [[16, "2024年“三公”经费预算数为6.40万元，与2023年预算持平。其中："]],
  },
  {
    file: "江苏省人大办公厅2017年度预算公开.pdf",
    pages: 31,
    producer: /^WPS Office 专业版$/,
    rows: [
      // The 收支总表 runs over pages 7–9: one table, its broken rows finished.
      [9, ["收入合计", "13,649.07", "支出合计", "13,649.07"]],
      [7, ["", "", "八、社会保障和就业支出", "1,608.51", "", ""]],
      // A name cell printed over two lines (`七、文化体育与传` / `媒支出`).
      [7, ["", "", "七、文化体育与传媒支出", "", "", ""]],
      [8, ["当年收入小计", "13,649.07", "当年支出小计", "13,649.07"]],
      [11, ["201", "一般公共服务支出", "10,528.33"]],
      [20, ["2,542.60", "833.60", "222.50", "183.60", "0", "183.60", "427.50", "1,305.25", "403.75"]],
    ],
    paragraphs: [[29, "3．公务接待费预算支出427.5万元，与上年预算数持平。"]],
  },
  {
    file: "省人大办公厅2018预算公开.pdf",
    pages: 31,
    producer: /^WPS Office 专业版$/,
    rows: [
      [8, ["收入合计", "15897.44", "支出合计", "15897.44"]],
      [8, ["一、财政拨款", "15897.44", "一、一般公共服务支出", "12706.28", "一、基本支出", "7877.76"]],
      [11, ["221", "住房保障支出", "2,122.38"]],
      [15, ["2542.60", "833.60", "222.50", "183.60", "", "183.60", "427.50", "1305.25", "403.75"]],
    ],
    paragraphs: [
      // `单位:万元` is set right, between the two lines of the department name.
      [8, "部门名称：江苏省人大"],
      [8, "单位:万元"],
      [8, "常委会办公厅"],
      [
        27,
        "江苏省人大常委会办公厅部门2018年度一般公共预算拨款安排的“三公”经费预算支出中，因公出国（境）费支出222.5万元，占“三公”经费的26.69%；公务用车购置及运行费支出183.6万元，占“三公”经费的22.03%；公务接待费支出427.5万元，占“三公”经费的51.28%。具体情况如下：",
      ],
    ],
  },
  {
    file: "江苏省人大常委会2019年度部门预算公开.pdf",
    pages: 19,
    producer: /^WPS Office 专业版$/,
    rows: [],
    paragraphs: [
      [9, "（一）收入预算总计18330.37万元。包括："],
      [
        15,
        "江苏省人大常委会办公厅2019年度一般公共预算拨款安排的“三公”经费预算支出中，因公出国（境）费支出199.25万元，占“三公”经费的25.96%；公务用车购置及运行费支出183.6万元，占“三公”经费的23.92%；公务接待费支出384.75万元，占“三公”经费的50.12%。具体情况如下：",
      ],
    ],
  },
  {
    file: "江苏省人大常委会办公厅2019年部门预算公开表.pdf",
    pages: 13,
    producer: /Acrobat Distiller 7\.0/,
    rows: [
      [1, ["收入合计", "18,330.37", "支出合计", "18,330.37"]],
      // Distiller glues `18,330.37 一、一般公共服务支出` into one text item: split at the column line.
      [1, ["一、财政拨款", "18,330.37", "一、一般公共服务支出", "13,907.78", "一、基本支出", "9,312.90"]],
      [5, ["2010101", "行政运行", "7,448.20"]],
      [9, ["2,600.71", "767.60", "199.25", "183.60", "", "183.60", "384.75", "1,469.73", "363.38"]],
    ],
    paragraphs: [
      [1, "收支预算总表"],
      // `部门：` and the name are printed far apart (two cells of the sheet): one text.
      [1, "部门：江苏省人大常委会办公厅"],
      [1, "单位：万元"],
    ],
  },
  {
    file: "江苏省政协办公厅2017年度部门预算.pdf",
    pages: 20,
    producer: /Word 2010/,
    rows: [],
    paragraphs: [
      // Word splits `9,066.79` into the items `9,066` `.7` `9`.
      [
        7,
        "1.财政拨款收入预算总计9,066.79万元。其中，一般公共预算收入预算9,066.79万元，与上年相比增加498.72万元，增长5.82%。主要原因是政策性增资、住房公积金和提租补贴基数及比例调整等。",
      ],
      [
        18,
        "江苏省政协办公厅2017年度一般公共预算拨款安排的“三公”经费预算支出中，因公出国（境）费支出76万元，占“三公”经费的11.24%；公务用车购置及运行维护费支出156.60万元，占“三公”经费的23.16%；公务接待费支出443.50万元，占“三公”经费的65.60%。具体情况如下：",
      ],
    ],
  },
  {
    file: "江苏省政协办公厅2017年度部门预算公开表.pdf",
    pages: 13,
    producer: /Excel® 2010/,
    rows: [
      [1, ["收入合计", "9,146.79", "支出合计", "9,146.79"]],
      [1, ["一、财政拨款", "9,066.79", "一、一般公共服务支出", "6,543.55", "一、基本支出", "5,916.27"]],
      [5, ["221", "住房保障支出", "1,093.52"]],
      [11, ["1,852.32", "676.10", "76.00", "156.60", "", "156.60", "443.50", "1,094.62", "81.60"]],
    ],
    paragraphs: [],
  },
  {
    file: "江苏省政协办公厅2018年度部门预算.pdf",
    pages: 17,
    producer: /Word 2010/,
    rows: [],
    paragraphs: [
      [
        14,
        "江苏省政协办公厅2018年度一般公共预算拨款安排的“三公”经费预算支出中，因公出国（境）费支出106万元，占“三公”经费的15.70%；公务用车购置及运行维护费支出156.60万元，占“三公”经费的23.20%；公务接待费支出412.50万元，占“三公”经费的61.10%。具体情况如下：",
      ],
    ],
  },
  {
    file: "江苏省政协办公厅2018度部门预算公开表.pdf",
    pages: 12,
    producer: /Excel® 2010/,
    rows: [
      [1, ["收入合计", "10,150.48", "支出合计", "10,150.48"]],
      [5, ["221", "住房保障支出", "1,499.26"]],
      [9, ["1,656.86", "675.10", "106.00", "156.60", "", "156.60", "412.50", "884.16", "97.60"]],
    ],
    paragraphs: [],
  },
  {
    file: "江苏省政协办公厅2019年度部门预算.pdf",
    pages: 18,
    producer: /Word 2010/,
    rows: [],
    paragraphs: [
      [
        9,
        "江苏省政协办公厅2019年度收入、支出预算总计13,377.11万元，与上年相比收、支预算总计各增加3,226.63万元，增长31.79%。主要原因是政策性增资、住房公积金和提租补贴调整、项目经费增加、预留机动经费增加等。",
      ],
      [
        15,
        "江苏省政协办公厅2019年度一般公共预算拨款安排的“三公”经费预算支出中，因公出国（境）费支出106万元，占“三公”经费的16.06%；公务用车购置及运行维护费支出156.6万元，占“三公”经费的23.72%；公务接待费支出397.5万元，占“三公”经费的60.22%。具体情况如下：",
      ],
      // Continued from page 9 onto page 10: one paragraph, placed where it starts.
      [9, "2.财政专户管理资金收入预算总计0万元，与上年数一致，本部门无此项收入。"],
    ],
  },
  {
    file: "江苏省政协办公厅2019年预算公开表.pdf",
    pages: 12,
    producer: /Excel® 2010/,
    rows: [
      [1, ["收入合计", "13,377.11", "支出合计", "13,377.11"]],
      [1, ["一、财政拨款", "13,297.11", "一、一般公共服务支出", "10,271.56", "一、基本支出", "6,522.75"]],
      [5, ["2010201", "行政运行", "5,223.22"]],
      [9, ["2,224.43", "660.10", "106.00", "156.60", "", "156.60", "397.50", "1,282.56", "281.77"]],
      // Header cells printed over two or three lines (`因公出国` / `（境）费`, `公务用车` / `运行维护` / `费`).
      [9, ["小计", "因公出国（境）费", "公务用车购置及运行维护费", "公务接待费"]],
      [9, ["小计", "公务用车购置费", "公务用车运行维护费"]],
    ],
    paragraphs: [],
  },
];

const models = new Map<string, DocumentModel>();

beforeAll(async () => {
  for (const c of CASES) models.set(c.file, await readPdf(realPdf(c.file), c.file));
}, 120_000);

describe.each(CASES)("the PDF reader on $file", (c) => {
  const model = () => models.get(c.file) as DocumentModel;

  it("makes one part per page, labelled 第N页, and names the producer", () => {
    expect(model().format).toBe("pdf");
    expect(model().parts).toHaveLength(c.pages);
    expect(model().parts.map((p) => p.label)).toEqual(
      Array.from({ length: c.pages }, (_, i) => `第${i + 1}页`),
    );
    expect(model().producer).toMatch(c.producer);
  });

  if (c.rows.length > 0)
    it("reads the table rows printed on the pages, every cell in its column", () => {
      for (const [page, cells] of c.rows) {
        const same = rows(model()).filter((r) => r.cells.join(" | ") === cells.join(" | "));
        // On failure, show the row that starts like the expected one.
        if (!same.length) expect(rowStarting(model(), cells.slice(0, 2)).cells).toEqual(cells);
        expect(same.map((r) => r.page)).toContain(page);
      }
    });

  if (c.paragraphs.length > 0)
    it("rebuilds narrative paragraphs whole, without the spaces between Chinese characters", () => {
      const all = paragraphs(model());
      for (const [page, text] of c.paragraphs) {
        expect(all).toContainEqual({ page, text });
      }
    });

  it("keeps page numbers out of the text", () => {
    expect(paragraphs(model()).filter((p) => /^[-—－–\s]*\d{1,3}[-—－–\s]*$/.test(p.text))).toEqual([]);
  });
});

describe("the PDF reader across pages", () => {
  it("joins a table continued over several pages into one table, with the footer row in the table's columns", () => {
    const model = models.get("上海市普陀区万里街道办事处2024年部门预算.pdf") as DocumentModel;
    const first = rowStarting(model, ["201", "", "", "一般公共服务支出"]);
    const last = rowStarting(model, ["221", "03", "99", "其他城乡社区住宅支出"]);
    expect(last.table).toBe(first.table);
    expect(last.page).toBe(14);
    // Page 15 holds only the 合计 row, drawn with fewer column lines: it spans the four code/name columns.
    const total = first.table.rows[first.table.rows.length - 1];
    expect(total?.place).toEqual({ kind: "page", page: 15, line: 1 });
    expect(total?.cells.map((c) => [c.text, c.colSpan])).toEqual([
      ["合计", 4],
      ["156,211,123", 1],
      ["156,211,123", 1],
      ["0", 1],
      ["0", 1],
      ["0", 1],
    ]);
    expect(model.parts[14]?.blocks).toEqual([]);
  });

  it("joins a header row cut by the page break back into one row, its cells spanning the rows below", async () => {
    // seed000.pdf (LibreOffice): the 部门预算支出总表's header row starts at the foot of page 3
    // (`基本支`, `上解上级`, `对附属单位`) and goes on at the head of page 4 (`出`, `支出`, `补助支出`).
    const bytes = new Uint8Array(readFileSync(path.join(repoRoot, "test/fixtures/formats/seed000.pdf")));
    const model = await readPdf(bytes, "seed000.pdf");
    const header = rowStarting(model, ["序号", "功能分类科目", "合计", "基本支出"]);
    const k = header.table.rows.findIndex((r) => r.cells[0]?.text === "序号");
    const cells = (r: number) =>
      header.table.rows[k + r]?.cells.map((c) => [c.text, c.colSpan, c.rowSpan] as const);
    expect(header.table.rows[k]?.place).toEqual({ kind: "page", page: 3, line: 54 });
    expect(cells(0)).toEqual([
      ["序号", 1, 2],
      ["功能分类科目", 2, 1],
      ["合计", 1, 2],
      ["基本支出", 1, 2],
      ["项目支出", 1, 2],
      ["经营支出", 1, 2],
      ["上解上级支出", 1, 2],
      ["对附属单位补助支出", 1, 2],
    ]);
    expect(cells(1)).toEqual([
      ["科目编码", 1, 1],
      ["科目名称", 1, 1],
    ]);
    expect(header.table.rows[k + 2]?.cells[0]?.text).toBe("栏次");
  }, 60_000);

  it("keeps merged header cells with their spans", () => {
    const model = models.get("江苏省政协办公厅2019年预算公开表.pdf") as DocumentModel;
    const header = rowStarting(model, ["收入", "支出"]);
    expect(header.table.rows[0]?.cells).toEqual([
      { text: "收入", colSpan: 2, rowSpan: 1 },
      { text: "支出", colSpan: 4, rowSpan: 1 },
    ]);
    expect(header.table.rows[1]?.cells.map((c) => [c.text, c.colSpan, c.rowSpan])).toEqual([
      ["项目名称", 1, 2],
      ["金额", 1, 2],
      ["功能分类", 2, 1],
      ["支出用途", 2, 1],
    ]);
  });

  it("warns about a page without any text and still reads the rest", () => {
    const model = models.get("江苏省人大办公厅2017年度预算公开.pdf") as DocumentModel;
    expect(model.warnings).toEqual(["第31页没有文字（可能是图片或扫描页），已跳过"]);
  });

  it("gives every block and row a page place with a line number", () => {
    for (const model of models.values()) {
      for (const part of model.parts) {
        for (const block of part.blocks) {
          const places =
            block.type === "table" ? [block.place, ...block.rows.map((r) => r.place)] : [block.place];
          for (const place of places) {
            expect(place.kind).toBe("page");
            if (place.kind === "page") expect(place.line).toBeGreaterThanOrEqual(1);
          }
        }
      }
    }
  });
});

describe("the PDF reader on hand-made pages", () => {
  const t = (x: number, y: number, s: string) => `BT /F1 10 Tf ${x} ${y} Td (${s}) Tj ET`;
  const cells = (table: DocTable | undefined) => table?.rows.map((r) => r.cells.map((c) => c.text));
  /** A ruled grid of three rows and two columns (line at x = 250) with its header row. */
  const twoColumnGrid = [
    "0.5 w",
    ...[760, 740, 720, 700].map((y) => `72 ${y} m 400 ${y} l S`),
    ...[72, 250, 400].map((x) => `${x} 760 m ${x} 700 l S`),
    t(80, 745, "Amount"),
    t(260, 745, "Name"),
  ];

  it("finds the columns of a table without ruling lines from the alignment of its lines", async () => {
    const content = [
      t(72, 700, "Item"),
      t(300, 700, "2023"),
      t(400, 700, "2024"),
      t(72, 685, "Salaries"),
      t(300, 685, "1,200.00"),
      t(400, 685, "1,300.50"),
      t(72, 670, "Travel"),
      t(300, 670, "15.00"),
      t(72, 655, "Total"),
      t(300, 655, "1,215.00"),
      t(400, 655, "1,310.25"),
      t(72, 600, "Note: figures in 10k yuan."),
    ].join("\n");
    const model = await readPdf(buildPdf([{ content }]), "unruled.pdf");
    const [table, note] = model.parts[0]?.blocks ?? [];
    expect(table?.type).toBe("table");
    expect(cells(table as DocTable)).toEqual([
      ["Item", "2023", "2024"],
      ["Salaries", "1,200.00", "1,300.50"],
      ["Travel", "15.00", ""],
      ["Total", "1,215.00", "1,310.25"],
    ]);
    expect((table as DocTable).rows.map((r) => r.place)).toEqual(
      [1, 2, 3, 4].map((line) => ({ kind: "page", page: 1, line })),
    );
    expect(note).toEqual({
      type: "paragraph",
      text: "Note: figures in 10k yuan.",
      place: { kind: "page", page: 1, line: 5 },
    });
  });

  it("splits text the producer glued across a ruled column line, with or without a space", async () => {
    const content = [
      ...twoColumnGrid,
      t(190, 725, "96,282,213.44 Public safety"),
      t(211, 705, "1,234.50Total"),
    ].join("\n");
    const model = await readPdf(buildPdf([{ content }]), "glued.pdf");
    expect(cells(model.parts[0]?.blocks[0] as DocTable)).toEqual([
      ["Amount", "Name"],
      ["96,282,213.44", "Public safety"],
      ["1,234.50", "Total"],
    ]);
  });

  it("keeps an amount drawn past its cell's right border whole, in one item or as a separate run", async () => {
    // WPS/Word layout: right-aligned amounts too wide for the column; their last digits are drawn
    // past the ruling, touching it, and the next cell's text follows (`1,234,567.8` + `9一、公共安全支出`).
    const content = [
      ...twoColumnGrid,
      t(203, 725, "1,234,567.89 Public safety"),
      t(200, 705, "1,234,567.8"),
      t(252.82, 705, "9"),
      t(265, 705, "Total"),
    ].join("\n");
    const model = await readPdf(buildPdf([{ content }]), "overflow.pdf");
    expect(cells(model.parts[0]?.blocks[0] as DocTable)).toEqual([
      ["Amount", "Name"],
      ["1,234,567.89", "Public safety"],
      ["1,234,567.89", "Total"],
    ]);
  });

  it("reads text inside a frame as paragraphs, not as a one-cell table", async () => {
    const content = [
      "1 w 60 640 m 540 640 l S 60 720 m 540 720 l S 60 640 m 60 720 l S 540 640 m 540 720 l S",
      t(72, 700, "Boxed note"),
    ].join("\n");
    const model = await readPdf(buildPdf([{ content }]), "frame.pdf");
    expect(model.parts[0]?.blocks).toEqual([
      { type: "paragraph", text: "Boxed note", place: { kind: "page", page: 1, line: 1 } },
    ]);
  });

  it("drops page numbers and a running header repeated on every page", async () => {
    const page = (n: number) => ({
      content: [
        t(250, 820, "Budget 2024 - Department X"),
        t(72, 700, `Body text of page ${n}.`),
        t(290, 30, `- ${n} -`),
      ].join("\n"),
    });
    const model = await readPdf(buildPdf([page(1), page(2), page(3)]), "furniture.pdf");
    expect(model.parts.map((p) => p.blocks.map((b) => (b.type === "paragraph" ? b.text : "table")))).toEqual([
      ["Body text of page 1."],
      ["Body text of page 2."],
      ["Body text of page 3."],
    ]);
  });

  it("places text by the PDF's own page when the printed page numbers are offset (unnumbered cover)", async () => {
    // Issue 17: a cover without a number before a body numbered from `- 1 -` (the Word layout of the
    // 江苏 政协 说明): printed numbers are dropped as page furniture and every place is the PDF page.
    const page = (printed: number | null, body: string) => ({
      content: [t(72, 700, body), ...(printed === null ? [] : [t(290, 30, `- ${printed} -`)])].join("\n"),
    });
    const model = await readPdf(
      buildPdf([page(null, "Cover"), page(1, "Body one."), page(2, "Body two."), page(3, "Body three.")]),
      "offset.pdf",
    );
    const placed = model.parts.flatMap((p) =>
      p.blocks.map((b) => [
        b.type === "paragraph" ? b.text : "table",
        b.place?.kind === "page" ? b.place.page : null,
      ]),
    );
    expect(placed).toEqual([
      ["Cover", 1],
      ["Body one.", 2],
      ["Body two.", 3],
      ["Body three.", 4],
    ]);
  });

  it("reads a landscape table on a page turned with /Rotate 90 as it is displayed", async () => {
    // Text drawn turned a quarter turn (matrix 0 1 -1 0) reads upright once the page is rotated;
    // display x is PDF y and display y is PDF x.
    const turned = (x: number, y: number, s: string) => `BT 0 10 -10 0 ${x} ${y} Tm /F1 1 Tf (${s}) Tj ET`;
    const rules = [80, 100, 120]
      .map((x) => `${x} 50 m ${x} 450 l S`)
      .concat([50, 250, 450].map((y) => `80 ${y} m 120 ${y} l S`));
    const content = [
      "0.5 w",
      ...rules,
      turned(95, 60, "Amount"),
      turned(95, 260, "Name"),
      turned(115, 60, "1,234.50"),
      turned(115, 260, "Total"),
    ].join("\n");
    const model = await readPdf(buildPdf([{ content, rotate: 90 }]), "turned.pdf");
    expect(cells(model.parts[0]?.blocks[0] as DocTable)).toEqual([
      ["Amount", "Name"],
      ["1,234.50", "Total"],
    ]);
  });

  it("rejoins a number the producer wrote in pieces", async () => {
    // Helvetica advances at 10 pt: `9,066` is 25.02 pt and `.7` 8.34 pt wide, so the pieces touch.
    const content = [
      "BT /F1 10 Tf 72 500 Td (9,066) Tj ET",
      "BT /F1 10 Tf 97.02 500 Td (.7) Tj ET",
      "BT /F1 10 Tf 105.36 500 Td (9) Tj ET",
      "BT /F1 10 Tf 112 500 Td ( million) Tj ET",
    ].join("\n");
    const model = await readPdf(buildPdf([{ content }]), "pieces.pdf");
    expect(model.parts[0]?.blocks).toEqual([
      { type: "paragraph", text: "9,066.79 million", place: { kind: "page", page: 1, line: 1 } },
    ]);
  });
});

describe("the PDF reader on files it cannot read", () => {
  const drawing = { content: "1 w 50 700 m 500 700 l S 50 600 400 2 re f" };
  const text = { content: "BT /F1 12 Tf 72 720 Td (Budget 2024) Tj ET" };

  it("refuses a PDF without a text layer with the OCR message", async () => {
    // The reader notes each page without text; the pipeline decides it is a scan (ingest/scan.ts).
    const model = await readPdf(buildPdf([drawing, drawing]), "scan.pdf");
    expect(model.warnings).toEqual([
      "第1页没有文字（可能是图片或扫描页），已跳过",
      "第2页没有文字（可能是图片或扫描页），已跳过",
    ]);
    const noStore = () => {
      throw new Error("a refused file must not open the store");
    };
    const outcome = await ingest(buildPdf([drawing, drawing]), "scan.pdf", {}, noStore);
    expect(outcome).toMatchObject({ kind: "refused", reason: "needs-ocr", parts: [1, 2] });
    expect(outcome.kind === "refused" && outcome.message).toBe(`${NO_TEXT_LAYER}；未导入，数据库保持原样`);
    expect(NO_TEXT_LAYER).toBe("该PDF没有文字层（可能是扫描件），需要先做文字识别（OCR）后再导入");
  });

  it("reads a PDF with one text page and one blank page, warning about the blank one", async () => {
    const model = await readPdf(buildPdf([text, drawing]), "mixed.pdf");
    expect(model.parts[0]?.blocks).toEqual([
      { type: "paragraph", text: "Budget 2024", place: { kind: "page", page: 1, line: 1 } },
    ]);
    expect(model.warnings).toEqual(["第2页没有文字（可能是图片或扫描页），已跳过"]);
  });

  it("refuses an encrypted PDF with a Chinese message", async () => {
    const error = await readPdf(buildPdf([text], { encrypted: true }), "secret.pdf").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnreadableFileError);
    expect((error as Error).message).toBe(
      "secret.pdf：PDF已加密（需要密码），无法读取；请提供未加密的文件。",
    );
  });

  it("refuses a corrupt PDF with a Chinese message", async () => {
    const error = await readPdf(new TextEncoder().encode("%PDF-1.4\nnot really a pdf"), "broken.pdf").catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(UnreadableFileError);
    expect((error as Error).message).toBe("broken.pdf：PDF文件已损坏或格式无效，无法读取。");
  });
});
