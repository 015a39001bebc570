/** /check's footer names the units its findings are written in (a 元 document is not in 万元). */
import { describe, expect, it } from "vitest";
import { checkReply } from "../src/answers/check.js";
import type { Finding } from "../src/domain/findings.js";
import { blankDisclosure } from "./helpers/blank-disclosure.js";

const finding = (message: string): Finding => {
  const side = { label: "x", text: "1", fen: 100, source: { file: "f.pdf", section: "s", line: 1 } };
  return { ruleId: "r", severity: "error", message, left: side, right: side, differenceFen: 100 };
};
const footer = (messages: string[]) =>
  checkReply(blankDisclosure("f.pdf"), messages.map(finding), {
    page: 1,
    includeRounding: true,
    commandFor: String,
  }).notes?.join("\n") ?? "";

describe("/check footer units", () => {
  it("says 元 when the findings are in 元", () => {
    const text = footer(["收支总表「收入总计」 156,211,123 与 … 不一致，相差 1,200 元。"]);
    expect(text).toContain("金额单位：元；");
    expect(text).not.toContain("金额单位：万元");
  });

  it("says 万元 when they are in 万元, and names both when they mix", () => {
    expect(footer(["… 相差 841.70 万元。"])).toContain("金额单位：万元；");
    expect(footer(["… 相差 841.70 万元。", "… 相差 1,200 元。"])).toContain(
      "金额单位：各条自注（万元、元）；",
    );
  });
});
