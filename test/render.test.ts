import { describe, expect, it } from "vitest";
import { blockTextLength, renderSlack } from "../src/adapters/slack/render.js";
import { renderTelegram } from "../src/adapters/telegram/render.js";
import {
  SLACK_HEADER_TEXT_MAX,
  SLACK_MAX_BLOCKS,
  SLACK_SECTION_TEXT_MAX,
  SLACK_TABLE_MAX_ROWS,
  SLACK_TOP_TEXT_MAX,
  SLACK_TOTAL_BLOCK_TEXT_MAX,
  TELEGRAM_CALLBACK_DATA_MAX_BYTES,
  TELEGRAM_MESSAGE_MAX,
} from "../src/platforms/limits.js";
import { renderText } from "../src/render/index.js";
import {
  displayWidth,
  layoutMonoTable,
  padEndWidth,
  padStartWidth,
  truncateChars,
} from "../src/render/width.js";
import type { Reply, ReplyTable } from "../src/reply/reply.js";

const sanGong: ReplyTable = {
  columns: [
    { header: "项目", align: "left" },
    { header: "合计", align: "right" },
    { header: "一般公共预算财政拨款", align: "right" },
  ],
  rows: [
    ["因公出国（境）费", "未列示", "未列示"],
    ["公务接待费", "5.00", "5.00"],
  ],
  totals: [["合计", "5.00", "5.00"]],
};

const sample: Reply = {
  heading: "河北雄安新区容东管理委员会 2024年 “三公”经费（万元）",
  table: sanGong,
  warnings: ["合计 5.00 与分项之和不一致"],
  notes: ["未列示 = 文件未载明"],
  sources: [{ file: "000_容东.txt", section: "部门预算财政拨款“三公”经费支出表", line: 1735 }],
  actions: [
    { label: "上一页", command: "/budget 容东 2024 三公 --page 1", kind: "page" },
    { label: "下一页", command: "/budget 容东 2024 三公 --page 3", kind: "page" },
    { label: "导出 CSV", command: "/export 容东 2024 三公", kind: "export" },
  ],
  page: { index: 1, count: 3, total: 25 },
};

/** A reply whose table has `n` body rows with CJK labels and money columns. */
function bigReply(n: number): Reply {
  const rows = Array.from({ length: n }, (_, i) => [
    `后勤保障服务项目${String(i + 1).padStart(3, "0")}`,
    `${1000 + i}.50`,
    `${i}.25`,
  ]);
  return {
    heading: "容东 2024 项目支出（万元）",
    table: { ...sanGong, rows, totals: [["合计", "999999.00", "88888.00"]] },
    sources: [{ file: "000_容东.txt", section: "项目支出表", line: 10 }],
    actions: [{ label: "导出 CSV", command: "/export 容东 2024 项目", kind: "export" }],
  };
}

type Block = { type: string; text?: { type: string; text: string }; elements?: unknown[] };

/** The mrkdwn text of every section block. */
function sectionTexts(blocks: unknown[]): string[] {
  return (blocks as Block[]).filter((b) => b.type === "section" && b.text).map((b) => b.text!.text);
}

function unescapeHtml(s: string): string {
  return s.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
}

/** The lines inside every <pre> of a Telegram message. */
function preLines(html: string): string[] {
  const m = /<pre>([\s\S]*?)<\/pre>/.exec(html);
  return m ? unescapeHtml(m[1]!).split("\n") : [];
}

describe("width helpers", () => {
  it("counts a CJK character as two columns and pads by display width", () => {
    expect(displayWidth("公务接待费")).toBe(10);
    expect(displayWidth("因公出国（境）费")).toBe(16);
    expect(padEndWidth("合计", 6)).toBe("合计  ");
    expect(padStartWidth("5.00", 6)).toBe("  5.00");
    expect(padStartWidth("未列示", 4)).toBe("未列示");
  });

  it("truncates with a visible marker and never splits a surrogate pair", () => {
    expect(truncateChars("abcdef", 4)).toBe("abc…");
    expect(truncateChars("ab😀cd", 4)).toBe("ab…");
    expect(truncateChars("abc", 3)).toBe("abc");
  });

  it("moves label columns last when asked, keeping the order of the rest", () => {
    const t = layoutMonoTable(sanGong, { labelLast: true, trimEnd: true });
    expect(t.head[0]).toBe("  合计  一般公共预算财政拨款  项目");
    expect(t.rows[0]).toBe("未列示                未列示  因公出国（境）费");
  });
});

