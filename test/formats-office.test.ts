import { readdirSync, readFileSync } from "node:fs";
import * as XLSX from "@e965/xlsx";
import iconv from "iconv-lite";
import * as OpenCC from "opencc-js";
import { describe, expect, it } from "vitest";
import { type DocTable, type DocumentModel, gridOf, placeLabel } from "../src/ingest/document/model.js";
import { declaredCharset, decodeText } from "../src/ingest/formats/decode.js";
import { readDocx } from "../src/ingest/formats/docx.js";
import { UnreadableFileError } from "../src/ingest/formats/errors.js";
import { readHtml } from "../src/ingest/formats/html.js";
import { readOle2 } from "../src/ingest/formats/ole2.js";
import { readWorkbook } from "../src/ingest/formats/xlsx.js";

const fixture = (name: string) =>
  new Uint8Array(readFileSync(new URL(`./fixtures/formats/${name}`, import.meta.url)));
const SEED_000 = readFileSync(new URL("../data/000_30685518d77b763b.txt", import.meta.url), "utf8");
/** The first paragraph of seed 000's narrative (real Chinese prose with figures). */
const PROSE = (
  SEED_000.split("\n").find((l) => l.startsWith("2024年，我单位财政拨款“三公”经费")) ?? ""
).trim();

/** The first part of seed 000's narrative (about fifty lines of real prose). */
const NARRATIVE = SEED_000.split("\n").slice(1822, 1870).join("\n");
const SEEDS = readdirSync(new URL("../data/", import.meta.url)).filter((f) => f.endsWith(".txt"));

const tables = (m: DocumentModel): DocTable[] =>
  m.parts.flatMap((p) => p.blocks.filter((b): b is DocTable => b.type === "table"));
const paragraphs = (m: DocumentModel): string[] =>
  m.parts.flatMap((p) => p.blocks.flatMap((b) => (b.type === "paragraph" ? [b.text] : [])));
const texts = (t: DocTable): string[][] => t.rows.map((r) => r.cells.map((c) => c.text));
const gbk = (s: string) => new Uint8Array(iconv.encode(s, "gbk"));

/** Write a workbook with SheetJS and return its bytes. */
function workbookBytes(sheets: Record<string, XLSX.WorkSheet>, bookType: XLSX.BookType = "xlsx"): Uint8Array {
  const wb = XLSX.utils.book_new();
  for (const [name, ws] of Object.entries(sheets)) XLSX.utils.book_append_sheet(wb, ws, name);
  return new Uint8Array(XLSX.write(wb, { type: "buffer", bookType }));
}

