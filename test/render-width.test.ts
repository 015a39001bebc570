import stringWidth from "string-width";
import { describe, expect, it } from "vitest";
import { displayWidth, plainWidth } from "../src/render/width.js";

describe("displayWidth fast path", () => {
  it("gives string-width's width for every code point it handles itself", () => {
    const wrong: string[] = [];
    for (let code = 0; code <= 0xffff; code++) {
      const w = plainWidth(code);
      if (w < 0) continue;
      const ch = String.fromCharCode(code);
      if (w !== stringWidth(ch)) wrong.push(`U+${code.toString(16)}: ${w} ≠ ${stringWidth(ch)}`);
    }
    expect(wrong).toEqual([]);
  });

  it("falls back to string-width for anything else (emoji, combining marks, tabs)", () => {
    for (const s of ["预算👍", "e\u0301", "a\tb", "〽\ufe0f", "ｶﾞ", "·"])
      expect(displayWidth(s)).toBe(stringWidth(s));
    expect(displayWidth("“三公”经费（万元）")).toBe(stringWidth("“三公”经费（万元）"));
  });
});