describe("renderText", () => {
  it("renders the 三公 sample with an aligned table, warning, source, page and hints", () => {
    expect(renderText(sample)).toMatchInlineSnapshot(`
      "河北雄安新区容东管理委员会 2024年 “三公”经费（万元）

      项目                合计  一般公共预算财政拨款
      ----------------------------------------------
      因公出国（境）费  未列示                未列示
      公务接待费          5.00                  5.00
      ----------------------------------------------
      合计                5.00                  5.00

      ⚠ 合计 5.00 与分项之和不一致
      未列示 = 文件未载明
      来源：000_容东.txt · 部门预算财政拨款“三公”经费支出表 · 第1735行

      第 2/3 页，共 25 条
      上一页：/budget 容东 2024 三公 --page 1
      下一页：/budget 容东 2024 三公 --page 3
      导出 CSV：/export 容东 2024 三公"
    `);
  });

  it("gives every table line the same display width, CJK counted as two columns", () => {
    const text = renderText(bigReply(30));
    const lines = text.split("\n\n")[1]!.split("\n");
    expect(lines).toHaveLength(1 + 1 + 30 + 1 + 1);
    const widths = new Set(lines.map(displayWidth));
    expect([...widths]).toEqual([displayWidth(lines[0]!)]);
  });

  it("renders fields as label：value and keeps text paragraphs in order", () => {
    const text = renderText({
      heading: "容东 2024 预算",
      text: ["第一段", "第二段"],
      fields: [
        { label: "预算数", value: "961.30" },
        { label: "上年数", value: "未列示" },
      ],
    });
    expect(text).toBe("容东 2024 预算\n\n第一段\n第二段\n\n预算数：961.30\n上年数：未列示");
  });
});