describe("decodeText", () => {
  it("has a real narrative sentence to test with", () => {
    expect(PROSE).toMatch(/^2024年，我单位财政拨款“三公”经费预算安排5\.00万元/);
  });

  it("reads GBK bytes without any declaration by detection", () => {
    expect(decodeText(gbk(PROSE))).toBe(PROSE);
  });

  it("reads UTF-8 bytes as UTF-8", () => {
    expect(decodeText(new TextEncoder().encode(PROSE))).toBe(PROSE);
  });

  it("reads every seed text encoded as GB18030 by detection, and as UTF-8 unchanged", () => {
    for (const name of SEEDS) {
      const seed = readFileSync(new URL(`../data/${name}`, import.meta.url), "utf8");
      expect(decodeText(new Uint8Array(iconv.encode(seed, "gb18030")))).toBe(seed);
      expect(decodeText(new TextEncoder().encode(seed))).toBe(seed);
    }
  });

  it("tells Big5 from GBK on a traditional-Chinese narrative without a declaration", () => {
    const traditional = OpenCC.Converter({ from: "cn", to: "tw" })(NARRATIVE);
    expect(traditional).not.toBe(NARRATIVE);
    const bytes = new Uint8Array(iconv.encode(traditional, "big5"));
    expect(decodeText(bytes)).toBe(iconv.decode(Buffer.from(bytes), "big5"));
    expect(decodeText(gbk(NARRATIVE))).toBe(NARRATIVE);
  });

  it("honours a byte order mark before anything else, and drops it", () => {
    const utf8 = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(PROSE)]);
    expect(decodeText(utf8, "gbk")).toBe(PROSE);
    const le = new Uint8Array([0xff, 0xfe, ...iconv.encode(PROSE, "utf16le")]);
    expect(decodeText(le)).toBe(PROSE);
    const be = Buffer.from(iconv.encode(PROSE, "utf16le")).swap16();
    expect(decodeText(new Uint8Array([0xfe, 0xff, ...be]))).toBe(PROSE);
  });

  it("refuses binary content", () => {
    expect(() => decodeText(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x08, 0x00]))).toThrow(
      UnreadableFileError,
    );
  });

  it("finds the charset a file declares in a meta tag, a Content-Type meta or an XML prolog", () => {
    const head = (s: string) => new TextEncoder().encode(s);
    expect(declaredCharset(head('<html><head><meta charset="gb2312"></head>'))).toBe("gb2312");
    expect(declaredCharset(head('<meta http-equiv="Content-Type" content="text/html; charset=GBK" />'))).toBe(
      "gbk",
    );
    expect(declaredCharset(head('<?xml version="1.0" encoding="GB18030"?><Workbook/>'))).toBe("gb18030");
    expect(declaredCharset(head("<html><body>没有声明</body></html>"))).toBeNull();
  });

  it("decodes with the declared charset, and reads mislabelled UTF-8 as UTF-8", () => {
    const page = `<html><head><meta charset="gb2312"></head><body><p>${PROSE}</p></body></html>`;
    expect(decodeText(gbk(page))).toBe(page);
    expect(decodeText(new TextEncoder().encode(page))).toBe(page);
    // Big5 declared and encoded: traditional characters come back.
    const big5 = new Uint8Array(iconv.encode("<meta charset=big5><p>預算總表</p>", "big5"));
    expect(decodeText(big5)).toBe("<meta charset=big5><p>預算總表</p>");
  });
});

