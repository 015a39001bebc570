import { describe, expect, it } from "vitest";
import { citedPages } from "../scripts/coverage.js";

describe("the coverage script reads the pages an answer cites", () => {
  it("reads single pages, compact lists and ranges", () => {
    expect(
      [...citedPages("来源：a.pdf · 九、三公 · 第15、16页；b · 第20–23页；c · 第9页")].sort((x, y) => x - y),
    ).toEqual([9, 15, 16, 20, 21, 22, 23]);
  });
  it("does not read line numbers as pages", () => {
    expect(citedPages("第67行").size).toBe(0);
  });
});