describe("renderSlack", () => {
  it("renders the 三公 sample with a header, context, buttons and a native table in attachments", () => {
    const msg = renderSlack(sample);
    expect(msg.blocks).toMatchInlineSnapshot(`
      [
        {
          "text": {
            "emoji": true,
            "text": "河北雄安新区容东管理委员会 2024年 “三公”经费（万元）",
            "type": "plain_text",
          },
          "type": "header",
        },
        {
          "elements": [
            {
              "text": "⚠ 合计 5.00 与分项之和不一致
      未列示 = 文件未载明
      来源：000_容东.txt · 部门预算财政拨款“三公”经费支出表 · 第1735行
      第 2/3 页，共 25 条",
              "type": "mrkdwn",
            },
          ],
          "type": "context",
        },
        {
          "elements": [
            {
              "action_id": "bb_page_0",
              "text": {
                "emoji": true,
                "text": "上一页",
                "type": "plain_text",
              },
              "type": "button",
              "value": "/budget 容东 2024 三公 --page 1",
            },
            {
              "action_id": "bb_page_1",
              "text": {
                "emoji": true,
                "text": "下一页",
                "type": "plain_text",
              },
              "type": "button",
              "value": "/budget 容东 2024 三公 --page 3",
            },
            {
              "action_id": "bb_export_0",
              "text": {
                "emoji": true,
                "text": "导出 CSV",
                "type": "plain_text",
              },
              "type": "button",
              "value": "/export 容东 2024 三公",
            },
          ],
          "type": "actions",
        },
      ]
    `);
    expect(msg.attachments).toMatchInlineSnapshot(`
      [
        {
          "blocks": [
            {
              "column_settings": [
                {
                  "align": "left",
                  "is_wrapped": true,
                },
                {
                  "align": "right",
                  "is_wrapped": false,
                },
                {
                  "align": "right",
                  "is_wrapped": false,
                },
              ],
              "rows": [
                [
                  {
                    "text": "项目",
                    "type": "raw_text",
                  },
                  {
                    "text": "合计",
                    "type": "raw_text",
                  },
                  {
                    "text": "一般公共预算财政拨款",
                    "type": "raw_text",
                  },
                ],
                [
                  {
                    "text": "因公出国（境）费",
                    "type": "raw_text",
                  },
                  {
                    "text": "未列示",
                    "type": "raw_text",
                  },
                  {
                    "text": "未列示",
                    "type": "raw_text",
                  },
                ],
                [
                  {
                    "text": "公务接待费",
                    "type": "raw_text",
                  },
                  {
                    "text": "5.00",
                    "type": "raw_text",
                  },
                  {
                    "text": "5.00",
                    "type": "raw_text",
                  },
                ],
                [
                  {
                    "text": "合计",
                    "type": "raw_text",
                  },
                  {
                    "text": "5.00",
                    "type": "raw_text",
                  },
                  {
                    "text": "5.00",
                    "type": "raw_text",
                  },
                ],
              ],
              "type": "table",
            },
          ],
        },
      ]
    `);
    expect(msg.text).toBe(renderText(sample));
  });

  it("renders the table as a code block with labels last when asked for code", () => {
    const msg = renderSlack(sample, { table: "code" });
    expect(msg.attachments).toBeUndefined();
    expect(sectionTexts(msg.blocks)).toMatchInlineSnapshot(`
      [
        "\`\`\`
        合计  一般公共预算财政拨款  项目
      ----------------------------------------------
      未列示                未列示  因公出国（境）费
        5.00                  5.00  公务接待费
      ----------------------------------------------
        5.00                  5.00  合计
      \`\`\`",
      ]
    `);
  });

  it("keeps a 500-row table within 100 table rows and 50 blocks, with a visible note of the rows left out", () => {
    const msg = renderSlack(bigReply(500));
    expect(msg.blocks.length).toBeLessThanOrEqual(SLACK_MAX_BLOCKS);
    const table = (msg.attachments as Array<{ blocks: Array<{ type: string; rows: unknown[][] }> }>)[0]!
      .blocks[0]!;
    expect(table.type).toBe("table");
    expect(table.rows).toHaveLength(SLACK_TABLE_MAX_ROWS);
    // Header + 98 body rows + 1 totals row; the other 402 are announced, not dropped silently.
    expect(sectionTexts(msg.blocks)).toContain("…另有 402 行，请用导出查看");
    expect(JSON.stringify(table.rows.at(-1))).toContain("999999.00");
    expect(msg.text.length).toBeLessThanOrEqual(SLACK_TOP_TEXT_MAX);
    expect(msg.text).toMatch(/已截断/);
  });

  it("keeps a 500-row code-block table within 50 blocks, 3000 chars a section and 12k in total", () => {
    const msg = renderSlack(bigReply(500), { table: "code" });
    expect(msg.blocks.length).toBeLessThanOrEqual(SLACK_MAX_BLOCKS);
    const texts = sectionTexts(msg.blocks);
    for (const t of texts) expect(t.length).toBeLessThanOrEqual(SLACK_SECTION_TEXT_MAX);
    expect(blockTextLength(msg.blocks)).toBeLessThanOrEqual(SLACK_TOTAL_BLOCK_TEXT_MAX);
    const code = texts.filter((t) => t.startsWith("```"));
    expect(code.length).toBeGreaterThan(1);
    const shown = code
      .join("\n")
      .split("\n")
      .filter((l) => /后勤保障服务项目\d{3}$/.test(l));
    const note = texts.find((t) => t.startsWith("…另有"));
    expect(note).toBe(`…另有 ${500 - shown.length} 行，请用导出查看`);
    // Rows are cut at the end, in order, and the totals still close the table.
    expect(shown[0]).toMatch(/项目001$/);
    expect(shown.at(-1)).toMatch(new RegExp(`项目${String(shown.length).padStart(3, "0")}$`));
    expect(code.at(-1)).toMatch(/999999\.00 +88888\.00 {2}合计\n```$/);
  });

  it("escapes & < > in mrkdwn text, fields, table code, context and the fallback text", () => {
    const msg = renderSlack(
      {
        heading: "A&B <标题>",
        text: ["<!channel> & co"],
        fields: [{ label: "a<b", value: "c>d" }],
        table: { columns: [{ header: "名<称", align: "left" }], rows: [["x&y"]] },
        warnings: ["<警告>"],
      },
      { table: "code" },
    );
    const json = JSON.stringify(msg.blocks);
    expect(json).toContain("&lt;!channel&gt; &amp; co");
    expect(json).toContain("*a&lt;b*\\nc&gt;d");
    expect(json).toContain("名&lt;称");
    expect(json).toContain("x&amp;y");
    expect(json).toContain("⚠ &lt;警告&gt;");
    expect(json).not.toMatch(/<!channel>|<警告>/);
    // The header is plain_text: shown verbatim, not entity-escaped.
    expect((msg.blocks[0] as Block).text!.text).toBe("A&B <标题>");
    expect(msg.text).toContain("&lt;!channel&gt;");
  });

  it("truncates the header to 150 characters with an ellipsis", () => {
    const heading = "部".repeat(200);
    const header = renderSlack({ heading }).blocks[0] as Block;
    expect(header.type).toBe("header");
    expect(header.text!.text).toHaveLength(SLACK_HEADER_TEXT_MAX);
    expect(header.text!.text.endsWith("部…")).toBe(true);
  });

  it("leaves out a button whose command exceeds 2000 characters and shows the command instead", () => {
    const command = `/project ${"很长".repeat(1100)}`;
    const msg = renderSlack({ heading: "h", actions: [{ label: "选择", command, kind: "choose" }] });
    expect((msg.blocks as Block[]).some((b) => b.type === "actions")).toBe(false);
    expect(JSON.stringify(msg.blocks)).toContain("选择：`/project 很长很长");
  });

  it("falls back to a code block when the table has more than 20 columns", () => {
    const columns = Array.from({ length: 21 }, (_, i) => ({ header: `列${i}`, align: "right" as const }));
    const msg = renderSlack({ heading: "宽表", table: { columns, rows: [columns.map((_, i) => `${i}`)] } });
    expect(msg.attachments).toBeUndefined();
    expect(sectionTexts(msg.blocks)[0]).toMatch(/^```\n列0/);
  });

  it("shows an error reply as a plain section instead of a header", () => {
    const msg = renderSlack({ heading: "找不到单位：东容", kind: "error" });
    expect(msg.blocks).toEqual([{ type: "section", text: { type: "mrkdwn", text: "找不到单位：东容" } }]);
  });
});

describe("renderTelegram", () => {
  it("renders the 三公 sample as one HTML message with a <pre> table and the keyboard", () => {
    expect(renderTelegram(sample)).toMatchInlineSnapshot(`
      [
        {
          "parse_mode": "HTML",
          "reply_markup": {
            "inline_keyboard": [
              [
                {
                  "callback_data": "/budget 容东 2024 三公 --page 1",
                  "text": "上一页",
                },
                {
                  "callback_data": "/budget 容东 2024 三公 --page 3",
                  "text": "下一页",
                },
              ],
              [
                {
                  "callback_data": "/export 容东 2024 三公",
                  "text": "导出 CSV",
                },
              ],
            ],
          },
          "text": "<b>河北雄安新区容东管理委员会 2024年 “三公”经费（万元）</b>

      <pre>  合计  一般公共预算财政拨款  项目
      ----------------------------------------------
      未列示                未列示  因公出国（境）费
        5.00                  5.00  公务接待费
      ----------------------------------------------
        5.00                  5.00  合计</pre>

      ⚠ 合计 5.00 与分项之和不一致
      未列示 = 文件未载明
      来源：000_容东.txt · 部门预算财政拨款“三公”经费支出表 · 第1735行

      第 2/3 页，共 25 条",
        },
      ]
    `);
  });

  it("splits a 500-row table into messages below 4096 chars that together hold every row in order", () => {
    const reply = bigReply(500);
    const msgs = renderTelegram(reply);
    expect(msgs.length).toBeGreaterThan(1);
    for (const m of msgs) expect(m.text.length).toBeLessThan(TELEGRAM_MESSAGE_MAX);
    const mono = layoutMonoTable(reply.table!, { labelLast: true, trimEnd: true });
    const seen: string[] = [];
    msgs.forEach((m, i) => {
      const lines = preLines(m.text);
      expect(lines.slice(0, 2)).toEqual(mono.head);
      if (i > 0) expect(m.text.startsWith("<b>容东 2024 项目支出（万元）（续）</b>\n<pre>")).toBe(true);
      seen.push(...lines.slice(2));
    });
    expect(seen).toEqual([...mono.rows, ...mono.totals]);
    expect(msgs.slice(0, -1).every((m) => m.reply_markup === undefined)).toBe(true);
    expect(msgs.at(-1)!.reply_markup?.inline_keyboard).toEqual([
      [{ text: "导出 CSV", callback_data: "/export 容东 2024 项目" }],
    ]);
    expect(msgs.at(-1)!.text).toContain("来源：000_容东.txt · 项目支出表 · 第10行");
  });

  it("escapes only & < > in HTML", () => {
    const [msg] = renderTelegram({
      heading: "A&B <标题>",
      text: ['<script> & "引号"'],
      table: { columns: [{ header: "名<称", align: "left" }], rows: [["x&y"]] },
    });
    expect(msg!.text).toBe(
      '<b>A&amp;B &lt;标题&gt;</b>\n\n&lt;script&gt; &amp; "引号"\n\n<pre>名&lt;称\n-----\nx&amp;y</pre>',
    );
  });

  it("uses the adapter's short callback tokens when given", () => {
    const [msg] = renderTelegram(sample, { callbackData: (a) => `t:${a.kind}:${a.label.length}` });
    expect(msg!.reply_markup?.inline_keyboard).toEqual([
      [
        { text: "上一页", callback_data: "t:page:3" },
        { text: "下一页", callback_data: "t:page:3" },
      ],
      [{ text: "导出 CSV", callback_data: "t:export:6" }],
    ]);
  });

  it("omits a button whose command exceeds 64 bytes and shows the command to type instead", () => {
    const command = "/project 容东片区后勤保障服务中心物业管理项目 --page 2";
    expect(Buffer.byteLength(command)).toBeGreaterThan(TELEGRAM_CALLBACK_DATA_MAX_BYTES);
    const [msg] = renderTelegram({ heading: "项目", actions: [{ label: "下一页", command, kind: "page" }] });
    expect(msg!.reply_markup).toBeUndefined();
    expect(msg!.text).toBe(`<b>项目</b>\n\n下一页：<code>${command}</code>`);
  });
});