describe("readHtml", () => {
  const seedHtml = fixture("seed000.html");

  it("reads the GBK seed page with its declared charset: the 收支总表 two-row header keeps its merges", async () => {
    const model = await readHtml(seedHtml, "seed000.html");
    expect(model.format).toBe("html");
    expect(model.parts).toHaveLength(1);
    expect(paragraphs(model)[0]).toBe("部门预算收支总表");
    const first = tables(model)[0] as DocTable;
    expect(first.rows[1]?.cells).toEqual([
      { text: "序号", colSpan: 1, rowSpan: 2 },
      { text: "收入", colSpan: 2, rowSpan: 1 },
      { text: "支出", colSpan: 2, rowSpan: 1 },
    ]);
    expect(texts(first)[2]).toEqual(["项  目", "预算数", "项  目", "预算数"]);
    expect(texts(first)[4]).toEqual([
      "1",
      "一、一般公共预算拨款收入",
      "18401.67",
      "一、一般公共服务支出",
      "11013.73",
    ]);
    expect(gridOf(first)[2]?.[0]?.cell.text).toBe("序号");
    expect(placeLabel(first.rows[4]?.place ?? { kind: "line", line: 0 })).toBe("表1 第5行");
  });

  it("reads the same page without its meta charset by detection, identically", async () => {
    const utf8 = iconv.decode(Buffer.from(seedHtml), "gbk");
    const stripped = utf8.replace(/<meta http-equiv="Content-Type"[^>]*>/, "");
    expect(stripped).not.toMatch(/charset/i);
    const a = await readHtml(seedHtml, "seed000.html");
    const b = await readHtml(gbk(stripped), "seed000-nometa.html");
    expect(b.parts).toEqual(a.parts);
  });

  it("reads paragraphs, br-separated lines and headings; ignores scripts and styles; &nbsp; is blank", async () => {
    const page = [
      "<html><head><title>标题不算</title><style>p{color:red}</style><script>var t='<table><tr><td>x</td></tr></table>';</script></head>",
      "<body><h2>部门预算\n收支总表</h2><p>单位：万元<br/>预算年度：2024</p><div>说明文字<span>部门</span>\n<span>预算</span></div>",
      '<div style="display:none">隐藏</div>',
      "<table><caption>部门预算财政拨款“三公”经费支出表</caption><tr><td>项目</td><td>&nbsp;</td><td>5.00</td></tr></table>",
      "</body></html>",
    ].join("");
    const model = await readHtml(new TextEncoder().encode(page), "page.html");
    expect(paragraphs(model)).toEqual([
      "部门预算收支总表",
      "单位：万元",
      "预算年度：2024",
      "说明文字部门预算",
      "部门预算财政拨款“三公”经费支出表",
    ]);
    expect(texts(tables(model)[0] as DocTable)).toEqual([["项目", "", "5.00"]]);
    const blocks = model.parts[0]?.blocks ?? [];
    expect(blocks.map((b) => b.place)).toEqual([
      { kind: "paragraph", paragraph: 1 },
      { kind: "paragraph", paragraph: 2 },
      { kind: "paragraph", paragraph: 3 },
      { kind: "paragraph", paragraph: 4 },
      { kind: "paragraph", paragraph: 5 },
      { kind: "table", table: 1, row: 1 },
    ]);
  });

  it("reads a page wrapped in a layout table as flow, and a table nested in a data cell as that cell's lines", async () => {
    const page = [
      "<table width=980><tr><td><p>首页 &gt; 预算公开</p></td></tr><tr><td>",
      "<p>部门预算财政拨款“三公”经费支出表</p>",
      "<table><tr><td>合计</td><td>5.00</td></tr><tr><td>公务接待费</td><td>5.00</td></tr></table>",
      "</td></tr></table>",
      "<table><tr><td>项目</td><td>说明</td></tr><tr><td>“三公”经费</td><td>合计 5.00<table><tr><td>公务接待费</td><td>5.00</td></tr></table></td></tr></table>",
    ].join("");
    const model = await readHtml(new TextEncoder().encode(page), "layout.html");
    expect(paragraphs(model)).toEqual(["首页 > 预算公开", "部门预算财政拨款“三公”经费支出表"]);
    expect(tables(model).map(texts)).toEqual([
      [
        ["合计", "5.00"],
        ["公务接待费", "5.00"],
      ],
      [
        ["项目", "说明"],
        ["“三公”经费", "合计 5.00\n公务接待费 5.00"],
      ],
    ]);
    expect(tables(model).map((t) => t.place)).toEqual([
      { kind: "table", table: 1, row: 1 },
      { kind: "table", table: 2, row: 1 },
    ]);
  });

  it("reads Excel's web page as a page: the title row spans the table, the hidden sizing row is left out", async () => {
    const model = await readHtml(EXCEL_PAGE, "三公.html");
    expect(model.producer).toBe("Microsoft Excel 15");
    const t = tables(model)[0] as DocTable;
    expect(t.rows.map((r) => r.cells.map((c) => [c.text, c.colSpan]))).toEqual([
      [["部门预算财政拨款“三公”经费支出表", 3]],
      [
        ["项目", 1],
        ["合计", 1],
        ["公务接待费", 1],
      ],
      [
        ["合计", 1],
        ["5.00", 1],
        ["5.00", 1],
      ],
    ]);
  });

  it("refuses a page with nothing to read", async () => {
    await expect(
      readHtml(new TextEncoder().encode("<html><body> </body></html>"), "empty.html"),
    ).rejects.toThrow(UnreadableFileError);
  });
});

/** A sheet as Excel's "save as web page" writes it (GBK, conditional comments, a hidden sizing row). */
const EXCEL_PAGE = gbk(
  [
    '<html xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:x="urn:schemas-microsoft-com:office:excel">',
    '<head><meta http-equiv=Content-Type content="text/html; charset=gb2312"><meta name=ProgId content=Excel.Sheet>',
    '<meta name=Generator content="Microsoft Excel 15"><style>.xl67{mso-number-format:"0\\.00"}</style>',
    "<!--[if gte mso 9]><xml><x:ExcelWorkbook><x:ExcelWorksheets><x:ExcelWorksheet><x:Name>三公</x:Name>",
    "</x:ExcelWorksheet></x:ExcelWorksheets></x:ExcelWorkbook></xml><![endif]--></head><body link=blue vlink=purple>",
    "<table border=0 cellpadding=0 cellspacing=0 width=866 style='border-collapse:collapse;table-layout:fixed'>",
    " <col width=72 style='width:54pt'>",
    " <tr height=19><td colspan=3 class=xl65>部门预算财政拨款“三公”经费支出表</td></tr>",
    " <tr height=19><td>项目</td><td>合计</td><td>公务接待费</td></tr>",
    ' <tr height=19><td>合计</td><td class=xl67 x:num="5">5.00</td><td class=xl67 x:num>5.00</td></tr>',
    " <![if supportMisalignedColumns]>",
    " <tr height=0 style='display:none'><td width=72 style='width:54pt'></td></tr>",
    " <![endif]>",
    "</table></body></html>",
  ].join("\n"),
);

