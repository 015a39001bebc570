/** The chat markdown shared by the DingTalk and WeCom renderers: escaping only what would become markup. */
import { describe, expect, it } from "vitest";
import { escapeMarkdown, renderMarkdown } from "../src/render/markdown.js";

describe("chat markdown", () => {
  it("escapes emphasis, code, links and HTML but leaves underscores inside file names alone", () => {
    expect(escapeMarkdown("000_30685518d77b763b.txt")).toBe("000_30685518d77b763b.txt");
    expect(escapeMarkdown("_a_ *b* [c](d) <e> # f")).toBe("\\_a\\_ \\*b\\* \\[c\\](d) \\<e> # f");
  });

  it("escapes headings and quotes only at a line start, and pipes only inside table cells", () => {
    expect(escapeMarkdown("# 标题\n> 引用 a|b")).toBe("\\# 标题\n\\> 引用 a|b");
    expect(escapeMarkdown("a|b", { cell: true })).toBe("a\\|b");
  });

  it("keeps money text exact and aligns a monospace table inside one code block", () => {
    const [m] = renderMarkdown(
      {
        heading: "三公经费",
        table: {
          columns: [
            { header: "项目", align: "left" },
            { header: "金额（万元）", align: "right" },
          ],
          rows: [
            ["公务接待费", "5.00"],
            ["因公出国（境）费", "12.30"],
          ],
        },
      },
      { maxBytes: 4000, table: "mono", hints: false },
    );
    const text = m?.text ?? "";
    expect(text.match(/```/g)).toHaveLength(2);
    expect(text).toMatch(/^ +5\.00 {2}公务接待费$/m);
    expect(text).toMatch(/^ +12\.30 {2}因公出国（境）费$/m);
  });
});