describe("readWorkbook", () => {
  it("reads Excel's web page as .xls: the sheet's name, its title row as a paragraph, amounts as printed", async () => {
    const model = await readWorkbook(EXCEL_PAGE, "三公.xls");
    expect(model.format).toBe("xls");
    expect(model.producer).toBe("Microsoft Excel 15");
    expect(model.parts.map((p) => p.label)).toEqual(["工作表“三公”"]);
    expect(paragraphs(model)).toEqual(["部门预算财政拨款“三公”经费支出表"]);
    expect(tables(model).map(texts)).toEqual([
      [
        ["项目", "合计", "公务接待费"],
        ["合计", "5.00", "5.00"],
      ],
    ]);
  });

  it("shows the displayed text of numbers: 5.00 from a 0.00 format, 5 from General, - for an accounting zero", async () => {
    const ws: XLSX.WorkSheet = {
      A1: { t: "s", v: "公务接待费" },
      B1: { t: "n", v: 5, z: "0.00" },
      C1: { t: "n", v: 5 },
      D1: { t: "n", v: 0, z: '_ * #,##0.00_ ;_ * -#,##0.00_ ;_ * "-"??_ ;_ @_ ' },
      E1: { t: "n", v: 1234567.5, z: "#,##0.00" },
      "!ref": "A1:E1",
    };
    const model = await readWorkbook(workbookBytes({ 三公: ws }), "a.xlsx");
    expect(model.format).toBe("xlsx");
    expect(texts(tables(model)[0] as DocTable)).toEqual([["公务接待费", "5.00", "5", "-", "1,234,567.50"]]);
  });

  it("keeps merges as spans, trims the huge declared range, and numbers rows as the sheet does", async () => {
    const ws: XLSX.WorkSheet = {
      A3: { t: "s", v: "序号" },
      B3: { t: "s", v: "收入" },
      D3: { t: "s", v: "支出" },
      B4: { t: "s", v: "项目" },
      C4: { t: "s", v: "预算数" },
      D4: { t: "s", v: "项目" },
      E4: { t: "s", v: "预算数" },
      A5: { t: "n", v: 1 },
      B5: { t: "s", v: "一、一般公共预算拨款收入" },
      C5: { t: "n", v: 18401.67, z: "0.00" },
      D5: { t: "s", v: "一、一般公共服务支出" },
      E5: { t: "n", v: 11013.73, z: "0.00" },
      Z9: { t: "s", v: "   " },
      // Real sheets declare far more than they use (A1:IS65536); writing that here would be slow.
      "!ref": "A1:IS300",
      "!merges": [
        XLSX.utils.decode_range("A3:A4"),
        XLSX.utils.decode_range("B3:C3"),
        XLSX.utils.decode_range("D3:E3"),
      ],
    };
    const model = await readWorkbook(workbookBytes({ "1.收支总表": ws }), "b.xlsx");
    expect(model.parts.map((p) => p.label)).toEqual(["工作表“1.收支总表”"]);
    const t = tables(model)[0] as DocTable;
    expect(t.rows.map((r) => r.cells)).toEqual([
      [
        { text: "序号", colSpan: 1, rowSpan: 2 },
        { text: "收入", colSpan: 2, rowSpan: 1 },
        { text: "支出", colSpan: 2, rowSpan: 1 },
      ],
      ["项目", "预算数", "项目", "预算数"].map((text) => ({ text, colSpan: 1, rowSpan: 1 })),
      ["1", "一、一般公共预算拨款收入", "18401.67", "一、一般公共服务支出", "11013.73"].map((text) => ({
        text,
        colSpan: 1,
        rowSpan: 1,
      })),
    ]);
    expect(placeLabel(t.rows[2]?.place ?? { kind: "line", line: 0 })).toBe("工作表“1.收支总表” 第5行");
  });

  it("leaves out hidden rows and columns as the printout does, and says so", async () => {
    const ws = XLSX.utils.aoa_to_sheet([
      ["项目", "内部编码", "合计"],
      ["公务接待费", "X-01", "5.00"],
      ["备用行", "X-02", "0.00"],
      ["合计", "", "5.00"],
    ]);
    ws["!cols"] = [{}, { hidden: true }, {}];
    ws["!rows"] = [{}, {}, { hidden: true }];
    const model = await readWorkbook(workbookBytes({ 三公: ws }), "hidden.xlsx");
    expect(tables(model).map(texts)).toEqual([
      [
        ["项目", "合计"],
        ["公务接待费", "5.00"],
        ["合计", "5.00"],
      ],
    ]);
    expect(tables(model)[0]?.rows.map((r) => r.place)).toEqual([
      { kind: "sheet", sheet: "三公", row: 1 },
      { kind: "sheet", sheet: "三公", row: 2 },
      { kind: "sheet", sheet: "三公", row: 4 },
    ]);
    expect(model.warnings).toEqual(["工作表“三公”有隐藏的1行、1列，未读取（打印时也不显示）"]);
  });

  it("splits a sheet holding two tables on the blank row, their titles and notes as paragraphs", async () => {
    const ws = XLSX.utils.aoa_to_sheet([
      ["部门预算政府性基金预算财政拨款支出表"],
      ["科目编码", "科目名称", "合计"],
      ["", "合计", ""],
      ["注：无政府基金预算财政拨款预算，空表列示。"],
      [],
      ["部门预算国有资本经营预算财政拨款支出表", "", ""],
      ["科目编码", "科目名称", "合计"],
      ["208", "社会保障和就业支出", "12.50"],
    ]);
    ws["!merges"] = [XLSX.utils.decode_range("A6:C6")];
    const model = await readWorkbook(workbookBytes({ Sheet1: ws }), "two.xlsx");
    const blocks = model.parts[0]?.blocks ?? [];
    expect(blocks.map((b) => [b.type, b.place])).toEqual([
      ["paragraph", { kind: "sheet", sheet: "Sheet1", row: 1 }],
      ["table", { kind: "sheet", sheet: "Sheet1", row: 2 }],
      ["paragraph", { kind: "sheet", sheet: "Sheet1", row: 4 }],
      ["paragraph", { kind: "sheet", sheet: "Sheet1", row: 6 }],
      ["table", { kind: "sheet", sheet: "Sheet1", row: 7 }],
    ]);
    expect(paragraphs(model)).toEqual([
      "部门预算政府性基金预算财政拨款支出表",
      "注：无政府基金预算财政拨款预算，空表列示。",
      "部门预算国有资本经营预算财政拨款支出表",
    ]);
    expect(tables(model).map(texts)).toEqual([
      [
        ["科目编码", "科目名称", "合计"],
        ["", "合计", ""],
      ],
      [
        ["科目编码", "科目名称", "合计"],
        ["208", "社会保障和就业支出", "12.50"],
      ],
    ]);
  });

  it("reads HTML saved as .xls in GBK, and SpreadsheetML 2003", async () => {
    const html = gbk(
      '<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"></head><body><table><tr><td>公务接待费</td><td>5.00</td></tr></table></body></html>',
    );
    const fromHtml = await readWorkbook(html, "三公.xls");
    expect(fromHtml.format).toBe("xls");
    expect(tables(fromHtml).map(texts)).toEqual([[["公务接待费", "5.00"]]]);

    const xml = [
      '<?xml version="1.0" encoding="UTF-8"?>',
      '<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet">',
      '<Worksheet ss:Name="三公"><Table>',
      '<Row><Cell ss:MergeAcross="1"><Data ss:Type="String">“三公”经费合计</Data></Cell></Row>',
      '<Row><Cell><Data ss:Type="String">公务接待费</Data></Cell><Cell><Data ss:Type="String">5.00</Data></Cell></Row>',
      "</Table></Worksheet></Workbook>",
    ].join("");
    const fromXml = await readWorkbook(new TextEncoder().encode(xml), "三公.xml");
    expect(fromXml.parts.map((p) => p.label)).toEqual(["工作表“三公”"]);
    expect(paragraphs(fromXml)).toEqual(["“三公”经费合计"]);
    expect(tables(fromXml).map(texts)).toEqual([[["公务接待费", "5.00"]]]);
    // It looks like markup (`<Table>`), so a dispatcher may hand it to the HTML reader: same result.
    expect((await readHtml(new TextEncoder().encode(xml), "三公.xml")).parts).toEqual(fromXml.parts);
  });

  it("reads the rebuilt seed workbook: one part per sheet, amounts as printed", async () => {
    const model = await readWorkbook(fixture("seed000.xlsx"), "seed000.xlsx");
    expect(model.parts.map((p) => p.label)).toEqual([
      "工作表“1.收支总表”",
      "工作表“2.收入总表”",
      "工作表“3.支出总表”",
      "工作表“4.财政拨款收支总表”",
      "工作表“5.一般公共预算财政拨款支出表”",
      "工作表“6.一般公共预算财政拨款基本支出表”",
      "工作表“7.政府性基金预算财政拨款支出表”",
      "工作表“8.国有资本经营预算财政拨款支出表”",
      "工作表“9.三公经费支出表”",
      "工作表“说明”",
    ]);
    const sanGong = tables({
      ...model,
      parts: [model.parts[8] as DocumentModel["parts"][number]],
    })[0] as DocTable;
    expect(texts(sanGong).find((r) => r[1] === "合计")).toEqual(["1", "合计", "5.00", "5.00", "", ""]);
  });
});

describe("readOle2", () => {
  it("reads an .xls workbook (BIFF8 made by LibreOffice) like the .xlsx it came from", async () => {
    const xls = await readOle2(fixture("seed000.xls"), "seed000.xls");
    const xlsx = await readWorkbook(fixture("seed000.xlsx"), "seed000.xlsx");
    expect(xls.format).toBe("xls");
    expect(xls.parts).toEqual(xlsx.parts);
  });

  it("reads a BIFF8 .xls written by SheetJS: merged title as a paragraph, 0.00 and accounting formats as printed", async () => {
    const ws: XLSX.WorkSheet = {
      A1: { t: "s", v: "部门预算财政拨款“三公”经费支出表" },
      A2: { t: "s", v: "合计" },
      B2: { t: "n", v: 5, z: "0.00" },
      C2: { t: "n", v: 0, z: '_ * #,##0.00_ ;_ * -#,##0.00_ ;_ * "-"??_ ;_ @_ ' },
      "!ref": "A1:C2",
      "!merges": [XLSX.utils.decode_range("A1:C1")],
    };
    const model = await readOle2(workbookBytes({ 三公: ws }, "biff8"), "三公.xls");
    expect(model.parts.map((p) => p.label)).toEqual(["工作表“三公”"]);
    expect(paragraphs(model)).toEqual(["部门预算财政拨款“三公”经费支出表"]);
    expect(tables(model).map(texts)).toEqual([[["合计", "5.00", "-"]]]);
  });

  it("reads a WPS .et (the same OLE2 workbook) whatever its name says", async () => {
    const et = await readOle2(fixture("seed000.xls"), "部门预算.et");
    expect(et.parts).toHaveLength(10);
  });

  it("refuses a legacy Word .doc with how to convert it", async () => {
    const attempt = readOle2(fixture("legacy.doc"), "旧文件.doc");
    await expect(attempt).rejects.toThrow(UnreadableFileError);
    await expect(readOle2(fixture("legacy.doc"), "旧文件.doc")).rejects.toThrow(
      "这是旧版 Word（.doc/.wps）文件，请用 Word 或 WPS 另存为 .docx 或 PDF 后再导入",
    );
  });

  it("refuses an OLE2 file that is neither a workbook nor a Word document, saying how to convert", async () => {
    const cfb = XLSX.CFB.utils.cfb_new();
    XLSX.CFB.utils.cfb_add(cfb, "/WpsContent", new Uint8Array([1, 2, 3]));
    const bytes = new Uint8Array(XLSX.CFB.write(cfb, { type: "array" }) as ArrayBuffer);
    await expect(readOle2(bytes, "报告.wps")).rejects.toThrow("这是旧版 Word（.doc/.wps）文件");
    await expect(readOle2(bytes, "附件.bin")).rejects.toThrow("请另存为 .docx、.xlsx 或 PDF 后再导入");
  });

  it("refuses bytes that are not a compound file", async () => {
    const bytes = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0]);
    await expect(readOle2(bytes, "broken.xls")).rejects.toThrow(UnreadableFileError);
  });
});

describe("readDocx", () => {
  it("reads the rebuilt seed: merges from vMerge and gridSpan, curly quotes and amounts exact", async () => {
    const model = await readDocx(fixture("seed000.docx"), "seed000.docx");
    expect(model.format).toBe("docx");
    expect(model.producer).toMatch(/LibreOffice/);
    const first = tables(model)[0] as DocTable;
    expect(first.rows[1]?.cells.slice(0, 3)).toEqual([
      { text: "序号", colSpan: 1, rowSpan: 2 },
      { text: "收入", colSpan: 2, rowSpan: 1 },
      { text: "支出", colSpan: 2, rowSpan: 1 },
    ]);
    expect(paragraphs(model)).toContain("部门预算财政拨款“三公”经费支出表");
    expect(paragraphs(model).filter((p) => p.includes("5.00万元"))[0]).toBe(PROSE);
  });

  it("keeps a table nested in a cell as that cell's lines and numbers paragraphs around it", async () => {
    const model = await readDocx(fixture("nested.docx"), "nested.docx");
    const blocks = model.parts[0]?.blocks ?? [];
    expect(blocks.map((b) => b.place)).toEqual([
      { kind: "paragraph", paragraph: 1 },
      { kind: "table", table: 1, row: 1 },
      { kind: "paragraph", paragraph: 2 },
    ]);
    expect(paragraphs(model)).toEqual(["四、财政拨款“三公”经费预算情况", "以上数据为预算数。"]);
    expect(texts(tables(model)[0] as DocTable)).toEqual([
      ["项目", "说明"],
      ["“三公”经费", "合计 5.00 万元\n公务接待费 5.00"],
    ]);
  });

  it("warns when it read noticeably less text than word/document.xml holds", async () => {
    // Hide the first paragraph's run from mammoth (inside w:del) while its w:t stays in the XML.
    const zip = XLSX.CFB.read(fixture("nested.docx"), { type: "array" });
    const at = zip.FullPaths.findIndex((p: string) => p.endsWith("/word/document.xml"));
    const entry = zip.FileIndex[at] as { content: Uint8Array };
    const xml = Buffer.from(entry.content).toString("utf8");
    const run = /<w:r>(?:(?!<\/w:r>)[\s\S])*四、财政拨款(?:(?!<\/w:r>)[\s\S])*<\/w:r>/.exec(
      xml,
    )?.[0] as string;
    expect(run).toBeTruthy();
    entry.content = new TextEncoder().encode(xml.replace(run, `<w:del w:id="9" w:author="x">${run}</w:del>`));
    const bytes = new Uint8Array(XLSX.CFB.write(zip, { fileType: "zip", type: "array" }) as ArrayBuffer);
    const model = await readDocx(bytes, "hidden.docx");
    expect(paragraphs(model)).toEqual(["以上数据为预算数。"]);
    expect(model.warnings).toEqual(["Word 文件 hidden.docx 中约 31% 的文字未能读取"]);
    expect((await readDocx(fixture("nested.docx"), "nested.docx")).warnings).toEqual([]);
  });

  it("refuses a zip that is not a Word document", async () => {
    await expect(readDocx(fixture("seed000.xlsx"), "fake.docx")).rejects.toThrow(UnreadableFileError);
  });
});
